/**
 * One call of the command line, from its arguments to its exit code (design.md §8): what main.ts runs
 * on the process's own streams, and what the tests run in-process on strings. A bad argument:
 * `Lỗi: <Vietnamese message>` on stderr and exit code 2. Anything else that fails: `Lỗi không mong
 * đợi: …` and exit code 1, with the stack only under `debug`.
 */
import type { BarStream } from './progress';
import { calendarCommand, dueCommand } from './commands';
import { forgetFoldersMadeBefore, removeEmptyFoldersMadeThisRun } from './outDir';
import { describeFailure, parseOptions, USAGE, UsageError } from './usage';

const COMMANDS = ['due', 'calendar', 'summary', 'check', 'reconcile', 'import', 'warn', 'demo', 'bench'];

export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The terminal the demo draws its bar on, when stdout is one. */
  readonly tty?: BarStream;
  /** Stacks in unexpected failures (MOTCUA_DEBUG). */
  readonly debug?: boolean;
}

async function dispatch(argv: readonly string[], io: CliOutput): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => io.stdout(`${line}\n`);
  if (command === 'help' || command === '--help' || command === '-h' || args.includes('--help') || args.includes('-h')) {
    log(USAGE);
    return 0;
  }
  switch (command) {
    case 'due':
      log(dueCommand(args));
      return 0;
    case 'calendar':
      log(calendarCommand(args));
      return 0;
    // demo and bench load the local services and exceljs: only when asked, so due and calendar start fast.
    case 'demo': {
      const { demoCommand } = await import('./demo');
      await demoCommand(args, log, io.tty);
      return 0;
    }
    case 'summary': {
      const { summaryCommand } = await import('./summary');
      const out = await summaryCommand(args);
      log(out.stdout);
      if (out.stderr) io.stderr(`${out.stderr}\n`);
      return out.code;
    }
    case 'check': {
      const { checkCommand } = await import('./summary');
      const out = await checkCommand(args);
      log(out.stdout);
      return out.code;
    }
    case 'reconcile': {
      const { reconcileCommand } = await import('./reconcile');
      const out = await reconcileCommand(args);
      if (out.stderr) io.stderr(`${out.stderr}\n`);
      log(out.stdout);
      return out.code;
    }
    case 'import': {
      const { importCommand } = await import('./import');
      return importCommand(args, log);
    }
    case 'warn': {
      const { warnCommand } = await import('./warn');
      await warnCommand(args, log);
      return 0;
    }
    case 'bench': {
      parseOptions('bench', args, {});
      const { benchCommand } = await import('./bench');
      return benchCommand(log);
    }
    case undefined:
      throw new UsageError(`Chưa có lệnh: chọn một trong ${COMMANDS.join(', ')}.\n\n${USAGE}`);
    default:
      throw new UsageError(`Lệnh “${command}” không tồn tại: chọn một trong ${COMMANDS.join(', ')}.\n\n${USAGE}`);
  }
}

/** Runs one command to its end and answers its exit code; it never throws. */
export async function runCommandLine(argv: readonly string[], io: CliOutput): Promise<number> {
  forgetFoldersMadeBefore();
  try {
    return await dispatch(argv, io);
  } catch (error: unknown) {
    removeEmptyFoldersMadeThisRun();
    const failure = describeFailure(error, io.debug ?? false);
    io.stderr(failure.text);
    return failure.exitCode;
  }
}
