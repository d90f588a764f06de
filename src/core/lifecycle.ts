/**
 * The dossier lifecycle (Decree 61/2018, Decree 118/2025) as a state machine: which step may follow
 * which, what each step needs, and a Vietnamese reason whenever a step is refused.
 */
import { type CivilDateTime, compareDateTimes, compareDates, formatIsoDateTime } from './civil';
import { dueAfterSupplement, type Period, reappointmentRefusal, type ScheduleContext } from './appointment';
import type { Dossier, DossierStatus, Satisfaction } from './dossier';
import type { SupplementRule } from './procedures';
import type { ServiceValues } from './serviceFields';
import { formatDateTimeVi, formatDateVi } from './format';

export type DossierAction =
  | { readonly type: 'transfer'; readonly at: CivilDateTime; readonly department?: string }
  | { readonly type: 'request-supplement'; readonly at: CivilDateTime; readonly missing: string; readonly reason: string }
  | { readonly type: 'receive-supplement'; readonly at: CivilDateTime }
  | { readonly type: 'apologise'; readonly at: CivilDateTime; readonly newDueAt: CivilDateTime; readonly reason: string }
  | { readonly type: 'record-result'; readonly at: CivilDateTime; readonly service?: ServiceValues }
  | { readonly type: 'refuse'; readonly at: CivilDateTime; readonly reason: string }
  | {
      readonly type: 'hand-over';
      readonly at: CivilDateTime;
      readonly satisfaction?: Satisfaction;
      readonly service?: ServiceValues;
    }
  | { readonly type: 'stop'; readonly at: CivilDateTime; readonly reason: string };

export type ActionType = DossierAction['type'];

/** The labels written to `Nhật ký xử lý` and shown on the update sidebar's buttons. */
export const ACTION_LABELS: Record<ActionType | 'receive', string> = {
  receive: 'Tiếp nhận hồ sơ',
  transfer: 'Chuyển xử lý',
  'request-supplement': 'Yêu cầu bổ sung hồ sơ',
  'receive-supplement': 'Nhận hồ sơ bổ sung',
  apologise: 'Xin lỗi và hẹn lại',
  'record-result': 'Có kết quả giải quyết',
  refuse: 'Từ chối giải quyết',
  'hand-over': 'Trả kết quả',
  stop: 'Dừng giải quyết',
};

/** Which status each action may start from. */
const ALLOWED_FROM: Record<ActionType, readonly DossierStatus[]> = {
  transfer: ['Đã tiếp nhận'],
  'request-supplement': ['Đã tiếp nhận', 'Đang giải quyết'],
  'receive-supplement': ['Chờ bổ sung'],
  apologise: ['Đã tiếp nhận', 'Đang giải quyết', 'Chờ bổ sung'],
  'record-result': ['Đã tiếp nhận', 'Đang giải quyết'],
  refuse: ['Đã tiếp nhận', 'Đang giải quyết', 'Chờ bổ sung'],
  'hand-over': ['Đã có kết quả'],
  stop: ['Đã tiếp nhận', 'Đang giải quyết', 'Chờ bổ sung'],
};

const TARGET: Record<ActionType, DossierStatus | 'same'> = {
  transfer: 'Đang giải quyết',
  'request-supplement': 'Chờ bổ sung',
  'receive-supplement': 'Đang giải quyết',
  apologise: 'same',
  'record-result': 'Đã có kết quả',
  refuse: 'Từ chối giải quyết',
  'hand-over': 'Đã trả kết quả',
  stop: 'Dừng giải quyết',
};

const WRONG_STATUS: Record<ActionType, string> = {
  transfer: 'Chỉ chuyển xử lý được hồ sơ vừa tiếp nhận',
  'request-supplement': 'Chỉ yêu cầu bổ sung được hồ sơ đang được giải quyết',
  'receive-supplement': 'Hồ sơ không ở trạng thái chờ bổ sung nên không thể nhận hồ sơ bổ sung',
  apologise: 'Chỉ xin lỗi và hẹn lại được hồ sơ chưa có kết quả',
  'record-result': 'Chỉ ghi nhận kết quả được cho hồ sơ đang giải quyết',
  refuse: 'Chỉ từ chối được hồ sơ chưa có kết quả',
  'hand-over': 'Chưa có kết quả giải quyết nên không thể trả kết quả',
  stop: 'Chỉ dừng giải quyết được hồ sơ chưa có kết quả',
};

