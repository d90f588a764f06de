/**
 * `summary --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out FILE.xlsx] FILE...` and `check FILE`
 * (design.md §8, contract): the periodic report over register files, by the same core as the
 * `Tổng hợp giám sát` sheet; rows that cannot be classified are listed (stderr with --json), never
 * guessed and never fatal.
 */
import { realpathSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { formatDateVi, formatNumberVi } from '../../core/format';
import { countsJson, type Summary, summarize } from '../../core/summary';
import { countInPeriod } from '../../sheets/receptionRefusals';
import { isSupportedDate } from '../../core/supportedRange';
import type { Finding } from '../../core/consistency';
import { describeFinding, findingPlace } from '../../core/consistencyText';
import type { ReportRecord } from '../../sheets/periodRecords';
import { NewFile } from './outDir';
import { checkRegisterFile, readRegisterFile, type RegisterFile } from './registers';
import { parseOptions, SUPPORTED_RANGE_VI, UsageError } from './usage';

/** A file's real path (links and `..` resolved), or its given path when it cannot be read (refused later). */
function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

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

/** A dossier met a second time: in the same file or another, the same in every field the report reads, or not. */
interface Repeat {
  readonly code: string;
  readonly first: { readonly file: string; readonly row: number };
  readonly again: { readonly file: string; readonly row: number };
  readonly same: boolean;
}

/**
 * Each dossier code counted once across every input: a row whose code was met before is left out,
 * as a repeat when it says the same (a file given twice, a copy, a row pasted twice) or as a
 * conflict when it does not (the first is counted; which is right is for a person to say).
 */
function countOnce(registers: readonly RegisterFile[]): { records: ReportRecord[]; repeats: Repeat[] } {
  const seen = new Map<string, { file: string; record: ReportRecord }>();
  const records: ReportRecord[] = [];
  const repeats: Repeat[] = [];
  for (const { file, records: rows } of registers) {
    for (const record of rows) {
      if (record.code === '') {
        records.push(record);
        continue;
      }
      const first = seen.get(record.code);
      if (!first) {
        seen.set(record.code, { file, record });
        records.push(record);
      } else
        repeats.push({
          code: record.code,
          first: { file: first.file, row: first.record.row },
          again: { file, row: record.row },
          same: contentOf(first.record) === contentOf(record),
        });
    }
  }
  return { records, repeats };
}

/** What the report reads of a row, to tell a repeat from a conflict; the unit is left out (without its column it is the file's name). */
function contentOf(r: ReportRecord): string {
  return [
    r.status,
    r.channel,
    r.receivedDate,
    r.dueDate,
    r.endDate ?? '',
    r.field,
    r.procedureName,
    r.supplementCount,
    r.delayReason,
    r.satisfaction,
  ].join('\u0001');
}

const oneLine = (code: string) => code.replace(/\s+/g, ' ');

function problemLines(files: readonly RegisterFile[], repeats: readonly Repeat[]): string[] {
  return [
    ...files.flatMap((f) =>
      // One line per bad row: a code typed with a line break in it is shown on one line.
      f.problems.map(
        (p) => `${f.file}, dòng ${p.row}${p.code ? ` (mã ${oneLine(p.code)})` : ''}: ${p.reason} — không tính vào báo cáo.`,
      ),
    ),
    ...repeats.map((r) =>
      r.same
        ? `${r.again.file}, dòng ${r.again.row} (mã ${oneLine(r.code)}): giống hệt ${r.first.file}, dòng ${r.first.row} — tính một lần.`
        : `${r.again.file}, dòng ${r.again.row} (mã ${oneLine(r.code)}): cùng mã nhưng khác ${r.first.file}, dòng ${r.first.row} — chỉ tính dòng trước; hãy sửa một trong hai rồi lập lại báo cáo.`,
    ),
  ];
}

/** What was left out of the report, as it says it: rows by reason, repeats, conflicts. */
function leftOutOf(files: readonly RegisterFile[], repeats: readonly Repeat[]) {
  const reasons = new Map<string, number>();
  for (const p of files.flatMap((f) => f.problems)) reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1);
  return {
    rows: [...reasons.values()].reduce((a, b) => a + b, 0),
    reasons: [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    repeated: repeats.filter((r) => r.same).length,
    conflicts: repeats.filter((r) => !r.same).map((r) => ({ code: r.code, first: r.first, second: r.again })),
  };
}

function summaryJson(summary: Summary, leftOut: ReturnType<typeof leftOutOf>) {
  return {
    from: summary.from,
    to: summary.to,
    units: summary.units.map(({ unit, counts }) => ({ unit, ...countsJson(counts) })),
    total: countsJson(summary.total),
    leftOut,
    // Keys added to design.md §8's shape: by competent agency, and the refusals at the counter (not in received).
    agencies: summary.agencies.map(({ agency, counts }) => ({ agency, ...countsJson(counts) })),
    receptionRefusals: summary.receptionRefusals,
  };
}

function leftOutText(leftOut: ReturnType<typeof leftOutOf>): string[] {
  const n = formatNumberVi;
  return [
    ...(leftOut.rows > 0
      ? [
          `Không tính vào báo cáo: ${n(leftOut.rows)} dòng (${leftOut.reasons.map((r) => `${r.reason}: ${n(r.count)}`).join('; ')}); từng dòng ở stderr.`,
        ]
      : []),
    ...(leftOut.repeated > 0 ? [`Hồ sơ gặp hai lần, giống hệt nhau: ${n(leftOut.repeated)} (tính một lần).`] : []),
    ...(leftOut.conflicts.length > 0
      ? [`Cùng mã hồ sơ nhưng khác nội dung: ${n(leftOut.conflicts.length)} (chỉ tính dòng gặp trước; từng mã ở stderr).`]
      : []),
  ];
}

function textReport(summary: Summary, files: readonly RegisterFile[], leftOut: ReturnType<typeof leftOutOf>): string {
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
    ...leftOutText(leftOut),
  ].join('\n');
}

