/**
 * The dossier export of a provincial one-stop information system (Excel/CSV), read into records
 * MotCua can compare with its register. Header synonyms and the national synchronisation status
 * codes live here so that the CLI and Apps Script read an export the same way.
 *
 * Status codes 1–10: the dossier-status list of the national public service portal's
 * synchronisation interface (Cổng Dịch vụ công quốc gia, "TrangThaiHoSo") as commonly implemented
 * by provincial systems. UNVERIFIED: no official text could be found with the project's search
 * tools (December 2026); check against the province's integration specification and adjust here.
 */
import { type CivilDate, civilDate, fromDayNumber, isValidYmd, parseCivilDateTime } from './civil';
import { DOSSIER_STATUSES, type DossierStatus } from './dossier';
import { isSupportedYear } from './supportedRange';

export type ExportField =
  'code' | 'procedureName' | 'receivedAt' | 'appointment' | 'resultAt' | 'returnedAt' | 'status' | 'channel' | ApplicantField;

/** The applicant's columns: imported into the register only (ID and address only where the unit keeps them). */
export type ApplicantField = 'applicant' | 'idNumber' | 'address' | 'phone' | 'email';
export const APPLICANT_FIELDS: readonly ApplicantField[] = ['applicant', 'idNumber', 'address', 'phone', 'email'];

/** Header texts (compared without case, diacritics, spaces or underscores) per field. */
export const EXPORT_HEADER_SYNONYMS: Readonly<Record<ExportField, readonly string[]>> = {
  code: ['Mã hồ sơ', 'MaHoSo', 'Số hồ sơ', 'SoHoSo'],
  procedureName: ['Tên thủ tục', 'TenThuTuc', 'Tên TTHC'],
  receivedAt: ['Ngày tiếp nhận', 'NgayTiepNhan', 'Thời điểm tiếp nhận'],
  appointment: ['Ngày hẹn trả', 'NgayHenTra', 'Hạn trả kết quả'],
  resultAt: ['Ngày có kết quả', 'NgayCoKetQua', 'Ngày xử lý xong', 'NgayXuLyXong'],
  returnedAt: ['Ngày trả kết quả', 'NgayTra', 'NgayTraKetQua'],
  status: ['Trạng thái', 'TenTrangThaiHoSo', 'TrangThaiHoSo', 'Trạng thái hồ sơ'],
  channel: ['Hình thức nộp', 'HinhThucNop', 'Kênh nộp'],
  applicant: ['Người nộp', 'Tên người nộp', 'Họ tên người nộp', 'TenNguoiNop', 'HoTenNguoiNop', 'Chủ hồ sơ', 'ChuHoSo'],
  idNumber: ['Số giấy tờ tùy thân', 'Số giấy tờ', 'SoGiayTo', 'Số CCCD', 'CCCD', 'SoCCCD', 'Số định danh', 'SoDinhDanh'],
  address: ['Địa chỉ', 'DiaChi', 'Địa chỉ người nộp', 'DiaChiNguoiNop'],
  phone: ['Điện thoại', 'Số điện thoại', 'SoDienThoai', 'DienThoai'],
  email: ['Email', 'Thư điện tử', 'EmailNguoiNop'],
};

/** A synchronisation status: its national name and MotCua's status (open/finished is what matters). */
export const NATIONAL_STATUS_CODES: Readonly<Record<number, { name: string; status: DossierStatus }>> = {
  1: { name: 'Mới đăng ký', status: 'Đã tiếp nhận' },
  2: { name: 'Được tiếp nhận', status: 'Đã tiếp nhận' },
  3: { name: 'Không được tiếp nhận', status: 'Dừng giải quyết' },
  4: { name: 'Đang xử lý', status: 'Đang giải quyết' },
  5: { name: 'Yêu cầu bổ sung giấy tờ', status: 'Chờ bổ sung' },
  6: { name: 'Yêu cầu thực hiện nghĩa vụ tài chính', status: 'Đang giải quyết' },
  7: { name: 'Công dân yêu cầu rút hồ sơ', status: 'Dừng giải quyết' },
  8: { name: 'Dừng xử lý', status: 'Dừng giải quyết' },
  9: { name: 'Đã xử lý xong', status: 'Đã có kết quả' },
  10: { name: 'Đã trả kết quả', status: 'Đã trả kết quả' },
};

/** Status names as provincial systems print them, folded (see `fold`). */
const STATUS_NAMES = new Map<string, DossierStatus>([
  ...Object.values(NATIONAL_STATUS_CODES).map((s) => [fold(s.name), s.status] as const),
  ...DOSSIER_STATUSES.map((s) => [fold(s), s] as const),
  [fold('Chờ bổ sung hồ sơ'), 'Chờ bổ sung'],
  [fold('Đang giải quyết hồ sơ'), 'Đang giải quyết'],
  [fold('Có kết quả'), 'Đã có kết quả'],
  [fold('Từ chối'), 'Từ chối giải quyết'],
]);

/** Lower case, no diacritics (đ → d), no spaces, underscores or dots: `Mã hồ sơ` ≡ `MaHoSo`. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_.]+/g, '');
}

/** Exports repeat a handful of status texts: each is folded once. */
const statusCache = new Map<string, DossierStatus | undefined>();

/** The log's action of a dossier imported from the provincial export (its code is the province's). */
export const IMPORTED_ACTION = 'Nhập từ hệ thống tỉnh';

