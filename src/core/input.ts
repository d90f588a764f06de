/**
 * What the sidebars send, validated the same way in the browser (for quick feedback) and on the
 * server (which never trusts the client). Every message is Vietnamese and names its field. Text is
 * stored as NFC; control characters and text made only of invisible characters are refused.
 */
import {
  enum as zEnum,
  literal,
  maxLength,
  minLength,
  normalize,
  object,
  optional,
  overwrite,
  refine,
  regex,
  safeParse,
  string,
  discriminatedUnion,
  pipe,
  transform,
  unknown,
  type infer as Infer,
} from 'zod/mini';
import { type CivilDateTime, compareDates, parseCivilDate, toDayNumber } from './civil';
import { CHANNELS, SATISFACTION_LEVELS } from './dossier';
import { SERVICE_FIELDS, type ServiceField, type ServiceValues } from './serviceFields';
import { formatDateTimeVi, formatNumberVi } from './format';

// eslint-disable-next-line no-control-regex
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/**
 * What prints as nothing: whitespace, format characters (zero-width space and joiners, LRM/RLM,
 * word joiner, invisible operators, BOM, soft hyphen, Mongolian vowel separator), combining marks
 * with no letter, variation selectors, and the blank "letters" (Hangul fillers, Braille blank).
 */
const INVISIBLE = /[\s\p{Cf}\p{M}\u115f\u1160\u3164\uffa0\u2800]/gu;
const INVISIBLE_EDGES = /^[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]+|[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]+$/gu;

/** A field that is missing or not text: only a forged or stale form sends one, so the form is reloaded. */
const notText = (label: string) => `${label}: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.`;

/** A text field: NFC, no control characters, not only invisible characters, trimmed, at most `max`. */
function textField(label: string, max: number, options: { multiLine?: boolean; required?: string } = {}) {
  const control = options.multiLine ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE;
  const checks = [
    normalize('NFC'),
    refine<string>((s) => !control.test(s), {
      message: options.multiLine
        ? `${label} có ký tự điều khiển không in được (như NUL, ESC); hãy gõ lại.`
        : `${label} có ký tự điều khiển hoặc xuống dòng; hãy gõ lại trên một dòng.`,
      abort: true,
    }),
    refine<string>((s) => s.replace(INVISIBLE, '') !== '' || /^\s*$/.test(s), {
      message: `${label} chỉ gồm ký tự vô hình; hãy gõ lại.`,
      abort: true,
    }),
    overwrite<string>((s) => s.replace(INVISIBLE_EDGES, '').replace(/\r\n?/g, '\n')),
    ...(options.required ? [minLength(1, options.required)] : []),
    maxLength(max, `${label} quá dài (tối đa ${formatNumberVi(max)} ký tự).`),
  ];
  return string(notText(label)).check(...checks);
}

const dateTimeText = (label: string, message: string) =>
  string(notText(label)).check(
    overwrite<string>((s) => s.trim()),
    regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, message),
  );
const requestId = string(notText('Mã yêu cầu')).check(
  regex(/^[A-Za-z0-9-]{8,64}$/, 'Mã yêu cầu không hợp lệ; hãy tải lại biểu mẫu.'),
);
/**
 * The version of the unit's tables the form was opened with (see server/unitContext.ts): a hint
 * only, so anything that is not one is ignored (the tables are then read afresh).
 */
const tables = pipe(
  optional(unknown()),
  transform((v: unknown) => (typeof v === 'string' && /^[0-9a-z]{1,16}$/.test(v) ? v : undefined)),
);

const NOT_A_FORM = 'Biểu mẫu gửi lên không đúng dạng; hãy tải lại biểu mẫu rồi nhập lại.';

/** An optional dropdown of the service index (core/serviceFields.ts): one of its values, or empty. */
const serviceField = (field: ServiceField) =>
  optional(zEnum([...SERVICE_FIELDS[field], ''], `${field}: hãy chọn ${SERVICE_FIELDS[field].join(', ')} hoặc để trống.`));
/** The form fields of the service index, by the register column each fills. */
const SERVICE_INPUTS = {
  submissionChannel: 'Kênh nộp',
  onlineLevel: 'Mức độ trực tuyến',
  componentsDigitised: 'Số hóa thành phần hồ sơ',
  feePaidOnline: 'Thanh toán trực tuyến',
  resultDelivery: 'Hình thức trả kết quả',
  resultDigitised: 'Số hóa kết quả',
} as const satisfies Record<string, ServiceField>;

