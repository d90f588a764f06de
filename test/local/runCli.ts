/** Runs the real CLI as a child process, as a user does, and collects what it printed. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Concurrent child processes can be slow on a busy machine: a generous timeout per test. */
export const SLOW = 120_000;

/** `cwd`: the folder the user calls it from (this project's by default). */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const { MOTCUA_DEBUG: _debug, ...base } = process.env;
    const child = spawn(process.execPath, [join(process.cwd(), 'scripts', 'cli.mjs'), ...args], {
      env: { ...base, ...env },
      ...(cwd === undefined ? {} : { cwd }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the CLI with its stdout piped into a reader that closes at once (`… | head -0`): every line
 * it prints meets a closed pipe (EPIPE). Answers the exit code and what it said on stderr.
 */
export function runCliStdoutClosed(args: readonly string[]): Promise<Omit<CliRun, 'stdout'>> {
  return new Promise((resolve, reject) => {
    const { MOTCUA_DEBUG: _debug, ...base } = process.env;
    const child = spawn(process.execPath, ['scripts/cli.mjs', ...args], { env: base });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * The same call run inside the test's own process, through run.ts exactly as main.ts runs it: for
 * tests of what a command prints and answers, without a Node start and an exceljs load per call.
 * The real process (its streams, its folder, a closed pipe) stays with `runCli`.
 */
export async function runCommand(args: readonly string[]): Promise<CliRun> {
  const { runCommandLine } = await import('../../src/local/cli/run');
  let stdout = '';
  let stderr = '';
  const code = await runCommandLine(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
