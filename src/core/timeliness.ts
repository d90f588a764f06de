/**
 * Early / on time / late (Circular 01/2018 Art. 13; the 766 index) and the deadline state of open
 * dossiers, for one dossier at an instant and for a reporting period (design.md §5).
 */
import { type CivilDate, compareDates } from './civil';
import type { WorkingCalendar } from './calendar';
import { type Channel, type DossierStatus } from './dossier';

type Outcome = 'early' | 'on-time' | 'late';
export type DeadlineState = 'within-deadline' | 'due-soon' | 'due-today' | 'overdue';

/** The original appointment alone decides: a re-appointment never makes a late dossier on time. */
function classifyResolution(resolutionDate: CivilDate, dueDate: CivilDate): Outcome {
  const c = compareDates(resolutionDate, dueDate);
  return c < 0 ? 'early' : c === 0 ? 'on-time' : 'late';
}

/** The deadline state of an open dossier on `today`; `leadDays` working days make "due soon". */
export function deadlineState(dueDate: CivilDate, today: CivilDate, calendar: WorkingCalendar, leadDays: number): DeadlineState {
  const c = compareDates(today, dueDate);
  if (c > 0) return 'overdue';
  if (c === 0) return 'due-today';
  return calendar.workingDaysBetween(today, dueDate) <= leadDays ? 'due-soon' : 'within-deadline';
}

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  'within-deadline': 'Trong hạn',
  'due-soon': 'Sắp đến hạn',
  'due-today': 'Đến hạn hôm nay',
  overdue: 'Quá hạn',
};

/** What the period classification needs of a register row. */
export interface PeriodRecord {
  readonly status: DossierStatus;
  readonly channel: Channel;
  readonly receivedDate: CivilDate;
  readonly dueDate: CivilDate;
  /** `Ngày có kết quả`, or if empty `Ngày trả kết quả`: when processing ended. */
  readonly endDate?: CivilDate;
}

export interface PeriodClassification {
  readonly receivedInPeriod: boolean;
  readonly carriedOver: boolean;
  /** Resolved (result or refusal after review) within the period. */
  readonly resolved?: Outcome;
  /** Stopped or withdrawn within the period: the residual. */
  readonly stopped: boolean;
  /** Open at the end of the period. */
  readonly inProgress?: 'within-deadline' | 'overdue';
}

const RESOLVED: readonly DossierStatus[] = ['Đã có kết quả', 'Đã trả kết quả', 'Từ chối giải quyết'];

/** Classifies a dossier for [from, to], both whole days included (design.md §5, contract). */
export function classifyForPeriod(record: PeriodRecord, from: CivilDate, to: CivilDate): PeriodClassification {
  const { status, receivedDate, dueDate } = record;
  const isResolved = RESOLVED.includes(status);
  const isStopped = status === 'Dừng giải quyết';
  // A dossier whose status says it ended but has no end date is taken as ended when received.
  const endDate = isResolved || isStopped ? (record.endDate ?? receivedDate) : undefined;
  // (Civil dates compare as text: a report classifies 200,000 rows, without a closure or copy each.)
  const endsInPeriod = endDate !== undefined && endDate >= from && endDate <= to;

  const receivedInPeriod = receivedDate >= from && receivedDate <= to;
  const carriedOver = receivedDate < from && !(endDate !== undefined && endDate < from);
  const handled = receivedInPeriod || carriedOver;
  const resolved = handled && isResolved && endsInPeriod && endDate ? classifyResolution(endDate, dueDate) : undefined;
  const stopped = handled && isStopped && endsInPeriod;
  const open = handled && !(endDate !== undefined && endDate <= to);
  // The period ends at 24:00 of `to` (as the monthly report's cut-off on the 14th means the whole
  // 14th): a dossier open then whose appointment fell on `to` or before, at whatever hour, is overdue.
  // (design.md §5 says "before `to`"; read at the period's last minute, an appointment during `to`
  // has passed too.) Waiting for a supplement: the clock is stopped and the deadline recomputed on
  // receipt, so it is within deadline (design.md §5), as the daily warnings say ("Chờ bổ sung").
  const late = status !== 'Chờ bổ sung' && compareDates(dueDate, to) <= 0;
  const inProgress = open ? (late ? 'overdue' : 'within-deadline') : undefined;
  if (resolved)
    return inProgress
      ? { receivedInPeriod, carriedOver, resolved, stopped, inProgress }
      : { receivedInPeriod, carriedOver, resolved, stopped };
  return inProgress ? { receivedInPeriod, carriedOver, stopped, inProgress } : { receivedInPeriod, carriedOver, stopped };
}
