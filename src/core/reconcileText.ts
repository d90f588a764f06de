/** The reconciliation with the provincial system, said in Vietnamese (the CLI's text and the sheet's tab). */
import { formatDateVi, formatNumberVi } from './format';
import type { Difference, Reconciliation } from './reconcile';

const FIELD_VI: Record<Difference['field'], string> = {
  status: 'trạng thái',
  appointment: 'ngày hẹn trả',
  resultAt: 'ngày có kết quả',
  returnedAt: 'ngày trả kết quả',
};

const shown = (field: Difference['field'], v: string | null) => (v === null ? 'trống' : field === 'status' ? v : formatDateVi(v));

/** The reconciliation as lines of Vietnamese: the counts, then each dossier with what to do (CLI and sheet). */
export function reconciliationLines(result: Reconciliation, register: string): string[] {
  const s = result.summary;
  const n = formatNumberVi;
  return [
    `Đối chiếu ${register} với hệ thống tỉnh: ${n(s.register)} hồ sơ trong sổ, ${n(s.export)} trong tệp xuất, ${n(s.both)} có ở cả hai.`,
    `Chỉ có trong sổ: ${n(s.onlyInRegister)}; chỉ có trên hệ thống tỉnh: ${n(s.onlyInExport)}; khác nhau: ${n(s.different)}` +
      ` (trong đó ${n(s.finishedInRegisterOpenInExport)} hồ sơ đã xong trong sổ nhưng hệ thống tỉnh còn mở).`,
    ...result.onlyInRegister.map((r) => `${r.code} (sổ, dòng ${r.row}): ${r.advice}.`),
    ...result.onlyInExport.map((r) => `${r.code} (tệp xuất, dòng ${r.row}): ${r.advice}.`),
    ...result.different.map(
      (d) =>
        `${d.code}: ${FIELD_VI[d.field]} khác nhau (sổ: ${shown(d.field, d.register)}; hệ thống tỉnh: ${shown(d.field, d.export)}) — ${d.advice}.`,
    ),
  ];
}
