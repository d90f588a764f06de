/**
 * Intake under Google's faults: one fault at each service call of a submit, then the same submit
 * again (same request id). Run: `npx jest test/server/faults/intake.test.ts`.
 */
import { submitIntake, intakeContext } from '../../../src/server/intake';
import { intakeInput, unitWithDossiers, readyUnit, registerColumn as col, setConfig } from '../../helpers';
import { submitReceptionRefusal } from '../../../src/server/receptionRefusal';
import { RECEPTION_REFUSALS_TAB } from '../../../src/sheets/receptionRefusals';
import { cloneDeep } from './clone';
import { inFlightSeen, registerChecks, submit } from './common';
import { picture, tablesOf, checkRegister } from './invariants';
import { sweep } from './sweep';
import { REGISTER_COLUMNS, LOG_COLUMNS, TABS } from '../../../src/sheets/schema';
import type { LocalWorld } from '../../../src/local/gas/world';

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

type Run = ReturnType<typeof readyUnit>['run'];

const registerRows = (run: Run) =>
  run((_s, ss) => {
    const sh = ss.getSheetByName(TABS.register)!;
    return sh.getRange(2, 1, Math.max(1, sh.getLastRow() - 1), REGISTER_COLUMNS.length).getValues();
  });
const logRows = (run: Run) =>
  run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log.getRange(2, 1, Math.max(1, log.getLastRow() - 1), LOG_COLUMNS.length).getValues();
  });
const logCol = (h: (typeof LOG_COLUMNS)[number]) => LOG_COLUMNS.indexOf(h);

function callsOf(world: LocalWorld, fn: () => unknown): string[] {
  const names: string[] = [];
  world.runtime.onCall = (name) => void names.push(name);
  try {
    fn();
  } finally {
    world.runtime.onCall = undefined;
  }
  return names;
}

function failAt(world: LocalWorld, k: number): () => boolean {
  let seen = 0;
  let fired = false;
  world.runtime.onCall = () => {
    if (fired) return;
    if (seen++ !== k) return;
    fired = true;
    world.runtime.onCall = undefined;
    throw new Error('Service Spreadsheets timed out while accessing document with id local.');
  };
  return () => {
    world.runtime.onCall = undefined;
    return fired;
  };
}

describe('a fault at every service call of an intake, then its retry', () => {
  describe('a fault at every service call of an intake, then its retry', () => {
    const probe = unitWithDossiers(2);
    const form0 = probe.run((s) => intakeContext(s));
    const calls = callsOf(probe.world, () =>
      probe.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T09:00', tables: form0.tablesVersion }))),
    );
    it.each(calls.map((name, k) => [k, name]))('fault at call #%i (%s)', (k) => {
      const u = unitWithDossiers(2);
      // a row a person typed below the data
      u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(4, col('Người nộp')).setValue('Gõ tay'));
      const form = u.run((s) => intakeContext(s));
      const input = intakeInput({ receivedAt: '2026-03-02T09:00', tables: form.tablesVersion });
      const stop = failAt(u.world, k as number);
      try {
        u.run((s) => submitIntake(s, input));
      } catch {
        /* fault */
      }
      stop();
      const retry = u.run((s) => submitIntake(s, input));
      const again = u.run((s) => submitIntake(s, input));
      expect(retry).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
      expect(again).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
      const rows = registerRows(u.run).filter((r) => r.some((v) => v !== ''));
      expect(rows.map((r) => r[col('Mã hồ sơ') - 1])).toEqual([
        '000.17.22.H56-260302-0001',
        '000.17.22.H56-260302-0002',
        '000.17.22.H56-260302-0003',
        '',
      ]);
      expect(rows[3]![col('Người nộp') - 1]).toBe('Gõ tay');
      const mine = rows[2]!;
      expect(mine[col('Người nộp') - 1]).toBe('Nguyễn Thị Hoa');
      expect(mine[col('Trạng thái') - 1]).toBe('Đã tiếp nhận');
      expect(String(mine[col('Mã yêu cầu') - 1])).toMatch(/^intake:/);
      expect(logRows(u.run).filter((r) => r[logCol('Mã hồ sơ')] === '000.17.22.H56-260302-0003')).toHaveLength(1);
    });
  });
});

