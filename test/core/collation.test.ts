/**
 * Vietnamese order written out in core: the same on Apps Script's V8 and on Node, whatever ICU data
 * either has (localeCompare(…, 'vi') is not used).
 */
import fc from 'fast-check';
import { compareVietnamese } from '../../src/core/collation';

const sorted = (names: string[]) => [...names].sort(compareVietnamese);

describe('Vietnamese order', () => {
  it('puts the letters in the Vietnamese alphabet: a ă â, d đ, e ê, o ô ơ, u ư', () => {
    expect(sorted(['Ân', 'Ăn', 'An', 'Đức', 'Dũng', 'Ơn', 'Ôn', 'On', 'Ưng', 'Uyên', 'Êm', 'Em'])).toEqual([
      'An',
      'Ăn',
      'Ân',
      'Dũng',
      'Đức',
      'Em',
      'Êm',
      'On',
      'Ôn',
      'Ơn',
      'Uyên',
      'Ưng',
    ]);
  });

  it('orders officers as a Vietnamese list does: letters before tones (ngang, huyền, hỏi, ngã, sắc, nặng), then case', () => {
    expect(sorted(['Mạ', 'Má', 'Mã', 'Mả', 'Mà', 'Ma'])).toEqual(['Ma', 'Mà', 'Mả', 'Mã', 'Má', 'Mạ']);
    expect(sorted(['Trần Văn Bình', 'Nguyễn Thị Hoa', 'Đặng Thu Thảo', 'Dương Văn An', 'Lê Thị Ánh'])).toEqual([
      'Dương Văn An',
      'Đặng Thu Thảo',
      'Lê Thị Ánh',
      'Nguyễn Thị Hoa',
      'Trần Văn Bình',
    ]);
    expect(sorted(['hộ tịch', 'Hộ tịch'])).toEqual(['hộ tịch', 'Hộ tịch']);
  });

  it('reads a name typed in decomposed Unicode (as some Mac and Windows tools write it) as the same name', () => {
    expect(compareVietnamese('Nguyễn Thị Hoa'.normalize('NFD'), 'Nguyễn Thị Hoa')).toBe(0);
  });

  const text = fc.string({
    unit: fc.constantFrom(
      'a',
      'ă',
      'â',
      'A',
      'Ă',
      'd',
      'đ',
      'Đ',
      'o',
      'ơ',
      'ờ',
      'ộ',
      'u',
      'ữ',
      ' ',
      '1',
      '-',
      'x',
      'y',
      'z',
      'é',
      '\u0301',
    ),
    maxLength: 6,
  });

  it('is a total order: antisymmetric, transitive, 0 only for the same text', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const ab = compareVietnamese(a, b);
        expect(Math.sign(ab) + Math.sign(compareVietnamese(b, a))).toBe(0);
        expect(ab === 0).toBe(a.normalize('NFC') === b.normalize('NFC'));
        if (ab <= 0 && compareVietnamese(b, c) <= 0) expect(compareVietnamese(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts the same whatever order the list came in', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), (names) => {
        expect(sorted([...names].reverse())).toEqual(sorted(names));
      }),
    );
  });
});

describe('the product sorts Vietnamese text one way', () => {
  it('asks no runtime for its Vietnamese order or case: no localeCompare or toLocaleLowerCase anywhere in src', () => {
    const { readdirSync, readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => /\.ts$/.test(f));
    const users = files.filter((f) => /\.localeCompare\(|\.toLocale(Lower|Upper)Case\(/.test(readFileSync(`src/${f}`, 'utf8')));
    expect(users).toEqual([]);
  });
});
