/**
 * Codes and register numbers are never issued twice, and a step stopped halfway is completed but
 * never over people's corrections (the second adversarial review's cases).
 */
import type { LocalRange } from '../../../src/local/gas/range';
import { runSetup } from '../../../src/server/setup';
import { intakeContext, submitIntake } from '../../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../../src/sheets/schema';
import { logCol, logRows } from '../registerFixture';
import { failOnce, intakeInput, readyUnit, registerColumn as col, setCataloguePeriod, unitWithDossiers } from '../../helpers';

let n = 0;
const req = () => `numbering-${String((n += 1)).padStart(5, '0')}`;

function column(run: ReturnType<typeof readyUnit>['run'], tab: string, header: string) {
  return run((_s, ss) => {
    const sheet = ss.getSheetByName(tab)!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
    return sheet
      .getRange(2, headers.indexOf(header) + 1, Math.max(1, sheet.getLastRow() - 1), 1)
      .getValues()
      .map((r) => r[0]);
  });
}

function sortByName(world: ReturnType<typeof readyUnit>['world'], bookId: string) {
  world.run({ spreadsheetId: bookId }, (s) => {
    const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.register)!;
    (sheet.getRange(2, 1, sheet.getLastRow() - 1, REGISTER_COLUMNS.length) as LocalRange).sort({
      column: col('Người nộp'),
      ascending: true,
    });
  });
}

describe('a code and a register number are never issued twice', () => {
  it('an intake stopped before its event, the register sorted, then retried: one dossier, one event, one code', () => {
    const { run, world, book } = unitWithDossiers(55);
    const input = intakeInput({ receivedAt: '2026-03-02T08:58', applicantName: 'Zô Văn Cuối' });
    failOnce(world, 'Sheet.appendRow'); // the event, after the register row
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets timed out');
    sortByName(world, book.id);
    const retry = run((s) => submitIntake(s, input));
    expect(retry).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0056', registerNumber: 56 });
    expect(column(run, TABS.register, 'Mã hồ sơ').filter((c) => c === '000.17.22.H56-260302-0056')).toHaveLength(1);
    expect(column(run, TABS.log, 'Mã hồ sơ').filter((c) => c === '000.17.22.H56-260302-0056')).toHaveLength(1);
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:59' })))).toMatchObject({
      code: '000.17.22.H56-260302-0057',
      registerNumber: 57,
    });
  });

  it('an intake stopped after taking its number but before its row is completed with that number by its retry', () => {
    const { run, world } = unitWithDossiers(3);
    const input = intakeInput({ receivedAt: '2026-03-02T08:58' });
    failOnce(world, 'Range.setValues', 1); // the row itself
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets timed out');
    // Meanwhile another officer takes a dossier in: it gets the next number, not the reserved one.
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:59' })))).toMatchObject({
      code: '000.17.22.H56-260302-0005',
      registerNumber: 5,
    });
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0004', registerNumber: 4 });
    expect(column(run, TABS.register, 'Mã hồ sơ')).toEqual([
      '000.17.22.H56-260302-0001',
      '000.17.22.H56-260302-0002',
      '000.17.22.H56-260302-0003',
      '000.17.22.H56-260302-0005',
      '000.17.22.H56-260302-0004',
    ]);
  });

  it('a retry after many other intakes and an update answers with the first dossier; a changed payload is refused', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:00' });
    const first = run((s) => submitIntake(s, input));
    const code = first.ok ? first.code : '';
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:05' })).ok).toBe(true);
    for (let i = 0; i < 40; i += 1) run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' })));
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code, registerNumber: 1, rowNumber: 2 });
    expect(run((s) => submitIntake(s, { ...input, applicantName: 'Người khác' }))).toEqual({
      ok: false,
      errors: {
        form: `Yêu cầu này đã được ghi thành hồ sơ ${code} với nội dung khác. Nếu cần sửa thông tin, hãy sửa trực tiếp trên dòng của hồ sơ đó trong sổ; để tiếp nhận hồ sơ mới, hãy mở lại biểu mẫu.`,
      },
    });
    expect(column(run, TABS.register, 'Mã hồ sơ')).toHaveLength(41);
  });

  it('counts a code typed by hand anywhere in the register', () => {
    const { run } = unitWithDossiers(3);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertRowsBefore(3, 1);
      sheet.getRange(3, col('STT'), 1, 2).setValues([[56, '000.17.22.H56-260302-0056']]);
    });
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:58' })))).toMatchObject({
      code: '000.17.22.H56-260302-0057',
      registerNumber: 57,
    });
  });

  it('in a copied spreadsheet (no document properties) with rows deleted, setup learns the codes the log still names', () => {
    const { run, world, book } = unitWithDossiers(5);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(5, 1, 2, REGISTER_COLUMNS.length).clearContent());
    world.run({ spreadsheetId: book.id }, (s) => {
      const props = s.propertiesService.getDocumentProperties()!;
      for (const k of Object.keys(props.getProperties())) props.deleteProperty(k);
    });
    run((s) => runSetup(s));
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:58' })))).toMatchObject({
      code: '000.17.22.H56-260302-0006',
    });
  });

  it('keeps the marks of a busy year small enough for one property', () => {
    const { run, world, book } = readyUnit(new Date('2026-12-20T02:00:00Z'));
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const rows: (string | number)[][] = [];
      for (const unit of ['000.17.22.H56', '000.17.22.H57', '000.17.22.H58', '000.17.22.H59']) {
        for (let d = 0; d < 330; d += 1) {
          const day = new Date(Date.UTC(2026, 0, 5) + d * 86400000).toISOString().slice(2, 10).replace(/-/g, '');
          const row: (string | number)[] = Array(REGISTER_COLUMNS.length).fill('');
          row[col('Mã hồ sơ') - 1] = `${unit}-${day}-0003`;
          rows.push(row);
        }
      }
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
      sheet.getRange(2, 1, rows.length, REGISTER_COLUMNS.length).setValues(rows);
    });
    expect(run((s) => runSetup(s)).message).toContain('Sổ đã được thiết lập');
    const size = world.run(
      { spreadsheetId: book.id },
      (s) => s.propertiesService.getDocumentProperties()!.getProperty('motcua.marks.2026')!.length,
    );
    expect(size).toBeLessThan(9 * 1024);
  });
});

