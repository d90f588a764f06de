/**
 * Mailing the day's digests: the unit head's summary first, then one digest per officer, most
 * urgent first. Never twice: each recipient is marked sent for the day (a document property) under
 * the lock *before* its message goes, and unmarked if sending fails, so a rerun after a crash
 * neither repeats nor skips one. Within the day's quota, counted in recipients as Google counts it:
 * the most urgent go, the rest wait for the next run (going first then) and the head's summary names
 * them. Near Google's 6-minute limit the run stops at a checkpoint and a one-shot trigger continues.
 */
import type { CivilDate } from '../../core/civil';
import { describeGoogleFault } from '../../core/googleFaults';
import { hash53 } from '../../core/requestKey';
import { headSummaryMail, type Mail, type MailContext, officerDigestMail } from '../../core/warningMail';
import { type Digest, officerKey } from '../../core/warnings';
import type { Properties, Services } from '../../gas/services';
import { SheetProblem } from '../../sheets/layout';
import { emailsIn, isEmailAddress } from '../../sheets/settings';
import { TABS } from '../../sheets/schema';
import { documentProperties, type UnitContext } from '../unitContext';

export interface Delivery {
  readonly sent: number;
  /** Digests due today not sent for want of quota: the next run sends them first. */
  readonly waiting: number;
  /** Officers with due work and no address in `Cấu hình` (listed in the head's summary). */
  readonly unaddressed: number;
  /** Stopped at the checkpoint; a follow-up trigger sends the rest. */
  readonly continues: boolean;
  /** Messages Google refused, with the address and its answer. */
  readonly failures: readonly string[];
  /** Who got the summary when `Cấu hình` names no head (the spreadsheet's owner), if anyone. */
  readonly summaryTo?: string;
}

const SENT_PREFIX = 'motcua.sent.';
/** The digests the last run could not send for want of quota: the next run sends them first. */
const WAITING_PROPERTY = 'motcua.mail.waiting';
/** Mailing stops this long after the execution started: Google stops an execution at 6 minutes. */
const CHECKPOINT_MS = 4.5 * 60_000;
export const FOLLOW_UP_HANDLER = 'continueDailyWarnings';
const FOLLOW_UP_DELAY_MS = 60_000;

interface Recipient {
  readonly id: string;
  readonly to: string;
  /** Recipients the message costs against the daily quota (Google counts each address). */
  readonly cost: number;
  readonly mail: () => Mail;
}

