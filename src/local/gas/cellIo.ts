/**
 * Reading and writing one cell as Apps Script does: Date cells in the spreadsheet's time zone,
 * strings parsed as typed input, plain-text cells kept as written, Google's per-cell limits.
 */
import type * as S from '../../gas/services';
import { isDate } from '../../sheets/cells';
import {
  CELL_TOO_LONG,
  DEFAULT_DATE_TIME_FORMAT,
  MAX_CELL_CHARS,
  TEXT_FORMAT,
  isDateFormat,
  parseTypedInput,
  type RawValue,
} from './cellFormat';
import { googleError } from './errors';
import { dateOfSerial, serialOfDate } from './time';
import { FORMULA_RESULT, cellKey, type SheetData, type WorkbookData } from './workbookData';

/** Reads one raw cell as Apps Script returns it. */
export function readCell(sheet: SheetData, r: number, c: number, timeZone: string): S.CellValue {
  if (sheet.formulas.has(cellKey(r, c))) return FORMULA_RESULT;
  const raw = sheet.rows[r - 1]?.[c - 1];
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') {
    const format = sheet.formats.get(cellKey(r, c));
    if (format && isDateFormat(format)) return dateOfSerial(raw, timeZone);
  }
  return raw;
}

/**
 * Google refuses a string longer than 50,000 characters in a cell, for the whole call (nothing is
 * written). It counts the input as given, so an apostrophe-prefixed string counts its apostrophe:
 * the stricter reading, as Google documents only the limit.
 */
export function checkCellInput(value: unknown): void {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) throw googleError(CELL_TOO_LONG);
}

/**
 * Writes one value as Apps Script would: strings are parsed as typed input, except in a cell
 * formatted as plain text (`@`), which keeps a string exactly as written: no formula, number or date,
 * and a leading apostrophe stays part of the value. (Whether Google strips that apostrophe in a text
 * cell is not documented; keeping it, visible, is the safer reading: code must not rely on it.)
 */
export function writeCell(
  data: SheetData,
  book: WorkbookData,
  r: number,
  c: number,
  value: S.CellValue | null | undefined,
): void {
  checkCellInput(value);
  const k = cellKey(r, c);
  data.formulas.delete(k);
  const existing = data.formats.get(k);
  const isText = existing === TEXT_FORMAT;
  let raw: RawValue;
  if (value === null || value === undefined) raw = null;
  else if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw googleError('Invalid date value.');
    raw = serialOfDate(value, book.timeZone);
    // Safer choice (undocumented): a text cell keeps its `@` format, so the Date is stored as its
    // serial number and reads back as a number, not a Date. Code that wants a Date back must format
    // the column as a date.
    if (!isText && (!existing || !isDateFormat(existing))) data.formats.set(k, DEFAULT_DATE_TIME_FORMAT);
  } else if (typeof value === 'string') {
    if (isText) raw = value === '' ? null : value;
    else {
      const typed = parseTypedInput(value, book.locale);
      if (typed.kind === 'formula') {
        data.formulas.set(k, typed.formula);
        raw = null;
      } else {
        raw = typed.value;
        // A typed date keeps a date format the cell already has; anything else takes the typed one.
        if (typed.format && (!existing || !isDateFormat(existing) || !typed.format.includes('/')))
          data.formats.set(k, typed.format);
      }
    }
  } else if (typeof value === 'number') {
    // A number stays a number, in a text cell too (Sheets stores the value; the format only shows it).
    if (!Number.isFinite(value)) throw googleError('Invalid value: NaN or infinity cannot be written to a cell.');
    raw = value;
  } else if (typeof value === 'boolean') raw = value;
  else raw = String(value);
  let row = data.rows[r - 1];
  if (!row) {
    row = [];
    data.rows[r - 1] = row;
  }
  row[c - 1] = raw;
}
