/** `Sheet` over local sheet data: ranges, rows, frozen rows, widths, protections, rules, charts. */
import type * as S from '../../gas/services';
import { parseA1 } from './a1';
import { LocalChart, LocalChartBuilder, LocalConditionalRule } from './builders';
import type { RawValue } from './cellFormat';
import { checkCellInput, writeCell } from './cellIo';
import { googleError } from './errors';
import { assertWritable, protectionOf } from './protection';
import { LocalRange } from './range';
import type { CostKind } from './runtime';
import type { LocalSpreadsheet } from './spreadsheet';
import {
  MAX_CELLS,
  cellCount,
  cellKey as key,
  cellOfKey,
  lastColumnOf,
  lastRowOf,
  tooManyCells,
  type Area,
  type ProtectionData,
  type SheetData,
} from './workbookData';

export class LocalSheet implements S.Sheet {
  constructor(
    readonly data: SheetData,
    readonly book: LocalSpreadsheet,
  ) {}

  charge(name: string, kind: CostKind, cells = 0): void {
    this.book.runtime.charge(`Sheet.${name}`, kind, cells);
  }

  getName(): string {
    this.charge('getName', 'sheetMetadata');
    return this.data.name;
  }
  setName(name: string): LocalSheet {
    this.charge('setName', 'formatting');
    // A protected sheet is renamed only by its editors, as it is deleted.
    assertWritable(this);
    // Tab names are unique whatever their case in Google.
    if (this.book.data.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase() && s !== this.data)) {
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
  /** A range over `area` of this sheet, with no call charged (for objects that hold areas). */
  rangeOf(area: Area): LocalRange {
    return new LocalRange(this, area);
  }

  getRange(row: number, column: number, numRows?: number, numColumns?: number): LocalRange;
  getRange(a1Notation: string): LocalRange;
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): LocalRange {
    this.charge('getRange', 'handle');
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
    this.charge('getDataRange', 'sheetMetadata');
    return new LocalRange(this, {
      row: 1,
      column: 1,
      numRows: Math.max(1, lastRowOf(this.data)),
      numColumns: Math.max(1, lastColumnOf(this.data)),
    });
  }
  getLastRow(): number {
    this.charge('getLastRow', 'sheetMetadata');
    return lastRowOf(this.data);
  }
  getLastColumn(): number {
    this.charge('getLastColumn', 'sheetMetadata');
    return lastColumnOf(this.data);
  }
  getMaxRows(): number {
    this.charge('getMaxRows', 'sheetMetadata');
    return this.data.maxRows;
  }
  getMaxColumns(): number {
    this.charge('getMaxColumns', 'sheetMetadata');
    return this.data.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): LocalSheet {
    this.charge('insertRowsAfter', 'formatting');
    assertWritable(this);
    if (afterPosition < 0 || afterPosition > this.data.maxRows) throw googleError('Those rows are out of bounds.');
    return this.insertRows(afterPosition, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): LocalSheet {
    this.charge('insertRowsBefore', 'formatting');
    assertWritable(this);
    if (beforePosition < 1 || beforePosition > this.data.maxRows) throw googleError('Those rows are out of bounds.');
    return this.insertRows(beforePosition - 1, howMany);
  }
  /**
   * Deletes rows `rowPosition`..`rowPosition + howMany - 1` with what they hold; rows below move up,
   * and every area shrinks by the rows it loses (one left with none is dropped).
   */
  deleteRows(rowPosition: number, howMany: number): void {
    this.charge('deleteRows', 'formatting');
    const data = this.data;
    if (!Number.isInteger(rowPosition) || !Number.isInteger(howMany) || howMany < 1) {
      throw googleError('Those rows are out of bounds.');
    }
    if (rowPosition < 1 || rowPosition + howMany - 1 > data.maxRows) throw googleError('Those rows are out of bounds.');
    assertWritable(this, { row: rowPosition, column: 1, numRows: howMany, numColumns: data.maxColumns });
    if (howMany >= data.maxRows - data.frozenRows) throw googleError('Sorry, it is not possible to delete all non-frozen rows.');
    const last = rowPosition + howMany - 1;
    data.rows.splice(rowPosition - 1, howMany);
    for (const map of [data.formulas, data.formats, data.backgrounds, data.fontWeights, data.validations] as Map<
      string,
      unknown
    >[]) {
      // Only the cells from the deleted rows down change (a map deletes its current entry safely while iterated).
      // Unary + rather than Number(): no global looked up per cell, many times faster under jest's sandbox.
      const moved: [string, unknown][] = [];
      for (const [k, v] of map) {
        const at = k.indexOf(':');
        const r = +k.slice(0, at);
        if (r < rowPosition) continue;
        map.delete(k);
        if (r > last) moved.push([`${r - howMany}${k.slice(at)}`, v]);
      }
      for (const [k, v] of moved) map.set(k, v);
    }
    const shrink = <A extends Area>(area: A): A | undefined => {
      const top = area.row;
      const bottom = area.row + area.numRows - 1;
      const lost = Math.max(0, Math.min(bottom, last) - Math.max(top, rowPosition) + 1);
      if (lost === area.numRows) return undefined;
      const row = top > last ? top - howMany : top >= rowPosition ? rowPosition : top;
      return { ...area, row, numRows: area.numRows - lost };
    };
    data.protections = data.protections.filter((p) => {
      if (!p.area) return true;
      const area = shrink(p.area);
      if (area) p.area = area;
      return area !== undefined;
    });
    for (const rule of data.conditionalRules) rule.areas = rule.areas.flatMap((a) => shrink(a) ?? []);
    for (const chart of data.charts) chart.areas = chart.areas.flatMap((a) => shrink(a) ?? []);
    if (data.filter) data.filter = shrink(data.filter) ?? null;
    data.maxRows -= howMany;
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
        const [r, c] = cellOfKey(k);
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
    rowContents.forEach(checkCellInput);
    this.charge('appendRow', 'rangeWrite', rowContents.length);
    const row = lastRowOf(this.data) + 1;
    assertWritable(this, { row, column: 1, numRows: 1, numColumns: Math.max(1, rowContents.length) });
    if (row > this.data.maxRows) this.data.maxRows = row;
    if (rowContents.length > this.data.maxColumns) this.data.maxColumns = rowContents.length;
    rowContents.forEach((v, i) => writeCell(this.data, this.book.data, row, i + 1, v));
    return this;
  }
  hideSheet(): LocalSheet {
    this.charge('hideSheet', 'formatting');
    // Google: "Sorry, it is not possible to hide all the sheets in a document."
    if (this.book.data.sheets.filter((s) => !s.hidden && s !== this.data).length === 0) {
      throw googleError('Sorry, it is not possible to hide all the sheets in a document.');
    }
    this.data.hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    this.charge('isSheetHidden', 'sheetMetadata');
    return this.data.hidden === true;
  }
  setFrozenRows(rows: number): void {
    this.charge('setFrozenRows', 'formatting');
    this.data.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.charge('getFrozenRows', 'sheetMetadata');
    return this.data.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.charge('setFrozenColumns', 'formatting');
    this.data.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    this.charge('getFrozenColumns', 'sheetMetadata');
    return this.data.frozenColumns;
  }
  getColumnWidth(columnPosition: number): number {
    this.charge('getColumnWidth', 'sheetMetadata');
    return this.data.columnWidths.get(columnPosition) ?? 100;
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
    // A sheet has at most one sheet protection; what Google answers a second protect() is not documented.
    if (this.data.protections.some((p) => p.kind === 'SHEET')) {
      throw new Error('Local services: protect() on a sheet already protected is not modelled.');
    }
    const data: ProtectionData = { kind: 'SHEET', description: '', warningOnly: false };
    this.data.protections.push(data);
    return protectionOf(data, this);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): S.Protection[] {
    this.charge('getProtections', 'sheetMetadata');
    const kind = String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return this.data.protections.filter((p) => p.kind === kind).map((p) => protectionOf(p, this));
  }
  getFilter(): S.Filter | null {
    this.charge('getFilter', 'sheetMetadata');
    const area = this.data.filter;
    return area ? { getRange: () => new LocalRange(this, area) } : null;
  }
  setConditionalFormatRules(rules: S.ConditionalFormatRule[]): void {
    this.charge('setConditionalFormatRules', 'formatting');
    this.data.conditionalRules = rules.map((r) => (r as LocalConditionalRule).data);
  }
  getConditionalFormatRules(): S.ConditionalFormatRule[] {
    this.charge('getConditionalFormatRules', 'sheetMetadata');
    return this.data.conditionalRules.map((d) => new LocalConditionalRule(d, this));
  }
  newChart(): S.EmbeddedChartBuilder {
    this.charge('newChart', 'handle');
    return new LocalChartBuilder({ type: 'column', areas: [], position: { row: 1, column: 1 }, options: {} });
  }
  insertChart(chart: S.EmbeddedChart): void {
    this.charge('insertChart', 'formatting');
    this.data.charts.push((chart as LocalChart).data);
  }
  getCharts(): S.EmbeddedChart[] {
    this.charge('getCharts', 'sheetMetadata');
    return this.data.charts.map((d) => new LocalChart(d));
  }
  removeChart(chart: S.EmbeddedChart): void {
    this.charge('removeChart', 'formatting');
    this.data.charts = this.data.charts.filter((c) => c !== (chart as LocalChart).data);
  }
  clear(): LocalSheet {
    this.charge('clear', 'formatting');
    assertWritable(this, { row: 1, column: 1, numRows: this.data.maxRows, numColumns: this.data.maxColumns });
    this.data.rows = [];
    this.data.formulas.clear();
    this.data.formats.clear();
    this.data.backgrounds.clear();
    this.data.fontWeights.clear();
    this.data.wraps.clear();
    return this;
  }
}
