/**
 * `Một cửa › Cập nhật hồ sơ`: one dossier, found by code (or the selected row), the steps the core
 * allows it, and each step written as the row's changed cells and one event. A row edited by hand
 * into an impossible state, or a code found on two rows, is reported and never written over; a row
 * that moved (a sort between the read and the write) is found again before anything is written.
 */
import { periodOf } from '../core/appointment';
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { type Dossier, isEnded } from '../core/dossier';
import { dossierVersion } from '../core/dossierVersion';
import { formatAppointmentVi, formatDateTimeVi, formatDateVi } from '../core/format';
import { formButtonLabel } from '../core/formKinds';
import type { ServiceValues } from '../core/serviceFields';
import { actionOf } from './updateAction';
import { checkStepTime, type FieldErrors, type UpdateField, type UpdateInput, updateSchema, validate } from '../core/input';
import { ACTION_LABELS, type ActionType, allowedActions, applyAction, type DossierAction } from '../core/lifecycle';
import {
  compareRequestKeys,
  formatRequestKey,
  formatRowKeys,
  parseRowKeys,
  type RequestKey,
  requestKey,
  type RowKeys,
  withApplied,
} from '../core/requestKey';
import { DEADLINE_STATE_LABELS, deadlineState } from '../core/timeliness';
import { dateTimeOf, textOf } from '../sheets/cells';
import { lastLoggedStep, loggedStepAt, type LogLayout, logLayout, readLogIndex, writeEvent } from '../sheets/eventLog';
import { readRow, requireColumns, SheetProblem } from '../sheets/layout';
import {
  dossierAtRow,
  dossierCells,
  dossierOfRow,
  findDossier,
  locateDossier,
  type RegisterEntry,
  registerLayout,
  type RegisterLayout,
} from '../sheets/register';
import { type RegisterHeader, registerFormat, TABS } from '../sheets/schema';
import { cell } from '../sheets/table';
import { sameCell, writeCells } from '../sheets/write';
import type { FormKind } from './forms/render';
import type { CellValue, Services } from '../gas/services';
import { stateOf, staleRefusal, versionCells } from './dossierVersion';
import { openUnit, TABLES_CHANGED_WARNING, type UnitContext, withDocumentLock } from './unitContext';

interface DossierView {
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
  /** The version of the unit's tables this view was made with; the update form sends it back. */
  readonly tablesVersion: string;
  /** The dossier's version shown (core/dossierVersion.ts): a submit from an older one is refused. */
  readonly version: string;
}

export type DossierLookup =
  { readonly ok: true; readonly dossier: DossierView } | { readonly ok: false; readonly message: string };

function viewOf(entry: RegisterEntry, unit: UnitContext, version: string): DossierView {
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
    tablesVersion: unit.tablesVersion,
    version,
  };
}

