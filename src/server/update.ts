/**
 * `Một cửa › Cập nhật hồ sơ`: one dossier, found by code (or the selected row), the steps the core
 * allows it, and each step written as the row's changed cells and one event. A row edited by hand
 * into an impossible state, or a code found on two rows, is reported and never written over; a row
 * that moved (a sort between the read and the write) is found again before anything is written.
 */
import { periodOf } from '../core/appointment';
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { isEnded } from '../core/dossier';
import { formatAppointmentVi, formatDateTimeVi, formatDateVi } from '../core/format';
import { checkStepTime, type FieldErrors, type UpdateField, type UpdateInput, updateSchema, validate } from '../core/input';
import { ACTION_LABELS, type ActionType, allowedActions, applyAction, type DossierAction } from '../core/lifecycle';
import { compareRequestKeys, formatRequestKey, parseRequestKey, requestKey } from '../core/requestKey';
import { DEADLINE_STATE_LABELS, deadlineState } from '../core/timeliness';
import { textOf } from '../sheets/cells';
import { appendEvent, lastLoggedStep, type LogLayout, logLayout } from '../sheets/eventLog';
import { readColumn, requireColumns, SheetProblem } from '../sheets/layout';
import { dossierAtRow, dossierCells, findDossier, type RegisterEntry, registerLayout } from '../sheets/register';
import { type RegisterHeader, registerFormat, TABS } from '../sheets/schema';
import { cell } from '../sheets/table';
import { sameCell, writeCells } from '../sheets/write';
import type { FormKind } from './forms/render';
import type { CellValue, Services } from '../gas/services';
import { openUnit, recalledAnswer, rememberAnswer, type UnitContext, withDocumentLock } from './unitContext';

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
  readonly zoneWarning: string;
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
    zoneWarning: unit.zoneWarning ?? '',
  };
}

