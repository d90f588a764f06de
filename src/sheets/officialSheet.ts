/**
 * The tab `Biểu II.06a`: the official report form (core/officialReport.ts) as values, rebuilt on
 * request beside the analytic `Tổng hợp giám sát`: its number and title, reporting and receiving
 * unit, period, the 13 numbered columns in order, one line per field or per competent agency, the
 * total, and the footnotes that say where the residual went and what column (3) leaves out.
 */
import {
  OFFICIAL_FORM,
  OFFICIAL_HEADER,
  officialHeader,
  type OfficialGrouping,
  officialLines,
  officialNotes,
  officialPeriodText,
  officialTitle,
} from '../core/officialReport';
import type { Summary } from '../core/summary';
import type { CellValue, Sheet, Spreadsheet } from '../gas/services';

export const OFFICIAL_TAB = 'Biểu II.06a';
const WIDTH = 13;

export interface OfficialSheetOptions {
  /** The unit whose report it is: for several units, the body consolidating them (never one of them). */
  readonly reportingUnit: string;
  /** Several units' registers: the title names the consolidating body (`reportingUnit`). */
  readonly consolidated?: boolean;
  readonly receivingUnit: string;
  readonly grouping: OfficialGrouping;
}

/** The rows of the form, each 13 cells wide. */
function officialRows(summary: Summary, options: OfficialSheetOptions): CellValue[][] {
  const pad = (cells: CellValue[]) => [...cells, ...Array<CellValue>(Math.max(0, WIDTH - cells.length)).fill('')];
  const dotted = (text: string) => text.trim() || '……………………';
  return [
    pad([OFFICIAL_FORM.number]),
    pad([officialTitle(options.consolidated ? options.reportingUnit : undefined)]),
    pad([`- Đơn vị báo cáo: ${dotted(options.reportingUnit)}`]),
    pad([`- Đơn vị nhận báo cáo: ${dotted(options.receivingUnit)}`]),
    pad([officialPeriodText(summary.from, summary.to)]),
    pad([OFFICIAL_FORM.unit]),
    ...officialHeader(options.grouping).map((r) => pad([...r])),
    ...officialLines(summary, options.grouping).map((l) => pad([l.tt, l.label, ...l.figures])),
    pad([]),
    ...officialNotes(summary).map((n) => pad([n])),
    pad([OFFICIAL_FORM.source]),
  ];
}

/** Writes the tab (created if missing, emptied if not); numbers as `#,##0`. */
export function writeOfficialSheet(spreadsheet: Spreadsheet, summary: Summary, options: OfficialSheetOptions): Sheet {
  const sheet = spreadsheet.getSheetByName(OFFICIAL_TAB) ?? spreadsheet.insertSheet(OFFICIAL_TAB);
  sheet.clear();
  const rows = officialRows(summary, options);
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < WIDTH) sheet.insertColumnsAfter(sheet.getMaxColumns(), WIDTH - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, rows.length, WIDTH);
  // Text first (a field or agency name stays text), then the figures' block as numbers.
  range.setNumberFormat('@');
  const firstLine = 7 + OFFICIAL_HEADER.length;
  const lines = rows.length - firstLine - officialNotes(summary).length - 1;
  sheet.getRange(firstLine, 3, lines, WIDTH - 2).setNumberFormat('#,##0');
  range.setValues(rows);
  sheet.getRange(1, 1, 2, 1).setFontWeight('bold');
  sheet.getRange(7, 1, OFFICIAL_HEADER.length, WIDTH).setFontWeight('bold').setWrap(true);
  sheet.setColumnWidth(1, 40);
  sheet.setColumnWidth(2, 260);
  for (let column = 3; column <= WIDTH; column += 1) sheet.setColumnWidth(column, 72);
  return sheet;
}
