// Runs a TypeScript entry with tsx (esbuild under the hood), so the CLI works right after npm ci.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const [entry, ...args] = process.argv.slice(2);
const run = spawnSync(process.execPath, [tsxCli, entry, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
