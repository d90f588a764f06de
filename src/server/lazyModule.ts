/**
 * Server code that runs rarely (the consistency rules, the year-end closing) is bundled by build.mjs
 * into a project file of its own instead of Code.js, which every menu click, sidebar call and
 * trigger parses: the file's text is read with HtmlService and evaluated only when it is needed.
 */
import type { Services } from '../gas/services';
import type * as Report from './summary/build';

export function loadModule<T>(services: Services, file: string, globalName: string): T {
  const text = services.htmlService.createHtmlOutputFromFile(file).getContent();
  return new Function(`${text};return ${globalName}`)() as T;
}

/**
 * A Vietnamese refusal (SheetProblem), recognised by its name: a module loaded this way throws its
 * own copy of the class, which `instanceof` would not know.
 */
export function isSheetProblem(error: unknown): error is Error {
  return error instanceof Error && error.name === 'SheetProblem';
}

/** The report (`Lập báo cáo tổng hợp` and its follow-up trigger), from its own project file (report.html). */
export function loadReport(services: Services): typeof Report {
  return loadModule<typeof Report>(services, 'report', 'MotCuaReport');
}
