// The rules of design.md §2 that are about code rather than imports, for the layers bundled into Apps
// Script and the sidebars (core, gas, sheets, server, ui). Which layer imports which is checked by
// dependency-cruiser (.dependency-cruiser.cjs); this reads each file's syntax tree (swc, as jest does),
// so comments, strings and property names never count:
//   - Apps Script globals (SpreadsheetApp, LockService …) only in src/server/globals.ts: take them from Services;
//   - no host clock (`new Date()` without arguments, `Date.now()`) outside src/server/globals.ts and src/ui:
//     use services.clock;
//   - no Node globals (process, Buffer, require, __dirname …): they do not exist in Apps Script or a browser;
//   - src/gas holds types only;
//   - zod/mini with named imports only (a namespace import keeps all of zod in the bundle);
//   - src/ui imports src/server only with `import type` (no server code reaches the browser), never by
//     import(), require or a value re-export. dependency-cruiser 17 sees these imports but, with TypeScript 7
//     (no compiler API), cannot tell type-only ones apart; dependency-cruiser 18 (Node 22) can.
// Usage: node scripts/check-bundled-code.mjs [ROOT] — ROOT defaults to the current directory.
import { parseSync } from '@swc/core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

const ROOT = process.argv[2] ?? '.';
const BUNDLED = ['core', 'gas', 'sheets', 'server', 'ui'];
const GLOBALS_FILE = 'src/server/globals.ts';
const GAS_GLOBALS = new Set([
  'SpreadsheetApp',
  'MailApp',
  'LockService',
  'PropertiesService',
  'CacheService',
  'ScriptApp',
  'HtmlService',
  'Session',
  'Utilities',
  'DriveApp',
  'GmailApp',
  'UrlFetchApp',
  'ContentService',
  'Logger',
]);
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']);
/** TypeScript nodes that hold runtime code in `expression` (the rest of a Ts* node is types only). */
const TS_RUNTIME = new Set([
  'TsAsExpression',
  'TsSatisfiesExpression',
  'TsNonNullExpression',
  'TsTypeAssertion',
  'TsConstAssertion',
  'TsInstantiation',
]);
const TYPE_KEYS = new Set([
  'typeAnnotation',
  'typeParameters',
  'typeParams',
  'typeArguments',
  'returnType',
  'superTypeParams',
  'implements',
]);
/** Keys whose identifiers are names, not references to a variable. */
const NAME_KEYS = new Set(['key', 'label', 'imported', 'exported', 'orig']);

