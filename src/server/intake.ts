/**
 * Intake (`Một cửa › Tiếp nhận hồ sơ`): the sidebar's data and its submit. The server validates
 * again, checks every tab it will write, then under the document lock allocates `Mã hồ sơ` and
 * `STT`, writes the row's cells and the event, and answers with the code and the appointment.
 * The request's key is stored in the row and the log, so a retried submit is answered from the
 * sheet (never from a cache Google may have evicted) and a changed payload under a known id is refused.
 */
import { computeDue, periodOf } from '../core/appointment';
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { CHANNELS } from '../core/dossier';
import { isValidUnitIdentifier, parseDossierCode } from '../core/dossierCode';
import { formatAppointmentVi } from '../core/format';
import type { CalendarException } from '../core/holidays';
import { checkStepTime, type FieldErrors, type IntakeField, type IntakeInput, intakeSchema, validate } from '../core/input';
import { ACTION_LABELS } from '../core/lifecycle';
import type { OfficeHours } from '../core/officeHours';
import type { Procedure } from '../core/procedures';
import { compareRequestKeys, formatRequestKey, parseRequestKey, requestKey } from '../core/requestKey';
import { integerOf, textOf } from '../sheets/cells';
import { appendEvent, loggedRequestKeys, logLayout } from '../sheets/eventLog';
import { readColumn, readColumns, requireColumns, rowOfIndex, SheetProblem } from '../sheets/layout';
import { allocate, recordIssued } from '../sheets/numbering';
import { dossierAtRow, dossierCells, type RegisterEntry, registerLayout, type RegisterLayout } from '../sheets/register';
import { applyRegisterRules } from '../sheets/registerRules';
import { type RegisterHeader, registerFormat } from '../sheets/schema';
import { growRows, writeCells } from '../sheets/write';
import type { CellValue, Services } from '../gas/services';
import { openUnit, recalledAnswer, rememberAnswer, type UnitContext, withDocumentLock } from './unitContext';

export interface IntakeContextView {
  readonly unitName: string;
  readonly unitIdentifier: string;
  readonly now: string;
  readonly channels: readonly string[];
  readonly procedures: readonly Procedure[];
  readonly officers: readonly string[];
  readonly receiverName: string;
  readonly calendarTable: readonly CalendarException[];
  readonly officeHours: OfficeHours;
  readonly appointmentMinute: number | null;
  readonly problems: readonly string[];
  readonly zoneWarning: string;
}

/** Where an officer's own name is remembered between intakes (it is printed where they sign). */
const RECEIVER_NAME_PROPERTY = 'motcua.receiverName';

/** What the intake sidebar needs to compute appointments in the browser as the officer types. */
export function intakeContext(services: Services): IntakeContextView {
  const unit = openUnit(services);
  const layout = registerLayout(unit.spreadsheet);
  const officers = [...new Set(readColumn(layout, 'Cán bộ xử lý').map(textOf).filter(Boolean))].sort();
  return {
    unitName: unit.settings.unitName,
    unitIdentifier: unit.settings.unitIdentifier,
    now: formatIsoDateTime(unit.now),
    channels: CHANNELS,
    procedures: unit.procedures.filter((p) => p.active),
    officers,
    receiverName: services.propertiesService.getUserProperties().getProperty(RECEIVER_NAME_PROPERTY) ?? '',
    calendarTable: unit.exceptions,
    officeHours: unit.settings.officeHours,
    appointmentMinute: unit.settings.appointmentMinute ?? null,
    problems: unit.problems.map((p) => `${p.tab}, dòng ${p.row}: ${p.message}`),
    zoneWarning: unit.zoneWarning ?? '',
  };
}

export type IntakeResult =
  | {
      readonly ok: true;
      readonly code: string;
      readonly registerNumber: number;
      readonly dueAt: string;
      readonly appointment: string;
      readonly rowNumber: number;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: FieldErrors<IntakeField | 'form'> };

function refused(errors: FieldErrors<IntakeField | 'form'>): IntakeResult {
  return { ok: false, errors };
}

