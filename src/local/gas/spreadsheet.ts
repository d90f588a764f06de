/**
 * Local spreadsheets: the data behind them (`WorkbookData`) and the Apps Script objects over it
 * (`LocalSpreadsheet`, `LocalSheet`, `LocalRange`). Strict where Google is: grid bounds, value
 * shapes, typed input, Date cells in the spreadsheet's time zone.
 */
import type * as S from '../../gas/services';
import { isDate } from '../../sheets/cells';
import { a1Of, parseA1 } from './a1';
import {
  CELL_TOO_LONG,
  DEFAULT_DATE_TIME_FORMAT,
  MAX_CELL_CHARS,
  TEXT_FORMAT,
  displayValue,
  isDateFormat,
  parseTypedInput,
  type RawValue,
} from './cellFormat';
import type { Runtime } from './runtime';
import { dateOfSerial, serialOfDate } from './time';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
/** Google's limit on the cells of one spreadsheet. */
export const MAX_CELLS = 10_000_000;
/** What a formula cell reads back as: the local services do not evaluate formulas. */
export const FORMULA_RESULT = '#ERROR!';

export interface ProtectionData {
  kind: 'RANGE' | 'SHEET';
  area?: { row: number; column: number; numRows: number; numColumns: number };
  description: string;
  warningOnly: boolean;
}

export interface ValidationData {
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ConditionalRuleData {
  formula: string;
  background: string | null;
  fontColor: string | null;
  areas: { row: number; column: number; numRows: number; numColumns: number }[];
}

export interface ChartData {
  type: 'column' | 'bar' | 'pie' | 'line';
  areas: { row: number; column: number; numRows: number; numColumns: number }[];
  position: { row: number; column: number };
  options: Record<string, unknown>;
}

export interface SheetData {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  /** rows[r-1][c-1]; missing = empty. */
  rows: RawValue[][];
  formulas: Map<string, string>;
  formats: Map<string, string>;
  backgrounds: Map<string, string>;
  fontWeights: Map<string, string>;
  validations: Map<string, ValidationData>;
  frozenRows: number;
  columnWidths: Map<number, number>;
  tabColor: string | null;
  protections: ProtectionData[];
  conditionalRules: ConditionalRuleData[];
  charts: ChartData[];
  filter: { row: number; column: number; numRows: number; numColumns: number } | null;
}

export interface WorkbookData {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  editors: string[];
  viewers: string[];
  sheets: SheetData[];
  nextSheetId: number;
  /** What the user has selected (local only, not saved). */
  selection?: { sheetId: number; area: { row: number; column: number; numRows: number; numColumns: number } };
}

export function newSheetData(id: number, name: string): SheetData {
  return {
    id,
    name,
    maxRows: DEFAULT_ROWS,
    maxColumns: DEFAULT_COLUMNS,
    rows: [],
    formulas: new Map(),
    formats: new Map(),
    backgrounds: new Map(),
    fontWeights: new Map(),
    validations: new Map(),
    frozenRows: 0,
    columnWidths: new Map(),
    tabColor: null,
    protections: [],
    conditionalRules: [],
    charts: [],
    filter: null,
  };
}

export function newWorkbookData(id: string, name: string, owner: string, timeZone = 'Asia/Ho_Chi_Minh'): WorkbookData {
  return {
    id,
    name,
    timeZone,
    locale: 'vi_VN',
    owner,
    editors: [owner],
    viewers: [],
    sheets: [newSheetData(0, 'Trang tính1')],
    nextSheetId: 1,
  };
}

const key = (r: number, c: number) => `${r}:${c}`;

export function cellCount(book: WorkbookData): number {
  return book.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

export function lastRowOf(sheet: SheetData): number {
  let last = 0;
  for (const k of sheet.formulas.keys()) last = Math.max(last, Number(k.slice(0, k.indexOf(':'))));
  for (let r = sheet.rows.length; r > last; r -= 1) {
    const row = sheet.rows[r - 1];
    if (row && row.some((v) => v !== null && v !== undefined)) return r;
  }
  return last;
}

export function lastColumnOf(sheet: SheetData): number {
  let last = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = row.length; c > last; c -= 1) {
      const v = row[c - 1];
      if (v !== null && v !== undefined) {
        last = c;
        break;
      }
    }
  }
  return last;
}

