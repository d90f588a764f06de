/**
 * Several people using one workbook at once, in one Node thread: while one execution is between
 * two service calls, another may run to its end (Apps Script executions interleave at service
 * calls, which is where they touch shared state).
 *
 * One that meets a lock held by the paused execution cannot wait there (the holder only goes on
 * once it returns), so it is put back in the queue with its wait remembered (`LockWaiter`: since
 * when, and the simulated time at which its `tryLock(timeout)` gives up), and started again later.
 * When it reaches the lock again, the lock's history decides: if the lock was free at some moment
 * before the job would have given up, it gets the lock (and its execution counts the wait);
 * otherwise its `tryLock` returns false (`waitLock` throws `Lock timeout: …`), so the server's
 * "someone else is saving" path runs. Starting the job again from the beginning is faithful only
 * because nothing is written before the lock is taken, which the server guarantees.
 */
import type { Services } from '../../gas/services';
import { LockWaiter } from './lockService';
import { LockBusy } from './runtime';
import type { LocalWorld, RunOptions } from './world';

export interface Job<T> {
  readonly options: RunOptions;
  readonly run: (services: Services) => T;
}

export interface InterleaveStats {
  /** Executions started while another was paused between calls. */
  interleaved: number;
  /** Executions that met a held lock and were started again later. */
  waitedAtLock: number;
  /** Waits that ran out: the holder kept the lock past the job's timeout, so its tryLock returned false. */
  timedOutAtLock: number;
}

/** A small seeded generator, so a failing interleaving can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function runInterleaved<T>(
  world: LocalWorld,
  jobs: readonly Job<T>[],
  seed = 1,
  chance = 0.05,
): { results: T[]; stats: InterleaveStats } {
  const random = seededRandom(seed);
  const queue = jobs.map((_, i) => i);
  const results: T[] = new Array(jobs.length);
  const waiters = jobs.map(() => new LockWaiter());
  const stats: InterleaveStats = { interleaved: 0, waitedAtLock: 0, timedOutAtLock: 0 };
  let depth = 0;
  const runOne = (index: number) => {
    const job = jobs[index];
    if (!job) return;
    results[index] = world.run(job.options, job.run, waiters[index]);
  };
  const previousHook = world.runtime.onCall;
  const previousDefer = world.deferOnContention;
  world.deferOnContention = true;
  world.runtime.onCall = () => {
    if (depth > 0 || queue.length === 0 || random() >= chance) return;
    const index = queue.shift();
    if (index === undefined) return;
    depth += 1;
    stats.interleaved += 1;
    try {
      runOne(index);
    } catch (error) {
      if (!(error instanceof LockBusy)) throw error;
      stats.waitedAtLock += 1;
      queue.push(index);
    } finally {
      depth -= 1;
    }
  };
  try {
    // At the top level no other execution is paused, so no lock is held and nothing defers.
    while (queue.length > 0) {
      const index = queue.shift();
      if (index !== undefined) runOne(index);
    }
  } finally {
    world.runtime.onCall = previousHook;
    world.deferOnContention = previousDefer;
    world.forgetLockWaits(waiters);
  }
  stats.timedOutAtLock = waiters.reduce((n, w) => n + w.timedOut, 0);
  return { results, stats };
}
