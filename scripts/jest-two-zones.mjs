// Runs the jest suite on both cores, under two time zones where the zone can matter, the two runs at
// once (the UTC one at a lower priority), and writes each run's JSON results to reports/ for .ci/run's
// closing count.
//
// - Under TZ=UTC: the tests whose result can depend on the host's zone — the core, the sheets layer, the
//   server on the local services, and the local services themselves (ZONE_DEPENDENT below).
// - Under TZ=America/Los_Angeles: every test, the long whole-product ones (demo, privacy, hostile, CLI,
//   browser, year-end at scale, formula baseline) included. They run once, under the zone most unlike
//   Vietnam's, where a hidden dependency on the host's zone shows first.
//
// `node scripts/jest-two-zones.mjs some/path` runs just that selection, under both zones.
// `--quick` runs the edit loop's selection (core, sheets, server without the fault sweeps and the
// at-scale tests) under one zone.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

/** Paths (regular expressions on the test file's path) whose results can depend on the host's zone. */
const ZONE_DEPENDENT = [
  '/test/core/',
  '/test/sheets/',
  '/test/server/(?!.*\\.scale\\.test\\.ts$)',
  '/test/local/gas-',
  '/test/local/(services|spreadsheet|xlsx)\\.test\\.ts$',
];
/** The edit loop: quick to run, the slow sweeps and scale runs left to the full suite. */
const QUICK = ['/test/core/', '/test/sheets/', '/test/server/(?!faults/)(?!.*\\.scale\\.test\\.ts$)'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const selection = args.filter((a) => a !== '--quick');
const runs = quick
  ? [{ zone: 'America/Los_Angeles', patterns: QUICK }]
  : selection.length > 0
    ? [
        { zone: 'UTC', patterns: [] },
        { zone: 'America/Los_Angeles', patterns: [] },
      ]
    : [
        { zone: 'UTC', patterns: ZONE_DEPENDENT },
        { zone: 'America/Los_Angeles', patterns: [] },
      ];

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

/**
 * Both zones' runs at once, so the machine's two cores stay busy to the end: the first run (the long
 * one) in the foreground, its output as it comes; the others at a lower priority, taking the cores
 * only when the first leaves one idle (its slow files' tails, jest's start), their output shown when
 * all are done. A low-priority test may wait for the CPU far longer than it works: its default
 * timeout is raised so it is not failed for waiting (a test's own longer timeout still holds).
 */
const started = runs.map(({ zone, patterns }, i) => {
  const file = `reports/jest-${zone.replace(/\W+/g, '_')}.json`;
  const title = `\n=== jest under TZ=${zone}${patterns.length > 0 ? ' (the zone-dependent tests)' : ''} ===`;
  const foreground = i === runs.length - 1;
  if (foreground) console.log(title);
  const child = spawn(
    process.execPath,
    [
      'node_modules/jest/bin/jest.js',
      '--maxWorkers=2',
      '--json',
      `--outputFile=${file}`,
      ...(foreground ? [] : ['--testTimeout=600000']),
      ...(patterns.length > 0 ? ['--testPathPatterns', ...patterns] : []),
      ...selection,
    ],
    { stdio: foreground ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: zone } },
  );
  if (!foreground) {
    try {
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: it runs at the same priority, only sharing the cores more.
    }
  }
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  const done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return { zone, file, title, foreground, output, done };
});

let failed = false;
const counts = [];
for (const run of [...started].reverse()) {
  const code = await run.done;
  if (!run.foreground) process.stdout.write(`${run.title}\n${Buffer.concat(run.output).toString('utf8')}`);
  if (code !== 0) failed = true;
  try {
    const result = JSON.parse(readFileSync(run.file, 'utf8'));
    counts.push(
      `TZ=${run.zone}: ${result.numPassedTests} passed, ${result.numFailedTests} failed in ${result.numTotalTestSuites} files`,
    );
  } catch {
    counts.push(`TZ=${run.zone}: no results (jest did not finish)`);
  }
}
console.log(`\n${counts.join('\n')}`);
process.exit(failed ? 1 : 0);
