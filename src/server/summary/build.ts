/**
 * `Một cửa › Lập báo cáo tổng hợp`: the periodic report of this register, or of every register
 * listed in the `Đơn vị` tab, written to `Tổng hợp giám sát`. Each register: opened, its header
 * found once, only the report's columns read (a constant number of calls, never per row), and its
 * summary kept in a hidden checkpoint tab before the next one is read. A register that cannot be
 * opened is reported and the others are still summarised; a run near Google's 6-minute limit
 * stops at its checkpoint and a one-shot trigger continues with the next register — never
 * starting over, never counting a register twice.
 */
import { enum as zEnum, object, safeParse, string } from 'zod/mini';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { formatDateVi } from '../../core/format';
import { mergeSummaries, summarize, type Summary } from '../../core/summary';
import type { Services, Spreadsheet } from '../../gas/services';
import { textOf } from '../../sheets/cells';
import { ZoneConverter } from '../../sheets/dates';
import { SheetProblem } from '../../sheets/layout';
import { readReportRecords } from '../../sheets/periodRecords';
import { registerLayout } from '../../sheets/register';
import { TABS } from '../../sheets/schema';
import { writeSummarySheet } from '../../sheets/summarySheet';
import { cell, readTable } from '../../sheets/table';
import { openUnit, withDocumentLock } from '../unitContext';

const requestSchema = object({
  from: string(),
  to: string(),
  scope: zEnum(['this', 'units']),
});

interface SummaryRequest {
  readonly from: CivilDate;
  readonly to: CivilDate;
  readonly scope: 'this' | 'units';
}

export type SummaryAnswer = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly message: string };

export const UNITS_HEADERS = ['Tên đơn vị', 'Cấp', 'Sổ theo dõi (đường dẫn hoặc ID)', 'Email thủ trưởng'] as const;
const CHECKPOINT_TAB = 'MotCua – tạm';
const REQUEST_PROPERTY = 'motcua.summary.request';
export const SUMMARY_FOLLOW_UP = 'continueSummary';
const CHECKPOINT_MS = 4.5 * 60_000;

function parseRequest(input: unknown): SummaryRequest | string {
  const parsed = safeParse(requestSchema, input);
  if (!parsed.success) return 'Yêu cầu lập báo cáo không hợp lệ.';
  const from = parseCivilDate(parsed.data.from);
  const to = parseCivilDate(parsed.data.to);
  if (!from || !to) return 'Ngày bắt đầu và ngày kết thúc phải là ngày có thật.';
  if (from > to) return `Ngày bắt đầu ${formatDateVi(from)} sau ngày kết thúc ${formatDateVi(to)}.`;
  if (from < '2000-01-01' || to > '2099-12-31') return 'Kỳ báo cáo phải nằm trong khoảng 2000–2099.';
  return { from, to, scope: parsed.data.scope };
}

/** The spreadsheet id in a Google Sheets URL, or the id itself. */
function spreadsheetIdOf(reference: string): string {
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(reference);
  return (m?.[1] ?? reference).trim();
}

interface UnitEntry {
  readonly name: string;
  readonly reference: string;
}

function unitsOf(spreadsheet: Spreadsheet): UnitEntry[] {
  const sheet = spreadsheet.getSheetByName(TABS.units);
  if (!sheet) throw new SheetProblem(`Chưa có trang “${TABS.units}”: mỗi dòng một đơn vị (${UNITS_HEADERS.join(', ')}).`);
  const table = readTable(sheet, UNITS_HEADERS, 'Tên đơn vị');
  if (table.headerRow === 0) throw new SheetProblem(`Trang “${TABS.units}” không có dòng tiêu đề (cần cột “Tên đơn vị”).`);
  return table.rows
    .map((r) => ({
      name: textOf(cell(table, r.values, 'Tên đơn vị')),
      reference: textOf(cell(table, r.values, 'Sổ theo dõi (đường dẫn hoặc ID)')),
    }))
    .filter((u) => u.name || u.reference);
}

interface Part {
  readonly name: string;
  readonly summary?: Summary;
  readonly problems: { row: number; code: string; reason: string }[];
  readonly error?: string;
}

/** One register's part of the report, or why it could not be read. */
function readPart(services: Services, name: string, open: () => Spreadsheet, from: CivilDate, to: CivilDate): Part {
  try {
    const spreadsheet = open();
    const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
    const { records, problems } = readReportRecords(registerLayout(spreadsheet), zone, name);
    return { name, summary: summarize(records, from, to), problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name, problems: [], error: message };
  }
}

/** The checkpoint: one row per register already read, with its part as JSON. */
function checkpointSheet(spreadsheet: Spreadsheet) {
  const existing = spreadsheet.getSheetByName(CHECKPOINT_TAB);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(CHECKPOINT_TAB);
  sheet.hideSheet();
  return sheet;
}

function readCheckpoint(spreadsheet: Spreadsheet): Map<string, Part> {
  const sheet = spreadsheet.getSheetByName(CHECKPOINT_TAB);
  const parts = new Map<string, Part>();
  if (!sheet || sheet.getLastRow() === 0) return parts;
  for (const [reference, json] of sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues()) {
    try {
      parts.set(String(reference), JSON.parse(String(json)) as Part);
    } catch {
      // A damaged line is read again.
    }
  }
  return parts;
}

function madeAt(services: Services) {
  return new ZoneConverter(services.utilities, 'Asia/Ho_Chi_Minh').toCivil(services.clock.now());
}

