import { CACHE_MAX_ITEMS } from '../../src/local/gas/cacheService';
import { LocalWorld } from '../../src/local/gas/world';

describe('CacheService keeps about 1,000 entries and may evict early', () => {
  it('drops the oldest puts past 1,000 entries, down to 900', () => {
    const world = new LocalWorld();
    world.run({}, (s) => {
      const cache = s.cacheService.getScriptCache();
      for (let i = 0; i < CACHE_MAX_ITEMS; i += 1) cache.put(`k${i}`, String(i), 3600);
      expect(cache.get('k0')).toBe('0');
      cache.put('k0', 'again', 3600); // a put again makes k0 the newest
      cache.put('one-more', 'x', 3600);
      expect(cache.get('k1')).toBeNull();
      expect(cache.get('k101')).toBeNull();
      expect(cache.get('k102')).toBe('102');
      expect(cache.get('k0')).toBe('again');
      expect(cache.get('one-more')).toBe('x');
      const kept = Array.from({ length: CACHE_MAX_ITEMS }, (_, i) => cache.get(`k${i}`)).filter((v) => v !== null);
      expect(kept.length + 1).toBe(900);
    });
  });

  it('lets a test evict every entry before its expiry', () => {
    const world = new LocalWorld();
    world.run({}, (s) => s.cacheService.getScriptCache().put('answer', '42', 21600));
    world.evictCaches();
    world.run({}, (s) => expect(s.cacheService.getScriptCache().get('answer')).toBeNull());
  });
});
