/** Protections of a range or a whole sheet (`Range.protect()`, `Sheet.protect()`), and their enforcement. */
import type * as S from '../../gas/services';
import type { GridArea as Area } from './a1';
import { googleError } from './errors';
import type { LocalRange } from './range';
import type { LocalSheet } from './sheet';
import type { ProtectionData } from './workbookData';

const user = (email: string): S.User => ({ getEmail: () => email });

export function protectionOf(data: ProtectionData, sheet: LocalSheet): S.Protection {
  const book = sheet.book;
  const p: S.Protection = {
    setDescription: (d) => ((data.description = d), p),
    getDescription: () => data.description,
    setWarningOnly: (w) => ((data.warningOnly = w), p),
    isWarningOnly: () => data.warningOnly,
    // Google: for a sheet protection, a range that spans the whole sheet.
    getRange: () => {
      book.runtime.charge('Protection.getRange', 'handle');
      const area = data.area ?? { row: 1, column: 1, numRows: sheet.data.maxRows, numColumns: sheet.data.maxColumns };
      return sheet.rangeOf({ ...area });
    },
    setRange: (range) => {
      book.runtime.charge('Protection.setRange', 'formatting');
      // Not modelled (Google does not document them), so refused rather than guessed.
      if (data.kind === 'SHEET') throw new Error('Local services: setRange on a sheet protection is not modelled.');
      const local = range as LocalRange;
      if (local.sheet.data !== sheet.data) throw new Error('Local services: a protection cannot move to another sheet.');
      data.area = { ...local.area };
      return p;
    },
    // "Until the script actually changes the list of editors ... the permissions mirror those of the spreadsheet itself."
    getEditors: () => {
      book.runtime.charge('Protection.getEditors', 'sheetMetadata');
      return (data.editors ?? book.data.editors).map(user);
    },
    // "Neither the owner of the spreadsheet nor the current user can be removed."
    removeEditors: (users) => {
      book.runtime.charge('Protection.removeEditors', 'formatting');
      const kept = [book.data.owner, book.runtime.execution.user].map((e) => e.toLowerCase());
      const removed = users.map((u) => u.getEmail().toLowerCase()).filter((e) => !kept.includes(e));
      data.editors = [...new Set([...(data.editors ?? book.data.editors).map((e) => e.toLowerCase()), ...kept])].filter(
        (e) => !removed.includes(e),
      );
      return p;
    },
    canDomainEdit: () => {
      book.runtime.charge('Protection.canDomainEdit', 'sheetMetadata');
      return data.domainEdit ?? false;
    },
    setDomainEdit: (editable) => {
      book.runtime.charge('Protection.setDomainEdit', 'formatting');
      data.domainEdit = editable;
      return p;
    },
  };
  return p;
}

const overlaps = (a: Area, b: Area) =>
  a.row < b.row + b.numRows &&
  b.row < a.row + a.numRows &&
  a.column < b.column + b.numColumns &&
  b.column < a.column + a.numColumns;

/**
 * Google refuses a change to a protected range or sheet (not warning-only, its editors set by a
 * script) by anyone but its editors and the spreadsheet's owner; `area` absent means the whole sheet.
 */
export function checkEditable(sheet: LocalSheet, area?: Area): void {
  const runtime = sheet.book.runtime;
  const who = runtime.hasExecution() ? runtime.execution.user.toLowerCase() : '';
  if (!who || who === sheet.book.data.owner.toLowerCase()) return;
  for (const p of sheet.data.protections) {
    if (p.warningOnly || !p.editors || p.editors.includes(who)) continue;
    if (!area || !p.area || overlaps(p.area, area)) {
      throw googleError(
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    }
  }
}