export async function summaryCommand(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const { files, options } = splitArgs(args, ['from', 'to', 'out', 'by', 'receiver']);
  const values = parseOptions('summary', options, {
    from: 'string',
    to: 'string',
    json: 'boolean',
    out: 'string',
    official: 'boolean',
    by: 'string',
    receiver: 'string',
  });
  const from = dayOption('from', values.from);
  const to = dayOption('to', values.to);
  if (from > to) throw new UsageError(`--from ${values.from} sau --to ${values.to}: khoảng ngày phải từ ngày sớm đến ngày muộn.`);
  if (files.length === 0) throw new UsageError('Thiếu tệp sổ: summary --from … --to … FILE.xlsx [FILE.csv ...].');
  if ((values.official || values.by !== undefined || values.receiver !== undefined) && values.out === undefined) {
    throw new UsageError('--official, --by và --receiver đi cùng --out FILE.xlsx (biểu được ghi vào tệp đó).');
  }
  if (values.by !== undefined && values.by !== 'field' && values.by !== 'agency') {
    throw new UsageError(`--by “${values.by}”: chọn field (theo lĩnh vực) hoặc agency (theo cơ quan giải quyết).`);
  }
  if (values.out !== undefined && !values.out.toLowerCase().endsWith('.xlsx')) {
    throw new UsageError(`--out “${values.out}”: tệp kết quả phải là .xlsx.`);
  }
  // Before any reading: a name taken (an input above all) or a place that cannot be written is refused.
  const outFile = values.out === undefined ? undefined : NewFile.reserve(values.out, '--out', files);
  const registers: RegisterFile[] = [];
  // The same file named twice (a path and a glob, a link) is read once.
  const read = new Set<string>();
  for (const file of files) {
    const real = realPathOf(file);
    if (read.has(real)) continue;
    read.add(real);
    registers.push(await readRegisterFile(file));
  }
  const skipped = registers.filter((r) => r.skipped !== undefined);
  registers.splice(0, registers.length, ...registers.filter((r) => r.skipped === undefined));
  const { records, repeats } = countOnce(registers);
  const leftOut = leftOutOf(registers, repeats);
  // A register with no dossier at all still has its line ("none" is not "not reported").
  const empty = registers.filter((r) => r.records.length === 0).map((r) => basename(r.file, extname(r.file)));
  const summary = {
    ...summarize(records, from, to, empty),
    receptionRefusals: countInPeriod(
      registers.flatMap((r) => r.receptionRefusals ?? []),
      from,
      to,
    ),
  };
  if (outFile !== undefined) {
    const { writeSummaryWorkbook } = await import('./summaryWorkbook');
    await writeSummaryWorkbook(
      outFile,
      summary,
      registers,
      repeats,
      values.official || values.by !== undefined || values.receiver !== undefined
        ? {
            grouping: values.by === 'agency' ? 'agency' : 'field',
            receivingUnit: values.receiver ?? '',
            // One register: its unit reports; several: the person consolidating names none here.
            reportingUnit: summary.units.length === 1 ? (summary.units[0]?.unit ?? '') : '',
          }
        : undefined,
    );
  }
  // A row left out, or a code that means two dossiers: a scheduled job must notice (exit code 1).
  const code = leftOut.rows > 0 || leftOut.conflicts.length > 0 ? 1 : 0;
  const stderr = [...skipped.map((r) => `${r.file}: ${r.skipped}`), ...problemLines(registers, repeats)].join('\n');
  if (values.json) return { stdout: JSON.stringify(summaryJson(summary, leftOut)), stderr, code };
  return { stdout: textReport(summary, registers, leftOut), stderr, code };
}

/** `check FILE`: each bad row with its number, what is wrong and what to do; exit code 1 when any. */
export async function checkCommand(args: string[]): Promise<{ stdout: string; code: number }> {
  const { files, options } = splitArgs(args, []);
  parseOptions('check', options, {});
  if (files.length !== 1) throw new UsageError('Dùng: check FILE (một tệp .xlsx, .csv, .txt hoặc .tsv).');
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
