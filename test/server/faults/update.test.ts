/**
 * Every update step under Google's faults: one fault at each service call of the submit, then the
 * same submit again (same request id). Run: `npx jest test/server/faults/update.test.ts`.
 */
import { submitUpdate } from '../../../src/server/update';
import { unitWithDossiers } from '../../helpers';
import { cloneDeep } from './clone';
import { inFlightSeen, registerChecks, submit } from './common';
import { picture, tablesOf } from './invariants';
import { sweep } from './sweep';

type Step = Record<string, unknown> & { action: string; at: string };

const TRANSFER: Step = { action: 'transfer', at: '2026-03-02T09:00', department: 'Công an xã' };
const SUPPLEMENT: Step = {
  action: 'request-supplement',
  at: '2026-03-03T10:00',
  missing: 'Bản sao giấy khai sinh',
  reason: 'Thiếu giấy tờ',
};
const RESULT: Step = { action: 'record-result', at: '2026-03-10T09:00' };

/** Each step, after the steps that bring a dossier to where it is allowed. */
const CASES: readonly (readonly [string, readonly Step[], Step])[] = [
  ['transfer', [], TRANSFER],
  ['request-supplement', [TRANSFER], SUPPLEMENT],
  ['receive-supplement', [TRANSFER, SUPPLEMENT], { action: 'receive-supplement', at: '2026-03-05T14:00' }],
  [
    'apologise',
    [TRANSFER],
    { action: 'apologise', at: '2026-03-09T09:00', newDueAt: '2026-03-18T17:00', reason: 'Chờ xác minh' },
  ],
  ['record-result', [TRANSFER], RESULT],
  ['refuse', [TRANSFER], { action: 'refuse', at: '2026-03-10T09:00', reason: 'Không đủ điều kiện' }],
  ['hand-over', [TRANSFER, RESULT], { action: 'hand-over', at: '2026-03-11T09:00', satisfaction: 'Hài lòng' }],
  ['stop', [TRANSFER], { action: 'stop', at: '2026-03-10T09:00', reason: 'Người nộp rút hồ sơ' }],
];

/** One register of eight dossiers, each brought to the state its step starts from, on 12/03/2026 at 10:00. */
function base() {
  const unit = unitWithDossiers(CASES.length);
  unit.world.clock.set(new Date('2026-03-12T10:00:00+07:00'));
  CASES.forEach(([name, before], i) =>
    before.forEach((step, j) => {
      const r = unit.run((s) => submitUpdate(s, { requestId: `prep-${name}-${j}`, code: unit.codes[i], ...step }));
      if (!r.ok) throw new Error(JSON.stringify(r));
    }),
  );
  return { world: unit.world, id: unit.book.id, codes: unit.codes };
}

const totals = { injected: 0, survived: 0 };

describe('every update step: a fault at any one service call', () => {
  const start = base();
  const before = picture(tablesOf(start.world, start.id));

  it.each(CASES.map(([name], i) => [name, i] as const))(
    '%s leaves the register whole, says so in Vietnamese, and the same submit again completes it once',
    (name, i) => {
      const step = { requestId: `sweep-${name}`, code: start.codes[i], ...CASES[i]![2] };
      const report = sweep({
        fresh: () => cloneDeep(start),
        world: (u) => u.world,
        act: (u) => submit(u.world, u.id, 'saveUpdate', (s) => submitUpdate(s, step)),
        check: (u, phase, clean) => registerChecks(u.world, u.id, phase, before, clean.world, clean.id),
      });
      totals.injected += report.injected;
      totals.survived += report.survived;
      console.log(
        `update ${name}: ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived`,
        report.byKind,
      );
      expect(report.failures).toEqual([]);
      expect(report.injected).toBeGreaterThan(15);
    },
  );

  afterAll(() =>
    console.log(
      `update, all steps: ${totals.injected} faults injected, ${totals.survived} survived; ${inFlightSeen.count} left a step in flight that the retry completed`,
    ),
  );
});
