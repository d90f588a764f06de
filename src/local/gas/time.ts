/**
 * Time-zone arithmetic for the local services, with Node's Intl: how Google turns an instant into
 * a spreadsheet's wall-clock serial number and back.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wall times already worked out, per zone, keyed by the exact instant (ms): formatToParts is the
 * costliest step of reading or writing a date cell, and the same instants come back again and again.
 * Keyed by the instant, not by day or hour: a zone's offset may change at any instant (Vietnam's did,
 * at odd times, before 1975). Bounded: emptied when full.
 */
const wallTimes = new Map<string, Map<number, WallTime>>();
const WALL_TIMES_KEPT = 20_000;

function wallTimeOf(date: Date, timeZone: string): WallTime {
  const ms = date.getTime();
  let known = wallTimes.get(timeZone);
  if (!known) {
    known = new Map();
    wallTimes.set(timeZone, known);
  }
  const cached = known.get(ms);
  if (cached) return { ...cached };
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall: WallTime = {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
  if (known.size >= WALL_TIMES_KEPT) known.clear();
  known.set(ms, wall);
  return { ...wall };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** Offset of a zone from UTC at an instant, in milliseconds. */
function offsetAt(date: Date, timeZone: string): number {
  return wallAsUtc(wallTimeOf(date, timeZone)) - date.getTime();
}

/** The instant at which a zone's clocks show `wall` (the later one in a DST fold, shifted in a gap). */
function instantOfWall(wall: WallTime, timeZone: string): Date {
  const guess = wallAsUtc(wall);
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

/** Spreadsheet serial number (days since 30/12/1899, wall clock of the zone) of an instant. */
export function serialOfDate(date: Date, timeZone: string): number {
  return (wallAsUtc(wallTimeOf(date, timeZone)) - SERIAL_EPOCH_UTC) / DAY_MS;
}

export function wallTimeOfSerial(serial: number): WallTime {
  const ms = Math.round(serial * DAY_MS) + SERIAL_EPOCH_UTC;
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

export function dateOfSerial(serial: number, timeZone: string): Date {
  return instantOfWall(wallTimeOfSerial(serial), timeZone);
}

export function serialOfWall(w: WallTime): number {
  return (wallAsUtc(w) - SERIAL_EPOCH_UTC) / DAY_MS;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What Apps Script throws for a pattern it cannot use (Java's SimpleDateFormat refuses it). */
const INVALID_FORMAT = 'Invalid argument: format';

function invalidFormat(): Error {
  const e = new Error(INVALID_FORMAT);
  e.name = 'Exception';
  return e;
}

/**
 * `Utilities.formatDate`: Java SimpleDateFormat patterns, letter by letter as Java formats them
 * (a count below 3 is a number padded to the count, 3 is the short text, 4 or more the full text),
 * with English names (the safer reading: Google does not document the names' language):
 *
 * - `y` year (`yy` two digits, any other count the full year padded to the count); `G`–`GGG` era (AD);
 * - `M` month (`M` 3, `MM` 03, `MMM` Mar, `MMMM` March); `d` day; `D` day of year;
 *   `F` day of week in month; `E` weekday (`E`–`EEE` Mon, `EEEE` Monday); `u` weekday number (1 = Monday);
 * - `a` AM/PM; `H` 0–23; `k` 1–24; `K` 0–11; `h` 1–12; `m`; `s`; `S` milliseconds as a number;
 * - `Z` RFC 822 offset (+0700); `X` ISO 8601 (`X` +07, `XX` +0700, `XXX` +07:00, Z for UTC);
 * - `'text'` quoted, `''` a quote.
 *
 * Not modelled, so they throw rather than return something plausible: `Y` (week year), `w`, `W`
 * (week numbers depend on the locale's first day of week), `L` (stand-alone month), `z` (zone
 * names), `XXXX` and more, and any other letter (Java: illegal pattern character).
 */
export function formatDatePattern(date: Date, timeZone: string, pattern: string): string {
  const w = wallTimeOf(date, timeZone);
  const offsetMinutes = Math.round(offsetAt(date, timeZone) / 60000);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      // Java: '' is a quote, inside or outside quoted text; an unterminated quote is an error.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      i += 1;
      for (;;) {
        if (i >= pattern.length) throw invalidFormat();
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            out += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        out += pattern[i];
        i += 1;
      }
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n += 1;
    i += n;
    const pad = (v: number) => String(v).padStart(n, '0');
    const text = (full: string) => (n >= 4 ? full : full.slice(0, 3));
    switch (ch) {
      case 'G':
        if (n >= 4) throw invalidFormat(); // long era names vary with the JDK
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? String(w.year % 100).padStart(2, '0') : pad(w.year);
        break;
      case 'M':
        out += n >= 3 ? text(MONTHS[w.month - 1] ?? '') : pad(w.month);
        break;
      case 'd':
        out += pad(w.day);
        break;
      case 'D':
        out += pad(Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) + 1);
        break;
      case 'F':
        out += pad(Math.floor((w.day - 1) / 7) + 1);
        break;
      case 'E':
        out += text(WEEKDAYS[weekday] ?? '');
        break;
      case 'u':
        out += pad(weekday === 0 ? 7 : weekday);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour);
        break;
      case 'K':
        out += pad(w.hour % 12);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12);
        break;
      case 'm':
        out += pad(w.minute);
        break;
      case 's':
        out += pad(w.second);
        break;
      case 'S':
        out += pad(w.millisecond);
        break;
      case 'Z':
      case 'X': {
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        if (ch === 'Z') out += `${sign}${hh}${mm}`;
        else if (n > 3) throw invalidFormat();
        else if (offsetMinutes === 0) out += 'Z';
        else out += n === 1 ? `${sign}${hh}` : n === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
        break;
      }
      default:
        throw invalidFormat();
    }
  }
  return out;
}
