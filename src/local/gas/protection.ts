/**
 * Protections of a range or a whole sheet (`Range.protect()`, `Sheet.protect()`), and who may
 * write under them. As in Google: a new protection mirrors the spreadsheet's permissions (protects
 * nothing) until a script changes its editors, and meanwhile `getEditors()` answers an empty list (as
 * Google may: issuetracker 442636162, so `removeEditors(getEditors())` alone protects nothing); the
 * owner always may edit; `removeEditors` keeps the owner and the current user; with domain editing on,
 * everyone of the owner's domain may edit; a warning-only protection lets everyone edit (the warning is the
 * Sheets editor's, a script never sees it); a protected sheet's unprotected ranges let everyone write
 * their cells (not rows or columns, not the sheet's name); anyone else's write is refused with
 * Google's message.
 */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { LocalRange } from './range';
import type { LocalSheet } from './sheet';
import type { Area, ProtectionData } from './workbookData';

/** What Google answers a write into a protected cell by someone who is not one of its editors. */
export const PROTECTED_CELL =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** Consumer accounts belong to no Workspace domain: "the domain" of a gmail.com owner is no one. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const domainOf = (email: string) => {
  const domain = email.toLowerCase().split('@')[1] ?? '';
  return CONSUMER_DOMAINS.has(domain) ? '' : domain;
};
/** Protection reference: these throw "if the user does not have permission to edit the protected range or sheet". */
const NO_PERMISSION = 'You do not have permission to perform that action.';

function currentUser(sheet: LocalSheet): string {
  return sheet.book.runtime.execution.user;
}

function mayEdit(data: ProtectionData, sheet: LocalSheet, user: string): boolean {
  const book = sheet.book.data;
  // Until its editors are changed a protection mirrors the spreadsheet: whoever edits it edits here.
  if (data.warningOnly || !data.editors || same(user, book.owner)) return true;
  if ((data.domainEdit ?? book.domainEditable) && domainOf(user) !== '' && domainOf(user) === domainOf(book.owner)) return true;
  return data.editors.some((e) => same(e, user));
}

const inside = (a: Area, b: Area) =>
  a.row >= b.row &&
  a.column >= b.column &&
  a.row + a.numRows <= b.row + b.numRows &&
  a.column + a.numColumns <= b.column + b.numColumns;

function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

/**
 * Refuses, as Google does, a write by the current user into `area` where a protection forbids it;
 * without an area, a change of the sheet's structure (rows inserted), which a sheet protection forbids.
 */
export function assertWritable(sheet: LocalSheet, area?: Area): void {
  // Outside an execution (a workbook loaded from .xlsx, a test's setup) no one is writing as a user.
  if (!sheet.book.runtime.hasExecution()) return;
  const user = currentUser(sheet);
  // A viewer (or commenter) opens the spreadsheet and is refused any write. (A user a test world lists
  // nowhere is taken as an editor: fixtures run officers without sharing each workbook with them.)
  const book = sheet.book.data;
  if (book.viewers.some((v) => same(v, user)) && !book.editors.some((e) => same(e, user)) && !same(user, book.owner))
    throw googleError(NO_PERMISSION);
  for (const p of sheet.data.protections) {
    // Strict where Google is not documented: a write is let through an open range only inside one.
    const open = p.kind === 'SHEET' && area !== undefined && (p.unprotected ?? []).some((u) => inside(area, u));
    const hit = (p.kind === 'SHEET' && !open) || (area !== undefined && p.area !== undefined && overlaps(area, p.area));
    if (hit && !mayEdit(p, sheet, user)) throw googleError(PROTECTED_CELL);
  }
}

