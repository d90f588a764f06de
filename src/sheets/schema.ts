/** Tab names and headers of a unit's workbook (design.md §4, contract: matched by header text). */
import { CHANNELS, DOSSIER_STATUSES, SATISFACTION_LEVELS } from '../core/dossier';
import { EXCEPTION_KIND_LABELS, NOT_APPLIED_LABEL } from '../core/holidays';
import { PERIOD_UNITS, SUPPLEMENT_RULES } from '../core/procedures';
import { SERVICE_FIELDS } from '../core/serviceFields';

export const TABS = {
  register: 'Sổ theo dõi hồ sơ',
  log: 'Nhật ký xử lý',
  catalogue: 'Danh mục TTHC',
  calendar: 'Ngày nghỉ',
  config: 'Cấu hình',
  units: 'Đơn vị',
  summary: 'Tổng hợp giám sát',
} as const;

export const REGISTER_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Mã TTHC',
  'Tên thủ tục',
  'Lĩnh vực',
  'Đơn vị tiếp nhận',
  'Cơ quan giải quyết',
  'Người nộp',
  'Số giấy tờ tùy thân',
  'Địa chỉ',
  'Điện thoại',
  'Email',
  'Hình thức nộp',
  'Thời điểm tiếp nhận',
  'Hạn trả kết quả',
  'Hạn trả mới',
  'Lý do chậm',
  'Người tiếp nhận',
  'Cán bộ xử lý',
  'Trạng thái',
  'Số lần yêu cầu bổ sung',
  'Ngày có kết quả',
  'Ngày trả kết quả',
  'Mức độ hài lòng',
  'Cảnh báo',
  'Ghi chú',
] as const;
/**
 * MotCua's own columns after the contract ones: the documents received (printed on the receipt),
 * when the dossier's last step happened (a new step may not be dated before it), and the key of
 * the last request that wrote the row (so a retried submit is recognised as done). Then the
 * optional fields the national service index counts (core/serviceFields.ts), side by side so the
 * report reads them in one call: `Thiết lập sổ` adds them to an older register, and a register
 * without them still works (its rows count as "not recorded").
 */
export const REGISTER_COLUMNS = [
  ...REGISTER_HEADERS,
  'Giấy tờ đã nhận',
  'Cập nhật lúc',
  'Mã yêu cầu',
  'Kênh nộp',
  'Mức độ trực tuyến',
  'Số hóa thành phần hồ sơ',
  'Thanh toán trực tuyến',
  'Hình thức trả kết quả',
  'Số hóa kết quả',
] as const;
export type RegisterHeader = (typeof REGISTER_COLUMNS)[number];

/** Columns the script computes; protected with a warning so a stray edit is noticed. */
/**
 * Empty rows a new register keeps below its header, and adds when it fills up: a new dossier goes on
 * a row inserted above them, and every submit reads its code columns down to the grid's end.
 */
export const REGISTER_EMPTY_ROWS = 100;

export const COMPUTED_HEADERS: readonly RegisterHeader[] = [
  'STT',
  'Mã hồ sơ',
  'Hạn trả kết quả',
  'Cảnh báo',
  // MotCua's own bookkeeping: when the last step happened, and the keys that make a retry safe.
  'Cập nhật lúc',
  'Mã yêu cầu',
];

export const REGISTER_DROPDOWNS: Partial<Record<RegisterHeader, readonly string[]>> = {
  'Hình thức nộp': CHANNELS,
  'Trạng thái': DOSSIER_STATUSES,
  'Mức độ hài lòng': SATISFACTION_LEVELS,
  ...SERVICE_FIELDS,
};

export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const DATE_FORMAT = 'dd/mm/yyyy';
const REGISTER_DATE_FORMATS: Partial<Record<RegisterHeader, string>> = {
  'Thời điểm tiếp nhận': DATE_TIME_FORMAT,
  'Hạn trả kết quả': DATE_TIME_FORMAT,
  'Hạn trả mới': DATE_TIME_FORMAT,
  'Cập nhật lúc': DATE_TIME_FORMAT,
  'Ngày có kết quả': DATE_FORMAT,
  'Ngày trả kết quả': DATE_FORMAT,
};
/**
 * Column widths in pixels that fit what each column holds (a dossier code, a procedure name, a
 * date-time...); set when the column is created, so people's own resizing is kept afterwards.
 */
