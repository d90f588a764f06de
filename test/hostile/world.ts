/** Shared plumbing of the hostile-input properties: the guarded entry, a register restored between cases. */
import { guarded } from '../../src/server/guarded';
import type { CellValue } from '../../src/gas/services';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import type { WorkbookData } from '../../src/local/gas/workbookData';
import { submitUpdate } from '../../src/server/update';
import { readyUnit, unitWithDossiers } from '../helpers';
import { vietnameseProblems } from './arbitraries';

export type Unit = ReturnType<typeof readyUnit>;

/**
 * Calls an entry as Apps Script does, through `guarded`. A crash is anything `guarded` had to log
 * (an error that is not a SheetProblem): the property fails on it. A SheetProblem reaches the
 * person as a thrown Error with its Vietnamese message, which is returned for the caller to check.
 */
export function throughGuard<T>(entry: string, fn: () => T): { value: T } | { message: string } {
  const logged: unknown[][] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
  try {
    return { value: guarded(entry, fn) };
  } catch (error) {
    if (logged.length > 0) throw new Error(`crash in ${entry}: ${logged.map((a) => a.map(String).join(' ')).join('\n')}`);
    const message = error instanceof Error ? error.message : String(error);
    const problems = vietnameseProblems(message);
    if (problems.length > 0) throw new Error(`${entry} told the user “${message.slice(0, 300)}”: ${problems.join(', ')}`);
    return { message };
  } finally {
    spy.mockRestore();
  }
}

/** Every message of a refusal: Vietnamese, and keyed by a field the form has (or `form`). */
export function checkRefusal(errors: Record<string, string | undefined>, fields: readonly string[]): void {
  const keys = Object.keys(errors);
  if (keys.length === 0) throw new Error('a refusal with no message');
  for (const key of keys) {
    if (key !== 'form' && !fields.includes(key)) throw new Error(`refusal keyed by “${key}”, not a field of the form`);
    const problems = vietnameseProblems(errors[key]);
    if (problems.length > 0) throw new Error(`${key}: “${String(errors[key]).slice(0, 300)}”: ${problems.join(', ')}`);
  }
}

/** A register row as header → value. */
export function registerRow(unit: Unit, row: number): Record<string, CellValue> {
  return unit.run((_s, ss) => {
    const sheet = ss.getSheetByName(TABS.register)!;
    const values = sheet.getRange(row, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!;
    return Object.fromEntries(REGISTER_COLUMNS.map((h, i) => [h, values[i]!]));
  });
}

/** The rows of the event log below its header. */
export function logRows(unit: Unit): CellValue[][] {
  return unit.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    const last = log.getLastRow();
    return last < 2 ? [] : log.getRange(2, 1, last - 1, log.getLastColumn()).getValues();
  });
}

/** How many formulas the register and the log hold (the server never writes one). */
export function formulaCount(unit: Unit): number {
  const data = unit.world.spreadsheets.get(unit.book.id)!;
  return data.sheets.filter((s) => s.name === TABS.register || s.name === TABS.log).reduce((n, s) => n + s.formulas.size, 0);
}

/** The unit's workbook as it is now, to put back before each case (properties and cache are kept). */
export function saveBook(unit: Unit): WorkbookData {
  return structuredClone(unit.world.spreadsheets.get(unit.book.id)!);
}
export function restoreBook(unit: Unit, saved: WorkbookData): void {
  unit.world.addSpreadsheet(structuredClone(saved));
}

/** The fields each action's form sends, with a value that passes. */
export const ACTION_FIELDS: Record<string, Record<string, string>> = {
  transfer: { department: 'Phòng Tư pháp – Hộ tịch' },
  'request-supplement': { missing: 'Bản sao giấy khai sinh', reason: 'Thiếu giấy tờ theo quy định' },
  'receive-supplement': {},
  apologise: { newDueAt: '2026-03-20T17:00', reason: 'Cần xác minh thêm' },
  'record-result': {},
  refuse: { reason: 'Không đủ điều kiện' },
  'hand-over': { satisfaction: 'Hài lòng' },
  stop: { reason: 'Người nộp rút hồ sơ' },
};

/**
 * A register whose dossiers stand at every status an update starts from: received, being handled,
 * waiting for a supplement, apologised, with a result.
 */
export function updateUnit() {
  const unit = unitWithDossiers(6);
  const step = (code: string, action: string, extra: Record<string, string> = {}) => {
    const r = unit.run((s) =>
      submitUpdate(s, { requestId: `prep-${code.slice(-4)}-${action}`, code, action, at: '2026-03-02T08:40', ...extra }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  const [a, b, c, d, e] = unit.codes as [string, string, string, string, string, string];
  step(b, 'transfer');
  step(c, 'request-supplement', ACTION_FIELDS['request-supplement']);
  step(d, 'transfer');
  step(d, 'apologise', ACTION_FIELDS.apologise);
  step(e, 'record-result');
  void a;
  return unit;
}
