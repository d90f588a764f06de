/**
 * The register tab as a repository: rows read in one call and checked, dossiers found by code
 * (never by position), new rows appended and one row rewritten in one call each.
 */
import { compareDates } from '../core/civil';
import {
  CHANNELS,
  type Channel,
  type Dossier,
  DOSSIER_STATUSES,
  type DossierStatus,
  SATISFACTION_LEVELS,
  type Satisfaction,
} from '../core/dossier';
import { formatDateVi } from '../core/format';
import type { CellValue, Sheet, Spreadsheet } from '../server/services';
import { dateOf, dateTimeOf, integerOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { asLiteralText } from './safeText';
import { REGISTER_COLUMNS, type RegisterHeader, TABS } from './schema';
import type { TableProblem } from './settings';
import { cell, readTable, type Table } from './table';

export interface RegisterEntry {
  readonly rowNumber: number;
  readonly registerNumber?: number;
  readonly dossier: Dossier;
  readonly text: Readonly<Record<RegisterHeader, string>>;
  readonly values: readonly CellValue[];
}

export interface RegisterSnapshot {
  readonly sheet: Sheet;
  readonly table: Table<RegisterHeader>;
  readonly entries: readonly RegisterEntry[];
  readonly problems: readonly TableProblem[];
  /** Every code in the register, bad rows included, so none is ever issued twice. */
  readonly codes: readonly string[];
  readonly registerNumbers: readonly { readonly year: number; readonly number: number }[];
}

export class RegisterMissing extends Error {
  constructor() {
    super('Chưa có trang “Sổ theo dõi hồ sơ”; hãy chạy Một cửa › Thiết lập sổ.');
  }
}

export function registerSheet(spreadsheet: Spreadsheet): Sheet {
  const sheet = spreadsheet.getSheetByName(TABS.register);
  if (!sheet) throw new RegisterMissing();
  return sheet;
}

function problemAt(row: number, code: string, message: string): TableProblem {
  return { tab: TABS.register, row, message: `Dòng ${row}${code ? ` (mã ${code})` : ''}: ${message}`, ...(code ? { code } : {}) };
}

/** Reads and checks every row. A bad row is reported with its number and reason, never dropped silently. */
export function readRegister(spreadsheet: Spreadsheet, zone: ZoneConverter): RegisterSnapshot {
  const sheet = registerSheet(spreadsheet);
  const table = readTable(sheet, REGISTER_COLUMNS);
  const missing = REGISTER_COLUMNS.filter(
    (h) => !table.columns.has(h) && ['Mã hồ sơ', 'Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả'].includes(h),
  );
  if (table.width > 0 && missing.length > 0) {
    throw new Error(`Sổ thiếu cột ${missing.map((h) => `“${h}”`).join(', ')}; hãy chạy Một cửa › Thiết lập sổ.`);
  }
  const entries: RegisterEntry[] = [];
  const problems: TableProblem[] = [];
  const codes: string[] = [];
  const registerNumbers: { year: number; number: number }[] = [];
  for (const { rowNumber, values } of table.rows) {
    if (values.every((v) => v === '')) continue;
    const text = Object.fromEntries(REGISTER_COLUMNS.map((h) => [h, textOf(cell(table, values, h))])) as Record<
      RegisterHeader,
      string
    >;
    const code = text['Mã hồ sơ'];
    if (code) codes.push(code);
    const receivedAt = dateTimeOf(cell(table, values, 'Thời điểm tiếp nhận'), zone);
    const stt = integerOf(cell(table, values, 'STT'));
    if (typeof stt === 'number' && receivedAt && receivedAt !== 'invalid') {
      registerNumbers.push({ year: Number(receivedAt.date.slice(0, 4)), number: stt });
    }
    const fail = (message: string) => problems.push(problemAt(rowNumber, code, message));
    if (!code) {
      fail('thiếu mã hồ sơ.');
      continue;
    }
    const status = text['Trạng thái'] as DossierStatus;
    if (!DOSSIER_STATUSES.includes(status)) {
      fail(`trạng thái “${text['Trạng thái']}” không thuộc danh mục (${DOSSIER_STATUSES.join(', ')}).`);
      continue;
    }
    const channel = (text['Hình thức nộp'] || 'Trực tiếp') as Channel;
    if (!CHANNELS.includes(channel)) {
      fail(`hình thức nộp “${text['Hình thức nộp']}” phải là ${CHANNELS.join(', ')}.`);
      continue;
    }
    if (!receivedAt || receivedAt === 'invalid') {
      fail('thời điểm tiếp nhận trống hoặc không đúng dạng ngày giờ.');
      continue;
    }
    const dueAt = dateTimeOf(cell(table, values, 'Hạn trả kết quả'), zone);
    if (!dueAt || dueAt === 'invalid') {
      fail('hạn trả kết quả trống hoặc không đúng dạng ngày giờ.');
      continue;
    }
    const newDueAt = dateTimeOf(cell(table, values, 'Hạn trả mới'), zone);
    const resultDate = dateOf(cell(table, values, 'Ngày có kết quả'), zone);
    const returnedDate = dateOf(cell(table, values, 'Ngày trả kết quả'), zone);
    const supplementCount = integerOf(cell(table, values, 'Số lần yêu cầu bổ sung'));
    if (newDueAt === 'invalid' || resultDate === 'invalid' || returnedDate === 'invalid') {
      fail('có ô ngày không đúng dạng ngày (dd/MM/yyyy).');
      continue;
    }
    if (supplementCount === 'invalid') {
      fail('số lần yêu cầu bổ sung phải là số nguyên không âm.');
      continue;
    }
    const satisfaction = text['Mức độ hài lòng'] as Satisfaction;
    if (satisfaction && !SATISFACTION_LEVELS.includes(satisfaction)) {
      fail(`mức độ hài lòng “${satisfaction}” phải là ${SATISFACTION_LEVELS.join(', ')}.`);
      continue;
    }
    if ((status === 'Đã có kết quả' || status === 'Từ chối giải quyết' || status === 'Dừng giải quyết') && !resultDate) {
      fail(`trạng thái “${status}” nhưng chưa có ngày có kết quả.`);
      continue;
    }
    if (status === 'Đã trả kết quả' && !returnedDate) {
      fail('trạng thái “Đã trả kết quả” nhưng chưa có ngày trả kết quả.');
      continue;
    }
    if (resultDate && compareDates(resultDate, receivedAt.date) < 0) {
      fail(`ngày có kết quả ${formatDateVi(resultDate)} trước ngày tiếp nhận ${formatDateVi(receivedAt.date)}.`);
      continue;
    }
    entries.push({
      rowNumber,
      ...(typeof stt === 'number' ? { registerNumber: stt } : {}),
      text,
      values,
      dossier: {
        code,
        procedureCode: text['Mã TTHC'],
        channel,
        status,
        receivedAt,
        dueAt,
        ...(newDueAt ? { newDueAt } : {}),
        ...(text['Lý do chậm'] ? { delayReason: text['Lý do chậm'] } : {}),
        supplementCount: supplementCount ?? 0,
        ...(resultDate ? { resultDate } : {}),
        ...(returnedDate ? { returnedDate } : {}),
        ...(satisfaction ? { satisfaction } : {}),
      },
    });
  }
  return { sheet, table, entries, problems, codes, registerNumbers };
}

/** The cells of a dossier's own columns, written the way each must be: text literal, dates as Dates. */
export function dossierCells(dossier: Dossier, zone: ZoneConverter): Partial<Record<RegisterHeader, CellValue>> {
  return {
    'Mã hồ sơ': asLiteralText(dossier.code),
    'Mã TTHC': asLiteralText(dossier.procedureCode),
    'Hình thức nộp': dossier.channel,
    'Thời điểm tiếp nhận': zone.toDate(dossier.receivedAt),
    'Hạn trả kết quả': zone.toDate(dossier.dueAt),
    'Hạn trả mới': dossier.newDueAt ? zone.toDate(dossier.newDueAt) : '',
    'Lý do chậm': asLiteralText(dossier.delayReason ?? ''),
    'Trạng thái': dossier.status,
    'Số lần yêu cầu bổ sung': dossier.supplementCount,
    'Ngày có kết quả': dossier.resultDate ? zone.dateOnly(dossier.resultDate) : '',
    'Ngày trả kết quả': dossier.returnedDate ? zone.dateOnly(dossier.returnedDate) : '',
    'Mức độ hài lòng': dossier.satisfaction ?? '',
  };
}

/** A full row for the table's columns: given cells over the existing ones, other columns kept. */
export function rowFor(
  table: Table<RegisterHeader>,
  cells: Partial<Record<RegisterHeader, CellValue>>,
  existing: readonly CellValue[] = [],
): CellValue[] {
  const width = Math.max(table.width, ...[...table.columns.values()]);
  const row: CellValue[] = Array.from({ length: width }, (_, i) => existing[i] ?? '');
  for (const [header, value] of Object.entries(cells) as [RegisterHeader, CellValue][]) {
    const column = table.columns.get(header);
    if (column !== undefined) row[column - 1] = value;
  }
  return row;
}

/**
 * Rewrites one row in one write. Everything read back from a sheet must be written back as what it
 * was: text as literal text (else "0912…" turns into a number and "=…" into a formula), formulas
 * people put in their own columns as formulas, and only the dossier's changed cells as new values.
 */
export function rewriteRow(
  sheet: Sheet,
  table: Table<RegisterHeader>,
  rowNumber: number,
  existing: readonly CellValue[],
  cells: Partial<Record<RegisterHeader, CellValue>>,
): CellValue[] {
  const width = Math.max(table.width, ...[...table.columns.values()]);
  const range = sheet.getRange(rowNumber, 1, 1, width);
  const formulas = range.getFormulas()[0] ?? [];
  const kept = Array.from({ length: width }, (_, i) => {
    const formula = formulas[i];
    if (formula) return formula;
    const value = existing[i] ?? '';
    return typeof value === 'string' ? asLiteralText(value) : value;
  });
  const row = rowFor(table, cells, kept);
  range.setValues([row]);
  return row;
}

/** Makes room for `count` rows after the last one (new sheets have 1,000 rows; Google refuses beyond). */
export function ensureRowsAfter(sheet: Sheet, lastRow: number, count: number): void {
  const missing = lastRow + count - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), Math.max(missing, 500));
}
