/**
 * Mailing the day's digests: the unit head's summary first, then one digest per officer, most
 * urgent first. Never twice: each recipient is marked sent for the day (a document property) under
 * the lock *before* its message goes, and unmarked if sending fails, so a rerun after a crash
 * neither repeats nor skips one. Within the day's mail quota: the most urgent go, the rest wait for
 * the next run and the head's summary names them. Near Google's 6-minute limit the run stops at a
 * checkpoint and a one-shot trigger continues it.
 */
import type { CivilDate } from '../../core/civil';
import { hash53 } from '../../core/requestKey';
import { headSummaryMail, type Mail, type MailContext, officerDigestMail } from '../../core/warningMail';
import type { Digest } from '../../core/warnings';
import type { Properties, Services } from '../../gas/services';
import { TABS } from '../../sheets/schema';
import { type UnitContext, withDocumentLock } from '../unitContext';

export interface Delivery {
  readonly sent: number;
  /** Digests due today not sent for want of quota: the next run sends them. */
  readonly waiting: number;
  /** Officers with due work and no address in `Cấu hình` (listed in the head's summary). */
  readonly unaddressed: number;
  /** Stopped at the checkpoint; a follow-up trigger sends the rest. */
  readonly continues: boolean;
  readonly failures: readonly string[];
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
  readonly mail: () => Mail;
}

/** A handling officer's name as matched to `Cấu hình` (case, spacing and Unicode form aside). */
function officerKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
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

/** Marks (or unmarks) one recipient sent today; false when another run marked it first. */
function mark(services: Services, properties: Properties, day: CivilDate, id: string, sent: boolean): boolean {
  return withDocumentLock(services, () => {
    const ids = sentIds(properties, day);
    if (sent === ids.has(id)) return false;
    if (sent) ids.add(id);
    else ids.delete(id);
    properties.setProperty(`${SENT_PREFIX}${day}`, JSON.stringify([...ids]));
    return true;
  });
}

/** Forgets the days before `day` (each day's marks matter only that day). */
function forgetEarlierDays(properties: Properties, day: CivilDate): void {
  for (const key of Object.keys(properties.getProperties())) {
    if (key.startsWith(SENT_PREFIX) && key !== `${SENT_PREFIX}${day}`) properties.deleteProperty(key);
  }
}

function scheduleFollowUp(services: Services): void {
  const exists = services.scriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === FOLLOW_UP_HANDLER);
  if (!exists) services.scriptApp.newTrigger(FOLLOW_UP_HANDLER).timeBased().after(FOLLOW_UP_DELAY_MS).create();
}

function mailContext(unit: UnitContext): MailContext {
  const url = unit.spreadsheet.getUrl();
  const gid = unit.spreadsheet.getSheetByName(TABS.register)?.getSheetId() ?? 0;
  return {
    unitName: unit.settings.unitName || 'Bộ phận Một cửa',
    today: unit.now.date,
    rowLink: (row) => `${url}#gid=${gid}&range=A${row}`,
  };
}

export function deliverDigests(services: Services, unit: UnitContext, digests: readonly Digest[], startedMs: number): Delivery {
  if (digests.length === 0) return { sent: 0, waiting: 0, unaddressed: 0, continues: false, failures: [] };
  const day = unit.now.date;
  const properties = services.propertiesService.getDocumentProperties() ?? services.propertiesService.getScriptProperties();
  forgetEarlierDays(properties, day);
  const emails = new Map(unit.settings.officerEmails.map(([name, email]) => [officerKey(name), email]));
  const addressed = digests.filter((d) => d.handler && emails.has(officerKey(d.handler)));
  const unaddressed = digests.filter((d) => !d.handler || !emails.has(officerKey(d.handler)));
  const ctx = mailContext(unit);
  const done = sentIds(properties, day);
  const officers: (Recipient & { digest: Digest })[] = addressed.map((digest) => {
    const to = emails.get(officerKey(digest.handler)) ?? '';
    return { id: hash53(`officer:${to}:${officerKey(digest.handler)}`), to, digest, mail: () => officerDigestMail(digest, ctx) };
  });
  // Those who waited last time go first, so that a small quota never leaves the same officers out.
  const carried = readIds(properties.getProperty(WAITING_PROPERTY));
  const pending = officers.filter((r) => !done.has(r.id));
  const pendingOfficers = [...pending.filter((r) => carried.has(r.id)), ...pending.filter((r) => !carried.has(r.id))];
  const head = unit.settings.headEmail;
  const headId = hash53(`head:${head}`);
  const headPending = Boolean(head) && !done.has(headId);
  const quota = services.mailApp.getRemainingDailyQuota();
  // The head's summary goes first: it is what says who could not be reached today.
  const slots = Math.max(0, quota - (headPending ? 1 : 0));
  const sendable = pendingOfficers.slice(0, slots);
  const waitingRecipients = pendingOfficers.slice(slots);
  const waiting = waitingRecipients.map((r) => r.digest);
  if (waitingRecipients.length > 0 || carried.size > 0) {
    properties.setProperty(WAITING_PROPERTY, JSON.stringify(waitingRecipients.map((r) => r.id)));
  }
  const queue: Recipient[] = [
    ...(headPending && quota > 0
      ? [{ id: headId, to: head, mail: () => headSummaryMail({ digests, unaddressed, waiting }, ctx) }]
      : []),
    ...sendable,
  ];
  let sent = 0;
  let continues = false;
  const failures: string[] = [];
  for (const recipient of queue) {
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
      mark(services, properties, day, recipient.id, false);
      failures.push(`${recipient.to}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { sent, waiting: waiting.length, unaddressed: unaddressed.length, continues, failures };
}
