/**
 * `Một cửa › Cập nhật hồ sơ`: one dossier, found by code (or the selected row), the steps the core
 * allows it, and each step written as one row update and one event. A row edited by hand into an
 * impossible state is reported with its row number, never overwritten.
 */
import { compareDateTimes, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { periodOf } from '../core/appointment';
import { formatAppointmentVi, formatDateTimeVi, formatDateVi } from '../core/format';
import { type FieldErrors, type UpdateField, updateSchema, validate } from '../core/input';
import { ACTION_LABELS, type ActionType, allowedActions, applyAction, type DossierAction } from '../core/lifecycle';
import { isEnded, type Satisfaction } from '../core/dossier';
import { DEADLINE_STATE_LABELS, deadlineState } from '../core/timeliness';
import { appendEvents, lastEventTime } from '../sheets/eventLog';
import { dossierCells, readRegister, type RegisterEntry, rewriteRow } from '../sheets/register';
import { asLiteralText } from '../sheets/safeText';
import { TABS } from '../sheets/schema';
import type { FormKind } from './forms';
import type { Services } from './services';
import { onceUnderLock, openUnit, type UnitContext } from './unit';

export interface DossierView {
  readonly code: string;
  readonly rowNumber: number;
  readonly procedureName: string;
  readonly applicantName: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly appointment: string;
  readonly newAppointment: string;
  readonly deadline: string;
  readonly supplementCount: number;
  readonly actions: readonly { readonly type: ActionType; readonly label: string }[];
  readonly now: string;
}

export type DossierLookup =
  { readonly ok: true; readonly dossier: DossierView } | { readonly ok: false; readonly message: string };

function viewOf(entry: RegisterEntry, unit: UnitContext): DossierView {
  const d = entry.dossier;
  const open = !isEnded(d.status);
  return {
    code: d.code,
    rowNumber: entry.rowNumber,
    procedureName: entry.text['Tên thủ tục'],
    applicantName: entry.text['Người nộp'],
    status: d.status,
    receivedAt: formatDateTimeVi(d.receivedAt),
    appointment: formatAppointmentVi(d.dueAt),
    newAppointment: d.newDueAt ? formatAppointmentVi(d.newDueAt) : '',
    deadline: open
      ? DEADLINE_STATE_LABELS[deadlineState(d.dueAt.date, unit.now.date, unit.calendar, unit.settings.leadDays)]
      : '',
    supplementCount: d.supplementCount,
    actions: allowedActions(d).map((type) => ({ type, label: ACTION_LABELS[type] })),
    now: formatIsoDateTime(unit.now),
  };
}

/** Finds a dossier by code, or by the row selected in the register when no code is given. */
export function lookupDossier(services: Services, code?: string): DossierLookup {
  const unit = openUnit(services);
  const register = readRegister(unit.spreadsheet, unit.zone);
  let wanted = (code ?? '').trim();
  if (!wanted) {
    const range = unit.spreadsheet.getActiveRange();
    const row = range && range.getSheet().getName() === TABS.register ? range.getRow() : 0;
    if (row < 2) return { ok: false, message: 'Hãy chọn một dòng hồ sơ trong sổ hoặc nhập mã hồ sơ.' };
    const problem = register.problems.find((p) => p.row === row);
    if (problem) return { ok: false, message: problem.message };
    const entry = register.entries.find((e) => e.rowNumber === row);
    if (!entry) return { ok: false, message: `Dòng ${row} không có hồ sơ.` };
    wanted = entry.dossier.code;
  }
  const entry = register.entries.find((e) => e.dossier.code === wanted);
  if (!entry) {
    const problem = register.problems.find((p) => p.code === wanted);
    return { ok: false, message: problem ? problem.message : `Không tìm thấy hồ sơ mã “${wanted}” trong sổ.` };
  }
  return { ok: true, dossier: viewOf(entry, unit) };
}

export type UpdateResult =
  | {
      readonly ok: true;
      readonly message: string;
      readonly warnings: readonly string[];
      readonly form?: FormKind;
      readonly dossier: DossierView;
    }
  | { readonly ok: false; readonly errors: FieldErrors<UpdateField | 'form'> };

const FORM_OF_ACTION: Partial<Record<ActionType, FormKind>> = {
  'request-supplement': 'supplement',
  refuse: 'refusal',
  apologise: 'apology',
  stop: 'stop',
};

export function submitUpdate(services: Services, input: unknown): UpdateResult {
  const checked = validate(updateSchema, input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const data = checked.data;
  const at = parseCivilDateTime(data.at);
  if (!at) return { ok: false, errors: { at: 'Thời điểm thực hiện không phải ngày giờ có thật.' } };
  const unit = openUnit(services);
  if (compareDateTimes(at, { date: unit.now.date, minute: Math.min(unit.now.minute + 5, 1439) }) > 0) {
    return { ok: false, errors: { at: 'Thời điểm thực hiện không được sau thời điểm hiện tại.' } };
  }
  return onceUnderLock<UpdateResult>(services, data.requestId, () => {
    const register = readRegister(unit.spreadsheet, unit.zone);
    const entry = register.entries.find((e) => e.dossier.code === data.code);
    if (!entry) {
      const problem = register.problems.find((p) => p.code === data.code);
      return {
        ok: false,
        errors: { code: problem ? `${problem.message} Hãy sửa dòng này trước.` : `Không tìm thấy hồ sơ mã “${data.code}”.` },
      };
    }
    const procedure = unit.procedures.find((p) => p.code === entry.dossier.procedureCode);
    let action: DossierAction;
    const reason = data.reason ?? '';
    switch (data.action) {
      case 'transfer':
        action = { type: 'transfer', at, ...(data.department ? { department: data.department } : {}) };
        break;
      case 'request-supplement':
        action = { type: 'request-supplement', at, missing: data.missing ?? '', reason };
        break;
      case 'receive-supplement':
        if (!procedure)
          return {
            ok: false,
            errors: { form: `Không tìm thấy thủ tục “${entry.dossier.procedureCode}” trong Danh mục TTHC để tính lại hạn.` },
          };
        action = { type: 'receive-supplement', at };
        break;
      case 'apologise': {
        const newDueAt = parseCivilDateTime(data.newDueAt ?? '');
        if (!newDueAt) return { ok: false, errors: { newDueAt: 'Cần chọn ngày giờ hẹn mới.' } };
        action = { type: 'apologise', at, newDueAt, reason };
        break;
      }
      case 'record-result':
        action = { type: 'record-result', at };
        break;
      case 'refuse':
        action = { type: 'refuse', at, reason };
        break;
      case 'hand-over':
        action = { type: 'hand-over', at, ...(data.satisfaction ? { satisfaction: data.satisfaction as Satisfaction } : {}) };
        break;
      case 'stop':
        action = { type: 'stop', at, reason };
        break;
    }
    const requestedAt =
      action.type === 'receive-supplement'
        ? lastEventTime(unit.spreadsheet, data.code, ACTION_LABELS['request-supplement'], unit.zone)
        : undefined;
    const result = applyAction(entry.dossier, action, {
      schedule: unit.schedule,
      period: procedure ? periodOf(procedure) : { unit: 'ngày làm việc', value: 0 },
      supplementRule: procedure?.supplementRule ?? unit.settings.defaultSupplementRule,
      ...(requestedAt ? { supplementRequestedAt: requestedAt } : {}),
    });
    if (!result.ok) return { ok: false, errors: { form: result.error } };
    const extra =
      action.type === 'transfer' && action.department ? { 'Cơ quan giải quyết': asLiteralText(action.department) } : {};
    const row = rewriteRow(register.sheet, register.table, entry.rowNumber, entry.values, {
      ...dossierCells(result.dossier, unit.zone),
      ...extra,
    });
    appendEvents(unit.spreadsheet, [
      {
        at: unit.zone.toDate(at),
        user: unit.user,
        code: data.code,
        action: ACTION_LABELS[action.type],
        from: result.event.from,
        to: result.event.to,
        note: result.event.note,
      },
    ]);
    const updated: RegisterEntry = { ...entry, dossier: result.dossier, values: row };
    const form = FORM_OF_ACTION[action.type];
    return {
      ok: true,
      message: `${ACTION_LABELS[action.type]}: hồ sơ ${data.code} nay “${result.dossier.status}” (${formatDateVi(at.date)}).`,
      warnings: result.warnings,
      ...(form ? { form } : {}),
      dossier: viewOf(updated, unit),
    };
  });
}