export const REGISTER_WIDTHS: Record<RegisterHeader, number> = {
  STT: 50,
  'Mã hồ sơ': 195,
  'Mã TTHC': 80,
  'Tên thủ tục': 260,
  'Lĩnh vực': 140,
  'Đơn vị tiếp nhận': 160,
  'Cơ quan giải quyết': 160,
  'Người nộp': 170,
  'Số giấy tờ tùy thân': 110,
  'Địa chỉ': 220,
  'Điện thoại': 110,
  Email: 170,
  'Hình thức nộp': 90,
  'Thời điểm tiếp nhận': 125,
  'Hạn trả kết quả': 125,
  'Hạn trả mới': 125,
  'Lý do chậm': 200,
  'Người tiếp nhận': 140,
  'Cán bộ xử lý': 140,
  'Trạng thái': 120,
  'Số lần yêu cầu bổ sung': 80,
  'Ngày có kết quả': 95,
  'Ngày trả kết quả': 95,
  'Mức độ hài lòng': 110,
  'Cảnh báo': 110,
  'Ghi chú': 200,
  'Giấy tờ đã nhận': 220,
  'Cập nhật lúc': 125,
  'Mã yêu cầu': 120,
  'Kênh nộp': 150,
  'Mức độ trực tuyến': 95,
  'Số hóa thành phần hồ sơ': 95,
  'Thanh toán trực tuyến': 95,
  'Hình thức trả kết quả': 150,
  'Số hóa kết quả': 95,
};

/** Columns of long text, which wrap instead of running over their neighbours. */
export const REGISTER_WRAPPED: readonly RegisterHeader[] = ['Tên thủ tục', 'Địa chỉ', 'Lý do chậm', 'Ghi chú', 'Giấy tờ đã nhận'];

/** The number format of every register column: dates, whole numbers, and plain text for the rest. */
export function registerFormat(header: RegisterHeader): string {
  if (header === 'STT' || header === 'Số lần yêu cầu bổ sung') return INTEGER_FORMAT;
  return REGISTER_DATE_FORMATS[header] ?? TEXT_FORMAT;
}
export function logFormat(header: LogHeader): string {
  return header === 'Thời điểm' ? LOG_TIME_FORMAT : TEXT_FORMAT;
}

const LOG_HEADERS = [
  'Thời điểm',
  'Người thực hiện',
  'Mã hồ sơ',
  'Thao tác',
  'Trạng thái trước',
  'Trạng thái sau',
  'Ghi chú',
] as const;
/** MotCua's log columns: the step's facts as JSON (for the printed forms) and its request key. */
export const LOG_COLUMNS = [...LOG_HEADERS, 'Chi tiết', 'Mã yêu cầu'] as const;
export type LogHeader = (typeof LOG_COLUMNS)[number];

/** Plain text (`@`): what is written or typed there stays text — no formula, number or date. */
export const TEXT_FORMAT = '@';
export const INTEGER_FORMAT = '0';
export const LOG_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

export const CATALOGUE_HEADERS = [
  'Mã TTHC',
  'Tên thủ tục',
  'Lĩnh vực',
  'Cấp thực hiện',
  'Thời hạn',
  'Đơn vị thời hạn',
  'Giờ chốt 15:00',
  'Quy tắc bổ sung',
  'Phí, lệ phí',
  'Đang áp dụng',
  // Blank: the unit itself. Added to an older catalogue by `Thiết lập sổ`.
  'Cơ quan giải quyết',
] as const;
export const CATALOGUE_DROPDOWNS: Partial<Record<(typeof CATALOGUE_HEADERS)[number], readonly string[]>> = {
  'Đơn vị thời hạn': PERIOD_UNITS,
  'Quy tắc bổ sung': SUPPLEMENT_RULES,
  'Giờ chốt 15:00': ['Có', 'Không'],
  'Đang áp dụng': ['Có', 'Không'],
};

