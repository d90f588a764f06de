/**
 * `npm run bench`: the figures the README quotes. Sizes and service-call counts are exact;
 * Node timings are medians of repeated runs on this machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureDist } from './dist';
import { benchSummary } from './benchSummary';
import { benchReconcile } from './benchReconcile';
import { benchFormulaBaseline } from './benchBaseline';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { computeDue } from '../../core/appointment';
import { WorkingCalendar } from '../../core/calendar';
import { DEFAULT_OFFICE_HOURS } from '../../core/officeHours';
import { addDays } from '../../core/civil';
import { LocalWorld } from '../gas/world';
import { runSetup } from '../../server/setup';
import { intakeContext, submitIntake } from '../../server/intake';
import { lookupDossier, submitUpdate } from '../../server/update';
import { runDeadlineCheck } from '../../server/warnings/check';
import type { Services } from '../../gas/services';
import { LOG_COLUMNS, REGISTER_COLUMNS, TABS } from '../../sheets/schema';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** What `npm run bench` measured, as `reports/bench.json` holds it (one key a line of the printout). */
type BenchFigures = Record<string, unknown>;

/** Runs the bench; 1 when the formula baseline's figures differ from MotCua's, else 0. */
export async function benchCommand(log: (line: string) => void): Promise<number> {
  const figures: BenchFigures = { measuredAt: new Date().toISOString(), node: process.version };
  const code = readFileSync(`${ensureDist()}/Code.js`, 'utf8');
  const loads = Array.from({ length: 30 }, () => {
    const t = performance.now();
    vm.runInContext(code, vm.createContext({}));
    return performance.now() - t;
  });
  figures.codeJs = {
    kilobytes: Number((Buffer.byteLength(code) / 1024).toFixed(1)),
    coldLoadMs: Number(median(loads).toFixed(2)),
  };
  log(
    `dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB minified; cold load in a fresh V8 context: ${median(loads).toFixed(2)} ms (median of 30)`,
  );

  const world = new LocalWorld();
  const book = world.createSpreadsheetData('bench', 'admin@example.gov.vn');
  const before = world.clock.nowMs();
  world.run({ user: 'admin@example.gov.vn', spreadsheetId: book.id }, (s) => runSetup(s));
  figures.setup = {
    calls: world.runtime.totalCalls(),
    cellsWritten: world.runtime.counters.cellsWritten,
    simulatedMs: Math.round(world.clock.nowMs() - before),
  };
  log(
    `Thiết lập sổ: ${world.runtime.totalCalls()} service calls, ${world.runtime.counters.cellsWritten} cells written, ` +
      `${((world.clock.nowMs() - before) / 1000).toFixed(1)} s of simulated Apps Script time`,
  );

  const scans: string[] = [];
  const registers: Record<string, unknown>[] = [];
  for (const size of [100, 5000, 20000]) {
    const w = new LocalWorld(new Date('2026-03-02T02:00:00Z'));
    const b = w.createSpreadsheetData(`bench-${size}`, 'admin@example.gov.vn');
    const as = <T>(fn: (s: Services) => T) =>
      w.run({ user: 'admin@example.gov.vn', context: 'sidebar', spreadsheetId: b.id }, fn);
    as((s) => {
      runSetup(s);
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      ss.getSheetByName(TABS.config)!
        .getRange(2, 2, 2, 1)
        .setValues([['UBND xã Thử'], ['000.17.22.H56']]);
      const register = ss.getSheetByName(TABS.register)!;
      register.insertRowsAfter(register.getMaxRows(), size);
      runSetup(s); // stretches the column formats over the new rows, as an officer would
      const received = new Date('2026-02-02T02:00:00Z');
      const rows = Array.from({ length: size }, (_, i) => {
        const byHeader: Record<string, string | number | Date> = {
          STT: i + 1,
          'Mã hồ sơ': `000.17.22.H56-260202-${String(i + 1).padStart(4, '0')}`,
          'Mã TTHC': '1.004194',
          'Tên thủ tục': 'Đăng ký thường trú',
          'Hình thức nộp': 'Trực tiếp',
          'Thời điểm tiếp nhận': received,
          'Hạn trả kết quả': new Date('2026-02-11T10:00:00Z'),
          'Trạng thái': 'Đang giải quyết',
          'Người nộp': `Người nộp ${i}`,
          // As intake leaves it: the key of the request that wrote the row.
          'Mã yêu cầu': `intake:bench-row-${String(i).padStart(8, '0')}:abc`,
        };
        return REGISTER_COLUMNS.map((h) => byHeader[h] ?? '');
      });
      register.getRange(2, 1, size, REGISTER_COLUMNS.length).setValues(rows);
      // Three events a dossier in the log, as a register that has been used has.
      const log = ss.getSheetByName(TABS.log)!;
      const events = size * 3;
      log.insertRowsAfter(log.getMaxRows(), events);
      log.getRange(2, 1, events, LOG_COLUMNS.length).setValues(
        Array.from({ length: events }, (_, i) => {
          const byHeader: Record<string, string | Date> = {
            'Thời điểm': received,
            'Người thực hiện': 'canbo@example.gov.vn',
            'Mã hồ sơ': `000.17.22.H56-260202-${String(Math.floor(i / 3) + 1).padStart(4, '0')}`,
            'Thao tác': 'Tiếp nhận hồ sơ',
            'Trạng thái sau': 'Đang giải quyết',
            'Mã yêu cầu': `intake:bench-${String(i).padStart(8, '0')}:abc`,
          };
          return LOG_COLUMNS.map((h) => byHeader[h] ?? '');
        }),
      );
    });
    // As an officer does: the form is opened (it reads the unit's tables), then submitted.
    const form = as((s) => intakeContext(s));
    w.runtime.resetCounters();
    const t0 = w.clock.nowMs();
    const taken = as((s) =>
      submitIntake(s, {
        requestId: 'bench-intake-1',
        procedureCode: '1.004194',
        applicantName: 'Nguyễn Văn A',
        idNumber: '',
        address: '',
        phone: '',
        email: '',
        channel: 'Trực tiếp',
        receivedAt: '2026-03-02T08:30',
        tables: form.tablesVersion,
        receiverName: 'Lê Thị Thu',
        handler: '',
        documents: '',
        note: '',
      }),
    );
    // A refused call would be measured as fast: the bench only counts what was written.
    if (!taken.ok) throw new Error(`bench intake refused: ${JSON.stringify(taken.errors)}`);
    const intakeCalls = w.runtime.totalCalls();
    const intakeMs = w.clock.nowMs() - t0;
    const shown = as((s) => lookupDossier(s, '000.17.22.H56-260202-0001'));
    w.runtime.resetCounters();
    const t1 = w.clock.nowMs();
    const updated = as((s) =>
      submitUpdate(s, {
        requestId: 'bench-update-1',
        code: '000.17.22.H56-260202-0001',
        ...(shown.ok ? { tables: shown.dossier.tablesVersion } : {}),
        action: 'record-result',
        at: '2026-03-02T09:00',
      }),
    );
    if (!updated.ok) throw new Error(`bench update refused: ${JSON.stringify(updated.errors)}`);
    const updateCalls = w.runtime.totalCalls();
    const updateMs = w.clock.nowMs() - t1;
    // The daily deadline check over the whole register (every dossier open, overdue since February).
    w.runtime.resetCounters();
    const t2 = w.clock.nowMs();
    const check = w.run({ user: 'admin@example.gov.vn', context: 'trigger', spreadsheetId: b.id }, (s) =>
      runDeadlineCheck(s, { mail: true, startedMs: s.clock.now().getTime() }),
    );
    registers.push({
      rows: size,
      intake: { calls: intakeCalls, simulatedMs: Math.round(intakeMs) },
      update: { calls: updateCalls, simulatedMs: Math.round(updateMs) },
      dailyCheck: {
        calls: w.runtime.totalCalls(),
        cellsRead: w.runtime.counters.cellsRead,
        cellsWritten: w.runtime.counters.cellsWritten,
        simulatedMs: Math.round(w.clock.nowMs() - t2),
      },
    });
    scans.push(
      `${size.toLocaleString('en-US')} open: ${w.runtime.totalCalls()} calls, ${w.runtime.counters.cellsRead.toLocaleString('en-US')} cells read, ` +
        `${w.runtime.counters.cellsWritten.toLocaleString('en-US')} written, ${((w.clock.nowMs() - t2) / 1000).toFixed(2)} s simulated (${check.counts.overdue.toLocaleString('en-US')} overdue)`,
    );
    log(
      `Register of ${size.toLocaleString('en-US')} rows: one intake ${intakeCalls} service calls (${Math.round(intakeMs)} ms simulated), ` +
        `one update ${updateCalls} calls (${Math.round(updateMs)} ms simulated)`,
    );
  }
  log(`Daily deadline check (Cảnh báo column written, run logged): ${scans.join('; ')}`);
  figures.registers = registers;

  figures.reconcile = benchReconcile(log);
  const report = benchSummary(log);
  figures.report = report.figures;
  // The clerk's COUNTIFS/SUMPRODUCT workbook over the same CSV registers, recalculated by LibreOffice.
  const baseline = await benchFormulaBaseline(
    {
      files: report.files,
      from: report.from,
      to: report.to,
      motcuaJson: report.json,
      // An official half-year (15/12–14/6) inside the seed's range: dossiers carried over and still open.
      subPeriod: { from: '2019-12-15', to: '2020-06-14' },
      cliMs: Number(report.figures.cliEndToEndMs),
      aggregationMs: Number(report.figures.aggregationMs),
    },
    log,
  );
  figures.formulaBaseline = baseline.figures;

  const calendar = new WorkingCalendar();
  const ctx = { calendar, officeHours: DEFAULT_OFFICE_HOURS };
  const n = 100_000;
  const runs = Array.from({ length: 5 }, () => {
    const t = performance.now();
    for (let i = 0; i < n; i += 1) {
      computeDue({ unit: 'ngày làm việc', value: 1 + (i % 20) }, { date: addDays('2018-01-01', i % 3000), minute: 600 }, ctx);
    }
    return performance.now() - t;
  });
  log(`Appointment dates: ${n.toLocaleString('en-US')} computed in ${median(runs).toFixed(0)} ms (median of 5)`);
  figures.appointments = { count: n, ms: Math.round(median(runs)) };

  // The CLI as an IT officer meets it: a whole `node scripts/cli.mjs due …` process, bundle up to date.
  const due = ['scripts/cli.mjs', 'due', '--received', '2026-03-06 15:10', '--period', 'same-day'];
  const spawnMs = (args: string[]) => {
    const t = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench: node ${args.join(' ')} failed: ${run.stderr}`);
    return performance.now() - t;
  };
  spawnMs(due); // rebuilds the bundle if a source changed since
  const starts = Array.from({ length: 21 }, () => spawnMs(due));
  const bare = Array.from({ length: 21 }, () => spawnMs(['-e', '0']));
  log(
    `CLI start-up (node scripts/cli.mjs due …): ${median(starts).toFixed(0)} ms, of which Node itself ${median(bare).toFixed(0)} ms (medians of 21)`,
  );
  figures.cliStartMs = { due: Math.round(median(starts)), node: Math.round(median(bare)) };
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify(figures, null, 2)}\n`);
  log('Figures written to reports/bench.json');
  return baseline.ok ? 0 : 1;
}
