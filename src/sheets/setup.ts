/**
 * `Thiết lập sổ`: creates or completes a unit's tabs (design.md §4). Safe to run again: the header
 * row is found where people left it (under a title row, with columns moved), missing headers are
 * added after the last one, column rules are stretched over every row, and seed data is only
 * written into new tabs. A register whose header cannot be found is refused, never given a second one.
 */
import { cultureDayOffer, defaultExceptions, EXCEPTION_KIND_LABELS, isAnnounced, NOT_APPLIED_LABEL } from '../core/holidays';
import { SAMPLE_CATALOGUE } from '../core/procedures';
import type { CellValue, Protection, Sheet, Spreadsheet, SpreadsheetAppService } from '../gas/services';
import type { ZoneConverter } from './dates';
import { locateLayout, missingColumnsMessage, SheetProblem } from './layout';
import { lockGap, lockHolds, lockProtection } from './protect';
import { REGISTER_READ_COLUMNS } from './register';
import { applyDropdowns, applyRegisterRules } from './registerRules';
import {
  CALENDAR_DROPDOWNS,
  CALENDAR_HEADERS,
  CATALOGUE_DROPDOWNS,
  CATALOGUE_HEADERS,
  CONFIG_HEADERS,
  CONFIG_KEYS,
  REGISTER_EMPTY_ROWS,
  DATE_FORMAT,
  INTEGER_FORMAT,
  LOG_COLUMNS,
  LOG_TIME_FORMAT,
  REGISTER_COLUMNS,
  REGISTER_WIDTHS,
  TABS,
  TEXT_FORMAT,
} from './schema';
import { columnsOf, headerCellsAt, nearMatches, normalizeHeader } from './table';
import { writeBlock } from './write';

const HEADER_BACKGROUND = '#d9ead3';
/** The log's widths: a full dossier code, a date-time, readable notes. */
const LOG_WIDTHS: Record<string, number> = {
  'Thời điểm': 135,
  'Người thực hiện': 170,
  'Mã hồ sơ': 195,
  'Thao tác': 150,
  'Ghi chú': 260,
};

export interface SetupReport {
  readonly createdTabs: string[];
  readonly addedHeaders: string[];
  /** What changed in who may edit `Cấu hình` (or what to do so that it is protected), else ''. */
  readonly settingsNote: string;
}

/**
 * Ensures the header row (`headerRow`) holds every header, adding missing ones after the last
 * column in use; returns the 1-based column of each header.
 */
function ensureHeaders(sheet: Sheet, headerRow: number, headers: readonly string[], added: string[]): Map<string, number> {
  const lastColumn = sheet.getLastColumn();
  const isNew = lastColumn === 0;
  // The header as actions read it: a blank cell under a merged group title takes the title's text.
  const top = lastColumn > 0 ? sheet.getRange(Math.max(1, headerRow - 1), 1, headerRow > 1 ? 2 : 1, lastColumn).getValues() : [];
  const existing = top.length > 0 ? headerCellsAt(top, top.length).map(normalizeHeader) : [];
  const missing = headers.filter((h) => !existing.includes(h));
  if (missing.length > 0) {
    const start = existing.length + 1;
    const needed = start + missing.length - 1 - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    writeBlock(sheet.getRange(headerRow, start, 1, missing.length), [missing], [missing.map(() => TEXT_FORMAT)]);
    if (!isNew) added.push(...missing.map((h) => `${sheet.getName()} › ${h}`));
  }
  const all = [...existing, ...missing];
  if (missing.length > 0 || sheet.getFrozenRows() !== headerRow) {
    sheet.getRange(headerRow, 1, 1, all.length).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
    sheet.setFrozenRows(headerRow);
  }
  return columnsOf(all, all.filter(Boolean));
}

function ensureTab(spreadsheet: Spreadsheet, name: string, created: string[]): Sheet {
  const existing = spreadsheet.getSheetByName(name);
  if (existing) return existing;
  created.push(name);
  return spreadsheet.insertSheet(name);
}

