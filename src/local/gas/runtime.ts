/**
 * The local "Google": a simulated clock, the 6-minute execution limit, the cost of each service
 * call, and counters of calls and cells, shared by every local service of one world.
 */

import { Faults } from './faults';

/**
 * Simulated milliseconds each kind of call costs on Google's side, from published measurements of
 * Apps Script. They vary by a factor of two or more from day to day and script to script; what
 * matters is that calls, cells and O(rows) loops add up the way they do there. Sources:
 *
 * [P] Luis Peralta, "Google Apps Script APIs performance", https://ziritione.org/post/apps_script_performance
 *     (100 runs each): PropertiesService getProperty avg 30 ms (user store 34), setProperty avg 62 (64);
 *     CacheService put avg 93 ms (min 73), get avg 3 ms.
 * [J] Justin Poehnelt, "Storage Wars: CacheService vs. PropertiesService vs. Firestore Benchmarks",
 *     https://justin.poehnelt.com/posts/apps-script-key-value-stores (100 put+get of 100 bytes):
 *     CacheService ~63 ms, PropertiesService ~80 ms for a write and a read.
 * [B] bugbugnow, "GoogleAppsScriptのスプレッドシート処理を高速化する" (2019),
 *     https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html: `getLastRow()` called 1,000
 *     times in a loop took 160 s (~160 ms a call); 1,000 `getRange(i, 1).getValue()` took 3.1 s
 *     (~3 ms a pair, served by the look-ahead cache).
 * [T] Kanshi Tanaike, a report on handling 10,000,000 cells with Apps Script,
 *     https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e: a sheet's max rows and
 *     columns read in 0.3 s; and "Benchmark: Reading and Writing Spreadsheet using Google Apps
 *     Script" (2018), https://gist.github.com/tanaikech/d102c9600ba12a162c667287d2f20fe4: the cost
 *     of getValues and setValues grows with the cells moved.
 * [M] "What is faster: ScriptDb or SpreadsheetApp?", a Stack Overflow answer copied at
 *     https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp:
 *     one setValues of 4,000 cells took under 50 ms and 610 ms with a `flush()` after it (writes are
 *     sent at the flush); 400 one-row writes each flushed took about 12 s (~30 ms a flush).
 * [K] github.com/moseskim/google-app-scripts-3rd, 16/16-02.gs (timings in its comments): getValues
 *     of 1,000 cells then setValues of them, 333 ms; the same cell by cell, each read flushing the
 *     write before it, 318,580 ms (~160 ms a read and a write).
 * [L] A 2016 Apps Script execution transcript, https://pastebin.com/VzZLHRrM: getActiveSpreadsheet,
 *     getActiveSheet and getRange logged at 0 s, the first getValues at 0.175 s, getValues of nearby
 *     cells after it at 0 s.
 * [S] "Small Outbox" add-on FAQ, https://sites.google.com/quickfixters.com/add-onsuniverse/faq:
 *     an email of 100 KB takes about 1.2 s to send.
 */
export const CALL_COSTS_MS = {
  /**
   * A range read's round trip to the sheet backend (getValues, getDisplayValues, getFormulas...): [L] 175 ms for a first read,
   * [K] 333 ms for a read and a write of 1,000 cells.
   */
  rangeRead: 80,
  /**
   * Per cell a range read moves: [T] grows with the cells; [K] 333 ms less two round trips leaves ~0.17 ms a cell read and
   * written (an upper bound).
   */
  perCellRead: 0.02,
  /** A range write's round trip (setValues, setNumberFormats, appendRow, clearContent, sort): as a read, [K]. */
  rangeWrite: 80,
  /** Per cell a range write moves: [M] (610 ms - a round trip - a flush) / 4,000 cells is about 0.12 ms; [K] as above. */
  perCellWrite: 0.07,
  /**
   * A call the script side answers from the handles it holds (getRange, getActiveSpreadsheet, getId...): [L] 0 s, [B] ~3 ms with
   * a cached read.
   */
  handle: 2,
  /**
   * A question to the backend about a sheet's grid or the workbook's tabs (getLastRow, getLastColumn, getDataRange, getMaxRows,
   * getSheetByName, getSheets, getName, time zone...): [B] ~160 ms a getLastRow, [T] 0.3 s for max rows and columns.
   */
  sheetMetadata: 150,
  /**
   * A formatting, validation, protection or structure write in one call (setNumberFormat, setDataValidation, insertRowsAfter...):
   * a write round trip, [K].
   */
  formatting: 80,
  /** flush() beyond the writes already charged: [M] ~30 ms a flush. */
  flush: 30,
  /** Opening another spreadsheet by id: not measured in the sources above; most of a second. */
  openById: 800,
  /** Creating a spreadsheet: not measured in the sources above. */
  create: 1500,
  /** MailApp.sendEmail: [S] about 1.2 s for 100 KB; MotCua's messages are a few KB. */
  sendEmail: 1000,
  /** tryLock/releaseLock when the lock is free: not measured in the sources above. */
  lock: 20,
  /** PropertiesService getProperty/getProperties: [P] 30-34 ms. */
  propertiesGet: 30,
  /** PropertiesService setProperty/deleteProperty: [P] 62-64 ms; [J] ~80 ms for a set and a get. */
  propertiesSet: 60,
  /** CacheService get: [P] 3-4 ms. */
  cacheGet: 3,
  /** CacheService put/remove: [J] ~63 ms for a put and a get; [P] 73-93 ms. */
  cachePut: 60,
  /** ScriptApp trigger calls: not measured in the sources above. */
  trigger: 100,
  /** HtmlService outputs: not measured in the sources above. */
  html: 30,
  /** UI calls (menus, sidebars, alerts, toasts): not measured in the sources above. */
  ui: 50,
  /**
   * Utilities.formatDate and sleep's own overhead (sleep also advances the clock by its argument): computed in the script's
   * runtime.
   */
  utilities: 1,
} as const;

