/** Everything one request needs about the unit, read once: settings, catalogue, calendar, clock. */
import type { CivilDateTime } from '../core/civil';
import type { WorkingCalendar } from '../core/calendar';
import type { CalendarException } from '../core/holidays';
import type { Procedure } from '../core/procedures';
import type { ScheduleContext } from '../core/appointment';
import { ZoneConverter } from '../sheets/dates';
import {
  readCalendarTable,
  readCatalogue,
  readSettings,
  type TableProblem,
  unitCalendar,
  type UnitSettings,
} from '../sheets/settings';
import type { Services, Spreadsheet } from './services';

export interface UnitContext {
  readonly spreadsheet: Spreadsheet;
  readonly zone: ZoneConverter;
  readonly settings: UnitSettings;
  readonly procedures: readonly Procedure[];
  readonly exceptions: readonly CalendarException[];
  readonly calendar: WorkingCalendar;
  readonly schedule: ScheduleContext;
  readonly now: CivilDateTime;
  readonly user: string;
  readonly problems: readonly TableProblem[];
}

export function activeSpreadsheet(services: Services): Spreadsheet {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('Hãy mở bảng tính sổ theo dõi hồ sơ của đơn vị.');
  return spreadsheet;
}

export function openUnit(services: Services, spreadsheet: Spreadsheet = activeSpreadsheet(services)): UnitContext {
  const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
  const { settings, problems: settingProblems } = readSettings(spreadsheet);
  const { procedures, problems: catalogueProblems } = readCatalogue(spreadsheet);
  const { exceptions, problems: calendarProblems } = readCalendarTable(spreadsheet, zone);
  const calendar = unitCalendar(exceptions);
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
    now: zone.toCivil(services.clock.now()),
    user: services.session.getActiveUser().getEmail() || services.session.getEffectiveUser().getEmail(),
    problems: [...settingProblems, ...catalogueProblems, ...calendarProblems],
  };
}

/** Runs `fn` under the document lock, then flushes; a busy lock gives a clear Vietnamese error. */
export function withDocumentLock<T>(services: Services, fn: () => T): T {
  const lock = services.lockService.getDocumentLock() ?? services.lockService.getScriptLock();
  if (!lock.tryLock(20000)) throw new Error('Sổ đang được người khác ghi; vui lòng bấm lại sau vài giây.');
  try {
    const result = fn();
    services.spreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}

/** How long the answer to a request id is remembered: a retried or double-clicked submit within it gets the same answer. */
const ANSWER_TTL_SECONDS = 6 * 3600;

/**
 * `withDocumentLock` for a submit that must happen once: the first successful answer to
 * `requestId` is kept, and a repeat (double click, retried call) gets it back instead of writing
 * again. A refusal is not kept, so the officer can correct the form and send it again.
 */
export function onceUnderLock<T extends { readonly ok: boolean }>(services: Services, requestId: string, fn: () => T): T {
  const cache = services.cacheService.getDocumentCache() ?? services.cacheService.getScriptCache();
  const key = `answer:${requestId}`;
  return withDocumentLock(services, () => {
    const earlier = cache.get(key);
    if (earlier) return JSON.parse(earlier) as T;
    const answer = fn();
    if (answer.ok) cache.put(key, JSON.stringify(answer), ANSWER_TTL_SECONDS);
    return answer;
  });
}
