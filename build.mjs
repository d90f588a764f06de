// Builds dist/ for `clasp push -f`: Code.js (the server bundle plus one top-level function per
// export of src/server/index.ts), one .html per sidebar/dialog with its script inlined, and
// appsscript.json. Fails when an entry would not be callable from Apps Script.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const DIST = 'dist';
const ENTRY = 'src/server/index.ts';
const GLOBAL = 'MotCua';
/** Not pushed by clasp (its rootDir is dist/): the map that turns a logged stack back into source lines. */
const MAPS = 'dist-maps';
/**
 * Every invocation (menu click, sidebar call, trigger) parses all of Code.js, so its budget is what
 * that costs, not a size: the fastest of 15 cold loads in fresh V8 contexts must stay under 20 ms
 * (about 6–10 ms today; `npm run bench` prints it). The fastest, not the median: other work on a
 * shared machine only ever adds time, and a median of 22 ms was seen with the test suite running. One bundle, nothing evaluated from other project files:
 * `HtmlService...getContent()` is not documented to return a file unchanged.
 */
const COLD_LOAD_BUDGET_MS = 20;

/** The fastest of `runs` cold loads of `code` in fresh V8 contexts, in milliseconds. */
function coldLoadMs(code, runs = 15) {
  const times = Array.from({ length: runs }, () => {
    const start = process.hrtime.bigint();
    vm.runInContext(code, vm.createContext({}));
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return Math.min(...times);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The names src/server/index.ts exports, read from esbuild's metafile. */
async function entryExports() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'out.js',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint === ENTRY);
  return output?.exports ?? [];
}

function checkEntryNames(names) {
  const problems = [];
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) problems.push(`${name}: not a valid function name`);
    // Apps Script hides functions whose name ends with "_" from menus, triggers and google.script.run.
    if (name.endsWith('_')) problems.push(`${name}: a trailing "_" makes it private in Apps Script`);
    if (name === 'default') problems.push('default export: Apps Script needs a named function');
  }
  return problems;
}

async function buildCode() {
  const names = await entryExports();
  const problems = checkEntryNames(names);
  if (names.length === 0) problems.push(`${ENTRY} exports nothing`);
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: true,
    // Names are not kept (keepNames costs 8 KB, parsed on every invocation): a stack logged by Apps
    // Script is read back through the source map, kept outside dist/ (`npm run stack`).
    sourcemap: 'external',
    outfile: 'Code.js',
    // Vietnamese text as UTF-8 (3 bytes a letter), not \uXXXX escapes (6): Apps Script reads UTF-8 files.
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const bundle = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map')).text;
  // The sidebar calls are named once, in src/server/rpc.ts: ask the bundle for them.
  const probe = vm.createContext({});
  vm.runInContext(bundle, probe, { filename: 'Code.js' });
  const rpc = typeof probe[GLOBAL]?.rpcNames === 'function' ? probe[GLOBAL].rpcNames() : [];
  problems.push(
    ...checkEntryNames(rpc),
    ...rpc.filter((name) => names.includes(name)).map((name) => `${name}: both an entry and a sidebar call`),
  );
  const stubs = [
    ...names.map((name) => `function ${name}(){return ${GLOBAL}.${name}.apply(this,arguments)}`),
    ...rpc.map(
      (name) => `function ${name}(){return ${GLOBAL}.callServer(${JSON.stringify(name)},Array.prototype.slice.call(arguments))}`,
    ),
  ].join('\n');
  const code = `${bundle}\n${stubs}\n`;
  // Load it as Apps Script would: every entry must be a top-level function backed by a function.
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js' });
  for (const name of rpc) {
    if (typeof context[name] !== 'function') problems.push(`${name}: not a top-level function in Code.js`);
  }
  for (const name of names) {
    if (typeof context[name] !== 'function') problems.push(`${name}: not a top-level function in Code.js`);
    if (typeof context[GLOBAL]?.[name] !== 'function') problems.push(`${name}: exported but not a function`);
  }
  if (problems.length > 0) throw new Error(`Apps Script entries:\n  ${problems.join('\n  ')}`);
  writeFileSync(join(DIST, 'Code.js'), code);
  // The stubs follow the bundle, so the bundle's lines and columns are the map's.
  mkdirSync(MAPS, { recursive: true });
  writeFileSync(join(MAPS, 'Code.js.map'), map);
  return { names: [...names, ...rpc], size: Buffer.byteLength(code) };
}

/** One .html per folder of src/ui with an index.html; `<!-- script -->` gets the bundled main.ts. */
async function buildHtml() {
  const outputs = [];
  if (!existsSync('src/ui')) return outputs;
  for (const entry of readdirSync('src/ui', { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'shared') continue;
    const dir = join('src/ui', entry.name);
    if (!existsSync(join(dir, 'index.html'))) continue;
    let html = readFileSync(join(dir, 'index.html'), 'utf8');
    if (html.includes('<!-- style -->')) {
      const css = readFileSync('src/ui/shared/sidebar.css', 'utf8');
      html = html.replace('<!-- style -->', () => `<style>${css}</style>`);
    }
    if (existsSync(join(dir, 'main.ts'))) {
      const result = await build({
        entryPoints: [join(dir, 'main.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        platform: 'browser',
        minify: true,
        legalComments: 'none',
        write: false,
        logLevel: 'warning',
      });
      // A literal "</script" inside the bundle would end the inline script early.
      const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
      if (!html.includes('<!-- script -->')) throw new Error(`${dir}/index.html has no <!-- script --> marker`);
      html = html.replace('<!-- script -->', () => `<script>${script}</script>`);
    }
    const file = join(DIST, `${entry.name}.html`);
    writeFileSync(file, html);
    outputs.push({ file, size: Buffer.byteLength(html) });
  }
  return outputs;
}

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
const code = await buildCode();
const html = await buildHtml();
copyFileSync('appsscript.json', join(DIST, 'appsscript.json'));
const loadMs = coldLoadMs(readFileSync(join(DIST, 'Code.js'), 'utf8'));
console.log(
  `dist/Code.js            ${kb(code.size)}, cold load ${loadMs.toFixed(1)} ms (budget ${COLD_LOAD_BUDGET_MS} ms), entries: ${code.names.join(', ')}`,
);
for (const h of html) console.log(`${h.file.padEnd(24)}${kb(h.size)}`);
console.log(`dist/appsscript.json    ${kb(readFileSync(join(DIST, 'appsscript.json')).length)}`);
if (loadMs > COLD_LOAD_BUDGET_MS) {
  console.error(
    `dist/Code.js takes ${loadMs.toFixed(1)} ms to load in a fresh V8 context, over its ${COLD_LOAD_BUDGET_MS} ms budget.`,
  );
  process.exit(1);
}
