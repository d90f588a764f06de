/**
 * The report at the seed's scale (domain.md §6): 206,757 dossiers in 18 registers (a district of
 * 12,160 and 17 communes), as CSV files for the CLI and as spreadsheets for the in-Sheets report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../../core/civil';
import { summarize, type SummaryRecord } from '../../core/summary';
import { buildSummary } from '../../server/summary/build';
import { runSetup } from '../../server/setup';
import { REGISTER_COLUMNS, TABS } from '../../sheets/schema';
import { UNITS_HEADERS } from '../../server/summary/build';
import { LocalWorld } from '../gas/world';

/** The seed's units: the district, then 17 communes sharing its commune totals. */
function seedUnits(scale = 1): { name: string; size: number }[] {
  const communes = Array.from({ length: 17 }, (_, i) => ({
    name: `UBND xã ${i + 1}`,
    size: (Math.floor(194_597 / 17) + (i < 194_597 % 17 ? 1 : 0)) * scale,
  }));
  return [{ name: 'UBND huyện Yên Lạc', size: 12_160 * scale }, ...communes];
}

/** Row i of a register: received over 2018–2020, mostly early or on time, a few open, stopped or late. */
function rowOf(unit: string, i: number): { status: string; channel: string; received: string; due: string; end: string } {
  const received = addDays('2018-01-02', i % 900);
  const due = addDays(received, 5);
  const roll = i % 100;
  const status = roll === 0 ? 'Đang giải quyết' : roll === 1 ? 'Dừng giải quyết' : 'Đã trả kết quả';
  const end =
    status === 'Đang giải quyết'
      ? ''
      : roll < 12
        ? addDays(received, 2)
        : roll === 99 && unit.includes('xã 1')
          ? addDays(due, 3)
          : due;
  return { status, channel: i % 4 === 0 ? 'Trực tuyến' : 'Trực tiếp', received, due, end };
}

/**
 * A code as the provincial system issues it (agency code, day of receipt, number of the day): the
 * seed's unit number stands in its agency code, and the row's place among the day's rows for the number.
 */
function seedCode(unit: number, received: string, i: number): string {
  const agency = `H15.50.${String(unit + 1).padStart(2, '0')}`;
  return `${agency}-${received.slice(2).replace(/-/g, '')}-${String(Math.floor(i / 900) + 1).padStart(4, '0')}`;
}

