/**
 * Vietnamese lunar calendar after Hồ Ngọc Đức's published algorithm ("Âm lịch Việt Nam"),
 * computed at UTC+7. The Chinese calendar (UTC+8) gives other dates in some years
 * (Tết 1985, 2007, 2030), so no Chinese-calendar library can stand in for this.
 * Valid for 1900–2100, the range the astronomical series below is accurate for.
 */
import { dayNumberFromYmd, ymdFromDayNumber, civilDate, type CivilDate, ymd } from './civil';

export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly leap: boolean;
}

/** The time zone of the Vietnamese lunar calendar, in hours. */
const VIETNAM_LUNAR_TIME_ZONE = 7;
const JDN_OF_EPOCH = 2440588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_1900 = 2415021.076998695;

const dr = Math.PI / 180;
const int = Math.floor;

function jdnFromYmd(year: number, month: number, day: number): number {
  return dayNumberFromYmd(year, month, day) + JDN_OF_EPOCH;
}

/** Julian day (with fraction) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

function newMoonDay(k: number, tz: number): number {
  return int(newMoon(k) + 0.5 + tz / 24);
}

/** Sun's ecliptic longitude in radians at a Julian day. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * int(L / (Math.PI * 2));
  return L;
}

/** Which of the 12 major solar terms (0..11) a local day starts in. */
function sunLongitudeSector(dayNumber: number, tz: number): number {
  return int((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number of the start of lunar month 11 (the one holding the winter solstice) of a year. */
const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

function lunarMonth11(year: number, tz: number): number {
  const key = `${year}:${tz}`;
  let cached = month11Cache.get(key);
  if (cached === undefined) {
    cached = computeLunarMonth11(year, tz);
    month11Cache.set(key, cached);
  }
  return cached;
}

function computeLunarMonth11(year: number, tz: number): number {
  const off = jdnFromYmd(year, 12, 31) - 2415021;
  const k = int(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return sunLongitudeSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

function leapMonthOffset(a11: number, tz: number): number {
  const key = `${a11}:${tz}`;
  let cached = leapOffsetCache.get(key);
  if (cached === undefined) {
    cached = computeLeapMonthOffset(a11, tz);
    leapOffsetCache.set(key, cached);
  }
  return cached;
}

function computeLeapMonthOffset(a11: number, tz: number): number {
  const k = int((a11 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * The new moon that starts the lunar month holding a day. The published code steps back one
 * lunation at most and so gives "day 0" on a few days (e.g. 07/05/2054, 09/04/2062) where the
 * estimate is two lunations ahead; stepping back until the start is not after the day fixes it.
 */
function monthStartOf(dayNumber: number, tz: number): { k: number; start: number } {
  let k = int((dayNumber - NEW_MOON_1900) / SYNODIC_MONTH) + 1;
  let start = newMoonDay(k, tz);
  while (start > dayNumber) {
    k -= 1;
    start = newMoonDay(k, tz);
  }
  return { k, start };
}

export function solarToLunar(date: CivilDate, tz = VIETNAM_LUNAR_TIME_ZONE): LunarDate {
  const [yy, mm, dd] = ymd(date);
  const dayNumber = jdnFromYmd(yy, mm, dd);
  const monthStart = monthStartOf(dayNumber, tz).start;
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = int((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/** The solar date of a lunar date, or undefined when that lunar date does not exist. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_LUNAR_TIME_ZONE): CivilDate | undefined {
  const { day, month, year, leap } = lunar;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = int(0.5 + (a11 - NEW_MOON_1900) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off, tz);
  const nextMonthStart = newMoonDay(k + off + 1, tz);
  if (day < 1 || day > nextMonthStart - monthStart) return undefined;
  const [y, m, d] = ymdFromDayNumber(monthStart + day - 1 - JDN_OF_EPOCH);
  return civilDate(y, m, d);
}

/** Solar date of the lunar new year (mùng 1 Tết) that begins lunar year `year`. */
export function lunarNewYear(year: number): CivilDate {
  const date = lunarToSolar({ day: 1, month: 1, year, leap: false });
  if (!date) throw new RangeError(`No lunar new year for ${year}`);
  return date;
}

/** Solar date of Hùng Kings' commemoration day, 10/3 of the lunar year `year`. */
export function hungKingsDay(year: number): CivilDate {
  const date = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (!date) throw new RangeError(`No Hùng Kings' day for ${year}`);
  return date;
}
