import { unitWorld } from '../helpers';
import { CALL_COSTS_MS, EXECUTION_LIMIT_MS } from '../../src/local/gas/runtime';

describe('local spreadsheets behave as Google does', () => {
  it('refuses setValues of the wrong shape with Google’s messages', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.getSheets()[0]!;
      expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
        'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      );
      expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(
        'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
      );
    });
  });

  it('refuses ranges outside the grid', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.getSheets()[0]!;
      expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
      expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
      expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
      sheet.insertRowsAfter(1000, 5);
      expect(sheet.getRange(1000, 1, 2, 1).getNumRows()).toBe(2);
    });
  });

  it('parses written strings as typed input: formulas, numbers, and an apostrophe keeps text', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const range = ss.getSheets()[0]!.getRange(1, 1, 1, 6);
      range.setValues([['=IMPORTXML("http://x","//a")', '00123', '-1', '+84 912 345 678', '@x', "'=1+1"]]);
      expect(range.getFormulas()[0]).toEqual(['=IMPORTXML("http://x","//a")', '', '', '=+84 912 345 678', '', '']);
      expect(range.getValues()[0]).toEqual(['#ERROR!', 123, -1, '#ERROR!', '@x', '=1+1']);
    });
  });

  it('reads a Date cell back as the same instant, whatever the host time zone, and shows it in the sheet’s zone', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const cell = ss.getSheets()[0]!.getRange('B2');
      const instant = new Date('2026-02-20T07:00:00Z'); // 14:00 in Hà Nội
      cell.setNumberFormat('dd/mm/yyyy hh:mm').setValue(instant);
      const back = cell.getValue();
      expect(back).toBeInstanceOf(Date);
      expect((back as Date).toISOString()).toBe('2026-02-20T07:00:00.000Z');
      expect(cell.getDisplayValues()).toEqual([['20/02/2026 14:00']]);
      // The same wall time means another instant once the spreadsheet's zone changes.
      ss.setSpreadsheetTimeZone('America/Los_Angeles');
      expect((cell.getValue() as Date).toISOString()).toBe('2026-02-20T22:00:00.000Z');
    });
  });

  it('types a day-first date string in a vi_VN sheet as a date', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const cell = ss.getSheets()[0]!.getRange('C3');
      cell.setValue('05/03/2026');
      expect((cell.getValue() as Date).toISOString()).toBe('2026-03-04T17:00:00.000Z');
      expect(cell.getDisplayValues()[0]![0]).toBe('05/03/2026');
    });
  });

  it('counts calls and cells, and stops a job that reads and writes once per row at 6 minutes', () => {
    const { run, world } = unitWorld();
    expect(() =>
      run((_s, ss) => {
        const sheet = ss.getSheets()[0]!;
        sheet.insertRowsAfter(1000, 9000);
        // Each read sends the queued write first: two round trips a row.
        for (let r = 1; r <= 10000; r += 1) sheet.getRange(r, 2).setValue(sheet.getRange(r, 1).getValue() || r);
      }),
    ).toThrow('Exceeded maximum execution time');
    world.runtime.resetCounters();
    const started = world.clock.nowMs();
    run((_s, ss) => {
      const sheet = ss.getSheets()[0]!;
      sheet.getRange(1, 1, 10000, 1).setValues(Array.from({ length: 10000 }, (_, i) => [i + 1]));
    });
    expect(world.clock.nowMs() - started).toBeLessThan(EXECUTION_LIMIT_MS / 100);
    expect(world.runtime.counters.cellsWritten).toBe(10000);
    expect(world.runtime.counters.calls['Range.setValues']).toBe(1);
  });

  it('sends writes queued without a read between them in one round trip, as Apps Script bundles them', () => {
    const { run, world } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.getSheets()[0]!;
      const started = world.clock.nowMs();
      for (let r = 1; r <= 100; r += 1) sheet.getRange(r, 1).setValue(r);
      const bundled = world.clock.nowMs() - started;
      sheet.getRange(1, 1).getValue();
      const again = world.clock.nowMs();
      sheet.getRange(1, 2).setValue('x');
      sheet.getRange(1, 3).getValue();
      sheet.getRange(1, 4).setValue('y');
      const interleaved = world.clock.nowMs() - again;
      // 100 bundled writes: one round trip (80 ms) + 100 cells at 0.07 ms + 100 handles at 2 ms.
      expect(bundled).toBeCloseTo(80 + 100 * 0.07 + 100 * 2, 1);
      // A read between two writes makes each write its own round trip.
      expect(interleaved).toBeGreaterThanOrEqual(3 * 80);
    });
  });

  it('charges a read and a write at their own rates per cell, and asking for the last row like a round trip', () => {
    const { run, world } = unitWorld();
    const costOf = (fn: () => void) => {
      const before = world.clock.nowMs();
      fn();
      return world.clock.nowMs() - before;
    };
    run((_s, ss) => {
      const sheet = ss.getSheets()[0]!;
      const range = sheet.getRange(1, 1, 100, 10);
      world.runtime.resetCounters();
      const values = Array.from({ length: 100 }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c));
      expect(costOf(() => range.setValues(values))).toBeCloseTo(CALL_COSTS_MS.rangeWrite + 1000 * CALL_COSTS_MS.perCellWrite);
      expect(costOf(() => range.getValues())).toBeCloseTo(CALL_COSTS_MS.rangeRead + 1000 * CALL_COSTS_MS.perCellRead);
      expect(CALL_COSTS_MS.perCellWrite).toBeGreaterThan(CALL_COSTS_MS.perCellRead);
      const formats = values.map((row) => row.map(() => '@'));
      expect(costOf(() => range.setNumberFormats(formats))).toBeCloseTo(
        CALL_COSTS_MS.rangeWrite + 1000 * CALL_COSTS_MS.perCellWrite,
      );
      expect(costOf(() => range.getNumberFormats())).toBeCloseTo(CALL_COSTS_MS.rangeRead + 1000 * CALL_COSTS_MS.perCellRead);
      expect(world.runtime.counters).toMatchObject({ cellsRead: 2000, cellsWritten: 2000 });
      expect(costOf(() => sheet.getLastRow())).toBe(CALL_COSTS_MS.sheetMetadata);
      expect(costOf(() => ss.getSheetByName(sheet.getName()))).toBe(2 * CALL_COSTS_MS.sheetMetadata);
      expect(costOf(() => sheet.getRange(1, 1))).toBe(CALL_COSTS_MS.handle);
    });
  });

  it('refuses a second sheet of the same name', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      ss.insertSheet('Ngày nghỉ');
      expect(() => ss.insertSheet('Ngày nghỉ')).toThrow(
        'A sheet with the name "Ngày nghỉ" already exists. Please enter another name.',
      );
    });
  });
});

