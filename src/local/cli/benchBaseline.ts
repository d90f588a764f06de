/**
 * The bench line of the clerk's formula baseline (formulaBaseline.ts): the same CSV registers the
 * CLI summarised, as one workbook of COUNTIFS / SUMPRODUCT formulas recalculated by LibreOffice Calc
 * headless; its figures checked against MotCua's for every unit and the total, its time against
 * MotCua's, with and without LibreOffice's own start-up (measured on an empty workbook).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import {
  BASELINE_COLUMNS,
  baselineDifferences,
  clerkRegisterFromCsv,
  readBaselineCsv,
  writeClerkWorkbook,
} from './formulaBaseline';
import { INSTALL_HINT, LibreOffice, libreOfficeVersion } from './libreOffice';

export interface BaselineInput {
  /** The CSV registers, one unit each. */
  readonly files: readonly string[];
  readonly from: string;
  readonly to: string;
  /** A second period checked once (not timed), e.g. one with dossiers carried over and still open. */
  readonly subPeriod?: { readonly from: string; readonly to: string };
  /** What `summary --json` printed for the same files and period. */
  readonly motcuaJson: string;
  /** MotCua's times to compare with (ms): the CLI end to end and the aggregation alone. */
  readonly cliMs: number;
  readonly aggregationMs: number;
}

function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const times = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)}×`;

/**
 * Runs the baseline `runs` times (after one unmeasured run that creates LibreOffice's profile, unless
 * `profile` names one already made: a LibreOffice start saved) and logs one line; without `soffice`,
 * says so and how to install it. `ok` is false when a figure differs from MotCua's or a line was not
 * recalculated.
 */
export async function benchFormulaBaseline(
  input: BaselineInput,
  log: (line: string) => void,
  options: { readonly soffice?: string; readonly runs?: number; readonly profile?: string } = {},
): Promise<{ ok: boolean; figures: Record<string, unknown> }> {
  const command = options.soffice ?? 'soffice';
  const version = libreOfficeVersion(command);
  if (!version) {
    log(
      `Formula baseline (COUNTIFS/SUMPRODUCT recalculated by LibreOffice Calc): skipped, \`${command}\` not found; ` +
        `install it with \`${INSTALL_HINT}\` (Debian, Ubuntu) and run npm run bench again`,
    );
    return { ok: true, figures: { skipped: `no ${command}`, install: INSTALL_HINT } };
  }
  try {
    return await measure(command, version, input, log, options.runs ?? 3, options.profile);
  } catch (e) {
    // The rest of the bench still stands; the line says what broke.
    const message = e instanceof Error ? e.message : String(e);
    log(`Formula baseline: FAILED, ${message}`);
    return { ok: false, figures: { engine: version, error: message } };
  }
}

