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

const RESTORE_HINT =
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
 * with the tab's name (no lookup of the tab, no question about its width), then its last row.
 */
export function locateTab<H extends string>(
  spreadsheet: Spreadsheet,
  tab: string,
  headers: readonly H[],
  key: H,
): SheetLayout<H> {
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
  const sheet = range.getSheet();
  const lastRow = sheet.getLastRow();
  if (lastRow === 0) throw new SheetProblem(`Trang “${tab}” chưa có dòng tiêu đề; hãy chạy Một cửa › Thiết lập sổ.`);
  return layoutOf(
    sheet,
    tab,
    headers,
    key,
    values.slice(0, Math.min(HEADER_SCAN_ROWS, lastRow)),
    lastRow,
    values[0]?.length ?? 0,
  );
}

function layoutOf<H extends string>(
  sheet: Sheet,
  tab: string,
  headers: readonly H[],
  key: H,
  top: readonly (readonly CellValue[])[],
  lastRow: number,
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
  return { sheet, tab, headerRow, columns: columnsOf(headerValues, headers), lastColumn, lastRow, headerCells: headerValues };
}

/** Refuses an action that would write into, or number from, a column the tab no longer has. */
export function requireColumns<H extends string>(layout: SheetLayout<H>, headers: Iterable<H>): void {
  const missing = [...new Set(headers)].filter((h) => !layout.columns.has(h));
  if (missing.length === 0) return;
  throw new SheetProblem(missingColumnsMessage(layout.tab, missing, layout.headerCells));
}

/** Names the missing columns; one that was retyped differently is named with where it is, so it is renamed back, not added twice. */
export function missingColumnsMessage(tab: string, missing: readonly string[], headerCells: readonly CellValue[]): string {
  const renamed = nearMatches(headerCells, missing);
  const list = missing.map((h) => `“${h}”`).join(', ');
  if (renamed.length > 0) {
    const fixes = renamed.map((r) => `đổi “${r.found}” (cột ${columnLetter(r.column)}) thành “${r.header}”`).join('; ');
    return `Trang “${tab}” không có cột ${list}. Hãy ${fixes}; đừng thêm cột mới, để dữ liệu cũ không bị tách ra hai cột. Chưa có gì được ghi.`;
  }
  return `Trang “${tab}” không có cột ${list} (có thể đã bị đổi tên hoặc xóa). Nếu cột đã bị đổi tên, hãy đặt lại đúng tên tiêu đề; nếu đã bị xóa, chạy Một cửa › Thiết lập sổ để thêm lại cột. Chưa có gì được ghi.`;
}

/** Cells worth reading to save a round trip (80 ms a round trip, 0.02 ms a cell read). */
const MERGE_GAP_CELLS = 4000;

function dataRowCount(layout: SheetLayout<string>): number {
  return Math.max(0, layout.lastRow - layout.headerRow);
}

/** The data cells of one column, top to bottom (index 0 is the row below the header). */
export function readColumn<H extends string>(layout: SheetLayout<H>, header: H): CellValue[] {
  const column = layout.columns.get(header);
  const count = dataRowCount(layout);
  if (column === undefined || count === 0) return [];
  return layout.sheet
    .getRange(layout.headerRow + 1, column, count, 1)
    .getValues()
    .map((r) => r[0] ?? '');
}

/**
 * The data cells of several columns, reading each run of adjacent columns in one call (STT and
 * `Mã hồ sơ` sit side by side in the register's own layout).
 */
export function readColumns<H extends string>(layout: SheetLayout<H>, headers: readonly H[]): Map<H, CellValue[]> {
  const out = new Map<H, CellValue[]>(headers.map((h) => [h, []]));
  const count = dataRowCount(layout);
  const placed = headers
    .flatMap((h) => {
      const column = layout.columns.get(h);
      return column === undefined ? [] : [{ h, column }];
    })
    .sort((a, b) => a.column - b.column);
  if (count === 0) return out;
  for (let i = 0; i < placed.length;) {
    let j = i;
    // Columns a few apart are read together when the cells between cost less than another round trip.
    while (j + 1 < placed.length && ((placed[j + 1]?.column ?? 0) - (placed[j]?.column ?? 0) - 1) * count < MERGE_GAP_CELLS)
      j += 1;
    const firstColumn = placed[i]?.column ?? 1;
    const width = (placed[j]?.column ?? firstColumn) - firstColumn + 1;
    const values = layout.sheet.getRange(layout.headerRow + 1, firstColumn, count, width).getValues();
    for (const { h, column } of placed.slice(i, j + 1))
      out.set(
        h,
        values.map((r) => r[column - firstColumn] ?? ''),
      );
    i = j + 1;
  }
  return out;
}

export function readRow<H extends string>(layout: SheetLayout<H>, rowNumber: number): CellValue[] {
  return layout.sheet.getRange(rowNumber, 1, 1, layout.lastColumn).getValues()[0] ?? [];
}

/** The sheet row of data index `i` of a column read. */
export function rowOfIndex(layout: SheetLayout<string>, index: number): number {
  return layout.headerRow + 1 + index;
}
