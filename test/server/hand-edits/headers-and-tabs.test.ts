/** Hostile edits and faults (from an adversarial review): registers and side tabs edited by hand. */
import type { Sheet } from '../../../src/gas/services';
import { intakeContext, submitIntake } from '../../../src/server/intake';
import { runSetup } from '../../../src/server/setup';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { CATALOGUE_HEADERS, REGISTER_COLUMNS, TABS } from '../../../src/sheets/schema';
import { logCol, logRows } from '../registerFixture';
import { intakeInput, readyUnit, registerColumn, snapshot, unitWithDossiers } from '../../helpers';

const col = registerColumn;
let n = 0;
const req = () => `handedit-${String((n += 1)).padStart(6, '0')}`;

/** Rewrites a sheet's used area through `edit` (a person moving, inserting or renaming columns). */
function rewrite(sheet: Sheet, edit: (rows: unknown[][], formats: string[][]) => [unknown[][], string[][]]) {
  const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
  const [rows, formats] = edit(range.getValues(), range.getNumberFormats());
  sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).clearContent();
  const width = rows[0]!.length;
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const target = sheet.getRange(1, 1, rows.length, width);
  target.setNumberFormats(formats);
  target.setValues(rows as never);
}

describe('register headers', () => {
  it('a grouped two-row header (group titles above the column names) is read as one header', () => {
    const { run, codes } = unitWithDossiers(2);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      rewrite(sheet, (rows, formats) => {
        // Vietnamese registers often group columns: row 1 keeps STT and Mã hồ sơ (merged down), groups the rest.
        const group = rows[0]!.map((h, i) =>
          i < 2 ? h : i < col('Email') ? 'Thông tin hồ sơ và người nộp' : 'Tiến độ giải quyết',
        );
        const sub = rows[0]!.map((h, i) => (i < 2 ? '' : h));
        return [
          [group, sub, ...rows.slice(1)],
          [formats[0]!, formats[0]!, ...formats.slice(1)],
        ];
      });
    });
    const found = run((s) => lookupDossier(s, codes[0]!));
    expect(found).toMatchObject({ ok: true, dossier: { rowNumber: 3, applicantName: 'Người 1', status: 'Đã tiếp nhận' } });
    const intake = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })));
    expect(intake).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', rowNumber: 5 });
    expect(run((s) => runSetup(s)).message).not.toContain('Cột bổ sung');
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      expect(sheet.getLastColumn()).toBe(REGISTER_COLUMNS.length); // no second set of headers
      expect(sheet.getFrozenRows()).toBe(2);
    });
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code: codes[1]!, action: 'transfer', at: '2026-03-02T08:50' })),
    ).toMatchObject({
      ok: true,
      dossier: { rowNumber: 4, status: 'Đang giải quyết' },
    });
  });

  it('a contract header retyped in capitals ("NGƯỜI NỘP"): intake and setup say to rename it back, and add nothing', () => {
    const { run, codes } = unitWithDossiers(2);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(1, col('Người nộp')).setValue('NGƯỜI NỘP'));
    const rename =
      'Hãy đổi “NGƯỜI NỘP” (cột H) thành “Người nộp”; đừng thêm cột mới, để dữ liệu cũ không bị tách ra hai cột. Chưa có gì được ghi.';
    const intake = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })));
    expect(intake).toEqual({ ok: false, errors: { form: `Trang “Sổ theo dõi hồ sơ” không có cột “Người nộp”. ${rename}` } });
    expect(() => run((s) => runSetup(s))).toThrow(rename);
    run((_s, ss) => expect(ss.getSheetByName(TABS.register)!.getLastColumn()).toBe(REGISTER_COLUMNS.length));
    const found = run((s) => lookupDossier(s, codes[0]!));
    expect(found).toMatchObject({ ok: true, dossier: { code: codes[0], status: 'Đã tiếp nhận' } });
  });

  it('a header moved below row 10 is refused with where it looked', () => {
    const { run, codes } = unitWithDossiers(1);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.insertRowsBefore(1, 10));
    const where = 'Không tìm thấy dòng tiêu đề của trang “Sổ theo dõi hồ sơ” trong 10 dòng đầu';
    const r = run((s) => submitIntake(s, intakeInput()));
    expect(r.ok === false && r.errors.form).toContain(where);
    const u = run((s) => lookupDossier(s, codes[0]!));
    expect(u.ok === false && u.message).toContain(where);
  });

  it('a second column named like a contract header (extra spaces, NFD) is refused as a duplicate', () => {
    const { run, codes } = unitWithDossiers(1);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertColumnsAfter(sheet.getMaxColumns(), 2);
      sheet.getRange(1, REGISTER_COLUMNS.length + 1).setValue('  Ghi   chú '.normalize('NFD'));
    });
    const u = run((s) => lookupDossier(s, codes[0]!));
    expect(u.ok).toBe(false);
  });

  it('a person’s own column inserted in the middle, columns moved: intake, lookup and update keep working', () => {
    const { run, codes } = unitWithDossiers(2);
    run((_s, ss) => {
      rewrite(ss.getSheetByName(TABS.register)!, (rows, formats) => {
        const perm = [...REGISTER_COLUMNS.keys()].reverse();
        return [
          rows.map((r, i) => [i === 0 ? 'Ghi chú riêng' : 'x', ...perm.map((p) => r[p])]),
          formats.map((f) => ['@', ...perm.map((p) => f[p]!)]),
        ];
      });
    });
    const intake = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })));
    const upd = run((s) => submitUpdate(s, { requestId: req(), code: codes[1]!, action: 'transfer', at: '2026-03-02T08:50' }));
    const found = run((s) => lookupDossier(s, codes[0]!));
    expect(intake.ok && upd.ok && found.ok).toBe(true);
  });

  it('a copied row with its code edited by hand (same request key): the intake retry answers with the original dossier', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const first = run((s) => submitIntake(s, input));
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.getRange(3, 1, 1, REGISTER_COLUMNS.length).setValues(sheet.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues());
      sheet.getRange(3, col('Mã hồ sơ')).setValue('000.17.22.H56-260302-0050');
      sheet.getRange(3, col('Người nộp')).setValue('Người khác');
      // sort so that the copy is first
      sheet
        .getRange(2, 1, 2, REGISTER_COLUMNS.length)
        .setValues([
          sheet.getRange(3, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!,
          sheet.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!,
        ]);
    });
    const retry = run((s) => submitIntake(s, input));
    expect(retry.ok && retry.code).toBe(first.ok && first.code);
  });
});

