/** The `due` and `calendar` commands (design.md §8, contract). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatIsoDateTime, parseCivilDateTime, parseClock } from '../../core/civil';
import { exceptionSource, WorkingCalendar } from '../../core/calendar';
import { computeDue, DEFAULT_CUTOFF_MINUTE, type Period } from '../../core/appointment';
import { DEFAULT_OFFICE_HOURS } from '../../core/officeHours';
import { formatAppointmentVi, formatDateVi, weekdayNameVi } from '../../core/format';
import { weekday } from '../../core/civil';
import { readCalendarFile } from './calendarFile';
import { UsageError } from './usage';

type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: ParseArgsConfig['options']): { values: ArgValues } {
  try {
    return { values: parseArgs({ args, options, allowPositionals: false, strict: true }).values as ArgValues };
  } catch (e) {
    throw new UsageError(`Tham số không hợp lệ: ${(e as Error).message}`);
  }
}

function calendarFrom(file: string | undefined): WorkingCalendar {
  return new WorkingCalendar(
    file ? exceptionSource({ table: readCalendarFile(file), mode: 'replace-all' }) : exceptionSource({}),
  );
}

export function parsePeriod(text: string, cutoff: string | undefined): Period {
  const m = /^(\d+)([dh])$/.exec(text.trim());
  if (text.trim() === 'same-day') {
    const cutoffMinute = cutoff === undefined ? DEFAULT_CUTOFF_MINUTE : parseClock(cutoff);
    if (cutoffMinute === undefined) throw new UsageError(`Giờ chốt “${cutoff}” không đúng dạng HH:mm.`);
    return { unit: 'trong ngày', value: 0, cutoffMinute };
  }
  if (!m) throw new UsageError(`Thời hạn “${text}” không hợp lệ: dùng Nd (ngày làm việc), Nh (giờ làm việc) hoặc same-day.`);
  if (cutoff !== undefined) throw new UsageError('--cutoff chỉ dùng với --period same-day.');
  const value = Number(m[1]);
  if (value > 3650) throw new UsageError(`Thời hạn ${text} quá lớn.`);
  return { unit: m[2] === 'd' ? 'ngày làm việc' : 'giờ làm việc', value };
}

export function dueCommand(args: string[]): string {
  const { values } = parse(args, {
    received: { type: 'string' },
    period: { type: 'string' },
    cutoff: { type: 'string' },
    calendar: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (typeof values.received !== 'string') throw new UsageError('Thiếu --received "YYYY-MM-DD HH:mm".');
  if (typeof values.period !== 'string') throw new UsageError('Thiếu --period (ví dụ 5d, 4h hoặc same-day).');
  const receivedAt = parseCivilDateTime(values.received);
  if (!receivedAt) throw new UsageError(`Thời điểm tiếp nhận “${values.received}” không đúng dạng YYYY-MM-DD HH:mm.`);
  const period = parsePeriod(values.period, typeof values.cutoff === 'string' ? values.cutoff : undefined);
  const calendar = calendarFrom(typeof values.calendar === 'string' ? values.calendar : undefined);
  const due = computeDue(period, receivedAt, { calendar, officeHours: DEFAULT_OFFICE_HOURS });
  if (values.json) return JSON.stringify({ dueDate: due.date, dueAt: formatIsoDateTime(due) });
  return `Hạn trả kết quả: ${formatAppointmentVi(due)} (${weekdayNameVi(weekday(due.date))})`;
}

export function calendarCommand(args: string[]): string {
  const { values } = parse(args, { year: { type: 'string' }, calendar: { type: 'string' }, json: { type: 'boolean' } });
  const year = Number(values.year);
  if (typeof values.year !== 'string' || !/^\d{4}$/.test(values.year) || year < 1901 || year > 2099) {
    throw new UsageError('Cần --year YYYY trong khoảng 1901–2099.');
  }
  const calendar = calendarFrom(typeof values.calendar === 'string' ? values.calendar : undefined);
  const days = calendar.exceptionsOfYear(year).map((e) => ({ date: e.date, kind: e.kind, name: e.name }));
  if (values.json) return JSON.stringify({ year, days });
  const labels = {
    holiday: 'Nghỉ lễ',
    compensatory: 'Nghỉ bù',
    'swap-off': 'Nghỉ hoán đổi',
    'makeup-workday': 'Làm bù',
  } as const;
  return [
    `Ngày nghỉ và ngày làm bù năm ${year}:`,
    ...days.map(
      (d) => `  ${formatDateVi(d.date)}  ${weekdayNameVi(weekday(d.date)).padEnd(9)} ${labels[d.kind].padEnd(14)} ${d.name}`,
    ),
  ].join('\n');
}
