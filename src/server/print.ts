/** Gathers what a printed form needs from the register and the event log, then renders it. */
import { ACTION_LABELS, notePartsOf } from '../core/lifecycle';
import { textOf } from '../sheets/cells';
import { readRegister } from '../sheets/register';
import { LOG_HEADERS, TABS } from '../sheets/schema';
import { cell, readTable } from '../sheets/table';
import { type FormKind, FORM_KINDS, renderForm } from './forms';
import type { Services, Spreadsheet } from './services';
import { openUnit } from './unit';

const ACTION_OF_FORM: Record<FormKind, string> = {
  receipt: ACTION_LABELS.receive,
  supplement: ACTION_LABELS['request-supplement'],
  refusal: ACTION_LABELS.refuse,
  apology: ACTION_LABELS.apologise,
  stop: ACTION_LABELS.stop,
};

/** The note of the dossier's last event of an action (reasons, missing documents). */
function lastNote(spreadsheet: Spreadsheet, code: string, action: string): string {
  const sheet = spreadsheet.getSheetByName(TABS.log);
  if (!sheet) return '';
  const table = readTable(sheet, LOG_HEADERS);
  let note = '';
  for (const { values } of table.rows) {
    if (textOf(cell(table, values, 'Mã hồ sơ')) === code && textOf(cell(table, values, 'Thao tác')) === action)
      note = textOf(cell(table, values, 'Ghi chú'));
  }
  return note;
}

export function formHtml(services: Services, code: string, kind: string): string {
  if (!(FORM_KINDS as readonly string[]).includes(kind)) throw new Error(`Không có mẫu phiếu “${kind}”.`);
  const formKind = kind as FormKind;
  const unit = openUnit(services);
  const register = readRegister(unit.spreadsheet, unit.zone);
  const entry = register.entries.find((e) => e.dossier.code === code);
  if (!entry) throw new Error(`Không tìm thấy hồ sơ mã “${code}” trong sổ.`);
  const note = formKind === 'receipt' ? '' : lastNote(unit.spreadsheet, code, ACTION_OF_FORM[formKind]);
  const parts = notePartsOf(note);
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
    details: formKind === 'receipt' ? entry.text['Giấy tờ đã nhận'] : parts.missing,
    reason: formKind === 'apology' ? (d.delayReason ?? '') : parts.reason,
    issuedAt: unit.now,
  });
}
