/**
 * The official reporting periods (Decree 09/2019/NĐ-CP): they cut off on the 14th. A month runs
 * from the 15th of the month before to the 14th; a quarter from the 15th of its first month's
 * previous month; 6 months 15/12–14/6, 9 months 15/12–14/9, a year 15/12–14/12.
 */
import { type CivilDate, civilDate, compareDates, ymd } from './civil';

export interface ReportPeriod {
  readonly key: string;
  readonly label: string;
  readonly from: CivilDate;
  readonly to: CivilDate;
}

/** The period ending on the 14th of `month` (1–12) of `year`, `months` long. */
function endingOn(year: number, month: number, months: number): { from: CivilDate; to: CivilDate } {
  const startMonthIndex = year * 12 + (month - 1) - months; // the month holding the 15th it starts on
  return {
    from: civilDate(Math.floor(startMonthIndex / 12), (startMonthIndex % 12) + 1, 15),
    to: civilDate(year, month, 14),
  };
}

/** The official periods to offer on `today`: the current and the last of each kind, newest first. */
export function officialPeriods(today: CivilDate): ReportPeriod[] {
  const [y, m, d] = ymd(today);
  // The reporting month containing today: it ends on the 14th of this month, or of the next after the 14th.
  const monthEnd = d <= 14 ? { year: y, month: m } : { year: m === 12 ? y + 1 : y, month: m === 12 ? 1 : m + 1 };
  const periods: ReportPeriod[] = [];
  const add = (key: string, label: string, year: number, month: number, months: number) =>
    periods.push({ key, label, ...endingOn(year, month, months) });
  const previousMonth =
    monthEnd.month === 1 ? { year: monthEnd.year - 1, month: 12 } : { year: monthEnd.year, month: monthEnd.month - 1 };
  add('month', `Tháng ${monthEnd.month}/${monthEnd.year}`, monthEnd.year, monthEnd.month, 1);
  add('previous-month', `Tháng ${previousMonth.month}/${previousMonth.year}`, previousMonth.year, previousMonth.month, 1);
  // The reporting year ends on 14/12: after it, the periods belong to the next year.
  const reportYear = m === 12 && d > 14 ? y + 1 : y;
  const quarter = Math.ceil(monthEnd.month / 3);
  add('quarter', `Quý ${quarter}/${reportYear}`, reportYear, quarter * 3, 3);
  if (quarter > 1) add('previous-quarter', `Quý ${quarter - 1}/${reportYear}`, reportYear, (quarter - 1) * 3, 3);
  else add('previous-quarter', `Quý 4/${reportYear - 1}`, reportYear - 1, 12, 3);
  add('six-months', `6 tháng đầu năm ${reportYear}`, reportYear, 6, 6);
  add('nine-months', `9 tháng năm ${reportYear}`, reportYear, 9, 9);
  add('year', `Năm ${reportYear}`, reportYear, 12, 12);
  add('previous-year', `Năm ${reportYear - 1}`, reportYear - 1, 12, 12);
  return periods.filter((p) => compareDates(p.from, p.to) <= 0);
}