export function protectionOf(data: ProtectionData, sheet: LocalSheet): S.Protection {
  const book = sheet.book.data;
  // The first change of editors starts from the spreadsheet's own editors, which the protection mirrored.
  const mirrored = () => [...new Set([book.owner, ...book.editors])];
  const editors = () => (data.editors ??= mirrored());
  const touch = (name: string) => sheet.book.runtime.touch(`Protection.${name}`);
  const assertEditor = () => {
    if (sheet.book.runtime.hasExecution() && !mayEdit(data, sheet, currentUser(sheet))) throw googleError(PROTECTED_CELL);
  };
  const changeEditors = (name: string, change: () => void) => {
    sheet.book.runtime.charge(`Protection.${name}`, 'formatting');
    if (!mayEdit(data, sheet, currentUser(sheet))) throw googleError(PROTECTED_CELL);
    // The Sheets API documents that editors are not supported with warning-only protection; what
    // Apps Script then does is not documented, so it is refused rather than guessed.
    if (data.warningOnly) throw new Error(`Local services: ${name} on a warning-only protection is not modelled.`);
    change();
    return p;
  };
  const p: S.Protection = {
    // Not charged (the benchmark's figures stay comparable), but each can fail as any call can.
    // Changing a protection is its editors' (the Sheets API: only editors of a protected range change it).
    setDescription: (d) => (touch('setDescription'), assertEditor(), (data.description = d), p),
    getDescription: () => (touch('getDescription'), data.description),
    setWarningOnly: (w) => (touch('setWarningOnly'), assertEditor(), (data.warningOnly = w), p),
    isWarningOnly: () => (touch('isWarningOnly'), data.warningOnly),
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
    addEditors: (emails) =>
      changeEditors('addEditors', () => {
        const list = editors();
        for (const email of emails) if (!list.some((e) => same(e, email))) list.push(email);
      }),
    removeEditors: (removed) =>
      changeEditors('removeEditors', () => {
        const user = currentUser(sheet);
        const emails = removed.map((e) => (typeof e === 'string' ? e : e.getEmail()));
        // "Neither the owner of the spreadsheet nor the current user can be removed."
        const kept = (e: string) =>
          same(e, book.owner) ||
          same(e, user) ||
          (book.protectionKeeps ?? []).some((k) => same(k, e)) ||
          !emails.some((r) => same(r, e));
        data.editors = editors().filter(kept);
      }),
    getEditors: () => {
      sheet.book.runtime.charge('Protection.getEditors', 'sheetMetadata');
      if (sheet.book.runtime.hasExecution() && !mayEdit(data, sheet, currentUser(sheet))) throw googleError(NO_PERMISSION);
      return (data.editors ?? []).map((email) => ({ getEmail: () => email }));
    },
    canDomainEdit: () => {
      sheet.book.runtime.charge('Protection.canDomainEdit', 'sheetMetadata');
      if (sheet.book.runtime.hasExecution() && !mayEdit(data, sheet, currentUser(sheet))) throw googleError(NO_PERMISSION);
      return domainOf(book.owner) !== '' && (data.domainEdit ?? book.domainEditable ?? false);
    },
    // Setting domain editing is a change of the editors too: the mirror ends (Protection reference).
    setDomainEdit: (editable) =>
      changeEditors('setDomainEdit', () => {
        // "…or if the spreadsheet is not in a Google Workspace domain."
        if (domainOf(book.owner) === '') throw googleError('The spreadsheet is not in a Google Workspace domain.');
        editors();
        data.domainEdit = editable;
      }),
    getUnprotectedRanges: () => {
      sheet.book.runtime.charge('Protection.getUnprotectedRanges', 'sheetMetadata');
      return data.kind === 'SHEET' ? (data.unprotected ?? []).map((a) => sheet.rangeOf({ ...a })) : [];
    },
    setUnprotectedRanges: (ranges) => {
      sheet.book.runtime.charge('Protection.setUnprotectedRanges', 'formatting');
      if (!mayEdit(data, sheet, currentUser(sheet))) throw googleError(PROTECTED_CELL);
      // Protection reference: throws for a range protection, or a range not on the protected sheet.
      if (data.kind !== 'SHEET') throw googleError('The protection is not a sheet protection.');
      const areas = ranges.map((r) => {
        const local = r as LocalRange;
        if (local.sheet.data !== sheet.data) throw googleError('The range is not on the protected sheet.');
        return { ...local.area };
      });
      data.unprotected = areas;
      return p;
    },
    remove: () => {
      sheet.book.runtime.charge('Protection.remove', 'formatting');
      if (!mayEdit(data, sheet, currentUser(sheet))) throw googleError(PROTECTED_CELL);
      sheet.data.protections = sheet.data.protections.filter((x) => x !== data);
    },
    canEdit: () => {
      sheet.book.runtime.charge('Protection.canEdit', 'sheetMetadata');
      return mayEdit(data, sheet, currentUser(sheet));
    },
  };
  return p;
}
