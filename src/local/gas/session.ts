/** `Session`: who runs the execution, and the script's time zone. */
import type * as S from '../../gas/services';
import type { Execution } from './runtime';

const userOf = (email: string): S.User => ({ getEmail: () => email });

export function sessionFor(execution: Execution, scriptTimeZone: () => string): S.SessionService {
  return {
    // Simple triggers of consumer accounts do not see who is at the keyboard.
    getActiveUser: () => {
      execution.runtime.touch('Session.getActiveUser');
      return userOf(execution.context === 'simple-trigger' ? '' : execution.user);
    },
    getEffectiveUser: () => {
      execution.runtime.touch('Session.getEffectiveUser');
      return userOf(execution.user);
    },
    getScriptTimeZone: () => {
      execution.runtime.touch('Session.getScriptTimeZone');
      return scriptTimeZone();
    },
  };
}
