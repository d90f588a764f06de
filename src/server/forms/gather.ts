/** Gathers what a printed form needs from the register and the event log, then renders it. */
import { ACTION_LABELS } from '../../core/lifecycle';
import { formOf } from '../../core/formKinds';
import { compareDateTimes } from '../../core/civil';
import { lastLoggedStep, type LoggedStep, loggedSteps, logLayout } from '../../sheets/eventLog';
import { SheetProblem } from '../../sheets/layout';
import { findDossier, registerLayout } from '../../sheets/register';
import { type FormKind, FORM_KINDS, renderForm } from './render';
import type { Services } from '../../gas/services';
import { openUnit } from '../unitContext';
import { receptionRefusalHtml } from './receptionRefusalForm';

/** The step each form is printed for (the receipt: the intake itself). */
const ACTION_OF_FORM: Record<Exclude<FormKind, 'receipt' | 'reception-refusal'>, string> = {
  supplement: ACTION_LABELS['request-supplement'],
  control: ACTION_LABELS.transfer,
  refusal: ACTION_LABELS.refuse,
  apology: ACTION_LABELS.apologise,
  stop: ACTION_LABELS.stop,
};

/**
 * The process-control slip's lines: the steps up to the transfer it is dated by, that one included.
 * Steps recorded after it had not happened when the slip went with the dossier, however late it is
 * printed or reprinted (the officers write the later hand-overs on the paper).
 */
function stepsUpTo(steps: readonly LoggedStep[], transfer: LoggedStep) {
  // Oldest first, so the transfer's own line ends the list (found by its request key; a line typed
  // without one: by its time).
  const own = transfer.requestKey ? steps.findIndex((s) => s.requestKey === transfer.requestKey) : -1;
  const upTo = own >= 0 ? steps.slice(0, own + 1) : steps.filter((s) => compareDateTimes(s.at, transfer.at) <= 0);
  return upTo.map((s) => ({ at: s.at, action: s.action, note: s.note }));
}

export function formHtml(services: Services, code: string, kind: string): string {
  if (!(FORM_KINDS as readonly string[]).includes(kind)) throw new SheetProblem(`Không có mẫu phiếu “${kind}”.`);
  const formKind = kind as FormKind;
  // A refusal at the counter has no dossier: it is printed from its line in `Từ chối tiếp nhận`.
  if (formKind === 'reception-refusal') return receptionRefusalHtml(services, code);
  const unit = openUnit(services);
  const found = findDossier(registerLayout(unit.spreadsheet, unit.knownRegister), code, unit.zone, unit.archives);
  if (!found.ok) throw new SheetProblem(found.message);
  const entry = found.entry;
  // Reasons and missing documents come from the step's structured details; a form is only printed
  // for a step the log holds.
  const log = formKind === 'receipt' ? undefined : logLayout(unit.spreadsheet, unit.knownLog);
  const step = log && formKind !== 'receipt' ? lastLoggedStep(log, code, unit.zone, ACTION_OF_FORM[formKind]) : undefined;
  if (formKind !== 'receipt' && !step) {
    const title = formOf(formKind, unit.now.date).title.toLowerCase();
    throw new SheetProblem(`Hồ sơ ${code} chưa có bước “${ACTION_OF_FORM[formKind]}” trong nhật ký nên chưa có ${title}.`);
  }
  const details = step?.details ?? {};
  const d = entry.dossier;
  return renderForm({
    kind: formKind,
    unitName: unit.settings.unitName,
    parentUnit: unit.settings.parentUnit,
    agency: entry.text['Cơ quan giải quyết'] || unit.settings.unitName,
    code: d.code,
    ...(entry.registerNumber !== undefined ? { registerNumber: entry.registerNumber } : {}),
    procedureCode: d.procedureCode,
    procedureName: entry.text['Tên thủ tục'],
    applicantName: entry.text['Người nộp'],
    address: entry.text['Địa chỉ'],
    phone: entry.text['Điện thoại'],
    email: entry.text.Email,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    ...(d.newDueAt ? { newDueAt: d.newDueAt } : {}),
    returnPlace: unit.settings.returnPlace,
    receivedBy: entry.text['Người tiếp nhận'],
    details: formKind === 'receipt' ? entry.text['Giấy tờ đã nhận'] : (details.missing ?? ''),
    reason: formKind === 'apology' ? (d.delayReason ?? details.reason ?? '') : (details.reason ?? ''),
    // Dated the day of its step (the receipt: of the intake), whenever it is printed or reprinted;
    // the form's set and number are those in force that day.
    issuedAt: step ? step.at : d.receivedAt,
    ...(formKind === 'control' && log && step ? { steps: stepsUpTo(loggedSteps(log, code, unit.zone), step) } : {}),
    ...(formKind === 'receipt' ? { qrScript: services.htmlService.createHtmlOutputFromFile('qr').getContent() } : {}),
  });
}
