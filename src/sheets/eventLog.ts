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
import { locateTab, readColumns, readRow, requireColumns, type SheetLayout } from './layout';
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
  const layout = locateTab(spreadsheet, TABS.log, LOG_COLUMNS, 'Thao tác');
  requireColumns(layout, LOG_COLUMNS);
  return layout;
}

/**
 * Where the next event goes, with room made for it. Called before the writes of an action, so
 * that no read falls between them (Apps Script sends writes queued without a read together).
 */
export function nextEventRow(layout: LogLayout): number {
  const rowNumber = Math.max(layout.lastRow, layout.headerRow) + 1;
  growRows(layout.sheet, rowNumber);
  return rowNumber;
}

/** Writes one event on its row (from `nextEventRow`), only the log's own columns. */
export function writeEvent(layout: LogLayout, rowNumber: number, event: LogEvent): void {
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

/** The codes and request keys of the events (two column reads), by data index. */
export interface LogIndex {
  readonly codes: readonly string[];
  readonly keys: readonly string[];
}

export function readLogIndex(layout: LogLayout): LogIndex {
  const read = readColumns(layout, ['Mã hồ sơ', 'Mã yêu cầu']);
  return {
    codes: (read.get('Mã hồ sơ') ?? []).map(textOf),
    keys: (read.get('Mã yêu cầu') ?? []).map(textOf),
  };
}

export interface LoggedStep {
  readonly code: string;
  readonly at: CivilDateTime;
  readonly action: string;
  readonly note: string;
  readonly details: EventDetails;
  readonly requestKey: string;
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

/** The event on one data index of the log, read in one call. */
export function loggedStepAt(layout: LogLayout, index: number, zone: ZoneConverter): LoggedStep | undefined {
  const values = readRow(layout, layout.headerRow + 1 + index);
  const at = dateTimeOf(cell(layout, values, 'Thời điểm'), zone);
  if (!at || at === 'invalid') return undefined;
  return {
    code: textOf(cell(layout, values, 'Mã hồ sơ')),
    at,
    action: textOf(cell(layout, values, 'Thao tác')),
    note: textOf(cell(layout, values, 'Ghi chú')),
    details: detailsOf(textOf(cell(layout, values, 'Chi tiết'))),
    requestKey: textOf(cell(layout, values, 'Mã yêu cầu')),
  };
}

/** A dossier's last event, or its last event of one action (reasons for the forms, the supplement's start). */
export function lastLoggedStep(layout: LogLayout, code: string, zone: ZoneConverter, action?: string): LoggedStep | undefined {
  const read = readColumns(layout, action === undefined ? ['Mã hồ sơ'] : ['Mã hồ sơ', 'Thao tác']);
  const codes = (read.get('Mã hồ sơ') ?? []).map(textOf);
  const actions = action === undefined ? undefined : (read.get('Thao tác') ?? []).map(textOf);
  for (let i = codes.length - 1; i >= 0; i -= 1) {
    if (codes[i] !== code || (actions && actions[i] !== action)) continue;
    return loggedStepAt(layout, i, zone);
  }
  return undefined;
}
