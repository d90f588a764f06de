/** `Utilities`: formatDate with the patterns it models (time.ts), and sleep on the simulated clock. */
import type * as S from '../../gas/services';
import { isDate } from '../../sheets/cells';
import { googleError } from './errors';
import type { Runtime } from './runtime';
import { formatDatePattern } from './time';

export function utilitiesFor(runtime: Runtime): S.UtilitiesService {
  return {
    formatDate: (date, timeZone, format) => {
      runtime.charge('Utilities.formatDate', 'utilities');
      if (!isDate(date) || Number.isNaN(date.getTime())) throw googleError('Invalid argument: date');
      return formatDatePattern(date, timeZone, format);
    },
    sleep: (ms) => {
      runtime.charge('Utilities.sleep', 'utilities');
      runtime.clock.advance(ms);
    },
  };
}