describe('a unit whose codes come from the provincial system: a fault at every service call, then its retry', () => {
  const official = () => {
    const u = unitWithDossiers(2);
    setConfig(u.run, 'Mã hồ sơ do hệ thống tỉnh cấp', 'Có');
    return u;
  };
  const input = intakeInput({ receivedAt: '2026-03-02T09:00', officialCode: 'QR: H15.50.05.13-260302-0975' });
  const probe = official();
  const calls = callsOf(probe.world, () => probe.run((s) => submitIntake(s, input)));
  it.each(calls.map((name, k) => [k, name]))('fault at call #%i (%s): the typed code and the next STT, once', (k) => {
    const u = official();
    const stop = failAt(u.world, k as number);
    try {
      u.run((s) => submitIntake(s, input));
    } catch {
      /* fault */
    }
    stop();
    const retry = u.run((s) => submitIntake(s, input));
    const again = u.run((s) => submitIntake(s, input));
    expect(retry).toMatchObject({ ok: true, code: 'H15.50.05.13-260302-0975', registerNumber: 3 });
    expect(again).toEqual(retry);
    const rows = registerRows(u.run).filter((r) => r.some((v) => v !== ''));
    expect(rows.map((r) => [r[col('STT') - 1], r[col('Mã hồ sơ') - 1]])).toEqual([
      [1, '000.17.22.H56-260302-0001'],
      [2, '000.17.22.H56-260302-0002'],
      [3, 'H15.50.05.13-260302-0975'],
    ]);
    expect(logRows(u.run).filter((r) => r[logCol('Mã hồ sơ')] === 'H15.50.05.13-260302-0975')).toHaveLength(1);
  });

  it('a form stopped after its number was reserved, sent again with the code corrected, records the corrected code under that number', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const u = official();
    const id = u.book.id;
    const typo = intakeInput({ receivedAt: '2026-03-02T09:00', officialCode: 'H15.50.05.13-260302-0957' });
    const fault = u.world.faults.inject({ kind: 'timeout', call: 'Range.setValues', nth: 1 });
    const first = submit(u.world, id, 'saveIntake', (s) => submitIntake(s, typo));
    expect(fault.fired).toBe(true);
    expect(first.message).toMatch(/Không có gì bị mất/);
    const corrected = u.world.run({ user: OWNER, context: 'sidebar', spreadsheetId: id }, (s) =>
      submitIntake(s, { ...typo, officialCode: 'H15.50.05.13-260302-0975' }),
    );
    expect(corrected).toMatchObject({ ok: true, code: 'H15.50.05.13-260302-0975', registerNumber: 3 });
    expect(tablesOf(u.world, id).register.map((r) => r['Mã hồ sơ'])).toEqual([
      '000.17.22.H56-260302-0001',
      '000.17.22.H56-260302-0002',
      'H15.50.05.13-260302-0975',
    ]);
    expect(checkRegister(u.world, id, { inFlight: false }).problems).toEqual([]);
    // The mistyped code was never recorded: the province's dossier of that code can still be taken.
    expect(u.run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260302-0957' })))).toMatchObject({
      ok: true,
      registerNumber: 4,
    });
  });

  it('a form stopped after its number was reserved never fills the row of another dossier recorded under the same code meanwhile', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const u = official();
    const id = u.book.id;
    const first = intakeInput({ receivedAt: '2026-03-02T09:00', officialCode: 'H15.50.05.13-260302-0975' });
    const fault = u.world.faults.inject({ kind: 'timeout', call: 'Range.setValues', nth: 1 });
    expect(submit(u.world, id, 'saveIntake', (s) => submitIntake(s, first)).message).toMatch(/Không có gì bị mất/);
    expect(fault.fired).toBe(true);
    // At the next counter, the same receipt typed for another applicant (or the same one, twice).
    const other = u.run((s) =>
      submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260302-0975', applicantName: 'Trần Văn Bình' })),
    );
    expect(other).toMatchObject({ ok: true, code: 'H15.50.05.13-260302-0975', registerNumber: 4 });
    expect(u.run((s) => submitIntake(s, first))).toEqual({
      ok: false,
      errors: {
        officialCode:
          'Mã hồ sơ H15.50.05.13-260302-0975 đã được ghi cho một hồ sơ khác ở dòng 4 của sổ trong lúc lần gửi này bị gián đoạn; không ghi đè. Hãy kiểm tra lại mã trên giấy tiếp nhận.',
      },
    });
    const rows = tablesOf(u.world, id).register;
    expect(rows.map((r) => [r['Mã hồ sơ'], r['Người nộp']])).toEqual([
      ['000.17.22.H56-260302-0001', 'Người 1'],
      ['000.17.22.H56-260302-0002', 'Người 2'],
      ['H15.50.05.13-260302-0975', 'Trần Văn Bình'],
    ]);
  });
});

describe('refusal at the counter: a fault at any one service call', () => {
  it('writes the refusal’s line once, never a register row or event, and the same submit again completes it', () => {
    const { handler: _h, documents: _d, note: _n, ...intake } = intakeInput({ receivedAt: '2026-03-02T08:50' });
    const input = { ...intake, reason: 'Không xuất trình được bản chính giấy tờ để đối chiếu' };
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
