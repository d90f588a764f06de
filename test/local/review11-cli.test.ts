/** Review 11, the new user's path through the CLI: each test was a defect found, fixed since. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, SLOW } from './runCli';

describe('review 11: CLI', () => {
  it(
    'the demo leaves the oversight summary it is specified to write (design.md §8: workbooks, e-mails and summary.html)',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'motcua-review11-demo-'));
      const r = await runCli(['demo', '--out', out]);
      expect(r.code).toBe(0);
      expect(existsSync(join(out, 'summary.html'))).toBe(true);
    },
    SLOW,
  );
});
