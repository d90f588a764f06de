/** The procedure catalogue (`Danh mục TTHC`): how long each procedure may take and its rules. */
import {
  boolean,
  enum as zEnum,
  int,
  minLength,
  nonnegative,
  object,
  refine,
  optional,
  string,
  trim,
  type infer as Infer,
} from 'zod/mini';

export const PERIOD_UNITS = ['ngày làm việc', 'giờ làm việc', 'trong ngày'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** What a supplement does to the clock: restart from the complete dossier, or pause while waiting. */
export const SUPPLEMENT_RULES = ['tính lại', 'tạm dừng'] as const;
export type SupplementRule = (typeof SUPPLEMENT_RULES)[number];

/** A year of working days: no procedure in the national database is longer, and a typo of 1,000,000 must not run for seconds. */
const MAX_PERIOD: Record<PeriodUnit, number> = { 'ngày làm việc': 365, 'giờ làm việc': 2920, 'trong ngày': 365 };

export const procedureSchema = object({
  code: string().check(trim(), minLength(1, 'Thiếu mã TTHC.')),
  name: string().check(trim(), minLength(1, 'Thiếu tên thủ tục.')),
  field: string().check(trim(), minLength(1, 'Thiếu lĩnh vực.')),
  level: string(),
  periodValue: int('Thời hạn phải là số nguyên.').check(nonnegative('Thời hạn không được âm.')),
  periodUnit: zEnum(PERIOD_UNITS, 'Đơn vị thời hạn phải là “ngày làm việc”, “giờ làm việc” hoặc “trong ngày”.'),
  /** Same-day procedures with the 15:00 cut-off (received after it: due the next working day). */
  cutoff: boolean(),
  supplementRule: optional(zEnum(SUPPLEMENT_RULES, 'Quy tắc bổ sung phải là “tính lại” hoặc “tạm dừng”.')),
  fee: optional(string()),
  active: boolean(),
  /**
   * The competent agency when it is not the unit itself (`Cơ quan giải quyết` of the catalogue): a
   * commune centre receives dossiers that the commune police or another agency decides.
   */
  agency: optional(string()),
}).check(
  // A period of 0 working days or hours would put the appointment on the receipt day, even a Sunday.
  refine((p) => p.periodValue <= MAX_PERIOD[p.periodUnit], {
    message: 'Thời hạn quá dài: tối đa 365 ngày làm việc hoặc 2.920 giờ làm việc.',
    path: ['periodValue'],
  }),
  refine((p) => p.periodUnit === 'trong ngày' || p.periodValue >= 1, {
    message: 'Thời hạn theo ngày hoặc giờ làm việc phải từ 1 trở lên (thủ tục trả trong ngày: chọn đơn vị “trong ngày”).',
    path: ['periodValue'],
  }),
);
export type Procedure = Infer<typeof procedureSchema>;

/**
 * A sample of real commune-level procedures with the periods of the texts cited, for demos and
 * tests. A unit's own catalogue (the `Danh mục TTHC` tab) is the one that counts: provinces often
 * publish shorter periods than the law.
 */
export const SAMPLE_CATALOGUE: readonly Procedure[] = [
  // Civil Status Law 2014 Art. 16, 18, 34 and Art. 5(3) (after 15:00: next working day).
  sample('1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 0, 'trong ngày', true, 'tính lại', 'Miễn lệ phí'),
  sample('1.000894', 'Đăng ký kết hôn', 'Hộ tịch', 0, 'trong ngày', true, 'tính lại', 'Miễn lệ phí'),
  sample('1.000656', 'Đăng ký khai tử', 'Hộ tịch', 0, 'trong ngày', true, 'tính lại', 'Miễn lệ phí'),
  // Decree 123/2015 Art. 22: 3 working days.
  sample('1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 3, 'ngày làm việc', false, 'tính lại', '15.000 đồng'),
  // Decree 23/2015 Art. 7: same day, after 15:00 the next working day; contracts within 2 working days.
  sample(
    '2.000815',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    'Chứng thực',
    0,
    'trong ngày',
    true,
    'tính lại',
    '2.000 đồng/trang',
  ),
  sample(
    '2.000884',
    'Chứng thực chữ ký trong các giấy tờ, văn bản',
    'Chứng thực',
    0,
    'trong ngày',
    true,
    'tính lại',
    '10.000 đồng/trường hợp',
  ),
  sample(
    '2.001035',
    'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    'Chứng thực',
    2,
    'ngày làm việc',
    false,
    'tạm dừng',
    '50.000 đồng',
  ),
  // Residence Law 2020 Art. 22 and 28: 7 and 3 working days. The registering agency is the police
  // (Art. 2: "cơ quan đăng ký cư trú" is the commune police), not the commune UBND: the centre may
  // receive such a dossier, and the catalogue says who decides it.
  {
    ...sample('1.004194', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú', 7, 'ngày làm việc', false, 'tạm dừng', '20.000 đồng'),
    agency: 'Công an xã',
  },
  {
    ...sample('1.004222', 'Đăng ký tạm trú', 'Đăng ký, quản lý cư trú', 3, 'ngày làm việc', false, 'tạm dừng', '15.000 đồng'),
    agency: 'Công an xã',
  },
  // Decree 20/2021: commune review and posting before the district/commune decision.
  sample(
    '1.001776',
    'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng',
    'Bảo trợ xã hội',
    20,
    'ngày làm việc',
    false,
    'tạm dừng',
    'Không',
  ),
  // Land Law 2024 / Decree 101/2024: registration of changes, at most 10 working days.
  sample(
    '1.012795',
    'Đăng ký biến động đất đai, tài sản gắn liền với đất',
    'Đất đai',
    10,
    'ngày làm việc',
    false,
    'tạm dừng',
    'Theo nghị quyết HĐND tỉnh',
  ),
  // A copy from the original register, which many provinces promise within 4 working hours.
  sample('1.003583', 'Cấp bản sao trích lục hộ tịch', 'Hộ tịch', 4, 'giờ làm việc', false, 'tính lại', '8.000 đồng/bản'),
];

function sample(
  code: string,
  name: string,
  field: string,
  periodValue: number,
  periodUnit: PeriodUnit,
  cutoff: boolean,
  supplementRule: SupplementRule,
  fee: string,
): Procedure {
  return { code, name, field, level: 'Cấp xã', periodValue, periodUnit, cutoff, supplementRule, fee, active: true };
}

/** Search-as-you-type over code and name, ignoring case and diacritics. */
export function searchProcedures(catalogue: readonly Procedure[], query: string, limit = 20): Procedure[] {
  const needle = foldVietnamese(query);
  if (!needle) return catalogue.filter((p) => p.active).slice(0, limit);
  return catalogue
    .filter((p) => p.active && (foldVietnamese(p.name).includes(needle) || foldVietnamese(p.code).includes(needle)))
    .slice(0, limit);
}

/** Lower case without diacritics: "Đăng ký" → "dang ky". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .trim();
}
