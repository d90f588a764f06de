// Runs the jest suite on both cores, under two time zones where the zone can matter, and writes each
// run's JSON results to reports/ for .ci/run's closing count.
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
import { spawnSync } from 'node:child_process';
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
let failed = false;
const counts = [];
for (const { zone, patterns } of runs) {
  const file = `reports/jest-${zone.replace(/\W+/g, '_')}.json`;
  console.log(`\n=== jest under TZ=${zone}${patterns.length > 0 ? ' (the zone-dependent tests)' : ''} ===`);
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/jest/bin/jest.js',
      '--maxWorkers=2',
      '--json',
      `--outputFile=${file}`,
      ...(patterns.length > 0 ? ['--testPathPatterns', ...patterns] : []),
      ...selection,
    ],
    { stdio: 'inherit', env: { ...process.env, TZ: zone } },
  );
  if (run.status !== 0) failed = true;
  try {
    const result = JSON.parse(readFileSync(file, 'utf8'));
    counts.push(
      `TZ=${zone}: ${result.numPassedTests} passed, ${result.numFailedTests} failed in ${result.numTotalTestSuites} files`,
    );
  } catch {
    counts.push(`TZ=${zone}: no results (jest did not finish)`);
  }
}
console.log(`\n${counts.join('\n')}`);
process.exit(failed ? 1 : 0);
