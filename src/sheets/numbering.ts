/**
 * Dossier codes and register numbers are never issued twice. Allocation takes one past the highest
 * of what the register's code and STT columns hold (read whole: codes typed by hand anywhere count)
 * and of a high-water mark kept in the document's properties, which also survives rows deleted by
 * hand. The mark is written, with the request that took the number, BEFORE the row: a run stopped
 * after it is completed by its retry with the same number, and no run can take it again.
 */
import { datePartOf, nextDossierCode, nextRegisterNumber, parseDossierCode } from '../core/dossierCode';
import { addDays, type CivilDate } from '../core/civil';
import type { CellValue, Properties } from '../gas/services';
import { textOf } from './cells';

const MARKS_KEY = 'motcua.marks.';
/** Requests remembered with the number they took: far more than a retry ever needs to look back. */
const REMEMBERED_REQUESTS = 60;
/**
 * Days whose last sequence is remembered. Older days rely on the register's own codes: a
 * property holds 9 KB, and a dossier is rarely entered weeks after its receipt.
 */
const REMEMBERED_DAYS = 45;

/**
 * A year's marks: the last register number; the last sequence of each unit and recent day
 * (`{"000.17.22.H56": {"0302": 5}}`); and the recent requests with the numbers they took.
 */
export interface YearMarks {
  stt: number;
  codes: Record<string, Record<string, number>>;
  requests: [key: string, code: string, registerNumber: number][];
}

/** A year's marks, read once (one property). */
export function readMarks(properties: Properties | null, year: number): YearMarks {
  const empty: YearMarks = { stt: 0, codes: {}, requests: [] };
  const text = properties?.getProperty(`${MARKS_KEY}${year}`);
  if (!text) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<YearMarks>;
    return {
      stt: Number.isInteger(parsed.stt) && (parsed.stt ?? 0) > 0 ? (parsed.stt ?? 0) : 0,
      codes: parsed.codes && typeof parsed.codes === 'object' ? parsed.codes : {},
      requests: Array.isArray(parsed.requests) ? parsed.requests : [],
    };
  } catch {
    return empty; // a damaged mark is no mark: the register's own numbers still count
  }
}

function writeMarks(properties: Properties | null, year: number, marks: YearMarks, today: CivilDate): void {
  // Old days and old requests are dropped so that the property stays well under its 9 KB
  // (only in the current year's marks: a past year's are no longer growing).
  const from = addDays(today, -REMEMBERED_DAYS);
  const current = Number(today.slice(0, 4)) === year;
  const oldest = current && from.slice(0, 4) === today.slice(0, 4) ? datePartOf(from).slice(2) : '0000';
  const recent = (day: string) => day >= oldest;
  const codes = Object.fromEntries(
    Object.entries(marks.codes).map(([unit, days]) => [
      unit,
      Object.fromEntries(Object.entries(days).filter(([d]) => recent(d))),
    ]),
  );
  const kept: YearMarks = { stt: marks.stt, codes, requests: marks.requests.slice(-REMEMBERED_REQUESTS) };
  properties?.setProperty(`${MARKS_KEY}${year}`, JSON.stringify(kept));
}

function yearOfDatePart(datePart: string): number {
  return 2000 + Number(datePart.slice(0, 2));
}

/** The code and number a request already took, if the marks remember it. */
export function takenBy(marks: YearMarks, key: string): { code: string; registerNumber: number } | undefined {
  const found = marks.requests.find(([k]) => k === key);
  return found ? { code: found[1], registerNumber: found[2] } : undefined;
}

/** The other requests the marks remember (to tell a reused id from a new one). */
export function rememberedKeys(marks: YearMarks): string[] {
  return marks.requests.map(([k]) => k);
}

/**
 * The next code and register number for a dossier received on `date`, above everything the
 * register holds (`codes`, `registerNumbers`) and everything ever issued (the marks).
 */
export function allocate(
  marks: YearMarks,
  unit: string,
  date: CivilDate,
  codes: readonly string[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): { code: string; registerNumber: number } {
  const year = Number(date.slice(0, 4));
  const datePart = datePartOf(date);
  const codeMark = marks.codes[unit]?.[datePart.slice(2)] ?? 0;
  const markCode = codeMark > 0 ? [`${unit}-${datePart}-${String(codeMark).padStart(4, '0')}`] : [];
  return {
    code: nextDossierCode(unit, date, [...codes, ...markCode]),
    registerNumber: nextRegisterNumber(year, [...registerNumbers, { year, number: marks.stt }]),
  };
}

/** Raises the marks to a code and number (never lowers them). */
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

/**
 * Reserves a code and number for a request, before anything is written to the register: the
 * marks rise to them and remember which request took them.
 */
export function reserve(
  properties: Properties | null,
  marks: YearMarks,
  year: number,
  key: string,
  taken: { code: string; registerNumber: number },
  today: CivilDate,
): void {
  const next: YearMarks = JSON.parse(JSON.stringify(marks)) as YearMarks;
  raise(next, taken.code, taken.registerNumber);
  next.requests = [...next.requests.filter(([k]) => k !== key), [key, taken.code, taken.registerNumber]];
  writeMarks(properties, year, next, today);
}

/**
 * Setup: every dossier code found anywhere in the register's and the log's cells, and every
 * register number, raises the marks — so codes outside the code column (a second header set, a
 * pasted block) and codes of deleted rows that the log still names count. One read and at most one
 * write per year.
 */
export function recordCodesInSheet(
  properties: Properties | null,
  cells: readonly (readonly CellValue[])[],
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
  today: CivilDate,
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
    if (changed) writeMarks(properties, year, marks, today);
  }
}
