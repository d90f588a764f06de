/**
 * The local "Google": a simulated clock, the 6-minute execution limit, the cost of each service
 * call, and counters of calls and cells, shared by every local service of one world.
 */

/**
 * Simulated milliseconds each kind of call costs on Google's side. Rough medians from public
 * measurements of Apps Script (a spreadsheet round trip costs tens to hundreds of ms, opening
 * another file most of a second); what matters is that O(rows) calls add up the way they do there.
 */
export const CALL_COSTS_MS = {
  /** Reading or writing a range: a round trip to the spreadsheet backend. */
  rangeIo: 60,
  /** Per cell moved by a range read or write. */
  perCell: 0.02,
  /** Metadata calls (getRange, getSheetByName, getLastRow...). */
  metadata: 2,
  /** Formatting, validation, protection and similar writes. */
  formatting: 40,
  openById: 800,
  create: 1500,
  flush: 150,
  sendEmail: 400,
  lock: 20,
  properties: 15,
  cache: 10,
  trigger: 100,
  html: 30,
  ui: 50,
  utilities: 1,
} as const;

export type CostKind = keyof typeof CALL_COSTS_MS;

/** Apps Script stops a consumer-account execution after 6 minutes. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

export class ExecutionTimeExceeded extends Error {
  constructor() {
    super('Exceeded maximum execution time');
    this.name = 'Exception';
  }
}

/**
 * Thrown at a nested execution that meets a lock another execution holds: it will be run again
 * later (interleave.ts). Once thrown, every further service call of that execution throws it too,
 * so code that catches it cannot go on and write.
 */
export class LockBusy extends Error {
  constructor() {
    super('Local services: lock held by an interleaved execution');
  }
}

export type ExecutionContext = 'editor' | 'sidebar' | 'trigger' | 'simple-trigger';

export interface Counters {
  calls: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
}

export class SimulatedClock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(date: Date): void {
    this.ms = date.getTime();
  }
}

/** One run of a server function: who runs it, from where, and how long it has taken. */
export class Execution {
  readonly startedMs: number;
  /** Set when this run was deferred at a lock: it will be started again, and must not go on. */
  deferred = false;
  constructor(
    readonly runtime: Runtime,
    readonly user: string,
    readonly context: ExecutionContext,
    readonly activeSpreadsheetId: string | undefined,
  ) {
    this.startedMs = runtime.clock.nowMs();
  }

  private waitedMs = 0;

  elapsedMs(): number {
    return this.runtime.clock.nowMs() - this.startedMs + this.waitedMs;
  }

  /**
   * Counts time this execution spent waiting at a lock in an earlier run of the same job (see
   * interleave.ts): it was started again after the wait, but the wait is part of its 6 minutes.
   */
  addWait(ms: number): void {
    this.waitedMs += Math.max(0, ms);
  }
}

export class Runtime {
  readonly counters: Counters = { calls: {}, cellsRead: 0, cellsWritten: 0 };
  private current: Execution | undefined;
  /** Called between service calls; tests use it to interleave another execution (a second officer). */
  onCall: ((name: string) => void) | undefined;

  constructor(readonly clock: SimulatedClock) {}

  get execution(): Execution {
    if (!this.current) throw new Error('No execution is running: call world.run(...) first.');
    return this.current;
  }

  hasExecution(): boolean {
    return this.current !== undefined;
  }

  /** Runs `fn` as one execution; nested runs (another officer interleaved) restore the outer one. */
  run<T>(execution: Execution, fn: () => T): T {
    const outer = this.current;
    this.current = execution;
    try {
      return fn();
    } finally {
      this.current = outer;
    }
  }

  /** Counts a call, charges its cost to the simulated clock, and enforces the execution limit. */
  charge(name: string, kind: CostKind, cells = 0): void {
    if (this.current?.deferred) throw new LockBusy();
    this.counters.calls[name] = (this.counters.calls[name] ?? 0) + 1;
    this.clock.advance(CALL_COSTS_MS[kind] + cells * CALL_COSTS_MS.perCell);
    if (this.current && this.current.elapsedMs() > EXECUTION_LIMIT_MS) throw new ExecutionTimeExceeded();
    const hook = this.onCall;
    if (hook) hook(name);
  }

  totalCalls(): number {
    return Object.values(this.counters.calls).reduce((a, b) => a + b, 0);
  }

  resetCounters(): void {
    this.counters.calls = {};
    this.counters.cellsRead = 0;
    this.counters.cellsWritten = 0;
  }
}
