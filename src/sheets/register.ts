/**
 * The register tab as a repository: its layout found by header, dossiers found by code (never by
 * position), a duplicated code refused, and rows parsed and checked one at a time. A bad row is
 * reported with its number and reason, never dropped or overwritten silently.
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
import type { CellValue, Spreadsheet } from '../gas/services';
import { dateOf, dateTimeOf, integerOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { type LayoutParts, locateKnownTab, readColumn, readRow, requireColumns, rowOfIndex, type SheetLayout } from './layout';
import type { ArchiveTrust } from './archive';
import { archiveHolding } from './periodRecords';
import { REGISTER_COLUMNS, type RegisterHeader, TABS } from './schema';
import type { TableProblem } from './settings';
import { cell } from './table';

export interface RegisterEntry {
  readonly rowNumber: number;
  readonly registerNumber?: number;
  readonly dossier: Dossier;
  readonly text: Readonly<Record<RegisterHeader, string>>;
  readonly values: readonly CellValue[];
}

export type RegisterLayout = SheetLayout<RegisterHeader>;

/** Columns without which no row can be read. */
export const REGISTER_READ_COLUMNS: readonly RegisterHeader[] = [
  'Mã hồ sơ',
  'Trạng thái',
  'Thời điểm tiếp nhận',
  'Hạn trả kết quả',
];

/** The register's layout, checked; `known` (found when the form opened) costs one header row read. */
export function registerLayout(spreadsheet: Spreadsheet, known?: LayoutParts<RegisterHeader>): RegisterLayout {
  const layout = locateKnownTab(spreadsheet, TABS.register, REGISTER_COLUMNS, 'Mã hồ sơ', known);
  requireColumns(layout, REGISTER_READ_COLUMNS);
  return layout;
}

function problemAt(row: number, code: string, message: string): TableProblem {
  return { tab: TABS.register, row, message: `Dòng ${row}${code ? ` (mã ${code})` : ''}: ${message}`, ...(code ? { code } : {}) };
}

/** Reads and checks one row: the dossier it holds, or why it cannot be used. Undefined for a blank row. */
function parseRegisterRow(
  layout: RegisterLayout,
  rowNumber: number,
  values: readonly CellValue[],
  zone: ZoneConverter,
): { entry: RegisterEntry } | { problem: TableProblem } | undefined {
  if (values.every((v) => v === '')) return undefined;
  const text = Object.fromEntries(REGISTER_COLUMNS.map((h) => [h, textOf(cell(layout, values, h))])) as Record<
    RegisterHeader,
    string
  >;
  const code = text['Mã hồ sơ'];
  const fail = (message: string) => ({ problem: problemAt(rowNumber, code, message) });
  if (!code) return fail('thiếu mã hồ sơ.');
  const receivedAt = dateTimeOf(cell(layout, values, 'Thời điểm tiếp nhận'), zone);
  const stt = integerOf(cell(layout, values, 'STT'));
  const status = text['Trạng thái'] as DossierStatus;
  if (!DOSSIER_STATUSES.includes(status)) {
    return fail(`trạng thái “${text['Trạng thái']}” không thuộc danh mục (${DOSSIER_STATUSES.join(', ')}).`);
  }
  const channel = (text['Hình thức nộp'] || 'Trực tiếp') as Channel;
  if (!CHANNELS.includes(channel)) return fail(`hình thức nộp “${text['Hình thức nộp']}” phải là ${CHANNELS.join(', ')}.`);
  if (!receivedAt || receivedAt === 'invalid') return fail('thời điểm tiếp nhận trống hoặc không đúng dạng ngày giờ.');
  const dueAt = dateTimeOf(cell(layout, values, 'Hạn trả kết quả'), zone);
  if (!dueAt || dueAt === 'invalid') return fail('hạn trả kết quả trống hoặc không đúng dạng ngày giờ.');
  const newDueAt = dateTimeOf(cell(layout, values, 'Hạn trả mới'), zone);
  const resultDate = dateOf(cell(layout, values, 'Ngày có kết quả'), zone);
  const returnedDate = dateOf(cell(layout, values, 'Ngày trả kết quả'), zone);
  const supplementCount = integerOf(cell(layout, values, 'Số lần yêu cầu bổ sung'));
  if (newDueAt === 'invalid' || resultDate === 'invalid' || returnedDate === 'invalid') {
    return fail('có ô ngày không đúng dạng ngày (dd/MM/yyyy).');
  }
  if (supplementCount === 'invalid') return fail('số lần yêu cầu bổ sung phải là số nguyên không âm.');
  const satisfaction = text['Mức độ hài lòng'] as Satisfaction;
  if (satisfaction && !SATISFACTION_LEVELS.includes(satisfaction)) {
    return fail(`mức độ hài lòng “${satisfaction}” phải là ${SATISFACTION_LEVELS.join(', ')}.`);
  }
  if ((status === 'Đã có kết quả' || status === 'Từ chối giải quyết' || status === 'Dừng giải quyết') && !resultDate) {
    return fail(`trạng thái “${status}” nhưng chưa có ngày có kết quả.`);
  }
  if (status === 'Đã trả kết quả' && !returnedDate) return fail('trạng thái “Đã trả kết quả” nhưng chưa có ngày trả kết quả.');
  if (resultDate && compareDates(resultDate, receivedAt.date) < 0) {
    return fail(`ngày có kết quả ${formatDateVi(resultDate)} trước ngày tiếp nhận ${formatDateVi(receivedAt.date)}.`);
  }
  return {
    entry: {
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
    },
  };
}

