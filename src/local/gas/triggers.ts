/** `ScriptApp`: installable time-driven triggers, at most 20 per user. */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { Execution, Runtime } from './runtime';
import { dateOfSerial, isValidTimeZone, serialOfDate } from './time';

export interface TriggerRecord {
  id: string;
  handler: string;
  user: string;
  /** The spreadsheet of the script that created it (a container-bound script's). */
  spreadsheetId?: string;
  createdMs: number;
  everyDays?: number;
  everyHours?: number;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
  /** A one-shot trigger (`after(ms)`): when it fires. Google keeps it, spent, until it is deleted. */
  atMs?: number;
  /** When it last fired. */
  firedMs?: number;
}

/** Apps Script caps installable triggers at 20 per user per script. */
const MAX_TRIGGERS_PER_USER = 20;

function triggerOf(spec: { id: string; handler: string }): S.Trigger {
  return { getHandlerFunction: () => spec.handler, getUniqueId: () => spec.id };
}

export class LocalTriggers {
  readonly triggers: TriggerRecord[] = [];

  constructor(
    private readonly runtime: Runtime,
    private readonly newId: (prefix: string) => string,
  ) {}

  serviceFor(execution: Execution): S.ScriptAppService {
    const charge = (name: string) => this.runtime.charge(name, 'trigger');
    // A container-bound script is its own project: a user sees (and is limited to 20 of) their
    // triggers of this spreadsheet's script, not those they made in another workbook.
    const mine = () =>
      this.triggers.filter((t) => t.user === execution.user && (t.spreadsheetId ?? '') === (execution.activeSpreadsheetId ?? ''));
    return {
      newTrigger: (functionName) => ({
        timeBased: () => {
          this.runtime.touch('ScriptApp.newTrigger');
          const spec: TriggerRecord = {
            id: '',
            handler: functionName,
            user: execution.user,
            createdMs: this.runtime.clock.nowMs(),
            ...(execution.activeSpreadsheetId ? { spreadsheetId: execution.activeSpreadsheetId } : {}),
          };
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
            after: (ms) => {
              if (!Number.isInteger(ms) || ms < 0) throw googleError('Invalid argument: durationMilliseconds');
              spec.atMs = this.runtime.clock.nowMs() + ms;
              return builder;
            },
            inTimezone: (tz) => {
              if (!isValidTimeZone(tz)) throw googleError(`Invalid argument: timezone`);
              spec.timeZone = tz;
              return builder;
            },
            create: () => {
              charge('ScriptApp.newTrigger.create');
              const schedules = [spec.everyDays, spec.everyHours, spec.atMs].filter((v) => v !== undefined).length;
              // Google: "The trigger must have exactly one of: after, at, everyMinutes, everyHours, everyDays, everyWeeks..."
              if (schedules !== 1) throw googleError('Trigger must have exactly one recurrence or one-shot schedule.');
              if (mine().length >= MAX_TRIGGERS_PER_USER) {
                throw googleError(
                  'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
                );
              }
              spec.id = this.newId('trigger-');
              this.triggers.push(spec);
              return triggerOf(spec);
            },
          };
          return builder;
        },
      }),
      getProjectTriggers: () => {
        charge('ScriptApp.getProjectTriggers');
        return mine().map(triggerOf);
      },
      deleteTrigger: (trigger) => {
        charge('ScriptApp.deleteTrigger');
        const i = this.triggers.findIndex((t) => t.id === trigger.getUniqueId());
        if (i >= 0) this.triggers.splice(i, 1);
      },
    };
  }

  /**
   * When a trigger fires next after `afterMs`: a one-shot one at its time (once); a daily one on
   * each day at its hour, at a minute Google picks within that hour ("the time may be randomized
   * slightly"), here a fixed minute per trigger and day so runs are reproducible.
   */
  nextFireMs(t: TriggerRecord, afterMs: number, scriptTimeZone: string): number | undefined {
    if (t.atMs !== undefined) return t.firedMs === undefined && t.atMs > afterMs ? t.atMs : undefined;
    if (t.everyHours !== undefined) {
      const step = t.everyHours * 3600_000;
      const k = Math.floor((afterMs - t.createdMs) / step) + 1;
      return t.createdMs + k * step;
    }
    if (t.everyDays === undefined) return undefined;
    const zone = t.timeZone ?? scriptTimeZone;
    const hour = t.atHour ?? 0;
    for (let day = Math.floor(serialOfDate(new Date(afterMs), zone)); ; day += 1) {
      const firstDay = Math.floor(serialOfDate(new Date(t.createdMs), zone));
      if ((day - firstDay) % t.everyDays !== 0) continue;
      const minute = t.nearMinute ?? minuteOf(`${t.id}:${day}`);
      const at = dateOfSerial(day + (hour * 60 + minute) / 1440, zone).getTime();
      if (at > afterMs && at > t.createdMs) return at;
    }
  }
}

/** A minute 0..59 from a text, the same every time. */
function minuteOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return Math.abs(h) % 60;
}
