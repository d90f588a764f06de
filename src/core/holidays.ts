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

/**
 * The `Loại` of a `Ngày nghỉ` row that is listed but not applied: a day off the unit may opt into
 * (it changes `Loại` to `Nghỉ lễ`), which no working-day count uses until then.
 */
export const NOT_APPLIED_LABEL = 'Không áp dụng';

export function isNotAppliedLabel(label: string): boolean {
  return label.normalize('NFC').trim().toLowerCase() === NOT_APPLIED_LABEL.toLowerCase();
}

/**
 * 24/11, Vietnam Culture Day, offered from 2026 as an opt-in row of `Ngày nghỉ`, never a default
 * (domain.md §4). Resolution 80-NQ/TW (1/2026) announced it as a day off, and Resolution 28/2026/QH16
 * on developing Vietnamese culture (in force 1/7/2026, as published by the Government's portal) makes
 * it a paid day off; the Labour Code's own list (Art. 112) and the built-in defaults, which outside
 * tools rely on, are not changed until the unit opts in (domain.md §4 asks for an opt-in row). For
 * 2026, Công văn 10065/VPCP-KGVX of 02/10/2026 gives the public sector Tue 24/11 off, one day, with no
 * swap (the 23/11–28/11 swap proposed in 9/2026 was not adopted): the row says so.
 */
export function cultureDayOffer(year: number): { date: CivilDate; name: string } | undefined {
  if (year < 2026) return undefined;
  const announced = year === 2026 ? '; năm 2026 nghỉ theo Công văn 10065/VPCP-KGVX' : '';
  return {
    date: civilDate(year, 11, 24),
    name: `Ngày Văn hóa Việt Nam (Nghị quyết 28/2026/QH16${announced}): đổi Loại thành “Nghỉ lễ” nếu đơn vị nghỉ ngày này`,
  };
}

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
 * Schedules announced for civil servants, 2018–2027: the Prime Minister's approval (a Văn phòng Chính
 * phủ dispatch, or for 2018 a VPCP notice) and the notice of the ministry in charge (Bộ LĐTBXH until
 * 02/2025, Bộ Nội vụ since). Each year is the whole list of that year's exceptions: what an
 * announcement does not cover (it says "other holidays follow the Labour Code") is the statutory rule,
 * Labour Code 2012 Art. 115 until 2020 and Labour Code 2019 Art. 111(3), 112 from 2021. A year listed
 * here replaces the statutory computation for that year.
 *
 * An exception belongs to the year of its own date: a swap across New Year puts the swapped weekday in
 * one year's list and its make-up Saturday in the next (Mon 31/12/2018 ↔ Sat 05/01/2019). The calendar
 * loads each year's exceptions separately, so the pair holds whether both years come from these
 * defaults, both from the `Ngày nghỉ` table (setup seeds this year and the next) or one from each.
 */
