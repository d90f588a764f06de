/** Dates in register cells as offices type and export them; anything else is named, never counted as zero. */
import fc from 'fast-check';
import { ZoneConverter } from '../../src/sheets/dates';
import { cellAt, cellsOf, columnReader, dateTimeOf, isMonthFirstDate, remembered, textOf } from '../../src/sheets/cells';
import type { CellValue } from '../../src/gas/services';
import { isValidYmd } from '../../src/core/civil';

const zone = new ZoneConverter({ formatDate: () => '', sleep: () => undefined }, 'Asia/Ho_Chi_Minh');
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return { date, minute: h! * 60 + m! };
};

describe('date cells', () => {
  it('reads d/M/yyyy H:mm with or without seconds, ISO with a space or a T, and Excel serial numbers', () => {
    expect(dateTimeOf('2/3/2026 8:05', zone)).toEqual(at('2026-03-02', '08:05'));
    expect(dateTimeOf('02/03/2026 08:05:59', zone)).toEqual(at('2026-03-02', '08:05'));
    expect(dateTimeOf('02/03/2026', zone)).toEqual(at('2026-03-02', '00:00'));
    expect(dateTimeOf('2026-03-02T08:05', zone)).toEqual(at('2026-03-02', '08:05'));
    expect(dateTimeOf('2026-03-02 08:05:07', zone)).toEqual(at('2026-03-02', '08:05'));
    // 46083 is 02/03/2026 in Excel's 1900 system; .3368 of a day is 08:05.
    expect(dateTimeOf(46083.3368, zone)).toEqual(at('2026-03-02', '08:05'));
    expect(dateTimeOf(36526, zone)).toEqual(at('2000-01-01', '00:00'));
  });

  it('refuses every other form, and numbers that are no date, as invalid (the row is then named with its reason)', () => {
    for (const typed of [
      '2/3/26',
      '2026/03/02',
      'ngày 2/3/2026',
      '32/01/2026',
      '29/02/2025',
      '02/03/2026 24:00',
      '2026-3-2',
      'hôm qua',
    ])
      expect([typed, dateTimeOf(typed, zone)]).toEqual([typed, 'invalid']);
    for (const n of [0, -5, 12, 60, 1e9, Number.NaN]) expect([n, dateTimeOf(n, zone)]).toEqual([n, 'invalid']);
  });

  it('reads every serial day of 1901–2099 as the date Excel shows for it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
          const serial = Math.round((day.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
          expect(dateTimeOf(serial, zone)).toEqual({ date: day.toISOString().slice(0, 10), minute: 0 });
        },
      ),
    );
  });
});

describe('dates typed month first', () => {
  it('knows a text date readable only month first, and never takes one readable day first for it', () => {
    for (const text of ['12/31/2026', '5/20/2026', ' 02/29/2028 08:30 ', '1/13/2026 7:05:09'])
      expect([text, isMonthFirstDate(text)]).toEqual([text, true]);
    for (const value of ['03/11/2026', '31/12/2026', '02/30/2026', '13/13/2026', '2026-12-31', 46022, '']) {
      expect([value, isMonthFirstDate(value)]).toEqual([value, false]);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2099 }),
        (d, m, y) => {
          // Both parts at most 12: ambiguous, read day first, never called month first.
          expect(isMonthFirstDate(`${d}/${m}/${y}`)).toBe(false);
        },
      ),
    );
  });

  it('refuses at a glance only what the full pattern refuses: any text of digits, slashes, spaces and colons (property)', () => {
    // The pattern alone, as it was before the glance (every cell of every part of a CSV is asked).
    const byPattern = (text: string) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(text.trim());
      if (!m) return false;
      const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return first <= 12 && second > 12 && isValidYmd(year, first, second);
    };
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '9', '/', ' ', ':'), maxLength: 18 }),
      fc
        .tuple(
          fc.integer({ min: 0, max: 140 }),
          fc.integer({ min: 0, max: 140 }),
          fc.integer({ min: 1899, max: 2101 }),
          fc.boolean(),
        )
        .map(([a, b, y, time]) => `${a}/${b}/${y}${time ? ' 8:05' : ''}`),
    );
    fc.assert(
      fc.property(text, (t) => expect([t, isMonthFirstDate(t)]).toEqual([t, byPattern(t)])),
      { numRuns: 3000 },
    );
  });
});

describe('text cells', () => {
  it('reads plain ASCII text as it is, exactly as the same text with a no-break space after it (property)', () => {
    // The first form takes the shortcut a report takes for every code; the second is normalised and trimmed.
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{0,30}$/), (text) => {
        expect(textOf(text)).toBe(textOf(`${text}\u00A0`));
      }),
    );
    expect(textOf('  H56-1 ')).toBe('H56-1');
  });
});

describe('a column read once per value', () => {
  // A text file's column as its distinct values and each row's index (the index array longer than the column).
  const indexed = (cells: readonly string[]) => {
    const values = [...new Set(cells)];
    const ids = new Int32Array(cells.length + 3);
    cells.forEach((c, i) => (ids[i] = values.indexOf(c)));
    return { length: cells.length, ids, values };
  };
  const cells = fc.array(fc.constantFrom('', ' 02/03/2026 ', 'Đã trả kết quả', 'x', 'H-1', 'H-2'), { maxLength: 40 });

  it('reads every row as its cell reads, past the column’s end a blank, whether the column is indexed or not (property)', () => {
    fc.assert(
      fc.property(cells, fc.array(fc.nat({ max: 45 }), { maxLength: 60 }), (column, asked) => {
        let reads = 0;
        const read = (v: CellValue) => {
          reads += 1;
          return `[${textOf(v)}]`;
        };
        const fromIndexed = columnReader(indexed(column), read);
        for (const i of asked) expect(fromIndexed(i)).toBe(`[${textOf(column[i] ?? '')}]`);
        // Each distinct value (and the blank past the end) read at most once.
        expect(reads).toBeLessThanOrEqual(new Set(column).size + 1);
        const fromCells = columnReader(column, read);
        for (const i of asked) expect(fromCells(i)).toBe(`[${textOf(column[i] ?? '')}]`);
        expect(cellsOf(indexed(column))).toEqual(column);
        for (const i of asked) expect(cellAt(indexed(column), i)).toBe(column[i] ?? '');
      }),
    );
  });

  it('remembers a column of repeated texts, reads a column of mostly new texts (codes) each time, and gives what `read` gives either way', () => {
    let reads = 0;
    const upper = remembered((v) => {
      reads += 1;
      return String(v).toUpperCase();
    });
    for (let i = 0; i < 5000; i += 1) expect(upper(['a', 'b', 'c'][i % 3]!)).toBe(['A', 'B', 'C'][i % 3]);
    expect(reads).toBe(3);
    const codes = remembered((v) => String(v).toUpperCase());
    for (let i = 0; i < 5000; i += 1) expect(codes(`h-${i}`)).toBe(`H-${i}`);
    // Once judged distinct, a text met before is still read right.
    expect(codes('h-7')).toBe('H-7');
  });
});
