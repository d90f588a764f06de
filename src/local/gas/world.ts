/**
 * A local Google: spreadsheets, mail, triggers, properties, cache, locks, HTML files and UI, with
 * the simulated clock and counters of `Runtime`. `world.run(...)` gives one execution its
 * `Services`, exactly the interface the server takes in production.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as S from '../../gas/services';
import { isDate } from '../../sheets/cells';
import { Execution, type ExecutionContext, LockBusy, Runtime, SimulatedClock } from './runtime';
import {
  LocalConditionalRuleBuilder,
  LocalDataValidationBuilder,
  LocalSpreadsheet,
  newWorkbookData,
  type WorkbookData,
} from './spreadsheet';
import { type SentMail, splitAddresses, toRfc822 } from './mail';
import { formatDatePattern, isValidTimeZone } from './time';

function googleError(message: string): Error {
  const e = new Error(message);
  e.name = 'Exception';
  return e;
}

export { LockBusy };

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

export interface RunOptions {
  readonly user?: string;
  readonly context?: ExecutionContext;
  readonly spreadsheetId?: string;
}

export interface UiRecord {
  menus: { caption: string; items: { caption: string; functionName: string }[] }[];
  sidebars: { title: string; content: string }[];
  dialogs: { title: string; content: string }[];
  alerts: string[];
}

interface TriggerRecord {
  id: string;
  handler: string;
  user: string;
  everyDays?: number;
  everyHours?: number;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
}

/** Apps Script caps installable triggers at 20 per user per script. */
export const MAX_TRIGGERS_PER_USER = 20;
/** Recipients per day: 100 for consumer accounts (1,500 for Workspace). */
export const DEFAULT_MAIL_QUOTA = 100;
const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;
const CACHE_VALUE_LIMIT = 100 * 1024;
const CACHE_MAX_SECONDS = 21600;
/**
 * Google caps a cache at 1,000 items ("If more than 1,000 items are written, the cache stores the 900
 * items farthest from expiration", Cache.putAll); measured, it drops about 100 at once, oldest put
 * first. Modelled as: past 1,000 entries, the oldest puts go until 900 remain.
 */
export const CACHE_MAX_ITEMS = 1000;
const CACHE_KEPT_ON_EVICTION = 900;

export class LocalWorld {
  readonly clock: SimulatedClock;
  readonly runtime: Runtime;
  readonly spreadsheets = new Map<string, WorkbookData>();
  readonly outbox: SentMail[] = [];
  readonly triggers: TriggerRecord[] = [];
  readonly ui: UiRecord = { menus: [], sidebars: [], dialogs: [], alerts: [] };
  /** Files `HtmlService.createHtmlOutputFromFile` can load (the built `dist/*.html`). */
  readonly htmlFiles = new Map<string, string>();
  readonly logs: string[] = [];
  mailQuota = DEFAULT_MAIL_QUOTA;
  scriptTimeZone = 'Asia/Ho_Chi_Minh';
  private readonly mailLog: { user: string; atMs: number; recipients: number }[] = [];
  private readonly scriptProperties = new Map<string, string>();
  private readonly userProperties = new Map<string, Map<string, string>>();
  private readonly documentProperties = new Map<string, Map<string, string>>();
  private readonly caches = new Map<string, Map<string, { value: string; expiresMs: number }>>();
  private readonly locks = new Map<string, Execution>();
  /** Who held each lock when, kept while some job waits (to tell whether it could have had the lock). */
  private readonly lockHolds = new Map<string, LockHold[]>();
  private readonly lockWaiters = new Set<LockWaiter>();
  private nextId = 1;

  constructor(start: Date = new Date('2026-03-02T01:00:00Z')) {
    this.clock = new SimulatedClock(start.getTime());
    this.runtime = new Runtime(this.clock);
  }

  newId(prefix: string): string {
    const n = this.nextId++;
    return `${prefix}${n.toString(36).padStart(6, '0')}`;
  }

  /** Adds a spreadsheet (e.g. loaded from .xlsx) to this world. */
  addSpreadsheet(data: WorkbookData): void {
    this.spreadsheets.set(data.id, data);
  }

