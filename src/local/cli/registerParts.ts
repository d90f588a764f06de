/**
 * `summary` reads its registers as parts: each register read and its rows counted for the period as
 * they come, none kept. A filter of fixed size (MetFilter: 32 MB at most, however many dossiers)
 * names the few rows that may be a dossier met before (a code twice within a register, a copy of a
 * register, a row pasted into another unit's); only those are looked into, by reading again
 * (settleParts). A register with a code met twice is counted again by countOnce; a dossier in two
 * registers makes all their rows counted together by countOnce, which defines the report. From 64 MB
 * of registers a second thread reads part of the files. docs/architecture.md says why;
 * docs/benchmark.md measures it.
 */
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { CivilDate } from '../../core/civil';
import { dossierCodeKey } from '../../core/dossierCode';
import { cyrb53 } from '../../core/requestKey';
import { partTally, type SummaryPart, summaryPart } from '../../core/summary';
import type { ReportRecord, RowProblem } from '../../sheets/periodRecords';
import { filterBytesFor, MAX_FILTER_BYTES, MetFilter } from './metFilter';
import { readRegisterFile, type RegisterFile } from './registers';
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
   * Its rows that may be a dossier met before, in this register or another (MetFilter): by the
   * 53-bit hash (cyrb53) of its code as compared (dossierCodeKey), or for a row without one of its
   * content, how many rows were named and whether one had a code (one entry however many alike rows
   * are named: a register of a million alike codeless rows). None in the usual register;
   * settleParts tells which were.
   */
  readonly metBefore: ReadonlyMap<number, MetRows>;
  /**
   * Every row's hash, kept only for a register that cannot be read again alike (a pipe, a device):
   * settleParts counts in them what it would read again.
   */
  readonly rowHashes?: readonly number[];
  /** The file as it was when first read (fileStamp): read again, it must be the same. */
  readonly stamp?: string;
  readonly receptionRefusals: readonly string[];
  readonly tally: SummaryPart;
}

interface MetRows {
  times: number;
  coded: boolean;
}

/** The filters a thread reads its registers with: its own, and the other thread's (looked in, never added to). */
interface MetFilters {
  readonly own: MetFilter;
  readonly other?: MetFilter;
}

/** One register read and counted for the period on its own. */
async function readRegisterPart(file: string, from: CivilDate, to: CivilDate, filters: MetFilters): Promise<RegisterPart> {
  // Rows counted as they are read, none kept: only those that may be met before are named.
  const tally = partTally(from, to);
  const metBefore = new Map<number, MetRows>();
  const units = new Set<string>();
  let rows = 0;
  // A pipe's rows are rare and few: an array of numbers, 8 bytes each.
  const kept: number[] | undefined = readsAgain(file) ? undefined : [];
  const stamp = kept ? undefined : fileStamp(file);
  const register = await readRegisterFile(file, (record) => {
    const hash = rowHash(record);
    kept?.push(hash);
    // Added to this thread's filter before looking in the other's (metFilter.ts says why).
    const met = filters.own.add(hash);
    if (met || filters.other?.has(hash)) {
      const at = metBefore.get(hash);
      if (at === undefined) metBefore.set(hash, { times: 1, coded: record.code !== '' });
      else {
        at.times += 1;
        at.coded ||= record.code !== '';
      }
    }
    rows += 1;
    units.add(record.unit);
    tally.add(record);
  });
  const part = {
    file,
    ...(register.skipped ? { skipped: register.skipped } : {}),
    ...(register.note ? { note: register.note } : {}),
    problems: register.problems,
    receptionRefusals: register.receptionRefusals ?? [],
    repeats: [],
    metBefore,
    ...(kept ? { rowHashes: kept } : {}),
    ...(stamp === undefined ? {} : { stamp }),
    tally: tally.part(),
  };
  if (register.skipped) return { ...part, units: [] };
  // A register without a dossier in it still has its line ("none" is not "not reported"), as countOnce gives it.
  return { ...part, units: rows === 0 ? [basename(file, extname(file))] : [...units] };
}

/**
 * Whether reading the file again gives its rows again: a regular file does; a pipe (mkfifo) is empty
 * or waits for a writer forever once read, a device gives other bytes.
 */
function readsAgain(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return true; // refused when read, with its reason
  }
}

