/**
 * What only the unit head may do — share the report with the council, re-run `Thiết lập sổ` on a
 * configured register (it rewrites the protections of `Cấu hình`) —: one check and one refusal,
 * naming who may. A deputy listed beside the head in `Email thủ trưởng` may too.
 */
import type { Services } from '../gas/services';
import { SheetProblem } from '../sheets/layout';
import { emailsIn, isEmailAddress } from '../sheets/settings';

const lower = (email: string) => email.trim().toLowerCase();

/** Who runs this execution: the active user, or (where Google hides them) the effective user. */
export function currentUserEmail(services: Services): string {
  return lower(services.session.getActiveUser().getEmail() || services.session.getEffectiveUser().getEmail());
}

/** The head's and deputies' addresses of `Email thủ trưởng`, lower-cased; words around them (“Chủ tịch:”) are not addresses. */
export function headEmails(headEmail: string): string[] {
  return emailsIn(headEmail).map(lower).filter(isEmailAddress);
}

/**
 * Refuses, in Vietnamese, anyone but the head(s) named in `Cấu hình`; `action` completes
 * "chỉ thủ trưởng đơn vị được …". Returns the user's address.
 */
export function requireUnitHead(services: Services, headEmail: string, action: string): string {
  const user = currentUserEmail(services);
  const heads = headEmails(headEmail);
  if (heads.length === 0)
    throw new SheetProblem(`Chưa khai báo “Email thủ trưởng” trong trang Cấu hình: chỉ thủ trưởng đơn vị được ${action}.`);
  if (!heads.includes(user))
    throw new SheetProblem(`Chỉ thủ trưởng đơn vị (${headEmail}) được ${action}; bạn đang đăng nhập là ${user || 'chưa rõ'}.`);
  return user;
}
