/**
 * The filter `summary` names the rows that may be a dossier met before with (metFilter.ts): it must
 * never miss one, on one thread or two at once; its false alarms only cost a second reading, but
 * must stay rare at the size it is given.
 */
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cyrb53 } from '../../src/core/requestKey';
import { filterBytesFor, MAX_FILTER_BYTES, MetFilter } from '../../src/local/cli/metFilter';

const hash53 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('MetFilter', () => {
  it('names every hash added before, whatever the hashes and the filter’s size, and says so of none on an empty filter', () => {
    fc.assert(
      fc.property(fc.array(hash53, { maxLength: 300 }), fc.constantFrom(64, 128, 4096), (hashes, bytes) => {
        const filter = MetFilter.ofBytes(bytes, false);
        const fresh = MetFilter.ofBytes(bytes, false);
        for (const h of hashes) filter.add(h);
        for (const h of hashes) {
          expect(filter.has(h)).toBe(true);
          expect(filter.add(h)).toBe(true);
          expect(fresh.has(h)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names none of 300,000 distinct dossier codes wrongly at 8 bytes a dossier (the size summary gives it)', () => {
    // Expected about 0.03 false alarms; probes drawn from 17 of the hash's bits would give several.
    const dossiers = 300_000;
    const filter = MetFilter.ofBytes(filterBytesFor(dossiers, 64, MAX_FILTER_BYTES), false);
    let named = 0;
    for (let i = 0; i < dossiers; i += 1) if (filter.add(cyrb53(`H15.50.${i % 18}-2005${i % 31}-${i}`, 1))) named += 1;
    expect(named).toBe(0);
  });

  it('sizes itself at 8 bytes a dossier in powers of two, within the bounds it is given', () => {
    expect(filterBytesFor(206_757, 256 * 1024, MAX_FILTER_BYTES)).toBe(2 * 1024 * 1024);
    expect(filterBytesFor(10, 256 * 1024, MAX_FILTER_BYTES)).toBe(256 * 1024);
    expect(filterBytesFor(Infinity, 256 * 1024, MAX_FILTER_BYTES / 2)).toBe(16 * 1024 * 1024);
    expect(() => MetFilter.ofBytes(96, false)).toThrow('96 bytes is not a power of two');
    expect(() => MetFilter.ofBytes(2 * MAX_FILTER_BYTES, false)).toThrow('is not a power of two from 64 to 33554432');
  });

  it('names at least one of the two readings of a dossier read on two threads at the same moment', async () => {
    // Each thread adds to its own filter and looks in the other's, as summary's two threads do,
    // over the same 200,000 codes in step: whichever looks last must see the other's bits.
    const module = buildSync({
      entryPoints: [join(__dirname, '../../src/local/cli/metFilter.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      write: false,
    }).outputFiles[0]!.text;
    const code = `
      const module = { exports: {} };
      (function (module, exports) { ${module} })(module, module.exports);
      const { MetFilter } = module.exports;
      const { workerData, parentPort } = require('node:worker_threads');
      const own = new MetFilter(workerData.own);
      const other = new MetFilter(workerData.other);
      const start = new Int32Array(workerData.start);
      Atomics.add(start, 0, 1);
      while (Atomics.load(start, 0) < 2);
      const named = new Uint8Array(workerData.hashes.length);
      workerData.hashes.forEach((h, i) => { if (own.add(h) || other.has(h)) named[i] = 1; });
      parentPort.postMessage(named);`;
    const hashes = Float64Array.from({ length: 200_000 }, (_, i) => cyrb53(`H15.50.01-200504-${i}`, 1));
    const [a, b] = [MetFilter.ofBytes(2 * 1024 * 1024, true), MetFilter.ofBytes(2 * 1024 * 1024, true)];
    const start = new SharedArrayBuffer(4);
    const run = (own: MetFilter, other: MetFilter) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const worker = new Worker(code, { eval: true, workerData: { own: own.buffer, other: other.buffer, start, hashes } });
        worker.once('message', (named: Uint8Array) => void worker.terminate().then(() => resolve(named)));
        worker.once('error', reject);
      });
    const [first, second] = await Promise.all([run(a, b), run(b, a)]);
    const missed = hashes.filter((_, i) => first[i] === 0 && second[i] === 0).length;
    expect(missed).toBe(0);
  }, 30_000);
});
