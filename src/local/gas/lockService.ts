/**
 * `LockService`: document and script locks held by one execution at a time. An execution nested in
 * another (interleave.ts) that meets a lock the outer one holds cannot wait for it there, so it is
 * deferred and started again later, its wait remembered in a `LockWaiter`.
 */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import { LockTimeoutFault } from './faults';
import { type Execution, LockBusy, type Runtime } from './runtime';

/** A wait at a lock: from when, and the simulated time at which tryLock/waitLock gives up. */
export interface LockWait {
  readonly lock: string;
  readonly sinceMs: number;
  readonly giveUpAtMs: number;
}

/**
 * One interleaved job's wait at a lock, kept across the job's restarts (see interleave.ts): the job
 * met the lock held by a paused execution, was put back in the queue, and when it is started again
 * its tryLock answers as if it had waited: true if the lock was free at some moment before it would
 * have given up, else false (waitLock throws) once that moment has passed.
 */
export class LockWaiter {
  wait: LockWait | undefined;
  /** How many times this job waited out its whole timeout and gave up. */
  timedOut = 0;
}

/** When one execution held a lock; `toMs` is Infinity while it still does. */
interface LockHold {
  fromMs: number;
  toMs: number;
}

export class LocalLocks {
  /**
   * When true, an interleaved execution that meets a held lock is deferred: it is started again later
   * and its tryLock then answers as its wait would have ended (see `LockWaiter`).
   */
  deferOnContention = false;
  private readonly holders = new Map<string, Execution>();
  /** Who held each lock when, kept while some job waits (to tell whether it could have had the lock). */
  private readonly holds = new Map<string, LockHold[]>();
  private readonly waiters = new Set<LockWaiter>();

  constructor(private readonly runtime: Runtime) {}

  /** Releases every lock `execution` still holds (its run has ended). */
  releaseAll(execution: Execution): void {
    for (const [name, holder] of this.holders) if (holder === execution) this.release(name);
  }

  /** Ends the waits of jobs that will not be run again (interleave.ts calls it when it is done). */
  forgetWaits(waiters: Iterable<LockWaiter>): void {
    for (const waiter of waiters) this.endWait(waiter);
  }

  serviceFor(execution: Execution, waiter: LockWaiter | undefined): S.LockServiceService {
    return {
      getDocumentLock: () => {
        this.runtime.touch('LockService.getDocumentLock');
        return execution.activeSpreadsheetId ? this.lockFor(`doc:${execution.activeSpreadsheetId}`, execution, waiter) : null;
      },
      getScriptLock: () => {
        this.runtime.touch('LockService.getScriptLock');
        return this.lockFor('script', execution, waiter);
      },
    };
  }

  private get clock() {
    return this.runtime.clock;
  }

  private acquire(name: string, execution: Execution): void {
    this.holders.set(name, execution);
    const holds = this.holds.get(name) ?? [];
    holds.push({ fromMs: this.clock.nowMs(), toMs: Infinity });
    this.holds.set(name, holds);
  }

  private release(name: string): void {
    this.holders.delete(name);
    const last = this.holds.get(name)?.at(-1);
    if (last && last.toMs === Infinity) last.toMs = this.clock.nowMs();
    this.pruneHolds();
  }

  /** Forgets holds that no pending wait can overlap. */
  private pruneHolds(): void {
    let since = Infinity;
    for (const w of this.waiters) if (w.wait) since = Math.min(since, w.wait.sinceMs);
    for (const [name, holds] of this.holds) {
      const kept = holds.filter((h) => h.toMs === Infinity || h.toMs >= since);
      if (kept.length === 0) this.holds.delete(name);
      else this.holds.set(name, kept);
    }
  }

  /** The first moment in [fromMs, toMs] at which nobody held the lock, or undefined if it was held throughout. */
  private firstFreeMoment(name: string, fromMs: number, toMs: number): number | undefined {
    let cursor = fromMs;
    for (const hold of this.holds.get(name) ?? []) {
      if (hold.fromMs <= cursor && hold.toMs > cursor) cursor = hold.toMs;
    }
    return cursor <= toMs ? cursor : undefined;
  }

  private endWait(waiter: LockWaiter): void {
    waiter.wait = undefined;
    this.waiters.delete(waiter);
    this.pruneHolds();
  }

  private tryLock(name: string, timeout: number, execution: Execution, waiter: LockWaiter | undefined): boolean {
    try {
      this.runtime.charge('Lock.tryLock', 'lock');
    } catch (error) {
      // An injected lock timeout (faults.ts): the wait ran out, so the lock is not acquired.
      if (!(error instanceof LockTimeoutFault)) throw error;
      this.clock.advance(timeout);
      return false;
    }
    const holder = this.holders.get(name);
    const heldByOther = holder !== undefined && holder !== execution;
    const now = this.clock.nowMs();
    const pending = waiter?.wait?.lock === name ? waiter.wait : undefined;
    if (waiter && pending) {
      // Started again after meeting the lock held: answer as the wait would have ended.
      const freeAt = this.firstFreeMoment(name, pending.sinceMs, pending.giveUpAtMs);
      if (freeAt === undefined) {
        if (heldByOther && now < pending.giveUpAtMs) {
          execution.deferred = true; // still within its timeout
          throw new LockBusy();
        }
        this.endWait(waiter);
        waiter.timedOut += 1;
        if (now < pending.giveUpAtMs) this.clock.advance(pending.giveUpAtMs - now);
        execution.addWait(pending.giveUpAtMs - pending.sinceMs);
        return false;
      }
      // Free in time, but held again now (this run is nested in the holder): wait on.
      if (heldByOther) {
        execution.deferred = true;
        throw new LockBusy();
      }
      this.endWait(waiter);
      if (now < freeAt) this.clock.advance(freeAt - now);
      execution.addWait(freeAt - pending.sinceMs);
      if (!holder) this.acquire(name, execution);
      return true;
    }
    if (!heldByOther) {
      if (!holder) this.acquire(name, execution);
      return true;
    }
    if (this.deferOnContention && waiter) {
      if (timeout <= 0) return false;
      waiter.wait = { lock: name, sinceMs: now, giveUpAtMs: now + timeout };
      this.waiters.add(waiter);
      execution.deferred = true;
      throw new LockBusy();
    }
    // The holder runs to its end after this call (no interleaving): the wait times out.
    this.clock.advance(timeout);
    return false;
  }

  private lockFor(name: string, execution: Execution, waiter: LockWaiter | undefined): S.Lock {
    const lock: S.Lock = {
      tryLock: (timeout) => this.tryLock(name, timeout, execution, waiter),
      waitLock: (timeout) => {
        if (!lock.tryLock(timeout)) throw googleError('Lock timeout: another process was holding the lock for too long.');
      },
      releaseLock: () => {
        this.runtime.charge('Lock.releaseLock', 'lock');
        if (this.holders.get(name) === execution) this.release(name);
      },
      hasLock: () => {
        this.runtime.touch('Lock.hasLock');
        return this.holders.get(name) === execution;
      },
    };
    return lock;
  }
}
