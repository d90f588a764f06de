/**
 * `npm run lint` fails where design.md §2 says it must. Each of its three checks runs with the
 * project's own configuration on a throwaway tree (in the system's temporary folder, never in src/):
 * one file per mistake — a sheets → server import, core → anything (type-only too), a re-export and a
 * dynamic import across layers, Node in a bundled layer, an unused export … — next to files that are
 * right and must pass. Each check reports exactly the mistakes, nothing more.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-lint-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function run(cwd: string, script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Files that break a layer rule, each with the rule dependency-cruiser must name. */
const BAD_IMPORTS: [string, string, string][] = [
  [
    'src/sheets/toServer.ts',
    "import { api } from '../server/api';\nexport const x = api;\n",
    'sheets-imports-only-core-gas-sheets',
  ],
  ['src/core/toSheets.ts', "import type { Row } from '../sheets/ok';\nexport type R = Row;\n", 'core-imports-only-core'],
  [
    'src/core/toGas.ts',
    "import type { Services } from '../gas/services';\nexport type S = Services;\n",
    'core-imports-only-core',
  ],
  ['src/core/reexport.ts', "export { api } from '../server/api';\n", 'core-imports-only-core'],
  ['src/server/reexportUi.ts', "export { view } from '../ui/view';\n", 'server-imports-only-core-gas-sheets-server'],
  ['src/sheets/dynamic.ts', "export const load = () => import('../local/any');\n", 'sheets-imports-only-core-gas-sheets'],
  ['src/gas/toCore.ts', "import type { Row } from '../core/ok';\nexport type R = Row;\n", 'gas-imports-only-gas'],
  ['src/ui/toSheets.ts', "import type { Row } from '../sheets/ok';\nexport type R = Row;\n", 'ui-imports-only-core-ui-server'],
  ['src/ui/dynamicServer.ts', "export const load = () => import('../server/api');\n", 'ui-imports-server-types-only'],
  ['src/ui/reexportServer.ts', "export { api } from '../server/api';\n", 'ui-imports-server-types-only'],
  [
    'src/server/node.ts',
    "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    'bundled-no-node-builtins',
  ],
  ['src/sheets/excel.ts', "import ExcelJS from 'exceljs';\nexport const E = ExcelJS;\n", 'bundled-only-listed-packages'],
  ['src/core/fullZod.ts', "import { object } from 'zod';\nexport const o = object;\n", 'bundled-only-listed-packages'],
  ['src/core/fullZod.ts', '', 'zod-only-from-zod-mini'],
  ['src/local/zodV4.ts', "import { object } from 'zod/v4';\nexport const o = object;\n", 'zod-only-from-zod-mini'],
  ['src/server/missing.ts', "import { x } from './nowhere';\nexport const y = x;\n", 'not-to-unresolvable'],
  [
    'src/server/toTest.ts',
    "import { helper } from '../../test/helper';\nexport const h = helper;\n",
    'src-not-to-tests-or-scripts',
  ],
];

/** Files that break a rule of scripts/check-bundled-code.mjs (their imports are all allowed). */
const BAD_CODE: Record<string, string> = {
  'src/server/gasGlobal.ts':
    '// SpreadsheetApp.getActive() in a comment is fine\nexport const book = () => SpreadsheetApp.getActive();\n',
  'src/core/clock.ts':
    "export const label = 'new Date()';\nexport const now = () => new Date();\nexport const ms = () => Date.now();\n",
  'src/sheets/nodeGlobal.ts': 'const o = { process: 1 };\nexport const n = o.process;\nexport const home = process.env.HOME;\n',
  'src/core/zodNamespace.ts': "import * as z from 'zod/mini';\nexport const s = z.string();\n",
  'src/gas/value.ts': 'export interface A {\n  a: number;\n}\nexport const a = 1;\n',
  'src/ui/valueImport.ts': "import { api } from '../server/api';\nexport const x = api;\n",
};

