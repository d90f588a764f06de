/**
 * Year-end archives (Circular 01/2018/TT-VPCP Art. 10: the register is closed at year end): the tab
 * `Lưu trữ YYYY` holds the dossiers closed with year YYYY (received by its end, finished), with the
 * register's own columns, and `Lưu trữ YYYY – Nhật ký` their events. Tabs of the same workbook
 * rather than another spreadsheet: no Drive scope, one file to share, copy and back up, and reports
 * and the CLI find them beside the register (a unit's ~5,000 dossiers a year take ~0.4 million of
 * the workbook's 10 million cells with their events).
 */
import type { Sheet, Spreadsheet } from '../gas/services';

export const archiveName = (year: number): string => `Lưu trữ ${year}`;
export const archiveLogName = (year: number): string => `${archiveName(year)} – Nhật ký`;

/** The register archives of a workbook, oldest first. */
export function archiveSheets(spreadsheet: Spreadsheet): { name: string; sheet: Sheet }[] {
  return spreadsheet
    .getSheets()
    .map((sheet) => ({ name: sheet.getName(), sheet }))
    .filter((a) => /^Lưu trữ \d{4}$/.test(a.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The first year from `year` to before `until` whose register is closed: a dossier of a year up to it can no longer be added. */
export function closedYear(spreadsheet: Spreadsheet, year: number, until: number): number | undefined {
  for (let y = year; y < until; y += 1) if (spreadsheet.getSheetByName(archiveName(y))) return y;
  return undefined;
}
