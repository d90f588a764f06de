/**
 * Dossier codes and register numbers are never issued twice, even after rows are deleted, a header
 * is lost or codes were typed elsewhere in the sheet: the highest number ever issued per day and
 * per year is kept in the document's properties (a high-water mark) and allocation takes the
 * higher of it and what the register shows.
 */
import { datePartOf, nextDossierCode, nextRegisterNumber, parseDossierCode } from '../core/dossierCode';
import type { CivilDate } from '../core/civil';
import type { CellValue, Properties } from '../gas/services';
import { textOf } from './cells';

const CODE_KEY = 'motcua.code.';
const NUMBER_KEY = 'motcua.stt.';

function stored(properties: Properties | null, key: string): number {
  const n = Number(properties?.getProperty(key) ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export interface Allocation {
  readonly code: string;
  readonly registerNumber: number;
  /** The marks as read, so recording the issue needs no second read. */
  readonly marks: { readonly codeKey: string; readonly code: number; readonly numberKey: string; readonly number: number };
}

/** The next code and register number for a dossier received on `date`. */
export function allocate(
  properties: Properties | null,
  unit: string,
  date: CivilDate,
  codes: readonly string[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): Allocation {
  const year = Number(date.slice(0, 4));
  const codeKey = `${CODE_KEY}${unit}-${datePartOf(date)}`;
  const numberKey = `${NUMBER_KEY}${year}`;
  const codeMark = stored(properties, codeKey);
  const numberMark = stored(properties, numberKey);
  const markCode = codeMark > 0 ? [`${unit}-${datePartOf(date)}-${String(codeMark).padStart(4, '0')}`] : [];
  return {
    code: nextDossierCode(unit, date, [...codes, ...markCode]),
    registerNumber: nextRegisterNumber(year, [...registerNumbers, { year, number: numberMark }]),
    marks: { codeKey, code: codeMark, numberKey, number: numberMark },
  };
}

/** Raises the high-water marks after a dossier is written (never lowers them). */
export function recordIssued(properties: Properties | null, allocation: Allocation): void {
  if (!properties) return;
  const sequence = parseDossierCode(allocation.code)?.sequence ?? 0;
  if (sequence > allocation.marks.code) properties.setProperty(allocation.marks.codeKey, String(sequence));
  if (allocation.registerNumber > allocation.marks.number) {
    properties.setProperty(allocation.marks.numberKey, String(allocation.registerNumber));
  }
}

/** Raises the marks to a code and number already in the register (a retry completing an earlier run). */
export function raiseHighWaterMarks(properties: Properties | null, code: string, year: number, registerNumber: number): void {
  if (!properties) return;
  const parsed = parseDossierCode(code);
  const marks: [string, number][] = [
    ...(parsed ? [[`${CODE_KEY}${parsed.unit}-${parsed.datePart}`, parsed.sequence] as [string, number]] : []),
    [`${NUMBER_KEY}${year}`, registerNumber],
  ];
  for (const [key, n] of marks) if (n > stored(properties, key)) properties.setProperty(key, String(n));
}

/**
 * Setup: every dossier code found anywhere in the register's cells, and every register number,
 * raises the marks — so codes outside the code column (a second header set, a pasted block) count.
 */
export function recordCodesInSheet(
  properties: Properties | null,
  cells: readonly (readonly CellValue[])[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): void {
  if (!properties) return;
  const codeMarks = new Map<string, number>();
  for (const row of cells) {
    for (const value of row) {
      if (typeof value !== 'string') continue;
      const parsed = parseDossierCode(textOf(value));
      if (!parsed) continue;
      const key = `${CODE_KEY}${parsed.unit}-${parsed.datePart}`;
      codeMarks.set(key, Math.max(codeMarks.get(key) ?? 0, parsed.sequence));
    }
  }
  const existing = properties.getProperties();
  const stale = (key: string, n: number) => n > (Number(existing[key] ?? 0) || 0);
  for (const [key, n] of codeMarks) if (stale(key, n)) properties.setProperty(key, String(n));
  const numberMarks = new Map<number, number>();
  for (const { year, number } of registerNumbers) numberMarks.set(year, Math.max(numberMarks.get(year) ?? 0, number));
  for (const [year, n] of numberMarks)
    if (stale(`${NUMBER_KEY}${year}`, n)) properties.setProperty(`${NUMBER_KEY}${year}`, String(n));
}
