/**
 * The built-in schedules of 2018–2026 checked day by day against the announcements they come from
 * (the Văn phòng Chính phủ dispatch and the ministry's notice of each year; see src/core/holidays.ts).
 */
import { addDays, type CivilDate, weekday } from '../../src/core/civil';
import { exceptionSource, WorkingCalendar } from '../../src/core/calendar';
import {
  ANNOUNCED_SCHEDULES,
  type CalendarException,
  cultureDayOffer,
  defaultExceptions,
  type ExceptionKind,
  isAnnounced,
  statutoryExceptions,
} from '../../src/core/holidays';
import { hungKingsDay, lunarNewYear } from '../../src/core/lunar';

const builtIn = new WorkingCalendar();

type Expected = Partial<Record<ExceptionKind, CivilDate[]>>;

/** The year's exceptions as `date kind` lines, in date order. */
function linesOf(exceptions: readonly CalendarException[]): string[] {
  return exceptions.map((e) => `${e.date} ${e.kind}`).sort();
}

function expectedLines(expected: Expected): string[] {
  return Object.entries(expected)
    .flatMap(([kind, dates]) => (dates ?? []).map((date) => `${date} ${kind}`))
    .sort();
}

/** The exact list of exceptions of `year`, as the calendar loads it and as the defaults give it. */
function expectExactly(year: number, expected: Expected): void {
  expect(linesOf(builtIn.exceptionsOfYear(year))).toEqual(expectedLines(expected));
  expect(linesOf(defaultExceptions(year))).toEqual(expectedLines(expected));
}

/** Every day of [from, to] is a day off, and the days just before and after are working days. */
function expectBreak(from: CivilDate, to: CivilDate, calendar: WorkingCalendar = builtIn): void {
  const off: CivilDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) off.push(d);
  expect(off.filter((d) => calendar.isWorkingDay(d))).toEqual([]);
  expect(calendar.isWorkingDay(addDays(from, -1))).toBe(true);
  expect(calendar.isWorkingDay(addDays(to, 1))).toBe(true);
}

function range(from: CivilDate, count: number): CivilDate[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}

