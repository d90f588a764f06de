/**
 * `summary --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out FILE.xlsx] FILE...` and `check FILE`
 * (design.md §8, contract): the periodic report over register files, by the same core as the
 * `Tổng hợp giám sát` sheet; rows that cannot be classified are listed (stderr with --json), never
 * guessed and never fatal.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CivilDate, parseCivilDate } from '../../core/civil';
import { formatDateVi, formatNumberVi } from '../../core/format';
import { countsJson, type Summary, summarize, summaryOfParts } from '../../core/summary';
import { countInPeriod } from '../../sheets/receptionRefusals';
import { isSupportedDate } from '../../core/supportedRange';
import type { Finding } from '../../core/consistency';
import { describeFinding, findingPlace } from '../../core/consistencyText';
import { TABS } from '../../sheets/schema';
import { problemText, type RowProblem } from '../../sheets/periodRecords';
import { NewFile } from './outDir';
import { checkRegisterFile, type RegisterFile } from './registers';
import { countOnce, type Repeat, repeatText } from './repeats';
import { type RegisterPart, readPartAgain, readRegisterParts, settleParts, unitsAndRepeats } from './registerParts';
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

/** What the lines about a register's left-out rows need of it. */
export interface RegisterLines {
  readonly file: string;
  readonly problems: readonly RowProblem[];
}

const oneLine = (code: string) => code.replace(/\s+/g, ' ');

function problemLines(files: readonly RegisterLines[], repeats: readonly Repeat[]): string[] {
  return [
    ...files.flatMap((f) =>
      // One line per bad row: a code typed with a line break in it is shown on one line.
      f.problems.map(
        (p) => `${f.file}, dòng ${p.row}${p.code ? ` (mã ${oneLine(p.code)})` : ''}: ${problemText(p)} — không tính vào báo cáo.`,
      ),
    ),
    ...repeats.map(
      (r) =>
        `${r.again.file}, dòng ${r.again.row} (${r.code ? `mã ${oneLine(r.code)}` : 'không có mã hồ sơ'}): ${repeatText(r)}.`,
    ),
  ];
}

/** What was left out of the report, as it says it: rows by reason, repeats, conflicts. */
function leftOutOf(files: readonly RegisterLines[], repeats: readonly Repeat[]) {
  const reasons = new Map<string, number>();
  for (const p of files.flatMap((f) => f.problems)) reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1);
  return {
    rows: [...reasons.values()].reduce((a, b) => a + b, 0),
    reasons: [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    repeated: repeats.filter((r) => r.same).length,
    /** Of those, rows without a code, known as copies by their whole content. */
    repeatedWithoutCode: repeats.filter((r) => r.same && !r.code).length,
    conflicts: repeats
      .filter((r) => !r.same)
      .map((r) => ({ code: r.code, first: r.first, second: r.again, ...(r.units ? { units: r.units } : {}) })),
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
    ...(leftOut.repeated > 0
      ? [
          `Hồ sơ gặp hai lần, giống hệt nhau: ${n(leftOut.repeated)} (tính một lần)` +
            (leftOut.repeatedWithoutCode > 0
              ? `; trong đó ${n(leftOut.repeatedWithoutCode)} dòng không có mã hồ sơ, nhận ra là bản sao vì giống từng ô một dòng của tệp đọc trước.`
              : '.'),
        ]
      : []),
    ...(leftOut.conflicts.length > 0
      ? [`Cùng mã hồ sơ nhưng khác nội dung: ${n(leftOut.conflicts.length)} (chỉ tính dòng gặp trước; từng mã ở stderr).`]
      : []),
  ];
}