export function allowedActions(dossier: Pick<Dossier, 'status' | 'newDueAt'>): ActionType[] {
  return (Object.keys(ALLOWED_FROM) as ActionType[]).filter(
    (type) => ALLOWED_FROM[type].includes(dossier.status) && !(type === 'apologise' && dossier.newDueAt),
  );
}

export interface TransitionContext {
  readonly schedule: ScheduleContext;
  readonly period: Period;
  readonly supplementRule: SupplementRule;
  /** When the pending supplement was requested (from `Nhật ký xử lý`), for `tạm dừng`. */
  readonly supplementRequestedAt?: CivilDateTime;
  /** When the dossier's last recorded step happened: a new step may not be dated before it. */
  readonly previousStepAt?: CivilDateTime;
}

interface TransitionEvent {
  readonly action: ActionType;
  readonly from: DossierStatus;
  readonly to: DossierStatus;
  /** A sentence for people reading the log. No personal data: reasons and dates only. */
  readonly note: string;
  /** The same facts as fields, for the printed forms: never parsed back out of `note`. */
  readonly details: EventDetails;
}

/** Structured facts of a step, kept in the log's `Chi tiết` column as JSON. */
export interface EventDetails {
  readonly reason?: string;
  readonly missing?: string;
  readonly department?: string;
  readonly newDueAt?: string;
  readonly dueAt?: string;
  readonly satisfaction?: Satisfaction;
  readonly supplementCount?: number;
  /** How the result was delivered and whether it was digitised (the service index's columns). */
  readonly service?: ServiceValues;
  /** The dossier as the step leaves it (no personal data), so a step stopped halfway can be completed. */
  readonly after?: Dossier;
  /** The dossier as the step found it: completing the step leaves a cell people changed since alone. */
  readonly before?: Dossier;
  /** On a receipt: the code was typed from the provincial system, not issued by MotCua (its sequence is not ours). */
  readonly officialCode?: boolean;
}

export type TransitionResult =
  | { readonly ok: true; readonly dossier: Dossier; readonly event: TransitionEvent; readonly warnings: string[] }
  | { readonly ok: false; readonly error: string };

function refuse(error: string): TransitionResult {
  return { ok: false, error };
}

function requireText(value: string, what: string): string | undefined {
  return value.trim() ? undefined : `Cần ghi ${what}.`;
}

