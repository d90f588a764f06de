/** Header-mapped batch access to a tab: one read of the whole data range, columns found by header text. */
import type { CellValue, Sheet } from '../server/services';

export interface Table<H extends string> {
  readonly sheet: Sheet;
  /** 1-based column of each header present. */
  readonly columns: ReadonlyMap<H, number>;
  readonly width: number;
  /** Data rows (below the header), with their sheet row numbers. */
  readonly rows: readonly { readonly rowNumber: number; readonly values: readonly CellValue[] }[];
}

export function normalizeHeader(text: CellValue): string {
  return String(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Reads a tab in one call; headers are matched by text in any order, extra columns kept. */
export function readTable<H extends string>(sheet: Sheet, headers: readonly H[]): Table<H> {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { sheet, columns: new Map(), width: 0, rows: [] };
  const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues();
  const headerRow = (values[0] ?? []).map(normalizeHeader);
  const columns = new Map<H, number>();
  for (const h of headers) {
    const index = headerRow.indexOf(h.normalize('NFC'));
    if (index >= 0) columns.set(h, index + 1);
  }
  const rows = values.slice(1).map((v, i) => ({ rowNumber: i + 2, values: v }));
  return { sheet, columns, width: lastColumn, rows };
}

export function cell<H extends string>(table: Table<H>, row: readonly CellValue[], header: H): CellValue {
  const column = table.columns.get(header);
  return column === undefined ? '' : (row[column - 1] ?? '');
}
