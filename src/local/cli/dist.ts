/** The built Apps Script files (`dist/`): what the demo and the bench load, built when missing. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BUILT = ['Code.js', 'intake.html', 'update.html', 'qr.html'];

export function ensureDist(): string {
  if (BUILT.some((file) => !existsSync(`dist/${file}`))) {
    const build = spawnSync(process.execPath, ['build.mjs'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stderr);
  }
  return 'dist';
}
