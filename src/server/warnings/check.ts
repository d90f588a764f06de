/**
 * The daily deadline check (`Một cửa › Kiểm tra hạn ngay`, the daily trigger, the CLI's `warn`):
 * under the document lock, read the register's few columns once, classify every open dossier
 * against the unit's working calendar, write the whole `Cảnh báo` column, record the run in the
 * log (counts only); then, on a working day, mail the digests (see `mailing.ts`).
 */
import type { CivilDate } from '../../core/civil';
import { type DossierWarning, digestsOf, type Digest, warningOf } from '../../core/warnings';
import type { Services } from '../../gas/services';
import { codesUnchanged, readWatchedRegister, writeWarningColumn } from '../../sheets/deadlineColumn';
import { logLayout, writeEvent } from '../../sheets/eventLog';
import { SheetProblem } from '../../sheets/layout';
import { registerLayout } from '../../sheets/register';
import { openUnit, type UnitContext, withDocumentLock } from '../unitContext';
import { deliverDigests, type Delivery, type Unreadable } from './mailing';
import { staleInProvince } from '../provincialSheet';

export interface CheckReport {
  readonly today: CivilDate;
  readonly workingDay: boolean;
  readonly counts: Readonly<Record<'overdue' | 'due-today' | 'due-soon' | 'within-deadline' | 'awaiting-supplement', number>>;
  readonly unreadable: number;
  readonly digests: readonly Digest[];
  readonly delivery?: Delivery;
}

/** Attempts when a person sorts the register between the read and the write. */
const MOVED_ATTEMPTS = 3;

function scan(services: Services, unit: UnitContext): { warnings: DossierWarning[]; unreadable: Unreadable[] } {
  return withDocumentLock(services, () => {
    for (let attempt = 0; attempt < MOVED_ATTEMPTS; attempt += 1) {
      // Located again after a move: a column dragged elsewhere meanwhile is found where it went.
      const register = registerLayout(unit.spreadsheet, attempt === 0 ? unit.knownRegister : undefined);
      const watched = readWatchedRegister(register, unit.zone);
      const warnings = watched.dossiers.flatMap((d) => warningOf(d, unit.now.date, unit.calendar, unit.settings.leadDays) ?? []);
      const texts: string[] = watched.codes.map(() => '');
      for (const w of warnings) texts[w.dossier.rowNumber - register.headerRow - 1] = w.text;
      for (const u of watched.unreadable) texts[u.index] = u.text;
      // The last read before writing: the column must still be in the order it was read in.
      if (!codesUnchanged(register, watched.codes)) continue;
      writeWarningColumn(register, texts);
      const unreadable = watched.unreadable.map((u) => ({
        rowNumber: register.headerRow + 1 + u.index,
        code: watched.codes[u.index] ?? '',
        reason: u.text,
      }));
      return { warnings, unreadable };
    }
    throw new SheetProblem(
      'Sổ đang được sắp xếp hoặc sửa trong lúc kiểm tra hạn nên chưa ghi được cột Cảnh báo; vui lòng chạy lại.',
    );
  });
}

function countsOf(warnings: readonly DossierWarning[]): CheckReport['counts'] {
  const count = (state: DossierWarning['state']) => warnings.filter((w) => w.state === state).length;
  return {
    overdue: count('overdue'),
    'due-today': count('due-today'),
    'due-soon': count('due-soon'),
    'within-deadline': count('within-deadline'),
    'awaiting-supplement': count('awaiting-supplement'),
  };
}

export const CHECK_ACTION = 'Kiểm tra hạn';

function recordRun(services: Services, unit: UnitContext, report: CheckReport, note: string): void {
  withDocumentLock(services, () => {
    const c = report.counts;
    const d = report.delivery;
    const mail = d
      ? `; thư đã gửi: ${d.sent}, chờ lần sau: ${d.waiting}${d.continues ? ' (gửi tiếp sau ít phút)' : ''}` +
        (d.unaddressed ? `; cán bộ chưa có email: ${d.unaddressed}` : '') +
        (d.summaryTo ? `; chưa có email thủ trưởng, tổng hợp gửi ${d.summaryTo}` : '') +
        (d.failures.length ? `; không gửi được: ${d.failures.join('; ')}` : '')
      : report.workingDay
        ? ''
        : '; ngày nghỉ: không gửi thư';
    writeEvent(logLayout(unit.spreadsheet), {
      at: unit.zone.toDate(unit.now),
      user: unit.user,
      code: '',
      action: CHECK_ACTION,
      from: '',
      to: '',
      note: `${note}Quá hạn: ${c.overdue}; đến hạn hôm nay: ${c['due-today']}; sắp đến hạn: ${c['due-soon']}; trong hạn: ${c['within-deadline']}; chờ bổ sung: ${c['awaiting-supplement']}${report.unreadable ? `; dòng không kiểm tra được: ${report.unreadable}` : ''}${mail}`,
      details: {},
      requestKey: '',
    });
  });
}

export interface CheckOptions {
  /** Mail the digests (a working day's trigger run, the menu); false only updates the column. */
  readonly mail: boolean;
  /** When this execution started (ms): mailing stops at a checkpoint well before Google's 6 minutes. */
  readonly startedMs: number;
  /** A follow-up run after a checkpoint, said so in the log. */
  readonly followUp?: boolean;
}

/** Runs the check; the caller decides what to tell whom. */
export function runDeadlineCheck(services: Services, options: CheckOptions): CheckReport {
  const unit = openUnit(services);
  const { warnings, unreadable } = scan(services, unit);
  const today = unit.now.date;
  const workingDay = unit.calendar.isWorkingDay(today);
  // Read outside the lock: a dossier finished in the register and still open in the province's export.
  const digests = digestsOf(warnings, staleInProvince(services, unit.spreadsheet));
  const base: CheckReport = { today, workingDay, counts: countsOf(warnings), unreadable: unreadable.length, digests };
  const report: CheckReport =
    options.mail && workingDay
      ? { ...base, delivery: deliverDigests(services, unit, digests, unreadable, options.startedMs) }
      : base;
  recordRun(services, unit, report, options.followUp ? 'Gửi tiếp thư nhắc. ' : '');
  return report;
}
