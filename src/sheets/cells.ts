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
  // Most cells are refused at a glance (every part of a CSV register is searched): no `/`, or a
  // second number up to 12 (`31/12/2026`, a day first) — the pattern needs more than 12 there.
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  let afterSlash = 0;
  for (let i = slash + 1; i < slash + 3 && i < value.length; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    afterSlash = afterSlash * 10 + digit;
  }
  if (afterSlash <= 12) return false;
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

/**
 * A column of cells as read: from a sheet, one value per row; from a text file, a column of repeated
 * values (days, statuses, names) as each row's index among the column's distinct values, so that
 * what a cell says is read once per value, not once per row.
 */
export type CellColumn = readonly CellValue[] | IndexedCells;

export interface IndexedCells {
  readonly length: number;
  /** Each row's value, as its index in `values` (the array may be longer than the column). */
  readonly ids: Int32Array;
  readonly values: readonly string[];
}

const isIndexed = (column: CellColumn): column is IndexedCells => !Array.isArray(column);

/** The cell of row `i` (`''` past the column's end). */
export function cellAt(column: CellColumn, i: number): CellValue {
  if (isIndexed(column)) return i < column.length ? column.values[column.ids[i]!]! : '';
  return (column as readonly CellValue[])[i] ?? '';
}

/** The column's cells, one per row. */
export function cellsOf(column: CellColumn): readonly CellValue[] {
  if (!isIndexed(column)) return column as readonly CellValue[];
  const { ids, values } = column;
  const cells = new Array<string>(column.length);
  for (let i = 0; i < column.length; i += 1) cells[i] = values[ids[i]!]!;
  return cells;
}

/**
 * `read` of the cell of each row: an indexed column's values are each read once, at first asked; a
 * column of cells has its texts remembered (`remembered`).
 */
export function columnReader<T>(column: CellColumn, read: (value: CellValue) => T): (i: number) => T {
  if (!isIndexed(column)) {
    const cells = column as readonly CellValue[];
    const readCell = remembered(read);
    return (i) => readCell(cells[i] ?? '');
  }
  const { ids, values, length } = column;
  const readings = new Array<T | undefined>(values.length + 1);
  const done = new Uint8Array(values.length + 1);
  // Past the column's end (a row longer in another column): the reading of a blank cell, at the last index.
  const blank = values.length;
  return (i) => {
    const id = i < length ? ids[i]! : blank;
    if (done[id] === 0) {
      readings[id] = read(id === blank ? '' : values[id]!);
      done[id] = 1;
    }
    return readings[id] as T;
  };
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
 * A column whose texts are mostly new (codes) is read directly: remembering would only cost.
 */
export function remembered<T>(read: (value: CellValue) => T): (value: CellValue) => T {
  let known: Map<string, T> | undefined = new Map<string, T>();
  let calls = 0;
  let lastText: string | undefined;
  let lastReading: T | undefined;
  return (value) => {
    if (typeof value !== 'string' || known === undefined) return read(value);
    if (value === lastText) return lastReading as T;
    const had = known.get(value);
    let got: T;
    if (had !== undefined || known.has(value)) got = had as T;
    else {
      got = read(value);
      if (known.size < REMEMBERED_VALUES) known.set(value, got);
    }
    calls += 1;
    if (calls === DISTINCT_SAMPLE && known.size > DISTINCT_SAMPLE / 2) known = undefined;
    lastText = value;
    lastReading = got;
    return got;
  };
}

/** Texts read before a column is judged mostly distinct (then no longer remembered). */
const DISTINCT_SAMPLE = 1024;
