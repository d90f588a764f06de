import fc from 'fast-check';
import { addDays } from '../../src/core/civil';
import { letterHeading, levelProblem, levelsOn, TWO_LEVELS_FROM } from '../../src/core/adminLevels';

describe('levels of local government, by date', () => {
  it('has three levels up to 30/6/2025 and two from 1/7/2025 (Law 72/2025/QH15 on the Organisation of Local Government)', () => {
    expect(levelsOn('2019-12-31')).toEqual(['Cấp tỉnh', 'Cấp huyện', 'Cấp xã']);
    expect(levelsOn('2025-06-30')).toEqual(['Cấp tỉnh', 'Cấp huyện', 'Cấp xã']);
    expect(levelsOn('2025-07-01')).toEqual(['Cấp tỉnh', 'Cấp xã']);
    expect(levelsOn('2026-12-05')).toEqual(['Cấp tỉnh', 'Cấp xã']);
  });

  it('objects to a district level however it is typed, only for a period from 1/7/2025', () => {
    for (const typed of ['Cấp huyện', 'cấp huyen', 'Huyện', 'CẤP QUẬN', 'Thị xã']) {
      expect([typed, levelProblem(typed, '2026-01-01')]).toEqual([typed, expect.stringContaining('không còn cấp huyện')]);
      expect(levelProblem(typed, '2025-06-30')).toBeUndefined();
    }
    for (const fine of ['Cấp xã', 'Cấp tỉnh', 'Phường', 'Đặc khu', '']) expect(levelProblem(fine, '2026-01-01')).toBeUndefined();
  });

  it('agrees with levelsOn on every day around the change', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800, max: 800 }), (offset) => {
        const day = addDays(TWO_LEVELS_FROM, offset);
        const districtExists = levelsOn(day).includes('Cấp huyện');
        expect(levelProblem('Cấp huyện', day) === undefined).toBe(districtExists);
      }),
    );
  });

  it('heads a letter by who signs it: police under the province’s police, a People’s Committee alone, a department under its commune', () => {
    const cases: [string, string, string, ReturnType<typeof letterHeading>][] = [
      [
        'Công an xã',
        'UBND xã Tam Hồng',
        'UBND tỉnh Phú Thọ',
        { superior: 'Công an tỉnh Phú Thọ', issuer: 'Công an xã Tam Hồng' },
      ],
      [
        'Công an phường',
        'UBND phường Ba Đình',
        'UBND thành phố Hà Nội',
        { superior: 'Công an thành phố Hà Nội', issuer: 'Công an phường Ba Đình' },
      ],
      [
        'Công an xã Yên Lạc',
        'UBND xã Tam Hồng',
        'UBND tỉnh Phú Thọ',
        { superior: 'Công an tỉnh Phú Thọ', issuer: 'Công an xã Yên Lạc' },
      ],
      ['Công an xã', 'UBND xã Tam Hồng', '', { issuer: 'Công an xã Tam Hồng' }],
      // The catalogue says `Công an xã` for the commune level: a ward's police is a ward's, a special zone's its own.
      [
        'Công an xã',
        'UBND phường Vĩnh Yên',
        'UBND tỉnh Phú Thọ',
        { superior: 'Công an tỉnh Phú Thọ', issuer: 'Công an phường Vĩnh Yên' },
      ],
      [
        'Công an xã',
        'UBND đặc khu Côn Đảo',
        'UBND thành phố Hồ Chí Minh',
        { superior: 'Công an thành phố Hồ Chí Minh', issuer: 'Công an đặc khu Côn Đảo' },
      ],
      ['', 'UBND xã Tam Hồng', 'UBND tỉnh Phú Thọ', { issuer: 'UBND xã Tam Hồng' }],
      ['UBND xã Yên Lạc', 'UBND xã Tam Hồng', 'UBND tỉnh Phú Thọ', { issuer: 'UBND xã Yên Lạc' }],
      ['Phòng Kinh tế', 'UBND xã Tam Hồng', 'UBND tỉnh Phú Thọ', { superior: 'UBND xã Tam Hồng', issuer: 'Phòng Kinh tế' }],
    ];
    for (const [agency, unit, parent, heading] of cases)
      expect([agency, letterHeading(agency, unit, parent)]).toEqual([agency, heading]);
  });
});