describe('an update stopped halfway', () => {
  it('is completed by the next step on that dossier however many events came between', () => {
    const { run, world, codes } = unitWithDossiers(2);
    const step = {
      requestId: req(),
      code: codes[0]!,
      action: 'request-supplement',
      at: '2026-03-02T08:50',
      missing: 'Ảnh',
      reason: 'Mờ',
    };
    failOnce(world, 'Range.setValues', 2); // 1: the pending mark, then the event (appended), 2: the row
    expect(() => run((s) => submitUpdate(s, step))).toThrow('Service Spreadsheets timed out');
    for (let i = 0; i < 210; i += 1) run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:55' })));
    const next = run((s) =>
      submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'receive-supplement', at: '2026-03-02T08:59' }),
    );
    expect(next).toMatchObject({
      ok: true,
      warnings: ['Bước “Yêu cầu bổ sung hồ sơ” ghi dở lúc trước đã được ghi nốt vào sổ.'],
      dossier: { status: 'Đang giải quyết', supplementCount: 1 },
    });
  });

  it('is not taken for one when people corrected the row by hand: their corrections stay', () => {
    const { run, codes } = unitWithDossiers(1);
    expect(
      run((s) =>
        submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:05', department: 'Phòng A' }),
      ).ok,
    ).toBe(true);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.getRange(2, col('Cơ quan giải quyết')).setValue('Phòng B');
      sheet.getRange(2, col('Ghi chú'), 1, REGISTER_COLUMNS.length - col('Ghi chú') + 1).clearContent();
    });
    const supplement = run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code: codes[0]!,
        action: 'request-supplement',
        at: '2026-03-02T08:10',
        missing: 'Ảnh',
        reason: 'Mờ',
      }),
    );
    expect(supplement).toMatchObject({ ok: true, warnings: [] });
    expect(run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Cơ quan giải quyết')).getValue())).toBe('Phòng B');
    expect(run((s) => lookupDossier(s, codes[0]!))).toMatchObject({ ok: true, dossier: { status: 'Chờ bổ sung' } });
  });
});

