/**
 * The one typed bridge to the server: `google.script.run` as promises, typed by the contract in
 * src/server/rpc.ts (types only: no server code reaches the browser). Arguments must be what Apps
 * Script can carry: no Date, no functions.
 */
import type { RpcApi } from '../../server/rpc';

type ServerApi = RpcApi;

/** The answers the sidebars render, named from the contract. */
export type IntakeContextView = ReturnType<RpcApi['getIntakeContext']>;
export type DossierView = Extract<ReturnType<RpcApi['findDossier']>, { ok: true }>['dossier'];

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

/**
 * What Google answers a sidebar's call when the browser is signed in to several Google accounts and
 * the sheet is open in one that is not the first (issuetracker 69270374): the call never reaches
 * MotCua, so only the page can explain it.
 */
const OTHER_ACCOUNT = /PERMISSION_DENIED|Authorization is required/i;

export const OTHER_ACCOUNT_ADVICE =
  'Google không cho thanh bên này chạy vì trình duyệt đang đăng nhập nhiều tài khoản Google cùng lúc. ' +
  'Hãy mở bảng tính trong một hồ sơ Chrome riêng chỉ có tài khoản công việc (hoặc đăng xuất các tài khoản khác), rồi mở lại thanh bên. Chưa có gì được ghi.';

/** The error a failed call is shown as: Google's several-accounts refusal said in Vietnamese with what to do. */
function explainFailure(error: Error): Error {
  return OTHER_ACCOUNT.test(error.message) ? new Error(OTHER_ACCOUNT_ADVICE) : error;
}

export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script.run;
    if (!run) {
      reject(new Error('Không kết nối được với máy chủ Apps Script; hãy mở lại thanh bên.'));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(explainFailure(error)));
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
