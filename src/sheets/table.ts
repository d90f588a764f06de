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

/**
 * Header texts already normalized: every open of a unit finds each tab's header among its first rows,
 * so the same few texts are normalized over and over. Bounded: emptied when full.
 */
const normalizedHeaders = new Map<string, string>();
const NORMALIZED_HEADERS_KEPT = 5_000;

export function normalizeHeader(text: CellValue): string {
  if (typeof text !== 'string') return String(text).normalize('NFC').replace(/\s+/g, ' ').trim();
  const known = normalizedHeaders.get(text);
  if (known !== undefined) return known;
  const normalized = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (normalizedHeaders.size >= NORMALIZED_HEADERS_KEPT) normalizedHeaders.clear();
  normalizedHeaders.set(text, normalized);
  return normalized;
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
 * The header cells of row `row` (1-based) of `topRows`, where a blank cell takes the text above it:
 * registers often group their columns, with `STT` and `Mã hồ sơ` merged down over two rows and
 * group titles above the other column names.
 */
export function headerCellsAt(topRows: readonly (readonly CellValue[])[], row: number): CellValue[] {
  const own = topRows[row - 1] ?? [];
  const above = row > 1 ? (topRows[row - 2] ?? []) : [];
  const width = Math.max(own.length, above.length);
  return Array.from({ length: width }, (_, i) => {
    const text = normalizeHeader(own[i] ?? '');
    return text ? (own[i] ?? '') : (above[i] ?? '');
  });
}

/**
 * The header row among the first rows of a tab: of the rows whose header cells (see
 * `headerCellsAt`) hold `key` and at least one other of `headers`, the one with the most of them.
 * Undefined when no row qualifies (the header was cleared or its key column renamed).
 */
export function findHeaderRow(
  topRows: readonly (readonly CellValue[])[],
  headers: readonly string[],
  key: string,
): number | undefined {
  const needed = Math.min(2, headers.length);
  let best: { row: number; count: number } | undefined;
  for (let row = 1; row <= Math.min(topRows.length, HEADER_SCAN_ROWS); row += 1) {
    const texts = new Set(headerCellsAt(topRows, row).map(normalizeHeader));
    if (!texts.has(key)) continue;
    const count = headers.filter((h) => texts.has(h)).length;
    if (count >= needed && (!best || count > best.count)) best = { row, count };
  }
  return best?.row;
}

/** Loose form of a header for spotting a renamed one: no case, no diacritics, no spaces. */
function looseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** Header cells that look like a missing header typed differently ("NGƯỜI NỘP" for "Người nộp"). */
export function nearMatches(
  headerRow: readonly CellValue[],
  missing: readonly string[],
): { readonly header: string; readonly found: string; readonly column: number }[] {
  const out: { header: string; found: string; column: number }[] = [];
  headerRow.forEach((value, i) => {
    const text = normalizeHeader(value);
    if (!text) return;
    const header = missing.find((h) => looseHeader(h) === looseHeader(text));
    if (header && header !== text) out.push({ header, found: text, column: i + 1 });
  });
  return out;
}

/**
 * Reads a whole tab in one round trip (settings, catalogue, calendar); the header is found among
 * its first rows by `key`. `headerRow` is 0 when no header is found.
 */
export function readTable<H extends string>(sheet: Sheet, headers: readonly H[], key: H): Table<H> {
  const values = sheet.getDataRange().getValues();
  const width = values[0]?.length ?? 0;
  const headerRow = findHeaderRow(values, headers, key);
  if (headerRow === undefined) return { sheet, headerRow: 0, columns: new Map(), width, rows: [] };
  const columns = columnsOf(headerCellsAt(values, headerRow), headers);
  const rows = values.slice(headerRow).map((v, i) => ({ rowNumber: headerRow + 1 + i, values: v }));
  return { sheet, headerRow, columns, width, rows };
}

export function cell<H extends string>(table: Pick<Table<H>, 'columns'>, row: readonly CellValue[], header: H): CellValue {
  const column = table.columns.get(header);
  return column === undefined ? '' : (row[column - 1] ?? '');
}
