/**
 * Civil dates and times of Asia/Ho_Chi_Minh, independent of the host's time zone.
 * A civil date is an ISO string `YYYY-MM-DD`; arithmetic goes through a day number
 * (days since 1970-01-01 in the proleptic Gregorian calendar), never through `Date` local fields.
 */

/** `YYYY-MM-DD` */
export type CivilDate = string;

/** A wall-clock instant: a civil date and the minutes since its midnight (0..1439). */
export interface CivilDateTime {
  readonly date: CivilDate;
  readonly minute: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Math.floor and Number.isInteger read once: the day arithmetic below runs per day counted, and a
// global looked up in such a loop is many times slower in a sandboxed context (jest's vm, where the
// tests run). Same results.
const { floor } = Math;
const { isInteger } = Number;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    isInteger(year) &&
    isInteger(month) &&
    isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function dayNumberFromYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromDayNumber(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const day = doy - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!isValidYmd(year, month, day)) throw new RangeError(`Invalid civil date ${year}-${month}-${day}`);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Parses `YYYY-MM-DD`; returns undefined when it is not a real calendar date. */
export function parseCivilDate(text: string): CivilDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  return isValidYmd(y, mo, d) ? text : undefined;
}

export function ymd(date: CivilDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a civil date: ${date}`);
  return [+m[1]!, +m[2]!, +m[3]!]; // unary +: as Number(), with no global looked up (see floor above)
}

export function toDayNumber(date: CivilDate): number {
  const [y, m, d] = ymd(date);
  return dayNumberFromYmd(y, m, d);
}

export function fromDayNumber(dayNumber: number): CivilDate {
  const [y, m, d] = ymdFromDayNumber(dayNumber);
  return civilDate(y, m, d);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: CivilDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: CivilDate): number {
  return ymd(date)[0];
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;

/** Parses `YYYY-MM-DDTHH:mm` or `YYYY-MM-DD HH:mm` (seconds ignored). */
export function parseCivilDateTime(text: string): CivilDateTime | undefined {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const date = parseCivilDate(m[1] ?? '');
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (!date || h > 23 || mi > 59) return undefined;
  return { date, minute: h * 60 + mi };
}

export function formatIsoDateTime(at: CivilDateTime): string {
  return `${at.date}T${formatClock(at.minute)}`;
}

/** `HH:mm` from minutes since midnight. */
export function formatClock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Parses `H:mm`/`HH:mm` into minutes since midnight. */
export function parseClock(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  return h <= 23 && mi <= 59 ? h * 60 + mi : undefined;
}

export function compareDateTimes(a: CivilDateTime, b: CivilDateTime): number {
  return compareDates(a.date, b.date) || a.minute - b.minute;
}
