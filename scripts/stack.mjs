// `npm run -s stack < stack.txt`: turns a stack trace copied from Apps Script's execution log
// ("at Xe (Code:1:52311)") into the TypeScript files, lines and names it came from, through the
// source map `npm run build` keeps in dist-maps/ (the bundle is minified without its names).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

const MAP = 'dist-maps/Code.js.map';

/** Rewrites every `Code:line:column` (Apps Script names the file Code, Code.gs or Code.js) it can map. */
export function mapStack(text, payload) {
  const map = new SourceMap(payload);
  return text.replace(/\b(Code(?:\.gs|\.js)?):(\d+):(\d+)/g, (whole, _file, line, column) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !entry.originalSource) return whole;
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
    const name = entry.name ? ` ${entry.name}` : '';
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${name}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let payload;
  try {
    payload = JSON.parse(readFileSync(MAP, 'utf8'));
  } catch {
    console.error(`Chưa có ${MAP}: hãy chạy "npm run build" trên đúng phiên bản đã đẩy lên Apps Script.`);
    process.exit(2);
  }
  const text = process.argv.length > 2 ? process.argv.slice(2).join(' ') : readFileSync(0, 'utf8');
  process.stdout.write(`${mapStack(text, payload)}\n`);
}
