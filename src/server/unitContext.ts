/** Everything one request needs about the unit, read once: settings, catalogue, calendar, clock. */
import type { CivilDateTime } from '../core/civil';
import { unitCalendar, type WorkingCalendar } from '../core/calendar';
import type { CalendarException } from '../core/holidays';
import type { Procedure } from '../core/procedures';
import type { ScheduleContext } from '../core/appointment';
import { UNIT_TIME_ZONE, ZoneConverter } from '../sheets/dates';
import { hash53, utf8Length } from '../core/requestKey';
import { type LayoutParts, partsOf, SheetProblem, type SheetLayout } from '../sheets/layout';
import { registerLayout } from '../sheets/register';
import { logLayout } from '../sheets/eventLog';
import type { LogHeader, RegisterHeader } from '../sheets/schema';
import { readCalendarTable, readCatalogue, readSettings, type TableProblem, type UnitSettings } from '../sheets/settings';
import type { Properties, Services, Spreadsheet } from '../gas/services';
import { type ArchiveTrust, lockedArchives } from '../sheets/archive';

export interface UnitContext {
  readonly spreadsheet: Spreadsheet;
  /** Its year-end archives, known by their locks (src/sheets/archive.ts). */
  readonly archives: ArchiveTrust;
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
  /** The version of the tables used: a form carries it, so that its submit uses the same. */
  readonly tablesVersion: string;
  /** The form's tables had left the cache and the sheet's have changed since it was opened. */
  readonly tablesChanged: boolean;
  /** Set when the spreadsheet's zone is not Vietnam's: TODAY() and the deadline colours are off. */
  readonly zoneWarning?: string;
  /** The event log's and the register's layouts as found when the tables were read (checked again by one read). */
  readonly knownLog?: LayoutParts<LogHeader>;
  readonly knownRegister?: LayoutParts<RegisterHeader>;
}

function activeSpreadsheet(services: Services): Spreadsheet {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new SheetProblem('Hãy mở bảng tính sổ theo dõi hồ sơ của đơn vị.');
  return spreadsheet;
}

function zoneWarningOf(timeZone: string): string | undefined {
  return timeZone === UNIT_TIME_ZONE
    ? undefined
    : `Múi giờ của bảng tính là “${timeZone}”, không phải giờ Việt Nam (${UNIT_TIME_ZONE}): hàm TODAY() và màu cảnh báo hạn sẽ lệch. Hãy chạy Một cửa › Thiết lập sổ để đặt lại múi giờ.`;
}

/** Told when a form's tables changed under it: its appointment was computed with the new ones. */
export const TABLES_CHANGED_WARNING =
  'Cấu hình, danh mục thủ tục hoặc lịch nghỉ đã thay đổi từ khi mở biểu mẫu: hạn trả kết quả đã được tính theo bản mới (xem ở trên); hãy mở lại biểu mẫu.';

/** The unit's own tables as read from the sheet, small enough to keep in the document cache. */
interface UnitTables {
  /** The spreadsheet's zone when the tables were read (a form's submit writes its dates with it). */
  readonly timeZone: string;
  readonly settings: UnitSettings;
  readonly procedures: readonly Procedure[];
  readonly exceptions: readonly CalendarException[];
  readonly problems: readonly TableProblem[];
}

/** What is kept in the cache: the tables, and the layouts found with them (not part of their version). */
interface KeptTables extends UnitTables {
  readonly log?: LayoutParts<LogHeader>;
  readonly register?: LayoutParts<RegisterHeader>;
}

/** A tab's layout, or nothing when it is damaged (the action locates it again and says what is wrong). */
function layoutParts<H extends string>(locate: () => SheetLayout<H>): LayoutParts<H> | undefined {
  try {
    return partsOf(locate());
  } catch (error) {
    if (error instanceof SheetProblem) return undefined;
    throw error;
  }
}

