/**
 * `import REGISTER.xlsx EXPORT... --out NEW.xlsx`: the menu's `Nhập từ hệ thống tỉnh` on a
 * register file. The register read is never written: the result goes to a new file, and an
 * existing file is not replaced; a place that cannot be written is refused before any work.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { formatNumberVi } from '../../core/format';
import { SheetProblem } from '../../sheets/layout';
import { importProvincialExport, SwappedFiles } from '../../server/provincialImport';
import { LocalWorld } from '../gas/world';
import { loadXlsx, saveXlsx } from '../gas/xlsx';
import { isExportFile, readExportTable, swappedRegister } from './exportFile';
import { NewFile } from './outDir';
import { splitArgs } from './summary';
import { parseOptions, UsageError } from './usage';

export async function importCommand(args: string[], log: (line: string) => void): Promise<number> {
  const { files, options } = splitArgs(args, ['out']);
  const values = parseOptions('import', options, { out: 'string' });
  if (files.length < 2) throw new UsageError('Dùng: import SỔ.xlsx TỆP_XUẤT... --out SỔ_MỚI.xlsx.');
  const [register, ...exports] = files as [string, ...string[]];
  if (!register.toLowerCase().endsWith('.xlsx')) {
    if (await isExportFile(register)) throw new UsageError(swappedRegister(register));
    throw new UsageError(`“${register}”: sổ phải là tệp .xlsx.`);
  }
  if (values.out === undefined)
    throw new UsageError('Thiếu --out SỔ_MỚI.xlsx: sổ đã nhập được ghi ra tệp mới, không ghi đè sổ đang đọc.');
  if (!existsSync(register)) throw new UsageError(`Không tìm thấy tệp “${register}”.`);
  const out = NewFile.reserve(values.out, '--out', files);
  let data;
  try {
    data = await loadXlsx(register, 'local-import', basename(register, '.xlsx'));
  } catch {
    throw new UsageError(`Không đọc được “${register}” như một tệp Excel (.xlsx).`);
  }
  const world = new LocalWorld();
  world.addSpreadsheet(data);
  let added = 0;
  let problems = 0;
  for (const file of exports) {
    const rows = await readExportTable(file);
    let answer;
    try {
      answer = world.run({ user: data.owner, context: 'editor', spreadsheetId: data.id }, (s) =>
        importProvincialExport(s, { file: basename(file), rows }, 'named'),
      );
    } catch (error) {
      if (error instanceof SwappedFiles)
        throw new UsageError(`${error.message} Dùng: import SỔ.xlsx TỆP_XUẤT... --out SỔ_MỚI.xlsx.`);
      if (error instanceof SheetProblem) {
        if (await isExportFile(register)) throw new UsageError(swappedRegister(register));
        throw new UsageError(`Sổ “${register}”: ${error.message}`);
      }
      throw error;
    }
    added += answer.added.length;
    problems += answer.problems.length;
    log(
      `${file}: thêm ${formatNumberVi(answer.added.length)} hồ sơ; ${formatNumberVi(answer.alreadyInRegister)} hồ sơ đã có trong sổ, giữ nguyên (khác nhau thì xem lệnh reconcile)${answer.notReceived ? `; ${formatNumberVi(answer.notReceived)} hồ sơ “Không được tiếp nhận” (từ chối tại quầy) không phải hồ sơ của sổ, không nhập` : ''}.`,
    );
    for (const p of answer.problems) log(`${file}, dòng ${p.row}: ${p.reason} — không nhập.`);
  }
  await out.write((temp) => saveXlsx(data, temp));
  log(
    `Đã ghi sổ mới: ${out.path} (${formatNumberVi(added)} hồ sơ thêm${problems ? `, ${formatNumberVi(problems)} dòng lỗi không nhập` : ''}).`,
  );
  return 0;
}