export function submitIntake(services: Services, input: unknown): IntakeResult {
  const checked = validate(intakeSchema, input);
  if (!checked.ok) return refused(checked.errors);
  const data = checked.data;
  try {
    return intake(services, data);
  } catch (error) {
    if (error instanceof SheetProblem) return refused({ form: error.message });
    throw error;
  }
}

function intake(services: Services, data: IntakeInput): IntakeResult {
  const unit = openUnit(services);
  if (!isValidUnitIdentifier(unit.settings.unitIdentifier)) {
    return refused({
      form: 'Chưa khai báo “Mã định danh đơn vị” đúng dạng (ví dụ 000.17.22.H56) trong trang Cấu hình; chưa thể cấp mã hồ sơ.',
    });
  }
  const procedure = unit.procedures.find((p) => p.code === data.procedureCode && p.active);
  if (!procedure) {
    return refused({ procedureCode: `Không tìm thấy thủ tục mã “${data.procedureCode}” đang áp dụng trong Danh mục TTHC.` });
  }
  const receivedAt = parseCivilDateTime(data.receivedAt);
  if (!receivedAt) return refused({ receivedAt: 'Thời điểm tiếp nhận không phải ngày giờ có thật.' });
  const timing = checkStepTime(receivedAt, unit.now, 'Thời điểm tiếp nhận');
  if (timing.error) return refused({ receivedAt: timing.error });
  const warnings = [...(timing.warning ? [timing.warning] : []), ...(unit.zoneWarning ? [unit.zoneWarning] : [])];
  const dueAt = computeDue(periodOf(procedure), receivedAt, unit.schedule);
  const { requestId, ...payload } = data;
  const key = requestKey('intake', requestId, payload);

  const result = withDocumentLock(services, () => {
    // Every tab this action writes is checked before anything is written.
    const register = registerLayout(unit.spreadsheet);
    const log = logLayout(unit.spreadsheet);
    const cells: Partial<Record<RegisterHeader, CellValue>> = {
      ...dossierCells(
        {
          code: '',
          procedureCode: procedure.code,
          channel: data.channel,
          status: 'Đã tiếp nhận',
          receivedAt,
          dueAt,
          supplementCount: 0,
        },
        unit.zone,
      ),
      STT: 0,
      'Tên thủ tục': procedure.name,
      'Lĩnh vực': procedure.field,
      'Đơn vị tiếp nhận': unit.settings.unitName,
      'Cơ quan giải quyết': unit.settings.unitName,
      'Người nộp': data.applicantName,
      'Số giấy tờ tùy thân': data.idNumber,
      'Địa chỉ': data.address,
      'Điện thoại': data.phone,
      Email: data.email,
      'Người tiếp nhận': data.receiverName,
      'Cán bộ xử lý': data.handler,
      'Ghi chú': data.note,
      'Giấy tờ đã nhận': data.documents,
      // Written empty so that, in the register's own layout, the row is one block.
      'Cảnh báo': '',
      'Mã yêu cầu': formatRequestKey(key),
    };
    requireColumns(
      register,
      (Object.keys(cells) as RegisterHeader[]).filter((h) => cells[h] !== '' || h === 'Mã yêu cầu'),
    );

    // Only the columns allocation needs: codes (with their day), register numbers, request keys.
    const read = readColumns(register, ['STT', 'Mã hồ sơ', 'Mã yêu cầu']);
    const codes = (read.get('Mã hồ sơ') ?? []).map(textOf);
    const keys = (read.get('Mã yêu cầu') ?? []).map(textOf);
    for (let i = 0; i < keys.length; i += 1) {
      const stored = parseRequestKey(keys[i] ?? '');
      const relation = stored ? compareRequestKeys(stored, key) : 'other';
      if (relation === 'conflict') {
        return refused({
          form: `Yêu cầu này đã được ghi thành hồ sơ ${codes[i] || `ở dòng ${rowOfIndex(register, i)}`} với nội dung khác. Nếu cần sửa thông tin, hãy sửa trực tiếp trên dòng ${rowOfIndex(register, i)} của sổ; để tiếp nhận hồ sơ mới, hãy mở lại biểu mẫu.`,
        });
      }
      if (relation === 'same') {
        return (
          recalledAnswer<IntakeResult>(services, formatRequestKey(key)) ??
          repeatAnswer(unit, register, log, rowOfIndex(register, i), formatRequestKey(key))
        );
      }
    }

    // A register number's year is its code's (YYMMDD); a row without a readable code counts for this
    // year, which can only leave a gap, never reissue a number.
    const year = Number(receivedAt.date.slice(0, 4));
    const registerNumbers = (read.get('STT') ?? []).flatMap((value, i) => {
      const n = integerOf(value);
      const parsed = parseDossierCode(codes[i] ?? '');
      return typeof n === 'number' ? [{ year: parsed ? 2000 + Number(parsed.datePart.slice(0, 2)) : year, number: n }] : [];
    });
    const properties = services.propertiesService.getDocumentProperties();
    const allocation = allocate(properties, unit.settings.unitIdentifier, receivedAt.date, codes, registerNumbers);
    const { code, registerNumber } = allocation;

    const rowNumber = Math.max(register.lastRow, register.headerRow) + 1;
    if (growRows(register.sheet, rowNumber)) applyRegisterRules(services.spreadsheetApp, register);
    // The request key goes last: a retry that finds it knows the whole row was written.
    writeCells(register, rowNumber, { ...cells, 'Mã hồ sơ': code, STT: registerNumber }, registerFormat, 'Mã yêu cầu');
    appendEvent(log, receiveEvent(unit, code, procedure.code, receivedAt, dueAt, formatRequestKey(key)));
    recordIssued(properties, allocation);
    const first: IntakeResult = { ...answer(code, registerNumber, dueAt, rowNumber), warnings };
    rememberAnswer(services, formatRequestKey(key), first);
    return first;
  });
  if (result.ok) services.propertiesService.getUserProperties().setProperty(RECEIVER_NAME_PROPERTY, data.receiverName);
  return result;
}

