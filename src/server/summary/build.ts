/**
 * `Một cửa › Lập báo cáo tổng hợp`: the periodic report of this register, or of every register
 * listed in the `Đơn vị` tab, written to `Tổng hợp giám sát`. Each register: opened, its header
 * found once, only the report's columns read (a constant number of calls, never per row), and its
 * summary kept in a hidden checkpoint tab before the next one is read. A register that cannot be
 * opened is reported and the others are still summarised; a run near Google's 6-minute limit
 * stops at its checkpoint and a one-shot trigger continues with the next register — never
 * starting over, never counting a register twice.
 */
import { levelProblem } from '../../core/adminLevels';
import { boolean, enum as zEnum, object, optional, safeParse, string } from 'zod/mini';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { formatDateVi, formatNumberVi } from '../../core/format';
import { mergeSummaries, summarize, type Summary } from '../../core/summary';
import type { Services, Spreadsheet } from '../../gas/services';
import { textOf } from '../../sheets/cells';
import { ZoneConverter } from '../../sheets/dates';
import { SheetProblem } from '../../sheets/layout';
import { lockedArchives } from '../../sheets/archive';
import { readReportRecords, reportLayout } from '../../sheets/periodRecords';
import { countInPeriod, receptionRefusalDates } from '../../sheets/receptionRefusals';
import { TABS } from '../../sheets/schema';
import { writeSummarySheet } from '../../sheets/summarySheet';
import { OFFICIAL_TAB, writeOfficialSheet } from '../../sheets/officialSheet';
import { cell, readTable } from '../../sheets/table';
import type { UnitSettings } from '../../sheets/settings';
import { documentProperties, openUnit, withDocumentLock } from '../unitContext';

const requestSchema = object({
  from: string(),
  to: string(),
  scope: zEnum(['this', 'units']),
  /** Also the official form (tab `Biểu II.06a`), its lines by field or by competent agency. */
  official: optional(boolean()),
  groupBy: optional(zEnum(['field', 'agency'])),
});

interface SummaryRequest {
  readonly from: CivilDate;
  readonly to: CivilDate;
  readonly scope: 'this' | 'units';
  readonly official?: boolean;
  readonly groupBy?: 'field' | 'agency';
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
  return {
    from,
    to,
    scope: parsed.data.scope,
    ...(parsed.data.official ? { official: true, groupBy: parsed.data.groupBy ?? 'field' } : {}),
  };
}

/** The spreadsheet id in a Google Sheets URL, or the id itself. */
function spreadsheetIdOf(reference: string): string {
  // Also the URL Google shows with several accounts signed in: /spreadsheets/u/1/d/ID/edit.
  const m = /\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/.exec(reference);
  return (m?.[1] ?? reference).trim();
}

interface UnitEntry {
  readonly name: string;
  readonly level: string;
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
      level: textOf(cell(table, r.values, 'Cấp')),
      reference: textOf(cell(table, r.values, 'Sổ theo dõi (đường dẫn hoặc ID)')),
    }))
    .filter((u) => u.name || u.reference);
}

interface Part {
  readonly name: string;
  readonly summary?: Summary;
  readonly problems: { row: number; code: string; reason: string }[];
  readonly moreProblems?: number;
  readonly error?: string;
  readonly notes?: readonly string[];
}

/** Rows that could not be classified kept per register (a checkpoint cell holds 50,000 characters). */
const PROBLEMS_KEPT = 150;
const CELL_CHARACTERS = 50_000;

function isPart(value: unknown): value is Part {
  const v = value as Partial<Part> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && Array.isArray(v.problems);
}