/**
 * The header row of a tab (1 for an empty or missing tab), checked before setup writes anything:
 * a tab whose header is gone, a header retyped differently (it would be added a second time and
 * its data split in two), or a register with dossiers whose key columns are missing, is refused.
 */
function headerRowOf(
  sheet: Sheet | null,
  tab: string,
  headers: readonly string[],
  key: string,
  critical: readonly string[] = [],
): number {
  if (!sheet || sheet.getLastRow() === 0 || sheet.getLastColumn() === 0) return 1;
  let layout;
  try {
    layout = locateLayout(sheet, tab, headers, key);
  } catch (error) {
    if (error instanceof SheetProblem) {
      throw new SheetProblem(
        `${error.message} Thiết lập sổ không thêm dòng tiêu đề mới vào trang đã có dữ liệu, để không tách rời dữ liệu đã ghi.`,
      );
    }
    throw error;
  }
  const missing = headers.filter((h) => !layout.columns.has(h));
  if (nearMatches(layout.headerCells, missing).length > 0) {
    throw new SheetProblem(
      missingColumnsMessage(
        tab,
        missing.filter((h) => nearMatches(layout.headerCells, [h]).length > 0),
        layout.headerCells,
      ),
    );
  }
  const lostCritical = critical.filter((h) => !layout.columns.has(h));
  if (lostCritical.length > 0 && layout.lastRow > layout.headerRow) {
    throw new SheetProblem(
      `Trang “${tab}” có ${layout.lastRow - layout.headerRow} dòng dữ liệu nhưng dòng tiêu đề (dòng ${layout.headerRow}) không có cột ${lostCritical.map((h) => `“${h}”`).join(', ')}: có thể cột đã bị đổi tên. Hãy đặt lại đúng tên cột rồi chạy lại; Thiết lập sổ không thêm cột trống thay cho cột đang có dữ liệu.`,
    );
  }
  return layout.headerRow;
}

/** Seed rows under a new tab's header: each value under its header, text kept as text. */
function writeSeedRows(sheet: Sheet, startRow: number, columns: Map<string, number>, rows: Record<string, CellValue>[]): void {
  if (rows.length === 0) return;
  const headers = [...columns.keys()];
  const values = rows.map((byHeader) => headers.map((h) => byHeader[h] ?? ''));
  const formats = rows.map((byHeader) =>
    headers.map((h) => {
      const v = byHeader[h];
      return typeof v === 'number' ? INTEGER_FORMAT : v instanceof Date ? DATE_FORMAT : TEXT_FORMAT;
    }),
  );
  writeBlock(sheet.getRange(startRow, 1, rows.length, headers.length), values, formats);
}

const SETTINGS_PROTECTION = 'MotCua: chỉ chủ sở hữu và thủ trưởng sửa Cấu hình';

/**
 * The one protection of the whole `Cấu hình` sheet, whoever made it: MotCua's, a bare one left by a
 * run stopped before naming it, or one a person added (a warning-only one would otherwise leave the
 * tab open while setup says it is locked).
 */
function settingsProtection(app: SpreadsheetAppService, config: Sheet | null): Protection | undefined {
  return config?.getProtections(app.ProtectionType.SHEET)[0];
}

/**
 * `Cấu hình` decides codes, deadlines, who is mailed and who may share with the council: a real
 * protection whose editors are the owner (Google never stops them) and the head(s) it names, made
 * once a head is named (the head's own setup run restricts it; before, there is no one to give it
 * to). MotCua writes this tab only here, in `Thiết lập sổ`, which only the head re-runs, so the
 * protection stops no write of its own. (Google also keeps the user running setup as an editor.
 * The register's computed columns, which every officer's intake writes as that officer, can only
 * carry a warning: see registerRules.ts.) Returns what changed, for the setup message.
 */
