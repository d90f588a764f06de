/**
 * The appointment (due) date of a dossier: from the procedure's period, the receipt time, the
 * unit's calendar and office hours; then supplements and the single re-appointment.
 */
import { type CivilDateTime, compareDates, type CivilDate, toDayNumber } from './civil';
import type { WorkingCalendar } from './calendar';
import { addWorkingMinutes, officeEnd, type OfficeHours, workingMinutesBetween } from './officeHours';
import type { PeriodUnit, Procedure, SupplementRule } from './procedures';
import { formatDateVi } from './format';

export interface Period {
  readonly unit: PeriodUnit;
  /** Working days or working hours; ignored for `trong ngày`. */
  readonly value: number;
  /** `trong ngày` only: minutes since midnight after which the dossier is due the next working day. */
  readonly cutoffMinute?: number;
}

export const DEFAULT_CUTOFF_MINUTE = 15 * 60;

/** The period a catalogue entry gives its dossiers; same-day ones carry the 15:00 cut-off if flagged. */
export function periodOf(procedure: Pick<Procedure, 'periodUnit' | 'periodValue' | 'cutoff'>): Period {
  return {
    unit: procedure.periodUnit,
    value: procedure.periodValue,
    ...(procedure.periodUnit === 'trong ngày' && procedure.cutoff ? { cutoffMinute: DEFAULT_CUTOFF_MINUTE } : {}),
  };
}

export interface ScheduleContext {
  readonly calendar: WorkingCalendar;
  readonly officeHours: OfficeHours;
  /** The hour printed on day-based appointments; defaults to the end of office hours. */
  readonly appointmentMinute?: number;
}

function appointmentMinute(ctx: ScheduleContext): number {
  return ctx.appointmentMinute ?? officeEnd(ctx.officeHours);
}

/** The appointment for a dossier complete at `receivedAt`. */
export function computeDue(period: Period, receivedAt: CivilDateTime, ctx: ScheduleContext): CivilDateTime {
  switch (period.unit) {
    case 'ngày làm việc':
      // Civil Code Art. 147–148: the day of receipt is not counted.
      return { date: ctx.calendar.addWorkingDays(receivedAt.date, period.value), minute: appointmentMinute(ctx) };
    case 'giờ làm việc':
      return addWorkingMinutes(receivedAt, period.value * 60, ctx.calendar, ctx.officeHours);
    case 'trong ngày': {
      const { calendar } = ctx;
      const afterCutoff = period.cutoffMinute !== undefined && receivedAt.minute > period.cutoffMinute;
      const date =
        calendar.isWorkingDay(receivedAt.date) && !afterCutoff ? receivedAt.date : calendar.nextWorkingDay(receivedAt.date);
      return { date, minute: appointmentMinute(ctx) };
    }
  }
}

/**
 * The appointment once the complete dossier arrives after a supplement request.
 * `tính lại` (Decree 61/118): the period restarts from the arrival; `tạm dừng` (the 766 index's
 * reading): the working time spent waiting is added to the current appointment.
 */
export function dueAfterSupplement(args: {
  readonly rule: SupplementRule;
  readonly period: Period;
  readonly currentDue: CivilDateTime;
  readonly requestedAt: CivilDateTime;
  readonly arrivedAt: CivilDateTime;
  readonly ctx: ScheduleContext;
}): CivilDateTime {
  const { rule, period, currentDue, requestedAt, arrivedAt, ctx } = args;
  if (rule === 'tính lại' || period.unit === 'trong ngày') return computeDue(period, arrivedAt, ctx);
  if (period.unit === 'giờ làm việc') {
    const paused = workingMinutesBetween(requestedAt, arrivedAt, ctx.calendar, ctx.officeHours);
    return addWorkingMinutes(currentDue, paused, ctx.calendar, ctx.officeHours);
  }
  const pausedDays = ctx.calendar.workingDaysBetween(requestedAt.date, arrivedAt.date);
  return { date: ctx.calendar.addWorkingDays(currentDue.date, pausedDays), minute: currentDue.minute };
}

/**
 * Why a re-appointment (Mẫu 04) is not allowed, or undefined when it is: only once, sent at least
 * one working day before the original appointment, to a later working day.
 */
export function reappointmentRefusal(args: {
  readonly originalDue: CivilDate;
  readonly alreadyReappointed: boolean;
  readonly requestDate: CivilDate;
  readonly newDue: CivilDate;
  readonly calendar: WorkingCalendar;
}): string | undefined {
  const { originalDue, alreadyReappointed, requestDate, newDue, calendar } = args;
  if (alreadyReappointed) {
    return 'Hồ sơ đã được xin lỗi và hẹn lại một lần; chỉ được hẹn lại một lần.';
  }
  const latest = calendar.previousWorkingDay(originalDue);
  if (compareDates(requestDate, latest) > 0) {
    return `Văn bản xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả ${formatDateVi(originalDue)} (tức là ngày ${formatDateVi(latest)}).`;
  }
  if (toDayNumber(newDue) - toDayNumber(originalDue) > 366) {
    return `Ngày hẹn mới ${formatDateVi(newDue)} quá xa (hơn 1 năm sau hạn ban đầu ${formatDateVi(originalDue)}); hãy kiểm tra lại năm.`;
  }
  if (compareDates(newDue, originalDue) <= 0) {
    return `Ngày hẹn mới phải sau hạn trả kết quả ban đầu ${formatDateVi(originalDue)}.`;
  }
  if (!calendar.isWorkingDay(newDue)) {
    return `Ngày hẹn mới ${formatDateVi(newDue)} không phải ngày làm việc.`;
  }
  return undefined;
}
