/**
 * `google.script.run` for a real browser page driven by Playwright: calls go to the server's RPC
 * table on the local services, with Apps Script's rules for what may cross: parameters must be
 * primitives, arrays or plain objects (a Date or a function makes the call fail), and a return value
 * holding a Date reaches the client as null. `signedInElsewhere` plays a browser signed in to several
 * Google accounts with the sheet open in another than the first: every call fails as Google fails it
 * (issuetracker 69270374).
 */
import type { Page } from 'playwright-core';
import { RPC, type RpcName } from '../server/rpc';
import type { Services } from '../gas/services';

/** The page side, installed with page.addInitScript before the sidebar's own script runs. */
const CLIENT_SHIM = `(() => {
  function illegal(value) {
    if (value === null || value === undefined) return false;
    const t = typeof value;
    if (t === 'function' || t === 'symbol' || t === 'bigint') return true;
    if (value instanceof Date) return true;
    if (Array.isArray(value)) return value.some(illegal);
    if (t === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return true;
      return Object.values(value).some(illegal);
    }
    return false;
  }
  function runner(success, failure) {
    return new Proxy({}, {
      get(_target, name) {
        if (name === 'withSuccessHandler') return (fn) => runner(fn, failure);
        if (name === 'withFailureHandler') return (fn) => runner(success, fn);
        if (name === 'withUserObject') return () => runner(success, failure);
        return (...args) => {
          if (args.some(illegal)) {
            const error = new Error('Invalid argument: parameters must be primitives, arrays or plain objects.');
            setTimeout(() => (failure ? failure(error) : console.error(error)), 0);
            return;
          }
          window.__gasCall(String(name), JSON.stringify(args)).then((reply) => {
            const parsed = JSON.parse(reply);
            if (parsed.error !== undefined) { if (failure) failure(new Error(parsed.error)); }
            else if (success) success(parsed.value);
          });
        };
      },
    });
  }
  window.google = { script: { run: runner(undefined, undefined), host: { close() {} } } };
})();`;

/** Google's answer to a call made from a sheet open in a browser's second account (issuetracker 69270374). */
const SIGNED_IN_ELSEWHERE =
  "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.";

function holdsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(holdsDate);
  if (value && typeof value === 'object') return Object.values(value).some(holdsDate);
  return false;
}

/** The Node side: runs one call in its own execution and answers as Apps Script would. */
function serveCall(execute: <T>(fn: (services: Services) => T) => T, name: string, argsJson: string): string {
  if (!(name in RPC)) return JSON.stringify({ error: `Script function not found: ${name}` });
  try {
    const args = JSON.parse(argsJson) as unknown[];
    const fn = RPC[name as RpcName] as (s: Services, ...a: unknown[]) => unknown;
    const value = execute((services) => fn(services, ...args));
    return JSON.stringify({ value: holdsDate(value) ? null : (value ?? null) });
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Opens a built sidebar or dialog in `page` with the shim: a real navigation to `url` (init scripts do
 * not run for setContent) answered with `html` without network, each call run by `execute`.
 */
export async function openWithShim(
  page: Page,
  html: string,
  url: string,
  execute: <T>(fn: (services: Services) => T) => T,
  options: { readonly signedInElsewhere?: boolean } = {},
): Promise<void> {
  await page.exposeFunction('__gasCall', (name: string, args: string) =>
    options.signedInElsewhere ? JSON.stringify({ error: SIGNED_IN_ELSEWHERE }) : serveCall(execute, name, args),
  );
  await page.addInitScript(CLIENT_SHIM);
  await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
}
