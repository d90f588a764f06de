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

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Google refuses a longer string in one cell (Sheets API and Apps Script alike). */
export const MAX_CELL_CHARS = 50000;
export const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

const DEFAULT_DATE_FORMAT = 'dd/MM/yyyy';
export const DEFAULT_DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';
/** What a typed time of day gets (vi_VN shows times as 24-hour HH:mm:ss; en_US is modelled the same). */
const DEFAULT_TIME_FORMAT = 'HH:mm:ss';
/** Plain text: a cell with this number format keeps a written string exactly as typed. */
export const TEXT_FORMAT = '@';

function validWall(y: number, m: number, d: number, h: number, mi: number, s: number): WallTime | undefined {
  const probe = new Date(Date.UTC(y, m - 1, d, h, mi, s));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || h > 23) return undefined;
  return { year: y, month: m, day: d, hour: h, minute: mi, second: s, millisecond: 0 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const numberPatterns = new Map<string, RegExp>();

/**
 * A typed number in the locale: its decimal separator (vi_VN `,`, en_US `.`) and its grouping
 * separator (vi_VN `.`, en_US `,`). Where the grouping separator may stand Google does not
 * document, so it is read leniently (the safer choice, not a verified behaviour): accepted between
 * any digits of the whole part and dropped, so `1,5` typed in an en_US sheet is 15, `1.5` in a vi_VN
 * sheet is 15, and a code such as `1.004194` is the number 1004194. Either way such a string does
 * not survive as text, and a server that writes it without a leading apostrophe (or into a `@`
 * column) fails here as it may there.
 */
function numberPattern(locale: string): RegExp {
  let pattern = numberPatterns.get(locale);
  if (!pattern) {
    const { decimal, group } = separators(locale);
    const d = escapeRegExp(decimal);
    const g = escapeRegExp(group);
    pattern = new RegExp(`^([+-]?)(?:(\\d+(?:${g}\\d+)*)(?:${d}(\\d*))?|${d}(\\d+))(?:[eE]([+-]?\\d+))?$`);
    numberPatterns.set(locale, pattern);
  }
  return pattern;
}

/** The number a typed string stands for in the locale, or undefined when it is not one. */
function parseLocaleNumber(text: string, locale: string): number | undefined {
  const m = numberPattern(locale).exec(text);
  if (!m) return undefined;
  const [, sign = '', whole, fraction, onlyFraction, exponent] = m;
  const { group } = separators(locale);
  const digits = whole === undefined ? `0.${onlyFraction ?? ''}` : `${whole.split(group).join('')}.${fraction ?? ''}`;
  const value = Number(`${sign}${digits.endsWith('.') ? digits.slice(0, -1) : digits}${exponent ? `e${exponent}` : ''}`);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Google parses a string written with setValue(s) as if a person typed it: a leading apostrophe
 * forces text (and is not kept), `=` starts a formula, a leading `+` or `-` that is not a plain
 * number is taken as a formula too, and numbers (with the locale's separators), percentages,
 * booleans, dates and times of day become typed. Day-first dates follow the spreadsheet locale
 * (vi_VN: dd/MM/yyyy; en_US: MM/dd/yyyy). A cell formatted as plain text (`@`) skips all of this:
 * see `writeCell` in spreadsheet.ts.
 */
export function parseTypedInput(text: string, locale: string): TypedInput {
  if (text === '') return { kind: 'value', value: null };
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const trimmed = text.trim();
  const number = parseLocaleNumber(trimmed, locale);
  if (number !== undefined) return { kind: 'value', value: number };
  if (/^[+-]/.test(trimmed) && trimmed.length > 1) return { kind: 'formula', formula: `=${trimmed}` };
  if (trimmed.endsWith('%')) {
    const pct = parseLocaleNumber(trimmed.slice(0, -1), locale);
    if (pct !== undefined) return { kind: 'value', value: pct / 100, format: '0.00%' };
  }
  if (/^(true|false)$/i.test(trimmed)) return { kind: 'value', value: trimmed.toLowerCase() === 'true' };
  const time = TIME.exec(trimmed);
  if (time) {
    const [h, mi, sec] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    // A time of day is a fraction of a day; getValue() returns it as a Date on 30/12/1899.
    // (Google takes 24:00 and beyond as a duration; that is not modelled and stays text.)
    if (h <= 23 && mi <= 59 && sec <= 59) {
      return { kind: 'value', value: (h * 3600 + mi * 60 + sec) / 86400, format: DEFAULT_TIME_FORMAT };
    }
  }
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
