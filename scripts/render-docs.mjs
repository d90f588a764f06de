// `npm run docs:images`: the README's images under docs/, rendered by LibreOffice and Chromium from a
// fresh demo (src/local/cli/renderDocs.ts, bundled here by esbuild). Not part of `npm test`: CI has no
// LibreOffice, and a person must look at the images anyway.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist-cli', 'render-docs.cjs');
await build({
  entryPoints: [join(ROOT, 'src/local/cli/renderDocs.ts')],
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['exceljs', 'playwright-core'],
  outfile: OUT,
  logLevel: 'warning',
});
process.chdir(ROOT);
const { renderDocs } = createRequire(import.meta.url)(OUT);
await renderDocs((line) => process.stdout.write(`${line}\n`));
