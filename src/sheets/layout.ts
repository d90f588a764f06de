/**
 * Where a tab's data is: its header row (found, since people insert title rows above it), the
 * column of each header, and how far the data goes. Reads are by column or by row, never the
 * whole sheet, and every problem is a Vietnamese sentence that says what to do.
 */
import type { CellValue, Range, Sheet, Spreadsheet } from '../gas/services';
import { columnLetter } from './a1';
import { HEADER_SCAN_ROWS, columnsOf, findHeaderRow, headerCellsAt, nearMatches, normalizeHeader } from './table';

/** A problem with a tab that stops an action before it writes anything; the message is for the user. */
export class SheetProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetProblem';
  }
}

export interface SheetLayout<H extends string> {
  readonly sheet: Sheet;
  readonly tab: string;
  readonly headerRow: number;
  readonly columns: ReadonlyMap<H, number>;
  readonly lastColumn: number;
  readonly lastRow: number;
  /** The header row's cells as read, for spotting a renamed column. */
  readonly headerCells: readonly CellValue[];
}

/** The advice of a header lost in Google Sheets (the CLI gives its own for a file: local/cli/registers.ts). */
export const RESTORE_HINT =
  'Hãy khôi phục dòng tiêu đề (Chỉnh sửa › Hoàn tác, hoặc Tệp › Lịch sử phiên bản) rồi thử lại; chưa có gì được ghi.';

/**
 * Finds the header row of `sheet` among its first rows and maps `headers` to columns. A tab whose
 * header cannot be found, or names a column twice, is refused rather than guessed at.
 */
export function locateLayout<H extends string>(sheet: Sheet, tab: string, headers: readonly H[], key: H): SheetLayout<H> {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) {
    throw new SheetProblem(`Trang “${tab}” chưa có dòng tiêu đề; hãy chạy Một cửa › Thiết lập sổ.`);
  }
  const top = sheet.getRange(1, 1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn).getValues();
  return layoutOf(sheet, tab, headers, key, top, lastRow, lastColumn);
}

/**
 * `locateLayout` for a tab of the spreadsheet, cheaper: its first rows are read by A1 notation
 * with the tab's name (no lookup of the tab, no question about its size). How far the data goes is
 * asked of the sheet only if a caller needs it: column reads run to the end of the grid instead.
 */
function locateTab<H extends string>(spreadsheet: Spreadsheet, tab: string, headers: readonly H[], key: H): SheetLayout<H> {
  let range: Range | undefined;
  try {
    range = spreadsheet.getRange(`'${tab.replace(/'/g, "''")}'!1:${HEADER_SCAN_ROWS}`);
  } catch {
    range = undefined; // no such tab, or fewer rows than that: the slower way says which
  }
  if (!range) {
    const sheet = spreadsheet.getSheetByName(tab);
    if (!sheet) throw new SheetProblem(`Chưa có trang “${tab}”; hãy chạy Một cửa › Thiết lập sổ.`);
    return locateLayout(sheet, tab, headers, key);
  }
  const values = range.getValues();
  // Nothing in the first rows: the slower way tells an empty tab from a header moved further down.
  if (values.every((row) => row.every((v) => v === ''))) return locateLayout(range.getSheet(), tab, headers, key);
  return layoutOf(range.getSheet(), tab, headers, key, values, undefined, values[0]?.length ?? 0);
}

/** What a located layout knows, without its sheet: small enough to keep in the cache. */
export interface LayoutParts<H extends string> {
  readonly headerRow: number;
  readonly columns: readonly (readonly [H, number])[];
  readonly lastColumn: number;
  readonly headerCells: readonly CellValue[];
}

export function partsOf<H extends string>(layout: SheetLayout<H>): LayoutParts<H> {
  return {
    headerRow: layout.headerRow,
    columns: [...layout.columns.entries()],
    lastColumn: layout.lastColumn,
    headerCells: layout.headerCells,
  };
}

