/**
 * `reconcile REGISTER EXPORT... [--json]`: the register against the provincial system's export,
 * keyed on `Mã hồ sơ`. Reads both, writes neither. Exit code 1 when anything differs.
 */
import { reconcile } from '../../core/reconcile';
import { reconciliationLines } from '../../core/reconcileText';
import { isExportFile, readExportFiles, swappedRegister } from './exportFile';
import { readReconcileRecords } from './registers';
import { splitArgs } from './summary';
import { parseOptions, UsageError } from './usage';

export async function reconcileCommand(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const { files, options } = splitArgs(args, []);
  const values = parseOptions('reconcile', options, { json: 'boolean' });
  if (files.length < 2)
    throw new UsageError(
      'Dùng: reconcile SỔ.xlsx TỆP_XUẤT... [--json] (sổ trước, rồi một hoặc nhiều tệp xuất của hệ thống tỉnh).',
    );
  const [register, ...exports] = files as [string, ...string[]];
  let mine;
  try {
    mine = await readReconcileRecords(register);
  } catch (error) {
    // An export given first: say the files look swapped rather than that the register lacks columns.
    if (error instanceof UsageError && (await isExportFile(register))) throw new UsageError(swappedRegister(register));
    throw error;
  }
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
  return { stdout: [...reconciliationLines(result, register), ...problems].join('\n'), stderr: '', code };
}
