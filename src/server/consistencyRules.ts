/**
 * The consistency check's rules as Apps Script runs them: bundled apart from Code.js by build.mjs
 * (dist/checkRules.html) and loaded by `Kiểm tra dữ liệu` only, so the 4–5 KB they weigh are not
 * parsed at every other invocation (each menu click, sidebar call and trigger parses all of Code.js).
 */
export { checkConsistency, REPAIR_ACTION } from '../core/consistency';
export { checkEventsOf, checkRowsOf } from '../sheets/consistency';
