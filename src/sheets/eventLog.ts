/** `Nhật ký xử lý`: append-only events (the history behind Mẫu 05/06 and the audit trail). No personal data. */
import type { CivilDateTime } from '../core/civil';
import type { DossierStatus } from '../core/dossier';
import type { CellValue, Spreadsheet } from '../server/services';
import { dateTimeOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { ensureRowsAfter } from './register';
import { asLiteralText } from './safeText';
import { LOG_HEADERS, TABS } from './schema';
import { cell, readTable } from './table';

export interface LogEvent {
  /** When the step happened (as the officer recorded it), which the supplement pause is counted from. */
  readonly at: Date;
  readonly user: string;
  readonly code: string;
  readonly action: string;
  readonly from: DossierStatus | '';
  readonly to: DossierStatus;
  readonly note: string;
}

export function appendEvents(spreadsheet: Spreadsheet, events: readonly LogEvent[]): void {
  if (events.length === 0) return;
  const sheet = spreadsheet.getSheetByName(TABS.log);
  if (!sheet) throw new Error('Chưa có trang “Nhật ký xử lý”; hãy chạy Một cửa › Thiết lập sổ.');
  const table = readHeaderOnly(sheet);
  const rows = events.map((e) => {
    const byHeader: Record<(typeof LOG_HEADERS)[number], CellValue> = {
      'Thời điểm': e.at,
      'Người thực hiện': asLiteralText(e.user),
      'Mã hồ sơ': asLiteralText(e.code),
      'Thao tác': asLiteralText(e.action),
      'Trạng thái trước': e.from,
      'Trạng thái sau': e.to,
      'Ghi chú': asLiteralText(e.note),
    };
    return table.headers.map((h) => byHeader[h as (typeof LOG_HEADERS)[number]] ?? '');
  });
  const lastRow = sheet.getLastRow();
  ensureRowsAfter(sheet, lastRow, rows.length);
  sheet.getRange(lastRow + 1, 1, rows.length, table.headers.length).setValues(rows);
}

function readHeaderOnly(sheet: ReturnType<Spreadsheet['getSheets']>[number]): { headers: string[] } {
  const width = sheet.getLastColumn();
  const headers = width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((v) => textOf(v)) : [];
  if (!LOG_HEADERS.every((h) => headers.includes(h)))
    throw new Error('Trang “Nhật ký xử lý” thiếu cột; hãy chạy Một cửa › Thiết lập sổ.');
  return { headers };
}

/** When the pending supplement of a dossier was requested: the last such event in the log. */
export function lastEventTime(
  spreadsheet: Spreadsheet,
  code: string,
  action: string,
  zone: ZoneConverter,
): CivilDateTime | undefined {
  const sheet = spreadsheet.getSheetByName(TABS.log);
  if (!sheet) return undefined;
  const table = readTable(sheet, LOG_HEADERS);
  let found: CivilDateTime | undefined;
  for (const { values } of table.rows) {
    if (textOf(cell(table, values, 'Mã hồ sơ')) !== code || textOf(cell(table, values, 'Thao tác')) !== action) continue;
    const at = dateTimeOf(cell(table, values, 'Thời điểm'), zone);
    if (at && at !== 'invalid') found = at;
  }
  return found;
}
