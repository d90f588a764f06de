/**
 * Intake under Google's faults: one fault at each service call of a submit, then the same submit
 * again (same request id). Run: `npx jest test/server/faults/intake.test.ts`.
 */
import { submitIntake } from '../../../src/server/intake';
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
