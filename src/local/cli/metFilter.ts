/**
 * Which dossiers of a report may have been met before, in memory that does not grow with them: a
 * blocked Bloom filter of their 53-bit hashes (each hash sets 8 bits in one 64-byte block, one cache
 * line). It never misses a dossier met before; it may name one that was not (about one in 10^7 at 64
 * bits a dossier), which the report then reads again to be sure (registerParts.ts).
 *
 * `summary` on two threads gives each its own filter in shared memory: a thread adds to its own and
 * looks in the other's. Adding before looking, with sequentially consistent Atomics, means that of a
 * dossier read on both threads at once at least one of the two readings is named (whichever looked
 * last saw the other's bits), never neither.
 */

/** Bits of a block (64 bytes: 16 words of 32 bits). */
const BLOCK_BITS = 512;
const WORDS_PER_BLOCK = BLOCK_BITS / 32;
/** Bits set by each hash: at 64 bits a dossier, the fewest dossiers wrongly named. */
const PROBES = 8;

const MIN_FILTER_BYTES = 64;

/** The filter's size for about `dossiers` dossiers, 8 bytes each, a power of two between `min` and `max` bytes. */
export function filterBytesFor(dossiers: number, min: number, max: number): number {
  let bytes = Math.max(MIN_FILTER_BYTES, min);
  while (bytes < dossiers * 8 && bytes < max) bytes *= 2;
  return bytes;
}

/**
 * The bits in the block come from the hash's bits the block does not use (its 21 high bits and the
 * low word's top 13; a filter has at most 2^19 blocks), mixed to 32 bits: two dossiers of one block
 * set the same 8 bits about once in 2^32, not once in a few thousand as with a + i·b of 9-bit steps.
 */
const probeSeed = (h: number, lo: number) => Math.imul(Math.floor(h / 4294967296), 0x9e3779b1) ^ (lo >>> 19);
/** The next probe (a 32-bit mix); its top 9 bits are a bit of the block. */
const nextProbe = (s: number) => (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;

/** At most 2^19 blocks: the block's index takes the low word's 19 low bits, the probes the rest. */
export const MAX_FILTER_BYTES = 2 ** 19 * 64;

export class MetFilter {
  private readonly words: Int32Array;
  private readonly blockMask: number;

  /** Over `buffer` (a SharedArrayBuffer when two threads use it), its length a power of two of at least 64 bytes. */
  constructor(readonly buffer: ArrayBufferLike) {
    const blocks = buffer.byteLength / (WORDS_PER_BLOCK * 4);
    if (!Number.isInteger(blocks) || blocks < 1 || (blocks & (blocks - 1)) !== 0 || buffer.byteLength > MAX_FILTER_BYTES) {
      throw new Error(
        `MetFilter: ${buffer.byteLength} bytes is not a power of two from ${MIN_FILTER_BYTES} to ${MAX_FILTER_BYTES}`,
      );
    }
    this.words = new Int32Array(buffer);
    this.blockMask = blocks - 1;
  }

  static ofBytes(bytes: number, shared: boolean): MetFilter {
    return new MetFilter(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** Adds the hash; whether all its bits were set already (it may have been added before). */
  add(h: number): boolean {
    const lo = h >>> 0;
    const base = (lo & this.blockMask) * WORDS_PER_BLOCK;
    let s = probeSeed(h, lo);
    let met = true;
    for (let i = 0; i < PROBES; i += 1) {
      s = nextProbe(s);
      const bit = s >>> 23;
      const mask = 1 << (bit & 31);
      if ((Atomics.or(this.words, base + (bit >>> 5), mask) & mask) === 0) met = false;
    }
    return met;
  }

  /** Whether the hash may have been added (by this thread or another). */
  has(h: number): boolean {
    const lo = h >>> 0;
    const base = (lo & this.blockMask) * WORDS_PER_BLOCK;
    let s = probeSeed(h, lo);
    for (let i = 0; i < PROBES; i += 1) {
      s = nextProbe(s);
      const bit = s >>> 23;
      if ((Atomics.load(this.words, base + (bit >>> 5)) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Forgets every hash (a thread that failed: its files are read again here). */
  clear(): void {
    for (let i = 0; i < this.words.length; i += 1) Atomics.store(this.words, i, 0);
  }
}
