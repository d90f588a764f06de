// Lint for the architecture of design.md §2: each layer imports only the layers below it, Apps
// Script globals appear only in src/server/globals.ts, nothing bundled for Apps Script touches
// Node, and zod comes from zod/mini with named imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const LAYERS = ['core', 'gas', 'sheets', 'server', 'ui', 'local'];
const MAY_IMPORT = {
  core: ['core'],
  gas: ['gas'],
  sheets: ['core', 'gas', 'sheets'],
  server: ['core', 'gas', 'sheets', 'server'],
  ui: ['core', 'ui'],
  local: LAYERS,
};
// Type-only imports of the RPC shapes cross layers without code.
const TYPE_ONLY_ALLOWED = { ui: ['server'] };
const GAS_GLOBALS = ['SpreadsheetApp', 'MailApp', 'LockService', 'PropertiesService', 'CacheService', 'ScriptApp', 'HtmlService', 'Session', 'Utilities', 'DriveApp', 'GmailApp', 'UrlFetchApp'];
const BUNDLED = ['core', 'gas', 'sheets', 'server', 'ui'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const problems = [];
for (const file of files('src')) {
  const layer = relative('src', file).split(sep)[0];
  const text = readFileSync(file, 'utf8');
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(/^\s*import\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, what, source] = m;
    if (source.startsWith('.')) {
      const target = relative('src', join(file, '..', source)).split(sep)[0];
      const ok = MAY_IMPORT[layer]?.includes(target) || (typeOnly && TYPE_ONLY_ALLOWED[layer]?.includes(target));
      if (!ok) problems.push(`${file}: ${layer} may not import ${target} (${source})`);
    } else if (BUNDLED.includes(layer) && (source.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'exceljs'].includes(source))) {
      problems.push(`${file}: ${layer} is bundled for Apps Script and may not import ${source}`);
    }
    if (source === 'zod' || source.startsWith('zod/v')) problems.push(`${file}: import from 'zod/mini', not '${source}'`);
    if (source === 'zod/mini' && /\*\s+as/.test(what)) problems.push(`${file}: use named imports from zod/mini`);
  }
  if (BUNDLED.includes(layer) && file !== join('src', 'server', 'globals.ts')) {
    for (const name of GAS_GLOBALS) {
      if (new RegExp(`(^|[^.\\w])${name}\\.`, 'm').test(code)) problems.push(`${file}: uses the global ${name}; take it from Services`);
    }
    if (/(^|[^.\w])(process|Buffer|require)\b/.test(code)) problems.push(`${file}: uses a Node global`);
    if (layer !== 'ui' && /new Date\(\s*\)/.test(code) && file !== join('src', 'server', 'globals.ts')) {
      problems.push(`${file}: reads the host clock; use services.clock`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Layering problems:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Layers OK');