/** One register's part of the report, or why it could not be read (in Vietnamese). */
function readPart(
  services: Services,
  name: string,
  open: () => Spreadsheet,
  from: CivilDate,
  to: CivilDate,
  /** A register listed in `Đơn vị` counts for that row's unit, whatever its own rows call it. */
  fixedUnit = false,
): Part {
  let spreadsheet: Spreadsheet;
  try {
    spreadsheet = open();
  } catch {
    return {
      name,
      problems: [],
      error:
        'không mở được sổ: đường dẫn hoặc ID sai, sổ đã bị xóa, hoặc tài khoản đang lập báo cáo chưa được chia sẻ quyền xem.',
    };
  }
  try {
    const sheet = spreadsheet.getSheetByName(TABS.register);
    if (!sheet) return { name, problems: [], error: `sổ không có trang “${TABS.register}”.` };
    const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
    const { records, problems } = readReportRecords(
      reportLayout(sheet, TABS.register),
      zone,
      name,
      // The active workbook's own closings are on record; another unit's archives are known by their locks.
      lockedArchives(
        services.spreadsheetApp,
        spreadsheet.getId() === services.spreadsheetApp.getActiveSpreadsheet()?.getId()
          ? services.propertiesService.getDocumentProperties()
          : undefined,
      ),
      fixedUnit,
    );
    const summary = {
      ...summarize(records, from, to, [name]),
      receptionRefusals: countInPeriod(receptionRefusalDates(spreadsheet, zone), from, to),
    };
    const part: Part = {
      name,
      summary,
      problems: problems.slice(0, PROBLEMS_KEPT),
      moreProblems: Math.max(0, problems.length - PROBLEMS_KEPT),
    };
    // Late reasons are typed by hand: a register with very many keeps the most frequent.
    if (JSON.stringify(part).length > CELL_CHARACTERS) {
      return {
        ...part,
        problems: [],
        moreProblems: problems.length,
        summary: { ...summary, lateReasons: summary.lateReasons.slice(0, 50) },
      };
    }
    return part;
  } catch (error) {
    if (error instanceof SheetProblem) return { name, problems: [], error: error.message };
    throw error;
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

/** The parts already read for `key` (a line of another request is not this report's). */
function readCheckpoint(spreadsheet: Spreadsheet, key: string): Map<string, Part> {
  const sheet = spreadsheet.getSheetByName(CHECKPOINT_TAB);
  const parts = new Map<string, Part>();
  if (!sheet || sheet.getLastRow() === 0) return parts;
  for (const [reference, json, request] of sheet.getRange(1, 1, sheet.getLastRow(), 3).getValues()) {
    if (String(request) !== key) continue;
    try {
      const parsed: unknown = JSON.parse(String(json));
      if (isPart(parsed)) parts.set(String(reference), parsed);
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
  settings: UnitSettings,
  spreadsheet: Spreadsheet,
  request: SummaryRequest,
  parts: readonly Part[],
  title: string,
  levels: ReadonlyMap<string, string> = new Map(),
): string {
  const summary = mergeSummaries(
    parts.flatMap((p) => (p.summary ? [p.summary] : [])),
    request.from,
    request.to,
    parts.flatMap((p) => (p.summary ? [p.name] : [])),
  );
  withDocumentLock(services, () => {
    writeSummarySheet(spreadsheet, summary, {
      title,
      madeAt: madeAt(services),
      levels,
      sources: parts.map((p) => ({
        name: p.name,
        problems: p.problems,
        ...(p.moreProblems ? { moreProblems: p.moreProblems } : {}),
        ...(p.error ? { error: p.error } : {}),
        ...(p.notes ? { notes: p.notes } : {}),
      })),
    });
    if (request.official) {
      writeOfficialSheet(spreadsheet, summary, {
        // Across `Đơn vị`: this workbook's own unit consolidates them, never one of the units listed.
        reportingUnit: settings.unitName || spreadsheet.getName(),
        consolidated: request.scope !== 'this',
        receivingUnit: settings.parentUnit,
        grouping: request.groupBy ?? 'field',
      });
    }
  });
  const failed = parts.filter((p) => p.error).length;
  const bad = parts.reduce((n, p) => n + p.problems.length + (p.moreProblems ?? 0), 0);
  return (
    `Đã lập báo cáo từ ${formatDateVi(request.from)} đến ${formatDateVi(request.to)} trong trang “${TABS.summary}” ` +
    `(${parts.length - failed}/${parts.length} sổ; ${formatNumberVi(summary.total.received.total)} hồ sơ tiếp nhận).` +
    (request.official ? ` Biểu số II.06a/VPCP/KSTT ở trang “${OFFICIAL_TAB}”.` : '') +
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
    return { ok: true, message: finish(services, unit.settings, spreadsheet, request, [part], title) };
  }
  const units = unitsOf(spreadsheet);
  if (units.length === 0) return { ok: false, message: `Trang “${TABS.units}” chưa có đơn vị nào.` };
  // The consolidated form is the consolidating body's report: its name, never one of the units'.
  const body = unit.settings.unitName.trim();
  if (request.official && (!body || units.some((u) => u.name.trim() === body))) {
    return {
      ok: false,
      message:
        `Biểu số II.06a tổng hợp các đơn vị trong trang “${TABS.units}” là báo cáo của cơ quan tổng hợp: hãy ghi “Tên đơn vị” trong trang “${TABS.config}” ` +
        `là tên cơ quan đó (ví dụ Văn phòng UBND tỉnh Phú Thọ)${body ? `, không phải “${body}”, một đơn vị trong danh sách` : ''}. Chưa lập báo cáo.`,
    };
  }
  // One report across units at a time: two at once would mix their checkpoints.
  const lock = services.lockService.getScriptLock();
  if (!lock.tryLock(1000)) {
    return { ok: false, message: 'Một báo cáo tổng hợp khác đang được lập; hãy đợi báo cáo đó xong (vài phút) rồi lập lại.' };
  }
  try {
    return runUnits(services, unit.settings, spreadsheet, request, units, startedMs);
  } finally {
    lock.releaseLock();
  }
}

/** How long a report left at its checkpoint keeps another period from starting (its follow-up is due within minutes). */
const PENDING_MS = 30 * 60_000;

function runUnits(
  services: Services,
  settings: UnitSettings,
  spreadsheet: Spreadsheet,
  request: SummaryRequest,
  units: readonly UnitEntry[],
  startedMs: number,
): SummaryAnswer {
  const properties = documentProperties(services);
  const key = JSON.stringify(request);
  const pending = pendingRequest(properties.getProperty(REQUEST_PROPERTY));
  const now = services.clock.now().getTime();
  if (pending && pending.key !== key && now - pending.savedMs < PENDING_MS) {
    const other = JSON.parse(pending.key) as SummaryRequest;
    return {
      ok: false,
      message: `Báo cáo từ ${formatDateVi(other.from)} đến ${formatDateVi(other.to)} đang được lập tiếp sau ít phút; hãy đợi báo cáo đó xong rồi lập báo cáo khác.`,
    };
  }
  // A new request starts a new checkpoint; the same one (a follow-up run) goes on from it.
  if (pending?.key !== key) {
    const old = spreadsheet.getSheetByName(CHECKPOINT_TAB);
    if (old) spreadsheet.deleteSheet(old);
  }
  properties.setProperty(REQUEST_PROPERTY, JSON.stringify({ key, savedMs: now }));
  const done = readCheckpoint(spreadsheet, key);
  // A register listed twice (by its link and by its id) is read and counted once.
  const firstRow = new Map<string, number>();
  const keyOf = (entry: UnitEntry, i: number) => spreadsheetIdOf(entry.reference) || `#${i}`;
  units.forEach((u, i) => {
    if (!firstRow.has(keyOf(u, i))) firstRow.set(keyOf(u, i), i);
  });
  for (const [i, entry] of units.entries()) {
    const reference = spreadsheetIdOf(entry.reference);
    if (firstRow.get(keyOf(entry, i)) !== i) continue;
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
      ? readPart(services, entry.name, () => services.spreadsheetApp.openById(reference), request.from, request.to, true)
      : { name: entry.name, problems: [], error: 'chưa ghi đường dẫn hoặc ID của sổ.' };
    const line = [reference || `#${i}`, JSON.stringify(part), key];
    checkpointSheet(spreadsheet).appendRow(line);
    done.set(line[0]!, part);
  }
  const parts = units.flatMap((u, i): Part[] => {
    const first = firstRow.get(keyOf(u, i));
    if (first !== i) {
      return [
        {
          name: u.name,
          problems: [],
          error: `đã có ở dòng ${(first ?? 0) + 2} của trang “${TABS.units}” (cùng một sổ): chỉ tính một lần.`,
        },
      ];
    }
    const part = done.get(keyOf(u, i));
    // A district named for a period after 1/7/2025: said in the data-quality block, still counted.
    const level = levelProblem(u.level, request.from);
    return part ? [level ? { ...part, notes: [level] } : part] : [];
  });
  const levels = new Map(units.flatMap((u) => (u.level ? [[u.name, u.level] as const] : [])));
  const title = 'TỔNG HỢP TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CÁC ĐƠN VỊ';
  const message = finish(services, settings, spreadsheet, request, parts, title, levels);
  const checkpoint = spreadsheet.getSheetByName(CHECKPOINT_TAB);
  if (checkpoint) spreadsheet.deleteSheet(checkpoint);
  properties.deleteProperty(REQUEST_PROPERTY);
  return { ok: true, message };
}

/** The report waiting at its checkpoint, if any; a damaged property counts as none. */
function pendingRequest(text: string | null): { key: string; savedMs: number } | undefined {
  try {
    const parsed = JSON.parse(text ?? 'null') as { key?: unknown; savedMs?: unknown } | null;
    return parsed && typeof parsed.key === 'string' && typeof parsed.savedMs === 'number'
      ? { key: parsed.key, savedMs: parsed.savedMs }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The one-shot follow-up: deletes itself, then continues the report from its checkpoint. */
export function continueSummary(services: Services): void {
  for (const t of services.scriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === SUMMARY_FOLLOW_UP) services.scriptApp.deleteTrigger(t);
  }
  const properties = documentProperties(services);
  const pending = pendingRequest(properties.getProperty(REQUEST_PROPERTY));
  if (!pending) return;
  const answer = buildSummary(services, JSON.parse(pending.key) as unknown);
  console.log(`MotCua: báo cáo tổng hợp: ${answer.message}`);
}