describe('side tabs edited by hand', () => {
  it('a title row above the catalogue header: procedures still read, setup adds no second header', () => {
    const { run } = readyUnit();
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.catalogue)!;
      sheet.insertRowsBefore(1, 1);
      sheet.getRange(1, 1).setValue('DANH MỤC THỦ TỤC HÀNH CHÍNH ÁP DỤNG TẠI XÃ');
    });
    const ctx = run((s) => intakeContext(s));
    expect(ctx.procedures.map((p) => p.code)).toContain('1.004194');
    expect(ctx.problems).toEqual([]);
    expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ ok: true, dueAt: '2026-03-11T17:00' });
    expect(run((s) => runSetup(s)).message).toBe('Sổ đã được thiết lập đầy đủ; không có gì thay đổi.');
    expect(run((_s, ss) => ss.getSheetByName(TABS.catalogue)!.getLastColumn())).toBe(CATALOGUE_HEADERS.length);
  });

  it('a title row above the settings header: settings still read, setup keeps the columns', () => {
    const { run } = readyUnit();
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.config)!;
      sheet.insertRowsBefore(1, 1);
      sheet.getRange(1, 1).setValue('CẤU HÌNH ĐƠN VỊ');
    });
    expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001' });
    expect(run((s) => runSetup(s)).message).toBe('Sổ đã được thiết lập đầy đủ; không có gì thay đổi.');
    const grid = run((_s, ss) => {
      const sh = ss.getSheetByName(TABS.config)!;
      return sh.getRange(1, 1, 3, sh.getLastColumn()).getValues();
    });
    expect(grid.map((r) => r[0])).toEqual(['CẤU HÌNH ĐƠN VỊ', 'Thiết lập', 'Tên đơn vị']);
    expect(grid[1]).toHaveLength(3);
  });

  it('a title row above the days-off header: the unit’s own days off still count', () => {
    const { run } = readyUnit();
    // The unit declares Tue 03/03/2026 a local day off; intake that day... first, without the title row
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      const last = sheet.getLastRow();
      sheet.getRange(last + 1, 1, 1, 3).setValues([['03/03/2026', 'Nghỉ lễ', 'Nghỉ địa phương']]);
    });
    const withDay = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })));
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      sheet.insertRowsBefore(1, 1);
      sheet.getRange(1, 1).setValue('LỊCH NGHỈ NĂM 2026');
    });
    expect(run((s) => intakeContext(s)).problems).toEqual([]);
    const without = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:41' })));
    expect(withDay).toMatchObject({ ok: true, dueAt: '2026-03-12T17:00' }); // 7 working days, 03/03 off
    expect(without.ok && without.dueAt).toBe('2026-03-12T17:00');
  });

  it('the log tab deleted: intake refuses, setup recreates it, nothing lost in the register', () => {
    const { run, world, book, codes } = unitWithDossiers(1);
    run((_s, ss) => ss.deleteSheet(ss.getSheetByName(TABS.log)!));
    const before = snapshot(world, book.id);
    const r = run((s) => submitIntake(s, intakeInput()));
    expect(r).toEqual({ ok: false, errors: { form: 'Chưa có trang “Nhật ký xử lý”; hãy chạy Một cửa › Thiết lập sổ.' } });
    expect(snapshot(world, book.id)).toBe(before);
    expect(run((s) => runSetup(s)).message).toContain('Trang mới: Nhật ký xử lý.');
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:41' })))).toMatchObject({
      ok: true,
      code: '000.17.22.H56-260302-0002',
    });
    const supp = run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code: codes[0]!,
        action: 'request-supplement',
        at: '2026-03-02T09:00',
        missing: 'a',
        reason: 'b',
      }),
    );
    expect(supp.ok).toBe(true);
    const back = run((s) =>
      submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'receive-supplement', at: '2026-03-02T09:03' }),
    );
    expect(back).toMatchObject({ ok: true, dossier: { status: 'Đang giải quyết' } });
  });
});