describe('the third review’s cases', () => {
  it('answers a retry after seventy other intakes with the first dossier', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:00' });
    const first = run((s) => submitIntake(s, input));
    for (let i = 0; i < 70; i += 1) run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' })));
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: first.ok ? first.code : '', registerNumber: 1 });
    expect(column(run, TABS.register, 'Mã hồ sơ')).toHaveLength(71);
  });

  it('an intake retried after a later step and a hand correction writes nothing over them', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:00' });
    const first = run((s) => submitIntake(s, input));
    const code = first.ok ? first.code : '';
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:05' })).ok).toBe(true);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Người nộp')).setValue('Nguyễn Thị Hoà (sửa tay)'));
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code });
    const row = run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!);
    expect([row[col('Trạng thái') - 1], row[col('Người nộp') - 1]]).toEqual(['Đang giải quyết', 'Nguyễn Thị Hoà (sửa tay)']);
  });

  it('refuses, without a second row, a retry whose row had its code changed by hand', () => {
    const { run } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:00' });
    const first = run((s) => submitIntake(s, input));
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã hồ sơ')).setValue('000.17.22.H56-260302-0001A'));
    expect(run((s) => submitIntake(s, input))).toEqual({
      ok: false,
      errors: {
        form: `Yêu cầu này đã được ghi thành hồ sơ ${first.ok ? first.code : ''}, nhưng trong sổ không còn dòng nào mang mã đó (có thể đã bị sửa hoặc xóa). Không ghi lại; hãy kiểm tra sổ.`,
      },
    });
    expect(column(run, TABS.register, 'Mã hồ sơ')).toHaveLength(1);
  });

  it('does not take a row whose key was cleared by hand, before and after a step, for a step stopped halfway', () => {
    const { run, codes } = unitWithDossiers(1);
    const clearKey = () => run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã yêu cầu')).setValue(''));
    clearKey();
    expect(
      run((s) =>
        submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:05', department: 'Phòng A' }),
      ).ok,
    ).toBe(true);
    clearKey();
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Cơ quan giải quyết')).setValue('Phòng B (sửa tay)'));
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'record-result', at: '2026-03-02T08:10' })),
    ).toMatchObject({
      ok: true,
      warnings: [],
    });
    expect(run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Cơ quan giải quyết')).getValue())).toBe(
      'Phòng B (sửa tay)',
    );
  });

  it('keeps only this unit’s marks, so codes pasted from 25 other units do not overflow the property', () => {
    const { run } = readyUnit();
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const rows: string[][] = [];
      for (let u = 0; u < 25; u += 1) {
        for (let d = 0; d < 40; d += 1) {
          const row: string[] = Array(REGISTER_COLUMNS.length).fill('');
          row[col('Mã hồ sơ') - 1] =
            `000.17.${String(10 + u)}.H56-2601${String((d % 28) + 1).padStart(2, '0')}-000${(d % 9) + 1}`;
          rows.push(row);
        }
      }
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length);
      sheet.getRange(2, 1, rows.length, REGISTER_COLUMNS.length).setValues(rows);
    });
    expect(run((s) => runSetup(s)).message).toContain('Sổ đã được thiết lập');
    for (let i = 0; i < 30; i += 1) {
      expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' }))).ok).toBe(true);
    }
  });

  it('does not reissue the code of a long-past day whose last row was deleted', () => {
    const { run, world } = readyUnit(new Date('2026-01-05T02:00:00Z'));
    const day = (i: number) => run((s) => submitIntake(s, intakeInput({ receivedAt: `2026-01-05T08:0${i}` })));
    expect([day(1), day(2)].map((r) => r.ok && r.code)).toEqual(['000.17.22.H56-260105-0001', '000.17.22.H56-260105-0002']);
    world.clock.set(new Date('2026-03-10T02:00:00Z'));
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(3, 1, 1, REGISTER_COLUMNS.length).clearContent());
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-01-05T09:00' })))).toMatchObject({
      ok: true,
      code: '000.17.22.H56-260105-0003',
    });
  });

  it('ignores a malformed tables version, and carries on when the cache fails', () => {
    const { run, world } = readyUnit();
    for (const tables of ['ABC!', '', 123, null, 'x'.repeat(40)]) {
      expect(run((s) => submitIntake(s, { ...intakeInput({ receivedAt: '2026-03-02T08:30' }), tables })).ok).toBe(true);
    }
    world.runtime.onCall = (name) => {
      if (name === 'Cache.get' || name === 'Cache.put') throw new Error('Service invoked too many times: cache');
    };
    const form = run((s) => intakeContext(s));
    const taken = run((s) => submitIntake(s, { ...intakeInput({ receivedAt: '2026-03-02T08:40' }), tables: form.tablesVersion }));
    world.runtime.onCall = undefined;
    expect(taken.ok).toBe(true);
  });

  it('warns when a form’s tables changed under it after they left the cache', () => {
    const { run, world } = readyUnit();
    const form = run((s) => intakeContext(s));
    setCataloguePeriod(run, '1.004194', 15);
    world.clock.advance(11 * 60000);
    const taken = run((s) => submitIntake(s, { ...intakeInput({ receivedAt: '2026-03-02T08:30' }), tables: form.tablesVersion }));
    expect(taken).toMatchObject({ ok: true, dueAt: '2026-03-23T17:00' });
    expect(taken.ok && taken.warnings).toContain(
      'Cấu hình, danh mục thủ tục hoặc lịch nghỉ đã thay đổi từ khi mở biểu mẫu: hạn trả kết quả đã được tính theo bản mới (xem ở trên); hãy mở lại biểu mẫu.',
    );
  });
});

