/**
 * `Nhật ký xử lý`: append-only events (the history behind the printed forms and the audit trail).
 * No personal data. Each event keeps its facts as JSON in `Chi tiết` (never parsed back out of the
 * note) and the key of the request that wrote it, so a retried submit is recognised.
 */
import { type CivilDateTime, compareDateTimes } from '../core/civil';
import type { DossierStatus } from '../core/dossier';
import type { EventDetails } from '../core/lifecycle';
import type { CellValue, Spreadsheet } from '../gas/services';
import { dateTimeOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { type LayoutParts, locateKnownTab, readColumns, readRow, requireColumns, type SheetLayout } from './layout';
import { LOG_COLUMNS, type LogHeader, logFormat, TABS } from './schema';
import { cell } from './table';
import { growRows, staysTextWhenTyped, writeCells } from './write';

export interface LogEvent {
  /** When the step happened (as the officer recorded it), which the supplement pause is counted from. */
  readonly at: Date;
  readonly user: string;
  readonly code: string;
  readonly action: string;
  readonly from: DossierStatus | '';
  readonly to: DossierStatus | '';
  readonly note: string;
  readonly details: EventDetails;
  readonly requestKey: string;
}

export type LogLayout = SheetLayout<LogHeader>;

/**
 * The log's layout, checked: an action calls this before writing anything anywhere. `known` is the
 * layout found when the form was opened: then only its header row is read again and compared.
 */
export function logLayout(spreadsheet: Spreadsheet, known?: LayoutParts<LogHeader>): LogLayout {
  const layout = locateKnownTab(spreadsheet, TABS.log, LOG_COLUMNS, 'Thao tác', known);
  requireColumns(layout, LOG_COLUMNS);
  return layout;
}

/**
 * Appends one event below the log's last row, only the log's own columns. `appendRow` finds the
 * bottom on Google's side, in the same round trip as the action's other writes: no question about
 * where the data ends, and never a row someone typed. It cannot set formats first, so it is used
 * only when every value reads back as itself in a cell without the plain-text format (setup formats
 * the log's rows, but the rows `appendRow` adds beyond them have none); otherwise the event is
 * written into plain-text cells after the last row, at the cost of asking where that is.
 */
export function writeEvent(layout: LogLayout, event: LogEvent): void {
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
  if (Object.values(cells).every((v) => typeof v !== 'string' || staysTextWhenTyped(v))) {
    const row: CellValue[] = Array.from({ length: Math.max(...layout.columns.values()) }, () => '');
    for (const [header, column] of layout.columns) row[column - 1] = cells[header];
    layout.sheet.appendRow(row);
    return;
  }
  const rowNumber = Math.max(layout.lastRow, layout.headerRow) + 1;
  growRows(layout.sheet, rowNumber);
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
  readonly user: string;
  readonly action: string;
  readonly note: string;
  readonly details: EventDetails;
  readonly requestKey: string;
}

export function detailsOf(text: string): EventDetails {
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
    user: textOf(cell(layout, values, 'Người thực hiện')),
    action: textOf(cell(layout, values, 'Thao tác')),
    note: textOf(cell(layout, values, 'Ghi chú')),
    details: detailsOf(textOf(cell(layout, values, 'Chi tiết'))),
    requestKey: textOf(cell(layout, values, 'Mã yêu cầu')),
  };
}

/**
 * A dossier's last event, or its last event of one action (reasons for the forms, the supplement's
 * start): the latest by its time, so a log sorted by hand gives the same answer; of two at the same
 * minute, the upper one (new events go on top).
 */
export function lastLoggedStep(layout: LogLayout, code: string, zone: ZoneConverter, action: string): LoggedStep | undefined {
  const read = readColumns(layout, ['Thời điểm', 'Mã hồ sơ', 'Thao tác']);
  const codes = (read.get('Mã hồ sơ') ?? []).map(textOf);
  const actions = (read.get('Thao tác') ?? []).map(textOf);
  const times = read.get('Thời điểm') ?? [];
  let best: { index: number; at: CivilDateTime } | undefined;
  codes.forEach((c, i) => {
    if (c !== code || actions[i] !== action) return;
    const at = dateTimeOf(times[i] ?? '', zone);
    if (!at || at === 'invalid') return;
    if (!best || compareDateTimes(at, best.at) > 0) best = { index: i, at };
  });
  return best ? loggedStepAt(layout, best.index, zone) : undefined;
}

/** Every event of one dossier, oldest first (the process-control slip lists them): a few calls, one per event. */
export function loggedSteps(layout: LogLayout, code: string, zone: ZoneConverter): LoggedStep[] {
  const read = readColumns(layout, ['Thời điểm', 'Mã hồ sơ']);
  const codes = (read.get('Mã hồ sơ') ?? []).map(textOf);
  const steps: LoggedStep[] = [];
  codes.forEach((c, i) => {
    if (c !== code) return;
    const step = loggedStepAt(layout, i, zone);
    if (step) steps.push(step);
  });
  return steps.sort((a, b) => compareDateTimes(a.at, b.at));
}
