/**
 * A local Google: spreadsheets, mail, triggers, properties, cache, locks, HTML files and UI, with
 * the simulated clock and counters of `Runtime`. `world.run(...)` gives one execution its
 * `Services`, exactly the interface the server takes in production; each service lives in its own
 * file and keeps its own state.
 */
import type * as S from '../../gas/services';
import { LocalCaches } from './cacheService';
import type { Faults } from './faults';
import { LocalHtml } from './htmlService';
import { LocalLocks, type LockWaiter } from './lockService';
import type { SentMail } from './mail';
import { LocalMail } from './mailService';
import { LocalProperties } from './propertiesService';
import { Execution, type ExecutionContext, LockBusy, Runtime, SimulatedClock } from './runtime';
import { sessionFor } from './session';
import { spreadsheetAppFor } from './spreadsheetApp';
import { LocalTriggers, type TriggerRecord } from './triggers';
import { newUiRecord, type UiRecord } from './ui';
import { utilitiesFor } from './utilities';
import { newWorkbookData, type WorkbookData } from './workbookData';

export interface TriggerRun {
  readonly handler: string;
  readonly at: Date;
  readonly user: string;
  error?: string;
}

export interface RunOptions {
  readonly user?: string;
  readonly context?: ExecutionContext;
  readonly spreadsheetId?: string;
}

export class LocalWorld {
  readonly clock: SimulatedClock;
  readonly runtime: Runtime;
  readonly spreadsheets = new Map<string, WorkbookData>();
  readonly ui: UiRecord = newUiRecord();
  readonly logs: string[] = [];
  scriptTimeZone = 'Asia/Ho_Chi_Minh';
  private readonly mail: LocalMail;
  private readonly locks: LocalLocks;
  private readonly properties: LocalProperties;
  private readonly caches: LocalCaches;
  private readonly scriptApp: LocalTriggers;
  private readonly html: LocalHtml;
  private nextId = 1;

  constructor(start: Date = new Date('2026-03-02T01:00:00Z')) {
    this.clock = new SimulatedClock(start.getTime());
    this.runtime = new Runtime(this.clock);
    this.mail = new LocalMail(this.runtime);
    this.locks = new LocalLocks(this.runtime);
    this.properties = new LocalProperties(this.runtime, this.spreadsheets);
    this.caches = new LocalCaches(this.runtime);
    this.scriptApp = new LocalTriggers(this.runtime, (prefix) => this.newId(prefix));
    this.html = new LocalHtml(this.runtime);
  }

  /**
   * Fault injection (faults.ts): `world.faults.inject({ kind: 'timeout', nth: 3, call: 'Range.setValues' })`
   * makes the third `setValues` from now throw Google's timeout; `record()` lists the calls an action makes.
   */
  get faults(): Faults {
    return this.runtime.faults;
  }

  /** Messages sent with MailApp, oldest first. */
  get outbox(): SentMail[] {
    return this.mail.outbox;
  }
  /** Recipients each user may mail in 24 hours. */
  get mailQuota(): number {
    return this.mail.quota;
  }
  set mailQuota(recipients: number) {
    this.mail.quota = recipients;
  }
  get triggers(): TriggerRecord[] {
    return this.scriptApp.triggers;
  }
  /** Files `HtmlService.createHtmlOutputFromFile` can load (the built `dist/*.html`). */
  get htmlFiles(): Map<string, string> {
    return this.html.files;
  }
  /**
   * When true, an interleaved execution that meets a held lock is deferred: it is started again later
   * and its tryLock then answers as its wait would have ended (see `LockWaiter`).
   */
  get deferOnContention(): boolean {
    return this.locks.deferOnContention;
  }
  set deferOnContention(defer: boolean) {
    this.locks.deferOnContention = defer;
  }

  newId(prefix: string): string {
    const n = this.nextId++;
    return `${prefix}${n.toString(36).padStart(6, '0')}`;
  }

  /** Adds a spreadsheet (e.g. loaded from .xlsx) to this world. */
  addSpreadsheet(data: WorkbookData): void {
    this.spreadsheets.set(data.id, data);
  }

  /** Spreadsheets deleted for good (emptied from the owner's Trash), by id. */
  readonly deletedSpreadsheets = new Set<string>();

  /** Deletes a spreadsheet for good: `openById` then answers as Google does for a file that is gone. */
  deleteSpreadsheet(id: string): void {
    this.spreadsheets.delete(id);
    this.deletedSpreadsheets.add(id);
  }

  /** Addresses the domain's sharing policy refuses, for every spreadsheet made in this world. */
  readonly shareRefused: string[] = [];