/** Right: none of the checks may report these. */
const GOOD: Record<string, string> = {
  'src/core/ok.ts':
    "import { string } from 'zod/mini';\nexport interface Row {\n  at: string;\n}\nexport const s = string();\nexport const at = (y: number) => new Date(y, 0, 1);\n",
  'src/gas/services.ts':
    "import type { A } from './value';\nexport interface Services {\n  a: A;\n}\nexport type Clock = () => number;\n",
  'src/sheets/ok.ts':
    "import type { Services } from '../gas/services';\nimport { s } from '../core/ok';\nexport type Row = Services;\nexport const t = s;\n",
  'src/server/api.ts':
    "import qr from 'qrcode-generator';\nimport { t } from '../sheets/ok';\nexport const api = { qr, t };\nexport type Api = typeof api;\n",
  'src/server/globals.ts': 'export const services = () => ({ book: SpreadsheetApp.getActive(), now: new Date() });\n',
  'src/ui/view.ts':
    "import type { Api } from '../server/api';\nimport { type Row } from '../core/ok';\nexport const view = (a: Api, r: Row) => [a, r, new Date()];\n",
  'src/local/any.ts':
    "import { readFileSync } from 'node:fs';\nimport ExcelJS from 'exceljs';\nimport { api } from '../server/api';\nexport const all = [readFileSync, ExcelJS, api, process.env, () => import('../ui/view')];\n",
  'test/helper.ts': 'export const helper = 1;\n',
};

describe('npm run lint fails on what design.md §2 forbids', () => {
  const files: Record<string, string> = { ...GOOD, ...BAD_CODE };
  for (const [path, text] of BAD_IMPORTS) files[path] = (files[path] ?? '') + text;
  const dir = tree(files);
  dirs.push(dir);

  it('dependency-cruiser (.dependency-cruiser.cjs): bad imports, re-exports and dynamic imports across layers', () => {
    // As `npm run lint` runs it: one "error <rule>: <from> → <to>" line per violation, exit code 1.
    const result = run(dir, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs', [
      'src',
      '--config',
      join(ROOT, '.dependency-cruiser.cjs'),
    ]);
    expect(result.code).not.toBe(0);
    const found = [...result.stdout.matchAll(/^\s*error (\S+): (\S+) → /gm)].map(([, rule, from]) => `${from} ${rule}`);
    expect(found.sort()).toEqual(BAD_IMPORTS.map(([path, , rule]) => `${path} ${rule}`).sort());
    expect(result.stdout).toContain(`x ${BAD_IMPORTS.length} dependency violations (${BAD_IMPORTS.length} errors, 0 warnings)`);
  }, 60_000);

  it('scripts/check-bundled-code.mjs: globals, the host clock, zod namespace imports, runtime code in gas, ui → server values', () => {
    const result = run(ROOT, 'scripts/check-bundled-code.mjs', [dir]);
    expect(result.code).toBe(1);
    const lines = result.stderr
      .split('\n')
      .slice(1, -1)
      .map((line) => line.trim());
    expect(lines.sort()).toEqual(
      [
        'src/core/clock.ts:2: reads the host clock (new Date()); use services.clock',
        'src/core/clock.ts:3: reads the host clock (Date.now()); use services.clock',
        "src/core/zodNamespace.ts:1: use named imports from 'zod/mini' (import { object, string } from 'zod/mini')",
        'src/gas/value.ts:4: src/gas holds types only (interfaces and type aliases)',
        'src/server/gasGlobal.ts:2: uses the Apps Script global SpreadsheetApp; take it from Services (only src/server/globals.ts names the globals)',
        'src/sheets/nodeGlobal.ts:3: uses the Node global process: it is bundled for Apps Script or the browser',
        'src/ui/reexportServer.ts:1: ui may re-export from src/server only with `export type` (../server/api)',
        "src/ui/dynamicServer.ts:1: ui may not import src/server at run time (import('../server/api'))",
        'src/ui/valueImport.ts:1: ui may import src/server only with `import type` (../server/api)',
      ].sort(),
    );
  });
});

describe('npm run lint fails on unused code', () => {
  it('knip (knip.jsonc): an unused export and an unused file', () => {
    const dir = tree({
      'package.json': '{ "name": "fixture", "private": true }\n',
      'src/server/index.ts': "import { used } from '../core/a';\nexport const onOpen = () => used;\n",
      'src/core/a.ts': 'export const used = 1;\nexport const unused = 2;\n',
      'src/core/orphan.ts': 'export const nobody = 3;\n',
    });
    dirs.push(dir);
    copyFileSync(join(ROOT, 'knip.jsonc'), join(dir, 'knip.jsonc'));
    const result = run(dir, 'node_modules/knip/bin/knip.js', ['--reporter', 'json', '--no-config-hints']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { issues: { file: string; files: unknown[]; exports: { name: string }[] }[] };
    expect(report.issues.flatMap((i) => i.exports.map((e) => `${i.file} ${e.name}`))).toEqual(['src/core/a.ts unused']);
    expect(report.issues.filter((i) => i.files.length > 0).map((i) => i.file)).toEqual(['src/core/orphan.ts']);
  }, 60_000);
});
