/** `HtmlService`: outputs from strings or from the built `dist/*.html` files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { Runtime } from './runtime';

function htmlOutput(initial: string): S.HtmlOutput {
  let content = initial;
  let title = '';
  const out: S.HtmlOutput = {
    setTitle: (t) => ((title = t), out),
    getTitle: () => title,
    setWidth: () => out,
    setHeight: () => out,
    getContent: () => content,
    setContent: (c) => ((content = c), out),
  };
  return out;
}

export class LocalHtml {
  /** Files `createHtmlOutputFromFile` can load, by name without `.html`. */
  readonly files = new Map<string, string>();

  constructor(private readonly runtime: Runtime) {}

  /** Makes every `.html` file of `dir` loadable by name. */
  loadFiles(dir: string): void {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.html')) this.files.set(name.replace(/\.html$/, ''), readFileSync(join(dir, name), 'utf8'));
    }
  }

  service(): S.HtmlServiceService {
    return {
      createHtmlOutputFromFile: (filename) => {
        this.runtime.charge('HtmlService.createHtmlOutputFromFile', 'html');
        const content = this.files.get(filename.replace(/\.html$/, ''));
        if (content === undefined) throw googleError(`No HTML file named ${filename} was found.`);
        return htmlOutput(content);
      },
      createHtmlOutput: (html) => {
        this.runtime.charge('HtmlService.createHtmlOutput', 'html');
        return htmlOutput(html);
      },
    };
  }
}