export const intakeSchema = object(
  {
    requestId,
    tables,
    procedureCode: textField('Mã thủ tục', 40, { required: 'Hãy chọn thủ tục hành chính.' }),
    /**
     * The code the provincial system issued, as typed, pasted or scanned (a QR payload may hold more
     * than the code: core/dossierCode.ts reads it). Sent only by a unit whose codes come from there.
     */
    officialCode: optional(textField('Mã hồ sơ', 2000)),
    applicantName: textField('Họ tên người nộp', 200, { required: 'Cần ghi họ và tên người nộp.' }),
    idNumber: string(notText('Số giấy tờ tùy thân')).check(
      overwrite<string>((s) => s.trim()),
      regex(
        /^$|^\d{9}$|^\d{12}$|^[A-Za-z]{1,2}\d{6,8}$/,
        'Số giấy tờ tùy thân gồm 12 chữ số (CCCD), 9 chữ số (CMND) hoặc số hộ chiếu.',
      ),
    ),
    address: textField('Địa chỉ', 300),
    phone: string(notText('Số điện thoại')).check(
      overwrite<string>((s) => s.trim()),
      regex(/^$|^(\+84|0)[\d .]{8,13}$/, 'Số điện thoại không đúng (ví dụ 0912 345 678 hoặc +84 912 345 678).'),
    ),
    email: string(notText('Địa chỉ email')).check(
      overwrite<string>((s) => s.trim()),
      regex(/^$|^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'Địa chỉ email không đúng (ví dụ ten@example.vn).'),
    ),
    channel: zEnum(CHANNELS, 'Hãy chọn hình thức nộp: Trực tiếp, Trực tuyến hoặc Bưu chính.'),
    receivedAt: dateTimeText('Thời điểm tiếp nhận', 'Thời điểm tiếp nhận phải có ngày và giờ.'),
    receiverName: textField('Họ tên người tiếp nhận', 120, {
      required: 'Cần ghi họ tên người tiếp nhận (in ở chỗ ký trên giấy tiếp nhận).',
    }),
    handler: textField('Tên cán bộ xử lý', 120),
    documents: textField('Danh sách giấy tờ', 2000, { multiLine: true }),
    note: textField('Ghi chú', 1000, { multiLine: true }),
    submissionChannel: serviceField('Kênh nộp'),
    onlineLevel: serviceField('Mức độ trực tuyến'),
    componentsDigitised: serviceField('Số hóa thành phần hồ sơ'),
    feePaidOnline: serviceField('Thanh toán trực tuyến'),
  },
  NOT_A_FORM,
);
export type IntakeInput = Infer<typeof intakeSchema>;
export type IntakeField = keyof IntakeInput;

/** The service index's fields the officer chose at intake (an empty choice is not recorded). */
export function intakeServiceValues(data: IntakeInput): ServiceValues {
  const values: ServiceValues = {};
  for (const [input, field] of Object.entries(SERVICE_INPUTS)) {
    const value = (data as Record<string, unknown>)[input];
    if (typeof value === 'string' && value) values[field] = value;
  }
  return values;
}

/** The form field that sets a service index column (its error is shown under it). */
export function serviceInputOf(field: ServiceField): keyof typeof SERVICE_INPUTS {
  return (
    (Object.keys(SERVICE_INPUTS) as (keyof typeof SERVICE_INPUTS)[]).find((k) => SERVICE_INPUTS[k] === field) ??
    'submissionChannel'
  );
}

/**
 * A refusal at the counter (Mẫu 03): the applicant and the procedure as the intake form holds them,
 * and the reason. The dossier is not received: no code, no register number.
 */
const i = intakeSchema.shape;
export const receptionRefusalSchema = object(
  {
    requestId,
    tables,
    procedureCode: i.procedureCode,
    applicantName: i.applicantName,
    idNumber: i.idNumber,
    address: i.address,
    phone: i.phone,
    email: i.email,
    channel: i.channel,
    receivedAt: i.receivedAt,
    receiverName: i.receiverName,
    reason: textField('Lý do từ chối tiếp nhận', 1000, { multiLine: true, required: 'Cần ghi lý do từ chối tiếp nhận.' }),
  },
  NOT_A_FORM,
);
export type ReceptionRefusalInput = Infer<typeof receptionRefusalSchema>;

const STALE_FORM = 'Biểu mẫu được mở từ phiên bản cũ; hãy bấm “Tải lại hồ sơ”.';
const updateBase = {
  requestId,
  tables,
  code: textField('Mã hồ sơ', 60, { required: 'Hãy nhập mã hồ sơ.' }),
  at: dateTimeText('Thời điểm thực hiện', 'Thời điểm thực hiện phải có ngày và giờ.'),
  /** The dossier's version the form showed (core/dossierVersion.ts): the sidebar always sends it. */
  version: optional(string(STALE_FORM).check(regex(/^[0-9a-z]{8,120}$/, STALE_FORM))),
};
const reasonField = (what: string) => textField(what, 1000, { multiLine: true, required: `Cần ghi ${what.toLowerCase()}.` });

