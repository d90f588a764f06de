import fc from 'fast-check';
import { LocalWorld } from '../../src/local/gas/world';
import { ZoneConverter } from '../../src/sheets/dates';

describe('ZoneConverter', () => {
  it('gives Vietnam’s fixed UTC+7 without a call, the same as asking Utilities.formatDate', () => {
    const world = new LocalWorld();
    world.run({}, (s) => {
      const fast = new ZoneConverter(s.utilities, 'Asia/Ho_Chi_Minh');
      const asked = new ZoneConverter(s.utilities, 'Asia/Saigon'); // the same zone under its old name: always asks
      world.runtime.resetCounters();
      expect(fast.toCivil(new Date('2026-03-02T02:00:00Z'))).toEqual({ date: '2026-03-02', minute: 540 });
      expect(world.runtime.counters.calls['Utilities.formatDate'] ?? 0).toBe(0);
      fc.assert(
        fc.property(
          fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
          (d) => {
            const instant = new Date(Math.floor(d.getTime() / 60000) * 60000);
            expect(fast.toCivil(instant)).toEqual(asked.toCivil(instant));
            expect(fast.toDate(fast.toCivil(instant)).getTime()).toBe(instant.getTime());
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
