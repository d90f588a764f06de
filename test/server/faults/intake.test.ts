/**
 * Intake under Google's faults: one fault at each service call of a submit, then the same submit
 * again (same request id). Run: `npx jest test/server/faults/intake.test.ts`.
 */
import { submitIntake } from '../../../src/server/intake';
import { intakeInput, unitWithDossiers } from '../../helpers';
import { cloneDeep } from './clone';
import { inFlightSeen, registerChecks, submit } from './common';
import { picture, tablesOf, checkRegister } from './invariants';
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

const OWNER = 'canbo@example.gov.vn';

describe('an intake stopped after its code was reserved', () => {
  describe('intake stopped after its code was reserved, then sent again with a field corrected', () => {
    // The sidebar keeps the form (and its request id) after an error and asks to press again: an
    // officer who fixes a typo first sends the same id with another payload.
    it.each(['Sheet.insertRowsAfter', 'Range.setNumberFormats', 'Range.setValues'])(
      'a fault at %s: the corrected form is recorded under the code the first one reserved — no dossier lost, no gap',
      (call) => {
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const unit = unitWithDossiers(2);
        const input = intakeInput({ receivedAt: '2026-03-02T08:45', applicantName: 'Nguyễn Văn Bs' });
        const id = unit.book.id;
        const fault = unit.world.faults.inject({ kind: 'timeout', call, nth: 1 });
        const first = submit(unit.world, id, 'saveIntake', (s) => submitIntake(s, input));
        expect(fault.fired).toBe(true);
        expect(first.message).toMatch(/Không có gì bị mất/);
        const again = unit.world.run({ user: OWNER, context: 'sidebar', spreadsheetId: id }, (s) =>
          submitIntake(s, { ...input, applicantName: 'Nguyễn Văn Ba' }),
        );
        expect(again).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
        const rows = tablesOf(unit.world, id).register;
        expect(rows.map((r) => r['Người nộp'])).toEqual(['Người 1', 'Người 2', 'Nguyễn Văn Ba']);
        expect(checkRegister(unit.world, id, { inFlight: false }).problems).toEqual([]);
        // Sent once more (the answer lost on the way): the same dossier, not a fourth.
        const thrice = unit.world.run({ user: OWNER, context: 'sidebar', spreadsheetId: id }, (s) =>
          submitIntake(s, { ...input, applicantName: 'Nguyễn Văn Ba' }),
        );
        expect(thrice).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003' });
        expect(tablesOf(unit.world, id).register).toHaveLength(3);
      },
    );
  });
});
