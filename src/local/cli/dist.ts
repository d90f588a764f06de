/**
 * The built Apps Script files (`dist/`): what the demo and the bench load, built when missing. Found
 * from this code's own place (the bundle in dist-cli/, or src/local/cli under the tests), not from the
 * folder the CLI is called from, so `demo` runs from anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const BUILT = ['Code.js', 'intake.html', 'update.html', 'qr.html'];

/** The project's folder: the nearest one above this code that holds build.mjs. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'build.mjs'))) return dir;
    if (dirname(dir) === dir) throw new Error(`build.mjs not found above ${__dirname}`);
  }
}

export function ensureDist(): string {
  const root = projectRoot();
  const dist = join(root, 'dist');
  if (BUILT.some((file) => !existsSync(join(dist, file)))) {
    const build = spawnSync(process.execPath, [join(root, 'build.mjs')], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stderr);
  }
  return dist;
}
