/**
 * Fault injection: makes a chosen service call throw what Google throws there, so tests can sweep
 * an action with one fault at each of its calls. Every call of the local services passes through
 * `Faults.check` (from `Runtime.charge`, or `Runtime.touch` for calls that cost nothing, such as
 * `LockService.getDocumentLock`), so the sweep can target any of them by its position, its name or
 * its service.
 *
 * The texts are Google's, as people have reported them:
 * - `Service Spreadsheets timed out while accessing document with id <id>.`: a trigger's failure
 *   notice quoted in amindeed's Gmail AutoResponder notes (GitHub), next to its sibling
 *   `Service Documents failed while accessing document with id…` (github.com/alexwforsythe/code-blocks/issues/168).
 * - `Lock timeout: another process was holding the lock for too long.`: what `Lock.waitLock` throws
 *   when `tryLock` fails (developers.google.com/apps-script/reference/lock/lock; the same text in
 *   lockService.ts). Injected at `Lock.tryLock`, the lock simply is not acquired: tryLock answers
 *   false after its wait, and waitLock throws that text.
 * - `Exceeded maximum execution time`: the 6-minute limit (railsware.com/blog/useful-google-spreadsheet-script-triggers).
 *   The execution is over: every later call of it throws the same, as nothing runs after Google stops it.
 * - `Service invoked too many times for one day: email.`: MailApp's daily quota
 *   (github.com/dwyl/learn-to-send-email-via-google-script-html-no-server/issues/376, name `Exception`).
 * - `We're sorry, a server error occurred. Please wait a bit and try again.`: an unexpected server
 *   error, "on which it makes sense to retry" (npmjs.com/package/@scriptaddicts/gas-error-handler).
 *
 * A faulted call has no effect: it throws before the service does anything.
 */
import { googleError } from './errors';
import type { Execution } from './runtime';

export type FaultKind = 'timeout' | 'lock-timeout' | 'time-limit' | 'mail-quota' | 'server-error';

export const FAULT_KINDS: readonly FaultKind[] = ['timeout', 'lock-timeout', 'time-limit', 'mail-quota', 'server-error'];

const SPREADSHEET_SERVICES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.', 'Protection.'];

/** Whether Google throws `kind` at a call named `name` (e.g. the mail quota only at sendEmail). */
export function faultFits(kind: FaultKind, name: string): boolean {
  switch (kind) {
    case 'timeout':
      return SPREADSHEET_SERVICES.some((prefix) => name.startsWith(prefix));
    case 'lock-timeout':
      return name === 'Lock.tryLock';
    case 'mail-quota':
      return name === 'MailApp.sendEmail';
    case 'time-limit':
    case 'server-error':
      return true;
  }
}

/** The kinds of fault Google may throw at a call named `name`. */
export function faultsFor(name: string): FaultKind[] {
  return FAULT_KINDS.filter((kind) => faultFits(kind, name));
}

/** Thrown at `Lock.tryLock` by a `lock-timeout` fault: the lock service turns it into "not acquired". */
export class LockTimeoutFault extends Error {
  constructor() {
    super('Lock timeout: another process was holding the lock for too long.');
    this.name = 'Exception';
  }
}

function faultError(kind: FaultKind, documentId: string | undefined): Error {
  switch (kind) {
    case 'timeout':
      return googleError(`Service Spreadsheets timed out while accessing document with id ${documentId ?? 'unknown'}.`);
    case 'lock-timeout':
      return new LockTimeoutFault();
    case 'time-limit':
      return googleError('Exceeded maximum execution time');
    case 'mail-quota':
      return googleError('Service invoked too many times for one day: email.');
    case 'server-error':
      return googleError("We're sorry, a server error occurred. Please wait a bit and try again.");
  }
}

/** Which calls a fault waits for: a call name (`Range.setValues`) or a service (`Properties`), else any. */
interface FaultTarget {
  /** The exact call name, as counted (`Range.setValues`, `Lock.tryLock`, `MailApp.sendEmail`...). */
  readonly call?: string;
  /** A service: the part of the call name before the dot (`Range`, `Properties`, `Cache`, `ScriptApp`...). */
  readonly service?: string;
}

export interface FaultSpec extends FaultTarget {
  readonly kind: FaultKind;
  /** The nth matching call from now (1-based) throws. */
  readonly nth: number;
}

/** An armed fault: whether it has fired, at which call, and a way to disarm it. */
export interface Fault {
  readonly fired: boolean;
  readonly firedAt: string | undefined;
  cancel(): void;
}

interface Armed {
  readonly spec: FaultSpec;
  seen: number;
  fired: boolean;
  firedAt: string | undefined;
  done: boolean;
}

function matches(target: FaultTarget, name: string): boolean {
  if (target.call !== undefined && target.call !== name) return false;
  if (target.service !== undefined && name.slice(0, name.indexOf('.')) !== target.service) return false;
  return true;
}

export class Faults {
  private armed: Armed[] = [];
  /** Names of the calls seen since `record()` was called, in order (undefined when not recording). */
  private recording: string[] | undefined;

  /** Arms one fault; it fires once, at the nth matching call. */
  inject(spec: FaultSpec): Fault {
    if (!Number.isInteger(spec.nth) || spec.nth < 1) throw new Error('Local services: a fault fires at call 1 or later.');
    const armed: Armed = { spec, seen: 0, fired: false, firedAt: undefined, done: false };
    this.armed.push(armed);
    return {
      get fired() {
        return armed.fired;
      },
      get firedAt() {
        return armed.firedAt;
      },
      cancel: () => {
        armed.done = true;
        this.armed = this.armed.filter((a) => a !== armed);
      },
    };
  }

  /** Disarms every fault and stops recording. */
  clear(): void {
    this.armed = [];
    this.recording = undefined;
  }

  /** Starts recording the names of the calls that pass through the hook; returns the live list. */
  record(): readonly string[] {
    this.recording = [];
    return this.recording;
  }

  /** The one hook: every service call passes here before it has any effect. */
  check(name: string, execution: Execution | undefined): void {
    if (execution?.stopped) throw execution.stopped;
    this.recording?.push(name);
    for (const armed of this.armed) {
      if (armed.done || !matches(armed.spec, name)) continue;
      armed.seen += 1;
      if (armed.seen !== armed.spec.nth) continue;
      armed.done = true;
      armed.fired = true;
      armed.firedAt = name;
      this.armed = this.armed.filter((a) => a !== armed);
      const error = faultError(armed.spec.kind, execution?.activeSpreadsheetId);
      // Google ends the execution there: nothing after it runs.
      if (armed.spec.kind === 'time-limit' && execution) execution.stopped = error;
      throw error;
    }
  }
}
