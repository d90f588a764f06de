/**
 * Dossier codes and register numbers are never issued twice, even after rows are deleted, a header
 * is lost or codes were typed elsewhere in the sheet: the highest number ever issued per day and
 * per year is kept in the document's properties (a high-water mark, one property per year, read
 * and written once per intake) and allocation takes the higher of it and what the register shows.
 */
import { datePartOf, nextDossierCode, nextRegisterNumber, parseDossierCode } from '../core/dossierCode';
import type { CivilDate } from '../core/civil';
import type { CellValue, Properties } from '../gas/services';
import { textOf } from './cells';

const MARKS_KEY = 'motcua.marks.';

/**
 * A year's marks: the last register number, and the last sequence of each unit and day
 * (`{"000.17.22.H56": {"0302": 5}}`): a year of days fits well inside a property's 9 KB.
 */
export interface YearMarks {
  stt: number;
  codes: Record<string, Record<string, number>>;
}

/** A year's marks, read once (one property). */
export function readMarks(properties: Properties | null, year: number): YearMarks {
  const empty: YearMarks = { stt: 0, codes: {} };
  const text = properties?.getProperty(`${MARKS_KEY}${year}`);
  if (!text) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<YearMarks>;
    return {
      stt: Number.isInteger(parsed.stt) && (parsed.stt ?? 0) > 0 ? (parsed.stt ?? 0) : 0,
      codes: parsed.codes && typeof parsed.codes === 'object' ? parsed.codes : {},
    };
  } catch {
    return empty; // a damaged mark is no mark: the register's own numbers still count
  }
}

function writeMarks(properties: Properties | null, year: number, marks: YearMarks): void {
  properties?.setProperty(`${MARKS_KEY}${year}`, JSON.stringify(marks));
}

function yearOfDatePart(datePart: string): number {
  return 2000 + Number(datePart.slice(0, 2));
}

export interface Allocation {
  readonly code: string;
  readonly registerNumber: number;
  readonly year: number;
  /** The marks as read, so recording the issue needs no second read. */
  readonly marks: YearMarks;
}

/** The next code and register number for a dossier received on `date`. */
export function allocate(
  marks: YearMarks,
  unit: string,
  date: CivilDate,
  codes: readonly string[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): Allocation {
  const year = Number(date.slice(0, 4));
  const datePart = datePartOf(date);
  const codeMark = marks.codes[unit]?.[datePart.slice(2)] ?? 0;
  const markCode = codeMark > 0 ? [`${unit}-${datePart}-${String(codeMark).padStart(4, '0')}`] : [];
  return {
    code: nextDossierCode(unit, date, [...codes, ...markCode]),
    registerNumber: nextRegisterNumber(year, [...registerNumbers, { year, number: marks.stt }]),
    year,
    marks,
  };
}

/** Raises the year's marks to a code and number now in the register (never lowers them). */
function raise(marks: YearMarks, code: string, registerNumber: number): boolean {
  let changed = false;
  const parsed = parseDossierCode(code);
  if (parsed) {
    const days = (marks.codes[parsed.unit] ??= {});
    const day = parsed.datePart.slice(2);
    if (parsed.sequence > (days[day] ?? 0)) {
      days[day] = parsed.sequence;
      changed = true;
    }
  }
  if (registerNumber > marks.stt) {
    marks.stt = registerNumber;
    changed = true;
  }
  return changed;
}

/** After a dossier is written: one write of the year's marks. */
export function recordIssued(properties: Properties | null, allocation: Allocation): void {
  const marks: YearMarks = JSON.parse(JSON.stringify(allocation.marks)) as YearMarks;
  if (raise(marks, allocation.code, allocation.registerNumber)) writeMarks(properties, allocation.year, marks);
}

/** Raises the marks to a code and number already in the register (a retry completing an earlier run). */
export function raiseHighWaterMarks(properties: Properties | null, code: string, year: number, registerNumber: number): void {
  const marks = readMarks(properties, year);
  if (raise(marks, code, registerNumber)) writeMarks(properties, year, marks);
}

/**
 * Setup: every dossier code found anywhere in the register's cells, and every register number,
 * raises the marks — so codes outside the code column (a second header set, a pasted block) count.
 * One read and at most one write per year.
 */
export function recordCodesInSheet(
  properties: Properties | null,
  cells: readonly (readonly CellValue[])[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): void {
  if (!properties) return;
  const byYear = new Map<number, { codes: string[]; stt: number }>();
  const yearEntry = (year: number) => {
    let entry = byYear.get(year);
    if (!entry) {
      entry = { codes: [], stt: 0 };
      byYear.set(year, entry);
    }
    return entry;
  };
  for (const row of cells) {
    for (const value of row) {
      if (typeof value !== 'string') continue;
      const parsed = parseDossierCode(textOf(value));
      if (parsed) yearEntry(yearOfDatePart(parsed.datePart)).codes.push(textOf(value));
    }
  }
  for (const { year, number } of registerNumbers) {
    const entry = yearEntry(year);
    entry.stt = Math.max(entry.stt, number);
  }
  for (const [year, entry] of byYear) {
    const marks = readMarks(properties, year);
    let changed = raise(marks, '', entry.stt);
    for (const code of entry.codes) changed = raise(marks, code, 0) || changed;
    if (changed) writeMarks(properties, year, marks);
  }
}
