/**
 * Year-end archives (Circular 01/2018/TT-VPCP Art. 10: the register is closed at year end): the tab
 * `Lưu trữ YYYY` holds the dossiers closed with year YYYY (received by its end, finished), with the
 * register's own columns, and `Lưu trữ YYYY – Nhật ký` their events. Tabs of the same workbook
 * rather than another spreadsheet: no Drive scope, one file to share, copy and back up, and reports
 * and the CLI find them beside the register (a unit's ~5,000 dossiers a year take ~0.4 million of
 * the workbook's 10 million cells with their events).
 *
 * A name is not proof: anyone may add a tab called `Lưu trữ 2025`. The closing records in the
 * document's properties (which no one edits from the Sheets editor) the id of every tab it writes,
 * and only a tab of a recorded id counts as written by the closing, for what the closing deletes.
 */
import { array, int, safeParse } from 'zod/mini';
import type { Properties, Sheet, Spreadsheet } from '../gas/services';

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

const recordKey = (year: number) => `motcua.yearEnd.${year}.tabs`;
const RecordedIds = array(int());

/** The ids of the tabs the closing of `year` wrote (an unreadable record is no record). */
function recordedIds(properties: Properties, year: number): number[] {
  const text = properties.getProperty(recordKey(year));
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = safeParse(RecordedIds, json);
  return parsed.success ? parsed.data : [];
}

/** Records that the closing of `year` wrote `sheet`: from then on it may replace or rename it. */
export function recordArchiveTab(properties: Properties, year: number, sheet: Sheet): void {
  const ids = recordedIds(properties, year);
  // Only the last few are kept: each run replaces the tabs a stopped run left.
  properties.setProperty(recordKey(year), JSON.stringify([...ids, sheet.getSheetId()].slice(-8)));
}

/** The tab called `name`, and whether the closing of `year` wrote it (its id is recorded). */
export function archiveTab(
  spreadsheet: Spreadsheet,
  properties: Properties,
  year: number,
  name: string,
): { sheet: Sheet; written: boolean } | undefined {
  const sheet = spreadsheet.getSheetByName(name);
  return sheet ? { sheet, written: recordedIds(properties, year).includes(sheet.getSheetId()) } : undefined;
}
