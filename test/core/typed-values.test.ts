/** Statuses, channels and headers as people type them: any case, decomposed accents, stray spaces. */
import fc from 'fast-check';
import { CHANNELS, DOSSIER_STATUSES } from '../../src/core/dossier';
import { matchValue, nearestValue } from '../../src/core/typedValues';
import { REGISTER_COLUMNS } from '../../src/sheets/schema';

const retyped = (value: string) =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }),
      nfd: fc.boolean(),
      before: fc.constantFrom('', ' ', '  ', '\t'),
      after: fc.constantFrom('', ' ', '\u00a0'),
      doubled: fc.boolean(),
    })
    .map(({ upper, nfd, before, after, doubled }) => {
      const cased = [...value].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('');
      const spaced = doubled ? cased.replace(/ /g, '  ') : cased;
      return `${before}${nfd ? spaced.normalize('NFD') : spaced}${after}`;
    });

describe('values typed into catalogue columns', () => {
  it('reads every status, channel and header in any case, Unicode form and spacing as the catalogue value', () => {
    for (const list of [DOSSIER_STATUSES, CHANNELS, REGISTER_COLUMNS] as readonly (readonly string[])[]) {
      fc.assert(
        fc.property(
          fc.constantFrom(...list).chain((value) => retyped(value).map((typed) => ({ value, typed }))),
          ({ value, typed }) => {
            expect(matchValue(typed, list)).toBe(value);
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('names the nearest catalogue value of a near miss, and matches no other text', () => {
    expect(matchValue('đã trả kêt quả', DOSSIER_STATUSES)).toBeUndefined();
    expect(nearestValue('đã trả kêt quả', DOSSIER_STATUSES)).toEqual({ value: 'Đã trả kết quả', distance: 1 });
    expect(matchValue('Nguyễn Văn A', DOSSIER_STATUSES)).toBeUndefined();
    expect(nearestValue('Nguyễn Văn A', DOSSIER_STATUSES).distance).toBeGreaterThan(3);
  });

  it('names the same nearest value as measuring every catalogue value, a 50,000-character cell included', () => {
    // Each value measured alone (a one-value catalogue), the first of the nearest kept.
    const measured = (text: string) =>
      DOSSIER_STATUSES.map((value) => nearestValue(text, [value])).reduce((a, b) => (b.distance < a.distance ? b : a));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom(...DOSSIER_STATUSES).map((s) => `${s}x`),
        ),
        (text) => {
          expect(nearestValue(text, DOSSIER_STATUSES)).toEqual(measured(text));
        },
      ),
      { numRuns: 300 },
    );
    const long = 'x'.repeat(50_000);
    expect(nearestValue(long, DOSSIER_STATUSES)).toEqual({ value: DOSSIER_STATUSES[0], distance: 50_000 });
    expect(nearestValue(`${'đã trả kết quả '.repeat(200)}`, DOSSIER_STATUSES)).toEqual(
      measured(`${'đã trả kết quả '.repeat(200)}`),
    );
  });
});
