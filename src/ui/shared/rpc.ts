/**
 * The one typed bridge to the server: `google.script.run` as promises, named after the exports of
 * src/server/index.ts. Arguments must be what Apps Script can carry: no Date, no functions.
 */
import type { IntakeContextView, IntakeResult } from '../../server/intake';
import type { DossierLookup, UpdateResult } from '../../server/update';

export interface ServerApi {
  getIntakeContext(): IntakeContextView;
  saveIntake(input: Record<string, string>): IntakeResult;
  findDossier(code: string): DossierLookup;
  saveUpdate(input: Record<string, string>): UpdateResult;
  openPrintForm(code: string, kind: string): void;
}

interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script: { run: ScriptRunner } };
  }
}

export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script.run;
    if (!run) {
      reject(new Error('Không kết nối được với máy chủ Apps Script; hãy mở lại thanh bên.'));
      return;
    }
    const runner = run.withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>)).withFailureHandler(reject);
    const fn = runner[name] as (...a: unknown[]) => void;
    fn.apply(runner, args);
  });
}

/** A fresh id for one submission, so a double click or a retry is recognised by the server. */
export function newRequestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `r-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
