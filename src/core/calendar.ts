/**
 * The working-day calendar of one unit: weekends, the exceptions of each year (holidays,
 * compensatory days, swapped days off, make-up Saturdays) and working-day arithmetic.
 */
import { type CivilDate, dayNumberFromYmd, fromDayNumber, toDayNumber, yearOf, ymdFromDayNumber } from './civil';
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
  /** Exceptions by day number, for the contiguous run of years loaded so far. */
  private readonly byDay = new Map<number, CalendarException>();
  private firstYear = 0;
  private lastYear = -1;

  constructor(private readonly source: ExceptionSource = exceptionSource({})) {}

  exceptionsOfYear(year: number): CalendarException[] {
    this.ensureYear(year);
    const out: CalendarException[] = [];
    for (let dn = dayNumberFromYmd(year, 1, 1), end = dayNumberFromYmd(year + 1, 1, 1); dn < end; dn += 1) {
      const e = this.byDay.get(dn);
      if (e) out.push(e);
    }
    return out;
  }

  exceptionOn(date: CivilDate): CalendarException | undefined {
    const dn = toDayNumber(date);
    this.ensureDay(dn);
    return this.byDay.get(dn);
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
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
    let dn = toDayNumber(date) - 1;
    for (let guard = 0; !this.isWorkingDayNumber(dn); guard += 1) {
      if (guard > 366) throw new RangeError('Lịch không có ngày làm việc nào trong một năm.');
      dn -= 1;
    }
    return fromDayNumber(dn);
  }

  /**
   * The n-th working day after `date`, `date` itself not counted (Civil Code Art. 147), like
   * WORKDAY.INTL(date, n, 1). n = 0 returns `date`.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Invalid number of working days ${n}`);
    let dn = toDayNumber(date);
    let remaining = n;
    let guard = 0;
    while (remaining > 0) {
      dn += 1;
      if (this.isWorkingDayNumber(dn)) remaining -= 1;
      guard += 1;
      if (guard > 366 * (n + 1)) throw new RangeError('Lịch không có ngày làm việc nào trong một năm.');
    }
    return remaining === n ? date : fromDayNumber(dn);
  }

  /** How many working days lie in (from, to]: 0 when to <= from. */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    let count = 0;
    for (let dn = toDayNumber(from) + 1, end = toDayNumber(to); dn <= end; dn += 1) {
      if (this.isWorkingDayNumber(dn)) count += 1;
    }
    return count;
  }

  private isWorkingDayNumber(dn: number): boolean {
    this.ensureDay(dn);
    const exception = this.byDay.get(dn);
    if (exception) return exception.kind === 'makeup-workday';
    const day = (((dn + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    return day !== 0 && day !== 6;
  }

  private ensureDay(dn: number): void {
    if (
      this.lastYear >= this.firstYear &&
      dn >= dayNumberFromYmd(this.firstYear, 1, 1) &&
      dn < dayNumberFromYmd(this.lastYear + 1, 1, 1)
    ) {
      return;
    }
    this.ensureYear(ymdFromDayNumber(dn)[0]);
  }

  /** Loads `year` and any year between it and those already loaded, so the loaded run stays contiguous. */
  private ensureYear(year: number): void {
    if (this.lastYear < this.firstYear) {
      this.load(year);
      this.firstYear = this.lastYear = year;
      return;
    }
    while (year < this.firstYear) this.load((this.firstYear -= 1));
    while (year > this.lastYear) this.load((this.lastYear += 1));
  }

  private load(year: number): void {
    for (const e of this.source(year)) {
      if (yearOf(e.date) === year) this.byDay.set(toDayNumber(e.date), e);
    }
  }
}

/** A unit's calendar: its `Ngày nghỉ` table overrides the built-in defaults year by year (server and sidebar alike). */
export function unitCalendar(exceptions: readonly CalendarException[]): WorkingCalendar {
  return new WorkingCalendar(exceptionSource({ table: exceptions, mode: 'override-years' }));
}
