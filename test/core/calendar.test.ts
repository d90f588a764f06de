import fc from 'fast-check';
import { addDays, compareDates, fromDayNumber, toDayNumber, weekday } from '../../src/core/civil';
import { exceptionSource, WorkingCalendar } from '../../src/core/calendar';
import { defaultExceptions, statutoryExceptions } from '../../src/core/holidays';

const builtIn = new WorkingCalendar();
const weekendsOnly = new WorkingCalendar(exceptionSource({ mode: 'replace-all' }));

/** WORKDAY.INTL(start, n, 1) in closed form, independent of the iterating implementation. */
function workdayIntl(start: string, n: number): string {
  const day = weekday(start); // 0 = Sun
  // From a weekend, WORKDAY counts as if from the Friday before.
  const friday = day === 6 ? addDays(start, -1) : day === 0 ? addDays(start, -2) : start;
  const index = (weekday(friday) + 6) % 7; // Mon = 0 .. Fri = 4
  const monday = addDays(friday, -index);
  const total = index + n;
  return addDays(monday, Math.floor(total / 5) * 7 + (total % 5));
}

const anyDate = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2060-12-31') }).map(fromDayNumber);

describe('working calendar', () => {
  it('agrees with WORKDAY.INTL(receipt, N, 1) when the calendar has no exceptions', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (date, n) => {
        expect(weekendsOnly.addWorkingDays(date, n)).toBe(workdayIntl(date, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('always lands on a working day after the start, and more days never land earlier', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 }), (date, n, more) => {
        const due = builtIn.addWorkingDays(date, n);
        expect(builtIn.isWorkingDay(due)).toBe(true);
        expect(compareDates(due, date)).toBeGreaterThan(0);
        expect(compareDates(builtIn.addWorkingDays(date, n + more), due)).toBeGreaterThanOrEqual(0);
        expect(builtIn.workingDaysBetween(date, due)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts a make-up Saturday as a working day and a swapped weekday as a day off', () => {
    expect(builtIn.isWorkingDay('2026-01-10')).toBe(true); // Sat, make-up for Fri 2/1
    expect(builtIn.isWorkingDay('2026-01-02')).toBe(false);
    expect(builtIn.isWorkingDay('2024-05-04')).toBe(true);
    expect(builtIn.isWorkingDay('2024-04-29')).toBe(false);
    // Received Thu 8/1/2026, 2 working days: Fri 9/1, Sat 10/1 (make-up).
    expect(builtIn.addWorkingDays('2026-01-08', 2)).toBe('2026-01-10');
  });

  it('counts any make-up Saturday as a working day that a count can land on', () => {
    const saturday = fc.integer({ min: toDayNumber('2020-01-04'), max: toDayNumber('2040-12-29') }).map((n) => {
      const date = fromDayNumber(n);
      return addDays(date, (6 - weekday(date) + 7) % 7); // the Saturday on or after
    });
    fc.assert(
      fc.property(saturday, fc.integer({ min: 1, max: 5 }), (date, back) => {
        const calendar = new WorkingCalendar(
          exceptionSource({ table: [{ date, kind: 'makeup-workday', name: 'Làm bù' }], mode: 'replace-all' }),
        );
        expect(calendar.isWorkingDay(date)).toBe(true);
        // From Friday (back = 1) or an earlier weekday of that week, `back` working days reach the Saturday.
        const from = addDays(date, -back);
        expect(calendar.addWorkingDays(from, back)).toBe(date);
        expect(weekendsOnly.addWorkingDays(from, back)).not.toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('gives every statutory holiday on a weekend its compensatory day on the next working day after the block', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), (year) => {
        const exceptions = statutoryExceptions(year);
        const calendar = new WorkingCalendar(exceptionSource({ table: exceptions, mode: 'replace-all' }));
        const holidays = exceptions.filter((e) => e.kind === 'holiday' && [0, 6].includes(weekday(e.date)));
        const compensatory = exceptions.filter((e) => e.kind === 'compensatory');
        // Weekend holidays that spill into January of the next year are out of this year's list.
        expect(compensatory.length).toBeLessThanOrEqual(holidays.length);
        expect(compensatory.length).toBeGreaterThanOrEqual(holidays.filter((h) => h.date < `${year}-12-25`).length);
        for (const c of compensatory) {
          expect([0, 6]).not.toContain(weekday(c.date));
          const dayBefore = addDays(c.date, -1);
          expect(calendar.isWorkingDay(dayBefore)).toBe(false); // it continues the break
        }
      }),
      { numRuns: 101 },
    );
  });

  it('gives Monday 27/04/2026 off for Hùng Kings’ day on a Sunday', () => {
    expect(builtIn.exceptionOn('2026-04-27')).toMatchObject({ kind: 'compensatory' });
    expect(statutoryExceptions(2026).find((e) => e.date === '2026-04-27')?.kind).toBe('compensatory');
  });

  it('ships the announced Tết breaks', () => {
    const offDays = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) if (!builtIn.isWorkingDay(d)) out.push(d);
      return out.length;
    };
    expect(offDays('2025-01-25', '2025-02-02')).toBe(9);
    expect(builtIn.isWorkingDay('2025-02-03')).toBe(true);
    expect(offDays('2026-02-14', '2026-02-22')).toBe(9);
    expect(offDays('2020-01-23', '2020-01-29')).toBe(7);
    expect(offDays('2023-01-20', '2023-01-26')).toBe(7);
    expect(offDays('2024-02-08', '2024-02-14')).toBe(7);
    expect(builtIn.isWorkingDay('2024-02-15')).toBe(true);
  });

  it('computes Tết 2030 from the lunar calendar when no schedule is announced', () => {
    const tet = defaultExceptions(2030)
      .filter((e) => e.name === 'Tết Nguyên đán')
      .map((e) => e.date);
    expect(tet).toEqual(['2030-01-31', '2030-02-01', '2030-02-02', '2030-02-03', '2030-02-04']);
    // 2/2 and 3/2/2030 are Saturday and Sunday: two compensatory days after the break.
    const comp = defaultExceptions(2030)
      .filter((e) => e.kind === 'compensatory')
      .map((e) => e.date);
    expect(comp).toEqual(expect.arrayContaining(['2030-02-05', '2030-02-06']));
  });

  it('lets a table override the defaults only for the years it lists', () => {
    const calendar = new WorkingCalendar(
      exceptionSource({ table: [{ date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' }] }),
    );
    expect(calendar.isWorkingDay('2026-11-24')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(true); // 2026 now comes from the table alone
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // 2025 still has its Tết
  });

  it('never lets two exceptions pile up on one date in the defaults', () => {
    for (let year = 2015; year <= 2040; year += 1) {
      const dates = defaultExceptions(year).map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });
});
