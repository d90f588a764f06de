/** `Range` over a local sheet: values, display values, formats, validations, protection, filter, sort. */
import type * as S from '../../gas/services';
import { a1Of } from './a1';
import { LocalDataValidation } from './builders';
import { checkCellInput, readCell, writeCell } from './cellIo';
import { displayValue } from './cellFormat';
import { googleError } from './errors';
import { assertWritable, protectionOf } from './protection';
import type { CostKind } from './runtime';
import type { LocalSheet } from './sheet';
import { FORMULA_RESULT, cellKey as key, type Area, type ProtectionData, type SheetData } from './workbookData';

export class LocalRange implements S.Range {
  constructor(
    readonly sheet: LocalSheet,
    readonly area: Area,
  ) {}

  private get data(): SheetData {
    return this.sheet.data;
  }
  private charge(name: string, kind: CostKind, cells = 0): void {
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
  private write(r: number, c: number, value: S.CellValue | null | undefined): void {
    writeCell(this.data, this.sheet.book.data, r, c, value);
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
    this.charge('getValues', 'rangeRead', this.size);
    const tz = this.sheet.book.data.timeZone;
    return this.map((r, c) => readCell(this.data, r, c, tz));
  }
  getValue(): S.CellValue {
    this.charge('getValue', 'rangeRead', 1);
    return readCell(this.data, this.area.row, this.area.column, this.sheet.book.data.timeZone);
  }
  setValues(values: S.CellValue[][]): LocalRange {
    this.checkShape(values);
    values.forEach((row) => row.forEach(checkCellInput));
    this.charge('setValues', 'rangeWrite', this.size);
    assertWritable(this.sheet, this.area);
    values.forEach((row, i) => row.forEach((v, j) => this.write(this.area.row + i, this.area.column + j, v)));
    return this;
  }
  setValue(value: S.CellValue): LocalRange {
    checkCellInput(value);
    this.charge('setValue', 'rangeWrite', this.size);
    assertWritable(this.sheet, this.area);
    this.map((r, c) => this.write(r, c, value));
    return this;
  }
  getDisplayValues(): string[][] {
    this.charge('getDisplayValues', 'rangeRead', this.size);
    const locale = this.sheet.book.data.locale;
    return this.map((r, c) => {
      if (this.data.formulas.has(key(r, c))) return FORMULA_RESULT;
      const raw = this.data.rows[r - 1]?.[c - 1] ?? null;
      return displayValue(raw, this.data.formats.get(key(r, c)) ?? '', locale);
    });
  }
  getFormulas(): string[][] {
    this.charge('getFormulas', 'rangeRead', this.size);
    return this.map((r, c) => this.data.formulas.get(key(r, c)) ?? '');
  }
  getNumberFormats(): string[][] {
    this.charge('getNumberFormats', 'rangeRead', this.size);
    return this.map((r, c) => this.data.formats.get(key(r, c)) ?? '');
  }
  setNumberFormat(numberFormat: string): LocalRange {
    this.charge('setNumberFormat', 'formatting');
    assertWritable(this.sheet, this.area);
    this.map((r, c) => this.data.formats.set(key(r, c), numberFormat));
    return this;
  }
  setNumberFormats(numberFormats: string[][]): LocalRange {
    this.checkShape(numberFormats);
    this.charge('setNumberFormats', 'rangeWrite', this.size);
    assertWritable(this.sheet, this.area);
    this.map((r, c) => this.data.formats.set(key(r, c), numberFormats[r - this.area.row]?.[c - this.area.column] ?? ''));
    return this;
  }
  getBackgrounds(): string[][] {
    this.charge('getBackgrounds', 'rangeRead', this.size);
    return this.map((r, c) => this.data.backgrounds.get(key(r, c)) ?? '#ffffff');
  }
  setBackground(color: string | null): LocalRange {
    this.charge('setBackground', 'formatting');
    assertWritable(this.sheet, this.area);
    this.map((r, c) => (color ? this.data.backgrounds.set(key(r, c), color) : this.data.backgrounds.delete(key(r, c))));
    return this;
  }
  setFontWeight(fontWeight: string | null): LocalRange {
    this.charge('setFontWeight', 'formatting');
    assertWritable(this.sheet, this.area);
    this.map((r, c) => this.data.fontWeights.set(key(r, c), fontWeight ?? 'normal'));
    return this;
  }
  getFontWeights(): string[][] {
    this.charge('getFontWeights', 'rangeRead', this.size);
    return this.map((r, c) => this.data.fontWeights.get(key(r, c)) ?? 'normal');
  }
  setWrap(isWrapEnabled: boolean): LocalRange {
    this.charge('setWrap', 'formatting');
    assertWritable(this.sheet, this.area);
    this.map((r, c) => (isWrapEnabled ? this.data.wraps.add(key(r, c)) : this.data.wraps.delete(key(r, c))));
    return this;
  }
  getWraps(): boolean[][] {
    this.charge('getWraps', 'rangeRead', this.size);
    return this.map((r, c) => this.data.wraps.has(key(r, c)));
  }
  setDataValidation(rule: S.DataValidation | null): LocalRange {
    this.charge('setDataValidation', 'formatting');
    assertWritable(this.sheet, this.area);
    this.map((r, c) =>
      rule ? this.data.validations.set(key(r, c), (rule as LocalDataValidation).data) : this.data.validations.delete(key(r, c)),
    );
    return this;
  }
  getDataValidations(): (S.DataValidation | null)[][] {
    this.charge('getDataValidations', 'rangeRead', this.size);
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
    this.charge('clearContent', 'rangeWrite', this.size);
    assertWritable(this.sheet, this.area);
    this.map((r, c) => this.write(r, c, null));
    return this;
  }
  /** Sorts the rows of the range by a column, as a person does from the menu (test helper). */
  sort(spec: { column: number; ascending: boolean }): LocalRange {
    this.charge('sort', 'rangeWrite', this.size);
    assertWritable(this.sheet, this.area);
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
