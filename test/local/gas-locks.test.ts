import { runInterleaved, type Job } from '../../src/local/gas/interleave';
import { LocalWorld } from '../../src/local/gas/world';
import type { Services } from '../../src/gas/services';

/**
 * Three officers; with chance 1 the interleaving is fixed: A's first call runs B (which touches
 * nothing), A takes the document lock, A's next call runs C while A holds the lock and is paused.
 */
function scenario(holdMs: number, waiterTimeoutMs: number, waitWith: 'tryLock' | 'waitLock') {
  const world = new LocalWorld();
  const book = world.createSpreadsheetData('Sổ thử', 'a@example.gov.vn');
  const options = (user: string) => ({ user, spreadsheetId: book.id });
  const jobs: Job<{ outcome: string; elapsedMs?: number }>[] = [
    {
      options: options('a@example.gov.vn'),
      run: (s: Services) => {
        const lock = s.lockService.getDocumentLock()!;
        if (!lock.tryLock(20000)) return { outcome: 'busy' };
        s.utilities.sleep(holdMs); // the locked section takes this long
        lock.releaseLock();
        return { outcome: 'saved' };
      },
    },
    { options: options('b@example.gov.vn'), run: () => ({ outcome: 'idle' }) },
    {
      options: options('c@example.gov.vn'),
      run: (s: Services) => {
        const lock = s.lockService.getDocumentLock()!;
        if (waitWith === 'tryLock') {
          if (!lock.tryLock(waiterTimeoutMs)) return { outcome: 'busy' };
        } else {
          try {
            lock.waitLock(waiterTimeoutMs);
          } catch (error) {
            return { outcome: (error as Error).message };
          }
        }
        const elapsedMs = world.runtime.execution.elapsedMs();
        lock.releaseLock();
        return { outcome: 'saved', elapsedMs };
      },
    },
  ];
  return runInterleaved(world, jobs, 7, 1);
}

describe('a waiting lock waits up to its timeout', () => {
  it('gives up when the holder keeps the lock longer than the waiter’s timeout', () => {
    const { results, stats } = scenario(30000, 5000, 'tryLock');
    expect(results.map((r) => r.outcome)).toEqual(['saved', 'idle', 'busy']);
    expect(stats).toMatchObject({ waitedAtLock: 1, timedOutAtLock: 1 });
  });

  it('throws Google’s Lock timeout from waitLock in that case', () => {
    const { results } = scenario(30000, 5000, 'waitLock');
    expect(results[2]!.outcome).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('gets the lock when the holder releases it in time, and counts the wait in its execution', () => {
    const { results, stats } = scenario(1000, 5000, 'tryLock');
    expect(results.map((r) => r.outcome)).toEqual(['saved', 'idle', 'saved']);
    expect(stats.timedOutAtLock).toBe(0);
    expect(stats.waitedAtLock).toBeGreaterThanOrEqual(1);
    // Started again after the wait, its execution still counts about a second spent waiting.
    expect(results[2]!.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(results[2]!.elapsedMs).toBeLessThan(5000);
  });

  it('still times a plain nested run out at once, advancing the clock by the timeout', () => {
    const world = new LocalWorld();
    const book = world.createSpreadsheetData('Sổ thử', 'a@example.gov.vn');
    world.run({ user: 'a@example.gov.vn', spreadsheetId: book.id }, (outer) => {
      outer.lockService.getDocumentLock()!.waitLock(1000);
      world.run({ user: 'b@example.gov.vn', spreadsheetId: book.id }, (inner) => {
        const before = world.clock.nowMs();
        expect(inner.lockService.getDocumentLock()!.tryLock(3000)).toBe(false);
        expect(world.clock.nowMs() - before).toBeGreaterThanOrEqual(3000);
      });
    });
  });
});