/** Which file is at the name and what it holds, as far as the system says (its node, size and times to the nanosecond). */
function fileStamp(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/**
 * A register read again as it was first read (its rows visited, or returned): one rewritten in
 * between (an export job writing it while the report runs) is refused, as a report mixing two
 * readings could count a dossier twice or not at all.
 */
export async function readPartAgain(part: RegisterPart, visit?: (record: ReportRecord) => void): Promise<RegisterFile> {
  const changed = () => part.stamp !== undefined && fileStamp(part.file) !== part.stamp;
  if (changed()) throw rewritten(part.file);
  const read = await readRegisterFile(part.file, visit);
  if (changed()) throw rewritten(part.file);
  return read;
}

const rewritten = (file: string) =>
  new UsageError(
    `“${file}” đã thay đổi trong khi đang lập báo cáo (có chương trình đang ghi vào tệp): hãy chạy lại khi tệp đã ghi xong.`,
  );

/** How a counted row is known across registers: its code as compared, or a codeless row's content. */
const rowHash = (r: ReportRecord) => (r.code ? cyrb53(dossierCodeKey(r.code), 1) : cyrb53(r.copyKey ?? '', 2));

/**
 * The registers' parts, each dossier counted once in them, when no dossier is in two registers;
 * else undefined (the caller counts all their rows together, countOnce). Only the rows the filters
 * named are looked into, by reading again first the registers they are in: a row named in one
 * register, met there once more than named, was first met there (the filters name every later
 * meeting, metFilter.ts); a code met twice within it makes that register counted again by countOnce,
 * as its repeats say. Any other named row (the filter's rare false alarm, or a dossier also in
 * another register) is searched for in every register.
 */
export async function settleParts(
  parts: readonly RegisterPart[],
  from: CivilDate,
  to: CivilDate,
): Promise<RegisterPart[] | undefined> {
  const named = new Map<number, { part: number; times: number; coded: boolean }>();
  for (const [i, part] of parts.entries()) {
    for (const [hash, { times, coded }] of part.metBefore) {
      if (named.has(hash)) return undefined; // named in two registers: met in both
      named.set(hash, { part: i, times, coded });
    }
  }
  const settled = [...parts];
  if (named.size === 0) return settled;
  const countedAgain = (i: number, again: RegisterFile) => {
    const { records, repeats, units } = countOnce([again]);
    settled[i] = { ...parts[i]!, repeats, units, tally: summaryPart(records, from, to) };
  };
  const unexplained = new Map<number, { part: number; times: number }>();
  for (const [i, part] of parts.entries()) {
    if (part.metBefore.size === 0) continue;
    // A code named most likely is a repeat, which countOnce needs the register whole for: read whole once.
    const whole = !part.rowHashes && [...part.metBefore.values()].some((m) => m.coded) ? await readPartAgain(part) : undefined;
    const times = await occurrences(part, named, whole);
    let codeMetTwice = false;
    for (const [hash, at] of named) {
      const n = times.get(hash) ?? 0;
      if (at.part !== i) {
        if (n > 0) return undefined; // named in another register, met in this one
        continue;
      }
      if (n !== at.times + 1) unexplained.set(hash, { part: i, times: n });
      else codeMetTwice ||= at.coded;
    }
    if (codeMetTwice) countedAgain(i, whole ?? (await readPartAgain(part)));
  }
  if (unexplained.size > 0) {
    for (const [j, part] of parts.entries()) {
      const times = await occurrences(part, unexplained);
      for (const hash of times.keys()) if (unexplained.get(hash)?.part !== j) return undefined;
    }
    // Each was met only in its own register: a code met twice there makes it counted again.
    for (const [hash, { part, times }] of unexplained) {
      if (named.get(hash)?.coded && times >= 2 && settled[part] === parts[part])
        countedAgain(part, await readPartAgain(parts[part]!));
    }
  }
  return settled;
}

/** How many times each hash asked for is among a register's rows: those of it read whole, its hashes kept, or read again as they come (none kept). */
async function occurrences(
  part: RegisterPart,
  wanted: ReadonlyMap<number, unknown>,
  whole?: RegisterFile,
): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  const count = (hash: number) => {
    if (wanted.has(hash)) times.set(hash, (times.get(hash) ?? 0) + 1);
  };
  if (whole) for (const record of whole.records) count(rowHash(record));
  else if (part.rowHashes) part.rowHashes.forEach(count);
  else await readPartAgain(part, (record) => count(rowHash(record)));
  return times;
}

/**
 * The units of all the parts in the order met and their repeats (parts settled: no dossier in two
 * of them).
 */
export function unitsAndRepeats(parts: readonly RegisterPart[]): { units: string[]; repeats: Repeat[] } {
  const units = new Set<string>();
  for (const part of parts) for (const unit of part.units) units.add(unit);
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
  /** Its own filter, and this thread's (shared memory). */
  readonly filters: { readonly own: SharedArrayBuffer; readonly other: SharedArrayBuffer };
}