  createSpreadsheetData(name: string, owner = 'admin@example.gov.vn'): WorkbookData {
    const data = newWorkbookData(this.newId('local-'), name, owner);
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
      for (const [name, holder] of this.locks) if (holder === execution) this.releaseLock(name);
    }
  }

  private acquireLock(name: string, execution: Execution): void {
    this.locks.set(name, execution);
    const holds = this.lockHolds.get(name) ?? [];
    holds.push({ fromMs: this.clock.nowMs(), toMs: Infinity });
    this.lockHolds.set(name, holds);
  }

  private releaseLock(name: string): void {
    this.locks.delete(name);
    const last = this.lockHolds.get(name)?.at(-1);
    if (last && last.toMs === Infinity) last.toMs = this.clock.nowMs();
    this.pruneLockHolds();
  }

  /** Forgets holds that no pending wait can overlap. */
  private pruneLockHolds(): void {
    let since = Infinity;
    for (const w of this.lockWaiters) if (w.wait) since = Math.min(since, w.wait.sinceMs);
    for (const [name, holds] of this.lockHolds) {
      const kept = holds.filter((h) => h.toMs === Infinity || h.toMs >= since);
      if (kept.length === 0) this.lockHolds.delete(name);
      else this.lockHolds.set(name, kept);
    }
  }

  /** The first moment in [fromMs, toMs] at which nobody held the lock, or undefined if it was held throughout. */
  private firstFreeMoment(name: string, fromMs: number, toMs: number): number | undefined {
    let cursor = fromMs;
    for (const hold of this.lockHolds.get(name) ?? []) {
      if (hold.fromMs <= cursor && hold.toMs > cursor) cursor = hold.toMs;
    }
    return cursor <= toMs ? cursor : undefined;
  }

  private endWait(waiter: LockWaiter): void {
    waiter.wait = undefined;
    this.lockWaiters.delete(waiter);
    this.pruneLockHolds();
  }

  /** Ends the waits of jobs that will not be run again (interleave.ts calls it when it is done). */
  forgetLockWaits(waiters: Iterable<LockWaiter>): void {
    for (const waiter of waiters) this.endWait(waiter);
  }

  private book(id: string): LocalSpreadsheet {
    const data = this.spreadsheets.get(id);
    if (!data) throw googleError(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
    return new LocalSpreadsheet(data, this.runtime);
  }

  private servicesFor(execution: Execution, waiter: LockWaiter | undefined): S.Services {
    const world = this;
    const rt = this.runtime;
    const charge = (name: string, kind: Parameters<Runtime['charge']>[1]) => rt.charge(name, kind);
    const canUseUi = execution.context === 'editor' || execution.context === 'sidebar' || execution.context === 'simple-trigger';

    const spreadsheetApp: S.SpreadsheetAppService = {
      getActiveSpreadsheet: () => {
        charge('SpreadsheetApp.getActiveSpreadsheet', 'metadata');
        return execution.activeSpreadsheetId ? world.book(execution.activeSpreadsheetId) : null;
      },
      openById: (id) => {
        charge('SpreadsheetApp.openById', 'openById');
        if (execution.context === 'simple-trigger') {
          throw googleError(
            'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
          );
        }
        const data = world.spreadsheets.get(id);
        if (!data) throw googleError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
        if (![data.owner, ...data.editors, ...data.viewers].includes(execution.user)) {
          throw googleError('You do not have permission to access the requested document.');
        }
        return new LocalSpreadsheet(data, rt);
      },
      create: (name) => {
        charge('SpreadsheetApp.create', 'create');
        return new LocalSpreadsheet(world.createSpreadsheetData(name, execution.user), rt);
      },
      flush: () => charge('SpreadsheetApp.flush', 'flush'),
      getUi: () => {
        charge('SpreadsheetApp.getUi', 'ui');
        if (!canUseUi) throw googleError('Cannot call SpreadsheetApp.getUi() from this context.');
        return world.uiService();
      },
      newDataValidation: () => new LocalDataValidationBuilder(),
      newConditionalFormatRule: () => new LocalConditionalRuleBuilder(),
      ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType,
    };

    const mailApp: S.MailAppService = {
      sendEmail: (message) => {
        charge('MailApp.sendEmail', 'sendEmail');
        const to = splitAddresses(message.to);
        const cc = splitAddresses(message.cc);
        const bcc = splitAddresses(message.bcc);
        const recipients = to.length + cc.length + bcc.length;
        if (recipients === 0) throw googleError('Failed to send email: no recipient');
        for (const address of [...to, ...cc, ...bcc]) {
          if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) throw googleError(`Invalid email: ${address}`);
        }
        if (world.remainingQuota(execution.user) < recipients) {
          throw googleError('Service invoked too many times for one day: email.');
        }
        world.mailLog.push({ user: execution.user, atMs: world.clock.nowMs(), recipients });
        const sentAt = world.clock.now();
        world.outbox.push({
          from: execution.user,
          to,
          cc,
          bcc,
          subject: message.subject,
          body: message.body,
          ...(message.htmlBody ? { htmlBody: message.htmlBody } : {}),
          sentAt,
          rfc822: toRfc822(message, execution.user, sentAt, world.outbox.length + 1),
        });
      },
      getRemainingDailyQuota: () => {
        charge('MailApp.getRemainingDailyQuota', 'metadata');
        return world.remainingQuota(execution.user);
      },
    };

    const lockFor = (name: string): S.Lock => {
      const lock: S.Lock = {
        tryLock: (timeout) => {
          charge('Lock.tryLock', 'lock');
          const holder = world.locks.get(name);
          const heldByOther = holder !== undefined && holder !== execution;
          const now = world.clock.nowMs();
          const pending = waiter?.wait?.lock === name ? waiter.wait : undefined;
          if (waiter && pending) {
            // Started again after meeting the lock held: answer as the wait would have ended.
            const freeAt = world.firstFreeMoment(name, pending.sinceMs, pending.giveUpAtMs);
            if (freeAt === undefined) {
              if (heldByOther && now < pending.giveUpAtMs) {
                execution.deferred = true; // still within its timeout
                throw new LockBusy();
              }
              world.endWait(waiter);
              waiter.timedOut += 1;
              if (now < pending.giveUpAtMs) world.clock.advance(pending.giveUpAtMs - now);
              execution.addWait(pending.giveUpAtMs - pending.sinceMs);
              return false;
            }
            // Free in time, but held again now (this run is nested in the holder): wait on.
            if (heldByOther) {
              execution.deferred = true;
              throw new LockBusy();
            }
            world.endWait(waiter);
            if (now < freeAt) world.clock.advance(freeAt - now);
            execution.addWait(freeAt - pending.sinceMs);
            if (!holder) world.acquireLock(name, execution);
            return true;
          }
          if (!heldByOther) {
            if (!holder) world.acquireLock(name, execution);
            return true;
          }
          if (world.deferOnContention && waiter) {
            if (timeout <= 0) return false;
            waiter.wait = { lock: name, sinceMs: now, giveUpAtMs: now + timeout };
            world.lockWaiters.add(waiter);
            execution.deferred = true;
            throw new LockBusy();
          }
          // The holder runs to its end after this call (no interleaving): the wait times out.
          world.clock.advance(timeout);
          return false;
        },
        waitLock: (timeout) => {
          if (!lock.tryLock(timeout)) throw googleError('Lock timeout: another process was holding the lock for too long.');
        },
        releaseLock: () => {
          charge('Lock.releaseLock', 'lock');
          if (world.locks.get(name) === execution) world.releaseLock(name);
        },
        hasLock: () => world.locks.get(name) === execution,
      };
      return lock;
    };

    const lockService: S.LockServiceService = {
      getDocumentLock: () => (execution.activeSpreadsheetId ? lockFor(`doc:${execution.activeSpreadsheetId}`) : null),
      getScriptLock: () => lockFor('script'),
    };

    const propertiesOf = (store: Map<string, string>): S.Properties => {
      const props: S.Properties = {
        getProperty: (k) => {
          charge('Properties.getProperty', 'properties');
          return store.get(k) ?? null;
        },
        setProperty: (k, v) => {
          charge('Properties.setProperty', 'properties');
          const value = String(v);
          if (value.length > PROPERTY_VALUE_LIMIT) throw googleError('Argument too large: value');
          const total = [...store.entries()].reduce((n, [kk, vv]) => n + (kk === k ? 0 : kk.length + vv.length), 0);
          if (total + k.length + value.length > PROPERTY_STORE_LIMIT)
            throw googleError('You have exceeded the property storage quota. Please remove some properties and try again.');
          store.set(k, value);
          return props;
        },
        getProperties: () => {
          charge('Properties.getProperties', 'properties');
          return Object.fromEntries(store);
        },
        deleteProperty: (k) => {
          charge('Properties.deleteProperty', 'properties');
          store.delete(k);
          return props;
        },
      };
      return props;
    };
    const storeFor = <K>(map: Map<K, Map<string, string>>, k: K) => {
      let store = map.get(k);
      if (!store) {
        store = new Map();
        map.set(k, store);
      }
      return store;
    };
    const propertiesService: S.PropertiesServiceService = {
      getDocumentProperties: () =>
        execution.activeSpreadsheetId ? propertiesOf(storeFor(world.documentProperties, execution.activeSpreadsheetId)) : null,
      getScriptProperties: () => propertiesOf(world.scriptProperties),
      getUserProperties: () => propertiesOf(storeFor(world.userProperties, execution.user)),
    };

    const cacheOf = (name: string): S.Cache => {
      let store = world.caches.get(name);
      if (!store) {
        store = new Map();
        world.caches.set(name, store);
      }
      const entries = store;
      return {
        get: (k) => {
          charge('Cache.get', 'cache');
          const e = entries.get(k);
          if (!e || e.expiresMs <= world.clock.nowMs()) return null;
          return e.value;
        },
        put: (k, v, seconds) => {
          charge('Cache.put', 'cache');
          if (k.length > 250) throw googleError('Argument too large: key');
          if (v.length > CACHE_VALUE_LIMIT) throw googleError('Argument too large: value');
          const ttl = Math.min(Math.max(1, seconds), CACHE_MAX_SECONDS);
          // Map order is put order: a put of an existing key makes it the newest.
          entries.delete(k);
          entries.set(k, { value: v, expiresMs: world.clock.nowMs() + ttl * 1000 });
          if (entries.size > CACHE_MAX_ITEMS) {
            const now = world.clock.nowMs();
            for (const [key, e] of entries) if (e.expiresMs <= now) entries.delete(key);
            for (const key of entries.keys()) {
              if (entries.size <= CACHE_KEPT_ON_EVICTION) break;
              entries.delete(key);
            }
          }
        },
        remove: (k) => {
          charge('Cache.remove', 'cache');
          entries.delete(k);
        },
      };
    };
    const cacheService: S.CacheServiceService = {
      getDocumentCache: () => (execution.activeSpreadsheetId ? cacheOf(`doc:${execution.activeSpreadsheetId}`) : null),
      getScriptCache: () => cacheOf('script'),
    };

    const scriptApp: S.ScriptAppService = {
      newTrigger: (functionName) => ({
        timeBased: () => {
          const spec: TriggerRecord = { id: '', handler: functionName, user: execution.user };
          const builder: S.ClockTriggerBuilder = {
            everyDays: (n) => ((spec.everyDays = n), builder),
            everyHours: (n) => {
              if (![1, 2, 4, 6, 8, 12].includes(n))
                throw googleError('Invalid argument: hours. Should be one of: 1, 2, 4, 6, 8, 12.');
              spec.everyHours = n;
              return builder;
            },
            atHour: (h) => {
              if (!Number.isInteger(h) || h < 0 || h > 23) throw googleError('Invalid argument: hour');
              spec.atHour = h;
              return builder;
            },
            nearMinute: (m) => ((spec.nearMinute = m), builder),
            inTimezone: (tz) => {
              if (!isValidTimeZone(tz)) throw googleError(`Invalid argument: timezone`);
              spec.timeZone = tz;
              return builder;
            },
            create: () => {
              charge('ScriptApp.newTrigger.create', 'trigger');
              if (world.triggers.filter((t) => t.user === execution.user).length >= MAX_TRIGGERS_PER_USER) {
                throw googleError(
                  'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
                );
              }
              spec.id = world.newId('trigger-');
              world.triggers.push(spec);
              return triggerOf(spec);
            },
          };
          return builder;
        },
      }),
      getProjectTriggers: () => {
        charge('ScriptApp.getProjectTriggers', 'trigger');
        return world.triggers.filter((t) => t.user === execution.user).map(triggerOf);
      },
      deleteTrigger: (trigger) => {
        charge('ScriptApp.deleteTrigger', 'trigger');
        const i = world.triggers.findIndex((t) => t.id === trigger.getUniqueId());
        if (i >= 0) world.triggers.splice(i, 1);
      },
    };

    const htmlService: S.HtmlServiceService = {
      createHtmlOutputFromFile: (filename) => {
        charge('HtmlService.createHtmlOutputFromFile', 'html');
        const content = world.htmlFiles.get(filename.replace(/\.html$/, ''));
        if (content === undefined) throw googleError(`No HTML file named ${filename} was found.`);
        return htmlOutput(content);
      },
      createHtmlOutput: (html) => {
        charge('HtmlService.createHtmlOutput', 'html');
        return htmlOutput(html);
      },
    };

    const userOf = (email: string): S.User => ({ getEmail: () => email });
    const session: S.SessionService = {
      // Simple triggers of consumer accounts do not see who is at the keyboard.
      getActiveUser: () => userOf(execution.context === 'simple-trigger' ? '' : execution.user),
      getEffectiveUser: () => userOf(execution.user),
      getScriptTimeZone: () => world.scriptTimeZone,
    };

    const utilities: S.UtilitiesService = {
      formatDate: (date, timeZone, format) => {
        charge('Utilities.formatDate', 'utilities');
        if (!isDate(date) || Number.isNaN(date.getTime())) throw googleError('Invalid argument: date');
        return formatDatePattern(date, timeZone, format);
      },
      sleep: (ms) => {
        charge('Utilities.sleep', 'utilities');
        world.clock.advance(ms);
      },
    };

    return {
      spreadsheetApp,
      mailApp,
      lockService,
      propertiesService,
      cacheService,
      scriptApp,
      htmlService,
      session,
      utilities,
      clock: { now: () => world.clock.now() },
    };
  }

  /** Makes the built sidebars and dialogs (`dist/*.html`) loadable by HtmlService.createHtmlOutputFromFile. */
  loadHtmlFiles(dir: string): void {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.html')) this.htmlFiles.set(name.replace(/\.html$/, ''), readFileSync(join(dir, name), 'utf8'));
    }
  }

  /** Writes every sent message as an .eml file (RFC 822) into `dir`; returns the file names. */
  writeOutbox(dir: string): string[] {
    mkdirSync(dir, { recursive: true });
    return this.outbox.map((mail, i) => {
      const file = join(dir, `${String(i + 1).padStart(3, '0')}-${mail.to[0] ?? 'thu'}.eml`);
      writeFileSync(file, mail.rfc822);
      return file;
    });
  }

  /**
   * Empties every cache now, as Google may: it may evict any entry before its expiry (memory
   * pressure, the 1,000-item cap), so code must treat a cache hit as a bonus, never as storage.
   */
  evictCaches(): void {
    for (const entries of this.caches.values()) entries.clear();
  }

  /**
   * When true, an interleaved execution that meets a held lock is deferred: it is started again later
   * and its tryLock then answers as its wait would have ended (see `LockWaiter`).
   */
  deferOnContention = false;

  remainingQuota(user: string): number {
    const since = this.clock.nowMs() - 24 * 3600 * 1000;
    const used = this.mailLog.filter((m) => m.user === user && m.atMs > since).reduce((n, m) => n + m.recipients, 0);
    return this.mailQuota - used;
  }

  private uiService(): S.Ui {
    const world = this;
    const rt = this.runtime;
    return {
      createMenu: (caption) => {
        const items: { caption: string; functionName: string }[] = [];
        const menu: S.Menu = {
          addItem: (c, fn) => (items.push({ caption: c, functionName: fn }), menu),
          addSeparator: () => (items.push({ caption: '---', functionName: '' }), menu),
          addSubMenu: () => menu,
          addToUi: () => {
            rt.charge('Menu.addToUi', 'ui');
            world.ui.menus = world.ui.menus.filter((m) => m.caption !== caption);
            world.ui.menus.push({ caption, items });
          },
        };
        return menu;
      },
      alert: (prompt) => {
        rt.charge('Ui.alert', 'ui');
        world.ui.alerts.push(prompt);
        return 'OK';
      },
      showSidebar: (output) => {
        rt.charge('Ui.showSidebar', 'ui');
        world.ui.sidebars.push({ title: output.getTitle(), content: output.getContent() });
      },
      showModalDialog: (output, title) => {
        rt.charge('Ui.showModalDialog', 'ui');
        world.ui.dialogs.push({ title, content: output.getContent() });
      },
    };
  }
}

function triggerOf(spec: { id: string; handler: string }): S.Trigger {
  return { getHandlerFunction: () => spec.handler, getUniqueId: () => spec.id };
}

function htmlOutput(initial: string): S.HtmlOutput {
  let content = initial;
  let title = '';
  const out: S.HtmlOutput = {
    setTitle: (t) => ((title = t), out),
    getTitle: () => title,
    setWidth: () => out,
    setHeight: () => out,
    getContent: () => content,
    setContent: (c) => ((content = c), out),
  };
  return out;
}