/** A national status code in any numeric form an export or a spreadsheet gives it: `3`, `03`, `3.0`, ` 3 `. */
const NUMERIC_STATUS = /^0*(\d{1,2})(?:\.0*)?$/;

/** The national code a status cell holds, if it is a number. */
function nationalCodeOf(text: string): number | undefined {
  const m = NUMERIC_STATUS.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** Names status 3 is printed with (folded). */
const NOT_RECEIVED = new Set(['Không được tiếp nhận', 'Không tiếp nhận', 'Từ chối tiếp nhận'].map(fold));

/** Status 3, "Không được tiếp nhận": a dossier refused at the counter, which the register never holds. */
export function isNotReceived(text: string): boolean {
  // Exports repeat a handful of status texts: each is looked at once.
  const known = notReceivedCache.get(text);
  if (known !== undefined) return known;
  const t = text.trim();
  const code = nationalCodeOf(t);
  const answer = code !== undefined ? code === 3 : NOT_RECEIVED.has(fold(t));
  if (notReceivedCache.size < 1000) notReceivedCache.set(text, answer);
  return answer;
}
const notReceivedCache = new Map<string, boolean>();

export function statusOfExport(text: string): DossierStatus | undefined {
  if (statusCache.has(text)) return statusCache.get(text);
  const t = text.trim();
  const code = nationalCodeOf(t);
  const status = code !== undefined ? NATIONAL_STATUS_CODES[code]?.status : STATUS_NAMES.get(fold(t));
  if (statusCache.size < 1000) statusCache.set(text, status);
  return status;
}

/** How a status cell is shown to an officer: a bare national code (`9`) by its national name. */
export function exportStatusName(text: string, status: DossierStatus): string {
  const code = nationalCodeOf(text);
  if (code !== undefined) return NATIONAL_STATUS_CODES[code]?.name ?? status;
  return text.trim() || status;
}

/** Channels: MotCua's names and the usual export words. */
export function channelOfExport(text: string): 'Trực tiếp' | 'Trực tuyến' | 'Bưu chính' | undefined {
  if (text === 'Trực tiếp' || text === 'Trực tuyến' || text === 'Bưu chính') return text;
  const f = fold(text);
  if (!f || f === 'tructiep' || f === 'taiquay') return f ? 'Trực tiếp' : undefined;
  if (f.startsWith('tructuyen') || f === 'online' || f.includes('dichvucong')) return 'Trực tuyến';
  if (f.startsWith('buuchinh') || f.includes('buudien')) return 'Bưu chính';
  return undefined;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug absorbed); day number of 1970-01-01 is ours. */
const EXCEL_EPOCH_OFFSET = 25569;
/**
 * Serials taken as dates: from 10000 (18/05/1927) on, so that a bare year (`2026`, Excel's 17/07/1905)
 * or a small number is never read as a day; the supported range bounds them above.
 */
const FIRST_SERIAL = 10_000;
const TEXT_SERIAL = /^\d{5}(\.\d+)?$/;
const FAST_DMY = /^(\d\d)\/(\d\d)\/(\d{4})(?: (\d\d):(\d\d))?$/;
const DMY = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/;

export interface ExportDateTime {
  readonly date: CivilDate;
  readonly minute: number;
}

/** A date MotCua computes with (01/01/1901–31/12/2099, supportedRange.ts), or invalid; the year read as a number (no string compare). */
const supported = (at: ExportDateTime, year: number): ExportDateTime | 'invalid' => (isSupportedYear(year) ? at : 'invalid');

/** `dd/MM/yyyy[ HH:mm[:ss]]`, ISO, or an Excel serial (a number cell, or five-digit text). */
export function exportDateTimeOf(value: string | number): ExportDateTime | undefined | 'invalid' {
  if (value === '') return undefined;
  // The common `dd/MM/yyyy HH:mm` first: 100,000 rows carry up to 400,000 dates.
  const fast = typeof value === 'string' ? FAST_DMY.exec(value) : null;
  if (fast) {
    const [, d = '', mo = '', y = '', h = '00', mi = '00'] = fast;
    if (!isValidYmd(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59) return 'invalid';
    return supported({ date: `${y}-${mo}-${d}`, minute: Number(h) * 60 + Number(mi) }, Number(y));
  }
  if (typeof value === 'number' || TEXT_SERIAL.test(value.trim())) {
    const serial = Number(value);
    if (!(serial >= FIRST_SERIAL && serial < 2958466)) return 'invalid';
    const day = Math.floor(serial);
    const minute = Math.round((serial - day) * 1440);
    const date = fromDayNumber(day - EXCEL_EPOCH_OFFSET);
    return supported({ date, minute: Math.min(minute, 1439) }, Number(date.slice(0, 4)));
  }
  const text = value.trim();
  if (!text) return undefined;
  const iso = parseCivilDateTime(text.length === 10 ? `${text} 00:00` : text.replace('T', ' ').slice(0, 16));
  if (iso) return supported(iso, Number(iso.date.slice(0, 4)));
  const m = DMY.exec(text);
  if (!m) return 'invalid';
  const [d, mo, y, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  if (!isValidYmd(y, mo, d) || h > 23 || mi > 59) return 'invalid';
  return supported({ date: civilDate(y, mo, d), minute: h * 60 + mi }, y);
}
