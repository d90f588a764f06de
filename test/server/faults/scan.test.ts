/**
 * The daily deadline check under Google's faults, from the menu (`Kiểm tra hạn ngay`) and from its
 * trigger: one fault at each service call, then the same run again. Nobody is mailed twice, nobody
 * is left out, the `Cảnh báo` column ends as a clean run leaves it, and no dossier changes.
 * Run: `npx jest test/server/faults/scan.test.ts`.
 */
import type { LocalWorld } from '../../../src/local/gas/world';
import { guarded } from '../../../src/server/guarded';
import { checkDeadlinesNow, runDailyWarnings } from '../../../src/server/warnings/schedule';
import { type Row as DossierRow, OFFICERS, unitWith, vn } from '../warningsFixture';
import { cloneDeep } from './clone';
import { tablesOf } from './invariants';
import { type Outcome, sweep } from './sweep';

const code = (n: number) => `000.17.22.H56-260302-${String(n).padStart(4, '0')}`;
/** Three officers with work due (overdue, due today, due soon), one with nothing due, and the head's summary. */
const ROWS: DossierRow[] = [
  { code: code(1), handler: OFFICERS[0]!, due: '2026-03-05' },
  { code: code(2), handler: OFFICERS[1]!, due: '2026-03-09' },
  { code: code(3), handler: OFFICERS[2]!, due: '2026-03-10' },
  { code: code(4), handler: OFFICERS[3]!, due: '2026-03-30' },
];

function start() {
  const unit = unitWith(ROWS, vn('2026-03-09', '09:00'));
  return { world: unit.world, id: unit.book.id };
}

function checkFromMenu(world: LocalWorld, id: string): Outcome {
  try {
    const message = world.run({ user: 'canbo@example.gov.vn', context: 'editor', spreadsheetId: id }, (s) =>
      guarded('checkDeadlinesNow', () => {
        const text = checkDeadlinesNow(s);
        s.spreadsheetApp.getUi().alert(text);
        return text;
      }),
    );
    return { done: true, message };
  } catch (error) {
    return { done: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The spreadsheet's owner, whom a trigger's failure is mailed to. */
const OWNER = 'canbo@example.gov.vn';

/** The trigger never throws: a failure is mailed to the spreadsheet's owner with its cause. */
function checkFromTrigger(world: LocalWorld, id: string): Outcome {
  const owner = OWNER;
  const before = world.outbox.length;
  try {
    world.run({ user: 'canbo@example.gov.vn', context: 'trigger', spreadsheetId: id }, (s) => runDailyWarnings(s));
  } catch (error) {
    // Google stopped the run (its 6 minutes): Google itself mails the trigger's owner its failure notice.
    return { done: false, message: `Google: ${error instanceof Error ? error.message : String(error)}` };
  }
  const notice = world.outbox.slice(before).find((m) => m.to.includes(owner));
  return notice ? { done: false, message: notice.body } : { done: true, message: '' };
}

const recipients = (world: LocalWorld, skip: string[] = []) =>
  world.outbox.flatMap((m) => m.to).filter((to) => !skip.includes(to));

/**
 * Google stopping the run between a recipient's mark and the message leaves that one marked sent and
 * not mailed: never twice is kept over never skipped, as the mailing's design says (a message that
 * may have gone is not sent again). Only Google's 6-minute stop can fall there, and mailing stops
 * at 4½ minutes, before marking the next recipient; the sweep counts these apart.
 */
const KILLED_AFTER_MARK = /^#\d+ (Lock\.releaseLock|MailApp\.sendEmail) \(time-limit\): chưa gửi cho [^;]+$/;

function scanSweep(act: (world: LocalWorld, id: string) => Outcome, viaTrigger: boolean) {
  const base = start();
  const dossiers = (w: { world: LocalWorld; id: string }) =>
    JSON.stringify(tablesOf(w.world, w.id).register.map(({ ['Cảnh báo']: _w, ...rest }) => rest));
  const warnings = (w: { world: LocalWorld; id: string }) =>
    JSON.stringify(tablesOf(w.world, w.id).register.map((r) => r['Cảnh báo']));
  const before = dossiers(base);
  return sweep({
    fresh: () => cloneDeep(base),
    world: (u) => u.world,
    act: (u) => act(u.world, u.id),
    told: (outcome, kind) =>
      outcome.done ||
      (viaTrigger
        ? /Nguyên nhân: .*(Google|6 phút|người khác ghi)|^Google: Exceeded maximum execution time/.test(outcome.message)
        : /Không có gì bị mất|chưa có gì được ghi|không thư nào bị mất/.test(outcome.message))
        ? []
        : [`${kind}: “${outcome.message}”`],
    check: (u, phase, clean) => {
      const problems: string[] = [];
      if (dossiers(u) !== before) problems.push('hồ sơ bị thay đổi');
      const sent = recipients(u.world, [OWNER]);
      const twice = sent.filter((to, i) => sent.indexOf(to) !== i);
      if (twice.length > 0) problems.push(`gửi hai lần cho ${twice.join(', ')}`);
      if (phase === 'after-retry') {
        const missing = recipients(clean.world).filter((to) => !sent.includes(to));
        if (missing.length > 0) problems.push(`chưa gửi cho ${missing.join(', ')}`);
        if (warnings(u) !== warnings(clean)) problems.push('cột Cảnh báo khác với lần chạy không lỗi');
      }
      return problems;
    },
  });
}

describe('the daily deadline check: a fault at any one service call', () => {
  it.each([
    ['the menu item', checkFromMenu, false],
    ['the daily trigger', checkFromTrigger, true],
  ] as const)(
    'from %s: nobody mailed twice, nobody left out unless Google stops the run between a mark and its message, the column as a clean run leaves it',
    (what, act, viaTrigger) => {
      const report = scanSweep(act, viaTrigger);
      const killedAfterMark = report.failures.filter((f) => KILLED_AFTER_MARK.test(f));
      console.log(
        `daily check from ${what}: ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived; ` +
          `${killedAfterMark.length} stopped by Google between a recipient's mark and its message left that recipient unmailed (never twice)`,
        report.byKind,
      );
      expect(report.failures.filter((f) => !KILLED_AFTER_MARK.test(f))).toEqual([]);
      // A stop at each recipient's message (the head and three officers), and at most one more each at
      // the lock's release after its mark (which calls get a time-limit fault rotates with the call count).
      expect(killedAfterMark.filter((f) => f.includes('MailApp.sendEmail'))).toHaveLength(4);
      expect(killedAfterMark.length).toBeLessThanOrEqual(8);
      expect(report.injected).toBeGreaterThan(40);
    },
  );
});