function textReport(summary: Summary, files: readonly RegisterLines[], leftOut: ReturnType<typeof leftOutOf>): string {
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

/**
 * The report over the registers, each dossier counted once: the registers' parts added up, or, when
 * a dossier is in two registers, all their rows counted together (countOnce), as the report is defined.
 */
async function countedSummary(
  registers: readonly RegisterPart[],
  from: CivilDate,
  to: CivilDate,
): Promise<{ summary: Summary; repeats: Repeat[] }> {
  const settled = await settleParts(registers, from, to);
  if (settled) {
    const { units, repeats } = unitsAndRepeats(settled);
    // Each register's units have their line, with nothing in the period too ("none" is not "not reported").
    return {
      summary: summaryOfParts(
        settled.map((r) => r.tally),
        from,
        to,
        units,
      ),
      repeats,
    };
  }
  const all: RegisterFile[] = [];
  for (const r of registers) all.push(await readPartAgain(r));
  const { records, repeats, units } = countOnce(all);
  return { summary: summarize(records, from, to, units), repeats };
}

export async function summaryCommand(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const { files, options } = splitArgs(args, ['from', 'to', 'out', 'by', 'receiver', 'reporter']);
  const values = parseOptions('summary', options, {
    from: 'string',
    to: 'string',
    json: 'boolean',
    out: 'string',
    official: 'boolean',
    by: 'string',
    receiver: 'string',
    reporter: 'string',
  });
  const from = dayOption('from', values.from);
  const to = dayOption('to', values.to);
  if (from > to) throw new UsageError(`--from ${values.from} sau --to ${values.to}: khoảng ngày phải từ ngày sớm đến ngày muộn.`);
  if (files.length === 0) throw new UsageError('Thiếu tệp sổ: summary --from … --to … FILE.xlsx [FILE.csv ...].');
  const official = values.official || values.by !== undefined || values.receiver !== undefined || values.reporter !== undefined;
  if (official && values.out === undefined) {
    throw new UsageError('--official, --by, --receiver và --reporter đi cùng --out FILE.xlsx (biểu được ghi vào tệp đó).');
  }
  if (values.by !== undefined && values.by !== 'field' && values.by !== 'agency') {
    throw new UsageError(`--by “${values.by}”: chọn field (theo lĩnh vực) hoặc agency (theo cơ quan giải quyết).`);
  }
  if (values.out !== undefined && !values.out.toLowerCase().endsWith('.xlsx')) {
    throw new UsageError(`--out “${values.out}”: tệp kết quả phải là .xlsx.`);
  }
  // Before any reading: a name taken (an input above all) or a place that cannot be written is refused.
  const outFile = values.out === undefined ? undefined : NewFile.reserve(values.out, '--out', files);
  // The same file named twice (a path and a glob, a link) is read once.
  const read = new Set<string>();
  const unique = files.filter((file) => {
    const real = realPathOf(file);
    if (read.has(real)) return false;
    read.add(real);
    return true;
  });
  const parts = await readRegisterParts(unique, from, to);
  const skipped = parts.filter((r) => r.skipped !== undefined);
  const registers = parts.filter((r) => r.skipped === undefined);
  if (registers.length === 0) {
    // Only reports or council copies: a report of zeros would say the units received nothing.
    throw new UsageError(
      `Không có sổ theo dõi hồ sơ nào để lập báo cáo: ${skipped.length === 1 ? 'tệp đã cho' : `cả ${skipped.length} tệp đã cho`} đều bị bỏ qua (${skipped.map((r) => `“${r.file}” ${r.skipped?.replace(/: không tính vào báo cáo\.$/, '')}`).join('; ')}); hãy chỉ ra tệp sổ (.xlsx có trang “${TABS.register}”, hoặc .csv, .txt) rồi chạy lại.`,
    );
  }
  const { summary: counted, repeats } = await countedSummary(registers, from, to);
  const leftOut = leftOutOf(registers, repeats);
  const summary = {
    ...counted,
    receptionRefusals: countInPeriod(
      registers.flatMap((r) => r.receptionRefusals),
      from,
      to,
    ),
  };
  if (official && summary.units.length > 1 && !values.reporter?.trim()) {
    throw new UsageError(
      `Biểu số II.06a tổng hợp ${summary.units.length} đơn vị: ghi --reporter "TÊN" là cơ quan tổng hợp báo cáo (ví dụ --reporter "Văn phòng UBND tỉnh Phú Thọ"), không lấy tên một xã.`,
    );
  }
  if (outFile !== undefined) {
    const { writeSummaryWorkbook } = await import('./summaryWorkbook');
    await writeSummaryWorkbook(
      outFile,
      summary,
      registers,
      repeats,
      official
        ? {
            grouping: values.by === 'agency' ? 'agency' : 'field',
            receivingUnit: values.receiver ?? '',
            // One unit: it reports; several: the body consolidating them (--reporter), never one of them.
            reportingUnit: values.reporter?.trim() || (summary.units[0]?.unit ?? ''),
            consolidated: summary.units.length > 1,
          }
        : undefined,
    );
  }
  // A row left out, or a code that means two dossiers: a scheduled job must notice (exit code 1).
  const code = leftOut.rows > 0 || leftOut.conflicts.length > 0 ? 1 : 0;
  const stderr = [
    ...skipped.map((r) => `${r.file}: ${r.skipped}`),
    ...registers.flatMap((r) => (r.note ? [`${r.file}: ${r.note}`] : [])),
    ...problemLines(registers, repeats),
  ].join('\n');
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
