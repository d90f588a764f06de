import { LocalWorld } from '../../src/local/gas/world';
import type { Services, Sheet } from '../../src/gas/services';

function withSheet(fn: (s: Services, sheet: Sheet) => void): void {
  const world = new LocalWorld();
  const book = world.createSpreadsheetData('Sổ thử', 'canbo@example.gov.vn');
  world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) =>
    fn(s, s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!),
  );
}

/** Validation in B, a number format in C, a protected range in D, a conditional rule and a filter over the block. */
function decorate(s: Services, sheet: Sheet, lastRow: number): void {
  const rule = s.spreadsheetApp.newDataValidation().requireValueInList(['Có', 'Không'], true).build();
  sheet.getRange(2, 2, lastRow - 1, 1).setDataValidation(rule);
  sheet.getRange(2, 3, lastRow - 1, 1).setNumberFormat('dd/mm/yyyy');
  sheet
    .getRange(2, 4, lastRow - 1, 1)
    .protect()
    .setDescription('tính sẵn');
  sheet.setConditionalFormatRules([
    s.spreadsheetApp
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$D2<0')
      .setBackground('#f4c7c3')
      .setRanges([sheet.getRange(2, 1, lastRow - 1, 4)])
      .build(),
  ]);
  sheet.getRange(1, 1, lastRow, 4).createFilter();
}

function areas(s: Services, sheet: Sheet) {
  return {
    protection: sheet.getProtections(s.spreadsheetApp.ProtectionType.RANGE)[0]!.getRange()!.getA1Notation(),
    rule: sheet.getConditionalFormatRules()[0]!.getRanges()[0]!.getA1Notation(),
    filter: sheet.getFilter()!.getRange().getA1Notation(),
  };
}

describe('inserting rows', () => {
  it('extends validations, number formats, protections, conditional formats and the filter when inside them', () => {
    withSheet((s, sheet) => {
      decorate(s, sheet, 10);
      sheet.insertRowsAfter(5, 2);
      expect(areas(s, sheet)).toEqual({ protection: 'D2:D12', rule: 'A2:D12', filter: 'A1:D12' });
      expect(
        sheet
          .getRange('B6:B7')
          .getDataValidations()
          .map((r) => r[0] !== null),
      ).toEqual([true, true]);
      expect(sheet.getRange('C5:C8').getNumberFormats().flat()).toEqual(['dd/mm/yyyy', 'dd/mm/yyyy', 'dd/mm/yyyy', 'dd/mm/yyyy']);
      // Before the block's first row: the block moves down, the new row gets nothing.
      sheet.insertRowsBefore(2, 1);
      expect(areas(s, sheet)).toEqual({ protection: 'D3:D13', rule: 'A3:D13', filter: 'A1:D13' });
      expect(sheet.getRange('B2:C2').getDataValidations()[0]).toEqual([null, null]);
      expect(sheet.getRange('C2:C3').getNumberFormats().flat()).toEqual(['', 'dd/mm/yyyy']);
      expect(sheet.getMaxRows()).toBe(1003);
    });
  });

  it('extends none of them when rows are added after the last row of the sheet', () => {
    withSheet((s, sheet) => {
      decorate(s, sheet, 1000);
      sheet.insertRowsAfter(sheet.getMaxRows(), 5);
      expect(sheet.getMaxRows()).toBe(1005);
      expect(areas(s, sheet)).toEqual({ protection: 'D2:D1000', rule: 'A2:D1000', filter: 'A1:D1000' });
      expect(sheet.getRange('B1001:C1001').getDataValidations()[0]).toEqual([null, null]);
      expect(sheet.getRange('C1000:C1001').getNumberFormats().flat()).toEqual(['dd/mm/yyyy', '']);
    });
  });

  it('refuses a position outside the sheet', () => {
    withSheet((_s, sheet) => {
      expect(() => sheet.insertRowsBefore(0, 1)).toThrow('Those rows are out of bounds.');
      expect(() => sheet.insertRowsBefore(1001, 1)).toThrow('Those rows are out of bounds.');
    });
  });
});

describe('Protection.getRange and setRange', () => {
  it('gives the protected range, the whole sheet for a sheet protection, and moves a range protection', () => {
    withSheet((s, sheet) => {
      expect(sheet.protect().getRange()!.getA1Notation()).toBe('A1:Z1000');
      const protection = sheet.getRange('D2:D9').protect();
      expect(protection.getRange()!.getA1Notation()).toBe('D2:D9');
      protection.setRange(sheet.getRange('E2:F5'));
      expect(sheet.getProtections(s.spreadsheetApp.ProtectionType.RANGE)[0]!.getRange()!.getA1Notation()).toBe('E2:F5');
    });
  });
});

describe('deleting rows', () => {
  it('moves what is below up and shrinks every area by the rows it loses', () => {
    withSheet((s, sheet) => {
      decorate(s, sheet, 10);
      sheet.getRange(9, 1).setValue('dòng 9');
      sheet.deleteRows(4, 3);
      expect(sheet.getMaxRows()).toBe(997);
      expect(sheet.getRange(6, 1).getValue()).toBe('dòng 9');
      expect(areas(s, sheet)).toEqual({ protection: 'D2:D7', rule: 'A2:D7', filter: 'A1:D7' });
      expect(sheet.getRange(6, 3).getNumberFormats()[0]![0]).toBe('dd/mm/yyyy');
    });
  });

  it('refuses rows outside the sheet and deleting every row, with Google’s messages', () => {
    withSheet((_s, sheet) => {
      expect(() => sheet.deleteRows(990, 20)).toThrow('Those rows are out of bounds.');
      expect(() => sheet.deleteRows(1, 1000)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
      sheet.deleteRows(101, 900);
      expect(sheet.getMaxRows()).toBe(100);
    });
  });
});