describe('recorded formatting', () => {
  it('records charts, conditional formats and backgrounds so tests can look at them', () => {
    const { run, world, book } = unitWorld();
    run((s, ss) => {
      const sheet = ss.getSheets()[0]!;
      sheet.getRange('A1:B3').setValues([
        ['Kết quả', 'Số hồ sơ'],
        ['Trước hạn', 1297],
        ['Đúng hạn', 10834],
      ]);
      sheet.insertChart(
        sheet
          .newChart()
          .asColumnChart()
          .addRange(sheet.getRange('A1:B3'))
          .setPosition(5, 1, 0, 0)
          .setOption('title', 'Kết quả giải quyết')
          .build(),
      );
      sheet.getRange('A1:B1').setBackground('#d9ead3');
      sheet.setConditionalFormatRules([
        s.spreadsheetApp
          .newConditionalFormatRule()
          .whenFormulaSatisfied('=$B2>1000')
          .setBackground('#f4c7c3')
          .setRanges([sheet.getRange('A2:B3')])
          .build(),
      ]);
      expect(sheet.getCharts()[0]!.getOptions().get('title')).toBe('Kết quả giải quyết');
      expect(sheet.getRange('A1:C1').getBackgrounds()).toEqual([['#d9ead3', '#d9ead3', '#ffffff']]);
      expect(() => s.spreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('$B2>1000').build()).toThrow(
        'Invalid conditional format rule: the formula must start with "=".',
      );
    });
    const sheet = world.spreadsheets.get(book.id)!.sheets[0]!;
    expect(sheet.charts).toEqual([
      {
        type: 'column',
        areas: [{ row: 1, column: 1, numRows: 3, numColumns: 2 }],
        position: { row: 5, column: 1 },
        options: { title: 'Kết quả giải quyết' },
      },
    ]);
    expect(sheet.conditionalRules[0]).toMatchObject({ formula: '=$B2>1000', background: '#f4c7c3' });
  });
});
