import fc from 'fast-check';
import {
  dossierCodeKey,
  nextDossierCode,
  nextRegisterNumber,
  parseDossierCode,
  readOfficialCode,
} from '../../src/core/dossierCode';

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

describe('dossier codes compared as people and exports spell them', () => {
  it('keys a code of plain capitals, digits and marks as it is, exactly as when it is padded with spaces and a zero-width space (property)', () => {
    // The first form takes the shortcut a report takes for 200,000 codes; the second never can.
    fc.assert(
      fc.property(fc.stringMatching(/^[!-~]{1,30}$/), (code) => {
        expect(dossierCodeKey(code)).toBe(dossierCodeKey(` ${code}\u200B `));
      }),
    );
    expect(dossierCodeKey('H15.50.05.13-261008-0975')).toBe('H15.50.05.13-261008-0975');
  });

  // Codes as registers hold them: an agency code of dot-separated groups (letters and digits), YYMMDD, NNNN.
  const group = fc.stringMatching(/^[A-Z0-9]{1,4}$/);
  const canonical = fc
    .tuple(
      fc.array(group, { minLength: 2, maxLength: 5 }),
      fc.integer({ min: 0, max: 999_999 }),
      fc.integer({ min: 1, max: 9999 }),
    )
    .map(([groups, day, n]) => `${groups.join('.')}-${String(day).padStart(6, '0')}-${String(n).padStart(4, '0')}`);
  const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D', ' - ', '\u00A0\u2013 '];
  const SPACES = ['', ' ', '  ', '\t', '\u00A0', '\u200B', '\uFEFF'];
  const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);
  /** The code as typed: each character's case and width, each dash and the spaces around it chosen at random. */
  const typed = (code: string) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: code.length, maxLength: code.length }),
        fc.array(fc.constantFrom(...DASHES), { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...SPACES),
        fc.constantFrom(...SPACES),
      )
      .map(([forms, dashes, before, after]) => {
        let dash = 0;
        const chars = [...code].map((c, i) => {
          if (c === '-') return dashes[dash++] ?? '-';
          const form = forms[i] ?? 0;
          return form === 1 ? c.toLowerCase() : form === 2 ? fullWidth(c) : c;
        });
        return `${before}${chars.join('')}${after}`;
      });

  it('takes a code in any case, with any dash, full-width or with spaces around it as the same code, and leaves a code as issued unchanged', () => {
    expect(dossierCodeKey(' yl-260105\u20130001\u00A0')).toBe('YL-260105-0001');
    expect(dossierCodeKey('ＹＬ\u2011２６０１０５—0001')).toBe('YL-260105-0001');
    fc.assert(
      fc.property(
        canonical.chain((code) => fc.tuple(fc.constant(code), typed(code))),
        ([code, variant]) => {
          expect(dossierCodeKey(code)).toBe(code);
          expect(dossierCodeKey(variant)).toBe(code);
        },
      ),
    );
  });

  it('never makes two codes as issued one', () => {
    fc.assert(
      fc.property(canonical, canonical, (a, b) => {
        expect(dossierCodeKey(a) === dossierCodeKey(b)).toBe(a === b);
      }),
    );
  });
});