describe('the fourth look', () => {
  it('a retry after a fault between the blocks of a row split by a person’s column completes that row, one STT', () => {
    const { run, world } = unitWithDossiers(2);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const range = sheet.getRange(1, 1, 3, REGISTER_COLUMNS.length);
      const values = range.getValues();
      const formats = range.getNumberFormats();
      sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      const target = sheet.getRange(1, 1, 3, REGISTER_COLUMNS.length + 1);
      target.setNumberFormats(formats.map((f) => [f[0]!, '@', ...f.slice(1)]));
      target.setValues(values.map((r, i) => [r[0]!, i === 0 ? 'Cột riêng' : '', ...r.slice(1)]));
    });
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    failOnce(world, 'Range.setValues', 2);
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets timed out');
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
    expect(column(run, TABS.register, 'STT')).toEqual([1, 2, 3]);
  });

  it('answers a retry with the appointment the register holds, though the calendar changed since', () => {
    const { run, world } = readyUnit();
    const input = intakeInput({ receivedAt: '2026-03-02T08:30' });
    world.runtime.onCall = (name) => {
      if (name === 'SpreadsheetApp.flush') {
        world.runtime.onCall = undefined;
        throw new Error('Service Spreadsheets timed out while accessing document with id local.');
      }
    };
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets timed out');
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      sheet.getRange(sheet.getLastRow() + 1, 1, 1, 3).setValues([['03/03/2026', 'Nghỉ lễ', 'Nghỉ địa phương']]);
    });
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, dueAt: '2026-03-11T17:00' });
  });

  it('treats a damaged marks property as no marks', () => {
    const { run, world, book } = unitWithDossiers(3);
    world.run({ spreadsheetId: book.id }, (s) =>
      s.propertiesService.getDocumentProperties()!.setProperty('motcua.marks.2026', '{"stt":3,"requests":[1,[null],["a"]]}'),
    );
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })))).toMatchObject({
      ok: true,
      code: '000.17.22.H56-260302-0004',
      registerNumber: 4,
    });
  });
});

describe('a hand-typed code that would not stay text in a General cell', () => {
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
});
