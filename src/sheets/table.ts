/**
 * Header-mapped access to a tab. Columns are found by header text in any order, extra columns are
 * kept, and the header row itself is found: people insert title rows above it.
 */
import type { CellValue, Sheet } from '../gas/services';

/** How far down a header row is looked for (a title, a unit name and a blank line fit easily). */
export const HEADER_SCAN_ROWS = 10;

export interface Table<H extends string> {
  readonly sheet: Sheet;
  /** Sheet row of the header (1 unless people inserted rows above it). */
  readonly headerRow: number;
  /** 1-based column of each header present. */
  readonly columns: ReadonlyMap<H, number>;
  readonly width: number;
  /** Data rows (below the header), with their sheet row numbers. */
  readonly rows: readonly { readonly rowNumber: number; readonly values: readonly CellValue[] }[];
}

export function normalizeHeader(text: CellValue): string {
  return String(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Where each wanted header sits in a row of header texts; the first occurrence wins. */
export function columnsOf<H extends string>(headerRow: readonly CellValue[], headers: readonly H[]): Map<H, number> {
  const texts = headerRow.map(normalizeHeader);
  const columns = new Map<H, number>();
  for (const h of headers) {
    const index = texts.indexOf(h.normalize('NFC'));
    if (index >= 0) columns.set(h, index + 1);
  }
  return columns;
}

/**
 * The header row among the first rows of a tab: the first row holding `key` and at least one other
 * of `headers` (a hand-made register may have few of them). Undefined when no row qualifies (the
 * header was cleared or its key column renamed).
 */
export function findHeaderRow(
  topRows: readonly (readonly CellValue[])[],
  headers: readonly string[],
  key: string,
): number | undefined {
  const needed = Math.min(2, headers.length);
  for (let i = 0; i < topRows.length; i += 1) {
    const texts = new Set((topRows[i] ?? []).map(normalizeHeader));
    if (!texts.has(key)) continue;
    if (headers.filter((h) => texts.has(h)).length >= needed) return i + 1;
  }
  return undefined;
}

/** Reads a whole tab in one round trip, its header on row 1 (settings, catalogue, calendar). */
export function readTable<H extends string>(sheet: Sheet, headers: readonly H[]): Table<H> {
  const values = sheet.getDataRange().getValues();
  const width = values[0]?.length ?? 0;
  if (values.length === 0 || values.every((row) => row.every((v) => v === ''))) {
    return { sheet, headerRow: 1, columns: new Map(), width: 0, rows: [] };
  }
  const columns = columnsOf(values[0] ?? [], headers);
  const rows = values.slice(1).map((v, i) => ({ rowNumber: i + 2, values: v }));
  return { sheet, headerRow: 1, columns, width, rows };
}

export function cell<H extends string>(table: Pick<Table<H>, 'columns'>, row: readonly CellValue[], header: H): CellValue {
  const column = table.columns.get(header);
  return column === undefined ? '' : (row[column - 1] ?? '');
}