describe('codes issued by the provincial system, as typed, pasted or scanned', () => {
  it('reads a bare code, one with spaces or dashes from a word processor, and lower-case letters', () => {
    for (const text of ['H15.50.05.13-261008-0975', '  H15.50.05.13 - 261008 – 0975 ', 'h15.50.05.13-261008-0975']) {
      expect(readOfficialCode(text)).toEqual({ ok: true, code: 'H15.50.05.13-261008-0975' });
    }
    expect(readOfficialCode('000.17.22.H56-210531-0001')).toEqual({ ok: true, code: '000.17.22.H56-210531-0001' });
  });

  it('finds the code in a QR payload, a URL or the receipt’s text', () => {
    expect(readOfficialCode('https://dichvucong.phutho.gov.vn/tra-cuu-ho-so?maHoSo=H15.50.05.13-261008-0975&lang=vi')).toEqual({
      ok: true,
      code: 'H15.50.05.13-261008-0975',
    });
    expect(readOfficialCode('https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.17.22.H56%2D210531%2D0001')).toEqual({
      ok: true,
      code: '000.17.22.H56-210531-0001',
    });
    expect(readOfficialCode('{"MaHoSo":"000.17.22.H56-210531-0001","NgayHenTra":"08/06/2021 17:00"}')).toEqual({
      ok: true,
      code: '000.17.22.H56-210531-0001',
    });
    expect(
      readOfficialCode('Mã hồ sơ: H15.50.05.13-261008-0975. Tra cứu tại dichvucong.gov.vn (H15.50.05.13-261008-0975)'),
    ).toEqual({
      ok: true,
      code: 'H15.50.05.13-261008-0975',
    });
  });

  it('refuses what is not one real code, naming the expected form in Vietnamese', () => {
    expect(readOfficialCode('')).toEqual({
      ok: false,
      message: 'Cần nhập mã hồ sơ do hệ thống tỉnh cấp, dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).',
    });
    expect(readOfficialCode('261008-0975')).toEqual({
      ok: false,
      message: 'Mã hồ sơ “261008-0975” không đúng dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).',
    });
    expect(readOfficialCode('H15.50.05.13-2610080975')).toMatchObject({ ok: false });
    expect(readOfficialCode('H15.50.05.13-261008-097')).toMatchObject({ ok: false });
    expect(readOfficialCode('H15.50.05.13-261008-09751')).toMatchObject({ ok: false });
    expect(readOfficialCode('H15.50.05.13-260230-0001')).toEqual({
      ok: false,
      message:
        'Mã hồ sơ “H15.50.05.13-260230-0001” có ngày hoặc số thứ tự không có thật; mã đúng có dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975), YYMMDD là ngày tiếp nhận, NNNN từ 0001.',
    });
    expect(readOfficialCode('H15.50.05.13-261008-0000')).toMatchObject({ ok: false });
    expect(readOfficialCode('H15.50.05.13-261008-0975 000.17.22.H56-210531-0001')).toEqual({
      ok: false,
      message:
        'Nội dung đã nhập có 2 mã hồ sơ khác nhau (H15.50.05.13-261008-0975, 000.17.22.H56-210531-0001); hãy nhập đúng một mã.',
    });
    const long = `https://dichvucong.phutho.gov.vn/tra-cuu?q=${'x'.repeat(80)}`;
    expect(readOfficialCode(long)).toEqual({
      ok: false,
      message:
        'Mã hồ sơ “https://dichvucong.phutho.gov.vn/tra-cu…” không đúng dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).',
    });
  });

  it('refuses a code whose letter or digit is a look-alike of another script, never dropping it to leave a shorter code', () => {
    // Full-width Ｈ, Cyrillic Н, Greek Η before the agency; a full-width digit after the sequence.
    for (const typed of [
      'Ｈ15.50.05.13-260302-0975',
      'Н15.50.05.13-260302-0975',
      'Η15.50.05.13-260302-0975',
      'H15.50.05.13-260302-0975５',
    ]) {
      expect(readOfficialCode(typed)).toEqual({
        ok: false,
        message: `Mã hồ sơ “${typed}” không đúng dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).`,
      });
    }
    // The plain code, and one after a Vietnamese word and a space, are still read.
    expect(readOfficialCode('Mã hồ sơ: H15.50.05.13-260302-0975')).toEqual({ ok: true, code: 'H15.50.05.13-260302-0975' });
  });

  const segment = fc.stringMatching(/^[A-Z0-9]{1,4}$/);
  const agency = fc
    .array(segment, { minLength: 2, maxLength: 5 })
    .map((parts) => parts.join('.'))
    .filter((a) => /[0-9]/.test(a));
  const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
  const code = fc
    .tuple(agency, day, fc.integer({ min: 1, max: 9999 }))
    .map(([a, d, n]) => `${a}-${d.toISOString().slice(2, 10).replace(/-/g, '')}-${String(n).padStart(4, '0')}`);
  /** Text around a code in a payload: it never glues a letter, digit or dot to the code's edges. */
  const around = fc.string({ maxLength: 30 }).map((s) => s.replace(/[A-Za-z0-9.\-\u2010-\u2015\u2212%]/g, ' '));

  it('finds any well-formed code unchanged, alone or inside other text', () => {
    fc.assert(
      fc.property(code, around, around, (c, before, after) => {
        expect(readOfficialCode(c)).toEqual({ ok: true, code: c });
        expect(readOfficialCode(`${before} ${c} ${after}`)).toEqual({ ok: true, code: c });
        expect(readOfficialCode(`https://dichvucong.gov.vn/tra-cuu?maHoSo=${encodeURIComponent(c)}`)).toEqual({
          ok: true,
          code: c,
        });
        expect(parseDossierCode(c)).toBeDefined();
      }),
    );
  });

  it('never accepts a text without a code of the national form, and answers every text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const read = readOfficialCode(text);
        if (read.ok) expect(read.code).toMatch(/^[A-Z0-9]{1,4}(\.[A-Z0-9]{1,4}){1,4}-\d{6}-(?!0000)\d{4}$/);
        else expect(read.message).toMatch(/mã/i);
      }),
    );
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 20 }), (c, cut) => {
        // A code cut short (a partial paste) is never read as another code.
        const partial = c.slice(0, Math.max(0, c.length - 1 - cut));
        const read = readOfficialCode(partial);
        if (read.ok) expect(c.startsWith(read.code)).toBe(false);
      }),
    );
  });
});