/** What a call costs: one of the kinds above (the per-cell rates are added by `Runtime.charge`). */
export type CostKind = Exclude<keyof typeof CALL_COSTS_MS, 'perCellRead' | 'perCellWrite'>;

/** Apps Script stops a consumer-account execution after 6 minutes. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

class ExecutionTimeExceeded extends Error {
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
  /** Set when Google stopped this run (an injected time limit): every later call throws it again. */
  stopped: Error | undefined;
  constructor(
    readonly runtime: Runtime,
    readonly user: string,
    readonly context: ExecutionContext,
    readonly activeSpreadsheetId: string | undefined,
  ) {
    this.startedMs = runtime.clock.nowMs();
  }

  private waitedMs = 0;
  /** Writes queued since the last read or flush: Apps Script sends them together, in one round trip. */
  pendingWrites = false;

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
  /** Shown a toast's text as it is raised; the CLI uses it to show a long report's progress. */
  onToast: ((text: string) => void) | undefined;
  /** Fault injection (faults.ts): every service call passes through `faults.check` before it has any effect. */
  readonly faults = new Faults();

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

  /**
   * Counts a call, charges its cost to the simulated clock, and enforces the execution limit: the
   * one place where costs are charged. A range read or write also charges, and counts, the cells
   * it moves (read and written cells cost differently); no other kind of call moves cells.
   */
  charge(name: string, kind: CostKind, cells = 0): void {
    if (this.current?.deferred) throw new LockBusy();
    this.faults.check(name, this.current);
    let ms: number = CALL_COSTS_MS[kind];
    // "Sometimes, spreadsheet operations are bundled together to improve performance ... call
    // SpreadsheetApp.flush()" (developers.google.com/apps-script/reference/spreadsheet): writes
    // queued without a read between them share one round trip; a read or flush sends them.
    const execution = this.current;
    if (execution && (kind === 'rangeWrite' || kind === 'formatting')) {
      if (execution.pendingWrites) ms = 0;
      execution.pendingWrites = true;
    } else if (execution && (kind === 'rangeRead' || kind === 'sheetMetadata' || kind === 'flush')) {
      execution.pendingWrites = false;
    }
    if (kind === 'rangeRead') {
      ms += cells * CALL_COSTS_MS.perCellRead;
      this.counters.cellsRead += cells;
    } else if (kind === 'rangeWrite') {
      ms += cells * CALL_COSTS_MS.perCellWrite;
      this.counters.cellsWritten += cells;
    } else if (cells !== 0) {
      throw new Error(`Local services: ${name} is charged as ${kind}, which moves no cells.`);
    }
    this.counters.calls[name] = (this.counters.calls[name] ?? 0) + 1;
    this.clock.advance(ms);
    if (this.current && this.current.elapsedMs() > EXECUTION_LIMIT_MS) throw new ExecutionTimeExceeded();
    const hook = this.onCall;
    if (hook) hook(name);
  }

  /**
   * A call Google answers without a round trip worth counting (getDocumentLock, getDocumentProperties,
   * getActiveUser...): not charged nor counted, so the benchmark's figures stay comparable, but it
   * passes through the fault hook like every other call.
   */
  touch(name: string): void {
    if (this.current?.deferred) throw new LockBusy();
    this.faults.check(name, this.current);
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
