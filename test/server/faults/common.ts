/** Shared pieces of the fault sweeps over intake, update and setup: running a sidebar submit as Apps Script does, and the checks. */
import type { Services } from '../../../src/gas/services';
import type { LocalWorld } from '../../../src/local/gas/world';
import { guarded } from '../../../src/server/guarded';
import { runSetup } from '../../../src/server/setup';
import { SheetProblem } from '../../../src/sheets/layout';
import { checkRegister, picture, tablesOf } from './invariants';
import type { Outcome } from './sweep';

/** A sidebar submit through `callServer`'s boundary: what the sidebar shows. */
export function submit(
  world: LocalWorld,
  id: string,
  entry: string,
  fn: (s: Services) => { ok: boolean; errors?: Record<string, string | undefined> },
): Outcome {
  try {
    const answer = world.run({ user: 'canbo@example.gov.vn', context: 'sidebar', spreadsheetId: id }, (s) =>
      guarded(entry, () => fn(s)),
    );
    return answer.ok ? { done: true, message: '' } : { done: false, message: Object.values(answer.errors ?? {}).join(' ') };
  } catch (error) {
    return { done: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * After the fault: the invariants hold, allowing only a step in flight, and the tables are either
 * as before, as the clean run left them, or carry that step in flight. After the retry: no step in
 * flight, and the tables exactly as the clean run left them.
 */
export function registerChecks(
  world: LocalWorld,
  id: string,
  phase: 'after-fault' | 'after-retry',
  before: string,
  cleanWorld: LocalWorld,
  cleanId: string,
): string[] {
  const check = checkRegister(world, id, { inFlight: phase === 'after-fault' });
  const now = picture(tablesOf(world, id));
  const clean = picture(tablesOf(cleanWorld, cleanId));
  const problems = [...check.problems];
  if (phase === 'after-fault') {
    if (now !== before && now !== clean && check.inFlight.length === 0) problems.push('sổ thay đổi dở dang');
    if (now !== before && now !== clean) inFlightSeen.count += 1;
  } else if (now !== clean) problems.push('sau khi chạy lại, sổ khác với lần chạy không lỗi');
  return problems;
}

/** How many faulted runs left a step in flight (completed by the retry), for the report. */
export const inFlightSeen = { count: 0 };

/** The menu item as index.ts runs it: a sheet problem is the dialog's answer, anything else goes through `guarded`. */
export function setupFromMenu(world: LocalWorld, id: string, user = 'canbo@example.gov.vn'): Outcome {
  try {
    return world.run({ user, context: 'editor', spreadsheetId: id }, (s) =>
      guarded('setupRegister', () => {
        try {
          const message = runSetup(s).message;
          s.spreadsheetApp.getUi().alert(message);
          return { done: true, message };
        } catch (error) {
          if (!(error instanceof SheetProblem)) throw error;
          return { done: false, message: error.message };
        }
      }),
    );
  } catch (error) {
    return { done: false, message: error instanceof Error ? error.message : String(error) };
  }
}
