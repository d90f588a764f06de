/** Gathers what a printed form needs from the register and the event log, then renders it. */
import { ACTION_LABELS } from '../../core/lifecycle';
import { lastLoggedStep, logLayout } from '../../sheets/eventLog';
import { SheetProblem } from '../../sheets/layout';
import { findDossier, registerLayout } from '../../sheets/register';
import { type FormKind, FORM_KINDS, FORM_TITLES, renderForm } from './render';
import type { Services } from '../../gas/services';
import { openUnit } from '../unitContext';

const ACTION_OF_FORM: Record<FormKind, string> = {
  receipt: ACTION_LABELS.receive,
  supplement: ACTION_LABELS['request-supplement'],
  refusal: ACTION_LABELS.refuse,
  apology: ACTION_LABELS.apologise,
  stop: ACTION_LABELS.stop,
};

export function formHtml(services: Services, code: string, kind: string): string {
  if (!(FORM_KINDS as readonly string[]).includes(kind)) throw new SheetProblem(`Không có mẫu phiếu “${kind}”.`);
  const formKind = kind as FormKind;
  const unit = openUnit(services);
  const found = findDossier(registerLayout(unit.spreadsheet, unit.knownRegister), code, unit.zone);
  if (!found.ok) throw new SheetProblem(found.message);
  const entry = found.entry;
  // Reasons and missing documents come from the step's structured details; a form is only printed
  // for a step the log holds.
  const step =
    formKind === 'receipt'
      ? undefined
      : lastLoggedStep(logLayout(unit.spreadsheet, unit.knownLog), code, unit.zone, ACTION_OF_FORM[formKind]);
  if (formKind !== 'receipt' && !step) {
    throw new SheetProblem(
      `Hồ sơ ${code} chưa có bước “${ACTION_OF_FORM[formKind]}” trong nhật ký nên chưa có ${FORM_TITLES[formKind].title.toLowerCase()}.`,
    );
  }
  const details = step?.details ?? {};
  const d = entry.dossier;
  return renderForm({
    kind: formKind,
    unitName: unit.settings.unitName,
    parentUnit: unit.settings.parentUnit,
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
    // Dated the day of its step (the receipt: of the intake), whenever it is printed or reprinted.
    issuedAt: step ? step.at : d.receivedAt,
    ...(formKind === 'receipt' ? { qrScript: services.htmlService.createHtmlOutputFromFile('qr').getContent() } : {}),
  });
}
