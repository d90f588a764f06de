/**
 * Built-in calendar exceptions: the schedules announced for civil servants (which differ from the
 * statute almost every year) and, for other years, the statutory rule of Labour Code 2019 Art. 111–112.
 * These only seed the editable `Ngày nghỉ` table; an admin's table wins for the years it lists.
 */
import { addDays, civilDate, compareDates, type CivilDate, weekday, yearOf } from './civil';
import { hungKingsDay, lunarNewYear } from './lunar';

export const EXCEPTION_KINDS = ['holiday', 'compensatory', 'swap-off', 'makeup-workday'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** The Vietnamese labels of the `Ngày nghỉ` tab, by kind. */
export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  holiday: 'Nghỉ lễ',
  compensatory: 'Nghỉ bù',
  'swap-off': 'Nghỉ hoán đổi',
  'makeup-workday': 'Làm bù',
};

export function exceptionKindFromLabel(label: string): ExceptionKind | undefined {
  const normalized = label.normalize('NFC').trim().toLowerCase();
  for (const kind of EXCEPTION_KINDS) {
    if (kind === normalized || EXCEPTION_KIND_LABELS[kind].toLowerCase() === normalized) return kind;
  }
  return undefined;
}

export interface CalendarException {
  readonly date: CivilDate;
  readonly kind: ExceptionKind;
  readonly name: string;
}

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const REUNIFICATION = 'Ngày Chiến thắng (30/4)';
const LABOUR_DAY = 'Ngày Quốc tế Lao động (1/5)';
const NATIONAL_DAY = 'Quốc khánh (2/9)';

function days(from: CivilDate, count: number, kind: ExceptionKind, name: string): CalendarException[] {
  return Array.from({ length: count }, (_, i) => ({ date: addDays(from, i), kind, name }));
}
function one(date: CivilDate, kind: ExceptionKind, name: string): CalendarException {
  return { date, kind, name };
}
function compensatory(date: CivilDate, forName: string): CalendarException {
  return { date, kind: 'compensatory', name: `Nghỉ bù ${forName}` };
}

/**
 * Schedules announced for civil servants (Bộ Nội vụ / Thủ tướng notices each year), as summarised
 * in shared/domain.md §4. A year listed here replaces the statutory computation for that year.
 */
