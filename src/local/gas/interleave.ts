/**
 * Several people using one workbook at once, in one Node thread: while one execution is between
 * two service calls, another may run to its end (Apps Script executions interleave at service
 * calls, which is where they touch shared state). One that meets a lock held by the paused
 * execution is put back in the queue and started again later, as if it had waited at the lock;
 * this is faithful as long as nothing is written before the lock is taken, which the server
 * guarantees.
 */
import type { Services } from '../../server/services';
import { LockBusy, type LocalWorld, type RunOptions } from './world';

export interface Job<T> {
  readonly options: RunOptions;
  readonly run: (services: Services) => T;
}

export interface InterleaveStats {
  /** Executions started while another was paused between calls. */
  interleaved: number;
  /** Executions that met a held lock and were started again later. */
  waitedAtLock: number;
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
  const stats: InterleaveStats = { interleaved: 0, waitedAtLock: 0 };
  let depth = 0;
  const runOne = (index: number) => {
    const job = jobs[index];
    if (!job) return;
    results[index] = world.run(job.options, job.run);
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
    while (queue.length > 0) {
      const index = queue.shift();
      if (index !== undefined) runOne(index);
    }
  } finally {
    world.runtime.onCall = previousHook;
    world.deferOnContention = previousDefer;
  }
  return { results, stats };
}