/** One shape per action: each carries exactly the fields its step needs. */
export const updateSchema = discriminatedUnion(
  'action',
  [
    object({ ...updateBase, action: literal('transfer'), department: optional(textField('Tên cơ quan, bộ phận', 200)) }),
    object({
      ...updateBase,
      action: literal('request-supplement'),
      missing: textField('Danh sách giấy tờ cần bổ sung', 2000, {
        multiLine: true,
        required: 'Cần ghi giấy tờ cần bổ sung.',
      }),
      reason: reasonField('Lý do yêu cầu bổ sung'),
    }),
    object({ ...updateBase, action: literal('receive-supplement') }),
    object({
      ...updateBase,
      action: literal('apologise'),
      newDueAt: dateTimeText('Ngày giờ hẹn mới', 'Cần chọn ngày giờ hẹn mới.'),
      reason: reasonField('Lý do chậm'),
    }),
    object({
      ...updateBase,
      action: literal('record-result'),
      resultDelivery: serviceField('Hình thức trả kết quả'),
      resultDigitised: serviceField('Số hóa kết quả'),
    }),
    object({ ...updateBase, action: literal('refuse'), reason: reasonField('Lý do từ chối') }),
    object({
      ...updateBase,
      action: literal('hand-over'),
      satisfaction: optional(zEnum([...SATISFACTION_LEVELS, ''], 'Mức độ hài lòng không hợp lệ.')),
      resultDelivery: serviceField('Hình thức trả kết quả'),
      resultDigitised: serviceField('Số hóa kết quả'),
    }),
    object({ ...updateBase, action: literal('stop'), reason: reasonField('Lý do dừng giải quyết') }),
  ],
  { error: 'Thao tác không hợp lệ.' },
);
export type UpdateInput = Infer<typeof updateSchema>;
export type UpdateField =
  | 'requestId'
  | 'code'
  | 'action'
  | 'at'
  | 'department'
  | 'missing'
  | 'reason'
  | 'newDueAt'
  | 'satisfaction'
  | 'version'
  | 'resultDelivery'
  | 'resultDigitised';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Parses input into data, or field-level Vietnamese errors (the first per field). */
export function validate<S extends typeof intakeSchema | typeof updateSchema | typeof receptionRefusalSchema>(
  schema: S,
  input: unknown,
): { ok: true; data: Infer<S> } | { ok: false; errors: FieldErrors<string> } {
  const parsed = safeParse(schema, input);
  if (parsed.success) return { ok: true, data: parsed.data as Infer<S> };
  const errors: FieldErrors<string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? (issue.code === 'invalid_union' ? 'action' : 'form'));
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The earliest receipt the register accepts: anything before is a typing slip (the year), not a dossier. */
const EARLIEST_RECEIPT = '2000-01-01';
/** Past this many days, a receipt entered now is unusual enough to point out (a late entry, or a wrong date). */
const LATE_ENTRY_DAYS = 30;
/** A clock a few minutes ahead of the server's is not "the future". */
const CLOCK_SKEW_MINUTES = 5;

/**
 * Whether a step dated `at` may be recorded `now`: never later than now, never before 2000; a date
 * long past is allowed with a warning. `what` names the field in the messages.
 */
export function checkStepTime(
  at: CivilDateTime,
  now: CivilDateTime,
  what: string,
): { readonly error?: string; readonly warning?: string } {
  const nowDay = toDayNumber(now.date);
  const limit = nowDay * 1440 + now.minute + CLOCK_SKEW_MINUTES;
  if (toDayNumber(at.date) * 1440 + at.minute > limit) return { error: `${what} không được sau thời điểm hiện tại.` };
  if (compareDates(at.date, parseCivilDate(EARLIEST_RECEIPT) ?? EARLIEST_RECEIPT) < 0) {
    return { error: `${what} ${formatDateTimeVi(at)} trước năm 2000; hãy kiểm tra lại năm.` };
  }
  const daysAgo = nowDay - toDayNumber(at.date);
  if (daysAgo > LATE_ENTRY_DAYS) {
    return {
      warning: `${what} ${formatDateTimeVi(at)} cách hôm nay ${daysAgo} ngày: hồ sơ được ghi sổ muộn, hãy kiểm tra lại ngày.`,
    };
  }
  return {};
}
