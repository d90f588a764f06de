/**
 * Turning a protection into a real lock, as Google's own sample does it (Class Protection reference:
 * "Ensure the current user is an editor before removing others. Otherwise, if the user's edit
 * permission comes from a group, the script throws an exception upon removing the group"), and
 * without trusting `getEditors()` alone: on Google a new protection's editor list may come back empty
 * (issuetracker 442636162), so `removeEditors(getEditors())` would remove no one and leave the range
 * editable by every officer. The spreadsheet's own editors are removed too, and the list is read back.
 * A sheet protection may also leave ranges open to everyone (`setUnprotectedRanges`, "except certain
 * cells" in the Sheets editor): a protection adopted from before is closed and read back too.
 */
import type { Protection, Spreadsheet, User } from '../gas/services';

const emailsOf = (users: readonly User[]) => users.map((u) => u.getEmail().trim().toLowerCase()).filter((e) => e !== '');

/** What a lock left open: addresses still editors beyond the allowed, and ranges open to everyone. */
export interface LockLeft {
  readonly editors: readonly string[];
  readonly openRanges: readonly string[];
}

export const lockHolds = (left: LockLeft): boolean => left.editors.length === 0 && left.openRanges.length === 0;

/** Why a lock does not hold, for an officer: “Google vẫn để … sửa trang này”. */
export function lockGap(left: LockLeft): string {
  const who = left.editors.length > 0 ? [`Google vẫn để ${left.editors.join(', ')} sửa trang này`] : [];
  const where = left.openRanges.length > 0 ? [`vùng ${left.openRanges.join(', ')} vẫn để ngỏ cho mọi người sửa`] : [];
  return [...who, ...where].join('; ');
}

/**
 * Leaves `protection` editable only by the owner, `me` (who runs this; Google keeps them anyway) and
 * `keep`, with no range of a protected sheet left open; returns what still remains open.
 */
export function lockProtection(protection: Protection, spreadsheet: Spreadsheet, me: string, keep: readonly string[]): LockLeft {
  const owner = spreadsheet.getOwner()?.getEmail().toLowerCase() ?? '';
  const allowed = new Set([owner, me.toLowerCase(), ...keep.map((k) => k.toLowerCase())].filter((e) => e !== ''));
  if (protection.isWarningOnly()) protection.setWarningOnly(false);
  // Always a change of editors, even when the owner runs it and keeps no one else: until its editors
  // change, a protection mirrors the spreadsheet and protects nothing.
  protection.addEditors([...allowed]);
  const others = [...new Set([...emailsOf(protection.getEditors()), ...emailsOf(spreadsheet.getEditors())])].filter(
    (e) => !allowed.has(e),
  );
  if (others.length > 0) protection.removeEditors(others);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  // Empty for a range protection (Google); a protected sheet's open ranges are closed.
  if (protection.getUnprotectedRanges().length > 0) protection.setUnprotectedRanges([]);
  return {
    editors: emailsOf(protection.getEditors()).filter((e) => !allowed.has(e)),
    openRanges: protection.getUnprotectedRanges().map((r) => r.getA1Notation()),
  };
}