describe('announced schedules for civil servants, year by year', () => {
  it('2018: Thông báo 573/TB-VPCP (14/12/2017); Công văn 6519/VPCP-KGVX and Thông báo 3238/TB-LĐTBXH for 31/12/2018', () => {
    expectExactly(2018, {
      holiday: ['2018-01-01', ...range('2018-02-14', 5), '2018-04-25', '2018-04-30', '2018-05-01', '2018-09-02'],
      compensatory: ['2018-02-19', '2018-02-20', '2018-09-03'],
      'swap-off': ['2018-12-31'],
    });
    expectBreak('2017-12-30', '2018-01-01');
    expectBreak('2018-02-14', '2018-02-20'); // Wed 29 Chạp – Tue mùng 5
    expectBreak('2018-04-25', '2018-04-25');
    expectBreak('2018-04-28', '2018-05-01'); // Sat 28/4 is only the weekend: no make-up day
    expectBreak('2018-09-01', '2018-09-03');
    expectBreak('2018-12-29', '2019-01-01');
  });

  it('2019: Công văn 6519/VPCP-KGVX (11/7/2018), Thông báo 3238/TB-LĐTBXH (06/8/2018)', () => {
    expectExactly(2019, {
      holiday: ['2019-01-01', ...range('2019-02-04', 5), '2019-04-14', '2019-04-30', '2019-05-01', '2019-09-02'],
      compensatory: ['2019-04-15'],
      'swap-off': ['2019-04-29'],
      'makeup-workday': ['2019-01-05', '2019-05-04'],
    });
    expect(builtIn.isWorkingDay('2019-01-05')).toBe(true); // Sat, make-up for Mon 31/12/2018
    expectBreak('2019-02-02', '2019-02-10');
    expectBreak('2019-04-13', '2019-04-15'); // Hùng Kings on Sun 14/4
    expectBreak('2019-04-27', '2019-05-01');
    expect(builtIn.isWorkingDay('2019-05-04')).toBe(true); // Sat, make-up for Mon 29/4
    expectBreak('2019-08-31', '2019-09-02');
  });

  it('2020: Thông báo 4544/TB-LĐTBXH (25/10/2019)', () => {
    expectExactly(2020, {
      holiday: ['2020-01-01', ...range('2020-01-23', 5), '2020-04-02', '2020-04-30', '2020-05-01', '2020-09-02'],
      compensatory: ['2020-01-28', '2020-01-29'],
    });
    expectBreak('2020-01-01', '2020-01-01');
    expectBreak('2020-01-23', '2020-01-29');
    expectBreak('2020-04-02', '2020-04-02');
    expectBreak('2020-04-30', '2020-05-03');
    expectBreak('2020-09-02', '2020-09-02'); // Labour Code 2012: one day
  });

  it('2021: Công văn 9895/VPCP-KGVX (26/11/2020)', () => {
    expectExactly(2021, {
      holiday: ['2021-01-01', ...range('2021-02-10', 5), '2021-04-21', '2021-04-30', '2021-05-01', '2021-09-02', '2021-09-03'],
      compensatory: ['2021-02-15', '2021-02-16', '2021-05-03'],
    });
    expectBreak('2021-01-01', '2021-01-03');
    expectBreak('2021-02-10', '2021-02-16');
    expectBreak('2021-04-21', '2021-04-21');
    expectBreak('2021-04-30', '2021-05-03'); // 1/5 on a Saturday
    expectBreak('2021-09-02', '2021-09-05');
  });

  it('2022: Công văn 245/VPCP-KGVX (11/01/2022)', () => {
    expectExactly(2022, {
      holiday: ['2022-01-01', ...range('2022-01-31', 5), '2022-04-10', '2022-04-30', '2022-05-01', '2022-09-01', '2022-09-02'],
      compensatory: ['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03'],
    });
    expectBreak('2022-01-01', '2022-01-03');
    expectBreak('2022-01-29', '2022-02-06');
    expectBreak('2022-04-09', '2022-04-11');
    expectBreak('2022-04-30', '2022-05-03');
    expectBreak('2022-09-01', '2022-09-04');
  });

  it('2023: Công văn 8056/VPCP-KGVX (01/12/2022)', () => {
    expectExactly(2023, {
      holiday: ['2023-01-01', ...range('2023-01-20', 5), '2023-04-29', '2023-04-30', '2023-05-01', '2023-09-01', '2023-09-02'],
      compensatory: ['2023-01-02', '2023-01-25', '2023-01-26', '2023-05-02', '2023-05-03', '2023-09-04'],
    });
    expectBreak('2022-12-31', '2023-01-02');
    expectBreak('2023-01-20', '2023-01-26');
    expectBreak('2023-04-29', '2023-05-03');
    expectBreak('2023-09-01', '2023-09-04');
  });

  it('2024: Công văn 8662/VPCP-KGVX, Thông báo 5015/TB-LĐTBXH (22/11/2023), Công văn 2450/VPCP-KGVX (12/4/2024)', () => {
    expectExactly(2024, {
      holiday: ['2024-01-01', ...range('2024-02-08', 5), '2024-04-18', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'],
      compensatory: ['2024-02-13', '2024-02-14'],
      'swap-off': ['2024-04-29'],
      'makeup-workday': ['2024-05-04'],
    });
    expectBreak('2023-12-30', '2024-01-01');
    expectBreak('2024-02-08', '2024-02-14');
    expectBreak('2024-04-18', '2024-04-18');
    expectBreak('2024-04-27', '2024-05-01');
    expect(builtIn.isWorkingDay('2024-05-04')).toBe(true);
    expectBreak('2024-08-31', '2024-09-03');
  });

  it('2025: Công văn 8726/VPCP-KGVX (26/11/2024), Thông báo 6150/TB-BLĐTBXH (03/12/2024)', () => {
    expectExactly(2025, {
      holiday: ['2025-01-01', ...range('2025-01-27', 5), '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02'],
      'swap-off': ['2025-05-02'],
      'makeup-workday': ['2025-04-26'],
    });
    expectBreak('2025-01-01', '2025-01-01');
    expectBreak('2025-01-25', '2025-02-02');
    expectBreak('2025-04-05', '2025-04-07');
    expect(builtIn.isWorkingDay('2025-04-26')).toBe(true);
    expectBreak('2025-04-30', '2025-05-04');
    expectBreak('2025-08-30', '2025-09-02');
  });

  it('2026: Công văn 12729/VPCP-KGVX (25/12/2025), Công văn 9859/VPCP-KGVX (13/10/2025) and Thông báo 9441/TB-BNV (16/10/2025)', () => {
    expectExactly(2026, {
      holiday: ['2026-01-01', ...range('2026-02-16', 5), '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02'],
      compensatory: ['2026-04-27'],
      'swap-off': ['2026-01-02', '2026-08-31'],
      'makeup-workday': ['2026-01-10', '2026-08-22'],
    });
    expectBreak('2026-01-01', '2026-01-04');
    expect(builtIn.isWorkingDay('2026-01-10')).toBe(true);
    expectBreak('2026-02-14', '2026-02-22');
    expectBreak('2026-04-25', '2026-04-27');
    expectBreak('2026-04-30', '2026-05-03');
    // Quốc khánh: Sat 29/8 – Wed 2/9, Mon 31/8 paid back on Sat 22/8; Thu 3/9 is a working day.
    expect(builtIn.isWorkingDay('2026-08-22')).toBe(true);
    expect(builtIn.isWorkingDay('2026-08-31')).toBe(false);
    expect(builtIn.isWorkingDay('2026-09-03')).toBe(true);
    expectBreak('2026-08-29', '2026-09-02');
  });
});

describe('the years without an announced schedule, and 24/11', () => {
  it('ships 2018–2027 as announced (2027: Công văn 10065/VPCP-KGVX of 02/10/2026) and gives 2028 the statute’s days, not yet announced', () => {
    expect([2018, 2022, 2026, 2027].map(isAnnounced)).toEqual([true, true, true, true]);
    expect(isAnnounced(2028)).toBe(false);
    // Tết 2027 (lunar new year Sat 6/2): off 4–10/2, the weekend's two Tết days given back Tue 9/2 and Wed 10/2;
    // Quốc khánh off Thu 2/9–Sun 5/9. The announcement is what the statute computes.
    expect(defaultExceptions(2027)).toEqual(statutoryExceptions(2027));
    expectBreak('2027-02-04', '2027-02-10');
    expectBreak('2027-09-02', '2027-09-05');
    expect(builtIn.isWorkingDay('2027-02-11')).toBe(true);
  });

  it('offers 24/11 from 2026 as a row to opt into, never as a built-in day off', () => {
    expect(cultureDayOffer(2025)).toBeUndefined();
    expect(cultureDayOffer(2026)).toMatchObject({ date: '2026-11-24' });
    expect(cultureDayOffer(2026)?.name).toContain('năm 2026 nghỉ theo Công văn 10065/VPCP-KGVX');
    expect(cultureDayOffer(2027)?.name).toContain('Nghị quyết 28/2026/QH16');
    for (const year of [2026, 2027, 2030]) {
      expect(defaultExceptions(year).some((e) => e.date === `${year}-11-24`)).toBe(false);
      expect(builtIn.isWorkingDay(`${year}-11-24`) || weekday(`${year}-11-24`) % 6 === 0).toBe(true);
    }
  });
});

describe('working-day counts across the announced breaks', () => {
  it('counts 3 working days from Fri 28/8/2026 to Mon 7/9/2026 (Thu 3/9, Fri 4/9, Mon 7/9)', () => {
    // Sat 29, Sun 30 weekend; Mon 31/8 swapped off; Tue 1/9, Wed 2/9 holidays.
    expect(builtIn.addWorkingDays('2026-08-28', 3)).toBe('2026-09-07');
    expect(builtIn.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(builtIn.workingDaysBetween('2026-08-28', '2026-09-07')).toBe(3);
  });

  it('lands on the make-up Saturday 22/8/2026', () => {
    // Received Thu 20/8/2026, 2 working days: Fri 21/8, Sat 22/8.
    expect(builtIn.addWorkingDays('2026-08-20', 2)).toBe('2026-08-22');
    expect(builtIn.addWorkingDays('2026-08-21', 1)).toBe('2026-08-22');
    expect(builtIn.previousWorkingDay('2026-08-24')).toBe('2026-08-22');
  });

  it('crosses New Year 2019: Mon 31/12/2018 off, Sat 05/01/2019 a working day', () => {
    expect(builtIn.addWorkingDays('2018-12-28', 1)).toBe('2019-01-02');
    expect(builtIn.addWorkingDays('2019-01-04', 1)).toBe('2019-01-05');
  });
});

describe('a swap across New Year (Mon 31/12/2018 ↔ Sat 05/01/2019)', () => {
  function expectPairHolds(calendar: WorkingCalendar): void {
    expect(calendar.isWorkingDay('2018-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2019-01-05')).toBe(true);
    expect(calendar.exceptionOn('2018-12-31')?.kind).toBe('swap-off');
    expect(calendar.exceptionOn('2019-01-05')?.kind).toBe('makeup-workday');
  }
  const seeded = (seedYear: number) => [...defaultExceptions(seedYear), ...defaultExceptions(seedYear + 1)];

  it('holds in the built-in defaults, whichever year the calendar loads first', () => {
    expectPairHolds(new WorkingCalendar());
    const fromJanuary = new WorkingCalendar();
    expect(fromJanuary.isWorkingDay('2019-01-05')).toBe(true);
    expectPairHolds(fromJanuary);
  });

  it('holds when setup seeded the Ngày nghỉ table with 2017–2018, 2018–2019 or 2019–2020', () => {
    for (const seedYear of [2017, 2018, 2019]) {
      expectPairHolds(new WorkingCalendar(exceptionSource({ table: seeded(seedYear) })));
    }
  });

  it('holds in a CLI calendar file that lists both years', () => {
    expectPairHolds(new WorkingCalendar(exceptionSource({ table: seeded(2018), mode: 'replace-all' })));
  });
});

describe('shape of every announced year', () => {
  const years = Object.keys(ANNOUNCED_SCHEDULES).map(Number);

  it('ships every year from 2018 to 2027', () => {
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it('lists the statutory holidays on their days, 10 a year until 2020 and 11 from 2021', () => {
    for (const year of years) {
      const holidays = defaultExceptions(year)
        .filter((e) => e.kind === 'holiday')
        .map((e) => e.date);
      expect(holidays).toHaveLength(year >= 2021 ? 11 : 10);
      expect(holidays).toEqual(
        expect.arrayContaining([
          `${year}-01-01`,
          lunarNewYear(year),
          hungKingsDay(year),
          `${year}-04-30`,
          `${year}-05-01`,
          `${year}-09-02`,
        ]),
      );
    }
  });

  it('gives one compensatory weekday per weekend holiday, and swaps weekdays for Saturdays one for one', () => {
    let swapOffs = 0;
    let makeups = 0;
    for (const year of years) {
      const exceptions = defaultExceptions(year);
      const isWeekend = (date: CivilDate) => [0, 6].includes(weekday(date));
      const weekendHolidays = exceptions.filter((e) => e.kind === 'holiday' && isWeekend(e.date));
      const compensatory = exceptions.filter((e) => e.kind === 'compensatory');
      expect(compensatory).toHaveLength(weekendHolidays.length);
      for (const e of exceptions) {
        if (e.kind === 'makeup-workday') expect(weekday(e.date)).toBe(6);
        if (e.kind === 'compensatory' || e.kind === 'swap-off') expect(isWeekend(e.date)).toBe(false);
      }
      swapOffs += exceptions.filter((e) => e.kind === 'swap-off').length;
      makeups += exceptions.filter((e) => e.kind === 'makeup-workday').length;
      const dates = exceptions.map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
    }
    expect(swapOffs).toBe(makeups);
  });
});