export const ANNOUNCED_SCHEDULES: Readonly<Record<number, readonly CalendarException[]>> = {
  // Labour Code 2012 (2/9 is one day). Tết 2018 and 2/9/2018: Thông báo 573/TB-VPCP of 14/12/2017
  // (Thủ tướng's approval): Tết off Wed 14/2–Tue 20/2 (29 Chạp–mùng 5), mùng 2–3 on Sat–Sun giving
  // Nghỉ bù Mon 19/2 and Tue 20/2; 2/9 on a Sunday giving Nghỉ bù Mon 3/9. The rest is statutory:
  // 1/1 Mon, Hùng Kings Wed 25/4, 30/4–1/5 Mon–Tue (Sat 28/4 is only the weekend: no swap, no make-up).
  // Mon 31/12/2018: Công văn 6519/VPCP-KGVX of 11/7/2018 and Thông báo 3238/TB-LĐTBXH of 06/8/2018
  // (the 2019 schedule) swap it off, made up on Sat 05/01/2019 (in the 2019 list).
  2018: [
    one('2018-01-01', 'holiday', NEW_YEAR),
    ...days('2018-02-14', 5, 'holiday', TET),
    ...days('2018-02-19', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2018-04-25', 'holiday', HUNG_KINGS),
    one('2018-04-30', 'holiday', REUNIFICATION),
    one('2018-05-01', 'holiday', LABOUR_DAY),
    one('2018-09-02', 'holiday', NATIONAL_DAY),
    compensatory('2018-09-03', NATIONAL_DAY),
    one('2018-12-31', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 05/01/2019)'),
  ],
  // Công văn 6519/VPCP-KGVX of 11/7/2018 and Thông báo 3238/TB-LĐTBXH of 06/8/2018: New Year off
  // Sat 29/12/2018–Tue 1/1 with Mon 31/12/2018 swapped for Sat 5/1/2019; Tết holidays Mon 4/2–Fri 8/2
  // (off Sat 2/2–Sun 10/2); 30/4–1/5 off Sat 27/4–Wed 1/5 with Mon 29/4 swapped for Sat 4/5. Hùng Kings
  // on Sun 14/4 gives Nghỉ bù Mon 15/4 (statute, restated by 3238). 2/9 Mon is one day (statute).
  2019: [
    one('2019-01-01', 'holiday', NEW_YEAR),
    one('2019-01-05', 'makeup-workday', 'Làm bù cho thứ Hai 31/12/2018'),
    ...days('2019-02-04', 5, 'holiday', TET),
    one('2019-04-14', 'holiday', HUNG_KINGS),
    compensatory('2019-04-15', HUNG_KINGS),
    one('2019-04-29', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)'),
    one('2019-04-30', 'holiday', REUNIFICATION),
    one('2019-05-01', 'holiday', LABOUR_DAY),
    one('2019-05-04', 'makeup-workday', 'Làm bù cho thứ Hai 29/4'),
    one('2019-09-02', 'holiday', NATIONAL_DAY),
  ],
  // Labour Code 2012 still applied: 2/9 was one day. Thông báo 4544/TB-LĐTBXH of 25/10/2019: Tết off
  // Thu 23/1–Wed 29/1 (29 Chạp–mùng 5), mùng 1–2 on Sat–Sun giving Nghỉ bù Tue 28/1 and Wed 29/1.
  // (The Văn phòng Chính phủ dispatch it implements was not found.) The rest is statutory, all on
  // weekdays: 1/1 Wed, Hùng Kings Thu 2/4, 30/4 Thu, 1/5 Fri, 2/9 Wed.
  2020: [
    one('2020-01-01', 'holiday', NEW_YEAR),
    ...days('2020-01-23', 5, 'holiday', TET),
    ...days('2020-01-28', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2020-04-02', 'holiday', HUNG_KINGS),
    one('2020-04-30', 'holiday', REUNIFICATION),
    one('2020-05-01', 'holiday', LABOUR_DAY),
    one('2020-09-02', 'holiday', NATIONAL_DAY),
  ],
  // Labour Code 2019 from here (2/9 plus 1/9 or 3/9). Công văn 9895/VPCP-KGVX of 26/11/2020: Tết off
  // Wed 10/2–Tue 16/2 (29 Chạp–mùng 5; mùng 2–3 on Sat–Sun give Nghỉ bù Mon 15/2, Tue 16/2); Quốc khánh
  // off Thu 2/9–Sun 5/9 (holidays 2/9 and Fri 3/9). The Bộ LĐTBXH notice implementing it was not found.
  // The rest is statutory: 1/1 Fri (off 1–3/1), Hùng Kings Wed 21/4, 30/4 Fri and 1/5 Sat giving
  // Nghỉ bù Mon 3/5.
  2021: [
    one('2021-01-01', 'holiday', NEW_YEAR),
    ...days('2021-02-10', 5, 'holiday', TET),
    ...days('2021-02-15', 2, 'compensatory', `Nghỉ bù ${TET}`),
    one('2021-04-21', 'holiday', HUNG_KINGS),
    one('2021-04-30', 'holiday', REUNIFICATION),
    one('2021-05-01', 'holiday', LABOUR_DAY),
    compensatory('2021-05-03', LABOUR_DAY),
    one('2021-09-02', 'holiday', NATIONAL_DAY),
    one('2021-09-03', 'holiday', NATIONAL_DAY),
  ],
  // Công văn 245/VPCP-KGVX of 11/01/2022: Tết holidays Mon 31/1–Fri 4/2 (off Sat 29/1–Sun 6/2);
  // Quốc khánh Thu 1/9–Fri 2/9 (off 1–4/9); "other holidays follow the Labour Code". The Bộ LĐTBXH
  // notice implementing it was not found. Statutory: 1/1 Sat → Nghỉ bù Mon 3/1; Hùng Kings Sun 10/4 →
  // Mon 11/4; 30/4 Sat and 1/5 Sun → Mon 2/5 and Tue 3/5.
  2022: [
    one('2022-01-01', 'holiday', NEW_YEAR),
    compensatory('2022-01-03', NEW_YEAR),
    ...days('2022-01-31', 5, 'holiday', TET),
    one('2022-04-10', 'holiday', HUNG_KINGS),
    compensatory('2022-04-11', HUNG_KINGS),
    one('2022-04-30', 'holiday', REUNIFICATION),
    one('2022-05-01', 'holiday', LABOUR_DAY),
    compensatory('2022-05-02', REUNIFICATION),
    compensatory('2022-05-03', LABOUR_DAY),
    one('2022-09-01', 'holiday', NATIONAL_DAY),
    one('2022-09-02', 'holiday', NATIONAL_DAY),
  ],
  // Công văn 8056/VPCP-KGVX of 01/12/2022: Tết off Fri 20/1–Thu 26/1 (5 Tết days 20–24/1, Nghỉ bù
  // 25–26/1 for Sat–Sun); Quốc khánh off Fri 1/9–Mon 4/9 (holidays 1/9 and Sat 2/9, Nghỉ bù Mon 4/9).
  // The Bộ LĐTBXH notice implementing it was not found. Statutory: 1/1 Sun → Mon 2/1; Hùng Kings
  // Sat 29/4, 30/4 Sun, 1/5 Mon → Nghỉ bù Tue 2/5 and Wed 3/5 (off 29/4–3/5; no swap was approved).
  2023: [
    one('2023-01-01', 'holiday', NEW_YEAR),
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
  // Công văn 8662/VPCP-KGVX of 03/11/2023 and Thông báo 5015/TB-LĐTBXH of 22/11/2023: Tết off
  // Thu 8/2–Wed 14/2 (5 Tết days and 2 Nghỉ bù for Sat–Sun); Quốc khánh off Sat 31/8–Tue 3/9 (holidays
  // Mon 2/9, Tue 3/9). Công văn 2450/VPCP-KGVX of 12/4/2024: Mon 29/4 swapped for Sat 4/5 (off
  // 27/4–1/5); the Bộ LĐTBXH notice of that swap was not found. Statutory: 1/1 Mon, Hùng Kings Thu 18/4.
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
  // Công văn 8726/VPCP-KGVX of 26/11/2024 and Thông báo 6150/TB-BLĐTBXH of 03/12/2024: Tết days
  // Mon 27/1–Fri 31/1 (off Sat 25/1–Sun 2/2); Fri 2/5 swapped for Sat 26/4 (off 30/4–4/5); Quốc khánh
  // off Sat 30/8–Tue 2/9 (holidays Mon 1/9, Tue 2/9). Statutory: 1/1 Wed, Hùng Kings Mon 7/4.
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
  // Công văn 12729/VPCP-KGVX of 25/12/2025: New Year off Thu 1/1–Sun 4/1, Fri 2/1 swapped for Sat 10/1
  // (the Bộ Nội vụ notice of it was not found). Công văn 9859/VPCP-KGVX of 13/10/2025 (the Thủ tướng's
  // approval) and Thông báo 9441/TB-BNV of 16/10/2025 implementing it: Tết days Mon 16/2–Fri 20/2 (off
  // 14–22/2); Quốc khánh off Sat 29/8–Wed 2/9, holidays Tue 1/9 and Wed 2/9, Mon 31/8 swapped for
  // Sat 22/8; Thu 3/9 is a working day. Statutory: Hùng Kings on Sun 26/4 gives Nghỉ bù Mon 27/4;
  // 30/4 Thu, 1/5 Fri. 24/11 is offered, not included (`cultureDayOffer`).
  2026: [
    one('2026-01-01', 'holiday', NEW_YEAR),
    one('2026-01-02', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01)'),
    one('2026-01-10', 'makeup-workday', 'Làm bù cho thứ Sáu 02/01'),
    ...days('2026-02-16', 5, 'holiday', TET),
    one('2026-04-26', 'holiday', HUNG_KINGS),
    compensatory('2026-04-27', HUNG_KINGS),
    one('2026-04-30', 'holiday', REUNIFICATION),
    one('2026-05-01', 'holiday', LABOUR_DAY),
    one('2026-08-22', 'makeup-workday', 'Làm bù cho thứ Hai 31/8'),
    one('2026-08-31', 'swap-off', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8)'),
    one('2026-09-01', 'holiday', NATIONAL_DAY),
    one('2026-09-02', 'holiday', NATIONAL_DAY),
  ],
  // Công văn 10065/VPCP-KGVX of 02/10/2026 (the Thủ tướng's approval; quoted by several published
  // calendars, the dispatch itself not read here): Tết Đinh Mùi off Thu 4/2–Wed 10/2 (Tết days 4–8/2,
  // the Saturday and Sunday given back on 9 and 10/2), Quốc khánh off Thu 2/9–Sun 5/9 (2/9 and Fri 3/9).
  // The rest is statutory: 1/1 Fri; Hùng Kings Fri 16/4; 30/4 Fri, 1/5 Sat → Nghỉ bù Mon 3/5. The same
  // dispatch gives 24/11/2026 off (one day, no swap); 24/11 stays an opt-in row (`cultureDayOffer`).
  2027: [
    one('2027-01-01', 'holiday', NEW_YEAR),
    ...days('2027-02-04', 5, 'holiday', TET),
    compensatory('2027-02-09', TET),
    compensatory('2027-02-10', TET),
    one('2027-04-16', 'holiday', HUNG_KINGS),
    one('2027-04-30', 'holiday', REUNIFICATION),
    one('2027-05-01', 'holiday', LABOUR_DAY),
    compensatory('2027-05-03', LABOUR_DAY),
    one('2027-09-02', 'holiday', NATIONAL_DAY),
    one('2027-09-03', 'holiday', NATIONAL_DAY),
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

/**
 * The texts each shipped schedule comes from (the comments of `ANNOUNCED_SCHEDULES` say what each
 * one sets), named where a schedule is shown so that an officer can check it against the text.
 */
const ANNOUNCEMENT_SOURCES: Readonly<Record<number, string>> = {
  2018: 'Thông báo 573/TB-VPCP ngày 14/12/2017',
  2019: 'Công văn 6519/VPCP-KGVX ngày 11/7/2018 và Thông báo 3238/TB-LĐTBXH ngày 06/8/2018',
  2020: 'Thông báo 4544/TB-LĐTBXH ngày 25/10/2019',
  2021: 'Công văn 9895/VPCP-KGVX ngày 26/11/2020',
  2022: 'Công văn 245/VPCP-KGVX ngày 11/01/2022',
  2023: 'Công văn 8056/VPCP-KGVX ngày 01/12/2022',
  2024: 'Công văn 8662/VPCP-KGVX ngày 03/11/2023, Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 và Công văn 2450/VPCP-KGVX ngày 12/4/2024',
  2025: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 và Thông báo 6150/TB-BLĐTBXH ngày 03/12/2024',
  2026: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025, Thông báo 9441/TB-BNV ngày 16/10/2025 và Công văn 12729/VPCP-KGVX ngày 25/12/2025',
  2027: 'Công văn 10065/VPCP-KGVX ngày 02/10/2026',
};

/** The texts the shipped schedule of `year` comes from; undefined for a year not announced. */
export function announcementSource(year: number): string | undefined {
  return isAnnounced(year) ? ANNOUNCEMENT_SOURCES[year] : undefined;
}

/** Whether the project ships the schedule announced for `year` (else its defaults are the statute's). */
export function isAnnounced(year: number): boolean {
  return ANNOUNCED_SCHEDULES[year] !== undefined;
}

/** The built-in exceptions of a year: the announced schedule if the project ships one, else the statute. */
export function defaultExceptions(year: number): CalendarException[] {
  const announced = ANNOUNCED_SCHEDULES[year];
  return announced ? [...announced] : statutoryExceptions(year);
}