function googleError(message: string): Error {
  const e = new Error(message);
  e.name = 'Exception';
  return e;
}

/** Reads one raw cell as Apps Script returns it. */
function readCell(sheet: SheetData, r: number, c: number, timeZone: string): S.CellValue {
  if (sheet.formulas.has(key(r, c))) return FORMULA_RESULT;
  const raw = sheet.rows[r - 1]?.[c - 1];
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') {
    const format = sheet.formats.get(key(r, c));
    if (format && isDateFormat(format)) return dateOfSerial(raw, timeZone);
  }
  return raw;
}

export class LocalSpreadsheet implements S.Spreadsheet {
  constructor(
    readonly data: WorkbookData,
    readonly runtime: Runtime,
  ) {}

  private charge(name: string, kind: Parameters<Runtime['charge']>[1] = 'metadata') {
    this.runtime.charge(`Spreadsheet.${name}`, kind);
  }

  getId(): string {
    this.charge('getId');
    return this.data.id;
  }
  getName(): string {
    this.charge('getName');
    return this.data.name;
  }
  getUrl(): string {
    this.charge('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.data.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.charge('getSpreadsheetTimeZone');
    return this.data.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.charge('setSpreadsheetTimeZone', 'formatting');
    this.data.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.charge('getSpreadsheetLocale');
    return this.data.locale;
  }
  getSheetByName(name: string): LocalSheet | null {
    this.charge('getSheetByName');
    const sheet = this.data.sheets.find((s) => s.name === name);
    return sheet ? new LocalSheet(sheet, this) : null;
  }
  getSheets(): LocalSheet[] {
    this.charge('getSheets');
    return this.data.sheets.map((s) => new LocalSheet(s, this));
  }
  insertSheet(sheetName: string): LocalSheet {
    this.charge('insertSheet', 'formatting');
    if (this.data.sheets.some((s) => s.name === sheetName)) {
      throw googleError(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    if (cellCount(this.data) + DEFAULT_ROWS * DEFAULT_COLUMNS > MAX_CELLS) throw tooManyCells();
    const data = newSheetData(this.data.nextSheetId++, sheetName);
    this.data.sheets.push(data);
    return new LocalSheet(data, this);
  }
  deleteSheet(sheet: S.Sheet): void {
    this.charge('deleteSheet', 'formatting');
    if (this.data.sheets.length === 1) throw googleError("You can't remove all the sheets in a document.");
    this.data.sheets = this.data.sheets.filter((s) => s.id !== sheet.getSheetId());
  }
  getActiveSheet(): LocalSheet {
    this.charge('getActiveSheet');
    const first = this.data.sheets[0];
    if (!first) throw googleError('The spreadsheet has no sheets.');
    const selected = this.data.sheets.find((s) => s.id === this.data.selection?.sheetId);
    return new LocalSheet(selected ?? first, this);
  }
  /** Test and demo helper: what the user has selected. */
  select(sheetName: string, a1: string): void {
    const sheet = this.data.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`No sheet ${sheetName}`);
    const area = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    if (!area) throw new Error(`Bad range ${a1}`);
    this.data.selection = { sheetId: sheet.id, area };
  }
  getActiveRange(): LocalRange | null {
    this.charge('getActiveRange');
    const selection = this.data.selection;
    const sheet = this.data.sheets.find((s) => s.id === selection?.sheetId);
    if (!sheet || !selection) return null;
    return new LocalRange(new LocalSheet(sheet, this), selection.area);
  }
  addViewer(emailAddress: string): LocalSpreadsheet {
    return this.addViewers([emailAddress]);
  }
  addViewers(emailAddresses: string[]): LocalSpreadsheet {
    this.charge('addViewers', 'formatting');
    for (const email of emailAddresses) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw googleError(`Invalid email: ${email}`);
      if (!this.data.viewers.includes(email) && !this.data.editors.includes(email)) this.data.viewers.push(email);
    }
    return this;
  }
  getViewers(): S.User[] {
    this.charge('getViewers');
    return this.data.viewers.map((email) => ({ getEmail: () => email }));
  }
  toasts: string[] = [];
  toast(msg: string, title: string, _timeoutSeconds: number): void {
    this.charge('toast', 'ui');
    this.toasts.push(`${title}: ${msg}`);
  }
}

function tooManyCells(): Error {
  return googleError(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
}

export class LocalSheet implements S.Sheet {
  constructor(
    readonly data: SheetData,
    readonly book: LocalSpreadsheet,
  ) {}

  charge(name: string, kind: Parameters<Runtime['charge']>[1] = 'metadata', cells = 0): void {
    this.book.runtime.charge(`Sheet.${name}`, kind, cells);
  }

  getName(): string {
    this.charge('getName');
    return this.data.name;
  }
  setName(name: string): LocalSheet {
    this.charge('setName', 'formatting');
    if (this.book.data.sheets.some((s) => s.name === name && s !== this.data)) {
      throw googleError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.data.name = name;
    return this;
  }
  getSheetId(): number {
    return this.data.id;
  }
  getParent(): LocalSpreadsheet {
    return this.book;
  }

  getRange(row: number, column: number, numRows?: number, numColumns?: number): LocalRange;
  getRange(a1Notation: string): LocalRange;
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): LocalRange {
    this.charge('getRange');
    if (typeof a === 'string') {
      const area = parseA1(a, this.data.maxRows, this.data.maxColumns);
      if (!area) throw googleError('Range not found');
      this.checkBounds(area.row, area.column, area.numRows, area.numColumns);
      return new LocalRange(this, area);
    }
    const area = { row: a, column: column ?? 1, numRows: numRows ?? 1, numColumns: numColumns ?? 1 };
    this.checkBounds(area.row, area.column, area.numRows, area.numColumns);
    return new LocalRange(this, area);
  }

  private checkBounds(row: number, column: number, numRows: number, numColumns: number): void {
    for (const [name, v] of [
      ['row', row],
      ['column', column],
      ['numRows', numRows],
      ['numColumns', numColumns],
    ] as const) {
      if (!Number.isInteger(v)) throw googleError(`Cannot convert '${v}' to int (${name}).`);
    }
    if (row < 1) throw googleError('The starting row of the range is too small.');
    if (column < 1) throw googleError('The starting column of the range is too small.');
    if (numRows < 1) throw googleError('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw googleError('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.data.maxRows || column + numColumns - 1 > this.data.maxColumns) {
      throw googleError('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  getDataRange(): LocalRange {
    this.charge('getDataRange');
    return new LocalRange(this, {
      row: 1,
      column: 1,
      numRows: Math.max(1, lastRowOf(this.data)),
      numColumns: Math.max(1, lastColumnOf(this.data)),
    });
  }
  getLastRow(): number {
    this.charge('getLastRow');
    return lastRowOf(this.data);
  }
  getLastColumn(): number {
    this.charge('getLastColumn');
    return lastColumnOf(this.data);
  }
  getMaxRows(): number {
    this.charge('getMaxRows');
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    this.charge('getMaxColumns');
    return this.data.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): LocalSheet {
    this.charge('insertRowsAfter', 'formatting');
    if (afterPosition < 0 || afterPosition > this.data.maxRows) throw googleError('Those rows are out of bounds.');
    return this.insertRows(afterPosition, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): LocalSheet {
    this.charge('insertRowsBefore', 'formatting');
    if (beforePosition < 1 || beforePosition > this.data.maxRows) throw googleError('Those rows are out of bounds.');
    return this.insertRows(beforePosition - 1, howMany);
  }
  /**
   * Inserts `howMany` empty rows below row `afterPosition` (0: at the top). Rows inserted INSIDE an
   * area (below its first row and above its last) extend it, as Google extends data validations,
   * number formats, conditional-format rule ranges, protected ranges, the filter and chart ranges;
   * an area ending at `afterPosition` or above it stays as it is, one starting below it moves down.
   * So rows added after the last row of the sheet (`insertRowsAfter(getMaxRows(), n)`) extend
   * nothing: the new rows have no validation, number format, protection or conditional format
   * until code applies them. Per-cell validations and number formats extend into the new rows of a
   * column only where the rows above and below the insertion carry the same one (the safer reading:
   * in the UI Google also copies the formatting of the row above, which is not modelled).
   */
  private insertRows(afterPosition: number, howMany: number): LocalSheet {
    if (!Number.isInteger(howMany)) throw googleError(`Cannot convert '${howMany}' to int (howMany).`);
    // Google's answer to inserting no rows is not documented: refused rather than guessed.
    if (howMany < 1) throw new Error('Local services: insert at least one row.');
    if (cellCount(this.book.data) + howMany * this.data.maxColumns > MAX_CELLS) throw tooManyCells();
    const data = this.data;
    if (afterPosition < data.rows.length) {
      data.rows.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as RawValue[]));
    }
    for (const map of [data.formulas, data.formats, data.backgrounds, data.fontWeights, data.validations] as Map<
      string,
      unknown
    >[]) {
      const moved = [...map.entries()].map(([k, v]) => {
        const [r, c] = k.split(':').map(Number) as [number, number];
        return [r > afterPosition ? key(r + howMany, c) : k, v] as const;
      });
      map.clear();
      for (const [k, v] of moved) map.set(k, v);
    }
    for (const map of [data.formats, data.validations] as Map<string, unknown>[]) {
      for (let c = 1; c <= data.maxColumns; c += 1) {
        const above = map.get(key(afterPosition, c));
        const below = map.get(key(afterPosition + howMany + 1, c));
        if (above === undefined || below === undefined) continue;
        if (above !== below && JSON.stringify(above) !== JSON.stringify(below)) continue;
        for (let r = afterPosition + 1; r <= afterPosition + howMany; r += 1) map.set(key(r, c), above);
      }
    }
    const grow = <A extends Area>(area: A): A => {
      if (afterPosition < area.row) return { ...area, row: area.row + howMany };
      if (afterPosition < area.row + area.numRows - 1) return { ...area, numRows: area.numRows + howMany };
      return area;
    };
    for (const p of data.protections) if (p.area) p.area = grow(p.area);
    for (const rule of data.conditionalRules) rule.areas = rule.areas.map(grow);
    for (const chart of data.charts) chart.areas = chart.areas.map(grow);
    if (data.filter) data.filter = grow(data.filter);
    data.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): LocalSheet {
    this.charge('insertColumnsAfter', 'formatting');
    if (afterPosition !== this.data.maxColumns) {
      throw new Error('Local services: inserting columns inside the grid is not modelled yet.');
    }
    if (cellCount(this.book.data) + howMany * this.data.maxRows > MAX_CELLS) throw tooManyCells();
    this.data.maxColumns += howMany;
    return this;
  }
  appendRow(rowContents: S.CellValue[]): LocalSheet {
    this.charge('appendRow', 'rangeIo', rowContents.length);
    rowContents.forEach(checkCellInput);
    const row = lastRowOf(this.data) + 1;
    if (row > this.data.maxRows) this.data.maxRows = row;
    if (rowContents.length > this.data.maxColumns) this.data.maxColumns = rowContents.length;
    rowContents.forEach((v, i) => writeCell(this, row, i + 1, v));
    this.book.runtime.counters.cellsWritten += rowContents.length;
    return this;
  }
  setFrozenRows(rows: number): void {
    this.charge('setFrozenRows', 'formatting');
    this.data.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.charge('getFrozenRows');
    return this.data.frozenRows;
  }
  setColumnWidth(columnPosition: number, width: number): LocalSheet {
    this.charge('setColumnWidth', 'formatting');
    this.data.columnWidths.set(columnPosition, width);
    return this;
  }
  setTabColor(color: string | null): LocalSheet {
    this.charge('setTabColor', 'formatting');
    this.data.tabColor = color;
    return this;
  }
  protect(): S.Protection {
    this.charge('protect', 'formatting');
    const data: ProtectionData = { kind: 'SHEET', description: '', warningOnly: false };
    this.data.protections.push(data);
    return protectionOf(data, this);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): S.Protection[] {
    this.charge('getProtections');
    const kind = String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return this.data.protections.filter((p) => p.kind === kind).map((p) => protectionOf(p, this));
  }
  getFilter(): S.Filter | null {
    this.charge('getFilter');
    const area = this.data.filter;
    return area ? { getRange: () => new LocalRange(this, area) } : null;
  }
  setConditionalFormatRules(rules: S.ConditionalFormatRule[]): void {
    this.charge('setConditionalFormatRules', 'formatting');
    this.data.conditionalRules = rules.map((r) => (r as LocalConditionalRule).data);
  }
  getConditionalFormatRules(): S.ConditionalFormatRule[] {
    this.charge('getConditionalFormatRules');
    return this.data.conditionalRules.map((d) => new LocalConditionalRule(d, this));
  }
  newChart(): S.EmbeddedChartBuilder {
    this.charge('newChart');
    return new LocalChartBuilder(this, { type: 'column', areas: [], position: { row: 1, column: 1 }, options: {} });
  }
  insertChart(chart: S.EmbeddedChart): void {
    this.charge('insertChart', 'formatting');
    this.data.charts.push((chart as LocalChart).data);
  }
  getCharts(): S.EmbeddedChart[] {
    this.charge('getCharts');
    return this.data.charts.map((d) => new LocalChart(d));
  }
  removeChart(chart: S.EmbeddedChart): void {
    this.charge('removeChart', 'formatting');
    this.data.charts = this.data.charts.filter((c) => c !== (chart as LocalChart).data);
  }
  clear(): LocalSheet {
    this.charge('clear', 'formatting');
    this.data.rows = [];
    this.data.formulas.clear();
    this.data.formats.clear();
    this.data.backgrounds.clear();
    this.data.fontWeights.clear();
    return this;
  }
}

function protectionOf(data: ProtectionData, sheet: LocalSheet): S.Protection {
  const p: S.Protection = {
    setDescription: (d) => ((data.description = d), p),
    getDescription: () => data.description,
    setWarningOnly: (w) => ((data.warningOnly = w), p),
    isWarningOnly: () => data.warningOnly,
    // Google: for a sheet protection, a range that spans the whole sheet.
    getRange: () => {
      sheet.book.runtime.charge('Protection.getRange', 'metadata');
      const area = data.area ?? { row: 1, column: 1, numRows: sheet.data.maxRows, numColumns: sheet.data.maxColumns };
      return new LocalRange(sheet, { ...area });
    },
    setRange: (range) => {
      sheet.book.runtime.charge('Protection.setRange', 'formatting');
      // Not modelled (Google does not document them), so refused rather than guessed.
      if (data.kind === 'SHEET') throw new Error('Local services: setRange on a sheet protection is not modelled.');
      const local = range as LocalRange;
      if (local.sheet.data !== sheet.data) throw new Error('Local services: a protection cannot move to another sheet.');
      data.area = { ...local.area };
      return p;
    },
  };
  return p;
}

/**
 * Google refuses a string longer than 50,000 characters in a cell, for the whole call (nothing is
 * written). It counts the input as given, so an apostrophe-prefixed string counts its apostrophe:
 * the stricter reading, as Google documents only the limit.
 */
function checkCellInput(value: unknown): void {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) throw googleError(CELL_TOO_LONG);
}

/**
 * Writes one value as Apps Script would: strings are parsed as typed input, except in a cell
 * formatted as plain text (`@`), which keeps a string exactly as written: no formula, number or date,
 * and a leading apostrophe stays part of the value. (Whether Google strips that apostrophe in a text
 * cell is not documented; keeping it, visible, is the safer reading: code must not rely on it.)
 */
function writeCell(sheet: LocalSheet, r: number, c: number, value: S.CellValue | null | undefined): void {
  checkCellInput(value);
  const data = sheet.data;
  const k = key(r, c);
  data.formulas.delete(k);
  const existing = data.formats.get(k);
  const isText = existing === TEXT_FORMAT;
  let raw: RawValue;
  if (value === null || value === undefined) raw = null;
  else if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw googleError('Invalid date value.');
    raw = serialOfDate(value, sheet.book.data.timeZone);
    // Safer choice (undocumented): a text cell keeps its `@` format, so the Date is stored as its
    // serial number and reads back as a number, not a Date. Code that wants a Date back must format
    // the column as a date.
    if (!isText && (!existing || !isDateFormat(existing))) data.formats.set(k, DEFAULT_DATE_TIME_FORMAT);
  } else if (typeof value === 'string') {
    if (isText) raw = value === '' ? null : value;
    else {
      const typed = parseTypedInput(value, sheet.book.data.locale);
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

type Area = { row: number; column: number; numRows: number; numColumns: number };

export class LocalRange implements S.Range {
  constructor(
    readonly sheet: LocalSheet,
    readonly area: Area,
  ) {}

  private get data(): SheetData {
    return this.sheet.data;
  }
  private charge(name: string, kind: Parameters<Runtime['charge']>[1], cells = 0): void {
    this.sheet.book.runtime.charge(`Range.${name}`, kind, cells);
  }
  private get size(): number {
    return this.area.numRows * this.area.numColumns;
  }
  private map<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.area.numRows; i += 1) {
      const row: T[] = [];
      for (let j = 0; j < this.area.numColumns; j += 1) row.push(fn(this.area.row + i, this.area.column + j));
      out.push(row);
    }
    return out;
  }
  private checkShape(values: unknown[][], what = 'data'): void {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) {
      throw googleError(`The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Range.setValues.`);
    }
    if (values.length !== this.area.numRows) {
      throw googleError(
        `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${values.length} but the range has ${this.area.numRows}.`,
      );
    }
    for (const row of values) {
      if (row.length !== this.area.numColumns) {
        throw googleError(
          `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${row.length} but the range has ${this.area.numColumns}.`,
        );
      }
    }
  }

  getRow(): number {
    return this.area.row;
  }
  getColumn(): number {
    return this.area.column;
  }
  getNumRows(): number {
    return this.area.numRows;
  }
  getNumColumns(): number {
    return this.area.numColumns;
  }
  getLastRow(): number {
    return this.area.row + this.area.numRows - 1;
  }
  getA1Notation(): string {
    return a1Of(this.area);
  }
  getSheet(): LocalSheet {
    return this.sheet;
  }
  getValues(): S.CellValue[][] {
    this.charge('getValues', 'rangeIo', this.size);
    this.sheet.book.runtime.counters.cellsRead += this.size;
    const tz = this.sheet.book.data.timeZone;
    return this.map((r, c) => readCell(this.data, r, c, tz));
  }
  getValue(): S.CellValue {
    this.charge('getValue', 'rangeIo', 1);
    this.sheet.book.runtime.counters.cellsRead += 1;
    return readCell(this.data, this.area.row, this.area.column, this.sheet.book.data.timeZone);
  }
  setValues(values: S.CellValue[][]): LocalRange {
    this.checkShape(values);
    values.forEach((row) => row.forEach(checkCellInput));
    this.charge('setValues', 'rangeIo', this.size);
    this.sheet.book.runtime.counters.cellsWritten += this.size;
    values.forEach((row, i) => row.forEach((v, j) => writeCell(this.sheet, this.area.row + i, this.area.column + j, v)));
    return this;
  }
  setValue(value: S.CellValue): LocalRange {
    checkCellInput(value);
    this.charge('setValue', 'rangeIo', this.size);
    this.sheet.book.runtime.counters.cellsWritten += this.size;
    this.map((r, c) => writeCell(this.sheet, r, c, value));
    return this;
  }
  getDisplayValues(): string[][] {
    this.charge('getDisplayValues', 'rangeIo', this.size);
    this.sheet.book.runtime.counters.cellsRead += this.size;
    const locale = this.sheet.book.data.locale;
    return this.map((r, c) => {
      if (this.data.formulas.has(key(r, c))) return FORMULA_RESULT;
      const raw = this.data.rows[r - 1]?.[c - 1] ?? null;
      return displayValue(raw, this.data.formats.get(key(r, c)) ?? '', locale);
    });
  }
  getFormulas(): string[][] {
    this.charge('getFormulas', 'rangeIo', this.size);
    return this.map((r, c) => this.data.formulas.get(key(r, c)) ?? '');
  }
  getNumberFormats(): string[][] {
    this.charge('getNumberFormats', 'rangeIo', this.size);
    return this.map((r, c) => this.data.formats.get(key(r, c)) ?? '');
  }
  setNumberFormat(numberFormat: string): LocalRange {
    this.charge('setNumberFormat', 'formatting');
    this.map((r, c) => this.data.formats.set(key(r, c), numberFormat));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): LocalRange {
    this.checkShape(numberFormats);
    this.charge('setNumberFormats', 'formatting');
    this.map((r, c) => this.data.formats.set(key(r, c), numberFormats[r - this.area.row]?.[c - this.area.column] ?? ''));
    return this;
  }
  getBackgrounds(): string[][] {
    this.charge('getBackgrounds', 'rangeIo', this.size);
    return this.map((r, c) => this.data.backgrounds.get(key(r, c)) ?? '#ffffff');
  }
  setBackground(color: string | null): LocalRange {
    this.charge('setBackground', 'formatting');
    this.map((r, c) => (color ? this.data.backgrounds.set(key(r, c), color) : this.data.backgrounds.delete(key(r, c))));
    return this;
  }
  setFontWeight(fontWeight: string | null): LocalRange {
    this.charge('setFontWeight', 'formatting');
    this.map((r, c) => this.data.fontWeights.set(key(r, c), fontWeight ?? 'normal'));
    return this;
  }
  getFontWeights(): string[][] {
    this.charge('getFontWeights', 'rangeIo', this.size);
    return this.map((r, c) => this.data.fontWeights.get(key(r, c)) ?? 'normal');
  }
  setWrap(_isWrapEnabled: boolean): LocalRange {
    this.charge('setWrap', 'formatting');
    return this;
  }
  setDataValidation(rule: S.DataValidation | null): LocalRange {
    this.charge('setDataValidation', 'formatting');
    this.map((r, c) =>
      rule ? this.data.validations.set(key(r, c), (rule as LocalDataValidation).data) : this.data.validations.delete(key(r, c)),
    );
    return this;
  }
  getDataValidations(): (S.DataValidation | null)[][] {
    this.charge('getDataValidations', 'rangeIo', this.size);
    return this.map((r, c) => {
      const v = this.data.validations.get(key(r, c));
      return v ? new LocalDataValidation(v) : null;
    });
  }
  protect(): S.Protection {
    this.charge('protect', 'formatting');
    const data: ProtectionData = { kind: 'RANGE', area: { ...this.area }, description: '', warningOnly: false };
    this.data.protections.push(data);
    return protectionOf(data, this.sheet);
  }
  createFilter(): S.Filter {
    this.charge('createFilter', 'formatting');
    if (this.data.filter) throw googleError("You can't create a filter in a sheet that already has a filter.");
    this.data.filter = { ...this.area };
    const data = this.data;
    return { getRange: () => new LocalRange(this.sheet, { ...(data.filter ?? this.area) }) };
  }
  clearContent(): LocalRange {
    this.charge('clearContent', 'rangeIo', this.size);
    this.map((r, c) => writeCell(this.sheet, r, c, null));
    return this;
  }
  /** Sorts the rows of the range by a column, as a person does from the menu (test helper). */
  sort(spec: { column: number; ascending: boolean }): LocalRange {
    this.charge('sort', 'rangeIo', this.size);
    const { row, numRows, column, numColumns } = this.area;
    const rows = this.data.rows;
    const slice = Array.from({ length: numRows }, (_, i) => {
      const r = rows[row - 1 + i] ?? [];
      const formats = Array.from({ length: numColumns }, (_, j) => this.data.formats.get(key(row + i, column + j)));
      return { cells: r.slice(column - 1, column - 1 + numColumns), formats };
    });
    const idx = spec.column - column;
    slice.sort((a, b) => {
      const x = a.cells[idx] ?? '';
      const y = b.cells[idx] ?? '';
      const cmp = x === y ? 0 : String(typeof x) + String(x) < String(typeof y) + String(y) ? -1 : 1;
      return typeof x === 'number' && typeof y === 'number' ? (spec.ascending ? x - y : y - x) : spec.ascending ? cmp : -cmp;
    });
    slice.forEach((s, i) => {
      const target = (rows[row - 1 + i] ??= []);
      for (let j = 0; j < numColumns; j += 1) {
        target[column - 1 + j] = s.cells[j] ?? null;
        const f = s.formats[j];
        if (f) this.data.formats.set(key(row + i, column + j), f);
        else this.data.formats.delete(key(row + i, column + j));
      }
    });
    return this;
  }
}

export class LocalDataValidation implements S.DataValidation {
  constructor(readonly data: ValidationData) {}
  getCriteriaValues(): unknown[] {
    return [this.data.values, this.data.showDropdown];
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
}

export class LocalDataValidationBuilder implements S.DataValidationBuilder {
  private data: ValidationData = { values: [], showDropdown: true, allowInvalid: true, helpText: null };
  requireValueInList(values: string[], showDropdown: boolean): LocalDataValidationBuilder {
    this.data = { ...this.data, values: [...values], showDropdown };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): LocalDataValidationBuilder {
    this.data = { ...this.data, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): LocalDataValidationBuilder {
    this.data = { ...this.data, helpText };
    return this;
  }
  build(): LocalDataValidation {
    if (this.data.values.length === 0) throw googleError('The data validation rule has no criteria.');
    return new LocalDataValidation({ ...this.data });
  }
}

export class LocalConditionalRule implements S.ConditionalFormatRule {
  constructor(
    readonly data: ConditionalRuleData,
    private readonly sheet?: LocalSheet,
  ) {}
  getRanges(): S.Range[] {
    const sheet = this.sheet;
    return sheet ? this.data.areas.map((a) => new LocalRange(sheet, a)) : [];
  }
  getBooleanCondition(): S.BooleanCondition | null {
    const formula = this.data.formula;
    return { getCriteriaValues: () => [formula] };
  }
}

export class LocalConditionalRuleBuilder implements S.ConditionalFormatRuleBuilder {
  private data: ConditionalRuleData = { formula: '', background: null, fontColor: null, areas: [] };
  whenFormulaSatisfied(formula: string): LocalConditionalRuleBuilder {
    this.data.formula = formula;
    return this;
  }
  setBackground(color: string | null): LocalConditionalRuleBuilder {
    this.data.background = color;
    return this;
  }
  setFontColor(color: string | null): LocalConditionalRuleBuilder {
    this.data.fontColor = color;
    return this;
  }
  setRanges(ranges: S.Range[]): LocalConditionalRuleBuilder {
    this.data.areas = ranges.map((r) => ({ ...(r as LocalRange).area }));
    return this;
  }
  build(): LocalConditionalRule {
    if (!this.data.formula.startsWith('='))
      throw googleError('Invalid conditional format rule: the formula must start with "=".');
    return new LocalConditionalRule({ ...this.data, areas: [...this.data.areas] });
  }
}

export class LocalChart implements S.EmbeddedChart {
  constructor(readonly data: ChartData) {}
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.data.options[option] };
  }
}

class LocalChartBuilder implements S.EmbeddedChartBuilder {
  constructor(
    private readonly sheet: LocalSheet,
    private readonly data: ChartData,
  ) {}
  asColumnChart(): LocalChartBuilder {
    this.data.type = 'column';
    return this;
  }
  asBarChart(): LocalChartBuilder {
    this.data.type = 'bar';
    return this;
  }
  asPieChart(): LocalChartBuilder {
    this.data.type = 'pie';
    return this;
  }
  addRange(range: S.Range): LocalChartBuilder {
    this.data.areas.push({ ...(range as LocalRange).area });
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number): LocalChartBuilder {
    this.data.position = { row: anchorRowPos, column: anchorColPos };
    return this;
  }
  setOption(option: string, value: unknown): LocalChartBuilder {
    this.data.options[option] = value;
    return this;
  }
  build(): LocalChart {
    if (this.data.areas.length === 0) throw googleError('A chart needs at least one range.');
    void this.sheet;
    return new LocalChart({ ...this.data, areas: [...this.data.areas], options: { ...this.data.options } });
  }
}
