/**
 * Issue 18's budget: an export of 100,000 rows reconciled against a register of the same size,
 * `reconcile --json` end to end in the CLI (both files parsed). The register is a CSV (as the
 * seed's report bench); the export is in the provincial column style, with a difference in one
 * dossier of a hundred.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../../core/civil';
import type { DossierStatus } from '../../core/dossier';
import { sampleExportCsv, type SampleDossier } from './provincialSample';

const SIZE = 100_000;

/** A national code: 300 days of about 334 dossiers each, every (day, sequence) once. */
function dossierOf(i: number): SampleDossier {
  const received = addDays('2026-01-05', i % 300);
  const status: DossierStatus = i % 10 === 0 ? 'Đang giải quyết' : 'Đã trả kết quả';
  const appointment = addDays(received, 5);
  return {
    code: `000.17.22.H56-${received.slice(2, 4)}${received.slice(5, 7)}${received.slice(8, 10)}-${String(Math.floor(i / 300) + 1).padStart(4, '0')}`,
    procedureName: 'Chứng thực bản sao từ bản chính',
    receivedAt: `${received} 08:00`,
    status,
    appointment,
    ...(status === 'Đã trả kết quả' ? { resultAt: addDays(received, 3), returnedAt: addDays(received, 4) } : {}),
  };
}

export function benchReconcile(log: (line: string) => void): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-reconcile-'));
  const dossiers = Array.from({ length: SIZE }, (_, i) => dossierOf(i));
  const register = [
    'Mã hồ sơ,Tên thủ tục,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,Ngày có kết quả,Ngày trả kết quả',
    ...dossiers.map(
      (d) =>
        `${d.code},${d.procedureName},${d.receivedAt},${d.appointment} 17:00,${d.status},${d.resultAt ?? ''},${d.returnedAt ?? ''}`,
    ),
  ];
  const registerFile = join(dir, 'so.csv');
  writeFileSync(registerFile, `${register.join('\n')}\n`);
  const exportFile = join(dir, 'xuat-tinh.csv');
  // One dossier in a hundred still open on the provincial side: the "trễ hạn ảo" the issue counts.
  writeFileSync(
    exportFile,
    sampleExportCsv(dossiers.map((d, i) => (i % 100 === 1 ? { ...d, status: 'Đang giải quyết', returnedAt: undefined } : d))),
  );
  const args = ['scripts/cli.mjs', 'reconcile', registerFile, exportFile, '--json'];
  spawnSync(process.execPath, args, { encoding: 'utf8' }); // warm the bundle
  let different = 0;
  const times = Array.from({ length: 3 }, () => {
    const t = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 1) throw new Error(`bench: reconcile failed: ${run.stderr}`);
    different = (JSON.parse(run.stdout) as { summary: { different: number } }).summary.different;
    return performance.now() - t;
  }).sort((a, b) => a - b);
  const ms = Math.round(times[1] ?? 0);
  log(
    `Reconcile ${SIZE.toLocaleString('en-US')} register rows with a ${SIZE.toLocaleString('en-US')}-row provincial export (CSV): CLI reconcile --json end to end ${ms} ms (median of 3; budget 2,000 ms), ${different.toLocaleString('en-US')} differences`,
  );
  return { rows: SIZE, cliEndToEndMs: ms, differences: different };
}