/** A stored list of recipient ids; a damaged one counts as none. */
function readIds(text: string | null): Set<string> {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

function sentIds(properties: Properties, day: CivilDate): Set<string> {
  return readIds(properties.getProperty(`${SENT_PREFIX}${day}`));
}

/**
 * Marks (or unmarks) one recipient sent today under the lock; false when another run marked it
 * first. Once the mark is stored, a failure to release the lock (Google releases it when the run
 * ends) must not stop the message it was stored for.
 */
function mark(services: Services, properties: Properties, day: CivilDate, id: string, sent: boolean): boolean {
  const lock = services.lockService.getDocumentLock() ?? services.lockService.getScriptLock();
  if (!lock.tryLock(20000))
    throw new SheetProblem(
      'Sổ đang được người khác ghi nên chưa gửi hết thư nhắc; không thư nào bị mất hay gửi hai lần: hãy chạy lại sau ít phút.',
    );
  let stored = false;
  try {
    const ids = sentIds(properties, day);
    if (sent === ids.has(id)) return false;
    if (sent) ids.add(id);
    else ids.delete(id);
    properties.setProperty(`${SENT_PREFIX}${day}`, JSON.stringify([...ids]));
    stored = true;
    return true;
  } finally {
    try {
      lock.releaseLock();
    } catch (error) {
      if (!stored) throw error;
      console.warn(`MotCua: lock release failed after a mark (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}

/** Forgets the days before `day` (each day's marks matter only that day). */
function forgetEarlierDays(properties: Properties, day: CivilDate): void {
  for (const key of Object.keys(properties.getProperties())) {
    if (key.startsWith(SENT_PREFIX) && key !== `${SENT_PREFIX}${day}`) properties.deleteProperty(key);
  }
}

/** One follow-up at a time: a spent one left behind (Google keeps them) is replaced, never counted as pending. */
function scheduleFollowUp(services: Services): void {
  for (const t of services.scriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === FOLLOW_UP_HANDLER) services.scriptApp.deleteTrigger(t);
  }
  services.scriptApp.newTrigger(FOLLOW_UP_HANDLER).timeBased().after(FOLLOW_UP_DELAY_MS).create();
}

function mailContext(unit: UnitContext): MailContext {
  const url = unit.spreadsheet.getUrl();
  const gid = unit.spreadsheet.getSheetByName(TABS.register)?.getSheetId() ?? 0;
  return {
    unitName: unit.settings.unitName || 'Trung tâm Phục vụ hành chính công',
    today: unit.now.date,
    rowLink: (row) => `${url}#gid=${gid}&range=A${row}`,
  };
}

/**
 * The summary's addresses: the head's (one or more); with none, the spreadsheet's owner, told why,
 * but only when the summary carries what would otherwise reach nobody (`needed`).
 */
function summaryAddresses(
  services: Services,
  unit: UnitContext,
  needed: boolean,
): { to: string[]; note?: string; invalid: string[] } {
  const listed = emailsIn(unit.settings.headEmail);
  const valid = listed.filter(isEmailAddress);
  const invalid = listed.filter((a) => !isEmailAddress(a));
  if (valid.length > 0) return { to: valid, invalid };
  if (!needed) return { to: [], invalid };
  const owner = unit.spreadsheet.getOwner()?.getEmail() || services.session.getEffectiveUser().getEmail();
  return {
    to: owner ? [owner] : [],
    invalid,
    note: `Trang Cấu hình chưa có “Email thủ trưởng” đúng dạng${invalid.length ? ` (“${invalid.join(', ')}”)` : ''}: bản tổng hợp này gửi cho chủ sở hữu bảng tính. Hãy khai báo email thủ trưởng.`,
  };
}

export interface Unreadable {
  readonly rowNumber: number;
  readonly code: string;
  readonly reason: string;
}

export function deliverDigests(
  services: Services,
  unit: UnitContext,
  digests: readonly Digest[],
  unreadable: readonly Unreadable[],
  startedMs: number,
): Delivery {
  if (digests.length === 0 && unreadable.length === 0)
    return { sent: 0, waiting: 0, unaddressed: 0, continues: false, failures: [] };
  const day = unit.now.date;
  const properties = documentProperties(services);
  forgetEarlierDays(properties, day);
  const emails = new Map(unit.settings.officerEmails.map(([name, email]) => [officerKey(name), email]));
  const addressed = digests.filter((d) => d.handler && emails.has(officerKey(d.handler)));
  const unaddressed = digests.filter((d) => !d.handler || !emails.has(officerKey(d.handler)));
  const ctx = mailContext(unit);
  const done = sentIds(properties, day);
  const officers: (Recipient & { digest: Digest })[] = addressed.map((digest) => {
    const to = emails.get(officerKey(digest.handler)) ?? '';
    return {
      id: hash53(`officer:${to}:${officerKey(digest.handler)}`),
      to,
      cost: 1,
      digest,
      mail: () => officerDigestMail(digest, ctx),
    };
  });
  // Those who waited last time go first, so that a small quota never leaves the same officers out.
  const carried = readIds(properties.getProperty(WAITING_PROPERTY));
  const pending = officers.filter((r) => !done.has(r.id));
  const pendingOfficers = [...pending.filter((r) => carried.has(r.id)), ...pending.filter((r) => !carried.has(r.id))];
  const summary = summaryAddresses(services, unit, unaddressed.length > 0 || unreadable.length > 0);
  const headId = hash53(`head:${summary.to.join(',')}`);
  const headPending = summary.to.length > 0 && !done.has(headId);
  let quota = services.mailApp.getRemainingDailyQuota();
  // The head's summary goes first: it is what says who could not be reached today.
  const headFits = headPending && quota >= summary.to.length;
  if (headFits) quota -= summary.to.length;
  const sendable: typeof pendingOfficers = [];
  for (const r of pendingOfficers) {
    if (quota < r.cost) break;
    sendable.push(r);
    quota -= r.cost;
  }
  const waitingRecipients: Recipient[] = pendingOfficers.slice(sendable.length);
  const waiting = pendingOfficers.slice(sendable.length).map((r) => r.digest);
  const queue: Recipient[] = [
    ...(headFits
      ? [
          {
            id: headId,
            to: summary.to.join(', '),
            cost: summary.to.length,
            mail: () =>
              headSummaryMail(
                { digests, unaddressed, waiting, unreadable, ...(summary.note ? { note: summary.note } : {}) },
                ctx,
              ),
          },
        ]
      : []),
    ...sendable,
  ];
  let sent = 0;
  let continues = false;
  const failures: string[] = summary.invalid.map((a) => `${a}: địa chỉ “Email thủ trưởng” không đúng dạng`);
  for (const [i, recipient] of queue.entries()) {
    if (services.clock.now().getTime() - startedMs > CHECKPOINT_MS) {
      scheduleFollowUp(services);
      continues = true;
      break;
    }
    if (!mark(services, properties, day, recipient.id, true)) continue;
    const mail = recipient.mail();
    try {
      services.mailApp.sendEmail({
        to: recipient.to,
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: `MotCua – ${ctx.unitName}`,
      });
      sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      try {
        mark(services, properties, day, recipient.id, false);
      } catch (unmarkError) {
        console.error('MotCua: a failed message could not be unmarked', unmarkError);
      }
      // Someone else used the quota meanwhile: this one and the rest wait for the next run.
      if (/too many times for one day: email/i.test(message)) {
        waitingRecipients.unshift(...queue.slice(i).filter((r) => r.id !== headId));
        break;
      }
      failures.push(`${recipient.to}: ${describeGoogleFault(error) ?? message}`);
    }
  }
  if (waitingRecipients.length > 0 || carried.size > 0) {
    properties.setProperty(WAITING_PROPERTY, JSON.stringify(waitingRecipients.map((r) => r.id)));
  }
  return {
    sent,
    waiting: waitingRecipients.length,
    unaddressed: unaddressed.length,
    continues,
    failures,
    ...(summary.note && summary.to.length > 0 ? { summaryTo: summary.to.join(', ') } : {}),
  };
}
