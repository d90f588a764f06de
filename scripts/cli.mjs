// Runs the MotCua CLI (`npm run cli`, `npm run demo`, `npm run bench`): src/local/cli/main.ts bundled by
// esbuild into dist-cli/motcua.cjs, then required in this very process, so a call costs one Node start.
// The bundle is rebuilt only when the sources changed: its first line holds a stamp of the size and
// modification time of every file it may depend on (src/, the lockfiles, tsconfig.json, this script),
// and a call whose stamp matches skips esbuild altogether. Node-only packages too large or too dynamic
// to bundle (exceljs) stay in node_modules and are loaded only by the commands that need them.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'src/local/cli/main.ts';
const OUT_DIR = join(ROOT, 'dist-cli');
const OUT = join(OUT_DIR, 'motcua.cjs');
const LOCK = join(OUT_DIR, 'build.lock');
const EXTERNAL = ['exceljs', 'playwright-core'];
const INPUTS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'scripts/cli.mjs'];
/** A build never takes this long: a lock older than this was left by a killed process. */
const STALE_LOCK_MS = 60_000;

function listFiles(dir) {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What the bundle was built from: every file's path, size and modification time, hashed. */
function sourceStamp() {
  const hash = createHash('sha256');
  for (const file of [...listFiles('src').sort(), ...INPUTS]) {
    let stat;
    try {
      stat = statSync(join(ROOT, file));
    } catch {
      stat = { size: -1, mtimeMs: -1 };
    }
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

const header = (stamp) => `// motcua-cli ${stamp} (built by scripts/cli.mjs from ${ENTRY}; do not edit)`;

function bundleStamped(stamp) {
  const expected = Buffer.from(header(stamp));
  const first = Buffer.alloc(expected.length);
  let fd;
  try {
    fd = openSync(OUT, 'r');
    return readSync(fd, first, 0, first.length, 0) === first.length && first.equals(expected);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** One build at a time (tests start many CLI processes at once); the others wait and reuse it. */
function takeLock() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      sleep(25);
    }
  }
}

async function rebuild(stamp) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(ROOT, ENTRY)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: header(stamp) },
    // Read only under MOTCUA_DEBUG, so its stacks name the TypeScript files and lines.
    sourcemap: 'linked',
    outfile: OUT,
    write: false,
    logLevel: 'warning',
  });
  // Written under temporary names and renamed, so a concurrent reader sees a whole file or none; the
  // source map first, so a stamped bundle never points to an older map.
  const outputs = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const file of outputs) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
}

async function ensureBundle() {
  const stamp = sourceStamp();
  if (bundleStamped(stamp)) return;
  mkdirSync(OUT_DIR, { recursive: true });
  takeLock();
  try {
    // Another process may have built it while this one waited for the lock.
    if (!bundleStamped(stamp)) await rebuild(stamp);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

try {
  await ensureBundle();
} catch (error) {
  process.stderr.write(
    `Lỗi không mong đợi: không dựng được ${relative(process.cwd(), OUT)} từ ${ENTRY}.\n${error?.message ?? error}\n`,
  );
  process.exit(1);
}
if (process.env.MOTCUA_DEBUG) process.setSourceMapsEnabled(true);
createRequire(import.meta.url)(OUT);
