/**
 * The daily deadline check: what each open dossier's `Cảnh báo` cell says on a given day, and the
 * digests it makes — one per handling officer, most urgent first. Pure: the server reads the
 * register, this decides, the server writes and mails.
 */
import { compareVietnamese } from './collation';
import { type CivilDate, type CivilDateTime, compareDates } from './civil';
import type { WorkingCalendar } from './calendar';
import { type DossierStatus, isEnded } from './dossier';
import { formatAppointmentVi, formatDateVi } from './format';
import { type DeadlineState, deadlineState } from './timeliness';

/** What the check needs of a register row: no applicant's data. */
export interface WatchedDossier {
  readonly rowNumber: number;
  readonly code: string;
  readonly procedureName: string;
  readonly handler: string;
  readonly status: DossierStatus;
  readonly dueAt: CivilDateTime;
  /** The single re-appointment after an apology (Mẫu 04): the date the officer now works to. */
  readonly newDueAt?: CivilDateTime;
}

export type WarningState = DeadlineState | 'awaiting-supplement';

export interface DossierWarning {
  readonly dossier: WatchedDossier;
  readonly state: WarningState;
  /** The appointment now in force (the re-appointment if any). */
  readonly target: CivilDateTime;
  /** Working days left before the target (due soon), or late after it (overdue); 0 otherwise. */
  readonly workingDays: number;
  /** The last day an apology with a new appointment (Mẫu 04) may still be sent, while it may. */
  readonly apologyBy?: CivilDate;
  /** The text of the `Cảnh báo` cell. */
  readonly text: string;
}

/** Most urgent first: overdue, due today, due soon; then the rest. */
const URGENCY: Record<WarningState, number> = {
  overdue: 0,
  'due-today': 1,
  'due-soon': 2,
  'within-deadline': 3,
  'awaiting-supplement': 4,
};

/** The states an officer is mailed about. */
const MAILED_STATES: readonly WarningState[] = ['overdue', 'due-today', 'due-soon'];

export const WARNING_LABELS: Record<WarningState, string> = {
  overdue: 'Quá hạn',
  'due-today': 'Đến hạn hôm nay',
  'due-soon': 'Sắp đến hạn',
  'within-deadline': 'Trong hạn',
  'awaiting-supplement': 'Chờ bổ sung',
};

/** The warning of one dossier on `today`, or undefined for one that has ended (its cell is cleared). */
export function warningOf(
  dossier: WatchedDossier,
  today: CivilDate,
  calendar: WorkingCalendar,
  leadDays: number,
): DossierWarning | undefined {
  if (isEnded(dossier.status)) return undefined;
  const target = dossier.newDueAt ?? dossier.dueAt;
  if (dossier.status === 'Chờ bổ sung') {
    // The clock is stopped, or restarts when the supplement arrives: never overdue meanwhile.
    return {
      dossier,
      state: 'awaiting-supplement',
      target,
      workingDays: 0,
      text: 'Chờ bổ sung – chờ công dân nộp đủ giấy tờ; hạn được tính lại khi nhận.',
    };
  }
  // An appointment on a day off (typed by hand, or a day off added since) falls due at the end of the
  // next working day (Civil Code Art. 148).
  const dueDay = calendar.workingDayOnOrAfter(target.date);
  const state = deadlineState(dueDay, today, calendar, leadDays);
  const workingDays =
    state === 'overdue'
      ? calendar.workingDaysBetween(dueDay, today)
      : state === 'due-soon'
        ? calendar.workingDaysBetween(today, dueDay)
        : 0;
  // An apology with a new appointment goes at least one working day before the appointment, and once.
  const lastApologyDay = calendar.previousWorkingDay(dueDay);
  const apologyBy = !dossier.newDueAt && compareDates(today, lastApologyDay) <= 0 ? lastApologyDay : undefined;
  const appointment = formatAppointmentVi(target);
  const apology = apologyBy
    ? `; nếu không kịp, gửi văn bản xin lỗi và hẹn lại (Mẫu 04) chậm nhất ngày ${formatDateVi(apologyBy)}`
    : '';
  const text =
    state === 'overdue'
      ? `Quá hạn – trễ ${workingDays} ngày làm việc so với hẹn ${appointment}${dossier.newDueAt ? ' (đã hẹn lại)' : ''}`
      : state === 'due-today'
        ? `Đến hạn hôm nay – hẹn ${appointment}`
        : state === 'due-soon'
          ? `Sắp đến hạn – còn ${workingDays} ngày làm việc, hẹn ${appointment}${apology}`
          : `Trong hạn – hẹn ${appointment}`;
  return { dossier, state, target, workingDays, ...(apologyBy ? { apologyBy } : {}), text };
}

export interface Digest {
  /** The `Cán bộ xử lý` it is for ('' for dossiers with none). */
  readonly handler: string;
  /** Most urgent first; only overdue, due today and due soon. */
  readonly items: readonly DossierWarning[];
  readonly counts: Readonly<Record<'overdue' | 'due-today' | 'due-soon', number>>;
  /** Finished in the register, still open in the last provincial export: a false late dossier to fix there. */
  readonly provincial?: readonly ProvincialStale[];
}

/** A dossier finished in the register whose provincial record is still open ("trễ hạn ảo"). */
export interface ProvincialStale {
  readonly code: string;
  readonly procedureName: string;
  readonly handler: string;
  readonly rowNumber: number;
  /** The status the provincial export shows, as it printed it. */
  readonly exportStatus: string;
}

function byUrgency(a: DossierWarning, b: DossierWarning): number {
  return (
    URGENCY[a.state] - URGENCY[b.state] ||
    (a.state === 'overdue' ? b.workingDays - a.workingDays : a.workingDays - b.workingDays) ||
    a.dossier.rowNumber - b.dossier.rowNumber
  );
}

/** A handling officer's name as people type it, matched whatever the case, spacing or Unicode form. */
export function officerKey(name: string): string {
  // Plain lower case: Vietnamese has no locale-specific casing, and Apps Script's ICU data is not Node's.
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** One digest per handling officer with due work (however their name was typed), the most urgent officer first. */
export function digestsOf(warnings: readonly DossierWarning[], stale: readonly ProvincialStale[] = []): Digest[] {
  const byHandler = new Map<string, { handler: string; items: DossierWarning[]; provincial: ProvincialStale[] }>();
  const entryOf = (name: string) => {
    const key = officerKey(name);
    const entry = byHandler.get(key) ?? { handler: name.normalize('NFC').replace(/\s+/g, ' ').trim(), items: [], provincial: [] };
    byHandler.set(key, entry);
    return entry;
  };
  for (const w of warnings) if (MAILED_STATES.includes(w.state)) entryOf(w.dossier.handler).items.push(w);
  for (const s of stale) entryOf(s.handler).provincial.push(s);
  const digests = [...byHandler.values()].map(({ handler, items, provincial }) => {
    const sorted = [...items].sort(byUrgency);
    const count = (s: WarningState) => sorted.filter((w) => w.state === s).length;
    return {
      handler,
      items: sorted,
      counts: { overdue: count('overdue'), 'due-today': count('due-today'), 'due-soon': count('due-soon') },
      ...(provincial.length > 0 ? { provincial: provincial.sort((a, b) => a.rowNumber - b.rowNumber) } : {}),
    };
  });
  return digests.sort(
    (a, b) =>
      b.counts.overdue - a.counts.overdue ||
      b.counts['due-today'] - a.counts['due-today'] ||
      b.counts['due-soon'] - a.counts['due-soon'] ||
      compareVietnamese(a.handler, b.handler),
  );
}
