import { LocalWorld } from '../../src/local/gas/world';

describe('Utilities.formatDate follows Java SimpleDateFormat letter by letter', () => {
  const world = new LocalWorld();
  const format = (date: Date, pattern: string, zone = 'Asia/Ho_Chi_Minh') =>
    world.run({}, (s) => s.utilities.formatDate(date, zone, pattern));
  // Monday 02/03/2026 08:05:09.007 in Hà Nội.
  const monday = new Date('2026-03-02T01:05:09.007Z');

  it('formats numbers padded to the count and names in English', () => {
    expect(format(monday, 'y yy yyy yyyy yyyyy')).toBe('2026 26 2026 2026 02026');
    expect(format(monday, 'M MM MMM MMMM')).toBe('3 03 Mar March');
    expect(format(monday, 'd dd D DDD F')).toBe('2 02 61 061 1');
    expect(format(monday, 'E EEE EEEE u G')).toBe('Mon Mon Monday 1 AD');
    expect(format(monday, 'H HH k K h hh a')).toBe('8 08 8 8 8 08 AM');
    expect(format(new Date('2026-03-01T17:30:00Z'), 'H k K h a EEEE')).toBe('0 24 0 12 AM Monday');
    expect(format(monday, 'm mm s ss S SSS')).toBe('5 05 9 09 7 007');
  });

  it('formats offsets as RFC 822 (Z) and ISO 8601 (X, XX, XXX)', () => {
    expect(format(monday, 'Z ZZZZ X XX XXX')).toBe('+0700 +0700 +07 +0700 +07:00');
    expect(format(monday, 'Z X XXX', 'UTC')).toBe('+0000 Z Z');
    expect(format(monday, 'XXX', 'America/Los_Angeles')).toBe('-08:00');
  });

  it('reads quotes as Java does', () => {
    expect(format(monday, "yyyy-MM-dd'T'HH:mm")).toBe('2026-03-02T08:05');
    expect(format(monday, "h 'o''clock' ''a''")).toBe("8 o'clock 'AM'");
  });

  it('throws for letters it does not model or Java refuses, instead of something plausible', () => {
    for (const pattern of ['YYYY', 'ww', 'W', 'LLL', 'z', 'zzzz', 'XXXX', 'GGGG', 'q', 'dd/MM/yyyy n', "'open"]) {
      expect(() => format(monday, pattern)).toThrow('Invalid argument: format');
    }
  });
});