const TABLES_KEY = 'motcua.unitTables.';
/**
 * How long the tables a form was opened with stay available to its submit. Reading `Cấu hình`,
 * `Danh mục TTHC` and `Ngày nghỉ` costs about a second of Apps Script time; a form carries the
 * version of the tables it was opened with (what the officer saw), and its submit uses exactly
 * that version while the cache holds it, else reads the tables afresh.
 */
const TABLES_TTL_SECONDS = 600;
/** Google's cache refuses a value over 100 KB (bytes); a larger catalogue is simply read each time. */
const CACHE_VALUE_BYTES = 100 * 1024 - 512;

function readUnitTables(services: Services, spreadsheet: Spreadsheet): { tables: KeptTables; version: string } {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const zone = new ZoneConverter(services.utilities, timeZone);
  const { settings, problems: settingProblems } = readSettings(spreadsheet);
  const { procedures, problems: catalogueProblems } = readCatalogue(spreadsheet);
  const { exceptions, problems: calendarProblems } = readCalendarTable(spreadsheet, zone);
  const tables = {
    timeZone,
    settings,
    procedures,
    exceptions,
    problems: [...settingProblems, ...catalogueProblems, ...calendarProblems],
  };
  const version = hash53(JSON.stringify(tables));
  const log = layoutParts(() => logLayout(spreadsheet));
  const register = layoutParts(() => registerLayout(spreadsheet));
  const kept: KeptTables = { ...tables, ...(log ? { log } : {}), ...(register ? { register } : {}) };
  const text = JSON.stringify(kept);
  if (utf8Length(text) <= CACHE_VALUE_BYTES) {
    try {
      unitCache(services).put(`${TABLES_KEY}${version}`, text, TABLES_TTL_SECONDS);
    } catch (error) {
      // The cache is a shortcut: a refused put only means the next submit reads the tables again.
      console.warn(`MotCua: tables not kept in the cache (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { tables: kept, version };
}

function unitCache(services: Services) {
  return services.cacheService.getDocumentCache() ?? services.cacheService.getScriptCache();
}

/**
 * Everything a request needs about the unit. With `tables` (the version a form was opened with)
 * the tables of that version serve if the cache still holds them; otherwise they are read.
 */
export function openUnit(
  services: Services,
  options: { readonly tables?: string } = {},
  spreadsheet: Spreadsheet = activeSpreadsheet(services),
): UnitContext {
  let kept: string | null = null;
  try {
    kept = options.tables ? unitCache(services).get(`${TABLES_KEY}${options.tables}`) : null;
  } catch (error) {
    console.warn(`MotCua: cache unavailable (${error instanceof Error ? error.message : String(error)})`);
  }
  const { tables, version } = kept
    ? { tables: JSON.parse(kept) as KeptTables, version: options.tables ?? '' }
    : readUnitTables(services, spreadsheet);
  // The zone is read with the tables: a form's submit, within minutes of its opening, writes its
  // dates in the zone the form was opened in (a round trip saved on every save), and anything
  // opened afresh (a form, a lookup, a scan) reads it again.
  const { timeZone, settings, procedures, exceptions, problems, log, register } = tables;
  const zone = new ZoneConverter(services.utilities, timeZone);
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
    archives: lockedArchives(services.spreadsheetApp, documentProperties(services)),
    now: new ZoneConverter(services.utilities, UNIT_TIME_ZONE).toCivil(services.clock.now()),
    user: services.session.getActiveUser().getEmail() || services.session.getEffectiveUser().getEmail(),
    problems,
    tablesVersion: version,
    tablesChanged: Boolean(options.tables) && version !== options.tables,
    ...(zoneWarning ? { zoneWarning } : {}),
    ...(log ? { knownLog: log } : {}),
    ...(register ? { knownRegister: register } : {}),
  };
}

/** The spreadsheet's own properties (a container-bound script has them; the script's otherwise). */
export function documentProperties(services: Services): Properties {
  return services.propertiesService.getDocumentProperties() ?? services.propertiesService.getScriptProperties();
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
