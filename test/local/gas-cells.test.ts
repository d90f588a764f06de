import { LocalWorld } from '../../src/local/gas/world';
import type { Spreadsheet } from '../../src/gas/services';

function withSheet<T>(locale: string, fn: (ss: Spreadsheet) => T): T {
  const world = new LocalWorld(new Date('2026-03-02T02:00:00Z'));
  const book = world.createSpreadsheetData('Sổ thử', 'canbo@example.gov.vn');
  book.locale = locale;
  return world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => fn(s.spreadsheetApp.getActiveSpreadsheet()!));
}

describe('cells hold at most 50,000 characters', () => {
  it('refuses a longer string in setValue, setValues and appendRow, writing nothing', () => {
    withSheet('vi_VN', (ss) => {
      const sheet = ss.getSheets()[0]!;
      const message = 'Your input contains more than the maximum of 50000 characters in a single cell.';
      sheet.getRange('A1').setValue('x'.repeat(50000));
      expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
      expect(() => sheet.getRange('A2').setValue('x'.repeat(50001))).toThrow(message);
      expect(() => sheet.getRange('A3:B3').setValues([['ok', 'y'.repeat(50001)]])).toThrow(message);
      expect(() => sheet.appendRow(['ok', 'z'.repeat(50001)])).toThrow(message);
      expect(sheet.getRange('A2:B3').getValues()).toEqual([
        ['', ''],
        ['', ''],
      ]);
      expect(sheet.getLastRow()).toBe(1);
    });
  });
});

describe('typed input follows the spreadsheet locale', () => {
  it('reads vi_VN numbers with a decimal comma and a grouping dot', () => {
    withSheet('vi_VN', (ss) => {
      const range = ss.getSheets()[0]!.getRange('A1:F1');
      range.setValues([['1,5', '1.234,5', '1.5', '1.004194', '-1,5', '1,5%']]);
      // `1.5` and `1.004194`: the grouping dot is dropped (the safer reading; see cellFormat.ts).
      expect(range.getValues()[0]).toEqual([1.5, 1234.5, 15, 1004194, -1.5, 0.015]);
      expect(range.getDisplayValues()[0]!.slice(0, 2)).toEqual(['1,5', '1234,5']);
    });
  });

  it('reads en_US numbers with a decimal point and a grouping comma', () => {
    withSheet('en_US', (ss) => {
      const range = ss.getSheets()[0]!.getRange('A1:D1');
      range.setValues([['1,5', '1,234.5', '1.5', '1.234,5']]);
      expect(range.getValues()[0]).toEqual([15, 1234.5, 1.5, '1.234,5']);
    });
  });

  it('types 08:30 and 08:30:15 as times of day', () => {
    withSheet('vi_VN', (ss) => {
      const range = ss.getSheets()[0]!.getRange('A1:C1');
      range.setValues([['08:30', '08:30:15', '25:00']]);
      expect(range.getNumberFormats()[0]).toEqual(['HH:mm:ss', 'HH:mm:ss', '']);
      expect(range.getDisplayValues()[0]).toEqual(['08:30:00', '08:30:15', '25:00']);
      const [time] = range.getValues()[0]!;
      expect(time).toBeInstanceOf(Date);
      // A time reads back as that wall time on 30/12/1899 in the spreadsheet's zone.
      const wall = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(time as Date);
      expect(wall).toBe('30/12/1899, 08:30');
    });
  });

  it('keeps formulas, signs, apostrophes, leading zeros, percentages, booleans and dates as before', () => {
    withSheet('vi_VN', (ss) => {
      const range = ss.getSheets()[0]!.getRange('A1:H1');
      range.setValues([['=1+1', '+84 912 345 678', "'1,5", '00123', '50%', 'TRUE', '05/03/2026', '-7']]);
      expect(range.getFormulas()[0]).toEqual(['=1+1', '=+84 912 345 678', '', '', '', '', '', '']);
      const values = range.getValues()[0]!;
      expect(values.slice(2, 6)).toEqual(['1,5', 123, 0.5, true]);
      expect((values[6] as Date).toISOString()).toBe('2026-03-04T17:00:00.000Z');
      expect(values[7]).toBe(-7);
    });
  });
});

describe('a cell formatted as plain text (@)', () => {
  it('keeps a written string exactly as typed, apostrophe included', () => {
    withSheet('vi_VN', (ss) => {
      const sheet = ss.getSheets()[0]!;
      const range = sheet.getRange('A1:F1');
      range.setNumberFormat('@');
      range.setValues([['=1+1', '00123', '05/03/2026', "'abc", '1,5', '08:30']]);
      expect(range.getFormulas()[0]).toEqual(['', '', '', '', '', '']);
      expect(range.getValues()[0]).toEqual(['=1+1', '00123', '05/03/2026', "'abc", '1,5', '08:30']);
      expect(range.getDisplayValues()[0]).toEqual(['=1+1', '00123', '05/03/2026', "'abc", '1,5', '08:30']);
      expect(range.getNumberFormats()[0]).toEqual(['@', '@', '@', '@', '@', '@']);
    });
  });

  it('works through setNumberFormats too, and stores a number as a number and a Date as its serial', () => {
    withSheet('vi_VN', (ss) => {
      const range = ss.getSheets()[0]!.getRange('A1:C1');
      range.setNumberFormats([['@', '@', '']]);
      range.setValues([[42, new Date('2026-03-02T05:00:00Z'), '00123']]);
      // 02/03/2026 12:00 in Hà Nội = serial 46083.5; the text cell keeps `@`, so no Date comes back.
      expect(range.getValues()[0]).toEqual([42, 46083.5, 123]);
      expect(range.getNumberFormats()[0]).toEqual(['@', '@', '']);
    });
  });
});