/** Applies one step to a dossier, or says in Vietnamese why it may not happen. */
export function applyAction(dossier: Dossier, action: DossierAction, ctx: TransitionContext): TransitionResult {
  const from = dossier.status;
  if (!ALLOWED_FROM[action.type].includes(from)) {
    return refuse(`${WRONG_STATUS[action.type]} (trạng thái hiện tại: “${from}”).`);
  }
  if (compareDateTimes(action.at, dossier.receivedAt) < 0) {
    return refuse(
      `Thời điểm ${formatDateTimeVi(action.at)} trước thời điểm tiếp nhận hồ sơ ${formatDateTimeVi(dossier.receivedAt)}.`,
    );
  }
  if (ctx.previousStepAt && compareDateTimes(action.at, ctx.previousStepAt) < 0) {
    return refuse(
      `Thời điểm ${formatDateTimeVi(action.at)} trước bước đã ghi gần nhất của hồ sơ (${formatDateTimeVi(ctx.previousStepAt)}); các bước phải ghi theo đúng thứ tự thời gian.`,
    );
  }
  const target = TARGET[action.type];
  const to: DossierStatus = target === 'same' ? from : target;
  const warnings: string[] = [];
  let next: Dossier = { ...dossier, status: to };
  let note = '';
  let details: EventDetails = {};

  switch (action.type) {
    case 'transfer':
      note = action.department ? `Chuyển: ${action.department.trim()}` : '';
      details = action.department ? { department: action.department.trim() } : {};
      break;
    case 'request-supplement': {
      const missing = requireText(action.missing, 'giấy tờ cần bổ sung') ?? requireText(action.reason, 'lý do yêu cầu bổ sung');
      if (missing) return refuse(missing);
      const deadline = ctx.schedule.calendar.addWorkingDays(dossier.receivedAt.date, 3);
      if (compareDates(action.at.date, deadline) > 0) {
        warnings.push(
          `Yêu cầu bổ sung sau 03 ngày làm việc kể từ ngày tiếp nhận (hạn ${formatDateVi(deadline)}); theo quy định, cơ quan phải xin lỗi người nộp hồ sơ.`,
        );
      }
      next = { ...next, supplementCount: dossier.supplementCount + 1 };
      if (next.supplementCount > 1) warnings.push('Hồ sơ yêu cầu bổ sung quá một lần: Chỉ số 766 tính là quá hạn.');
      note = `Lần ${next.supplementCount}. Lý do: ${action.reason.trim()}. Cần bổ sung: ${action.missing.trim()}`;
      details = { reason: action.reason.trim(), missing: action.missing.trim(), supplementCount: next.supplementCount };
      break;
    }
    case 'receive-supplement': {
      const dueAt = dueAfterSupplement({
        rule: ctx.supplementRule,
        period: ctx.period,
        currentDue: dossier.dueAt,
        requestedAt: ctx.supplementRequestedAt ?? action.at,
        arrivedAt: action.at,
        ctx: ctx.schedule,
      });
      next = { ...next, dueAt };
      note = `Hạn mới (${ctx.supplementRule}): ${formatDateTimeVi(dueAt)}`;
      details = { dueAt: formatIsoDateTime(dueAt) };
      break;
    }
    case 'apologise': {
      const missing = requireText(action.reason, 'lý do chậm');
      if (missing) return refuse(missing);
      const refusal = reappointmentRefusal({
        originalDue: dossier.dueAt.date,
        alreadyReappointed: dossier.newDueAt !== undefined,
        requestDate: action.at.date,
        newDue: action.newDueAt.date,
        calendar: ctx.schedule.calendar,
      });
      if (refusal) return refuse(refusal);
      next = { ...next, newDueAt: action.newDueAt, delayReason: action.reason.trim() };
      note = `Hẹn lại: ${formatDateTimeVi(action.newDueAt)}. Lý do: ${action.reason.trim()}`;
      details = { reason: action.reason.trim(), newDueAt: formatIsoDateTime(action.newDueAt) };
      break;
    }
    case 'record-result':
      next = { ...next, resultDate: action.at.date };
      details = action.service && Object.keys(action.service).length > 0 ? { service: action.service } : {};
      break;
    case 'refuse': {
      const missing = requireText(action.reason, 'lý do từ chối');
      if (missing) return refuse(missing);
      next = { ...next, resultDate: action.at.date };
      note = `Lý do: ${action.reason.trim()}`;
      details = { reason: action.reason.trim() };
      break;
    }
    case 'hand-over':
      if (dossier.resultDate && compareDates(action.at.date, dossier.resultDate) < 0) {
        return refuse(`Ngày trả kết quả không thể trước ngày có kết quả ${formatDateVi(dossier.resultDate)}.`);
      }
      next = { ...next, returnedDate: action.at.date, ...(action.satisfaction ? { satisfaction: action.satisfaction } : {}) };
      note = action.satisfaction ? `Đánh giá: ${action.satisfaction}` : '';
      details = {
        ...(action.satisfaction ? { satisfaction: action.satisfaction } : {}),
        ...(action.service && Object.keys(action.service).length > 0 ? { service: action.service } : {}),
      };
      break;
    case 'stop': {
      const missing = requireText(action.reason, 'lý do dừng giải quyết');
      if (missing) return refuse(missing);
      next = { ...next, resultDate: action.at.date };
      note = `Lý do: ${action.reason.trim()}`;
      details = { reason: action.reason.trim() };
      break;
    }
  }
  return { ok: true, dossier: next, event: { action: action.type, from, to, note, details }, warnings };
}
