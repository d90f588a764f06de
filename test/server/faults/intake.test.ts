/**
 * Intake under Google's faults: one fault at each service call of a submit, then the same submit
 * again (same request id). Run: `npx jest test/server/faults/intake.test.ts`.
 */
import { submitIntake } from '../../../src/server/intake';
import { submitReceptionRefusal } from '../../../src/server/receptionRefusal';
import { RECEPTION_REFUSALS_TAB } from '../../../src/sheets/receptionRefusals';
import { TABS } from '../../../src/sheets/schema';
import { intakeInput, unitWithDossiers } from '../../helpers';
import { cloneDeep } from './clone';
import { inFlightSeen, registerChecks } from './common';
import { picture, tablesOf } from './invariants';
import { submit } from './common';
import { sweep } from './sweep';

describe('intake: a fault at any one service call', () => {
  it('leaves the register whole, says so in Vietnamese, and the same submit again completes it once', () => {
    const input = intakeInput({ receivedAt: '2026-03-02T08:45', applicantName: 'Người 3' });
    const start = unitWithDossiers(2);
    const fresh = () => cloneDeep(start);
    const before = picture(tablesOf(start.world, start.book.id));
    const report = sweep({
      fresh,
      world: (u) => u.world,
      act: (u) => submit(u.world, u.book.id, 'saveIntake', (s) => submitIntake(s, input)),
      check: (u, phase, clean) => registerChecks(u.world, u.book.id, phase, before, clean.world, clean.book.id),
    });
    console.log(
      `intake: ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived; ${inFlightSeen.count} left a step in flight that the retry completed`,
      report.byKind,
    );
    expect(report.failures).toEqual([]);
    expect(report.injected).toBeGreaterThan(15);
  });
});

describe('refusal at the counter: a fault at any one service call', () => {
  it('writes the refusal’s line once, never a register row or event, and the same submit again completes it', () => {
    const { handler: _h, documents: _d, note: _n, ...intake } = intakeInput({ receivedAt: '2026-03-02T08:50' });
    const input = { ...intake, reason: 'Không thuộc thẩm quyền' };
    const start = unitWithDossiers(2);
    const fresh = () => cloneDeep(start);
    const tabs = (u: typeof start) =>
      u.world.run({ spreadsheetId: u.book.id }, (s) => {
        const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
        const rows = (tab: string) => {
          const sheet = ss.getSheetByName(tab);
          return sheet && sheet.getLastRow() > 1 ? sheet.getRange(2, 1, sheet.getLastRow() - 1, 3).getDisplayValues() : [];
        };
        return { register: rows(TABS.register), log: rows(TABS.log), refusals: rows(RECEPTION_REFUSALS_TAB) };
      });
    const before = tabs(start);
    const report = sweep({
      fresh,
      world: (u) => u.world,
      act: (u) => submit(u.world, u.book.id, 'refuseReception', (s) => submitReceptionRefusal(s, input)),
      check: (u, phase) => {
        const now = tabs(u);
        const problems: string[] = [];
        if (JSON.stringify(now.register) !== JSON.stringify(before.register)) problems.push('sổ bị ghi');
        if (JSON.stringify(now.log) !== JSON.stringify(before.log)) problems.push('nhật ký bị ghi');
        const lines = now.refusals.map((r) => r[0]);
        const wanted = phase === 'after-retry' ? [['TC-260302-0001']] : [[], ['TC-260302-0001']];
        if (!wanted.some((w) => JSON.stringify(w) === JSON.stringify(lines))) problems.push(`phiếu: ${JSON.stringify(lines)}`);
        return problems;
      },
    });
    console.log(
      `refusal at the counter: ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived`,
    );
    expect(report.failures).toEqual([]);
    expect(report.injected).toBeGreaterThan(5);
  });
});
