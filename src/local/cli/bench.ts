/**
 * `npm run bench`: the figures the README quotes. Sizes and service-call counts are exact;
 * Node timings are medians of repeated runs on this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { computeDue } from '../../core/appointment';
import { WorkingCalendar } from '../../core/calendar';
import { DEFAULT_OFFICE_HOURS } from '../../core/officeHours';
import { addDays } from '../../core/civil';
import { LocalWorld } from '../gas/world';
import { runSetup } from '../../server/setup';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function benchCommand(log: (line: string) => void): void {
  if (!existsSync('dist/Code.js')) {
    const build = spawnSync(process.execPath, ['build.mjs'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stderr);
  }
  const code = readFileSync('dist/Code.js', 'utf8');
  const loads = Array.from({ length: 30 }, () => {
    const t = performance.now();
    vm.runInContext(code, vm.createContext({}));
    return performance.now() - t;
  });
  log(
    `dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB minified; cold load in a fresh V8 context: ${median(loads).toFixed(2)} ms (median of 30)`,
  );

  const world = new LocalWorld();
  const book = world.createSpreadsheetData('bench', 'admin@example.gov.vn');
  const before = world.clock.nowMs();
  world.run({ user: 'admin@example.gov.vn', spreadsheetId: book.id }, (s) => runSetup(s));
  log(
    `Thiết lập sổ: ${world.runtime.totalCalls()} service calls, ${world.runtime.counters.cellsWritten} cells written, ` +
      `${((world.clock.nowMs() - before) / 1000).toFixed(1)} s of simulated Apps Script time`,
  );

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
}