export const ANNOUNCED_SCHEDULES: Readonly<Record<number, readonly CalendarException[]>> = {
  // Labour Code 2012 still applied: 2/9 was one day. Tết off Thu 23/1–Wed 29/1.
  2020: [
    one('2020-01-01', 'holiday', NEW_YEAR),
    ...days('2020-01-23', 5, 'holiday', TET),
    ...days('2020-01-28', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2020-04-02', 'holiday', HUNG_KINGS),
    one('2020-04-30', 'holiday', REUNIFICATION),
    one('2020-05-01', 'holiday', LABOUR_DAY),
    one('2020-09-02', 'holiday', NATIONAL_DAY),
  ],
  // 1/1 on a Sunday; Tết off 20–26/1; 29/4–3/5 with two compensatory days; 1–4/9.
  2023: [
    compensatory('2023-01-02', NEW_YEAR),
    ...days('2023-01-20', 5, 'holiday', TET),
    ...days('2023-01-25', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2023-04-29', 'holiday', HUNG_KINGS),
    one('2023-04-30', 'holiday', REUNIFICATION),
    one('2023-05-01', 'holiday', LABOUR_DAY),
    compensatory('2023-05-02', HUNG_KINGS),
    compensatory('2023-05-03', REUNIFICATION),
    one('2023-09-01', 'holiday', NATIONAL_DAY),
    one('2023-09-02', 'holiday', NATIONAL_DAY),
    compensatory('2023-09-04', NATIONAL_DAY),
  ],
  // Tết 8–14/2; 27/4–1/5 with Mon 29/4 swapped for Sat 4/5; 31/8–3/9.
  2024: [
    one('2024-01-01', 'holiday', NEW_YEAR),
    ...days('2024-02-08', 5, 'holiday', TET),
    ...days('2024-02-13', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2024-04-18', 'holiday', HUNG_KINGS),
    one('2024-04-29', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)'),
    one('2024-04-30', 'holiday', REUNIFICATION),
    one('2024-05-01', 'holiday', LABOUR_DAY),
    one('2024-05-04', 'makeup-workday', 'Làm bù cho thứ Hai 29/4'),
    one('2024-09-02', 'holiday', NATIONAL_DAY),
    one('2024-09-03', 'holiday', NATIONAL_DAY),
  ],
  // Tết days 27–31/1 (off 25/1–2/2); 30/4–4/5 with Fri 2/5 swapped for Sat 26/4; 30/8–2/9.
  2025: [
    one('2025-01-01', 'holiday', NEW_YEAR),
    ...days('2025-01-27', 5, 'holiday', TET),
    one('2025-04-07', 'holiday', HUNG_KINGS),
    one('2025-04-26', 'makeup-workday', 'Làm bù cho thứ Sáu 02/5'),
    one('2025-04-30', 'holiday', REUNIFICATION),
    one('2025-05-01', 'holiday', LABOUR_DAY),
    one('2025-05-02', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'),
    one('2025-09-01', 'holiday', NATIONAL_DAY),
    one('2025-09-02', 'holiday', NATIONAL_DAY),
  ],
  // 1–4/1 with Fri 2/1 swapped for Sat 10/1; Tết days 16–20/2 (off 14–22/2); Hùng Kings on Sun 26/4
  // gives Mon 27/4. 30/4, 1/5 and 2/9 (+ adjacent day) follow the statutory rule until announced.
  2026: [
    one('2026-01-01', 'holiday', NEW_YEAR),
    one('2026-01-02', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01)'),
    one('2026-01-10', 'makeup-workday', 'Làm bù cho thứ Sáu 02/01'),
    ...days('2026-02-16', 5, 'holiday', TET),
    one('2026-04-26', 'holiday', HUNG_KINGS),
    compensatory('2026-04-27', HUNG_KINGS),
    one('2026-04-30', 'holiday', REUNIFICATION),
    one('2026-05-01', 'holiday', LABOUR_DAY),
    one('2026-09-02', 'holiday', NATIONAL_DAY),
    one('2026-09-03', 'holiday', NATIONAL_DAY),
  ],
};

function isWeekend(date: CivilDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** The weekday next to 2/9 that joins it (Labour Code 2019 Art. 112: 1/9 or 3/9). */
function nationalDayCompanion(year: number): CivilDate {
  const day = weekday(civilDate(year, 9, 2));
  // Mon→3/9, Tue→1/9 (Mon), Wed→3/9, Thu→3/9 (Fri), Fri→1/9, Sat→1/9 (Fri), Sun→3/9 (Mon).
  return [1, 3, 4, 0].includes(day) ? civilDate(year, 9, 3) : civilDate(year, 9, 1);
}

/**
 * Statutory holidays of a year and their compensatory days: each holiday on a weekend gives one
 * compensatory day on the next working day after its block of days off.
 */
export function statutoryExceptions(year: number): CalendarException[] {
  const lny = lunarNewYear(year);
  const holidays: CalendarException[] = [
    one(civilDate(year, 1, 1), 'holiday', NEW_YEAR),
    ...days(addDays(lny, -2), 5, 'holiday', TET),
    one(hungKingsDay(year), 'holiday', HUNG_KINGS),
    one(civilDate(year, 4, 30), 'holiday', REUNIFICATION),
    one(civilDate(year, 5, 1), 'holiday', LABOUR_DAY),
    one(civilDate(year, 9, 2), 'holiday', NATIONAL_DAY),
  ];
  // The adjacent day of 2/9 exists since Labour Code 2019 took effect (2021).
  if (year >= 2021) holidays.push(one(nationalDayCompanion(year), 'holiday', NATIONAL_DAY));
  holidays.sort((a, b) => compareDates(a.date, b.date));

  const offDays = new Set(holidays.map((h) => h.date));
  const result: CalendarException[] = [...holidays];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = addDays(holiday.date, 1);
    while (offDays.has(candidate) || isWeekend(candidate)) candidate = addDays(candidate, 1);
    offDays.add(candidate);
    result.push(compensatory(candidate, holiday.name));
  }
  return result.filter((e) => yearOf(e.date) === year).sort((a, b) => compareDates(a.date, b.date));
}

/** The built-in exceptions of a year: the announced schedule if the project ships one, else the statute. */
export function defaultExceptions(year: number): CalendarException[] {
  const announced = ANNOUNCED_SCHEDULES[year];
  return announced ? [...announced] : statutoryExceptions(year);
}