function files(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function check(file, layer, text, problems) {
  // swc's byte positions run on across calls: a leading `;` marks where this file starts.
  const ast = parseSync(`;${text}`, { syntax: 'typescript', target: 'es2022' });
  const start = ast.body[0].span.start + 1;
  const bytes = Buffer.from(text);
  const lineOf = (node) =>
    bytes
      .subarray(0, Math.max(0, node.span.start - start))
      .toString()
      .split('\n').length;
  const report = (node, message) => problems.push(`${file}:${lineOf(node)}: ${message}`);
  const isGlobalsFile = file === GLOBALS_FILE;

  /** Where a relative import of this file lands, as src/<layer>/…, or undefined for a package. */
  const target = (source) => (source.startsWith('.') ? posix.join(posix.dirname(file), source) : undefined);
  const intoServer = (source) => layer === 'ui' && target(source)?.startsWith('src/server/');

  const visit = (node, key, parent) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, key, parent);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const type = node.type;
    if (typeof type === 'string' && type.startsWith('Ts') && !TS_RUNTIME.has(type)) {
      // Types only — except the parts of these that are code.
      if (type === 'TsEnumDeclaration')
        visit(
          node.members.map((m) => m.init),
          'init',
          node,
        );
      else if (type === 'TsModuleDeclaration' && !node.declare) visit(node.body?.body, 'body', node);
      else if (type === 'TsExportAssignment') visit(node.expression, 'expression', node);
      else if (type === 'TsParameterProperty') visit(node.param, 'param', node);
      return;
    }
    switch (type) {
      case 'ImportDeclaration': {
        const source = node.source.value;
        if (source === 'zod/mini' && node.specifiers.some((s) => s.type !== 'ImportSpecifier')) {
          report(node, "use named imports from 'zod/mini' (import { object, string } from 'zod/mini')");
        }
        const typeOnly = node.typeOnly || (node.specifiers.length > 0 && node.specifiers.every((s) => s.isTypeOnly));
        if (intoServer(source) && !typeOnly) report(node, `ui may import src/server only with \`import type\` (${source})`);
        return;
      }
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) {
          const source = node.source.value;
          if (source === 'zod/mini' && type === 'ExportAllDeclaration')
            report(node, "re-export names from 'zod/mini', not all of it");
          if (intoServer(source) && !node.typeOnly)
            report(node, `ui may re-export from src/server only with \`export type\` (${source})`);
          return;
        }
        break;
      case 'CallExpression':
        if (node.callee.type === 'Import') {
          const arg = node.arguments[0]?.expression;
          const source = arg?.type === 'StringLiteral' ? arg.value : undefined;
          if (source !== undefined && intoServer(source))
            report(node, `ui may not import src/server at run time (import('${source}'))`);
        } else if (
          node.callee.type === 'MemberExpression' &&
          isName(node.callee.object, 'Date') &&
          isName(node.callee.property, 'now')
        ) {
          if (layer !== 'ui' && !isGlobalsFile) report(node, 'reads the host clock (Date.now()); use services.clock');
        }
        break;
      case 'NewExpression':
        if (isName(node.callee, 'Date') && (node.arguments ?? []).length === 0 && layer !== 'ui' && !isGlobalsFile) {
          report(node, 'reads the host clock (new Date()); use services.clock');
        }
        break;
      case 'Identifier': {
        const isName = NAME_KEYS.has(key) || (parent?.type === 'MemberExpression' && key === 'property');
        if (!isName && GAS_GLOBALS.has(node.value) && !isGlobalsFile) {
          report(
            node,
            `uses the Apps Script global ${node.value}; take it from Services (only ${GLOBALS_FILE} names the globals)`,
          );
        }
        if (!isName && NODE_GLOBALS.has(node.value))
          report(node, `uses the Node global ${node.value}: it is bundled for Apps Script or the browser`);
        return;
      }
      default:
    }
    for (const [childKey, child] of Object.entries(node)) {
      if (childKey === 'span' || TYPE_KEYS.has(childKey)) continue;
      if (child && typeof child === 'object') visit(child, childKey, node);
    }
  };
  visit(ast.body, 'body', ast);
  if (layer === 'gas') {
    for (const item of ast.body.slice(1))
      if (!isTypeOnly(item)) report(item, 'src/gas holds types only (interfaces and type aliases)');
  }
}

const TYPE_DECLARATIONS = new Set(['TsInterfaceDeclaration', 'TsTypeAliasDeclaration']);
const isTypeOnly = (item) =>
  TYPE_DECLARATIONS.has(item.type) ||
  (item.type === 'ExportDeclaration' && TYPE_DECLARATIONS.has(item.declaration.type)) ||
  (item.type === 'ImportDeclaration' && item.typeOnly) ||
  (item.type === 'ExportNamedDeclaration' && item.typeOnly);

const isName = (node, name) => node?.type === 'Identifier' && node.value === name;

const problems = [];
let count = 0;
for (const layer of BUNDLED) {
  for (const path of files(join(ROOT, 'src', layer))) {
    const file = relative(ROOT, path).split(sep).join('/');
    count += 1;
    try {
      check(file, layer, readFileSync(path, 'utf8'), problems);
    } catch (error) {
      problems.push(`${file}: cannot be parsed: ${error.message ?? error}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Bundled code problems (design.md §2):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Bundled code OK (${count} files: no Apps Script or Node globals, no host clock, gas types only, zod/mini named imports, ui → server types only)`,
);
