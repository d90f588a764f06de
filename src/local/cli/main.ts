/**
 * The MotCua command line (design.md §8). A bad argument: `Lỗi: <Vietnamese message>` on stderr and
 * exit code 2. Anything else that fails: `Lỗi không mong đợi: …` and exit code 1, with the stack only
 * when MOTCUA_DEBUG is set.
 */
import { calendarCommand, dueCommand } from './commands';
import { removeEmptyFoldersMadeThisRun } from './outDir';
import { isMainThread } from 'node:worker_threads';
import { describeFailure, parseOptions, USAGE, UsageError } from './usage';

const COMMANDS = ['due', 'calendar', 'summary', 'check', 'reconcile', 'import', 'warn', 'demo', 'bench'];

/** Streams whose reader has gone (`… | head -1`): nothing more is printed there. */
const closed = new Set<NodeJS.WriteStream>();

function print(stream: NodeJS.WriteStream, text: string): void {
  if (!closed.has(stream)) stream.write(text);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => print(process.stdout, `${line}\n`);
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
      await demoCommand(args, log, process.stdout.isTTY ? process.stdout : undefined);
      return 0;
    }
    case 'summary': {
      const { summaryCommand } = await import('./summary');
      const out = await summaryCommand(args);
      log(out.stdout);
      if (out.stderr) print(process.stderr, `${out.stderr}\n`);
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
      if (out.stderr) print(process.stderr, `${out.stderr}\n`);
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

// A reader that stops early (`summary … | head -1`) is not an error: printing stops without a word,
// and the run goes on to its end, so a file being written (a register, with --in-place) is finished
// and the exit code is the run's. Leaving at once here once cut a register short mid-write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed.add(stream);
      return;
    }
    throw error;
  });
}

// The same bundle, started as summary's second thread, reads registers instead (registerParts.ts).
if (!isMainThread) void import('./registerParts').then((parts) => parts.servePartWorker());
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      removeEmptyFoldersMadeThisRun();
      const failure = describeFailure(error, Boolean(process.env.MOTCUA_DEBUG));
      print(process.stderr, failure.text);
      process.exitCode = failure.exitCode;
    },
  );
