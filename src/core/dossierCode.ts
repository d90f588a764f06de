/**
 * Dossier codes `<unit identifier>-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP Art. 19) and the
 * register's continuous yearly number. Pure functions of what already exists, so the server can
 * run them under the document lock.
 */
import { type CivilDate, ymd } from './civil';

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
