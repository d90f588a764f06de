/**
 * The MotCua command line (design.md §8) on the process's own streams: run.ts does the work, this
 * file says where its output goes and sets the exit code.
 */
import { isMainThread } from 'node:worker_threads';
import { runCommandLine } from './run';

/** Streams whose reader has gone (`… | head -1`): nothing more is printed there. */
const closed = new Set<NodeJS.WriteStream>();

function print(stream: NodeJS.WriteStream, text: string): void {
  if (!closed.has(stream)) stream.write(text);
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
  void runCommandLine(process.argv.slice(2), {
    stdout: (text) => print(process.stdout, text),
    stderr: (text) => print(process.stderr, text),
    ...(process.stdout.isTTY ? { tty: process.stdout } : {}),
    debug: Boolean(process.env.MOTCUA_DEBUG),
  }).then((code) => {
    process.exitCode = code;
  });
