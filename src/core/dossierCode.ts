/**
 * Dossier codes `<unit identifier>-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP Art. 19) and the
 * register's continuous yearly number. Pure functions of what already exists, so the server can
 * run them under the document lock.
 */
import { type CivilDate, isValidYmd, ymd } from './civil';

/** National agency codes such as `000.17.22.H56` or `H15.50.05.13`. */
const UNIT_IDENTIFIER = /^[A-Z0-9]{1,4}(\.[A-Z0-9]{1,4}){1,4}$/;
const DOSSIER_CODE = /^(.+)-(\d{6})-(\d{4})$/;

export function isValidUnitIdentifier(identifier: string): boolean {
  return UNIT_IDENTIFIER.test(identifier);
}

export interface ParsedDossierCode {
  readonly unit: string;
  readonly datePart: string;
  readonly sequence: number;
}

export function parseDossierCode(code: string): ParsedDossierCode | undefined {
  const m = DOSSIER_CODE.exec(code.trim());
  if (!m || !m[1] || !m[2] || !m[3]) return undefined;
  return { unit: m[1], datePart: m[2], sequence: Number(m[3]) };
}

export function datePartOf(date: CivilDate): string {
  const [y, m, d] = ymd(date);
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

const MAX_DAILY_SEQUENCE = 9999;

/** The next code for a dossier received on `date`: one past the highest of that unit and day. */
export function nextDossierCode(unit: string, date: CivilDate, existingCodes: Iterable<string>): string {
  if (!isValidUnitIdentifier(unit)) {
    throw new RangeError(`Mã định danh đơn vị “${unit}” không đúng dạng (ví dụ: 000.17.22.H56).`);
  }
  const datePart = datePartOf(date);
  let highest = 0;
  for (const code of existingCodes) {
    const parsed = parseDossierCode(code);
    if (parsed && parsed.unit === unit && parsed.datePart === datePart) highest = Math.max(highest, parsed.sequence);
  }
  if (highest >= MAX_DAILY_SEQUENCE) {
    throw new RangeError(`Đã hết số thứ tự hồ sơ của ngày (tối đa ${MAX_DAILY_SEQUENCE}).`);
  }
  return `${unit}-${datePart}-${String(highest + 1).padStart(4, '0')}`;
}

/** The register's next number for `year`: one continuous count per year, never renumbered. */
export function nextRegisterNumber(year: number, existing: Iterable<{ readonly year: number; readonly number: number }>): number {
  let highest = 0;
  for (const row of existing) if (row.year === year) highest = Math.max(highest, row.number);
  return highest + 1;
}

/** Characters a copy, an export or a word processor puts in a code that a reader does not see. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Every dash a code may be typed or exported with (NFKC has already made full-width and small ones `-`). */
const ANY_DASH = /\s*[\u2010-\u2015\u2212-]\s*/g;
/** Printable ASCII without spaces or small letters: NFKC, the dashes, spaces and capitals leave it as it is. */
const PLAIN_KEY = /^[!-`{-~]+$/;

/**
 * A dossier code as codes are compared (never as shown): two spellings of one code — another case
 * (`yl-260105-0001`), an en dash, em dash, minus or non-breaking hyphen for `-`, full-width letters
 * and digits (NFKC), spaces around it or its dashes, invisible characters — are one code.
 */
export function dossierCodeKey(code: string): string {
  // Most codes are already their key (capitals, digits, dots, hyphens): a report reads 200,000 of them.
  if (PLAIN_KEY.test(code)) return code;
  return code.normalize('NFKC').replace(INVISIBLE, '').replace(ANY_DASH, '-').replace(/\s+/g, ' ').trim().toUpperCase();
}

/** What an officer is told when a code from the provincial system cannot be read. */
const OFFICIAL_CODE_FORM = '<mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975)';

/**
 * A national dossier code anywhere in a text: the agency code (2 to 5 groups of 1–4 letters or
 * digits, dot-separated), the day of receipt YYMMDD and a 4-digit sequence. Not preceded by a letter,
 * digit or dot, nor followed by a digit, so it is found inside a URL, a QR payload or a sentence.
 * Letters and digits of any script count: a full-width `Ｈ` or Cyrillic `Н` before `15.50…` is part of
 * what was typed, never dropped to leave a shorter code that looks right.
 */
const CODE_IN_TEXT = /(?<![\p{L}\p{N}.])([A-Za-z0-9]{1,4}(?:\.[A-Za-z0-9]{1,4}){1,4})-(\d{2})(\d{2})(\d{2})-(\d{4})(?![\p{N}])/gu;

/** Dashes people (and word processors) type between the parts: hyphen, en dash, em dash, minus. */
const DASH_WITH_SPACES = /\s*[-\u2010-\u2015\u2212]\s*/g;

export type OfficialCodeReading = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

/** Quotes at most 40 characters of what was typed (a pasted URL, a whole export cell can be long). */
export function quoted(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `“${one.length > 40 ? `${one.slice(0, 39)}…` : one}”`;
}

/**
 * The dossier code the provincial system issued, from what the officer typed, pasted or scanned
 * (the receipt's barcode or QR text: the bare code, a URL or a payload that holds it). Letters are
 * upper-cased; the day must exist and the sequence start at 0001. A text holding two different
 * codes is refused rather than guessed.
 */
export function readOfficialCode(text: string): OfficialCodeReading {
  const trimmed = text.normalize('NFC').trim();
  if (!trimmed) return { ok: false, message: `Cần nhập mã hồ sơ do hệ thống tỉnh cấp, dạng ${OFFICIAL_CODE_FORM}.` };
  let decoded = trimmed;
  if (/%[0-9A-Fa-f]{2}/.test(trimmed)) {
    try {
      decoded = decodeURIComponent(trimmed);
    } catch {
      decoded = trimmed;
    }
  }
  const found = new Set<string>();
  let invalid: string | undefined;
  for (const m of decoded.replace(DASH_WITH_SPACES, '-').matchAll(CODE_IN_TEXT)) {
    const [whole, agency = '', yy = '', mm = '', dd = '', sequence = ''] = m;
    if (!/[0-9]/.test(agency)) continue; // every agency code has digits: a host name or a word is not one
    if (!isValidYmd(2000 + Number(yy), Number(mm), Number(dd)) || sequence === '0000') {
      invalid ??= whole;
      continue;
    }
    found.add(`${agency.toUpperCase()}-${yy}${mm}${dd}-${sequence}`);
  }
  const codes = [...found];
  if (codes.length === 1 && codes[0]) return { ok: true, code: codes[0] };
  if (codes.length > 1) {
    return {
      ok: false,
      message: `Nội dung đã nhập có ${codes.length} mã hồ sơ khác nhau (${codes.join(', ')}); hãy nhập đúng một mã.`,
    };
  }
  if (invalid) {
    return {
      ok: false,
      message: `Mã hồ sơ ${quoted(invalid)} có ngày hoặc số thứ tự không có thật; mã đúng có dạng ${OFFICIAL_CODE_FORM}, YYMMDD là ngày tiếp nhận, NNNN từ 0001.`,
    };
  }
  return { ok: false, message: `Mã hồ sơ ${quoted(trimmed)} không đúng dạng ${OFFICIAL_CODE_FORM}.` };
}

/** A whole cell that is a national code: agency (2 to 5 dot-separated groups), YYMMDD, NNNN. */
const WHOLE_CODE = /^[A-Z0-9]{1,4}(?:\.[A-Z0-9]{1,4}){1,4}-\d{6}-\d{4}$/;
/** Every agency code has a digit (before the first dash): a word is not one. */
const AGENCY_DIGIT = /^[A-Z.]*[0-9]/;

/** The two digits at `at` of a code known to be well-formed (100,000 rows: no substrings). */
const twoDigits = (code: string, at: number) => (code.charCodeAt(at) - 48) * 10 + code.charCodeAt(at + 1) - 48;

/**
 * The dossier code of a provincial export's cell, as intake stores a code (readOfficialCode: upper
 * case, the day real, the sequence from 0001): spaces, invisible characters, odd dashes and full-width
 * forms are cleaned (dossierCodeKey), and the cell must hold that code and nothing else.
 */
export function readExportCode(cell: string): OfficialCodeReading {
  // The usual cell is already clean: 100,000 rows take no normalising.
  const clean = WHOLE_CODE.test(cell);
  const key = clean ? cell : dossierCodeKey(cell);
  if ((!clean && !WHOLE_CODE.test(key)) || !AGENCY_DIGIT.test(key)) {
    return { ok: false, message: `mã hồ sơ ${quoted(cell)} không đúng dạng ${OFFICIAL_CODE_FORM}` };
  }
  // `…-YYMMDD-NNNN`: the day at 11 characters from the end.
  const n = key.length;
  const real = isValidYmd(2000 + twoDigits(key, n - 11), twoDigits(key, n - 9), twoDigits(key, n - 7));
  if (!real || key.endsWith('-0000')) {
    return {
      ok: false,
      message: `mã hồ sơ ${quoted(cell)} có ngày hoặc số thứ tự không có thật (YYMMDD là ngày tiếp nhận, NNNN từ 0001)`,
    };
  }
  return { ok: true, code: key };
}
