/**
 * Writing cells. Google parses every written string as typed input (`=…` a formula, `00123` a
 * number, `+84 …` a formula); a leading apostrophe prevents that in a General cell but stays
 * visible in a plain-text one. So text is written into cells first given the plain-text format,
 * which keeps it literal either way, and only the cells an action changes are written: a whole-row
 * rewrite would turn people's formulas, links and array results into plain values.
 */
import type { CellValue, Range, Sheet } from '../gas/services';
import type { SheetLayout } from './layout';

/** Rows added at a time when a tab is full (a new sheet has 1,000; Google refuses to write beyond). */
const GROWTH_ROWS = 1000;

/** Writes a block: the number formats first, then the values, one call each. */
export function writeBlock(range: Range, values: CellValue[][], formats: string[][]): void {
  range.setNumberFormats(formats);
  range.setValues(values);
}

/**
 * Writes the given cells of one row, each contiguous run of columns in one block. Every header
 * given a value must be in the layout (callers check with `requireColumns` before writing anything).
 */
export function writeCells<H extends string>(
  layout: SheetLayout<H>,
  rowNumber: number,
  cells: Partial<Record<H, CellValue>>,
  formatOf: (header: H) => string,
  /** A header whose run is written first (it marks the row as taken) or last (it proves the rest was written). */
  order: { readonly first?: H; readonly last?: H } = {},
): void {
  const placed = (Object.entries(cells) as [H, CellValue][])
    .flatMap(([header, value]) => {
      const column = layout.columns.get(header);
      // An empty cell of a column the tab does not have is nothing lost; a value is (checked earlier).
      if (column === undefined) {
        if (value === '') return [];
        throw new Error(`Column ${header} is not in the layout`);
      }
      return [{ column, value, format: formatOf(header) }];
    })
    .sort((a, b) => a.column - b.column);
  const runs: (typeof placed)[] = [];
  for (const cell of placed) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && previous.column + 1 === cell.column) run.push(cell);
    else runs.push([cell]);
  }
  const columnOf = (h: H | undefined) => (h === undefined ? undefined : layout.columns.get(h));
  const holds = (run: typeof placed, column: number | undefined) => run.some((c) => c.column === column);
  const first = columnOf(order.first);
  const last = columnOf(order.last);
  const ordered = [
    ...runs.filter((run) => holds(run, first)),
    ...runs.filter((run) => !holds(run, first) && !holds(run, last)),
    ...runs.filter((run) => !holds(run, first) && holds(run, last)),
  ];
  for (const run of ordered) {
    writeBlock(
      layout.sheet.getRange(rowNumber, run[0]?.column ?? 1, 1, run.length),
      [run.map((c) => c.value)],
      [run.map((c) => c.format)],
    );
  }
}

/**
 * Makes sure rows up to `lastNeededRow` exist; returns the rows added, if any, so rules can follow
 * them. Asking for the row is a handle (free); only when it is outside the grid is the sheet's size
 * asked for, a round trip.
 */
export function growRows(
  sheet: Sheet,
  lastNeededRow: number,
  growth: number = GROWTH_ROWS,
): { from: number; to: number } | undefined {
  try {
    sheet.getRange(lastNeededRow, 1);
    return undefined;
  } catch {
    // The row is outside the grid ("The coordinates of the range are outside the dimensions of the sheet.").
  }
  const maxRows = sheet.getMaxRows();
  if (lastNeededRow <= maxRows) return undefined;
  const added = Math.max(lastNeededRow - maxRows, growth);
  sheet.insertRowsAfter(maxRows, added);
  return { from: maxRows + 1, to: maxRows + added };
}

/**
 * Whether Sheets keeps `text` as this very text when it is written into a cell without the
 * plain-text format, where it is parsed as typed input. Conservative: a text it might read as a
 * formula, number, date, time, percentage or boolean is "no".
 */
export function staysTextWhenTyped(text: string): boolean {
  if (text === '') return true;
  if (/^[=+\-@'\s]/.test(text) || /\s$/.test(text)) return false;
  // Digits and punctuation only: a number, a date, a time, an amount, a percentage.
  if (!/\p{L}/u.test(text)) return false;
  if (/^(true|false)$/i.test(text)) return false;
  // 1e5, 9 AM, 1 Mar 2026: letters that still make a number, a time or a date.
  if (/^[\d.,]+e[+-]?\d+$/i.test(text) || /\d\s*(am|pm|sa|ch)\b/i.test(text)) return false;
  if (/\d/.test(text) && /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(text)) return false;
  return true;
}

/** Whether a value read back equals the one about to be written (so unchanged cells are left alone). */
export function sameCell(a: CellValue, b: CellValue): boolean {
  const time = (v: CellValue) => (Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : undefined);
  const ta = time(a);
  const tb = time(b);
  if (ta !== undefined || tb !== undefined) return ta === tb;
  if (typeof a === 'number' || typeof b === 'number')
    return Number(a) === Number(b) && String(a).trim() !== '' && String(b).trim() !== '';
  return String(a).normalize('NFC') === String(b).normalize('NFC');
}