/** Finds a dossier by code, or by the row selected in the register when no code is given. */
export function lookupDossier(services: Services, code?: string): DossierLookup {
  try {
    const unit = openUnit(services);
    const register = registerLayout(unit.spreadsheet, unit.knownRegister);
    const wanted = (code ?? '').trim();
    let found;
    if (wanted) found = findDossier(register, wanted, unit.zone, unit.archives);
    else {
      const range = unit.spreadsheet.getActiveRange();
      const row = range && range.getSheet().getName() === TABS.register ? range.getRow() : 0;
      if (row <= register.headerRow) return { ok: false, message: 'Hãy chọn một dòng hồ sơ trong sổ hoặc nhập mã hồ sơ.' };
      found = dossierAtRow(register, row, unit.zone);
      // The selected row's code must be the only one: a copied row would make "this dossier" ambiguous.
      if (found.ok) found = findDossier(register, found.entry.dossier.code, unit.zone, unit.archives);
    }
    return found.ok
      ? { ok: true, dossier: viewOf(found.entry, unit, dossierVersion(stateOf(register, found.entry, unit.zone))) }
      : { ok: false, message: found.message };
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
      /** The print button's label: the form in force on the step's date (`In Mẫu số 06: …`). */
      readonly formLabel?: string;
      readonly dossier: DossierView;
    }
  | { readonly ok: false; readonly errors: FieldErrors<UpdateField | 'form'> };

const FORM_OF_ACTION: Partial<Record<ActionType, FormKind>> = {
  // The process-control slip goes with the dossier to the competent department.
  transfer: 'control',
  'request-supplement': 'supplement',
  refuse: 'refusal',
  apologise: 'apology',
  stop: 'stop',
};

function refused(errors: FieldErrors<UpdateField | 'form'>): UpdateResult {
  return { ok: false, errors };
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
  const unit = openUnit(services, data.tables ? { tables: data.tables } : {});
  const timing = checkStepTime(at, unit.now, 'Thời điểm thực hiện');
  if (timing.error) return refused({ at: timing.error });
  const action = actionOf(data, at);
  if (!('type' in action)) return refused(action);
  // Which tables and which version of the dossier the form showed are not part of what the request asks.
  const { requestId, tables: _tables, version, ...payload } = data;
  const key = requestKey('update', requestId, payload);

  return withDocumentLock(services, () => {
    for (let attempt = 0; attempt < MOVED_ROW_ATTEMPTS; attempt += 1) {
      const answer = updateOnce(services, unit, data.code, action, key, timing.warning, version);
      if (answer !== 'moved') return answer;
    }
    return refused({
      form: 'Sổ đang được sắp xếp hoặc sửa trong lúc ghi nên chưa ghi được; chưa có gì thay đổi. Vui lòng bấm lại.',
    });
  });
}

/**
 * The cells a step leaves in the row: the dossier's own columns, the result's service index fields,
 * when, and the step's key. The department a dossier is transferred to is the log's (its note and
 * Mẫu 06): `Cơ quan giải quyết` stays the catalogue's competent agency, which the report groups by.
 */
function stepCells(after: Dossier, at: CivilDateTime, keys: string, unit: UnitContext, service: ServiceValues = {}) {
  return {
    ...dossierCells(after, unit.zone),
    ...service,
    'Cập nhật lúc': unit.zone.toDate(at),
    'Mã yêu cầu': keys,
  } as Partial<Record<RegisterHeader, CellValue>>;
}

function changedCells(
  register: RegisterLayout,
  values: readonly CellValue[],
  wanted: Partial<Record<RegisterHeader, CellValue>>,
): Partial<Record<RegisterHeader, CellValue>> {
  return Object.fromEntries(
    (Object.entries(wanted) as [RegisterHeader, CellValue][]).filter(([h, v]) => !sameCell(cell(register, values, h), v)),
  ) as Partial<Record<RegisterHeader, CellValue>>;
}

/**
 * A step left half-written (its key still marked pending on the row: the run stopped after the mark)
 * is settled first: if its event is in the log, the row is finished from the state the event
 * recorded; if not, the step never happened and the mark is dropped. Only this rare case searches
 * the log. A row whose mark was changed or cleared by hand is not taken for one: people's
 * corrections are never written over.
 */
export function settlePendingStep(
  unit: UnitContext,
  register: RegisterLayout,
  log: LogLayout,
  code: string,
  rowNumber: number,
  values: readonly CellValue[],
  keys: RowKeys,
): { values: CellValue[]; message: string } | 'moved' {
  const pending = keys.pending;
  if (!pending) return { values: [...values], message: '' };
  const index = readLogIndex(log).keys.indexOf(formatRequestKey(pending));
  const event = index >= 0 ? loggedStepAt(log, index, unit.zone) : undefined;
  let message = '';
  if (event && event.code === code && event.details.after) {
    // Only cells that still hold what the step found: a correction typed since is kept.
    const before = event.details.before ? dossierCells(event.details.before, unit.zone) : undefined;
    const wanted = stepCells(
      event.details.after,
      event.at,
      formatRowKeys(withApplied(keys, pending)),
      unit,
      event.details.service,
    );
    const repair = Object.fromEntries(
      Object.entries(changedCells(register, values, wanted)).filter(
        ([h]) =>
          !before || !(h in before) || sameCell(cell(register, values, h as RegisterHeader), before[h as RegisterHeader] ?? ''),
      ),
    ) as Partial<Record<RegisterHeader, CellValue>>;
    requireColumns(
      register,
      (Object.keys(repair) as RegisterHeader[]).filter((h) => repair[h] !== ''),
    );
    writeCells(register, rowNumber, repair, registerFormat, { last: 'Mã yêu cầu' });
    message = `Bước “${event.action}” ghi dở lúc trước đã được ghi nốt vào sổ. `;
  } else {
    const dropped = formatRowKeys({ applied: keys.applied });
    if (!sameCell(cell(register, values, 'Mã yêu cầu'), dropped)) {
      writeCells(register, rowNumber, { 'Mã yêu cầu': dropped }, registerFormat);
    }
  }
  const settled = readRow(register, rowNumber);
  return textOf(cell(register, settled, 'Mã hồ sơ')) === code ? { values: settled, message } : 'moved';
}

/**
 * One locked attempt: the dossier's row is found by its code and read; a half-written step is
 * settled; the same request again is answered from the row; a new step is checked, then written as
 * a pending mark on the row, its event, and the row's changed cells with its key last.
 */
function updateOnce(
  services: Services,
  unit: UnitContext,
  code: string,
  action: DossierAction,
  key: RequestKey,
  timingWarning: string | undefined,
  version: string | undefined,
): UpdateResult | 'moved' {
  // Every tab this action writes is checked before anything is written.
  const log = logLayout(unit.spreadsheet, unit.knownLog);
  const register = registerLayout(unit.spreadsheet, unit.knownRegister);
  const located = locateDossier(register, code, unit.archives);
  if (!located.ok) return refused({ code: located.message });
  const rowKeys = parseRowKeys(textOf(cell(register, located.values, 'Mã yêu cầu')));
  // No key at all (typed over, cleared, a row made by hand): this very request may be a step already
  // logged whose cells were not written; it is looked for in the log like a pending one.
  const known = rowKeys.pending || rowKeys.applied.length > 0 ? rowKeys : { pending: key, applied: [] };
  const settled = settlePendingStep(unit, register, log, code, located.rowNumber, located.values, known);
  if (settled === 'moved') return 'moved';
  const values = settled.values;
  const completed = settled.message;
  const keys = parseRowKeys(textOf(cell(register, values, 'Mã yêu cầu')));
  const relations = keys.applied.map((stored) => compareRequestKeys(stored, key));
  if (relations.includes('conflict')) {
    return refused({
      form: 'Yêu cầu này đã được ghi với nội dung khác. Hãy tìm lại hồ sơ để xem trạng thái hiện tại rồi nhập bước mới.',
    });
  }
  const found = dossierOfRow(register, located.rowNumber, values, unit.zone);
  if (!found.ok) return refused({ code: found.message });
  const entry = found.entry;

  const state = stateOf(register, entry, unit.zone);
  // The same request again (a retry after a time-out: the row changed because of it) is answered
  // before the version is compared.
  if (relations.includes('same')) return sameAnswer(unit, action, entry, dossierVersion(state));
  if (version && dossierVersion(state) !== version) {
    const refusal = staleRefusal(log, unit.zone, key, entry.dossier, state, version);
    return refusal ? refused({ version: refusal }) : sameAnswer(unit, action, entry, dossierVersion(state));
  }

  const procedure = unit.procedures.find((p) => p.code === entry.dossier.procedureCode);
  if (action.type === 'receive-supplement' && !procedure) {
    return refused({ form: `Không tìm thấy thủ tục “${entry.dossier.procedureCode}” trong Danh mục TTHC để tính lại hạn.` });
  }
  // The clock restarts from the supplement request: only this step looks it up in the log.
  const requestedAt =
    action.type === 'receive-supplement'
      ? lastLoggedStep(log, code, unit.zone, ACTION_LABELS['request-supplement'])?.at
      : undefined;
  const previousStepAt = dateTimeOf(cell(register, entry.values, 'Cập nhật lúc'), unit.zone);
  const result = applyAction(entry.dossier, action, {
    schedule: unit.schedule,
    period: procedure ? periodOf(procedure) : { unit: 'ngày làm việc', value: 1 },
    supplementRule: procedure?.supplementRule ?? unit.settings.defaultSupplementRule,
    ...(requestedAt ? { supplementRequestedAt: requestedAt } : {}),
    ...(previousStepAt && previousStepAt !== 'invalid' ? { previousStepAt } : {}),
  });
  if (!result.ok) return refused({ form: `${completed}${result.error}` });

  const department = action.type === 'transfer' ? action.department : undefined;
  const changed = changedCells(
    register,
    entry.values,
    stepCells(result.dossier, action.at, formatRowKeys(withApplied(keys, key)), unit, result.event.details.service),
  );
  requireColumns(
    register,
    (Object.keys(changed) as RegisterHeader[]).filter((h) => changed[h] !== ''),
  );
  // No read from here on: Apps Script sends the mark, the event and the row's cells together.
  writeCells(register, entry.rowNumber, { 'Mã yêu cầu': formatRowKeys({ pending: key, applied: keys.applied }) }, registerFormat);
  writeEvent(log, {
    at: unit.zone.toDate(action.at),
    user: unit.user,
    code,
    action: ACTION_LABELS[action.type],
    from: result.event.from,
    to: result.event.to,
    note: result.event.note,
    details: {
      ...result.event.details,
      before: entry.dossier,
      after: result.dossier,
      ...(department ? { department } : {}),
    },
    requestKey: formatRequestKey(key),
  });
  writeCells(register, entry.rowNumber, changed, registerFormat, { last: 'Mã yêu cầu' });
  const updated: RegisterEntry = { ...entry, dossier: result.dossier };
  const written = dossierVersion(
    versionCells(
      result.dossier,
      unit.zone,
      entry.text['Cơ quan giải quyết'],
      formatIsoDateTime(action.at),
      formatRequestKey(key),
    ),
  );
  return {
    ...sameAnswer(unit, action, updated, written),
    warnings: [
      ...(completed ? [completed.trim()] : []),
      ...(timingWarning ? [timingWarning] : []),
      ...(unit.tablesChanged ? [TABLES_CHANGED_WARNING] : []),
      ...result.warnings,
    ],
  };
}

/** The answer to a step written (now or by a first try of the same request): the dossier as it is now. */
function sameAnswer(
  unit: UnitContext,
  action: DossierAction,
  entry: RegisterEntry,
  version: string,
): Extract<UpdateResult, { ok: true }> {
  const form = FORM_OF_ACTION[action.type];
  return {
    ok: true,
    message: `${ACTION_LABELS[action.type]}: hồ sơ ${entry.dossier.code} nay “${entry.dossier.status}” (${formatDateVi(action.at.date)}).`,
    warnings: [],
    ...(form ? { form, formLabel: formButtonLabel(form, action.at.date) } : {}),
    dossier: viewOf(entry, unit, version),
  };
}
