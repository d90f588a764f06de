/**
 * Intake (`Một cửa › Tiếp nhận hồ sơ`): the sidebar's data and its submit. The server validates
 * again, then under the document lock allocates `Mã hồ sơ` and `STT`, appends the row and the
 * event, and answers with the code and the appointment. A repeated request id (a double click,
 * a retried call) gets the first answer back instead of a second dossier.
 */
import { computeDue, periodOf } from '../core/appointment';
import { compareDateTimes, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { CHANNELS, type Dossier } from '../core/dossier';
import { isValidUnitIdentifier, nextDossierCode, nextRegisterNumber } from '../core/dossierCode';
import { formatAppointmentVi } from '../core/format';
import type { CalendarException } from '../core/holidays';
import { type FieldErrors, type IntakeField, intakeSchema, validate } from '../core/input';
import { ACTION_LABELS } from '../core/lifecycle';
import type { OfficeHours } from '../core/officeHours';
import type { Procedure } from '../core/procedures';
import { appendEvents } from '../sheets/eventLog';
import { dossierCells, ensureRowsAfter, readRegister, rowFor } from '../sheets/register';
import { asLiteralText } from '../sheets/safeText';
import type { Services } from './services';
import { onceUnderLock, openUnit } from './unit';

export interface IntakeContextView {
  readonly unitName: string;
  readonly unitIdentifier: string;
  readonly now: string;
  readonly channels: readonly string[];
  readonly procedures: readonly Procedure[];
  readonly officers: readonly string[];
  readonly calendarTable: readonly CalendarException[];
  readonly officeHours: OfficeHours;
  readonly appointmentMinute: number | null;
  readonly problems: readonly string[];
}

/** What the intake sidebar needs to compute appointments in the browser as the officer types. */
export function intakeContext(services: Services): IntakeContextView {
  const unit = openUnit(services);
  const register = readRegister(unit.spreadsheet, unit.zone);
  const officers = [...new Set(register.entries.map((e) => e.text['Cán bộ xử lý']).filter(Boolean))].sort();
  return {
    unitName: unit.settings.unitName,
    unitIdentifier: unit.settings.unitIdentifier,
    now: formatIsoDateTime(unit.now),
    channels: CHANNELS,
    procedures: unit.procedures.filter((p) => p.active),
    officers,
    calendarTable: unit.exceptions,
    officeHours: unit.settings.officeHours,
    appointmentMinute: unit.settings.appointmentMinute ?? null,
    problems: unit.problems.map((p) => `${p.tab}, dòng ${p.row}: ${p.message}`),
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
    }
  | { readonly ok: false; readonly errors: FieldErrors<IntakeField | 'form'> };

export function submitIntake(services: Services, input: unknown): IntakeResult {
  const checked = validate(intakeSchema, input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const data = checked.data;
  const unit = openUnit(services);
  if (!isValidUnitIdentifier(unit.settings.unitIdentifier)) {
    return {
      ok: false,
      errors: {
        form: 'Chưa khai báo “Mã định danh đơn vị” đúng dạng (ví dụ 000.17.22.H56) trong trang Cấu hình; chưa thể cấp mã hồ sơ.',
      },
    };
  }
  const procedure = unit.procedures.find((p) => p.code === data.procedureCode && p.active);
  if (!procedure)
    return {
      ok: false,
      errors: { procedureCode: `Không tìm thấy thủ tục mã “${data.procedureCode}” đang áp dụng trong Danh mục TTHC.` },
    };
  const receivedAt = parseCivilDateTime(data.receivedAt);
  if (!receivedAt) return { ok: false, errors: { receivedAt: 'Thời điểm tiếp nhận không phải ngày giờ có thật.' } };
  if (compareDateTimes(receivedAt, { date: unit.now.date, minute: Math.min(unit.now.minute + 5, 1439) }) > 0) {
    return { ok: false, errors: { receivedAt: 'Thời điểm tiếp nhận không được sau thời điểm hiện tại.' } };
  }
  const dueAt = computeDue(periodOf(procedure), receivedAt, unit.schedule);
  return onceUnderLock<IntakeResult>(services, data.requestId, () => {
    const register = readRegister(unit.spreadsheet, unit.zone);
    const code = nextDossierCode(unit.settings.unitIdentifier, receivedAt.date, register.codes);
    const registerNumber = nextRegisterNumber(Number(receivedAt.date.slice(0, 4)), register.registerNumbers);
    const dossier: Dossier = {
      code,
      procedureCode: procedure.code,
      channel: data.channel,
      status: 'Đã tiếp nhận',
      receivedAt,
      dueAt,
      supplementCount: 0,
    };
    const row = rowFor(register.table, {
      ...dossierCells(dossier, unit.zone),
      STT: registerNumber,
      'Tên thủ tục': asLiteralText(procedure.name),
      'Lĩnh vực': asLiteralText(procedure.field),
      'Đơn vị tiếp nhận': asLiteralText(unit.settings.unitName),
      'Cơ quan giải quyết': asLiteralText(unit.settings.unitName),
      'Người nộp': asLiteralText(data.applicantName),
      'Số giấy tờ tùy thân': asLiteralText(data.idNumber),
      'Địa chỉ': asLiteralText(data.address),
      'Điện thoại': asLiteralText(data.phone),
      Email: asLiteralText(data.email),
      'Người tiếp nhận': asLiteralText(unit.user),
      'Cán bộ xử lý': asLiteralText(data.handler),
      'Ghi chú': asLiteralText(data.note),
      'Giấy tờ đã nhận': asLiteralText(data.documents),
    });
    const lastRow = register.sheet.getLastRow();
    const rowNumber = Math.max(lastRow, 1) + 1;
    ensureRowsAfter(register.sheet, rowNumber - 1, 1);
    register.sheet.getRange(rowNumber, 1, 1, row.length).setValues([row]);
    appendEvents(unit.spreadsheet, [
      {
        at: unit.zone.toDate(receivedAt),
        user: unit.user,
        code,
        action: ACTION_LABELS.receive,
        from: '',
        to: 'Đã tiếp nhận',
        // No personal data here: the applicant and the documents stay in the register row.
        note: `${procedure.code} – hẹn ${formatAppointmentVi(dueAt)}`,
      },
    ]);
    return {
      ok: true,
      code,
      registerNumber,
      dueAt: formatIsoDateTime(dueAt),
      appointment: formatAppointmentVi(dueAt),
      rowNumber,
    };
  });
}
