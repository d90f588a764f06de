/**
 * `CacheService`: document and script caches with Google's limits on keys, values, lifetimes and
 * entries, and eviction at will (`evictAll`), so code treats a hit as a bonus, never as storage.
 */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { Execution, Runtime } from './runtime';

const CACHE_KEY_LIMIT = 250;
const CACHE_VALUE_LIMIT = 100 * 1024;
/** "100KB" per value: counted in UTF-8 bytes, the stricter reading (a Vietnamese letter is 2–3). */
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const CACHE_MAX_SECONDS = 21600;
/**
 * Google caps a cache at 1,000 items ("If more than 1,000 items are written, the cache stores the 900
 * items farthest from expiration", Cache.putAll); measured, it drops about 100 at once, oldest put
 * first. Modelled as: past 1,000 entries, the oldest puts go until 900 remain.
 */
export const CACHE_MAX_ITEMS = 1000;
const CACHE_KEPT_ON_EVICTION = 900;

interface Entry {
  value: string;
  expiresMs: number;
}

export class LocalCaches {
  private readonly caches = new Map<string, Map<string, Entry>>();

  constructor(private readonly runtime: Runtime) {}

  /** Empties every cache now, as Google may (memory pressure, the 1,000-item cap). */
  evictAll(): void {
    for (const entries of this.caches.values()) entries.clear();
  }

  serviceFor(execution: Execution): S.CacheServiceService {
    return {
      getDocumentCache: () => {
        this.runtime.touch('CacheService.getDocumentCache');
        return execution.activeSpreadsheetId ? this.cacheOf(`doc:${execution.activeSpreadsheetId}`) : null;
      },
      getScriptCache: () => {
        this.runtime.touch('CacheService.getScriptCache');
        return this.cacheOf('script');
      },
    };
  }

  private cacheOf(name: string): S.Cache {
    let entries = this.caches.get(name);
    if (!entries) {
      entries = new Map();
      this.caches.set(name, entries);
    }
    const store = entries;
    const clock = this.runtime.clock;
    return {
      get: (k) => {
        this.runtime.charge('Cache.get', 'cacheGet');
        const e = store.get(k);
        if (!e || e.expiresMs <= clock.nowMs()) return null;
        return e.value;
      },
      put: (k, v, seconds) => {
        this.runtime.charge('Cache.put', 'cachePut');
        if (k.length > CACHE_KEY_LIMIT) throw googleError('Argument too large: key');
        if (bytes(v) > CACHE_VALUE_LIMIT) throw googleError('Argument too large: value');
        const ttl = Math.min(Math.max(1, seconds), CACHE_MAX_SECONDS);
        // Map order is put order: a put of an existing key makes it the newest.
        store.delete(k);
        store.set(k, { value: v, expiresMs: clock.nowMs() + ttl * 1000 });
        if (store.size > CACHE_MAX_ITEMS) {
          const now = clock.nowMs();
          for (const [key, e] of store) if (e.expiresMs <= now) store.delete(key);
          for (const key of store.keys()) {
            if (store.size <= CACHE_KEPT_ON_EVICTION) break;
            store.delete(key);
          }
        }
      },
      remove: (k) => {
        this.runtime.charge('Cache.remove', 'cachePut');
        store.delete(k);
      },
    };
  }
}