function finish(
  services: Services,
  spreadsheet: Spreadsheet,
  request: SummaryRequest,
  parts: readonly Part[],
  title: string,
): string {
  const summary = mergeSummaries(
    parts.flatMap((p) => (p.summary ? [p.summary] : [])),
    request.from,
    request.to,
  );
  withDocumentLock(services, () =>
    writeSummarySheet(spreadsheet, summary, {
      title,
      madeAt: madeAt(services),
      sources: parts.map((p) => ({ name: p.name, problems: p.problems, ...(p.error ? { error: p.error } : {}) })),
    }),
  );
  const failed = parts.filter((p) => p.error).length;
  const bad = parts.reduce((n, p) => n + p.problems.length, 0);
  return (
    `Đã lập báo cáo từ ${formatDateVi(request.from)} đến ${formatDateVi(request.to)} trong trang “${TABS.summary}” ` +
    `(${parts.length - failed}/${parts.length} sổ; ${summary.total.received.total} hồ sơ tiếp nhận).` +
    (failed ? ` ${failed} sổ không đọc được (xem cuối trang).` : '') +
    (bad ? ` ${bad} dòng không phân loại được (xem phần Chất lượng dữ liệu).` : '')
  );
}

/** Runs (or continues) the report; `startedMs` is when this execution began. */
export function buildSummary(services: Services, input: unknown, startedMs = services.clock.now().getTime()): SummaryAnswer {
  const request = parseRequest(input);
  if (typeof request === 'string') return { ok: false, message: request };
  try {
    return run(services, request, startedMs);
  } catch (error) {
    if (error instanceof SheetProblem) return { ok: false, message: error.message };
    throw error;
  }
}

function run(services: Services, request: SummaryRequest, startedMs: number): SummaryAnswer {
  const unit = openUnit(services);
  const spreadsheet = unit.spreadsheet;
  if (request.scope === 'this') {
    const part = readPart(services, unit.settings.unitName || spreadsheet.getName(), () => spreadsheet, request.from, request.to);
    if (part.error) return { ok: false, message: part.error };
    const title = `TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH – ${unit.settings.unitName || spreadsheet.getName()}`.toUpperCase();
    return { ok: true, message: finish(services, spreadsheet, request, [part], title) };
  }
  const units = unitsOf(spreadsheet);
  if (units.length === 0) return { ok: false, message: `Trang “${TABS.units}” chưa có đơn vị nào.` };
  const properties = services.propertiesService.getDocumentProperties() ?? services.propertiesService.getScriptProperties();
  const key = JSON.stringify(request);
  // A new request starts a new checkpoint; the same one (a follow-up run) goes on from it.
  if (properties.getProperty(REQUEST_PROPERTY) !== key) {
    const old = spreadsheet.getSheetByName(CHECKPOINT_TAB);
    if (old) spreadsheet.deleteSheet(old);
    properties.setProperty(REQUEST_PROPERTY, key);
  }
  const done = readCheckpoint(spreadsheet);
  for (const [i, entry] of units.entries()) {
    const reference = spreadsheetIdOf(entry.reference);
    if (done.has(reference || `#${i}`)) continue;
    if (services.clock.now().getTime() - startedMs > CHECKPOINT_MS) {
      const exists = services.scriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === SUMMARY_FOLLOW_UP);
      if (!exists) services.scriptApp.newTrigger(SUMMARY_FOLLOW_UP).timeBased().after(60_000).create();
      return {
        ok: true,
        message: `Đã đọc ${done.size}/${units.length} sổ; MotCua đọc tiếp các sổ còn lại sau ít phút rồi cập nhật trang “${TABS.summary}”.`,
      };
    }
    spreadsheet.toast(`Đang đọc sổ ${i + 1}/${units.length}: ${entry.name}`, 'Lập báo cáo tổng hợp', 5);
    const part = reference
      ? readPart(services, entry.name, () => services.spreadsheetApp.openById(reference), request.from, request.to)
      : { name: entry.name, problems: [], error: 'chưa ghi đường dẫn hoặc ID của sổ.' };
    const line = [reference || `#${i}`, JSON.stringify(part)];
    checkpointSheet(spreadsheet).appendRow(line);
    done.set(line[0]!, part);
  }
  const parts = units.map((u, i) => done.get(spreadsheetIdOf(u.reference) || `#${i}`)).filter((p): p is Part => p !== undefined);
  const title = 'TỔNG HỢP TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CÁC ĐƠN VỊ';
  const message = finish(services, spreadsheet, request, parts, title);
  const checkpoint = spreadsheet.getSheetByName(CHECKPOINT_TAB);
  if (checkpoint) spreadsheet.deleteSheet(checkpoint);
  properties.deleteProperty(REQUEST_PROPERTY);
  return { ok: true, message };
}

/** The one-shot follow-up: deletes itself, then continues the report from its checkpoint. */
export function continueSummary(services: Services): void {
  for (const t of services.scriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === SUMMARY_FOLLOW_UP) services.scriptApp.deleteTrigger(t);
  }
  const properties = services.propertiesService.getDocumentProperties() ?? services.propertiesService.getScriptProperties();
  const saved = properties.getProperty(REQUEST_PROPERTY);
  if (!saved) return;
  const answer = buildSummary(services, JSON.parse(saved) as unknown);
  console.log(`MotCua: báo cáo tổng hợp: ${answer.message}`);
}
