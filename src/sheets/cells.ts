/** Reading typed values out of cells that people may also have typed by hand. */
import { type CivilDate, type CivilDateTime, civilDate, isValidYmd, parseCivilDateTime } from '../core/civil';
import type { CellValue } from '../gas/services';
import type { ZoneConverter } from './dates';

/** A Date from any realm (Apps Script hands over its own; tests may run the bundle in another context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function textOf(value: CellValue): string {
  if (isDate(value)) return '';
  return String(value).normalize('NFC').trim();
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/;

/**
 * A date-time cell: a Date (read in the spreadsheet's zone), or text typed as `dd/MM/yyyy[ HH:mm]`
 * or ISO. Empty → undefined; anything else → 'invalid'.
 */
export function dateTimeOf(value: CellValue, zone: ZoneConverter): CivilDateTime | undefined | 'invalid' {
  if (value === '' || value === null) return undefined;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'invalid' : zone.toCivil(value);
  const text = String(value).trim();
  if (!text) return undefined;
  const iso = parseCivilDateTime(text.length === 10 ? `${text} 00:00` : text);
  if (iso) return iso;
  const m = DMY.exec(text);
  if (m) {
    const [d, mo, y, h = '0', mi = '0'] = m.slice(1).map((v) => v ?? '0');
    if (isValidYmd(Number(y), Number(mo), Number(d)) && Number(h) < 24 && Number(mi) < 60) {
      return { date: civilDate(Number(y), Number(mo), Number(d)), minute: Number(h) * 60 + Number(mi) };
    }
  }
  return 'invalid';
}

export function dateOf(value: CellValue, zone: ZoneConverter): CivilDate | undefined | 'invalid' {
  const at = dateTimeOf(value, zone);
  return at === undefined || at === 'invalid' ? at : at.date;
}

export function integerOf(value: CellValue): number | undefined | 'invalid' {
  if (value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) && n >= 0 ? n : 'invalid';
}
