/** vi-VN formatting by hand: Apps Script's V8 ships little ICU locale data, so no Intl here. */
import { type CivilDate, type CivilDateTime, formatClock, ymd } from './civil';

/** `20/02/2026` */
export function formatDateVi(date: CivilDate): string {
  const [y, m, d] = ymd(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** `20/02/2026 14:00` */
export function formatDateTimeVi(at: CivilDateTime): string {
  return `${formatDateVi(at.date)} ${formatClock(at.minute)}`;
}

/** `14 giờ 00, ngày 20/02/2026`, as printed on the receipt. */
export function formatAppointmentVi(at: CivilDateTime): string {
  const hour = String(Math.floor(at.minute / 60)).padStart(2, '0');
  const minute = String(at.minute % 60).padStart(2, '0');
  return `${hour} giờ ${minute}, ngày ${formatDateVi(at.date)}`;
}

/** `12.160`, `-3.001,5` */
export function formatNumberVi(value: number, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return '';
  const fixed = Math.abs(value).toFixed(fractionDigits);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? `,${fraction}` : '');
}

/** `10,67%` from a fraction 0.1067; an undefined rate (no denominator) prints `—`. */
export function formatPercentVi(fraction: number | undefined, fractionDigits = 2): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${formatNumberVi(roundHalfUp(fraction * 100, fractionDigits), fractionDigits)}%`;
}

/** Rounds half away from zero on the decimal digits, as people do by hand (88,485 → 88,49). */
function roundHalfUp(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  // Nudge by a few ulps so 88.485 stored as 88.48499999 still rounds up.
  const rounded = Math.round(scaled + scaled * Number.EPSILON * 4) / factor;
  return value < 0 ? -rounded : rounded;
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
export function weekdayNameVi(day: number): string {
  return WEEKDAYS_VI[day] ?? '';
}
