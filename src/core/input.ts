/**
 * What the sidebars send, validated the same way in the browser (for quick feedback) and on the
 * server (which never trusts the client). Every message is Vietnamese and names its field.
 */
import {
  enum as zEnum,
  maxLength,
  minLength,
  object,
  optional,
  regex,
  safeParse,
  string,
  trim,
  type infer as Infer,
} from 'zod/mini';
import { CHANNELS, SATISFACTION_LEVELS } from './dossier';

const text = (max: number, tooLong: string) => string().check(trim(), maxLength(max, tooLong));
const required = (max: number, missing: string, tooLong: string) =>
  string().check(trim(), minLength(1, missing), maxLength(max, tooLong));
const dateTimeText = (message: string) => string().check(trim(), regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, message));

export const intakeSchema = object({
  requestId: string().check(regex(/^[A-Za-z0-9-]{8,64}$/, 'Mã yêu cầu không hợp lệ; hãy tải lại biểu mẫu.')),
  procedureCode: required(40, 'Hãy chọn thủ tục hành chính.', 'Mã thủ tục quá dài.'),
  applicantName: required(200, 'Cần ghi họ và tên người nộp.', 'Họ tên quá dài (tối đa 200 ký tự).'),
  idNumber: string().check(
    trim(),
    regex(
      /^$|^\d{9}$|^\d{12}$|^[A-Za-z]{1,2}\d{6,8}$/,
      'Số giấy tờ tùy thân gồm 12 chữ số (CCCD), 9 chữ số (CMND) hoặc số hộ chiếu.',
    ),
  ),
  address: text(300, 'Địa chỉ quá dài (tối đa 300 ký tự).'),
  phone: string().check(
    trim(),
    regex(/^$|^(\+84|0)[\d .]{8,13}$/, 'Số điện thoại không đúng (ví dụ 0912 345 678 hoặc +84 912 345 678).'),
  ),
  email: string().check(
    trim(),
    regex(/^$|^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'Địa chỉ email không đúng (ví dụ ten@example.vn).'),
  ),
  channel: zEnum(CHANNELS, 'Hãy chọn hình thức nộp: Trực tiếp, Trực tuyến hoặc Bưu chính.'),
  receivedAt: dateTimeText('Thời điểm tiếp nhận phải có ngày và giờ.'),
  handler: text(120, 'Tên cán bộ xử lý quá dài.'),
  documents: text(2000, 'Danh sách giấy tờ quá dài (tối đa 2.000 ký tự).'),
  note: text(1000, 'Ghi chú quá dài (tối đa 1.000 ký tự).'),
});
export type IntakeInput = Infer<typeof intakeSchema>;
export type IntakeField = keyof IntakeInput;

export const UPDATE_ACTIONS = [
  'transfer',
  'request-supplement',
  'receive-supplement',
  'apologise',
  'record-result',
  'refuse',
  'hand-over',
  'stop',
] as const;

export const updateSchema = object({
  requestId: string().check(regex(/^[A-Za-z0-9-]{8,64}$/, 'Mã yêu cầu không hợp lệ; hãy tải lại biểu mẫu.')),
  code: required(60, 'Hãy nhập mã hồ sơ.', 'Mã hồ sơ quá dài.'),
  action: zEnum(UPDATE_ACTIONS, 'Thao tác không hợp lệ.'),
  at: dateTimeText('Thời điểm thực hiện phải có ngày và giờ.'),
  department: optional(text(200, 'Tên cơ quan, bộ phận quá dài.')),
  missing: optional(text(2000, 'Danh sách giấy tờ cần bổ sung quá dài.')),
  reason: optional(text(1000, 'Lý do quá dài (tối đa 1.000 ký tự).')),
  newDueAt: optional(string()),
  satisfaction: optional(zEnum([...SATISFACTION_LEVELS, ''], 'Mức độ hài lòng không hợp lệ.')),
});
export type UpdateInput = Infer<typeof updateSchema>;
export type UpdateField = keyof UpdateInput;

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Parses input into data, or field-level Vietnamese errors (the first per field). */
export function validate<S extends typeof intakeSchema | typeof updateSchema>(
  schema: S,
  input: unknown,
): { ok: true; data: Infer<S> } | { ok: false; errors: FieldErrors<string> } {
  const parsed = safeParse(schema, input);
  if (parsed.success) return { ok: true, data: parsed.data as Infer<S> };
  const errors: FieldErrors<string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
