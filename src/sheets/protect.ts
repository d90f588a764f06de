/**
 * Turning a protection into a real lock, as Google's own sample does it (Class Protection reference:
 * "Ensure the current user is an editor before removing others. Otherwise, if the user's edit
 * permission comes from a group, the script throws an exception upon removing the group"), and
 * without trusting `getEditors()` alone: on Google a new protection's editor list may come back empty
 * (issuetracker 442636162), so `removeEditors(getEditors())` would remove no one and leave the range
 * editable by every officer. The spreadsheet's own editors are removed too, and the list is read back.
 */
import type { Protection, Spreadsheet, User } from '../gas/services';

const emailsOf = (users: readonly User[]) => users.map((u) => u.getEmail().trim().toLowerCase()).filter((e) => e !== '');

/**
 * Leaves `protection` editable only by the owner, `me` (who runs this; Google keeps them anyway) and
 * `keep`; returns the addresses that still remain beyond those (empty when the lock holds).
 */
export function lockProtection(protection: Protection, spreadsheet: Spreadsheet, me: string, keep: readonly string[]): string[] {
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
  return emailsOf(protection.getEditors()).filter((e) => !allowed.has(e));
}
