/** Protections of a range or a whole sheet (`Range.protect()`, `Sheet.protect()`). */
import type * as S from '../../gas/services';
import type { LocalRange } from './range';
import type { LocalSheet } from './sheet';
import type { ProtectionData } from './workbookData';

export function protectionOf(data: ProtectionData, sheet: LocalSheet): S.Protection {
  const p: S.Protection = {
    setDescription: (d) => ((data.description = d), p),
    getDescription: () => data.description,
    setWarningOnly: (w) => ((data.warningOnly = w), p),
    isWarningOnly: () => data.warningOnly,
    // Google: for a sheet protection, a range that spans the whole sheet.
    getRange: () => {
      sheet.book.runtime.charge('Protection.getRange', 'handle');
      const area = data.area ?? { row: 1, column: 1, numRows: sheet.data.maxRows, numColumns: sheet.data.maxColumns };
      return sheet.rangeOf({ ...area });
    },
    setRange: (range) => {
      sheet.book.runtime.charge('Protection.setRange', 'formatting');
      // Not modelled (Google does not document them), so refused rather than guessed.
      if (data.kind === 'SHEET') throw new Error('Local services: setRange on a sheet protection is not modelled.');
      const local = range as LocalRange;
      if (local.sheet.data !== sheet.data) throw new Error('Local services: a protection cannot move to another sheet.');
      data.area = { ...local.area };
      return p;
    },
  };
  return p;
}