function protectSettings(
  app: SpreadsheetAppService,
  spreadsheet: Spreadsheet,
  config: Sheet,
  me: string,
  heads: readonly string[],
  configIsNew: boolean,
): string {
  if (heads.length === 0) {
    return configIsNew
      ? 'Hãy điền “Email thủ trưởng” trong trang Cấu hình rồi để thủ trưởng chạy lại Thiết lập sổ để khóa trang này.'
      : '';
  }
  const existing = settingsProtection(app, config);
  const protection = existing ?? config.protect();
  // A warning lets every editor through: it is no lock, whatever its editors.
  const wasLock = existing !== undefined && !existing.isWarningOnly();
  if (protection.getDescription() !== SETTINGS_PROTECTION) protection.setDescription(SETTINGS_PROTECTION);
  const editors = () =>
    protection
      .getEditors()
      .map((u) => u.getEmail().toLowerCase())
      .sort();
  const before = wasLock ? editors().join() : '';
  const left = lockProtection(protection, spreadsheet, me, heads);
  if (!lockHolds(left)) {
    throw new SheetProblem(
      `Không khóa được trang “${TABS.config}”: ${lockGap(left)}. Hãy mở Dữ liệu > Trang tính và dải ô được bảo vệ, chỉ giữ chủ sở hữu và thủ trưởng, rồi chạy lại Thiết lập sổ.`,
    );
  }
  const after = editors();
  return after.join() === before ? '' : `Trang Cấu hình: chỉ ${after.join(', ')} được sửa.`;
}

