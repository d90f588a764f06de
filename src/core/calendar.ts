/**
 * The working-day calendar of one unit: weekends, the exceptions of each year (holidays,
 * compensatory days, swapped days off, make-up Saturdays) and working-day arithmetic.
 */
import { addDays, type CivilDate, compareDates, weekday, yearOf } from './civil';
import { type CalendarException, defaultExceptions } from './holidays';

export type ExceptionSource = (year: number) => readonly CalendarException[];

/** Where the exceptions come from: the defaults, overridden year by year by a table. */
export function exceptionSource(options: {
  /** Exceptions from a table (the `Ngày nghỉ` tab or a CSV). */
  readonly table?: readonly CalendarException[];
  /**
   * `override-years`: the table replaces the defaults for every year it lists (the workbook tab);
   * `replace-all`: only the table applies (the CLI's `--calendar FILE`).
   */
  readonly mode?: 'override-years' | 'replace-all';
}): ExceptionSource {
  const table = options.table ?? [];
  const byYear = new Map<number, CalendarException[]>();
  for (const e of table) {
    const y = yearOf(e.date);
    byYear.set(y, [...(byYear.get(y) ?? []), e]);
  }
  const mode = options.mode ?? 'override-years';
  return (year) => byYear.get(year) ?? (mode === 'replace-all' ? [] : defaultExceptions(year));
}

export class WorkingCalendar {
  private readonly years = new Map<number, Map<CivilDate, CalendarException>>();

  constructor(private readonly source: ExceptionSource = exceptionSource({})) {}

  exceptionsOfYear(year: number): CalendarException[] {
    return [...this.yearMap(year).values()].sort((a, b) => compareDates(a.date, b.date));
  }

  exceptionOn(date: CivilDate): CalendarException | undefined {
    return this.yearMap(yearOf(date)).get(date);
  }

  isWorkingDay(date: CivilDate): boolean {
    const exception = this.exceptionOn(date);
    if (exception) return exception.kind === 'makeup-workday';
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate): CivilDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` itself if it is a working day, else the next one. */
  workingDayOnOrAfter(date: CivilDate): CivilDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: CivilDate): CivilDate {
    let d = addDays(date, -1);
    for (let guard = 0; !this.isWorkingDay(d); guard += 1) {
      if (guard > 366) throw new RangeError('Lịch không có ngày làm việc nào trong một năm.');
      d = addDays(d, -1);
    }
    return d;
  }

  /**
   * The n-th working day after `date`, `date` itself not counted (Civil Code Art. 147), like
   * WORKDAY.INTL(date, n, 1). n = 0 returns `date`.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Invalid number of working days ${n}`);
    let d = date;
    let remaining = n;
    let guard = 0;
    while (remaining > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) remaining -= 1;
      guard += 1;
      if (guard > 366 * (n + 1)) throw new RangeError('Lịch không có ngày làm việc nào trong một năm.');
    }
    return d;
  }

  /** How many working days lie in (from, to]: 0 when to <= from. */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    let count = 0;
    for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count += 1;
    }
    return count;
  }

  private yearMap(year: number): Map<CivilDate, CalendarException> {
    let map = this.years.get(year);
    if (!map) {
      map = new Map();
      for (const e of this.source(year)) {
        if (yearOf(e.date) === year) map.set(e.date, e);
      }
      this.years.set(year, map);
    }
    return map;
  }
}
