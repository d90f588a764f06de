import fc from 'fast-check';
import { nextDossierCode, nextRegisterNumber, parseDossierCode } from '../../src/core/dossierCode';

describe('dossier codes', () => {
  it('numbers each day from 0001 per unit, the day in YYMMDD', () => {
    const existing = [
      '000.17.22.H56-210531-0001',
      '000.17.22.H56-210531-0002',
      '000.17.22.H56-210530-0007',
      'H15.50.05.13-210531-0975',
    ];
    expect(nextDossierCode('000.17.22.H56', '2021-05-31', existing)).toBe('000.17.22.H56-210531-0003');
    expect(nextDossierCode('000.17.22.H56', '2021-06-01', existing)).toBe('000.17.22.H56-210601-0001');
    expect(nextDossierCode('H15.50.05.13', '2026-10-08', ['H15.50.05.13-261008-0974'])).toBe('H15.50.05.13-261008-0975');
    expect(() => nextDossierCode('xã Yên Lạc', '2026-10-08', [])).toThrow(
      'Mã định danh đơn vị “xã Yên Lạc” không đúng dạng (ví dụ: 000.17.22.H56).',
    );
  });

  it('never reuses a code, whatever codes already exist', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9998 }), { maxLength: 40 }), (sequences) => {
        const codes = sequences.map((n) => `000.17.22.H56-260302-${String(n).padStart(4, '0')}`);
        const next = nextDossierCode('000.17.22.H56', '2026-03-02', codes);
        expect(codes).not.toContain(next);
        expect(parseDossierCode(next)?.sequence).toBe(Math.max(0, ...sequences) + 1);
      }),
    );
  });

  it('runs one register number per year', () => {
    const rows = [
      { year: 2025, number: 1204 },
      { year: 2026, number: 3 },
      { year: 2026, number: 7 },
    ];
    expect(nextRegisterNumber(2026, rows)).toBe(8);
    expect(nextRegisterNumber(2027, rows)).toBe(1);
  });
});