export function setupWorkbook(
  app: SpreadsheetAppService,
  spreadsheet: Spreadsheet,
  zone: ZoneConverter,
  seedYear: number,
  /** Size and freeze the columns of an existing register too (once, on the first setup of this version). */
  layOut = false,
  /** The head(s) named in `Cấu hình`: with the owner, the only editors of that tab. */
  heads: readonly string[] = [],
  /** Who runs setup (Session.getEffectiveUser): kept as an editor of `Cấu hình`, as Google does anyway. */
  me = '',
): SetupReport {
  const createdTabs: string[] = [];
  const addedHeaders: string[] = [];
  // Checked before anything is written: someone Google will not let change the protection of `Cấu hình`.
  if (settingsProtection(app, spreadsheet.getSheetByName(TABS.config))?.canEdit() === false) {
    throw new SheetProblem(
      `Trang “${TABS.config}” đang khóa, bạn chưa được sửa: nhờ chủ sở hữu bảng tính (${spreadsheet.getOwner()?.getEmail()}) thêm bạn rồi chạy lại. Chưa có gì thay đổi.`,
    );
  }

  // Register: a brand-new spreadsheet's single blank sheet becomes it, rather than staying empty in front.
  const sheets = spreadsheet.getSheets();
  const blank = sheets.length === 1 && !spreadsheet.getSheetByName(TABS.register) ? sheets[0] : undefined;
  if (blank && blank.getLastRow() === 0 && blank.getLastColumn() === 0) {
    blank.setName(TABS.register);
    createdTabs.push(TABS.register);
  }
  const register = ensureTab(spreadsheet, TABS.register, createdTabs);
  // Every tab is checked before anything is written: a tab whose header is lost is refused as a whole.
  const registerHeaderRow = headerRowOf(register, TABS.register, REGISTER_COLUMNS, 'Mã hồ sơ', REGISTER_READ_COLUMNS);
  const log = spreadsheet.getSheetByName(TABS.log);
  const logHeaderRow = headerRowOf(log, TABS.log, LOG_COLUMNS, 'Thao tác');
  const catalogueHeaderRow = headerRowOf(
    spreadsheet.getSheetByName(TABS.catalogue),
    TABS.catalogue,
    CATALOGUE_HEADERS,
    'Mã TTHC',
  );
  const calendarHeaderRow = headerRowOf(spreadsheet.getSheetByName(TABS.calendar), TABS.calendar, CALENDAR_HEADERS, 'Ngày');
  const configHeaderRow = headerRowOf(spreadsheet.getSheetByName(TABS.config), TABS.config, CONFIG_HEADERS, 'Thiết lập');

  const columns = ensureHeaders(register, registerHeaderRow, REGISTER_COLUMNS, addedHeaders);
  // A tab a stopped first run created holds only its header: the retry finishes it as a new one.
  const unfinished = (sheet: Sheet, headerRow: number) => layOut && sheet.getLastRow() <= headerRow;
  const registerIsNew =
    createdTabs.includes(TABS.register) || (unfinished(register, registerHeaderRow) && register.getFilter() === null);
  if (registerIsNew) {
    const surplus = register.getMaxRows() - registerHeaderRow - REGISTER_EMPTY_ROWS;
    if (surplus > 0) register.deleteRows(registerHeaderRow + REGISTER_EMPTY_ROWS + 1, surplus);
  }
  const registerLayout = {
    sheet: register,
    tab: TABS.register,
    headerRow: registerHeaderRow,
    columns: new Map(REGISTER_COLUMNS.flatMap((h) => (columns.has(h) ? [[h, columns.get(h) ?? 0] as const] : []))),
    lastColumn: register.getLastColumn(),
    lastRow: register.getLastRow(),
    headerCells: [],
  };
  applyRegisterRules(app, registerLayout);
  // Widths that fit each column, for the columns setup creates (people's own resizing is kept).
  const created =
    registerIsNew || layOut
      ? REGISTER_COLUMNS
      : addedHeaders.filter((h) => h.startsWith(`${TABS.register} › `)).map((h) => h.slice(TABS.register.length + 3));
  for (const header of created) {
    const column = columns.get(header);
    if (column) register.setColumnWidth(column, REGISTER_WIDTHS[header as (typeof REGISTER_COLUMNS)[number]] ?? 120);
  }
  if (registerIsNew || layOut) {
    // The header and the dossier code stay in view while scrolling down and across.
    const codeColumn = columns.get('Mã hồ sơ') ?? 0;
    if (codeColumn > 0 && codeColumn <= 3) register.setFrozenColumns(codeColumn);
  }
  if (registerIsNew) {
    register.getRange(registerHeaderRow, 1, register.getMaxRows() - registerHeaderRow + 1, columns.size).createFilter();
  }

  // Event log
  const logSheet = log ?? ensureTab(spreadsheet, TABS.log, createdTabs);
  const logColumns = ensureHeaders(logSheet, logHeaderRow, LOG_COLUMNS, addedHeaders);
  if (createdTabs.includes(TABS.log) || layOut) {
    for (const [header, width] of Object.entries(LOG_WIDTHS)) {
      const column = logColumns.get(header);
      if (column) logSheet.setColumnWidth(column, width);
    }
  }
  const logIsNew = createdTabs.includes(TABS.log);
  if (logIsNew || unfinished(logSheet, logHeaderRow)) {
    const rows = logSheet.getMaxRows() - 1;
    logSheet.getRange(2, 1, rows, logColumns.size).setNumberFormat(TEXT_FORMAT);
    logSheet.getRange(2, logColumns.get('Thời điểm') ?? 1, rows, 1).setNumberFormat(LOG_TIME_FORMAT);
    // A run stopped between protect() and naming it left a bare protection: the retry finishes it.
    const protection = logSheet.getProtections(app.ProtectionType.SHEET)[0] ?? logSheet.protect();
    if (protection.getDescription() === '') protection.setWarningOnly(true).setDescription('MotCua: nhật ký chỉ ghi thêm');
  }

  // Catalogue
  const catalogue = ensureTab(spreadsheet, TABS.catalogue, createdTabs);
  const catalogueIsNew = createdTabs.includes(TABS.catalogue) || unfinished(catalogue, catalogueHeaderRow);
  const catalogueColumns = ensureHeaders(catalogue, catalogueHeaderRow, CATALOGUE_HEADERS, addedHeaders);
  if (catalogueIsNew) {
    applyDropdowns(app, catalogue, catalogueColumns, CATALOGUE_DROPDOWNS, catalogueHeaderRow + 1);
    writeSeedRows(
      catalogue,
      2,
      catalogueColumns,
      SAMPLE_CATALOGUE.map((p) => ({
        'Mã TTHC': p.code,
        'Tên thủ tục': p.name,
        'Lĩnh vực': p.field,
        'Cấp thực hiện': p.level,
        'Thời hạn': p.periodValue,
        'Đơn vị thời hạn': p.periodUnit,
        'Giờ chốt 15:00': p.cutoff ? 'Có' : 'Không',
        'Quy tắc bổ sung': p.supplementRule ?? '',
        'Phí, lệ phí': p.fee ?? '',
        'Đang áp dụng': p.active ? 'Có' : 'Không',
        'Cơ quan giải quyết': p.agency ?? '',
      })),
    );
  }

  // Calendar exceptions: seeded with the built-in defaults of this year and the next, to edit.
  const calendar = ensureTab(spreadsheet, TABS.calendar, createdTabs);
  const calendarIsNew = createdTabs.includes(TABS.calendar) || unfinished(calendar, calendarHeaderRow);
  const calendarColumns = ensureHeaders(calendar, calendarHeaderRow, CALENDAR_HEADERS, addedHeaders);
  if (calendarIsNew) {
    applyDropdowns(app, calendar, calendarColumns, CALENDAR_DROPDOWNS, calendarHeaderRow + 1);
    calendar.getRange(2, calendarColumns.get('Ngày') ?? 1, calendar.getMaxRows() - 1, 1).setNumberFormat(DATE_FORMAT);
    writeSeedRows(
      calendar,
      2,
      calendarColumns,
      [seedYear, seedYear + 1].flatMap((year) => {
        // A year whose schedule is not yet announced says so on each of its rows (domain.md §4).
        const suffix = isAnnounced(year) ? '' : ` (theo Bộ luật Lao động; lịch nghỉ năm ${year} chưa công bố)`;
        const offer = cultureDayOffer(year);
        return [
          ...defaultExceptions(year).map((e) => ({
            Ngày: zone.dateOnly(e.date),
            Loại: EXCEPTION_KIND_LABELS[e.kind],
            Tên: `${e.name}${suffix}`,
          })),
          ...(offer ? [{ Ngày: zone.dateOnly(offer.date), Loại: NOT_APPLIED_LABEL, Tên: offer.name }] : []),
        ];
      }),
    );
  }

  // Settings
  const config = ensureTab(spreadsheet, TABS.config, createdTabs);
  const configColumns = ensureHeaders(config, configHeaderRow, CONFIG_HEADERS, addedHeaders);
  const keyColumn = configColumns.get('Thiết lập') ?? 1;
  const lastRow = config.getLastRow();
  const presentKeys =
    lastRow > configHeaderRow
      ? config
          .getRange(configHeaderRow + 1, keyColumn, lastRow - configHeaderRow, 1)
          .getValues()
          .map((r) => normalizeHeader(r[0] ?? ''))
      : [];
  const missingKeys = CONFIG_KEYS.filter(([k]) => !presentKeys.includes(k));
  if (missingKeys.length > 0) {
    writeSeedRows(
      config,
      Math.max(lastRow, configHeaderRow) + 1,
      configColumns,
      missingKeys.map(([k, v, note]) => ({ 'Thiết lập': k, 'Giá trị': v, 'Ghi chú': note })),
    );
  }
  // Also on the first setup of a version: a run stopped after the rows, before the width, is finished.
  if (missingKeys.length > 0 || layOut) config.setColumnWidth(keyColumn, 220);
  const settingsNote = protectSettings(app, spreadsheet, config, me, heads, createdTabs.includes(TABS.config));

  return { createdTabs, addedHeaders, settingsNote };
}