  createSpreadsheetData(name: string, owner = 'admin@example.gov.vn'): WorkbookData {
    const data = newWorkbookData(this.newId('local-'), name, owner);
    data.shareRefused = this.shareRefused;
    this.spreadsheets.set(data.id, data);
    return data;
  }

  /**
   * Runs `fn` as one execution with its services; locks it still holds are released at the end.
   * `waiter` carries an interleaved job's wait at a lock across its restarts (interleave.ts).
   */
  run<T>(options: RunOptions, fn: (services: S.Services) => T, waiter?: LockWaiter): T {
    const execution = new Execution(
      this.runtime,
      options.user ?? 'canbo@example.gov.vn',
      options.context ?? 'editor',
      options.spreadsheetId,
    );
    try {
      const result = this.runtime.run(execution, () => fn(this.servicesFor(execution, waiter)));
      // Deferred at a lock, yet `fn` caught the LockBusy and returned: its answer does not count.
      if (execution.deferred) throw new LockBusy();
      return result;
    } finally {
      this.locks.releaseAll(execution);
    }
  }

  /** Ends the waits of jobs that will not be run again (interleave.ts calls it when it is done). */
  forgetLockWaits(waiters: Iterable<LockWaiter>): void {
    this.locks.forgetWaits(waiters);
  }

  /** Makes the built sidebars and dialogs (`dist/*.html`) loadable by HtmlService.createHtmlOutputFromFile. */
  loadHtmlFiles(dir: string): void {
    this.html.loadFiles(dir);
  }

  /** Writes every sent message as an .eml file (RFC 822) into `dir`; returns the file names. */
  writeOutbox(dir: string): string[] {
    return this.mail.writeOutbox(dir);
  }

  /**
   * Empties every cache now, as Google may: it may evict any entry before its expiry (memory
   * pressure, the 1,000-item cap), so code must treat a cache hit as a bonus, never as storage.
   */
  evictCaches(): void {
    this.caches.evictAll();
  }

  /**
   * Lets time pass until `until`, firing the time-driven triggers that fall due on the way, in
   * time order, each as an execution of its owner in trigger context on its spreadsheet. `handlers`
   * are the script's functions by name (Code.js's top-level functions). A trigger whose handler
   * throws is recorded, as Google records it (and mails its owner a failure notice).
   */
  runTriggersUntil(until: Date, handlers: Readonly<Record<string, (services: S.Services) => unknown>>): TriggerRun[] {
    const runs: TriggerRun[] = [];
    for (;;) {
      const now = this.clock.nowMs();
      let next: { trigger: TriggerRecord; atMs: number } | undefined;
      for (const trigger of this.scriptApp.triggers) {
        const atMs = this.scriptApp.nextFireMs(trigger, Math.max(now - 1, trigger.firedMs ?? -Infinity), this.scriptTimeZone);
        if (atMs !== undefined && atMs <= until.getTime() && (!next || atMs < next.atMs)) next = { trigger, atMs };
      }
      if (!next) break;
      const { trigger, atMs } = next;
      if (atMs > now) this.clock.advance(atMs - now);
      trigger.firedMs = this.clock.nowMs();
      const handler = handlers[trigger.handler];
      const run: TriggerRun = { handler: trigger.handler, at: this.clock.now(), user: trigger.user };
      try {
        if (!handler) throw new Error(`Script function not found: ${trigger.handler}`);
        this.run(
          { user: trigger.user, context: 'trigger', ...(trigger.spreadsheetId ? { spreadsheetId: trigger.spreadsheetId } : {}) },
          handler,
        );
      } catch (error) {
        run.error = error instanceof Error ? error.message : String(error);
      }
      runs.push(run);
    }
    if (until.getTime() > this.clock.nowMs()) this.clock.advance(until.getTime() - this.clock.nowMs());
    return runs;
  }

  remainingQuota(user: string): number {
    return this.mail.remainingQuota(user);
  }

  private servicesFor(execution: Execution, waiter: LockWaiter | undefined): S.Services {
    return {
      spreadsheetApp: spreadsheetAppFor(this, execution),
      mailApp: this.mail.serviceFor(execution),
      lockService: this.locks.serviceFor(execution, waiter),
      propertiesService: this.properties.serviceFor(execution),
      cacheService: this.caches.serviceFor(execution),
      scriptApp: this.scriptApp.serviceFor(execution),
      htmlService: this.html.service(),
      session: sessionFor(execution, () => this.scriptTimeZone),
      utilities: utilitiesFor(this.runtime),
      clock: { now: () => this.clock.now() },
    };
  }
}
