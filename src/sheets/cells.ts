/** Reading typed values out of cells that people may also have typed by hand. */
import { addDays, type CivilDate, type CivilDateTime, civilDate, isValidYmd, parseCivilDateTime } from '../core/civil';
import type { CellValue } from '../gas/services';
import type { ZoneConverter } from './dates';

/** A Date from any realm (Apps Script hands over its own; tests may run the bundle in another context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Printable ASCII, neither starting nor ending with a space: already NFC and trimmed. */
const PLAIN_TEXT = /^[!-~](?:[ -~]*[!-~])?$/;

export function textOf(value: CellValue): string {
  if (typeof value === 'string' && PLAIN_TEXT.test(value)) return value;
  if (isDate(value)) return '';
  return String(value).normalize('NFC').trim();
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/;

/** Excel's serial day 1 is 01/01/1900 (day 0 is 30/12/1899, counting Excel's phantom 29/02/1900). */
const EXCEL_EPOCH: CivilDate = '1899-12-30';
/** Serial days MotCua reads as dates: 01/03/1900 to 31/12/2100 (below, Excel's own calendar is wrong). */
const SERIAL_RANGE = [61, 73415] as const;

/**
 * A date-time cell: a Date (read in the spreadsheet's zone), an Excel serial number (a date column
 * an export left as numbers), or text typed as `d/M/yyyy[ H:mm[:ss]]` or ISO (`yyyy-MM-dd[ HH:mm[:ss]]`,
 * `T` between). Empty → undefined; anything else → 'invalid' (named, never counted as zero).
 */
export function dateTimeOf(value: CellValue, zone: ZoneConverter): CivilDateTime | undefined | 'invalid' {
  if (value === '' || value === null) return undefined;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'invalid' : zone.toCivil(value);
  if (typeof value === 'number') {
    if (!(value >= SERIAL_RANGE[0] && value <= SERIAL_RANGE[1])) return 'invalid';
    const days = Math.floor(value);
    const minute = Math.min(1439, Math.round((value - days) * 1440));
    return { date: addDays(EXCEL_EPOCH, days), minute };
  }
  const text = String(value).trim();
  if (!text) return undefined;
  const iso = parseCivilDateTime(text.length === 10 ? `${text} 00:00` : text);
  if (iso) return iso;
  const m = DMY.exec(text);
  if (m) {
    const [d, mo, y, h = '0', mi = '0'] = m.slice(1).map((v) => v ?? '0');
    if (isValidYmd(Number(y), Number(mo), Number(d)) && Number(h) < 24 && Number(mi) < 60) {
      return { date: civilDate(Number(y), Number(mo), Number(d)), minute: Number(h) * 60 + Number(mi) };
    }
  }
  return 'invalid';
}

/**
 * Text that is a date only when read month first (`12/31/2026`, `5/20/2026 8:00`: the US order Excel
 * writes under English settings). Such a date is never swapped into place: it shows that the other,
 * ambiguous dates of its file (`03/11/2026`) may be month first too, so the file is refused.
 */
export function isMonthFirstDate(value: CellValue): boolean {
  if (typeof value !== 'string') return false;
  const m = DMY.exec(value.trim());
  if (!m) return false;
  const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return first <= 12 && second > 12 && isValidYmd(year, first, second);
}

export function dateOf(value: CellValue, zone: ZoneConverter): CivilDate | undefined | 'invalid' {
  const at = dateTimeOf(value, zone);
  return at === undefined || at === 'invalid' ? at : at.date;
}

export function integerOf(value: CellValue): number | undefined | 'invalid' {
  if (value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) && n >= 0 ? n : 'invalid';
}

/** A record built field by field (its optional fields only when present), then handed out read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Readings kept per column: a register's own values (days, statuses, names) are far fewer. */
const REMEMBERED_VALUES = 50_000;

/**
 * `read`, remembered for each text it was given (the same day or status is read once per register);
 * Dates and numbers are read each time. Past REMEMBERED_VALUES texts, new ones are read, not kept.
 * The last text is checked first: a register's rows come in order, so a cell often says what the
 * one above says (the same day, unit, field), and comparing one string costs less than a lookup.
 */
export function remembered<T>(read: (value: CellValue) => T): (value: CellValue) => T {
  const known = new Map<string, T>();
  let lastText: string | undefined;
  let lastReading: T | undefined;
  return (value) => {
    if (typeof value !== 'string') return read(value);
    if (value === lastText) return lastReading as T;
    const had = known.get(value);
    let got: T;
    if (had !== undefined || known.has(value)) got = had as T;
    else {
      got = read(value);
      if (known.size < REMEMBERED_VALUES) known.set(value, got);
    }
    lastText = value;
    lastReading = got;
    return got;
  };
}
