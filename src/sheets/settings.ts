/** The unit's own tables: settings (`Cấu hình`), procedures (`Danh mục TTHC`), days off (`Ngày nghỉ`). */
import { safeParse } from 'zod/mini';
import { type CalendarException, exceptionKindFromLabel, isNotAppliedLabel } from '../core/holidays';
import { DEFAULT_OFFICE_HOURS, type OfficeHours, parseOfficeHours } from '../core/officeHours';
import { type Procedure, procedureSchema, SUPPLEMENT_RULES, type SupplementRule } from '../core/procedures';
import { parseClock } from '../core/civil';
import type { Spreadsheet } from '../gas/services';
import { dateOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import {
  CALENDAR_HEADERS,
  CATALOGUE_HEADERS,
  CONFIG_HEADERS,
  KEEP_ID_AND_ADDRESS,
  OFFICER_KEY_PREFIX,
  OFFICIAL_CODES,
  TABS,
} from './schema';
import { cell, HEADER_SCAN_ROWS, readTable } from './table';

export interface UnitSettings {
  readonly unitName: string;
  readonly unitIdentifier: string;
  readonly parentUnit: string;
  readonly officeHours: OfficeHours;
  readonly appointmentMinute?: number;
  readonly leadDays: number;
  readonly defaultSupplementRule: SupplementRule;
  readonly returnPlace: string;
  readonly headEmail: string;
  readonly councilEmails: readonly string[];
  /** The hour (Vietnam time) of the daily deadline check. */
  readonly warningHour: number;
  /** Handling officers' e-mail addresses, by their name as written in `Cán bộ xử lý`. */
  readonly officerEmails: readonly (readonly [string, string])[];
  /**
   * Whether the applicant's ID number and address are recorded at all (`Lưu số giấy tờ và địa chỉ
   * người nộp`): a unit may keep the personal columns minimal (Law 91/2025/QH15).
   */
  readonly keepIdAndAddress: boolean;
  /**
   * Whether `Mã hồ sơ` comes from the provincial system (`Mã hồ sơ do hệ thống tỉnh cấp`): intake
   * then asks for it and MotCua issues no code, only the register's `STT`.
   */
  readonly officialCodes: boolean;
}

const EMAIL = /^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;"]+$/;

/** Whether a text is one e-mail address as MotCua takes it (no list, no display name). */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

/** The addresses of a `Cấu hình` cell that may list several, separated by commas, semicolons or spaces. */
export function emailsIn(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** A problem in one of the unit's tables, with where it is. */
export interface TableProblem {
  readonly tab: string;
  readonly row: number;
  readonly message: string;
  /** The dossier code of a bad register row, when it has one. */
  readonly code?: string;
}

/** A small tab whose header row cannot be found: nothing in it is used, and the person is told. */
function headerMissing(tab: string, key: string): TableProblem {
  return {
    tab,
    row: 0,
    message: `Không tìm thấy dòng tiêu đề (cần cột “${key}”) trong ${HEADER_SCAN_ROWS} dòng đầu, nên chưa dùng được trang này; hãy khôi phục dòng tiêu đề hoặc chạy Một cửa › Thiết lập sổ.`,
  };
}

export function readSettings(spreadsheet: Spreadsheet): { settings: UnitSettings; problems: TableProblem[] } {
  const sheet = spreadsheet.getSheetByName(TABS.config);
  const values = new Map<string, { value: string; row: number }>();
  const problems: TableProblem[] = [];
  if (sheet) {
    const table = readTable(sheet, CONFIG_HEADERS, 'Thiết lập');
    if (table.headerRow === 0) problems.push(headerMissing(TABS.config, 'Thiết lập'));
    for (const { rowNumber, values: row } of table.rows) {
      values.set(textOf(cell(table, row, 'Thiết lập')), { value: textOf(cell(table, row, 'Giá trị')), row: rowNumber });
    }
  }
  const get = (key: string) => values.get(key)?.value ?? '';
  const problem = (key: string, message: string) => problems.push({ tab: TABS.config, row: values.get(key)?.row ?? 0, message });

  const hoursText = get('Giờ làm việc');
  const parsedHours = hoursText ? parseOfficeHours(hoursText) : DEFAULT_OFFICE_HOURS;
  if (typeof parsedHours === 'string') problem('Giờ làm việc', parsedHours);
  const appointmentText = get('Giờ hẹn trả kết quả');
  const appointmentMinute = appointmentText ? parseClock(appointmentText) : undefined;
  if (appointmentText && appointmentMinute === undefined)
    problem('Giờ hẹn trả kết quả', `Giờ hẹn “${appointmentText}” không đúng dạng HH:mm.`);
  const leadText = get('Số ngày báo trước khi đến hạn');
  const leadDays = leadText === '' ? 2 : Number(leadText);
  if (!Number.isInteger(leadDays) || leadDays < 0)
    problem('Số ngày báo trước khi đến hạn', `Số ngày báo trước “${leadText}” phải là số nguyên không âm.`);
  const hourText = get('Giờ gửi cảnh báo hằng ngày');
  const warningHour = hourText === '' ? 7 : Number(hourText);
  if (!Number.isInteger(warningHour) || warningHour < 0 || warningHour > 23)
    problem('Giờ gửi cảnh báo hằng ngày', `Giờ gửi cảnh báo “${hourText}” phải là số nguyên từ 0 đến 23.`);
  const officerEmails: [string, string][] = [];
  for (const [key, { value, row }] of values) {
    if (!key.startsWith(OFFICER_KEY_PREFIX)) continue;
    const name = key.slice(OFFICER_KEY_PREFIX.length).trim();
    if (!name || name === 'Họ và tên' || !value) continue;
    if (!isEmailAddress(value)) {
      problems.push({ tab: TABS.config, row, message: `Email của cán bộ ${name} “${value}” không đúng dạng.` });
      continue;
    }
    officerEmails.push([name.normalize('NFC'), value]);
  }
  const ruleText = get('Quy tắc bổ sung mặc định') || 'tính lại';
  const rule = (SUPPLEMENT_RULES as readonly string[]).includes(ruleText) ? (ruleText as SupplementRule) : 'tính lại';
  if (rule !== ruleText) problem('Quy tắc bổ sung mặc định', `Quy tắc bổ sung “${ruleText}” phải là “tính lại” hoặc “tạm dừng”.`);
  const keepText = get(KEEP_ID_AND_ADDRESS).toLowerCase();
  // Anything but a clear "no" keeps them: a typo must not silently drop what the procedure needs.
  const keepIdAndAddress = !NO.includes(keepText);
  if (keepText && keepIdAndAddress && !yes(keepText))
    problem(KEEP_ID_AND_ADDRESS, `“${get(KEEP_ID_AND_ADDRESS)}” phải là “Có” hoặc “Không”; MotCua vẫn lưu cho đến khi sửa.`);
  const officialText = get(OFFICIAL_CODES).normalize('NFC').toLowerCase();
  // Only a clear "yes": a typo keeps MotCua issuing codes as it did, and says so.
  const officialCodes = yes(officialText);
  if (officialText && !officialCodes && !NO.includes(officialText))
    problem(OFFICIAL_CODES, `“${get(OFFICIAL_CODES)}” phải là “Có” hoặc “Không”; MotCua vẫn tự cấp mã hồ sơ cho đến khi sửa.`);

  return {
    settings: {
      unitName: get('Tên đơn vị'),
      unitIdentifier: get('Mã định danh đơn vị'),
      parentUnit: get('Đơn vị cấp trên'),
      officeHours: typeof parsedHours === 'string' ? DEFAULT_OFFICE_HOURS : parsedHours,
      ...(appointmentMinute !== undefined ? { appointmentMinute } : {}),
      leadDays: Number.isInteger(leadDays) && leadDays >= 0 ? leadDays : 2,
      defaultSupplementRule: rule,
      returnPlace: get('Nơi trả kết quả'),
      headEmail: get('Email thủ trưởng'),
      warningHour: Number.isInteger(warningHour) && warningHour >= 0 && warningHour <= 23 ? warningHour : 7,
      officerEmails,
      councilEmails: emailsIn(get('Email HĐND (bản chỉ xem)')),
      keepIdAndAddress,
      officialCodes,
    },
    problems,
  };
}

const NO: readonly string[] = ['không', 'khong', 'no', 'false', '0'];
const yes = (text: string) => ['có', 'x', 'true', '1', 'yes'].includes(text.toLowerCase());

export function readCatalogue(spreadsheet: Spreadsheet): { procedures: Procedure[]; problems: TableProblem[] } {
  const sheet = spreadsheet.getSheetByName(TABS.catalogue);
  if (!sheet)
    return {
      procedures: [],
      problems: [{ tab: TABS.catalogue, row: 0, message: 'Chưa có trang Danh mục TTHC; hãy chạy Một cửa › Thiết lập sổ.' }],
    };
  const table = readTable(sheet, CATALOGUE_HEADERS, 'Mã TTHC');
  const procedures: Procedure[] = [];
  const problems: TableProblem[] = table.headerRow === 0 ? [headerMissing(TABS.catalogue, 'Mã TTHC')] : [];
  for (const { rowNumber, values } of table.rows) {
    const get = (h: (typeof CATALOGUE_HEADERS)[number]) => textOf(cell(table, values, h));
    if (!get('Mã TTHC') && !get('Tên thủ tục')) continue;
    const periodCell = cell(table, values, 'Thời hạn');
    const parsed = safeParse(procedureSchema, {
      code: get('Mã TTHC'),
      name: get('Tên thủ tục'),
      field: get('Lĩnh vực'),
      level: get('Cấp thực hiện'),
      periodValue:
        typeof periodCell === 'number' ? periodCell : periodCell === '' ? 0 : Number(String(periodCell).replace(',', '.')),
      periodUnit: get('Đơn vị thời hạn'),
      cutoff: yes(get('Giờ chốt 15:00')),
      supplementRule: get('Quy tắc bổ sung') || undefined,
      fee: get('Phí, lệ phí'),
      active: get('Đang áp dụng') === '' || yes(get('Đang áp dụng')),
      agency: get('Cơ quan giải quyết') || undefined,
    });
    if (parsed.success) procedures.push(parsed.data);
    else problems.push({ tab: TABS.catalogue, row: rowNumber, message: parsed.error.issues.map((i) => i.message).join(' ') });
  }
  return { procedures, problems };
}

export function readCalendarTable(
  spreadsheet: Spreadsheet,
  zone: ZoneConverter,
): { exceptions: CalendarException[]; problems: TableProblem[] } {
  const sheet = spreadsheet.getSheetByName(TABS.calendar);
  if (!sheet) return { exceptions: [], problems: [] };
  const table = readTable(sheet, CALENDAR_HEADERS, 'Ngày');
  const exceptions: CalendarException[] = [];
  const problems: TableProblem[] = table.headerRow === 0 ? [headerMissing(TABS.calendar, 'Ngày')] : [];
  for (const { rowNumber, values } of table.rows) {
    const rawDate = cell(table, values, 'Ngày');
    const kindText = textOf(cell(table, values, 'Loại'));
    if (rawDate === '' && !kindText) continue;
    // Listed for the unit to opt into (24/11), not a day off until its Loại is changed.
    if (isNotAppliedLabel(kindText)) continue;
    const date = dateOf(rawDate, zone);
    const kind = exceptionKindFromLabel(kindText);
    if (date === undefined || date === 'invalid')
      problems.push({ tab: TABS.calendar, row: rowNumber, message: `Ngày “${textOf(rawDate)}” không hợp lệ.` });
    else if (!kind)
      problems.push({
        tab: TABS.calendar,
        row: rowNumber,
        message: `Loại ngày “${kindText}” phải là Nghỉ lễ, Nghỉ bù, Nghỉ hoán đổi hoặc Làm bù.`,
      });
    else exceptions.push({ date, kind, name: textOf(cell(table, values, 'Tên')) });
  }
  return { exceptions, problems };
}