/**
 * `locateTab` when the layout was found minutes ago (`known`, kept with the form's tables): only the
 * header row is read and compared, and anything else than the same headers in the same places
 * (a column inserted, moved or renamed, a title row added) makes it locate afresh. A column added
 * after the last one moves nothing and still matches.
 */
export function locateKnownTab<H extends string>(
  spreadsheet: Spreadsheet,
  tab: string,
  headers: readonly H[],
  key: H,
  known: LayoutParts<H> | undefined,
): SheetLayout<H> {
  const width = known?.headerCells.length ?? 0;
  if (known && width > 0) {
    let range: Range | undefined;
    try {
      range = spreadsheet.getRange(`'${tab.replace(/'/g, "''")}'!A${known.headerRow}:${columnLetter(width)}${known.headerRow}`);
    } catch {
      range = undefined;
    }
    const row = range?.getValues()[0] ?? [];
    const same = row.length === width && row.every((v, i) => normalizeHeader(v) === normalizeHeader(known.headerCells[i] ?? ''));
    if (range && same) {
      return withLazyLastRow(
        range.getSheet(),
        tab,
        known.headerRow,
        new Map(known.columns),
        known.lastColumn,
        known.headerCells,
        undefined,
      );
    }
  }
  return locateTab(spreadsheet, tab, headers, key);
}

function withLazyLastRow<H extends string>(
  sheet: Sheet,
  tab: string,
  headerRow: number,
  columns: ReadonlyMap<H, number>,
  lastColumn: number,
  headerCells: readonly CellValue[],
  knownLastRow: number | undefined,
): SheetLayout<H> {
  let lastRow = knownLastRow;
  return {
    sheet,
    tab,
    headerRow,
    columns,
    lastColumn,
    // Asked of the sheet (a round trip) only when a caller needs it.
    get lastRow() {
      lastRow ??= sheet.getLastRow();
      return lastRow;
    },
    headerCells,
  };
}

function layoutOf<H extends string>(
  sheet: Sheet,
  tab: string,
  headers: readonly H[],
  key: H,
  top: readonly (readonly CellValue[])[],
  knownLastRow: number | undefined,
  lastColumn: number,
): SheetLayout<H> {
  const headerRow = findHeaderRow(top, headers, key);
  if (headerRow === undefined) {
    throw new SheetProblem(
      `Không tìm thấy dòng tiêu đề của trang “${tab}” trong ${top.length} dòng đầu (cần một dòng có cột “${key}” và các cột khác của trang). ${RESTORE_HINT}`,
    );
  }
  const headerValues = headerCellsAt(top, headerRow);
  const texts = headerValues.map(normalizeHeader);
  for (const h of headers) {
    const at = texts.flatMap((t, i) => (t === h ? [i + 1] : []));
    if (at.length > 1) {
      throw new SheetProblem(
        `Trang “${tab}” có hai cột cùng tên “${h}” (cột ${at.map(columnLetter).join(' và ')}); hãy đổi tên hoặc xóa cột thừa rồi thử lại. Chưa có gì được ghi.`,
      );
    }
  }
  return withLazyLastRow(sheet, tab, headerRow, columnsOf(headerValues, headers), lastColumn, headerValues, knownLastRow);
}

/** Refuses an action that would write into, or number from, a column the tab no longer has. */
export function requireColumns<H extends string>(layout: SheetLayout<H>, headers: Iterable<H>): void {
  const missing = [...new Set(headers)].filter((h) => !layout.columns.has(h));
  if (missing.length === 0) return;
  throw new SheetProblem(missingColumnsMessage(layout.tab, missing, layout.headerCells));
}

export const SETUP_HINT = 'chạy Một cửa › Thiết lập sổ để thêm lại cột';
export const NOTHING_WRITTEN = 'Chưa có gì được ghi.';

