/**
 * `summary` reads its registers as parts: each register read and its rows counted for the period as
 * they come, keeping of them only a 53-bit hash each (its code as compared, or a codeless row's
 * content). The parts add up to the report when no dossier is met twice (`countedApart`); when one is
 * (a code twice within a register, a copy of a register, a row pasted into another unit's), the rows
 * are read again and counted together by countOnce, which defines the report. From 64 MB of registers
 * a second thread reads part of the files. docs/architecture.md says why; docs/benchmark.md measures it.
 */
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { CivilDate } from '../../core/civil';
import { dossierCodeKey } from '../../core/dossierCode';
import { HashSet } from '../../core/hashSet';
import { cyrb53 } from '../../core/requestKey';
import { partTally, type SummaryPart, summaryPart } from '../../core/summary';
import type { ReportRecord, RowProblem } from '../../sheets/periodRecords';
import { readRegisterFile } from './registers';
import { countOnce, type Repeat } from './repeats';
import { UsageError } from './usage';

export interface RegisterPart {
  readonly file: string;
  /** Why the file was not read as a register (a report, the council's copy). */
  readonly skipped?: string;
  readonly note?: string;
  readonly problems: readonly RowProblem[];
  /** Rows met again within this register. */
  readonly repeats: readonly Repeat[];
  /** The units it reports for, in the order met (countOnce). */
  readonly units: readonly string[];
  /**
   * Its counted rows, each by a 53-bit hash (cyrb53) of its code as compared (dossierCodeKey), or for
   * a row without one of its content (how a copy of the register is known): 8 bytes a dossier, never
   * the rows themselves. Two dossiers alike in it (about one chance in 10^4 among 2 million) only
   * make the report count all rows together.
   */
  readonly hashes: Float64Array;
  readonly receptionRefusals: readonly string[];
  readonly tally: SummaryPart;
}

/** One register read and counted for the period on its own. */
async function readRegisterPart(file: string, from: CivilDate, to: CivilDate): Promise<RegisterPart> {
  // Rows counted as they are read, none kept: a code's hash met twice stops that (see below).
  const tally = partTally(from, to);
  const hashes = new HashList();
  const codes = new HashSet(1 << 14);
  const units = new Set<string>();
  let distinct = true;
  const register = await readRegisterFile(file, (record) => {
    if (!distinct) return;
    const hash = rowHash(record);
    // Two codeless rows alike within one register are two dossiers (nothing else tells them apart).
    if (record.code) {
      if (codes.has(hash)) {
        distinct = false;
        return;
      }
      codes.add(hash);
    }
    hashes.push(hash);
    units.add(record.unit);
    tally.add(record);
  });
  const part = {
    file,
    ...(register.skipped ? { skipped: register.skipped } : {}),
    ...(register.note ? { note: register.note } : {}),
    problems: register.problems,
    receptionRefusals: register.receptionRefusals ?? [],
  };
  if (register.skipped) return { ...part, repeats: [], units: [], hashes: new Float64Array(0), tally: tally.part() };
  if (distinct) {
    // A register without a dossier in it still has its line ("none" is not "not reported"), as countOnce gives it.
    const named = hashes.length === 0 ? [basename(file, extname(file))] : [...units];
    return { ...part, repeats: [], units: named, hashes: hashes.values(), tally: tally.part() };
  }
  // A code twice within the register (a row pasted twice, a conflict): read again, counted by countOnce.
  const again = await readRegisterFile(file);
  const { records, repeats, units: met } = countOnce([again]);
  return { ...part, repeats, units: met, hashes: Float64Array.from(records, rowHash), tally: summaryPart(records, from, to) };
}

/** How a counted row is known across registers: its code as compared, or a codeless row's content. */
const rowHash = (r: ReportRecord) => (r.code ? cyrb53(dossierCodeKey(r.code), 1) : cyrb53(r.copyKey ?? '', 2));

/** Hashes in one typed array, grown as they come: 8 bytes a dossier (an array of numbers takes twice that while it grows). */
class HashList {
  private items = new Float64Array(1024);
  length = 0;

  push(h: number): void {
    if (this.length === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length] = h;
    this.length += 1;
  }

  /** The hashes, in an array of their own size. */
  values(): Float64Array {
    return this.items.slice(0, this.length);
  }
}

/**
 * The units of all the parts in the order met and their repeats, when no dossier is in two of them
 * (no code, and no codeless row's content, met in an earlier part); else
 * undefined (also when two dossiers' hashes are alike: the caller then compares their rows).
 */
export function countedApart(parts: readonly RegisterPart[]): { units: string[]; repeats: Repeat[] } | undefined {
  const seen = new HashSet(parts.reduce((n, p) => n + p.hashes.length, 0));
  const units = new Set<string>();
  for (const part of parts) {
    for (const h of part.hashes) if (seen.has(h)) return undefined;
    // Added after: two codeless rows alike within one register are two dossiers (nothing else tells them apart).
    for (const h of part.hashes) seen.add(h);
    for (const unit of part.units) units.add(unit);
  }
  return { units: [...units], repeats: parts.flatMap((p) => p.repeats) };
}

/** An error crosses threads as plain data: its message, whether it is the user's, its stack (MOTCUA_DEBUG shows it). */
type Outcome = { part: RegisterPart } | { error: { message: string; usage: boolean; stack?: string } };

const PART_WORKER = 'motcua-register-parts';

