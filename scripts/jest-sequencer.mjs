// The order jest starts the test files in: longest first, so that neither core is left alone with a
// long file at the end of the run. Jest's own order does that from the durations it cached on an
// earlier run, but on a fresh clone (CI) it has none and goes by file size, which puts short files
// with big tables ahead of the slow whole-product ones. Here a file jest has no duration for is
// placed by the duration measured for it below (seconds, one run under TZ=America/Los_Angeles on
// two cores), or else by its size as jest does; a file that failed last time still comes first.
import TestSequencer from '@jest/test-sequencer';

/** Measured durations (s) of the slow files; a file missing here is placed by its size. */
const MEASURED = {
  'test/hostile/cli.test.ts': 88,
  'test/local/formula-baseline.test.ts': 39,
  'test/local/demo.test.ts': 29,
  'test/browser/sidebars.test.ts': 26,
  'test/local/demo-seed.test.ts': 24,
  'test/hostile/sidebar.test.ts': 21,
  'test/local/privacy.test.ts': 20,
  'test/server/year-end.scale.test.ts': 20,
  'test/server/year-end.test.ts': 20,
  'test/hostile/hand-edits.test.ts': 20,
  'test/local/demo-summary.test.ts': 17,
  'test/local/cli-reconcile.test.ts': 14,
  'test/server/faults/setup.test.ts': 14,
  'test/server/faults/summary.test.ts': 11,
  'test/server/warnings.test.ts': 11,
  'test/server/summary-consolidation.test.ts': 11,
  'test/local/cli-summary.test.ts': 9,
  'test/server/faults/update.test.ts': 9,
  'test/server/check.scale.test.ts': 8,
  'test/local/cli-import.test.ts': 7,
  'test/local/csv-fast.test.ts': 7,
  'test/server/concurrency.test.ts': 7,
  'test/server/hand-edits/numbering-and-repairs.test.ts': 7,
  'test/browser/check-dialog.test.ts': 6,
  'test/server/stale-interleaved.test.ts': 5,
  'test/server/faults/intake.test.ts': 5,
  'test/local/cli-errors.test.ts': 4,
  'test/local/cli-check.test.ts': 4,
  'test/server/faults/scan.test.ts': 4,
  'test/server/register-integrity.test.ts': 3,
};

/** Seconds per byte of a test file of no measured duration: a 20 KB file counts as about one second. */
const SECONDS_PER_BYTE = 1 / 20_000;

const Base = TestSequencer.default ?? TestSequencer;

export default class LongestFirst extends Base {
  sort(tests) {
    const estimate = new Map();
    for (const test of tests) {
      const cached = this.time(test);
      const relative = test.path
        .slice(test.context.config.rootDir.length + 1)
        .split('\\')
        .join('/');
      const size = test.context.hasteFS.getSize(test.path) ?? 0;
      estimate.set(test, cached !== undefined ? cached / 1000 : (MEASURED[relative] ?? size * SECONDS_PER_BYTE));
      test.duration = cached;
    }
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      const failedB = this.hasFailed(b);
      if (failedA !== failedB) return failedA ? -1 : 1;
      return estimate.get(b) - estimate.get(a);
    });
  }
}
