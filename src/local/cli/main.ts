/** The MotCua command line (design.md §8). Bad arguments: a Vietnamese message and exit code 2. */
import { benchCommand } from './bench';
import { calendarCommand, dueCommand } from './commands';
import { demoCommand } from './demo';
import { USAGE, UsageError } from './usage';

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case 'due':
      log(dueCommand(args));
      return 0;
    case 'calendar':
      log(calendarCommand(args));
      return 0;
    case 'demo':
      await demoCommand(args, log);
      return 0;
    case 'bench':
      benchCommand(log);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`Lệnh “${command}” không tồn tại.\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`Lỗi: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Lỗi: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.MOTCUA_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
      process.exitCode = 1;
    }
  },
);
