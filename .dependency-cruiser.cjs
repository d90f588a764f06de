/**
 * The layers of design.md §2, checked by dependency-cruiser (`npm run lint`, `npm run lint:deps`).
 * Every kind of dependency counts: static imports (type-only ones too: swc parses the TypeScript before
 * it is compiled), `export … from` re-exports, dynamic `import()` and `require()`.
 *
 *   core    → core                         gas    → gas (types only)
 *   sheets  → core, gas, sheets            server → core, gas, sheets, server
 *   ui      → core, ui; server type-only   local  → anything
 *
 * The bundled layers (everything but local) run in Apps Script or the sidebar's browser: no node:
 * builtins, and only the npm packages listed in BUNDLED_PACKAGES. zod only through 'zod/mini'.
 *
 * ui → server: dependency-cruiser 17 (the last for Node 20) labels type-only imports only with the
 * TypeScript compiler API, which TypeScript 7 does not have. So here ui may reach server by static
 * imports only, and scripts/check-bundled-code.mjs requires each of them to be `import type`. With
 * Node 22 and dependency-cruiser 18 (whose swc reader labels them), the rule below becomes
 * `dependencyTypesNot: ['type-only']` and that part of the script can go.
 *
 * The checks on code rather than imports (Apps Script and Node globals, the host clock, zod namespace
 * imports) are in scripts/check-bundled-code.mjs. test/lint.test.ts proves each rule fails on a bad import.
 */
const BUNDLED = '^src/(core|gas|sheets|server|ui)/';
/** npm packages the bundled layers may use: they run unchanged in Apps Script's V8 and in a browser. */
const BUNDLED_PACKAGES = ['zod/mini', 'qrcode-generator'];

/** A layer that may depend on the given layers of src/ only. */
const layer = (name, mayImport, comment) => ({
  name: `${name}-imports-only-${mayImport.join('-')}`,
  comment,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: `^src/(${mayImport.join('|')})/` },
});

module.exports = {
  forbidden: [
    layer('core', ['core'], 'core is the pure domain: it depends on nothing else of the project.'),
    layer('gas', ['gas'], 'gas is the Apps Script service interface: types of its own, nothing else.'),
    layer('sheets', ['core', 'gas', 'sheets'], 'sheets is storage: below server, ui and local.'),
    layer('server', ['core', 'gas', 'sheets', 'server'], 'server is below ui and local.'),
    layer('ui', ['core', 'ui', 'server'], 'ui runs in the sidebar: core and ui, and the RPC types of server.'),
    {
      name: 'ui-imports-server-types-only',
      comment:
        'A sidebar gets no server code, only the types of the RPC contract: no import(), require or re-export (and `import type` only, see scripts/check-bundled-code.mjs).',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/server/', dependencyTypesNot: ['import'] },
    },
    {
      name: 'bundled-no-node-builtins',
      comment: 'Bundled for Apps Script or the browser: Node builtins are not there.',
      severity: 'error',
      from: { path: BUNDLED },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'bundled-only-listed-packages',
      comment: `Bundled for Apps Script or the browser: only ${BUNDLED_PACKAGES.join(', ')} (exceljs, csv-parse, playwright-core, fast-check … are Node only).`,
      severity: 'error',
      from: { path: BUNDLED },
      to: { path: 'node_modules/', pathNot: BUNDLED_PACKAGES.map((p) => `node_modules/${p}/`) },
    },
    {
      name: 'zod-only-from-zod-mini',
      comment: "Import from 'zod/mini': the full zod entry adds about 450 KB to every Apps Script invocation.",
      severity: 'error',
      from: { path: '^src/' },
      to: { path: 'node_modules/zod/', pathNot: 'node_modules/zod/mini/' },
    },
    {
      name: 'src-not-to-tests-or-scripts',
      comment: 'The product does not depend on its tests or tools.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved cannot be checked against the layers.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-cli|reports|coverage)/' },
    // TypeScript 7 has no JS API: swc (already here for jest) parses the sources, type-only imports included.
    parser: 'swc',
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main'],
    },
    skipAnalysisNotInRules: true,
  },
};
