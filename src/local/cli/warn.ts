/**
 * `warn FILE.xlsx --date YYYY-MM-DD [--out DIR] [--in-place]`: the daily deadline check of one
 * register, as the trigger runs it at 07:00 that day. The e-mails (.eml) go into a folder of their own
 * for that day (`DIR/thu-YYYY-MM-DD`), and the updated register into a new file beside them
 * (`DIR/<name>-canh-bao-YYYY-MM-DD.xlsx`): the register read is never written over, nor any earlier
 * day's output, and a day already checked into DIR is not written again. `--in-place` updates the
 * register itself, after copying it to a backup beside it. Every place written is tried before the
 * check runs, so a read-only register or folder is refused with nothing written.
 */
import { randomBytes } from 'node:crypto';
import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseCivilDate } from '../../core/civil';
import { formatDateVi } from '../../core/format';
import { isSupportedDate } from '../../core/supportedRange';
import { SheetProblem } from '../../sheets/layout';
import { runDeadlineCheck } from '../../server/warnings/check';
import { LocalWorld } from '../gas/world';
import { loadXlsx, saveXlsx } from '../gas/xlsx';
import { freshPath, NewFile, prepareOutDir, reason, ReplacedFile } from './outDir';
import { parseOptions, SUPPORTED_RANGE_VI, UsageError } from './usage';

/** Whether `dir` holds anything (a day's e-mails written by an earlier run). */
/** A folder itself, not a link to one. */
function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether two folders hold the same files, byte for byte (the same register's e-mails of the same day). */
function sameFiles(a: string, b: string): boolean {
  try {
    const names = readdirSync(a).sort();
    const others = readdirSync(b).sort();
    return (
      names.length === others.length &&
      names.every((name, i) => name === others[i] && readFileSync(join(a, name)).equals(readFileSync(join(b, name))))
    );
  } catch {
    return false;
  }
}

/** Whether two workbooks hold the same tabs and values (zip stamps aside). */
async function sameWorkbook(a: string, b: string): Promise<boolean> {
  const values = async (file: string) => {
    const data = await loadXlsx(file, 'local-warn-compare', 'x');
    return JSON.stringify(data.sheets.map((sheet) => [sheet.name, sheet.rows]));
  };
  try {
    return (await values(a)) === (await values(b));
  } catch {
    return false;
  }
}

export async function warnCommand(args: string[], log: (line: string) => void): Promise<void> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('--')) throw new UsageError('Thiếu tệp sổ: warn FILE.xlsx --date YYYY-MM-DD.');
  const values = parseOptions('warn', rest, { date: 'string', out: 'string', 'in-place': 'boolean' });
  if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError(`“${file}” không phải tệp .xlsx.`);
  if (!existsSync(file)) throw new UsageError(`Không tìm thấy tệp “${file}”.`);
  if (values.date === undefined) throw new UsageError('Thiếu --date YYYY-MM-DD (ngày kiểm tra hạn).');
  const day = parseCivilDate(values.date);
  if (!day) throw new UsageError(`Ngày “${values.date}” không đúng dạng YYYY-MM-DD hoặc không có thật.`);
  if (!isSupportedDate(day)) throw new UsageError(`Ngày “${values.date}” nằm ngoài khoảng được hỗ trợ (${SUPPORTED_RANGE_VI}).`);
  const inPlace = values['in-place'] ? ReplacedFile.reserve(file, 'Sổ') : undefined;
  const out = prepareOutDir(values.out ?? 'warn-output', values.out !== undefined);
  // A day already checked into this folder is not written again; another register's output of that
  // day (the same name from another folder, the same day's e-mail folder) is never touched either:
  // what differs goes to a new name beside it.
  const registerOut = join(out, `${basename(file, '.xlsx')}-canh-bao-${day}.xlsx`);
  const earlier = existsSync(registerOut) ? registerOut : undefined;
  const saved = inPlace
    ? undefined
    : NewFile.reserve(earlier ? freshPath(out, basename(registerOut)) : registerOut, 'Sổ cập nhật', [file]);
  let data;
  try {
    data = await loadXlsx(file, 'local-warn', basename(file, '.xlsx'));
  } catch {
    throw new UsageError(`Không đọc được “${file}” như một tệp Excel (.xlsx).`);
  }
  // 07:00 in Vietnam on that day, as the daily trigger runs.
  const world = new LocalWorld(new Date(`${day}T00:00:00Z`));
  world.addSpreadsheet(data);
  let report;
  try {
    report = world.run({ user: data.owner, context: 'trigger', spreadsheetId: data.id }, (s) =>
      runDeadlineCheck(s, { mail: true, startedMs: s.clock.now().getTime() }),
    );
  } catch (error) {
    if (error instanceof SheetProblem) throw new UsageError(`Sổ “${file}”: ${error.message}`);
    throw error;
  }
  const c = report.counts;
  log(
    `Kiểm tra hạn ngày ${formatDateVi(day)}: ${c.overdue} quá hạn, ${c['due-today']} đến hạn hôm nay, ${c['due-soon']} sắp đến hạn, ${c['within-deadline']} trong hạn, ${c['awaiting-supplement']} chờ bổ sung.`,
  );
  if (!report.workingDay) log('Ngày nghỉ theo lịch của đơn vị: không gửi thư.');
  // The register first: the e-mails say what it now shows.
  if (inPlace) {
    const backup = freshPath(dirname(inPlace.path), `${basename(inPlace.path, '.xlsx')}.truoc-canh-bao-${day}.xlsx`);
    try {
      copyFileSync(inPlace.path, backup, constants.COPYFILE_EXCL);
    } catch (e) {
      throw new UsageError(`Không chép được bản lưu của sổ “${file}” (${reason(e)}): sổ chưa được cập nhật.`);
    }
    await inPlace.write((temp) => saveXlsx(data, temp));
    log(`Sổ đã cập nhật cột Cảnh báo ngay trong ${file}; bản trước khi cập nhật: ${backup}`);
  } else if (saved) {
    const written = await saved.write(
      (temp) => saveXlsx(data, temp),
      earlier ? (temp) => sameWorkbook(temp, earlier) : undefined,
    );
    log(
      written
        ? `Sổ đã cập nhật cột Cảnh báo (tệp mới, sổ gốc giữ nguyên): ${saved.path}`
        : `Sổ cập nhật ngày ${formatDateVi(day)} đã có: ${registerOut} — giữ nguyên, không ghi lại.`,
    );
  }
  const mailDir = join(out, `thu-${day}`);
  // Written aside first, in a folder of this run's own making, then named: the day's folder is never
  // written into, whatever (a link, another run's folder) holds its name.
  const staging = join(out, `.thu-${day}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  mkdirSync(staging); // a name of this run's own: only what it made is removed below
  try {
    const mails = world.writeOutbox(staging);
    if (isRealFolder(mailDir) && sameFiles(staging, mailDir)) {
      log(`Thư ngày ${formatDateVi(day)} đã có trong ${mailDir} — giữ nguyên, không ghi lại.`);
    } else if (mails.length === 0 && isRealFolder(mailDir)) {
      log(`0 thư (.eml).`);
    } else {
      const fresh = freshPath(out, `thu-${day}`);
      renameSync(staging, fresh);
      log(`${mails.length} thư (.eml) trong ${fresh}`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