function insertLogColumnC(u: ReturnType<typeof unitWithDossiers>) {
  u.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    const width = log.getMaxColumns();
    const values = log.getRange(1, 1, log.getLastRow(), width).getValues();
    const formats = log.getRange(1, 1, log.getLastRow(), width).getNumberFormats();
    log.insertColumnsAfter(width, 1);
    const ins = <T>(r: T[], v: T) => [...r.slice(0, 2), v, ...r.slice(2)];
    const target = log.getRange(1, 1, values.length, width + 1);
    target.setNumberFormats(formats.map((f) => ins(f, '0')));
    target.setValues(values.map((r, i) => ins(r as unknown[], i === 0 ? 'STT' : i)) as never);
  });
}

const logByHeader = (u: ReturnType<typeof unitWithDossiers>) =>
  u.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    const all = log.getRange(1, 1, log.getLastRow(), log.getLastColumn()).getValues();
    const header = all[0]!.map(String);
    return all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  });

describe('a hand-typed code that would not stay text in a General cell', () => {
  it.each(['12345', '1/2', '=A1'])('an update of dossier “%s” writes its event with the code as text', (code) => {
    const u = unitWithDossiers(1);
    // The officer retypes the code of the dossier by hand (the code column is plain text).
    u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã hồ sơ')).setValue(code));
    const r = u.run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:00' }));
    expect(r).toMatchObject({ ok: true });
    const last = logRows(u.run).at(-1)!;
    expect(last[logCol('Mã hồ sơ')]).toBe(code);
    expect(last[logCol('Thao tác')]).toBe('Chuyển xử lý');
  });
});

describe('the log’s layout kept with a form for ten minutes', () => {
  describe('the log’s layout kept with a form for ten minutes', () => {
    it('a column inserted in the log after the form opened: the event is written under the wrong headers', () => {
      const u = unitWithDossiers(1);
      const form = u.run((s) => intakeContext(s));
      insertLogColumnC(u);
      const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40', tables: form.tablesVersion })));
      expect(r).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
      const last = logByHeader(u).at(-1)!;
      expect(last['Mã hồ sơ']).toBe('000.17.22.H56-260302-0002');
      expect(last['Thao tác']).toBe('Tiếp nhận hồ sơ');
      expect(String(last['Mã yêu cầu'])).toMatch(/^intake:/);
    });

    it('… and the retry of that submit, once the cache is gone, writes its event a second time', () => {
      const u = unitWithDossiers(1);
      const form = u.run((s) => intakeContext(s));
      insertLogColumnC(u);
      const input = intakeInput({ receivedAt: '2026-03-02T08:40', tables: form.tablesVersion });
      // The submit stops after all its writes (a timeout at the flush): the sidebar retries later.
      let appended = false;
      u.world.runtime.onCall = (name) => {
        if (name === 'Sheet.appendRow') appended = true;
        else if (appended && name === 'SpreadsheetApp.flush') {
          u.world.runtime.onCall = undefined;
          throw new Error('Service Spreadsheets timed out while accessing document with id local.');
        }
      };
      expect(() => u.run((s) => submitIntake(s, input))).toThrow('timed out');
      u.world.runtime.onCall = undefined;
      u.world.evictCaches();
      expect(u.run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
      const events = logByHeader(u).filter((e) => Object.values(e).includes('000.17.22.H56-260302-0002'));
      expect(events).toHaveLength(1);
    });
  });
});
