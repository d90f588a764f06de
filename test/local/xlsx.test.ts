import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadXlsx, saveXlsx, saveXlsxValues } from '../../src/local/gas/xlsx';
import { LocalWorld } from '../../src/local/gas/world';
import { unitWorld } from '../helpers';

describe('.xlsx persistence', () => {
  it('gives a row of wrapped text the height of its lines, as Sheets grows it (LibreOffice and Excel keep the stored height)', async () => {
    const { world, book, run } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.insertSheet('Báo cáo');
      sheet.setColumnWidth(1, 64);
      sheet.getRange(1, 1, 2, 1).setValues([['Đang giải quyết: tổng (11)'], ['12']]);
      sheet.getRange(1, 1, 2, 1).setWrap(true);
    });
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-')), 'wrap.xlsx');
    await saveXlsx(world.spreadsheets.get(book.id)!, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Báo cáo')!;
    // About eight characters a line at 64 px: “Đang / giải / quyết: / tổng / (11)”, five lines of 13 points,
    // as LibreOffice draws the report's header.
    expect(ws.getRow(1).height).toBe(5 * 13 + 3);
    expect(ws.getRow(2).height).toBeUndefined(); // one line: the default height
  });

  it('streams a large register as values and date formats that load back the same', async () => {
    const { world, book, run } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.insertSheet('Sổ theo dõi hồ sơ');
      sheet.insertRowsAfter(sheet.getMaxRows(), 3000);
      const rows = Array.from({ length: 3000 }, (_, i) => [`SEED-${i + 1}`, new Date(Date.UTC(2019, 0, 1 + (i % 300), 1))]);
      sheet.getRange(1, 1, 3000, 2).setValues(rows);
    });
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-')), 'big.xlsx');
    await saveXlsxValues(world.spreadsheets.get(book.id)!, file);
    const loaded = await loadXlsx(file, 'big', 'big');
    const sheet = loaded.sheets.find((s) => s.name === 'Sổ theo dõi hồ sơ')!;
    expect(sheet.rows.filter(Boolean)).toHaveLength(3000);
    expect(sheet.rows[2999]![0]).toBe('SEED-3000');
    const again = new LocalWorld();
    again.addSpreadsheet(loaded);
    again.run({ spreadsheetId: loaded.id }, (s) => {
      const read = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName('Sổ theo dõi hồ sơ')!.getRange(300, 2).getValue();
      expect((read as Date).toISOString()).toBe('2019-10-27T01:00:00.000Z');
    });
  });

  it('keeps values, dates, formats, formulas, frozen rows and dropdowns across save and load', async () => {
    const { world, book, run } = unitWorld();
    run((s, ss) => {
      const sheet = ss.insertSheet('Sổ theo dõi hồ sơ');
      sheet.setFrozenRows(1);
      sheet.getRange(1, 1, 1, 4).setValues([['Mã hồ sơ', 'Thời điểm tiếp nhận', 'Ghi chú', 'Trạng thái']]);
      sheet.getRange(2, 2).setNumberFormat('dd/mm/yyyy hh:mm');
      sheet
        .getRange(2, 1, 1, 4)
        .setValues([["'000.17.22.H56-260220-0001", new Date('2026-02-20T07:00:00Z'), "'=1+1", 'Đã tiếp nhận']]);
      sheet.getRange(3, 3).setValue('=SUM(1,2)');
      sheet
        .getRange(2, 4, 10, 1)
        .setDataValidation(
          s.spreadsheetApp.newDataValidation().requireValueInList(['Đã tiếp nhận', 'Đang giải quyết'], true).build(),
        );
    });
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-')), 'book.xlsx');
    await saveXlsx(world.spreadsheets.get(book.id)!, file);

    const loaded = await loadXlsx(file, 'other-id', 'other');
    expect(loaded.id).toBe(book.id);
    const again = new LocalWorld();
    again.addSpreadsheet(loaded);
    again.run({ user: 'canbo@example.gov.vn', spreadsheetId: loaded.id }, (_s) => {
      const ss = _s.spreadsheetApp.getActiveSpreadsheet()!;
      const sheet = ss.getSheetByName('Sổ theo dõi hồ sơ')!;
      expect(sheet.getFrozenRows()).toBe(1);
      const row = sheet.getRange(2, 1, 1, 4).getValues()[0]!;
      expect(row[0]).toBe('000.17.22.H56-260220-0001');
      expect((row[1] as Date).toISOString()).toBe('2026-02-20T07:00:00.000Z');
      expect(row[2]).toBe('=1+1');
      expect(sheet.getRange(2, 2).getDisplayValues()[0]![0]).toBe('20/02/2026 14:00');
      expect(sheet.getRange(3, 3).getFormulas()[0]![0]).toBe('=SUM(1,2)');
      expect(sheet.getRange(5, 4).getDataValidations()[0]![0]!.getCriteriaValues()[0]).toEqual([
        'Đã tiếp nhận',
        'Đang giải quyết',
      ]);
    });
  });
});

describe('.xlsx persistence of what Google keeps and Excel has no place for', () => {
  it('keeps each tab’s id, lock and whole name (Google allows 100 characters, Excel 31) and the document’s properties', async () => {
    const world = new LocalWorld();
    const book = world.createSpreadsheetData('Sổ', 'canbo@example.gov.vn');
    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      ss.insertSheet('Tạm');
      const long = ss.insertSheet('Lưu trữ 2025 – Nhật ký (đang ghi)');
      long.protect().setDescription('MotCua: nhật ký năm 2025 đã khóa');
      ss.deleteSheet(ss.getSheetByName('Tạm')!); // ids are no longer positions
      s.propertiesService.getDocumentProperties()!.setProperty('motcua.yearEnd.2025', '{"tabs":[2]}');
    });
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-xlsx-')), 'so.xlsx');
    await saveXlsx(book, file);
    const loaded = await loadXlsx(file, 'other', 'other');
    const shape = (b: typeof book) =>
      b.sheets.map((s) => ({ name: s.name, id: s.id, locks: s.protections.map((p) => p.description) }));
    expect(shape(loaded)).toEqual(shape(book));
    expect(shape(loaded)[1]).toEqual({
      name: 'Lưu trữ 2025 – Nhật ký (đang ghi)',
      id: 2,
      locks: ['MotCua: nhật ký năm 2025 đã khóa'],
    });
    expect(loaded.documentProperties).toEqual({ 'motcua.yearEnd.2025': '{"tabs":[2]}' });
  });
});