function answer(
  code: string,
  registerNumber: number,
  dueAt: CivilDateTime,
  rowNumber: number,
): Extract<IntakeResult, { ok: true }> {
  return {
    ok: true,
    code,
    registerNumber,
    dueAt: formatIsoDateTime(dueAt),
    appointment: formatAppointmentVi(dueAt),
    rowNumber,
    warnings: [],
  };
}

function receiveEvent(
  unit: UnitContext,
  code: string,
  procedureCode: string,
  receivedAt: CivilDateTime,
  dueAt: CivilDateTime,
  key: string,
) {
  return {
    at: unit.zone.toDate(receivedAt),
    user: unit.user,
    code,
    action: ACTION_LABELS.receive,
    from: '' as const,
    to: 'Đã tiếp nhận' as const,
    // No personal data here: the applicant and the documents stay in the register row.
    note: `${procedureCode} – hẹn ${formatAppointmentVi(dueAt)}`,
    details: { dueAt: formatIsoDateTime(dueAt) },
    requestKey: key,
  };
}

/**
 * The same request again (a double click, a retried call): the first answer, read back from the
 * row it wrote. If that earlier run stopped between the row and its event, the event is added now.
 */
function repeatAnswer(
  unit: UnitContext,
  register: RegisterLayout,
  log: ReturnType<typeof logLayout>,
  rowNumber: number,
  key: string,
): IntakeResult {
  const found = dossierAtRow(register, rowNumber, unit.zone);
  if (!found.ok) return refused({ form: found.message });
  const entry: RegisterEntry = found.entry;
  const d = entry.dossier;
  if (!loggedRequestKeys(log).has(key)) {
    appendEvent(log, receiveEvent(unit, d.code, d.procedureCode, d.receivedAt, d.dueAt, key));
  }
  return answer(d.code, entry.registerNumber ?? 0, d.dueAt, rowNumber);
}
