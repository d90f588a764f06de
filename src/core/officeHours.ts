/** Office hours (a unit setting) and arithmetic in working minutes. */
import { addDays, type CivilDateTime, compareDateTimes, parseClock } from './civil';
import type { WorkingCalendar } from './calendar';

interface OfficeInterval {
  readonly start: number;
  readonly end: number;
}
/** Sorted, non-overlapping intervals of a working day, in minutes since midnight. */
export type OfficeHours = readonly OfficeInterval[];

/** 7:30–11:30 and 13:30–17:00, the hours most communes post; provinces may set others. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  { start: 7 * 60 + 30, end: 11 * 60 + 30 },
  { start: 13 * 60 + 30, end: 17 * 60 },
];

/** Parses `07:30-11:30, 13:30-17:00`; returns a Vietnamese error text when it is not valid. */
export function parseOfficeHours(text: string): OfficeHours | string {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Giờ làm việc trống; ví dụ hợp lệ: 07:30-11:30, 13:30-17:00.';
  const intervals: OfficeInterval[] = [];
  for (const part of parts) {
    const [a, b, extra] = part.split(/\s*[-–]\s*/);
    const start = parseClock(a ?? '');
    const end = parseClock(b ?? '');
    if (extra !== undefined || start === undefined || end === undefined || end <= start) {
      return `Khoảng giờ làm việc “${part}” không hợp lệ; ví dụ hợp lệ: 07:30-11:30, 13:30-17:00.`;
    }
    const last = intervals[intervals.length - 1];
    if (last && start < last.end) return `Khoảng giờ “${part}” chồng lên khoảng trước; hãy ghi theo thứ tự.`;
    intervals.push({ start, end });
  }
  return intervals;
}

export function officeEnd(hours: OfficeHours): number {
  const last = hours[hours.length - 1];
  if (!last) throw new RangeError('Office hours are empty');
  return last.end;
}

/**
 * The instant after `minutes` working minutes counted from `from` inside office hours on working
 * days. A count that ends exactly at the end of an interval ends there (17:00, not next morning).
 */
export function addWorkingMinutes(
  from: CivilDateTime,
  minutes: number,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): CivilDateTime {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`Invalid working minutes ${minutes}`);
  let date = from.date;
  let earliest = from.minute;
  let remaining = minutes;
  for (let guard = 0; guard < 366 * 50; guard += 1) {
    if (calendar.isWorkingDay(date)) {
      for (const interval of hours) {
        const start = Math.max(interval.start, earliest);
        if (start >= interval.end) continue;
        const available = interval.end - start;
        if (remaining <= available) return { date, minute: start + remaining };
        remaining -= available;
      }
    }
    date = addDays(date, 1);
    earliest = 0;
  }
  throw new RangeError('Lịch không có đủ giờ làm việc để tính hạn.');
}

/** Working minutes inside office hours between two instants (0 if `to` is not after `from`). */
export function workingMinutesBetween(
  from: CivilDateTime,
  to: CivilDateTime,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): number {
  if (compareDateTimes(to, from) <= 0) return 0;
  let total = 0;
  for (let date = from.date; date <= to.date; date = addDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    const lo = date === from.date ? from.minute : 0;
    const hi = date === to.date ? to.minute : 24 * 60;
    for (const interval of hours) {
      const start = Math.max(interval.start, lo);
      const end = Math.min(interval.end, hi);
      if (end > start) total += end - start;
    }
  }
  return total;
}
