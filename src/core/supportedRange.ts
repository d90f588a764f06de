/**
 * The one range of dates MotCua computes with. The lunar calendar (src/core/lunar.ts, and so Tết and
 * Hùng Kings' day of the statutory defaults) is accurate for 1900–2100; the supported range keeps a
 * year inside that on each side, so every date it holds has its whole year's holidays computed.
 * The CLI refuses dates outside it (received dates, computed due dates, calendar years and files).
 */
import type { CivilDate } from './civil';

export const SUPPORTED_FIRST_YEAR = 1901;
export const SUPPORTED_LAST_YEAR = 2099;
export const SUPPORTED_FIRST_DATE: CivilDate = '1901-01-01';
export const SUPPORTED_LAST_DATE: CivilDate = '2099-12-31';

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= SUPPORTED_FIRST_YEAR && year <= SUPPORTED_LAST_YEAR;
}

/** For a valid `YYYY-MM-DD` (four-digit years compare as strings). */
export function isSupportedDate(date: CivilDate): boolean {
  return date >= SUPPORTED_FIRST_DATE && date <= SUPPORTED_LAST_DATE;
}
