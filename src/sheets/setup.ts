/**
 * `Thiết lập sổ`: creates or completes a unit's tabs (design.md §4). Safe to run again: headers
 * already there are kept where people moved them, missing ones are added at the end, and rules,
 * protections and seed data are only added when absent.
 */
import { ENDED_STATUSES } from '../core/dossier';
import { EXCEPTION_KIND_LABELS, defaultExceptions } from '../core/holidays';
import { SAMPLE_CATALOGUE } from '../core/procedures';
import type { CellValue, Sheet, Spreadsheet, SpreadsheetAppService } from '../server/services';
import type { ZoneConverter } from './dates';
import { columnLetter } from './a1';
import { asLiteralText } from './safeText';
import {
  CALENDAR_DROPDOWNS,
  CALENDAR_HEADERS,
  CATALOGUE_DROPDOWNS,
  CATALOGUE_HEADERS,
  COMPUTED_HEADERS,
  CONFIG_HEADERS,
  CONFIG_KEYS,
  DATE_FORMAT,
  LOG_HEADERS,
  REGISTER_DROPDOWNS,
  REGISTER_FORMATS,
  REGISTER_COLUMNS,
  TABS,
} from './schema';
import { normalizeHeader } from './table';

const HEADER_BACKGROUND = '#d9ead3';
const PROTECTION_PREFIX = 'MotCua: cột tính tự động';

/**
 * Row colours that follow the deadline as people type (conditional formats, not script writes):
 * red overdue, orange due today, yellow when the daily check marked it due soon.
 */
export function deadlineRules(columns: ReadonlyMap<string, number>): { formula: string; background: string }[] {
  const status = `$${columnLetter(columns.get('Trạng thái') ?? 1)}2`;
  const due = `$${columnLetter(columns.get('Hạn trả kết quả') ?? 1)}2`;
  const warning = `$${columnLetter(columns.get('Cảnh báo') ?? 1)}2`;
  const open = `${status}<>""${ENDED_STATUSES.map((s) => `,${status}<>"${s}"`).join('')}`;
  return [
    { formula: `=AND(${open},${due}<>"",INT(${due})<TODAY())`, background: '#f4c7c3' },
    { formula: `=AND(${open},${due}<>"",INT(${due})=TODAY())`, background: '#fce8b2' },
    { formula: `=AND(${open},${warning}="Sắp đến hạn")`, background: '#fff2cc' },
  ];
}

function addDeadlineColours(app: SpreadsheetAppService, register: Sheet, columns: ReadonlyMap<string, number>): void {
  const range = register.getRange(2, 1, register.getMaxRows() - 1, Math.max(...columns.values()));
  register.setConditionalFormatRules(
    deadlineRules(columns).map((r) =>
      app.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.background).setRanges([range]).build(),
    ),
  );
}

export interface SetupReport {
  readonly createdTabs: string[];
  readonly addedHeaders: string[];
}

/** Ensures the header row holds every header; returns the 1-based column of each. */
function ensureHeaders(sheet: Sheet, headers: readonly string[], added: string[]): Map<string, number> {
  const lastColumn = sheet.getLastColumn();
  const isNew = lastColumn === 0;
  const existing = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []).map(normalizeHeader) : [];
  const missing = headers.filter((h) => !existing.includes(h));
  if (missing.length > 0) {
    const start = existing.length + 1;
    const needed = start + missing.length - 1 - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    sheet.getRange(1, start, 1, missing.length).setValues([missing.map(asLiteralText)]);
    if (!isNew) added.push(...missing.map((h) => `${sheet.getName()} › ${h}`));
  }
  const all = [...existing, ...missing];
  const width = all.length;
  const header = sheet.getRange(1, 1, 1, width);
  if (missing.length > 0 || sheet.getFrozenRows() !== 1) {
    header.setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
    sheet.setFrozenRows(1);
  }
  return new Map(all.map((h, i) => [h, i + 1]));
}

function ensureTab(spreadsheet: Spreadsheet, name: string, created: string[]): Sheet {
  const existing = spreadsheet.getSheetByName(name);
  if (existing) return existing;
  created.push(name);
  return spreadsheet.insertSheet(name);
}

function applyDropdowns(
  app: SpreadsheetAppService,
  sheet: Sheet,
  columns: Map<string, number>,
  dropdowns: Partial<Record<string, readonly string[]>>,
  fresh: boolean,
): void {
  if (!fresh) return;
  const rows = sheet.getMaxRows() - 1;
  for (const [header, values] of Object.entries(dropdowns)) {
    const column = columns.get(header);
    if (!column || !values) continue;
    const rule = app
      .newDataValidation()
      .requireValueInList([...values], true)
      .setAllowInvalid(false)
      .setHelpText(`Chọn một trong: ${values.join(', ')}`)
      .build();
    sheet.getRange(2, column, rows, 1).setDataValidation(rule);
  }
}