const isWorkerTask = (data: unknown): data is WorkerTask =>
  typeof data === 'object' && data !== null && (data as { task?: unknown }).task === PART_WORKER;

async function outcomeOf(file: string, from: CivilDate, to: CivilDate, filters: MetFilters): Promise<Outcome> {
  try {
    return { part: await readRegisterPart(file, from, to, filters) };
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
  const filters = { own: new MetFilter(task.filters.own), other: new MetFilter(task.filters.other) };
  void (async () => {
    const outcomes: Outcome[] = [];
    for (const file of task.files) outcomes.push(await outcomeOf(file, task.from, task.to, filters));
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
 * MOTCUA_THREADS=1 never starts one; MOTCUA_THREADS=2 starts one whatever the size, once the files are
 * enough to share (a thread gets files only beyond THREAD_START_BYTES).
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
 * About how many dossiers a file may hold at most, by its size: a CSV row takes 64 bytes or more (the
 * seed's, 145), a workbook's compressed row 16 or more; a pipe or a device, as many as the filter holds.
 */
function dossiersAtMost(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return Infinity;
    return Math.ceil(stat.size / (/\.xlsx$/i.test(file) ? 16 : 64));
  } catch {
    return 0; // refused when read, with its reason
  }
}

/** All threads' filters together: 32 MB, whatever the number of dossiers (about 10^-7 false alarms a dossier up to 4 million). */
const FILTERS_BYTES = MAX_FILTER_BYTES;
/** A filter's least size: small registers need little, and a filter too small only costs a second reading. */
const LEAST_FILTER_BYTES = 256 * 1024;

/** A thread's filter, sized for its files' dossiers within its share of FILTERS_BYTES. */
function filterFor(files: readonly string[], threads: number, shared: boolean): MetFilter {
  const dossiers = files.reduce((n, f) => n + dossiersAtMost(f), 0);
  return MetFilter.ofBytes(filterBytesFor(dossiers, LEAST_FILTER_BYTES, FILTERS_BYTES / threads), shared);
}

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
function onThread(
  files: readonly string[],
  from: CivilDate,
  to: CivilDate,
  filters: { own: SharedArrayBuffer; other: SharedArrayBuffer },
): Promise<Outcome[] | undefined> {
  const heap = threadHeapMb(Math.max(0, ...files.map(sizeOf)));
  return new Promise((resolve) => {
    const task: WorkerTask = { task: PART_WORKER, files, from, to, filters };
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
    // Once it has stopped: nothing adds to its filter any more.
    worker.once('error', () => void worker.terminate().then(() => resolve(undefined)));
    worker.once('exit', () => resolve(undefined));
  });
}

/**
 * Every file read as a part, in the order given; the first file (in that order) that cannot be
 * read stops it with its reason, as reading them one by one would.
 */
export async function readRegisterParts(
  files: readonly string[],
  from: CivilDate,
  to: CivilDate,
  /** This thread's filter instead (tests: a full one names every row). */
  filter?: MetFilter,
): Promise<RegisterPart[]> {
  const { here, there } = shares(files);
  const outcomes: Outcome[] = new Array(files.length);
  const threads = there.length > 0 ? 2 : 1;
  const named = (indexes: number[]) => indexes.map((i) => files[i] ?? '');
  const own = filter ?? filterFor(named(here), threads, threads > 1);
  const theirs = threads > 1 ? filterFor(named(there), threads, true) : undefined;
  const away =
    theirs !== undefined
      ? onThread(named(there), from, to, {
          own: theirs.buffer as SharedArrayBuffer,
          other: own.buffer as SharedArrayBuffer,
        })
      : Promise.resolve([]);
  const filters: MetFilters = { own, ...(theirs ? { other: theirs } : {}) };
  for (const i of here) {
    outcomes[i] = await outcomeOf(files[i] ?? '', from, to, filters);
    // Sequentially, the first unreadable file stops the run: later ones are not read.
    if ('error' in outcomes[i]! && there.length === 0) break;
  }
  const fromThread = await away;
  // A thread that ran out of memory on a huge register, or could not start: its files are read here,
  // into this thread's filter (what it added to its own is forgotten; what this thread named for it
  // is only read again by settleParts).
  if (fromThread === undefined) theirs?.clear();
  for (const [k, i] of there.entries()) outcomes[i] = fromThread?.[k] ?? (await outcomeOf(files[i] ?? '', from, to, { own }));
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
