/** `ScriptApp`: installable time-driven triggers, at most 20 per user. */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { Execution, Runtime } from './runtime';
import { isValidTimeZone } from './time';

export interface TriggerRecord {
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
    const mine = () => this.triggers.filter((t) => t.user === execution.user);
    return {
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
              charge('ScriptApp.newTrigger.create');
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
}
