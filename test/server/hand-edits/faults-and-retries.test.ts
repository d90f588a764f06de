/** Hostile edits and faults (from an adversarial review): faults in the middle of an action, retries, interleaved hand edits. */
import { submitIntake } from '../../../src/server/intake';
import { runSetup } from '../../../src/server/setup';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit, registerColumn, snapshot, unitWithDossiers } from '../../helpers';

const col = registerColumn;
let n = 0;
const req = () => `review-${String((n += 1)).padStart(6, '0')}`;

function logRows(run: ReturnType<typeof readyUnit>['run']) {
  return run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log.getRange(2, 1, Math.max(1, log.getLastRow() - 1), log.getLastColumn()).getValues();
  });
}

describe('fault in the middle of an update', () => {
  it('a fault on the row after the event is completed by the retry', () => {
    const { run, world, codes } = unitWithDossiers(1);
    const step = { requestId: req(), code: codes[0]!, action: 'record-result', at: '2026-03-02T09:00' };
    // record-result changes Trạng thái (col 20), Ngày có kết quả (col 22), Mã yêu cầu (col 28): three runs.
    const stop = failOnce(world, 'Range.setValues', 2);
    let thrown: unknown;
    try {
      run((s) => submitUpdate(s, step));
    } catch (e) {
      thrown = e;
    }
    expect(stop()).toBe(true);
    expect(thrown).toBeDefined();
    const row = run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!);
    const after = {
      status: row[col('Trạng thái') - 1],
      result: row[col('Ngày có kết quả') - 1],
      key: row[col('Mã yêu cầu') - 1],
    };
    const retry = run((s) => submitUpdate(s, step));
    const events = logRows(run).filter((r) => r[3] === 'Có kết quả giải quyết');
    const found = run((s) => lookupDossier(s, codes[0]!));
    // Report what happened
    void after;
    void found;
    expect(retry.ok).toBe(true);
    expect(events).toHaveLength(1);
  });
});

describe('fault in the middle of an intake', () => {
  it('a failed log write: the retry adds the event and raises the marks, so the code is not reissued after the row is cleared', () => {
    const { run, world } = unitWithDossiers(1);
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const stop = failOnce(world, 'Sheet.appendRow'); // the event, after the register row
    let thrown: unknown;
    try {
      run((s) => submitIntake(s, input));
    } catch (e) {
      thrown = e;
    }
    expect(stop()).toBe(true);
    expect(thrown).toBeDefined();
    const retry = run((s) => submitIntake(s, input));
    expect(retry).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002', registerNumber: 2 });
    expect(logRows(run).filter((r) => r[2] === '000.17.22.H56-260302-0002')).toHaveLength(1);
    // A person clears that row by hand (a dossier entered in error).
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(3, 1, 1, REGISTER_COLUMNS.length).clearContent());
    const next = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:45' })));
    // Must not reissue 0002 / STT 2 (a code in the log already belongs to the cleared dossier).
    expect(next).toMatchObject({ ok: true });
    expect(next.ok && next.code).not.toBe('000.17.22.H56-260302-0002');
    expect(next.ok && next.registerNumber).not.toBe(2);
  });

  it('a fault between two blocks of the intake row (a person inserted a column): the retry completes that row, no orphan', () => {
    const { run, world } = unitWithDossiers(1);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const range = sheet.getRange(1, 1, 2, REGISTER_COLUMNS.length);
      const values = range.getValues();
      const formats = range.getNumberFormats();
      const at = col('Hình thức nộp') - 1;
      const ins = <T>(r: T[], v: T) => [...r.slice(0, at), v, ...r.slice(at)];
      sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      const target = sheet.getRange(1, 1, 2, REGISTER_COLUMNS.length + 1);
      target.setNumberFormats(formats.map((f) => ins(f, '@')));
      target.setValues(values.map((r, i) => ins(r as unknown[], i === 0 ? 'Ghi chú riêng' : 'x')) as never);
    });
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const stop = failOnce(world, 'Range.setValues', 2);
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets');
    expect(stop()).toBe(true);
    const retry = run((s) => submitIntake(s, input));
    expect(retry).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002', registerNumber: 2, rowNumber: 3 });
    const rows = run((_s, ss) => {
      const sh = ss.getSheetByName(TABS.register)!;
      return sh.getRange(2, 1, sh.getLastRow() - 1, 3).getValues();
    });
    expect(rows).toHaveLength(2); // one dossier for one request
    expect(run((s) => lookupDossier(s, '000.17.22.H56-260302-0002'))).toMatchObject({
      ok: true,
      dossier: { status: 'Đã tiếp nhận' },
    });
    expect(logRows(run).filter((r) => r[2] === '000.17.22.H56-260302-0002')).toHaveLength(1);
  });
});

describe('retries across actions', () => {
  it('an intake retried after the dossier was updated answers with the first dossier', () => {
    const { run, world } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const first = run((s) => submitIntake(s, input));
    expect(first.ok).toBe(true);
    const code = first.ok ? first.code : '';
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:50' })).ok).toBe(true);
    const retry = run((s) => submitIntake(s, input));
    const last = run((_s, ss) => ss.getSheetByName(TABS.register)!.getLastRow());
    expect(retry).toMatchObject({ ok: true, code });
    expect(last).toBe(2);
    world.evictCaches();
  });

  it('an intake id reused with a corrected name after an update is refused', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const first = run((s) => submitIntake(s, input));
    const code = first.ok ? first.code : '';
    run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:50' }));
    const corrected = run((s) => submitIntake(s, { ...input, applicantName: 'Nguyễn Thị Hòa' }));
    expect(corrected.ok).toBe(false);
  });
});

describe('hand edits interleaved with a write', () => {
  it('a row typed by hand at the bottom while an intake is between its read and its write is kept', () => {
    const { run, world, book } = unitWithDossiers(1);
    let typed = false;
    world.runtime.onCall = (name) => {
      if (typed || name !== 'Properties.getProperty') return;
      typed = true;
      world.run({ user: 'other@example.gov.vn', spreadsheetId: book.id }, (s) => {
        const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.register)!;
        const row = Array(REGISTER_COLUMNS.length).fill('') as string[];
        row[col('Mã hồ sơ') - 1] = '000.17.22.H56-260301-0099';
        row[col('Người nộp') - 1] = 'Phạm Văn Tay';
        row[col('Trạng thái') - 1] = 'Đã tiếp nhận';
        sheet.getRange(3, 1, 1, row.length).setValues([row]);
      });
    };
    const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })));
    world.runtime.onCall = undefined;
    expect(typed).toBe(true);
    expect(r).toMatchObject({ ok: true, rowNumber: 4 });
    const names = run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Người nộp'), 3, 1).getValues().flat());
    expect(names).toEqual(['Người 1', 'Phạm Văn Tay', 'Nguyễn Thị Hoa']);
    const codes = run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã hồ sơ'), 3, 1).getValues().flat());
    expect(codes).toContain('000.17.22.H56-260301-0099');
  });
});

describe('setup', () => {
  it('setup twice changes nothing the second time', () => {
    const { run, world, book } = unitWithDossiers(2);
    run((s) => runSetup(s));
    const before = snapshot(world, book.id);
    const msg = run((s) => runSetup(s)).message;
    expect(msg).toBe('Sổ đã được thiết lập đầy đủ; không có gì thay đổi.');
    expect(snapshot(world, book.id)).toBe(before);
  });
});
