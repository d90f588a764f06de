/**
 * `Từ chối tiếp nhận`: refusals at the counter (Mẫu 03). A refused dossier is not received (Decree
 * 61/2018 and Decree 118/2025: the counter refuses it before reception), so it is no row of the
 * register — no `Mã hồ sơ`, no `STT`, not counted in the report's column (3) — and no event of
 * `Nhật ký xử lý` (whose events are dossiers'). This tab is its record, with what Mẫu 03 prints: the
 * applicant's details stay in the unit's workbook like the register's.
 */
import { formatIsoDateTime, type CivilDate, type CivilDateTime } from '../core/civil';
import type { CellValue, Spreadsheet } from '../gas/services';
import { dateTimeOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { locateLayout, readColumnsToEnd, readRow, requireColumns, type SheetLayout } from './layout';
import { DATE_TIME_FORMAT, TEXT_FORMAT } from './schema';
import { cell } from './table';
import { growRows, writeCells } from './write';

export const RECEPTION_REFUSALS_TAB = 'Từ chối tiếp nhận';

const RECEPTION_REFUSAL_HEADERS = [
  'Số phiếu',
  'Thời điểm',
  'Mã TTHC',
  'Tên thủ tục',
  'Lĩnh vực',
  'Đơn vị tiếp nhận',
  'Cơ quan giải quyết',
  'Hình thức nộp',
  'Người nộp',
  'Số giấy tờ tùy thân',
  'Địa chỉ',
  'Điện thoại',
  'Email',
  'Lý do',
  'Người tiếp nhận',
  'Mã yêu cầu',
] as const;
export type ReceptionRefusalHeader = (typeof RECEPTION_REFUSAL_HEADERS)[number];
type Layout = SheetLayout<ReceptionRefusalHeader>;

export interface ReceptionRefusal {
  readonly slip: string;
  readonly at: CivilDateTime;
  readonly text: Readonly<Record<ReceptionRefusalHeader, string>>;
}

/** The tab's layout, made with its header when it does not exist yet (under the caller's lock). */
export function receptionRefusalLayout(spreadsheet: Spreadsheet, create: boolean): Layout | undefined {
  let sheet = spreadsheet.getSheetByName(RECEPTION_REFUSALS_TAB);
  if (!sheet && !create) return undefined;
  sheet ??= spreadsheet.insertSheet(RECEPTION_REFUSALS_TAB);
  // Made here, or by a run stopped between the tab and its header (found by the fault sweep): given its header.
  if (create && sheet.getLastRow() === 0) {
    const header = sheet.getRange(1, 1, 1, RECEPTION_REFUSAL_HEADERS.length);
    header.setNumberFormat(TEXT_FORMAT);
    header.setValues([[...RECEPTION_REFUSAL_HEADERS]]);
    header.setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
  const layout = locateLayout(sheet, RECEPTION_REFUSALS_TAB, RECEPTION_REFUSAL_HEADERS, 'Số phiếu');
  requireColumns(layout, RECEPTION_REFUSAL_HEADERS);
  return layout;
}

/** The slips of the day: `TC-YYMMDD-XXXX`, numbered within the day like dossier codes, never a dossier code. */
export function nextSlip(slips: readonly string[], date: CivilDate): string {
  const prefix = `TC-${date.slice(2).replace(/-/g, '')}-`;
  const last = Math.max(0, ...slips.filter((s) => s.startsWith(prefix)).map((s) => Number(s.slice(prefix.length)) || 0));
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

/** The slip numbers and request keys already written (two column reads). */
export function readSlips(layout: Layout): { slips: string[]; keys: string[]; rows: number } {
  const read = readColumnsToEnd(layout, ['Số phiếu', 'Mã yêu cầu']).columns;
  const slips = (read.get('Số phiếu') ?? []).map(textOf);
  return { slips, keys: (read.get('Mã yêu cầu') ?? []).map(textOf), rows: slips.length };
}

export function writeReceptionRefusal(layout: Layout, rowNumber: number, cells: Record<ReceptionRefusalHeader, CellValue>): void {
  growRows(layout.sheet, rowNumber);
  writeCells(layout, rowNumber, cells, (h) => (h === 'Thời điểm' ? DATE_TIME_FORMAT : TEXT_FORMAT), { first: 'Số phiếu' });
}

/** One refusal by its slip number, read in three calls. */
export function findReceptionRefusal(layout: Layout, slip: string, zone: ZoneConverter): ReceptionRefusal | undefined {
  const index = readSlips(layout).slips.indexOf(slip);
  if (index < 0) return undefined;
  const values = readRow(layout, layout.headerRow + 1 + index);
  const text = Object.fromEntries(RECEPTION_REFUSAL_HEADERS.map((h) => [h, textOf(cell(layout, values, h))])) as Record<
    ReceptionRefusalHeader,
    string
  >;
  const at = dateTimeOf(cell(layout, values, 'Thời điểm'), zone);
  if (!at || at === 'invalid') return undefined;
  return { slip, at, text: { ...text, 'Thời điểm': formatIsoDateTime(at) } };
}

/** The days of the refusals at the counter (none without the tab; one call with it). */
export function receptionRefusalDates(spreadsheet: Spreadsheet, zone: ZoneConverter): CivilDate[] {
  const layout = spreadsheet.getSheetByName(RECEPTION_REFUSALS_TAB) ? receptionRefusalLayout(spreadsheet, false) : undefined;
  if (!layout) return [];
  return (readColumnsToEnd(layout, ['Thời điểm']).columns.get('Thời điểm') ?? []).flatMap((v) => {
    const at = dateTimeOf(v, zone);
    return at && at !== 'invalid' ? [at.date] : [];
  });
}

/** How many of `dates` fall in [from, to] (the report shows them beside column 3, never in it). */
export function countInPeriod(dates: readonly CivilDate[], from: CivilDate, to: CivilDate): number {
  return dates.filter((d) => d >= from && d <= to).length;
}
