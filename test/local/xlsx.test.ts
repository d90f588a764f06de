import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, saveXlsx } from '../../src/local/gas/xlsx';
import { LocalWorld } from '../../src/local/gas/world';
import { unitWorld } from '../helpers';

describe('.xlsx persistence', () => {
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
