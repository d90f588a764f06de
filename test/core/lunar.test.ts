import fc from 'fast-check';
// amlich (ISC) is a plain port of the same published algorithm: an oracle against transcription slips.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const amlich = require('amlich') as { convertSolar2Lunar(d: number, m: number, y: number, tz: number): [number, number, number, number] };
import { addDays, civilDate, fromDayNumber, toDayNumber } from '../../src/core/civil';
import { hungKingsDay, lunarNewYear, lunarToSolar, solarToLunar } from '../../src/core/lunar';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it('puts Tết 2018–2035 on the published dates', () => {
    const published = ['16/2', '5/2', '25/1', '12/2', '1/2', '22/1', '10/2', '29/1', '17/2', '6/2', '26/1', '13/2', '2/2', '23/1', '11/2', '31/1', '19/2', '8/2'];
    const computed = published.map((_, i) => {
      const [, m, d] = lunarNewYear(2018 + i).split('-').map(Number);
      return `${d}/${m}`;
    });
    expect(computed).toEqual(published);
  });

  it('differs from the Chinese calendar where Vietnam does (1985, 2007, 2030)', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21'); // China: 20/2/1985
    expect(lunarNewYear(2007)).toBe('2007-02-17'); // China: 18/2/2007
    expect(lunarNewYear(2030)).toBe('2030-02-02'); // China: 3/2/2030
  });

  it("puts Hùng Kings' day 2024–2030 on the published dates", () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map(hungKingsDay)).toEqual([
      '2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16', '2028-04-04', '2029-04-23', '2030-04-12',
    ]);
  });

  it('knows the leap second month of 2023 and refuses a leap month that does not exist', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar('2023-02-20')).toEqual({ day: 1, month: 2, year: 2023, leap: false });
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ day: 1, month: 5, year: 2023, leap: true })).toBeUndefined();
    expect(lunarToSolar({ day: 30, month: 1, year: 2023, leap: false })).toBeUndefined(); // a 29-day month
  });

  const days1900to2100 = fc.integer({ min: toDayNumber('1900-02-01'), max: toDayNumber('2100-12-31') }).map(fromDayNumber);

  it('round-trips solar → lunar → solar over 1900–2100', () => {
    fc.assert(
      fc.property(days1900to2100, (date) => {
        expect(lunarToSolar(solarToLunar(date))).toBe(date);
      }),
      { numRuns: 3000 },
    );
  });

  it('advances the lunar day by one from one solar day to the next, or starts a new month', () => {
    fc.assert(
      fc.property(days1900to2100, (date) => {
        const a = solarToLunar(date);
        const b = solarToLunar(addDays(date, 1));
        if (b.day === 1) expect(a.day === 29 || a.day === 30).toBe(true);
        else expect(b).toEqual({ ...a, day: a.day + 1 });
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the amlich port of the same algorithm over 1900–2100', () => {
    fc.assert(
      fc.property(days1900to2100, (date) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [day, month, year, leap] = amlich.convertSolar2Lunar(d, m, y, 7);
        expect(solarToLunar(civilDate(y, m, d))).toEqual({ day, month, year, leap: leap === 1 });
      }),
      { numRuns: 2000 },
    );
  });
});
