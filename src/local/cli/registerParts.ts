/**
 * `summary` reads its registers as parts: each register read, its dossiers counted once within it and
 * tallied for the period on its own, keeping of its rows only their codes (as compared). With two
 * cores, a second thread reads part of the files meanwhile. The parts add up to the report when no
 * dossier is in two registers (`countedApart`); when one is (a copy of a register, a row pasted into
 * another unit's), the caller counts all the registers' rows together (countOnce), as the report is
 * defined. docs/benchmark.md measures both.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { CivilDate } from '../../core/civil';
import { type SummaryPart, summaryPart } from '../../core/summary';
import type { RowProblem } from '../../sheets/periodRecords';
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
  /** The codes of its counted rows, as compared (dossierCodeKey). */
  readonly codeKeys: readonly string[];
  /** Its counted rows without a code, by their content (how a copy of the register is known). */
  readonly copyKeys: readonly string[];
  readonly receptionRefusals: readonly string[];
  readonly tally: SummaryPart;
}

/** One register read and counted for the period on its own. */
async function readRegisterPart(file: string, from: CivilDate, to: CivilDate): Promise<RegisterPart> {
  const register = await readRegisterFile(file);
  const { records, repeats, units, codeKeys } = register.skipped
    ? { records: [], repeats: [], units: [], codeKeys: [] }
    : countOnce([register]);
  return {
    file,
    ...(register.skipped ? { skipped: register.skipped } : {}),
    ...(register.note ? { note: register.note } : {}),
    problems: register.problems,
    repeats,
    units,
    codeKeys,
    copyKeys: records.flatMap((r) => (r.code ? [] : [r.copyKey ?? ''])),
    receptionRefusals: register.receptionRefusals ?? [],
    tally: summaryPart(records, from, to),
  };
}

/**
 * The units of all the parts in the order met and their repeats, when no dossier is in two of them
 * (no code, and no codeless row's content, met in an earlier part); else undefined.
 */
export function countedApart(parts: readonly RegisterPart[]): { units: string[]; repeats: Repeat[] } | undefined {
  const codes = new Set<string>();
  const copies = new Set<string>();
  const units = new Set<string>();
  for (const part of parts) {
    for (const key of part.codeKeys) if (codes.has(key)) return undefined;
    for (const key of part.copyKeys) if (copies.has(key)) return undefined;
    for (const key of part.codeKeys) codes.add(key);
    for (const key of part.copyKeys) copies.add(key);
    for (const unit of part.units) units.add(unit);
  }
  return { units: [...units], repeats: parts.flatMap((p) => p.repeats) };
}

type Outcome = { part: RegisterPart } | { error: { message: string; usage: boolean } };

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
    return { error: { message: e instanceof Error ? e.message : String(e), usage: e instanceof UsageError } };
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

/** Starting a thread costs about as much as reading this much of a register. */
const THREAD_START_BYTES = 3 * 1024 * 1024;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0; // refused when read, with its reason
  }
};

/**
 * The files this thread reads and those a second thread reads, balanced by size (the second
 * starting later), or none for a second thread when it would not pay: one core, little to read,
 * not running as the CLI's bundle (tests import the sources), or MOTCUA_THREADS=1.
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
    total < 2 * THREAD_START_BYTES
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

function onThread(files: readonly string[], from: CivilDate, to: CivilDate): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const task: WorkerTask = { task: PART_WORKER, files, from, to };
    const worker = new Worker(__filename, { workerData: task });
    worker.once('message', (outcomes: Outcome[]) => {
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`luồng đọc sổ dừng với mã ${code}`));
    });
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
  (await away).forEach((outcome, k) => (outcomes[there[k] ?? 0] = outcome));
  const parts: RegisterPart[] = [];
  for (const outcome of outcomes) {
    if (outcome === undefined) break;
    if ('error' in outcome) throw outcome.error.usage ? new UsageError(outcome.error.message) : new Error(outcome.error.message);
    parts.push(outcome.part);
  }
  return parts;
}