export function setupWorkbook(
  app: SpreadsheetAppService,
  spreadsheet: Spreadsheet,
  zone: ZoneConverter,
  seedYear: number,
): SetupReport {
  const createdTabs: string[] = [];
  const addedHeaders: string[] = [];

  // Register: a brand-new spreadsheet's single blank sheet becomes it, rather than staying empty in front.
  const sheets = spreadsheet.getSheets();
  const blank = sheets.length === 1 && !spreadsheet.getSheetByName(TABS.register) ? sheets[0] : undefined;
  if (blank && blank.getLastRow() === 0 && blank.getLastColumn() === 0) {
    blank.setName(TABS.register);
    createdTabs.push(TABS.register);
  }
  const register = ensureTab(spreadsheet, TABS.register, createdTabs);
  const registerIsNew = createdTabs.includes(TABS.register);
  const columns = ensureHeaders(register, REGISTER_COLUMNS, addedHeaders);
  applyDropdowns(app, register, columns, REGISTER_DROPDOWNS, registerIsNew);
  if (registerIsNew) {
    const rows = register.getMaxRows() - 1;
    for (const [header, format] of Object.entries(REGISTER_FORMATS)) {
      const column = columns.get(header);
      if (column && format) register.getRange(2, column, rows, 1).setNumberFormat(format);
    }
    register.setColumnWidth(columns.get('Tên thủ tục') ?? 4, 260);
    register.getRange(1, 1, register.getMaxRows(), columns.size).createFilter();
  }
  const protectedDescriptions = new Set(register.getProtections(app.ProtectionType.RANGE).map((p) => p.getDescription()));
  for (const header of COMPUTED_HEADERS) {
    const column = columns.get(header);
    const description = `${PROTECTION_PREFIX} — ${header}`;
    if (!column || protectedDescriptions.has(description)) continue;
    // Warning only: people can still sort and filter; a hand edit asks for confirmation.
    register
      .getRange(2, column, register.getMaxRows() - 1, 1)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
  }

  if (register.getConditionalFormatRules().length === 0) addDeadlineColours(app, register, columns);

  // Event log
  const log = ensureTab(spreadsheet, TABS.log, createdTabs);
  const logColumns = ensureHeaders(log, LOG_HEADERS, addedHeaders);
  if (createdTabs.includes(TABS.log)) {
    log.getRange(2, logColumns.get('Thời điểm') ?? 1, log.getMaxRows() - 1, 1).setNumberFormat('dd/mm/yyyy hh:mm:ss');
    log.protect().setDescription('MotCua: nhật ký chỉ ghi thêm').setWarningOnly(true);
  }

  // Catalogue
  const catalogue = ensureTab(spreadsheet, TABS.catalogue, createdTabs);
  const catalogueIsNew = createdTabs.includes(TABS.catalogue);
  const catalogueColumns = ensureHeaders(catalogue, CATALOGUE_HEADERS, addedHeaders);
  applyDropdowns(app, catalogue, catalogueColumns, CATALOGUE_DROPDOWNS, catalogueIsNew);
  if (catalogueIsNew) {
    const rows: CellValue[][] = SAMPLE_CATALOGUE.map((p) => {
      const byHeader: Record<string, CellValue> = {
        'Mã TTHC': asLiteralText(p.code),
        'Tên thủ tục': asLiteralText(p.name),
        'Lĩnh vực': asLiteralText(p.field),
        'Cấp thực hiện': asLiteralText(p.level),
        'Thời hạn': p.periodValue,
        'Đơn vị thời hạn': p.periodUnit,
        'Giờ chốt 15:00': p.cutoff ? 'Có' : 'Không',
        'Quy tắc bổ sung': p.supplementRule ?? '',
        'Phí, lệ phí': asLiteralText(p.fee ?? ''),
        'Đang áp dụng': p.active ? 'Có' : 'Không',
      };
      return [...catalogueColumns.keys()].map((h) => byHeader[h] ?? '');
    });
    catalogue.getRange(2, 1, rows.length, catalogueColumns.size).setValues(rows);
  }

  // Calendar exceptions: seeded with the built-in defaults of this year and the next, to edit.
  const calendar = ensureTab(spreadsheet, TABS.calendar, createdTabs);
  const calendarIsNew = createdTabs.includes(TABS.calendar);
  const calendarColumns = ensureHeaders(calendar, CALENDAR_HEADERS, addedHeaders);
  applyDropdowns(app, calendar, calendarColumns, CALENDAR_DROPDOWNS, calendarIsNew);
  if (calendarIsNew) {
    const exceptions = [...defaultExceptions(seedYear), ...defaultExceptions(seedYear + 1)];
    const rows = exceptions.map((e) => {
      const byHeader: Record<string, CellValue> = {
        Ngày: zone.dateOnly(e.date),
        Loại: EXCEPTION_KIND_LABELS[e.kind],
        Tên: asLiteralText(e.name),
      };
      return [...calendarColumns.keys()].map((h) => byHeader[h] ?? '');
    });
    calendar.getRange(2, calendarColumns.get('Ngày') ?? 1, calendar.getMaxRows() - 1, 1).setNumberFormat(DATE_FORMAT);
    if (rows.length > 0) calendar.getRange(2, 1, rows.length, calendarColumns.size).setValues(rows);
  }

  // Settings
  const config = ensureTab(spreadsheet, TABS.config, createdTabs);
  const configColumns = ensureHeaders(config, CONFIG_HEADERS, addedHeaders);
  const keyColumn = configColumns.get('Thiết lập') ?? 1;
  const lastRow = config.getLastRow();
  const presentKeys =
    lastRow > 1
      ? config
          .getRange(2, keyColumn, lastRow - 1, 1)
          .getValues()
          .map((r) => normalizeHeader(r[0] ?? ''))
      : [];
  const missingKeys = CONFIG_KEYS.filter(([k]) => !presentKeys.includes(k));
  if (missingKeys.length > 0) {
    const rows = missingKeys.map(([k, v, note]) => {
      const byHeader: Record<string, CellValue> = {
        'Thiết lập': asLiteralText(k),
        'Giá trị': asLiteralText(v),
        'Ghi chú': asLiteralText(note),
      };
      return [...configColumns.keys()].map((h) => byHeader[h] ?? '');
    });
    config.getRange(Math.max(lastRow, 1) + 1, 1, rows.length, configColumns.size).setValues(rows);
    config.setColumnWidth(keyColumn, 220);
  }

  return { createdTabs, addedHeaders };
}