function seedCsvFiles(dir: string, scale = 1): string[] {
  return seedUnits(scale).map((u, unit) => {
    const lines = [
      'Mã hồ sơ,Đơn vị tiếp nhận,Lĩnh vực,Tên thủ tục,Hình thức nộp,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,Ngày có kết quả',
    ];
    for (let i = 0; i < u.size; i += 1) {
      const r = rowOf(u.name, i);
      lines.push(
        `${seedCode(unit, r.received, i)},${u.name},Hộ tịch,Đăng ký khai sinh,${r.channel},${r.received} 08:00,${r.due} 17:00,${r.status},${r.end}`,
      );
    }
    const file = join(dir, `${u.name.replace(/\s+/g, '-')}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  });
}

/** Records the peak memory of the process it is loaded into (`--require`; its threads' included, written once by the main one), on fd 3, as it exits. */
const PEAK_MEMORY_PROBE = `if (require('worker_threads').isMainThread) process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });`;

/** The CLI run as an IT officer runs it, one process, parsing included: wall time and peak memory (all threads). */
function timedCli(
  dir: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): { ms: number; peakMiB: number; stdout: string } {
  const probe = join(dir, 'peak-memory.cjs');
  writeFileSync(probe, PEAK_MEMORY_PROBE);
  const t = performance.now();
  const run = spawnSync(process.execPath, [...nodeFlags, '--require', probe, 'scripts/cli.mjs', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`bench: ${args[0]} failed: ${run.stderr}`);
  return { ms, peakMiB: Number(run.output[3] ?? 0) / 1024, stdout: run.stdout };
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The seed's period (domain.md §6). */
const FROM = '2018-01-01';
const TO = '2020-06-30';

/** The report's figures, and what the formula baseline needs to run on the same registers. */
export interface SeedReport {
  readonly figures: Record<string, unknown>;
  readonly files: readonly string[];
  readonly from: string;
  readonly to: string;
  /** What `summary --json` printed. */
  readonly json: string;
}

export function benchSummary(log: (line: string) => void): SeedReport {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-seed-'));
  const files = seedCsvFiles(dir);
  // The CLI as an IT officer runs it, files to JSON, one process, parsing included.
  const args = ['summary', '--from', FROM, '--to', TO, '--json', ...files];
  timedCli(dir, args); // warm the bundle and the file cache
  const runs = Array.from({ length: 5 }, () => timedCli(dir, args));
  const json = runs[0]?.stdout ?? '';
  const wall = medianOf(runs.map((r) => r.ms));
  const peak = Math.max(...runs.map((r) => r.peakMiB));
  process.env.MOTCUA_THREADS = '1';
  const oneThread = medianOf(Array.from({ length: 3 }, () => timedCli(dir, args).ms));
  delete process.env.MOTCUA_THREADS;
  // A check of one 200,000-row register (the seed's rows in one file).
  const big = join(dir, 'so-200000-dong.csv');
  const lines = files.map((f) => readFileSync(f, 'utf8').trimEnd().split('\n'));
  writeFileSync(big, `${[lines[0]?.[0] ?? '', ...lines.flatMap((l) => l.slice(1))].slice(0, 200_001).join('\n')}\n`);
  const check = Array.from({ length: 3 }, () => timedCli(dir, ['check', big]));
  // The aggregation alone, on the records in memory.
  const records: SummaryRecord[] = seedUnits().flatMap((u) =>
    Array.from({ length: u.size }, (_, i) => {
      const r = rowOf(u.name, i);
      return {
        unit: u.name,
        field: 'Hộ tịch',
        procedureName: 'Đăng ký khai sinh',
        status: r.status as SummaryRecord['status'],
        channel: r.channel as SummaryRecord['channel'],
        receivedDate: r.received,
        dueDate: r.due,
        ...(r.end ? { endDate: r.end } : {}),
        supplementCount: 0,
      };
    }),
  );
  const aggregate = Array.from({ length: 5 }, () => {
    const t = performance.now();
    summarize(records, FROM, TO);
    return performance.now() - t;
  }).sort((a, b) => a - b);
  log(
    `Report at the seed's scale (${records.length.toLocaleString('en-US')} dossiers, 18 CSV registers): CLI summary --json end to end ${Math.round(wall)} ms (median of 5; ${Math.round(oneThread)} ms on one thread, MOTCUA_THREADS=1), peak memory ${Math.round(peak)} MiB; aggregation alone ${Math.round(aggregate[2] ?? 0)} ms (median of 5)`,
  );
  log(
    `check of one ${(200_000).toLocaleString('en-US')}-row CSV register: ${Math.round(medianOf(check.map((c) => c.ms)))} ms (median of 3), peak memory ${Math.round(Math.max(...check.map((c) => c.peakMiB)))} MiB`,
  );
  // Ten times the seed: nothing kept per dossier (registerParts.ts). Node's default heap grows with the
  // work done, not with what is live; held small (old generation 16 MB, young 2 MB a half, one thread),
  // the same report needs the same memory at ten and twenty times the seed: only the filter of dossiers
  // met before grows with them, to its 32 MB.
  const tenDir = mkdtempSync(join(tmpdir(), 'motcua-seed10-'));
  const tenFiles = seedCsvFiles(tenDir, 10);
  const tenArgs = ['summary', '--from', FROM, '--to', TO, '--json', ...tenFiles];
  const ten = timedCli(tenDir, tenArgs);
  const tenDossiers = seedUnits(10).reduce((n, u) => n + u.size, 0);
  const tenMegabytes = Math.round(tenFiles.reduce((n, f) => n + statSync(f).size, 0) / 1024 / 1024);
  const SMALL_HEAP = ['--max-old-space-size=16', '--max-semi-space-size=2'];
  process.env.MOTCUA_THREADS = '1';
  const seedSmall = timedCli(dir, args, SMALL_HEAP);
  const tenSmall = timedCli(tenDir, tenArgs, SMALL_HEAP);
  rmSync(tenDir, { recursive: true, force: true });
  const twentyDir = mkdtempSync(join(tmpdir(), 'motcua-seed20-'));
  const twentyFiles = seedCsvFiles(twentyDir, 20);
  const twentySmall = timedCli(twentyDir, ['summary', '--from', FROM, '--to', TO, '--json', ...twentyFiles], SMALL_HEAP);
  rmSync(twentyDir, { recursive: true, force: true });
  delete process.env.MOTCUA_THREADS;
  if (seedSmall.stdout !== json || tenSmall.stdout !== ten.stdout) throw new Error('bench: the report differs with a small heap');
  const twentyTotal = (JSON.parse(twentySmall.stdout) as { total: { received: { total: number } } }).total.received.total;
  const tenTotal = (JSON.parse(ten.stdout) as { total: { received: { total: number } } }).total.received.total;
  if (twentyTotal !== 2 * tenTotal) throw new Error(`bench: 20× the seed received ${twentyTotal}, not twice ${tenTotal}`);
  log(
    `Report at 10× the seed (${tenDossiers.toLocaleString('en-US')} dossiers in 18 CSV registers, ${tenMegabytes} MB): ${(ten.ms / 1000).toFixed(1)} s end to end, peak memory ${Math.round(ten.peakMiB)} MiB`,
  );
  log(
    `With the heap held small (node ${SMALL_HEAP.join(' ')}, one thread): the seed ${Math.round(seedSmall.peakMiB)} MiB (${(seedSmall.ms / 1000).toFixed(1)} s), 10× ${Math.round(tenSmall.peakMiB)} MiB (${(tenSmall.ms / 1000).toFixed(1)} s), 20× ${Math.round(twentySmall.peakMiB)} MiB (${(twentySmall.ms / 1000).toFixed(1)} s); same figures as with the default heap`,
  );

  // In Sheets: an oversight workbook whose Đơn vị tab lists the 18 registers.
  const world = new LocalWorld(new Date('2020-07-01T02:00:00Z'));
  const officer = 'vanphong@yenlac.gov.vn';
  const ids = seedUnits().map((u) => {
    const book = world.createSpreadsheetData(`Sổ – ${u.name}`, officer);
    world.run({ user: officer, spreadsheetId: book.id }, (s) => {
      const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
      sheet.setName(TABS.register);
      sheet.insertColumnsAfter(sheet.getMaxColumns(), REGISTER_COLUMNS.length - sheet.getMaxColumns());
      sheet.insertRowsAfter(sheet.getMaxRows(), u.size + 1 - sheet.getMaxRows() + 50);
      sheet.getRange(1, 1, 1, REGISTER_COLUMNS.length).setValues([[...REGISTER_COLUMNS]]);
      const c = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h);
      const rows = Array.from({ length: u.size }, (_, i) => {
        const r = rowOf(u.name, i);
        const row: (string | Date)[] = Array(REGISTER_COLUMNS.length).fill('');
        row[c('Mã hồ sơ')] = `H${i}`;
        row[c('Đơn vị tiếp nhận')] = u.name;
        row[c('Hình thức nộp')] = r.channel;
        row[c('Thời điểm tiếp nhận')] = new Date(`${r.received}T01:00:00Z`);
        row[c('Hạn trả kết quả')] = new Date(`${r.due}T10:00:00Z`);
        row[c('Trạng thái')] = r.status;
        if (r.end) row[c('Ngày có kết quả')] = new Date(`${r.end}T00:00:00Z`);
        return row;
      });
      sheet.getRange(2, 1, rows.length, REGISTER_COLUMNS.length).setValues(rows);
    });
    return book.id;
  });
  const hub = world.createSpreadsheetData('Tổng hợp huyện', officer);
  world.run({ user: officer, spreadsheetId: hub.id }, (s) => {
    runSetup(s);
    const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
    const tab = ss.insertSheet(TABS.units);
    tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
    tab
      .getRange(2, 1, ids.length, 3)
      .setValues(seedUnits().map((u, i) => [u.name, i === 0 ? 'Cấp huyện' : 'Cấp xã', ids[i] ?? '']));
  });
  world.runtime.resetCounters();
  const t0 = world.clock.nowMs();
  const answer = world.run({ user: officer, context: 'editor', spreadsheetId: hub.id }, (s) =>
    buildSummary(s, { from: FROM, to: TO, scope: 'units' }),
  );
  if (!answer.ok) throw new Error(`bench: in-Sheets report refused: ${answer.message}`);
  const inSheets = {
    calls: world.runtime.totalCalls(),
    cellsRead: world.runtime.counters.cellsRead,
    simulatedMs: Math.round(world.clock.nowMs() - t0),
  };
  log(
    `Report in Sheets over the same 18 registers: ${world.runtime.totalCalls()} calls, ${world.runtime.counters.cellsRead.toLocaleString('en-US')} cells read, ` +
      `${((world.clock.nowMs() - t0) / 1000).toFixed(1)} s simulated in one execution (${answer.message.slice(0, 60)}…)`,
  );
  return {
    figures: {
      dossiers: records.length,
      registers: 18,
      cliEndToEndMs: Math.round(wall),
      cliOneThreadMs: Math.round(oneThread),
      cliPeakMiB: Math.round(peak),
      check200000: {
        ms: Math.round(medianOf(check.map((c) => c.ms))),
        peakMiB: Math.round(Math.max(...check.map((c) => c.peakMiB))),
      },
      tenTimesSeed: { dossiers: tenDossiers, ms: Math.round(ten.ms), peakMiB: Math.round(ten.peakMiB) },
      smallHeap: {
        nodeFlags: SMALL_HEAP,
        seed: { ms: Math.round(seedSmall.ms), peakMiB: Math.round(seedSmall.peakMiB) },
        tenTimesSeed: { ms: Math.round(tenSmall.ms), peakMiB: Math.round(tenSmall.peakMiB) },
        twentyTimesSeed: { ms: Math.round(twentySmall.ms), peakMiB: Math.round(twentySmall.peakMiB) },
      },
      aggregationMs: Math.round(aggregate[2] ?? 0),
      inSheets,
    },
    files,
    from: FROM,
    to: TO,
    json,
  };
}
