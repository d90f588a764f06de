/**
 * The printed forms a dossier step produces, each in the set in force on its step's date.
 *
 * - Circular 01/2018/TT-VPCP of 23/11/2018 (guiding Decree 61/2018): Mẫu số 01 receipt, 02 supplement
 *   request, 03 refusal of reception, 04 apology and new appointment ("Phiếu xin lỗi và hẹn lại ngày trả
 *   kết quả"), 05 process-control slip, 06 register (domain.md §2–3). It has no form for a stop.
 * - Circular 03/2025/TT-VPCP of 15/9/2025 (guiding Decree 118/2025), Phụ lục I: "Mẫu số 01: Mẫu Giấy
 *   tiếp nhận hồ sơ và hẹn trả kết quả; Mẫu số 02: Mẫu Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; Mẫu số
 *   03: Mẫu Phiếu từ chối tiếp nhận giải quyết hồ sơ; Mẫu số 04: Mẫu Văn bản xin lỗi và đề nghị gia hạn
 *   thời gian giải quyết; Mẫu số 05: Mẫu Thông báo dừng giải quyết hồ sơ; Mẫu số 06: Mẫu Phiếu kiểm
 *   soát quá trình giải quyết hồ sơ; Mẫu số 07: Mẫu Sổ theo dõi hồ sơ"
 *   (https://thuviennhadat.vn/phap-luat/tai-file-word-bieu-mau-thong-tu-03-2025-tt-vpcp-ve-giai-quyet-thu-tuc-hanh-chinh-tai-bo-phan-mot-cua-708489.html;
 *   the Circular's heading "Số: 03/2025/TT-VPCP | Hà Nội, ngày 15 tháng 9 năm 2025" at hethongphapluat.com).
 *
 * The refusal after review is the competent agency's written reply (Decree 61/2018, Decree 118/2025):
 * neither Circular gives it a numbered form, so it prints without one.
 */
import { type CivilDate, compareDates } from './civil';

export const FORM_KINDS = ['receipt', 'supplement', 'reception-refusal', 'control', 'apology', 'refusal', 'stop'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/**
 * The day the Circular 03/2025 set applies from: "quy định biểu mẫu về giải quyết thủ tục hành
 * chính từ ngày 15/9/2025" (thuviennhadat.vn, above), the day it was signed. Only that secondary
 * source was found; the Circular's own article on its entry into force could not be read.
 */
export const CIRCULAR_03_2025_FROM: CivilDate = '2025-09-15';
/** Decree 118/2025 replaced Decrees 61/2018 and 107/2021 on 1/7/2025: centres of communes, no district. */
export const DECREE_118_FROM: CivilDate = '2025-07-01';

export interface FormTitle {
  /** `Mẫu số 04`, or empty for a letter no Circular numbers. */
  readonly number: string;
  readonly title: string;
  /** The text that sets the form, printed under its number. */
  readonly source: string;
  /** A letter of the competent agency (its number, signer and seal), not a slip the applicant signs. */
  readonly letter: boolean;
}

const SOURCE_2018 = 'Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ';
const SOURCE_2025 = 'Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ';
const NO_FORM = 'Văn bản của cơ quan có thẩm quyền giải quyết';

type Entry = readonly [number: string, title: string, letter: boolean];

const SET_2018: Record<FormKind, Entry> = {
  receipt: ['Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', false],
  supplement: ['Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', false],
  'reception-refusal': ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', false],
  apology: ['Mẫu số 04', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', true],
  control: ['Mẫu số 05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', false],
  refusal: ['', 'THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ', true],
  stop: ['', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', true],
};

const SET_2025: Record<FormKind, Entry> = {
  receipt: ['Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', false],
  supplement: ['Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', false],
  'reception-refusal': ['Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', false],
  apology: ['Mẫu số 04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', true],
  stop: ['Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', true],
  control: ['Mẫu số 06', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', false],
  refusal: ['', 'THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ', true],
};

/** The form of `kind` in force on `date` (the day of its step). */
export function formOf(kind: FormKind, date: CivilDate): FormTitle {
  const in2025 = compareDates(date, CIRCULAR_03_2025_FROM) >= 0;
  const [number, title, letter] = (in2025 ? SET_2025 : SET_2018)[kind];
  return { number, title, letter, source: number ? (in2025 ? SOURCE_2025 : SOURCE_2018) : NO_FORM };
}

/** The label of the button that prints it: `In Mẫu số 04: văn bản xin lỗi …`. */
export function formButtonLabel(kind: FormKind, date: CivilDate): string {
  const f = formOf(kind, date);
  return `In ${f.number ? `${f.number}: ` : ''}${f.title.toLowerCase()}`;
}
