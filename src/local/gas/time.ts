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

export function wallTimeOf(date: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((date.getTime() % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** Offset of a zone from UTC at an instant, in milliseconds. */
export function offsetAt(date: Date, timeZone: string): number {
  return wallAsUtc(wallTimeOf(date, timeZone)) - date.getTime();
}

/** The instant at which a zone's clocks show `wall` (the later one in a DST fold, shifted in a gap). */
export function instantOfWall(wall: WallTime, timeZone: string): Date {
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

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * `Utilities.formatDate`: Java SimpleDateFormat patterns. Supports the letters y M d H h m s S a E Z X
 * and quoted text; any other letter throws, as an unsupported pattern should not pass silently.
 */
export function formatDatePattern(date: Date, timeZone: string, pattern: string): string {
  const w = wallTimeOf(date, timeZone);
  const offsetMinutes = Math.round(offsetAt(date, timeZone) / 60000);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new Error(`Invalid argument: format: ${pattern}`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
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
    const pad = (v: number, width = n) => String(v).padStart(width, '0');
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, Math.max(n, 1));
        break;
      case 'M':
        out += pad(w.month);
        break;
      case 'd':
        out += pad(w.day);
        break;
      case 'H':
        out += pad(w.hour);
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
        out += pad(w.millisecond, 3);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E': {
        const day = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
        out += WEEKDAYS[day] ?? '';
        break;
      }
      case 'Z':
      case 'X': {
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const hh = pad(Math.floor(abs / 60), 2);
        const mm = pad(abs % 60, 2);
        out += ch === 'X' && offsetMinutes === 0 ? 'Z' : ch === 'X' && n >= 3 ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
        break;
      }
      default:
        throw new Error(`Invalid argument: format: ${pattern}`);
    }
  }
  return out;
}
