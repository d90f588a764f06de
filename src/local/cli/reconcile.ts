/**
 * `reconcile REGISTER EXPORT... [--json]`: the register against the provincial system's export,
 * keyed on `Mã hồ sơ`. Reads both, writes neither. Exit code 1 when anything differs.
 */
import { formatDateVi, formatNumberVi } from '../../core/format';
import { type Difference, reconcile, type Reconciliation } from '../../core/reconcile';
import { readExportFiles } from './exportFile';
import { readReconcileRecords } from './registers';
import { splitArgs } from './summary';
import { parseOptions, UsageError } from './usage';

const FIELD_VI: Record<Difference['field'], string> = {
  status: 'trạng thái',
  appointment: 'ngày hẹn trả',
  resultAt: 'ngày có kết quả',
  returnedAt: 'ngày trả kết quả',
};

const shown = (field: Difference['field'], v: string | null) => (v === null ? 'trống' : field === 'status' ? v : formatDateVi(v));

function textOf(result: Reconciliation, register: string): string[] {
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

export async function reconcileCommand(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const { files, options } = splitArgs(args, []);
  const values = parseOptions('reconcile', options, { json: 'boolean' });
  if (files.length < 2)
    throw new UsageError(
      'Dùng: reconcile SỔ.xlsx TỆP_XUẤT... [--json] (sổ trước, rồi một hoặc nhiều tệp xuất của hệ thống tỉnh).',
    );
  const [register, ...exports] = files as [string, ...string[]];
  const mine = await readReconcileRecords(register);
  const theirs = await readExportFiles(exports);
  const result = reconcile(mine.records, theirs.records);
  const problems = [
    ...mine.problems.map((p) => `${register}, dòng ${p.row}${p.code ? ` (mã ${p.code})` : ''}: ${p.reason} — không đối chiếu.`),
    ...theirs.problems.map((p) => `${p.file}, dòng ${p.row}: ${p.reason} — không đối chiếu.`),
  ];
  const code = result.onlyInRegister.length + result.onlyInExport.length + result.different.length > 0 ? 1 : 0;
  if (values.json) {
    const json = {
      onlyInRegister: result.onlyInRegister,
      onlyInExport: result.onlyInExport,
      different: result.different,
      summary: { ...result.summary, unreadableRows: problems.length },
    };
    return { stdout: JSON.stringify(json), stderr: problems.join('\n'), code };
  }
  return { stdout: [...textOf(result, register), ...problems].join('\n'), stderr: '', code };
}
