/** Everything one request needs about the unit, read once: settings, catalogue, calendar, clock. */
import type { CivilDateTime } from '../core/civil';
import { unitCalendar, type WorkingCalendar } from '../core/calendar';
import type { CalendarException } from '../core/holidays';
import type { Procedure } from '../core/procedures';
import type { ScheduleContext } from '../core/appointment';
import { UNIT_TIME_ZONE, ZoneConverter } from '../sheets/dates';
import { SheetProblem } from '../sheets/layout';
import { readCalendarTable, readCatalogue, readSettings, type TableProblem, type UnitSettings } from '../sheets/settings';
import type { Services, Spreadsheet } from '../gas/services';

export interface UnitContext {
  readonly spreadsheet: Spreadsheet;
  readonly zone: ZoneConverter;
  readonly settings: UnitSettings;
  readonly procedures: readonly Procedure[];
  readonly exceptions: readonly CalendarException[];
  readonly calendar: WorkingCalendar;
  readonly schedule: ScheduleContext;
  /** Now in Vietnam, whatever zone the spreadsheet is set to: deadlines are Vietnamese wall time. */
  readonly now: CivilDateTime;
  readonly user: string;
  readonly problems: readonly TableProblem[];
  /** Set when the spreadsheet's zone is not Vietnam's: TODAY() and the deadline colours are off. */
  readonly zoneWarning?: string;
}

export function activeSpreadsheet(services: Services): Spreadsheet {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new SheetProblem('Hãy mở bảng tính sổ theo dõi hồ sơ của đơn vị.');
  return spreadsheet;
}

export function zoneWarningOf(timeZone: string): string | undefined {
  return timeZone === UNIT_TIME_ZONE
    ? undefined
    : `Múi giờ của bảng tính là “${timeZone}”, không phải giờ Việt Nam (${UNIT_TIME_ZONE}): hàm TODAY() và màu cảnh báo hạn sẽ lệch. Hãy chạy Một cửa › Thiết lập sổ để đặt lại múi giờ.`;
}

export function openUnit(services: Services, spreadsheet: Spreadsheet = activeSpreadsheet(services)): UnitContext {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const zone = new ZoneConverter(services.utilities, timeZone);
  const { settings, problems: settingProblems } = readSettings(spreadsheet);
  const { procedures, problems: catalogueProblems } = readCatalogue(spreadsheet);
  const { exceptions, problems: calendarProblems } = readCalendarTable(spreadsheet, zone);
  const calendar = unitCalendar(exceptions);
  const zoneWarning = zoneWarningOf(timeZone);
  return {
    spreadsheet,
    zone,
    settings,
    procedures,
    exceptions,
    calendar,
    schedule: {
      calendar,
      officeHours: settings.officeHours,
      ...(settings.appointmentMinute !== undefined ? { appointmentMinute: settings.appointmentMinute } : {}),
    },
    now: new ZoneConverter(services.utilities, UNIT_TIME_ZONE).toCivil(services.clock.now()),
    user: services.session.getActiveUser().getEmail() || services.session.getEffectiveUser().getEmail(),
    problems: [...settingProblems, ...catalogueProblems, ...calendarProblems],
    ...(zoneWarning ? { zoneWarning } : {}),
  };
}

/** How long a writer waits for another officer's save before giving up with a clear message. */
const LOCK_WAIT_MS = 20000;

/** Runs `fn` under the document lock, then flushes; a busy lock gives a clear Vietnamese error. */
export function withDocumentLock<T>(services: Services, fn: () => T): T {
  const lock = services.lockService.getDocumentLock() ?? services.lockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new SheetProblem('Sổ đang được người khác ghi; chưa có gì được ghi, vui lòng bấm lại sau vài giây.');
  }
  try {
    const result = fn();
    services.spreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

/** How long an answer is kept for a retried submit; Google may evict it sooner, and then the sheet answers. */
const ANSWER_TTL_SECONDS = 6 * 3600;

function answerCache(services: Services) {
  return services.cacheService.getDocumentCache() ?? services.cacheService.getScriptCache();
}

/** Keeps the answer to a request key, so a retry gets exactly the same answer while it lasts. */
export function rememberAnswer(services: Services, key: string, answer: unknown): void {
  const text = JSON.stringify(answer);
  // A key longer than the cache allows, or an answer too large, is simply not kept: the sheet still answers.
  if (key.length <= 240 && text.length <= 90000) answerCache(services).put(`answer:${key}`, text, ANSWER_TTL_SECONDS);
}

export function recalledAnswer<T>(services: Services, key: string): T | undefined {
  const text = answerCache(services).get(`answer:${key}`);
  return text ? (JSON.parse(text) as T) : undefined;
}
