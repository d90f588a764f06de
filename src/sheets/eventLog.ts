/**
 * `Nhật ký xử lý`: append-only events (the history behind the printed forms and the audit trail).
 * No personal data. Each event keeps its facts as JSON in `Chi tiết` (never parsed back out of the
 * note) and the key of the request that wrote it, so a retried submit is recognised.
 */
import type { CivilDateTime } from '../core/civil';
import type { DossierStatus } from '../core/dossier';
import type { EventDetails } from '../core/lifecycle';
import type { CellValue, Spreadsheet } from '../gas/services';
import { dateTimeOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { locateLayout, readColumn, readRow, requireColumns, SheetProblem, type SheetLayout } from './layout';
import { LOG_COLUMNS, type LogHeader, logFormat, TABS } from './schema';
import { cell } from './table';
import { growRows, writeCells } from './write';

export interface LogEvent {
  /** When the step happened (as the officer recorded it), which the supplement pause is counted from. */
  readonly at: Date;
  readonly user: string;
  readonly code: string;
  readonly action: string;
  readonly from: DossierStatus | '';
  readonly to: DossierStatus;
  readonly note: string;
  readonly details: EventDetails;
  readonly requestKey: string;
}

export type LogLayout = SheetLayout<LogHeader>;

/** The log's layout, checked: an action calls this before writing anything anywhere. */
export function logLayout(spreadsheet: Spreadsheet): LogLayout {
  const sheet = spreadsheet.getSheetByName(TABS.log);
  if (!sheet) throw new SheetProblem(`Chưa có trang “${TABS.log}”; hãy chạy Một cửa › Thiết lập sổ.`);
  const layout = locateLayout(sheet, TABS.log, LOG_COLUMNS, 'Thao tác');
  requireColumns(layout, LOG_COLUMNS);
  return layout;
}

/** Appends one event below the last row, writing only the log's own columns. */
export function appendEvent(layout: LogLayout, event: LogEvent): void {
  const rowNumber = Math.max(layout.lastRow, layout.headerRow) + 1;
  growRows(layout.sheet, rowNumber);
  const cells: Record<LogHeader, CellValue> = {
    'Thời điểm': event.at,
    'Người thực hiện': event.user,
    'Mã hồ sơ': event.code,
    'Thao tác': event.action,
    'Trạng thái trước': event.from,
    'Trạng thái sau': event.to,
    'Ghi chú': event.note,
    'Chi tiết': Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : '',
    'Mã yêu cầu': event.requestKey,
  };
  writeCells(layout, rowNumber, cells, logFormat);
}

/** The request keys of every event, for recognising a retried submit. */
export function loggedRequestKeys(layout: LogLayout): Set<string> {
  return new Set(readColumn(layout, 'Mã yêu cầu').map(textOf).filter(Boolean));
}

export interface LoggedStep {
  readonly at: CivilDateTime;
  readonly note: string;
  readonly details: EventDetails;
}

function detailsOf(text: string): EventDetails {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as EventDetails) : {};
  } catch {
    return {};
  }
}

/** A dossier's last event of one action (reasons and missing documents for the forms, the supplement's start). */
export function lastLoggedStep(layout: LogLayout, code: string, action: string, zone: ZoneConverter): LoggedStep | undefined {
  const codes = readColumn(layout, 'Mã hồ sơ');
  const actions = readColumn(layout, 'Thao tác');
  for (let i = codes.length - 1; i >= 0; i -= 1) {
    if (textOf(codes[i] ?? '') !== code || textOf(actions[i] ?? '') !== action) continue;
    const values = readRow(layout, layout.headerRow + 1 + i);
    const at = dateTimeOf(cell(layout, values, 'Thời điểm'), zone);
    if (!at || at === 'invalid') return undefined;
    return { at, note: textOf(cell(layout, values, 'Ghi chú')), details: detailsOf(textOf(cell(layout, values, 'Chi tiết'))) };
  }
  return undefined;
}
