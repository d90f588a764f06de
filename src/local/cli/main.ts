/**
 * The MotCua command line (design.md §8). A bad argument: `Lỗi: <Vietnamese message>` on stderr and
 * exit code 2. Anything else that fails: `Lỗi không mong đợi: …` and exit code 1, with the stack only
 * when MOTCUA_DEBUG is set.
 */
import { calendarCommand, dueCommand } from './commands';
import { describeFailure, parseOptions, USAGE, UsageError } from './usage';

const COMMANDS = ['due', 'calendar', 'summary', 'check', 'reconcile', 'import', 'warn', 'demo', 'bench'];

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => process.stdout.write(`${line}\n`);
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
      if (out.stderr) process.stderr.write(`${out.stderr}\n`);
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
      if (out.stderr) process.stderr.write(`${out.stderr}\n`);
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

// A reader that stops early (`summary … | head -1`) is not an error: leave without a word.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const failure = describeFailure(error, Boolean(process.env.MOTCUA_DEBUG));
    process.stderr.write(failure.text);
    process.exitCode = failure.exitCode;
  },
);
