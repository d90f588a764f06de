/**
 * `MailApp`: messages go to an outbox as RFC 822 text (mail.ts), under Google's rolling 24-hour
 * quota of recipients per user.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as S from '../../gas/services';
import { googleError } from './errors';
import { type SentMail, splitAddresses, toRfc822 } from './mail';
import type { Execution, Runtime } from './runtime';

/** Recipients per day: 100 for consumer accounts (1,500 for Workspace). */
const DEFAULT_MAIL_QUOTA = 100;
/** Apps Script quotas: "Email body size 200 KB / msg" for a consumer account (400 KB for Workspace). */
const MAX_BODY_BYTES = 200 * 1024;
const DAY_MS = 24 * 3600 * 1000;

export class LocalMail {
  readonly outbox: SentMail[] = [];
  quota = DEFAULT_MAIL_QUOTA;
  private readonly log: { user: string; atMs: number; recipients: number }[] = [];

  constructor(private readonly runtime: Runtime) {}

  remainingQuota(user: string): number {
    const since = this.runtime.clock.nowMs() - DAY_MS;
    const used = this.log.filter((m) => m.user === user && m.atMs > since).reduce((n, m) => n + m.recipients, 0);
    return this.quota - used;
  }

  /**
   * Writes every sent message as an .eml file (RFC 822) into `dir`, a folder that must be new or
   * empty (nothing of an earlier run is deleted or written over); returns the file names.
   */
  writeOutbox(dir: string): string[] {
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`Outbox folder ${dir} is not empty.`);
    mkdirSync(dir, { recursive: true });
    return this.outbox.map((mail, i) => {
      // The day in Vietnam (a 06:30 run is named by that morning, not by the UTC date).
      const day = new Date(mail.sentAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      // The address is the register's data: only its safe characters make the name (no `/`, no `..`),
      // and the file is created new (`wx`: never over a file, never through a link).
      const who = (mail.to[0] ?? 'thu')
        .replace(/[^A-Za-z0-9@._+-]/g, '_')
        .replace(/^\.+/, '_')
        .slice(0, 100);
      const file = join(dir, `${String(i + 1).padStart(3, '0')}-${day}-${who}.eml`);
      writeFileSync(file, mail.rfc822, { flag: 'wx' });
      return file;
    });
  }

  serviceFor(execution: Execution): S.MailAppService {
    const clock = this.runtime.clock;
    return {
      sendEmail: (message) => {
        this.runtime.charge('MailApp.sendEmail', 'sendEmail');
        const to = splitAddresses(message.to);
        const cc = splitAddresses(message.cc);
        const bcc = splitAddresses(message.bcc);
        const recipients = to.length + cc.length + bcc.length;
        if (recipients === 0) throw googleError('Failed to send email: no recipient');
        for (const address of [...to, ...cc, ...bcc]) {
          if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) throw googleError(`Invalid email: ${address}`);
        }
        const bodyBytes = Buffer.byteLength(message.body, 'utf8') + Buffer.byteLength(message.htmlBody ?? '', 'utf8');
        if (bodyBytes > MAX_BODY_BYTES) throw googleError('Limit Exceeded: Email Body Size.');
        if (this.remainingQuota(execution.user) < recipients) {
          throw googleError('Service invoked too many times for one day: email.');
        }
        this.log.push({ user: execution.user, atMs: clock.nowMs(), recipients });
        const sentAt = clock.now();
        this.outbox.push({
          from: execution.user,
          to,
          cc,
          bcc,
          subject: message.subject,
          body: message.body,
          ...(message.htmlBody ? { htmlBody: message.htmlBody } : {}),
          sentAt,
          rfc822: toRfc822(message, execution.user, sentAt, this.outbox.length + 1),
        });
      },
      getRemainingDailyQuota: () => {
        this.runtime.charge('MailApp.getRemainingDailyQuota', 'handle');
        return this.remainingQuota(execution.user);
      },
    };
  }
}