/** Names the missing columns; one that was retyped differently is named with where it is, so it is renamed back, not added twice. */
export function missingColumnsMessage(tab: string, missing: readonly string[], headerCells: readonly CellValue[]): string {
  const renamed = nearMatches(headerCells, missing);
  const list = missing.map((h) => `“${h}”`).join(', ');
  if (renamed.length > 0) {
    const fixes = renamed.map((r) => `đổi “${r.found}” (cột ${columnLetter(r.column)}) thành “${r.header}”`).join('; ');
    return `Trang “${tab}” không có cột ${list}. Hãy ${fixes}; đừng thêm cột mới, để dữ liệu cũ không bị tách ra hai cột. ${NOTHING_WRITTEN}`;
  }
  return `Trang “${tab}” không có cột ${list} (có thể đã bị đổi tên hoặc xóa). Nếu cột đã bị đổi tên, hãy đặt lại đúng tên tiêu đề; nếu đã bị xóa, ${SETUP_HINT}. ${NOTHING_WRITTEN}`;
}

/**
 * Columns read from the header row to the end of the grid (`B5:C`): no round trip to ask how far
 * the data goes, and the few empty rows a register keeps below its data cost less than that
 * question. Rows below the last non-empty one are dropped; `gridRows` says how many there were.
 */
export interface ColumnsRead<H extends string> {
  readonly columns: Map<H, CellValue[]>;
  /** The sheet's rows below the header row, empty or not. */
  readonly gridRows: number;
}

function readBlockToEnd(layout: SheetLayout<string>, firstColumn: number, width: number) {
  const a1 = `${columnLetter(firstColumn)}${layout.headerRow}:${columnLetter(firstColumn + width - 1)}`;
  const rows = layout.sheet.getRange(a1).getValues().slice(1);
  let end = rows.length;
  while (end > 0 && (rows[end - 1] ?? []).every((v) => v === '')) end -= 1;
  return { rows: rows.slice(0, end), gridRows: rows.length };
}

/** The data cells of one column, top to bottom (index 0 is the row below the header). */
export function readColumn<H extends string>(layout: SheetLayout<H>, header: H): CellValue[] {
  return readColumnsToEnd(layout, [header]).columns.get(header) ?? [];
}

/** The data cells of several columns (see `readColumnsToEnd`). */
export function readColumns<H extends string>(layout: SheetLayout<H>, headers: readonly H[]): Map<H, CellValue[]> {
  return readColumnsToEnd(layout, headers).columns;
}

/**
 * The data cells of several columns, each run of adjacent columns in one call (STT and `Mã hồ sơ`
 * sit side by side in the register's own layout). Columns apart are read apart: the cells between
 * would cost more than a round trip in a register of a few thousand rows.
 */
export function readColumnsToEnd<H extends string>(layout: SheetLayout<H>, headers: readonly H[]): ColumnsRead<H> {
  const columns = new Map<H, CellValue[]>(headers.map((h) => [h, []]));
  const placed = headers
    .flatMap((h) => {
      const column = layout.columns.get(h);
      return column === undefined ? [] : [{ h, column }];
    })
    .sort((a, b) => a.column - b.column);
  let gridRows = 0;
  for (let i = 0; i < placed.length;) {
    let j = i;
    while (j + 1 < placed.length && (placed[j + 1]?.column ?? 0) - (placed[j]?.column ?? 0) <= 1) j += 1;
    const firstColumn = placed[i]?.column ?? 1;
    const width = (placed[j]?.column ?? firstColumn) - firstColumn + 1;
    const block = readBlockToEnd(layout, firstColumn, width);
    gridRows = block.gridRows;
    for (const { h, column } of placed.slice(i, j + 1))
      columns.set(
        h,
        block.rows.map((r) => r[column - firstColumn] ?? ''),
      );
    i = j + 1;
  }
  return { columns, gridRows };
}

export function readRow<H extends string>(layout: SheetLayout<H>, rowNumber: number): CellValue[] {
  return layout.sheet.getRange(rowNumber, 1, 1, layout.lastColumn).getValues()[0] ?? [];
}

/** The sheet row of data index `i` of a column read. */
export function rowOfIndex(layout: SheetLayout<string>, index: number): number {
  return layout.headerRow + 1 + index;
}