/** The sheet rows holding each code (a code on two rows is a hand-copied row). */
function rowsByCode(layout: RegisterLayout, codes: readonly CellValue[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  codes.forEach((value, i) => {
    const code = textOf(value);
    if (!code) return;
    const list = rows.get(code);
    if (list) list.push(rowOfIndex(layout, i));
    else rows.set(code, [rowOfIndex(layout, i)]);
  });
  return rows;
}

function duplicateMessage(code: string, rows: readonly number[]): string {
  return `Mã hồ sơ “${code}” trùng ở dòng ${rows.join(' và ')}; hãy xóa hoặc sửa dòng sao chép rồi thử lại. Chưa có gì được ghi.`;
}

export type DossierFound =
  { readonly ok: true; readonly entry: RegisterEntry } | { readonly ok: false; readonly message: string };

/** The one row holding a code, read raw (even when it would not parse), or why there is none. */
export function locateDossier(
  layout: RegisterLayout,
  code: string,
  archives: ArchiveTrust,
):
  | { readonly ok: true; readonly rowNumber: number; readonly values: CellValue[] }
  | { readonly ok: false; readonly message: string } {
  const rows = rowsByCode(layout, readColumn(layout, 'Mã hồ sơ')).get(code) ?? [];
  if (rows.length === 0) {
    const tab = archiveHolding(layout.sheet.getParent(), archives, code);
    return {
      ok: false,
      message: tab
        ? `Hồ sơ mã “${code}” đã khóa sổ cuối năm, nằm ở trang “${tab}” (chỉ xem); không cập nhật được nữa.`
        : `Không tìm thấy hồ sơ mã “${code}” trong sổ.`,
    };
  }
  if (rows.length > 1) return { ok: false, message: duplicateMessage(code, rows) };
  const rowNumber = rows[0] ?? 0;
  return { ok: true, rowNumber, values: readRow(layout, rowNumber) };
}

/** A row read raw, checked: the dossier it holds, or why it cannot be used. */
export function dossierOfRow(
  layout: RegisterLayout,
  rowNumber: number,
  values: readonly CellValue[],
  zone: ZoneConverter,
): DossierFound {
  const parsed = parseRegisterRow(layout, rowNumber, values, zone);
  if (!parsed) return { ok: false, message: `Dòng ${rowNumber} không có hồ sơ.` };
  if ('problem' in parsed) return { ok: false, message: `${parsed.problem.message} Hãy sửa dòng này trước.` };
  return { ok: true, entry: parsed.entry };
}

/** Finds a dossier by code: one column read to locate it, one row read to parse it. */
export function findDossier(layout: RegisterLayout, code: string, zone: ZoneConverter, archives: ArchiveTrust): DossierFound {
  const located = locateDossier(layout, code, archives);
  return located.ok ? dossierOfRow(layout, located.rowNumber, located.values, zone) : located;
}

/** The dossier on one sheet row, or why that row cannot be used. */
export function dossierAtRow(layout: RegisterLayout, rowNumber: number, zone: ZoneConverter): DossierFound {
  if (rowNumber <= layout.headerRow || rowNumber > layout.lastRow) {
    return { ok: false, message: `Dòng ${rowNumber} không có hồ sơ.` };
  }
  return dossierOfRow(layout, rowNumber, readRow(layout, rowNumber), zone);
}

/** The cells of a dossier's own columns: text as text, dates as Dates (formats come from the schema). */
export function dossierCells(dossier: Dossier, zone: ZoneConverter): Partial<Record<RegisterHeader, CellValue>> {
  return {
    'Mã hồ sơ': dossier.code,
    'Mã TTHC': dossier.procedureCode,
    'Hình thức nộp': dossier.channel,
    'Thời điểm tiếp nhận': zone.toDate(dossier.receivedAt),
    'Hạn trả kết quả': zone.toDate(dossier.dueAt),
    'Hạn trả mới': dossier.newDueAt ? zone.toDate(dossier.newDueAt) : '',
    'Lý do chậm': dossier.delayReason ?? '',
    'Trạng thái': dossier.status,
    'Số lần yêu cầu bổ sung': dossier.supplementCount,
    'Ngày có kết quả': dossier.resultDate ? zone.dateOnly(dossier.resultDate) : '',
    'Ngày trả kết quả': dossier.returnedDate ? zone.dateOnly(dossier.returnedDate) : '',
    'Mức độ hài lòng': dossier.satisfaction ?? '',
  };
}
