/**
 * Dossier codes and register numbers are never issued twice. Allocation takes one past the highest
 * of what the register's code and STT columns hold (read whole: codes typed by hand anywhere count)
 * and of a high-water mark kept in the document's properties, which also survives rows deleted by
 * hand. The mark is written, with the request that took the number, BEFORE the row: a run stopped
 * after it is completed by its retry with the same number, and no run can take it again.
 */
import { describeGoogleFault } from '../core/googleFaults';
import { datePartOf, nextDossierCode, nextRegisterNumber, parseDossierCode } from '../core/dossierCode';
import type { CivilDate } from '../core/civil';
import { utf8Length } from '../core/requestKey';
import type { CellValue, Properties } from '../gas/services';
import { textOf } from './cells';
import { SheetProblem } from './layout';

const MARKS_KEY = 'motcua.marks.';
/** Requests remembered with the number they took: far more than a retry ever needs to look back. */
const REMEMBERED_REQUESTS = 150;
/** A property holds 9 KB; the marks are kept under this, dropping the oldest requests first. */
const MARKS_BYTES = 8 * 1024;

/**
 * A year's marks: the last register number; the last sequence of each unit and day
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
      requests: (Array.isArray(parsed.requests) ? (parsed.requests as unknown[]) : []).filter(
        (r): r is [string, string, number] =>
          Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && typeof r[2] === 'number',
      ),
    };
  } catch {
    return empty; // a damaged mark is no mark: the register's own numbers still count
  }
}

/** A request key as the marks keep it: its space, the end of its id and the start of its hash (enough to tell them apart). */
function shortKey(key: string): string {
  const m = /^(intake|update):([A-Za-z0-9-]+):([0-9a-z]+)$/.exec(key);
  return m ? `${(m[1] ?? '').charAt(0)}${(m[2] ?? '').slice(-12)}:${(m[3] ?? '').slice(0, 8)}` : key.slice(-24);
}

/**
 * Writes a year's marks, within a property's size: the oldest requests go first, then the oldest
 * days (their codes are still in the register's own column). A refused write stops the intake
 * before anything is written to the register.
 */
function writeMarks(properties: Properties | null, year: number, marks: YearMarks): void {
  if (!properties) return;
  const kept: YearMarks = { stt: marks.stt, codes: marks.codes, requests: marks.requests.slice(-REMEMBERED_REQUESTS) };
  let text = JSON.stringify(kept);
  while (utf8Length(text) > MARKS_BYTES && kept.requests.length > 20) {
    kept.requests = kept.requests.slice(10);
    text = JSON.stringify(kept);
  }
  while (utf8Length(text) > MARKS_BYTES) {
    const days = Object.values(kept.codes)
      .flatMap((d) => Object.keys(d))
      .sort();
    const oldest = days[0];
    if (oldest === undefined) break;
    for (const unitDays of Object.values(kept.codes)) delete unitDays[oldest];
    text = JSON.stringify(kept);
  }
  try {
    properties.setProperty(`${MARKS_KEY}${year}`, text);
  } catch (error) {
    console.error('MotCua: marks not saved:', error instanceof Error ? (error.stack ?? error.message) : String(error));
    const fault = describeGoogleFault(error);
    throw new SheetProblem(
      `Không lưu được số thứ tự đã cấp${fault ? ` (${fault})` : ''}; chưa có gì được ghi vào sổ, vui lòng bấm lại sau ít phút.`,
    );
  }
}

function yearOfDatePart(datePart: string): number {
  return 2000 + Number(datePart.slice(0, 2));
}

/** The code and number a request already took, if the marks remember it. */
export function takenBy(marks: YearMarks, key: string): { code: string; registerNumber: number } | undefined {
  const short = shortKey(key);
  const found = marks.requests.find(([k]) => k === short);
  return found ? { code: found[1], registerNumber: found[2] } : undefined;
}

/** A remembered request with the same id as `key` but another payload: the code and number it took. */
export function reusedId(marks: YearMarks, key: string): { code: string; registerNumber: number } | undefined {
  const [id, hash] = shortKey(key).split(':');
  const found = marks.requests.find(([k]) => {
    const [otherId, otherHash] = k.split(':');
    return otherId === id && otherHash !== hash;
  });
  return found ? { code: found[1], registerNumber: found[2] } : undefined;
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
  const datePart = datePartOf(date);
  const codeMark = marks.codes[unit]?.[datePart.slice(2)] ?? 0;
  const markCode = codeMark > 0 ? [`${unit}-${datePart}-${String(codeMark).padStart(4, '0')}`] : [];
  return {
    code: nextDossierCode(unit, date, [...codes, ...markCode]),
    registerNumber: allocateNumber(marks, date, registerNumbers),
  };
}

/**
 * The next register number alone, for a dossier whose code the provincial system issued: above
 * every number of its year the register holds and ever issued.
 */
export function allocateNumber(
  marks: YearMarks,
  date: CivilDate,
  registerNumbers: readonly { readonly year: number; readonly number: number }[],
): number {
  const year = Number(date.slice(0, 4));
  return nextRegisterNumber(year, [...registerNumbers, { year, number: marks.stt }]);
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
): void {
  const next: YearMarks = JSON.parse(JSON.stringify(marks)) as YearMarks;
  raise(next, taken.code, taken.registerNumber);
  const short = shortKey(key);
  // The same id with an earlier payload, never recorded, hands its reservation over (intake.ts).
  const id = short.split(':')[0];
  next.requests = [...next.requests.filter(([k]) => k.split(':')[0] !== id), [short, taken.code, taken.registerNumber]];
  writeMarks(properties, year, next);
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
  /** Only this unit's codes are allocated from; others' (pasted from elsewhere) need no mark. */
  unit: string,
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
      if (parsed && (!unit || parsed.unit === unit)) yearEntry(yearOfDatePart(parsed.datePart)).codes.push(textOf(value));
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
