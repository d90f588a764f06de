/**
 * `summary --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out FILE.xlsx] FILE...` and `check FILE`
 * (design.md §8, contract): the periodic report over register files, by the same core as the
 * `Tổng hợp giám sát` sheet; rows that cannot be classified are listed (stderr with --json), never
 * guessed and never fatal.
 */
import { basename, extname, resolve } from 'node:path';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { formatDateVi, formatNumberVi } from '../../core/format';
import { countsJson, type Summary, summarize } from '../../core/summary';
import { isSupportedDate } from '../../core/supportedRange';
import type { Finding } from '../../core/consistency';
import { describeFinding, findingPlace } from '../../core/consistencyText';
import { checkRegisterFile, readRegisterFile, type RegisterFile } from './registers';
import { parseOptions, SUPPORTED_RANGE_VI, UsageError } from './usage';

function dayOption(name: string, value: string | undefined): CivilDate {
  if (value === undefined) throw new UsageError(`Thiếu --${name} YYYY-MM-DD.`);
  const day = parseCivilDate(value);
  if (!day) throw new UsageError(`--${name} “${value}” không đúng dạng YYYY-MM-DD hoặc không có thật.`);
  if (!isSupportedDate(day)) throw new UsageError(`--${name} “${value}” nằm ngoài khoảng được hỗ trợ (${SUPPORTED_RANGE_VI}).`);
  return day;
}

/** Positional file names, and the options after or between them. */
export function splitArgs(args: readonly string[], valued: readonly string[]): { files: string[]; options: string[] } {
  const files: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      options.push(arg);
      if (!arg.includes('=') && valued.includes(arg.slice(2)) && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) {
        options.push(args[i + 1]!);
        i += 1;
      }
    } else files.push(arg);
  }
  return { files, options };
}

function summaryJson(summary: Summary) {
  return {
    from: summary.from,
    to: summary.to,
    units: summary.units.map(({ unit, counts }) => ({ unit, ...countsJson(counts) })),
    total: countsJson(summary.total),
  };
}

function problemLines(files: readonly RegisterFile[]): string[] {
  return files.flatMap((f) =>
    // One line per bad row: a code typed with a line break in it is shown on one line.
    f.problems.map(
      (p) =>
        `${f.file}, dòng ${p.row}${p.code ? ` (mã ${p.code.replace(/\s+/g, ' ')})` : ''}: ${p.reason} — không tính vào báo cáo.`,
    ),
  );
}

function textReport(summary: Summary, files: readonly RegisterFile[]): string {
  const n = formatNumberVi;
  const line = (name: string, c: Summary['total']) => {
    const j = countsJson(c);
    return [
      `${name}: tiếp nhận ${n(c.received.total)} (trực tuyến ${n(c.received.online)}, trực tiếp/bưu chính ${n(c.received.inPersonOrPostal)}, kỳ trước chuyển sang ${n(c.received.carriedOver)})`,
      `  đã giải quyết ${n(c.resolved.total)}: trước hạn ${n(c.resolved.early)}, đúng hạn ${n(c.resolved.onTime)}, quá hạn ${n(c.resolved.late)}`,
      `  đang giải quyết ${n(c.inProgress.total)}: trong hạn ${n(c.inProgress.withinDeadline)}, quá hạn ${n(c.inProgress.overdue)}; dừng, rút ${n(c.other.total)}`,
      `  trên tổng tiếp nhận: trước hạn ${j.ratesText.earlyOfReceived}, đúng hạn ${j.ratesText.onTimeOfReceived}, quá hạn ${j.ratesText.lateOfReceived}; ` +
        `trên số đã giải quyết: trước hạn ${j.ratesText.earlyOfResolved}, đúng hạn ${j.ratesText.onTimeOfResolved}, quá hạn ${j.ratesText.lateOfResolved}; ` +
        `đúng hạn theo Chỉ số 766 (trên tổng tiếp nhận): ${j.ratesText.timeliness766}`,
    ].join('\n');
  };
  return [
    `Báo cáo từ ${formatDateVi(summary.from)} đến ${formatDateVi(summary.to)} (${files.length} sổ)`,
    ...summary.units.map((u) => line(u.unit, u.counts)),
    line('Tổng cộng', summary.total),
    ...problemLines(files),
  ].join('\n');
}

export async function summaryCommand(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { files, options } = splitArgs(args, ['from', 'to', 'out']);
  const values = parseOptions('summary', options, { from: 'string', to: 'string', json: 'boolean', out: 'string' });
  const from = dayOption('from', values.from);
  const to = dayOption('to', values.to);
  if (from > to) throw new UsageError(`--from ${values.from} sau --to ${values.to}: khoảng ngày phải từ ngày sớm đến ngày muộn.`);
  if (files.length === 0) throw new UsageError('Thiếu tệp sổ: summary --from … --to … FILE.xlsx [FILE.csv ...].');
  if (values.out !== undefined && files.some((f) => resolve(f) === resolve(values.out ?? ''))) {
    throw new UsageError(`--out “${values.out}” là một trong các tệp sổ đang đọc: chọn tên tệp khác để không ghi đè sổ.`);
  }
  const registers: RegisterFile[] = [];
  for (const file of files) registers.push(await readRegisterFile(file));
  // A register with no dossier at all still has its line ("none" is not "not reported").
  const empty = registers.filter((r) => r.records.length === 0).map((r) => basename(r.file, extname(r.file)));
  const summary = summarize(
    registers.flatMap((r) => r.records),
    from,
    to,
    empty,
  );
  if (values.out !== undefined) {
    const { writeSummaryWorkbook } = await import('./summaryWorkbook');
    await writeSummaryWorkbook(values.out, summary, registers);
  }
  if (values.json) return { stdout: JSON.stringify(summaryJson(summary)), stderr: problemLines(registers).join('\n') };
  return { stdout: textReport(summary, registers), stderr: '' };
}

/** `check FILE`: each bad row with its number, what is wrong and what to do; exit code 1 when any. */
export async function checkCommand(args: string[]): Promise<{ stdout: string; code: number }> {
  const { files, options } = splitArgs(args, []);
  parseOptions('check', options, {});
  if (files.length !== 1) throw new UsageError('Dùng: check FILE (một tệp .xlsx hoặc .csv).');
  const file = files[0]!;
  const { findings, count } = await checkRegisterFile(file);
  if (findings.length === 0) return { stdout: `${file}: ${formatNumberVi(count)} dòng hồ sơ, không có dòng lỗi.`, code: 0 };
  const rows = (tab: Finding['tab']) => new Set(findings.filter((f) => f.tab === tab).map((f) => f.row)).size;
  const logRows = rows('log');
  return {
    stdout: [
      `${file}: ${formatNumberVi(rows('register'))} dòng lỗi trên ${formatNumberVi(count)} dòng hồ sơ` +
        (logRows ? `, ${formatNumberVi(logRows)} dòng lỗi trong Nhật ký xử lý.` : '.'),
      ...findings.map((f) => {
        const { problem, todo } = describeFinding(f);
        return `${file}, ${findingPlace(f)}${f.code ? ` (mã ${f.code.replace(/\s+/g, ' ')})` : ''}: ${problem} Cách xử lý: ${todo}`;
      }),
    ].join('\n'),
    code: 1,
  };
}