export const CALENDAR_HEADERS = ['Ngày', 'Loại', 'Tên'] as const;
export const CALENDAR_DROPDOWNS = { Loại: [...Object.values(EXCEPTION_KIND_LABELS), NOT_APPLIED_LABEL] } as const;

export const CONFIG_HEADERS = ['Thiết lập', 'Giá trị', 'Ghi chú'] as const;

/** `Không` here: the applicant's ID number and address are not recorded (SECURITY.md). */
export const KEEP_ID_AND_ADDRESS = 'Lưu số giấy tờ và địa chỉ người nộp';

/** `Có` here: `Mã hồ sơ` is the one the provincial system issued, typed at intake; MotCua issues none. */
export const OFFICIAL_CODES = 'Mã hồ sơ do hệ thống tỉnh cấp';

/** Settings of the `Cấu hình` tab, with defaults and what each means. */
export const CONFIG_KEYS = [
  ['Tên đơn vị', '', 'Ví dụ: UBND xã Yên Lạc'],
  ['Mã định danh đơn vị', '', 'Mã định danh theo chuẩn mã cơ quan, ví dụ 000.17.22.H56; dùng để cấp mã hồ sơ'],
  ['Đơn vị cấp trên', '', 'Ví dụ: UBND tỉnh Phú Thọ'],
  ['Giờ làm việc', '07:30-11:30, 13:30-17:00', 'Các khoảng giờ làm việc trong ngày, cách nhau bởi dấu phẩy'],
  ['Giờ hẹn trả kết quả', '', 'Để trống: hẹn vào cuối giờ làm việc'],
  ['Số ngày báo trước khi đến hạn', '2', 'Số ngày làm việc trước hạn thì hồ sơ được đánh dấu “Sắp đến hạn”'],
  ['Giờ gửi cảnh báo hằng ngày', '7', 'Giờ (0–23, giờ Việt Nam) kiểm tra hạn và gửi thư nhắc; Google chạy trong khoảng giờ đó'],
  ['Quy tắc bổ sung mặc định', 'tính lại', '“tính lại” (Nghị định 61/118) hoặc “tạm dừng” (Chỉ số 766)'],
  [
    'Nơi trả kết quả',
    'Trung tâm Phục vụ hành chính công',
    'In trên giấy tiếp nhận và hẹn trả kết quả (từ 1/7/2025 là Trung tâm Phục vụ hành chính công của xã)',
  ],
  ['Email thủ trưởng', '', 'Nhận bản tổng hợp nhắc hạn'],
  [
    KEEP_ID_AND_ADDRESS,
    'Có',
    '“Không”: sổ không ghi số giấy tờ tùy thân và địa chỉ, giấy tiếp nhận không in (chỉ giữ dữ liệu cá nhân cần thiết, Luật 91/2025/QH15)',
  ],
  [
    OFFICIAL_CODES,
    'Không',
    '“Có”: khi tiếp nhận, nhập (hoặc quét mã vạch/QR) mã hồ sơ do hệ thống thông tin giải quyết TTHC của tỉnh cấp; MotCua không tự cấp mã, chỉ đánh số thứ tự (STT) trong sổ',
  ],
  ['Email HĐND (bản chỉ xem)', '', 'Các email cách nhau bởi dấu phẩy'],
  [
    'Cán bộ: Họ và tên',
    '',
    'Mỗi cán bộ xử lý một dòng: “Cán bộ: ” và họ tên đúng như ở cột Cán bộ xử lý; cột Giá trị là email nhận thư nhắc hạn',
  ],
] as const;

/** A `Cấu hình` row naming an officer's e-mail: `Cán bộ: <name as in Cán bộ xử lý>`. */
export const OFFICER_KEY_PREFIX = 'Cán bộ:';