async function measure(
  command: string,
  version: string,
  input: BaselineInput,
  log: (line: string) => void,
  runs: number,
  profile: string | undefined,
): Promise<{ ok: boolean; figures: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-formulas-'));
  const t = performance.now();
  const registers = input.files.map(clerkRegisterFromCsv);
  const workbook = join(dir, 'tong-hop-bang-cong-thuc.xlsx');
  await writeClerkWorkbook(registers, input.from, input.to, workbook);
  const writeMs = performance.now() - t;
  const dataOnly = join(dir, 'du-lieu-khong-cong-thuc.xlsx');
  await writeClerkWorkbook(registers, input.from, input.to, dataOnly, false);
  const empty = join(dir, 'trong.xlsx');
  const blank = new ExcelJS.Workbook();
  blank.addWorksheet('Trang tính 1');
  await blank.xlsx.writeFile(empty);

  const office = new LibreOffice(command, profile ?? join(dir, 'profile'));
  const out = join(dir, 'out');
  if (!profile) office.toCsv(empty, out); // creates the profile: not measured
  const problems = new Set<string>();
  const [startups, loads, recalcs] = [[], [], []] as [number[], number[], number[]];
  // Round by round, so a busy moment of a shared machine weighs on all three alike.
  for (let run = 0; run < runs; run += 1) {
    startups.push(office.toCsv(empty, out).ms);
    loads.push(office.toCsv(dataOnly, out).ms);
    const { csv, ms } = office.toCsv(workbook, out);
    recalcs.push(ms);
    const read = readBaselineCsv(readFileSync(csv, 'utf8'));
    // Each line's row count was written with a cached -1: only a recalculation shows the rows.
    read.units.forEach((line, i) => {
      const rows = registers[i]?.rows.length;
      if (line.rowsCounted !== rows) problems.add(`${line.unit}: not recalculated (Số dòng ${line.rowsCounted}, rows ${rows})`);
    });
    for (const d of baselineDifferences(read, input.motcuaJson)) problems.add(d);
  }
  // The seed's whole range has no dossier carried over or still open: a half-year inside it has both,
  // so the formulas for those columns are compared too (once, not timed).
  const sub = input.subPeriod ? await subPeriodCheck(office, registers, input, input.subPeriod, dir, out) : undefined;
  for (const d of sub?.differences ?? []) problems.add(`${input.subPeriod?.from}–${input.subPeriod?.to}: ${d}`);
  const total = median(recalcs);
  const startup = median(startups);
  const bare = Math.max(0, total - startup);
  const load = median(loads);
  const rows = registers.reduce((n, r) => n + r.rows.length, 0);
  const summaryFormulas = registers.length * (BASELINE_COLUMNS.length + 1) + BASELINE_COLUMNS.length + 1;
  const verdict =
    problems.size === 0
      ? `figures equal MotCua's for all ${registers.length} units and the total`
      : `FAILED: ${problems.size} figure(s) differ from MotCua's or were not recalculated`;
  const engine = version.replace(/^LibreOffice\s*/, '').replace(/\s.*/, '');
  log(
    `Formula baseline (the clerk's COUNTIFS/SUMPRODUCT over the same ${registers.length} registers, LibreOffice ${engine} headless): ` +
      `${Math.round(total)} ms to open, recalculate and write CSV (median of ${runs}), ${Math.round(bare)} ms without LibreOffice's start-up; ` +
      `${times(total / input.cliMs)} MotCua's CLI end to end (${times(bare / input.cliMs)} without start-up), ` +
      `${times(total / input.aggregationMs)} its aggregation alone (${times(bare / input.aggregationMs)}); ${verdict}`,
  );
  log(
    `  (${rows.toLocaleString('en-US')} rows in one .xlsx, ${summaryFormulas} formula cells in its Tổng hợp and one helper formula a row; ` +
      `LibreOffice on an empty workbook ${Math.round(startup)} ms, on the same workbook without its formulas ${Math.round(load)} ms; ` +
      `writing the workbook with exceljs ${Math.round(writeMs)} ms, not counted)`,
  );
  if (sub && input.subPeriod) {
    log(
      `  Also ${input.subPeriod.from}–${input.subPeriod.to} (carried over ${sub.carriedOver.toLocaleString('en-US')}, in progress at ` +
        `its end ${sub.inProgress.toLocaleString('en-US')}, of which overdue ${sub.overdue.toLocaleString('en-US')}): ` +
        `${sub.differences.length === 0 ? "figures equal MotCua's" : `${sub.differences.length} figure(s) differ`}`,
    );
  }
  for (const p of problems) log(`  ${p}`);
  // Kept to look into when the figures differ; else 40 MB of temporary files.
  if (problems.size > 0) log(`  The clerk's workbook: ${workbook}`);
  else rmSync(dir, { recursive: true, force: true });
  return {
    ok: problems.size === 0,
    figures: {
      engine: version,
      registers: registers.length,
      rows,
      summaryFormulas,
      helperFormulas: rows,
      runs,
      libreOfficeMs: Math.round(total),
      libreOfficeStartupMs: Math.round(startup),
      libreOfficeWithoutStartupMs: Math.round(bare),
      libreOfficeDataWithoutFormulasMs: Math.round(load),
      workbookWriteMs: Math.round(writeMs),
      matchesMotCua: problems.size === 0,
      ...(sub
        ? { subPeriod: { ...input.subPeriod, carriedOver: sub.carriedOver, inProgress: sub.inProgress, overdue: sub.overdue } }
        : {}),
      differences: [...problems],
      ratioToCliEndToEnd: Number((total / input.cliMs).toFixed(2)),
      ratioToCliWithoutStartup: Number((bare / input.cliMs).toFixed(2)),
      ratioToAggregation: Number((total / input.aggregationMs).toFixed(1)),
      ratioToAggregationWithoutStartup: Number((bare / input.aggregationMs).toFixed(1)),
    },
  };
}

async function subPeriodCheck(
  office: LibreOffice,
  registers: ReturnType<typeof clerkRegisterFromCsv>[],
  input: BaselineInput,
  period: { readonly from: string; readonly to: string },
  dir: string,
  out: string,
): Promise<{ differences: string[]; carriedOver: number; inProgress: number; overdue: number }> {
  const cli = spawnSync(
    process.execPath,
    ['scripts/cli.mjs', 'summary', '--from', period.from, '--to', period.to, '--json', ...input.files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (cli.status !== 0) {
    return { differences: [`summary --json failed: ${cli.stderr.slice(0, 200)}`], carriedOver: 0, inProgress: 0, overdue: 0 };
  }
  const { total } = JSON.parse(cli.stdout) as {
    total: { received: { carriedOver: number }; inProgress: { total: number; overdue: number } };
  };
  const workbook = join(dir, 'ky-con.xlsx');
  await writeClerkWorkbook(registers, period.from, period.to, workbook);
  const read = readBaselineCsv(readFileSync(office.toCsv(workbook, out).csv, 'utf8'));
  return {
    differences: baselineDifferences(read, cli.stdout),
    carriedOver: total.received.carriedOver,
    inProgress: total.inProgress.total,
    overdue: total.inProgress.overdue,
  };
}
