/**
 * How a cell's content reads back and displays: typed-input parsing of written strings (what Google
 * does with `setValue("=...")` or `setValue("00123")`) and number-format rendering.
 */
import { serialOfWall, wallTimeOfSerial, type WallTime } from './time';

/** Raw cell content: a number (dates are serial numbers), text, a boolean, or null for empty. */
export type RawValue = number | string | boolean | null;

export type TypedInput =
  | { readonly kind: 'value'; readonly value: RawValue; readonly format?: string }
  | { readonly kind: 'formula'; readonly formula: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export const DEFAULT_DATE_FORMAT = 'dd/MM/yyyy';
export const DEFAULT_DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';

function validWall(y: number, m: number, d: number, h: number, mi: number, s: number): WallTime | undefined {
  const probe = new Date(Date.UTC(y, m - 1, d, h, mi, s));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || h > 23) return undefined;
  return { year: y, month: m, day: d, hour: h, minute: mi, second: s, millisecond: 0 };
}

/**
 * Google parses a string written with setValue(s) as if a person typed it: a leading apostrophe
 * forces text (and is not kept), `=` starts a formula, a leading `+` or `-` that is not a plain
 * number is taken as a formula too, and numbers, percentages, booleans and dates become typed.
 * Day-first dates follow the spreadsheet locale (vi_VN: dd/MM/yyyy; en_US: MM/dd/yyyy).
 */
export function parseTypedInput(text: string, locale: string): TypedInput {
  if (text === '') return { kind: 'value', value: null };
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return { kind: 'value', value: Number(trimmed) };
  if (/^[+-]/.test(trimmed) && trimmed.length > 1) return { kind: 'formula', formula: `=${trimmed}` };
  const pct = PERCENT.exec(trimmed);
  if (pct) return { kind: 'value', value: Number(pct[1]) / 100, format: '0.00%' };
  if (/^(true|false)$/i.test(trimmed)) return { kind: 'value', value: trimmed.toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(trimmed);
  const slash = SLASH_DATE.exec(trimmed);
  const m = iso ?? slash;
  if (m) {
    const nums = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    const dayFirst = !locale.startsWith('en_US');
    const [y, mo, d] = iso ? [nums[0], nums[1], nums[2]] : dayFirst ? [nums[2], nums[1], nums[0]] : [nums[2], nums[0], nums[1]];
    const wall = validWall(y ?? 0, mo ?? 0, d ?? 0, nums[3] ?? 0, nums[4] ?? 0, nums[5] ?? 0);
    if (wall) {
      const hasTime = m[4] !== undefined;
      return { kind: 'value', value: serialOfWall(wall), format: hasTime ? DEFAULT_DATE_TIME_FORMAT : DEFAULT_DATE_FORMAT };
    }
  }
  return { kind: 'value', value: text };
}

/** Whether a number format shows a date or time, so that getValue() returns a Date. */
export function isDateFormat(format: string): boolean {
  const unquoted = format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[dyhs]/i.test(unquoted) || /(^|[^0#])m/i.test(unquoted.replace(/\[[^\]]*\]/g, ''));
}

interface LocaleSeparators {
  decimal: string;
  group: string;
}

function separators(locale: string): LocaleSeparators {
  return locale.startsWith('en') ? { decimal: '.', group: ',' } : { decimal: ',', group: '.' };
}

function formatDateSerial(serial: number, format: string): string {
  const w = wallTimeOfSerial(serial);
  const tokens = format.match(/"[^"]*"|\\.|y+|m+|d+|h+|s+|am\/pm|[^ymdhs"\\]+/gi) ?? [];
  const out: string[] = [];
  tokens.forEach((token, index) => {
    const lower = token.toLowerCase();
    const pad = (v: number) => String(v).padStart(token.length >= 2 ? 2 : 1, '0');
    if (token.startsWith('"')) out.push(token.slice(1, -1));
    else if (token.startsWith('\\')) out.push(token.slice(1));
    else if (lower[0] === 'y') out.push(token.length <= 2 ? String(w.year % 100).padStart(2, '0') : String(w.year));
    else if (lower[0] === 'd') out.push(pad(w.day));
    else if (lower[0] === 'h') out.push(pad(w.hour));
    else if (lower[0] === 's') out.push(pad(w.second));
    else if (lower[0] === 'm') {
      // Sheets reads m as minutes next to an hour or before seconds, else as the month.
      const prev = tokens
        .slice(0, index)
        .reverse()
        .find((t) => /^[ymdhs]/i.test(t));
      const next = tokens.slice(index + 1).find((t) => /^[ymdhs]/i.test(t));
      const minute = (prev && /^h/i.test(prev)) || (next && /^s/i.test(next));
      out.push(minute ? pad(w.minute) : pad(w.month));
    } else out.push(token);
  });
  return out.join('');
}

function groupDigits(whole: string, group: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

function formatNumber(value: number, format: string, locale: string): string {
  const { decimal, group } = separators(locale);
  const percent = format.endsWith('%');
  const core = percent ? format.slice(0, -1) : format;
  const scaled = percent ? value * 100 : value;
  const decimals = (core.split('.')[1] ?? '').replace(/[^0#]/g, '').length;
  const fixed = Math.abs(scaled).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = core.includes(',') ? groupDigits(whole, group) : whole;
  const sign = scaled < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? decimal + fraction : '') + (percent ? '%' : '');
}

function formatGeneral(value: number, locale: string): string {
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return text.replace('.', separators(locale).decimal);
}

/** What the cell shows: getDisplayValues(). */
export function displayValue(value: RawValue, format: string, locale: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (format === '' || format === 'General' || format === '@') return formatGeneral(value, locale);
  if (isDateFormat(format)) return formatDateSerial(value, format);
  return formatNumber(value, format, locale);
}