interface WorkerTask {
  readonly task: typeof PART_WORKER;
  readonly files: readonly string[];
  readonly from: CivilDate;
  readonly to: CivilDate;
}

const isWorkerTask = (data: unknown): data is WorkerTask =>
  typeof data === 'object' && data !== null && (data as { task?: unknown }).task === PART_WORKER;

async function outcomeOf(file: string, from: CivilDate, to: CivilDate): Promise<Outcome> {
  try {
    return { part: await readRegisterPart(file, from, to) };
  } catch (e) {
    return {
      error: {
        message: e instanceof Error ? e.message : String(e),
        usage: e instanceof UsageError,
        ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
      },
    };
  }
}

/** In a thread started by readRegisterParts: reads its files and sends their outcomes back. Answers whether it was one. */
export function servePartWorker(): boolean {
  const task: unknown = workerData;
  if (!isWorkerTask(task) || !parentPort) return false;
  const port = parentPort;
  void (async () => {
    const outcomes: Outcome[] = [];
    for (const file of task.files) outcomes.push(await outcomeOf(file, task.from, task.to));
    port.postMessage(outcomes);
  })();
  return true;
}

/** Starting a thread (Node, then the CLI's bundle) costs about as much as reading this much of a register. */
const THREAD_START_BYTES = 6 * 1024 * 1024;
/**
 * Below this much to read, a second thread does not pay on two cores: it compiles the bundle and warms
 * up on its own, and the two threads share the cores with the garbage collector's helpers (docs/benchmark.md:
 * the seed's 30 MB take as long on two threads as on one; ten times the seed, 30 % less).
 * MOTCUA_THREADS=1 never starts one; MOTCUA_THREADS=2 starts one whatever the size.
 */
const THREADS_PAY_BYTES = 64 * 1024 * 1024;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0; // refused when read, with its reason
  }
};

/**
 * The files this thread reads and those a second thread reads, balanced by size (the second
 * starting later), or none for a second thread when it would not pay: one core, less than
 * THREADS_PAY_BYTES to read, not running as the CLI's bundle (tests import the sources).
 */
function shares(files: readonly string[]): { here: number[]; there: number[] } {
  const all = files.map((_, i) => i);
  const sizes = files.map(sizeOf);
  const total = sizes.reduce((a, b) => a + b, 0);
  const bundled = __filename.endsWith('.cjs');
  if (
    !bundled ||
    process.env.MOTCUA_THREADS === '1' ||
    availableParallelism() < 2 ||
    files.length < 2 ||
    total < (process.env.MOTCUA_THREADS === '2' ? 0 : THREADS_PAY_BYTES)
  ) {
    return { here: all, there: [] };
  }
  const here: number[] = [];
  const there: number[] = [];
  let hereLoad = 0;
  let thereLoad = THREAD_START_BYTES;
  for (const i of [...all].sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0))) {
    if (hereLoad <= thereLoad) {
      here.push(i);
      hereLoad += sizes[i] ?? 0;
    } else {
      there.push(i);
      thereLoad += sizes[i] ?? 0;
    }
  }
  return { here: here.sort((a, b) => a - b), there: there.sort((a, b) => a - b) };
}

/**
 * The second thread's heap: about three times its largest register (a register of 100,000 rows
 * needs a fraction of 128 MB); a thread that runs out of it leaves its files to this one.
 */
const threadHeapMb = (largest: number) => Math.max(128, Math.ceil((3 * largest) / (1024 * 1024)));

/** The outcomes of `files` read on a second thread, or undefined when it could not finish (out of memory). */
function onThread(files: readonly string[], from: CivilDate, to: CivilDate): Promise<Outcome[] | undefined> {
  const heap = threadHeapMb(Math.max(0, ...files.map(sizeOf)));
  return new Promise((resolve) => {
    const task: WorkerTask = { task: PART_WORKER, files, from, to };
    let worker: Worker;
    try {
      worker = new Worker(__filename, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: heap } });
    } catch {
      resolve(undefined); // no thread to be had: the files are read here
      return;
    }
    worker.once('message', (outcomes: Outcome[]) => {
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

/**
 * Every file read as a part, in the order given; the first file (in that order) that cannot be
 * read stops it with its reason, as reading them one by one would.
 */
export async function readRegisterParts(files: readonly string[], from: CivilDate, to: CivilDate): Promise<RegisterPart[]> {
  const { here, there } = shares(files);
  const outcomes: Outcome[] = new Array(files.length);
  const away =
    there.length > 0
      ? onThread(
          there.map((i) => files[i] ?? ''),
          from,
          to,
        )
      : Promise.resolve([]);
  for (const i of here) {
    outcomes[i] = await outcomeOf(files[i] ?? '', from, to);
    // Sequentially, the first unreadable file stops the run: later ones are not read.
    if ('error' in outcomes[i]! && there.length === 0) break;
  }
  const fromThread = await away;
  for (const [k, i] of there.entries()) {
    // A thread that ran out of memory on a huge register: its files are read here.
    outcomes[i] = fromThread?.[k] ?? (await outcomeOf(files[i] ?? '', from, to));
  }
  const parts: RegisterPart[] = [];
  for (const outcome of outcomes) {
    if (outcome === undefined) break;
    if ('error' in outcome) {
      const error = outcome.error.usage ? new UsageError(outcome.error.message) : new Error(outcome.error.message);
      if (outcome.error.stack) error.stack = outcome.error.stack;
      throw error;
    }
    parts.push(outcome.part);
  }
  return parts;
}