/** Finds a dossier by code, or by the row selected in the register when no code is given. */
export function lookupDossier(services: Services, code?: string): DossierLookup {
  try {
    const unit = openUnit(services);
    const register = registerLayout(unit.spreadsheet);
    const wanted = (code ?? '').trim();
    let found;
    if (wanted) found = findDossier(register, wanted, unit.zone);
    else {
      const range = unit.spreadsheet.getActiveRange();
      const row = range && range.getSheet().getName() === TABS.register ? range.getRow() : 0;
      if (row <= register.headerRow) return { ok: false, message: 'Hãy chọn một dòng hồ sơ trong sổ hoặc nhập mã hồ sơ.' };
      found = dossierAtRow(register, row, unit.zone);
      // The selected row's code must be the only one: a copied row would make "this dossier" ambiguous.
      if (found.ok) found = findDossier(register, found.entry.dossier.code, unit.zone);
    }
    return found.ok ? { ok: true, dossier: viewOf(found.entry, unit) } : { ok: false, message: found.message };
  } catch (error) {
    if (error instanceof SheetProblem) return { ok: false, message: error.message };
    throw error;
  }
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

function refused(errors: FieldErrors<UpdateField | 'form'>): UpdateResult {
  return { ok: false, errors };
}

/** The core's action for a validated request (the discriminated schema gives each action its fields). */
function actionOf(data: UpdateInput, at: CivilDateTime): DossierAction | FieldErrors<UpdateField> {
  switch (data.action) {
    case 'transfer':
      return { type: 'transfer', at, ...(data.department ? { department: data.department } : {}) };
    case 'request-supplement':
      return { type: 'request-supplement', at, missing: data.missing, reason: data.reason };
    case 'receive-supplement':
      return { type: 'receive-supplement', at };
    case 'apologise': {
      const newDueAt = parseCivilDateTime(data.newDueAt);
      return newDueAt ? { type: 'apologise', at, newDueAt, reason: data.reason } : { newDueAt: 'Cần chọn ngày giờ hẹn mới.' };
    }
    case 'record-result':
      return { type: 'record-result', at };
    case 'refuse':
      return { type: 'refuse', at, reason: data.reason };
    case 'hand-over':
      return { type: 'hand-over', at, ...(data.satisfaction ? { satisfaction: data.satisfaction } : {}) };
    case 'stop':
      return { type: 'stop', at, reason: data.reason };
  }
}

export function submitUpdate(services: Services, input: unknown): UpdateResult {
  const checked = validate(updateSchema, input);
  if (!checked.ok) return refused(checked.errors);
  try {
    return update(services, checked.data);
  } catch (error) {
    if (error instanceof SheetProblem) return refused({ form: error.message });
    throw error;
  }
}

/** Attempts at finding the row again when a sort moved it between the read and the write. */
const MOVED_ROW_ATTEMPTS = 3;

function update(services: Services, data: UpdateInput): UpdateResult {
  const at = parseCivilDateTime(data.at);
  if (!at) return refused({ at: 'Thời điểm thực hiện không phải ngày giờ có thật.' });
  const unit = openUnit(services);
  const timing = checkStepTime(at, unit.now, 'Thời điểm thực hiện');
  if (timing.error) return refused({ at: timing.error });
  const action = actionOf(data, at);
  if (!('type' in action)) return refused(action);
  const { requestId, ...payload } = data;
  const key = formatRequestKey(requestKey('update', requestId, payload));

  return withDocumentLock(services, () => {
    const log = logLayout(unit.spreadsheet);
    const earlier = earlierRequest(log, key, data.code);
    if (earlier === 'conflict') {
      return refused({
        form: 'Yêu cầu này đã được ghi với nội dung khác. Hãy tìm lại hồ sơ để xem trạng thái hiện tại rồi nhập bước mới.',
      });
    }
    for (let attempt = 0; attempt < MOVED_ROW_ATTEMPTS; attempt += 1) {
      const register = registerLayout(unit.spreadsheet);
      const found = findDossier(register, data.code, unit.zone);
      if (!found.ok) return refused({ code: found.message });
      const entry = found.entry;
      if (earlier === 'done' || textOf(cell(register, entry.values, 'Mã yêu cầu')) === key) {
        // The first answer if the cache still holds it; else one read back from the sheet.
        const form = FORM_OF_ACTION[action.type];
        return (
          recalledAnswer<UpdateResult>(services, key) ?? {
            ok: true,
            message: `Bước “${ACTION_LABELS[action.type]}” của hồ sơ ${data.code} đã được ghi trước đó; không ghi lại.`,
            warnings: [],
            ...(form ? { form } : {}),
            dossier: viewOf(entry, unit),
          }
        );
      }
      const procedure = unit.procedures.find((p) => p.code === entry.dossier.procedureCode);
      if (action.type === 'receive-supplement' && !procedure) {
        return refused({ form: `Không tìm thấy thủ tục “${entry.dossier.procedureCode}” trong Danh mục TTHC để tính lại hạn.` });
      }
      const requestedAt =
        action.type === 'receive-supplement'
          ? lastLoggedStep(log, data.code, ACTION_LABELS['request-supplement'], unit.zone)?.at
          : undefined;
      const result = applyAction(entry.dossier, action, {
        schedule: unit.schedule,
        period: procedure ? periodOf(procedure) : { unit: 'ngày làm việc', value: 1 },
        supplementRule: procedure?.supplementRule ?? unit.settings.defaultSupplementRule,
        ...(requestedAt ? { supplementRequestedAt: requestedAt } : {}),
      });
      if (!result.ok) return refused({ form: result.error });

      const wanted: Partial<Record<RegisterHeader, CellValue>> = {
        ...dossierCells(result.dossier, unit.zone),
        ...(action.type === 'transfer' && action.department ? { 'Cơ quan giải quyết': action.department } : {}),
        'Mã yêu cầu': key,
      };
      const changed = Object.fromEntries(
        (Object.entries(wanted) as [RegisterHeader, CellValue][]).filter(
          ([h, v]) => !sameCell(cell(register, entry.values, h), v),
        ),
      ) as Partial<Record<RegisterHeader, CellValue>>;
      requireColumns(
        register,
        (Object.keys(changed) as RegisterHeader[]).filter((h) => changed[h] !== ''),
      );
      // Sorting takes no lock: check the row still holds this dossier just before writing.
      const codeNow = textOf(register.sheet.getRange(entry.rowNumber, register.columns.get('Mã hồ sơ') ?? 1).getValue());
      if (codeNow !== data.code) continue;
      // The event first, then the row: a run stopped between the two leaves the event, and its retry
      // (found by the key above) completes the row from the same state, so nothing is written twice.
      if (earlier !== 'row-pending')
        appendEvent(log, {
          at: unit.zone.toDate(at),
          user: unit.user,
          code: data.code,
          action: ACTION_LABELS[action.type],
          from: result.event.from,
          to: result.event.to,
          note: result.event.note,
          details: result.event.details,
          requestKey: key,
        });
      writeCells(register, entry.rowNumber, changed, registerFormat, 'Mã yêu cầu');
      const updated: RegisterEntry = { ...entry, dossier: result.dossier };
      const form = FORM_OF_ACTION[action.type];
      const answer: UpdateResult = {
        ok: true,
        message: `${ACTION_LABELS[action.type]}: hồ sơ ${data.code} nay “${result.dossier.status}” (${formatDateVi(at.date)}).`,
        warnings: [...(timing.warning ? [timing.warning] : []), ...result.warnings],
        ...(form ? { form } : {}),
        dossier: viewOf(updated, unit),
      };
      rememberAnswer(services, key, answer);
      return answer;
    }
    return refused({
      form: 'Sổ đang được sắp xếp hoặc sửa trong lúc ghi nên chưa ghi được; chưa có gì thay đổi. Vui lòng bấm lại.',
    });
  });
}

/**
 * Whether a request key is already in the log: not at all, the same request (and whether its event
 * is still the dossier's last, i.e. its row may not have been written), or its id with other data.
 */
function earlierRequest(log: LogLayout, key: string, code: string): 'none' | 'conflict' | 'done' | 'row-pending' {
  const wanted = parseRequestKey(key);
  if (!wanted) return 'none';
  const keys = readColumn(log, 'Mã yêu cầu');
  let conflict = false;
  for (let i = 0; i < keys.length; i += 1) {
    const stored = parseRequestKey(textOf(keys[i] ?? ''));
    const relation = stored ? compareRequestKeys(stored, wanted) : 'other';
    if (relation === 'conflict') conflict = true;
    if (relation !== 'same') continue;
    const codes = readColumn(log, 'Mã hồ sơ').map(textOf);
    return codes.lastIndexOf(code) === i ? 'row-pending' : 'done';
  }
  return conflict ? 'conflict' : 'none';
}
