/**
 * A fault sweep: run an action once on a clean world to list its service calls (N), then for each
 * k in 1..N, on a fresh copy of the same world, make call k throw one of the faults Google throws
 * there (cycling through them), check the workbook, run the action again, and check it is done
 * exactly once. Each sweep returns its figures; `faultsSurvived` counts the runs with no problem.
 */
import { type FaultKind, faultsFor } from '../../../src/local/gas/faults';
import type { LocalWorld } from '../../../src/local/gas/world';

export interface Outcome {
  /** What the person was told (a thrown error's message, or the answer's text). */
  readonly message: string;
  /** The action answered as done (no error, no refusal). */
  readonly done: boolean;
}

export interface SweepCase<W> {
  /** A fresh world in the state before the action, the same every time. */
  readonly fresh: () => W;
  readonly world: (w: W) => LocalWorld;
  /** The action as the person starts it (through its entry's error boundary); the retry is the same call. */
  readonly act: (w: W) => Outcome;
  /** Problems with the world right after the faulted run (`inFlight` allowed) and after the retry. */
  readonly check: (w: W, phase: 'after-fault' | 'after-retry', clean: W) => string[];
  /** Problems with what the person was told after a fault of `kind` (default: `toldTheTruth`). */
  readonly told?: (outcome: Outcome, kind: FaultKind) => string[];
}

export interface SweepReport {
  readonly calls: number;
  readonly injected: number;
  readonly survived: number;
  readonly byKind: Partial<Record<FaultKind, number>>;
  readonly failures: string[];
}

/** What `guarded` says for each of Google's faults (src/server/guarded.ts), and that nothing was lost. */
const TOLD: Record<FaultKind, RegExp> = {
  timeout: /Google Sheets không trả lời kịp/,
  'server-error': /Máy chủ của Google gặp lỗi tạm thời/,
  'lock-timeout': /Sổ đang được người khác ghi/,
  'time-limit': /quá 6 phút/,
  'mail-quota': /hết số thư Google cho gửi trong ngày/,
};

/**
 * The person is told what happened and that nothing was lost (or the action answered as done: a
 * fault the server rode out, such as a cache that failed).
 */
function toldTheTruth(outcome: Outcome, kind: FaultKind): string[] {
  if (outcome.done) return [];
  const problems: string[] = [];
  if (!TOLD[kind].test(outcome.message)) problems.push(`không nói rõ lỗi ${kind}: “${outcome.message}”`);
  if (!/Không có gì bị mất|chưa có gì được ghi|chưa có gì thay đổi/.test(outcome.message))
    problems.push(`không nói rằng không mất gì: “${outcome.message}”`);
  return problems;
}

export function sweep<W>(c: SweepCase<W>): SweepReport {
  // The boundary logs each fault's stack for the execution log: hundreds here, read by nobody.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return sweepQuietly(c);
  } finally {
    quiet.mockRestore();
    warn.mockRestore();
  }
}

function sweepQuietly<W>(c: SweepCase<W>): SweepReport {
  const clean = c.fresh();
  const calls = c.world(clean).faults.record();
  const first = c.act(clean);
  const names = [...calls];
  c.world(clean).faults.clear();
  if (!first.done) throw new Error(`the clean run failed: ${first.message}`);
  const failures: string[] = [];
  const byKind: Partial<Record<FaultKind, number>> = {};
  let survived = 0;
  let injected = 0;
  const runs = names.flatMap((name, i) => {
    const k = i + 1;
    const kinds = faultsFor(name);
    // A lock and a message may each fail in their own way: every one of those is tried there.
    const here = name === 'Lock.tryLock' || name === 'MailApp.sendEmail' ? kinds : [kinds[k % kinds.length]!];
    return here.map((kind) => ({ name, k, kind }));
  });
  for (const { name, k, kind } of runs) {
    injected += 1;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const w = c.fresh();
    const world = c.world(w);
    const fault = world.faults.inject({ kind, nth: k });
    const outcome = c.act(w);
    world.faults.clear();
    const problems = [
      ...(fault.fired ? [] : ['the fault did not fire']),
      ...(c.told ?? toldTheTruth)(outcome, kind),
      ...c.check(w, 'after-fault', clean),
    ];
    const retry = c.act(w);
    if (!retry.done) problems.push(`the retry failed: ${retry.message}`);
    problems.push(...c.check(w, 'after-retry', clean));
    if (problems.length === 0) survived += 1;
    else failures.push(`#${k} ${name} (${kind}): ${problems.join('; ')}`);
  }
  return { calls: names.length, injected, survived, byKind, failures };
}
