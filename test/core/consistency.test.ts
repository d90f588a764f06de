/** The consistency rules on parsed rows and events, without a spreadsheet. */
import fc from 'fast-check';
import { type CheckEvent, type CheckRow, checkConsistency } from '../../src/core/consistency';
import { looksLikeFormula } from '../../src/core/formulaText';
import type { Dossier } from '../../src/core/dossier';

const dossier = (code: string, overrides: Partial<Dossier> = {}): Dossier => ({
  code,
  procedureCode: '1.004194',
  channel: 'Trực tiếp',
  status: 'Đang giải quyết',
  receivedAt: { date: '2026-03-02', minute: 480 },
  dueAt: { date: '2026-03-11', minute: 1020 },
  supplementCount: 0,
  ...overrides,
});
const row = (n: number, code: string, overrides: Partial<Dossier> = {}): CheckRow => ({
  row: n,
  code,
  keys: '',
  dossier: dossier(code, overrides),
});
const event = (n: number, code: string, action: string, from: string, to: string, minute: number): CheckEvent => ({
  row: n,
  code,
  action,
  from,
  to,
  key: '',
  at: { date: '2026-03-02', minute },
  details: () => ({}),
});
const U = '000.17.22.H56-260302-';

describe('checkConsistency', () => {
  it('names every code on more than one row, with its other rows, and no other (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('', `${U}0001`, `${U}0002`, `${U}0003`, 'H-1', 'h-1', 'H-1 '), { maxLength: 30 }),
        (codes) => {
          const rows = codes.map((code, i) => row(i + 2, code));
          const duplicates = checkConsistency({ rows })
            .filter((f) => f.kind === 'duplicate')
            .map((f) => [f.row, f.facts[0]]);
          // Codes compared as typed: `H-1` and `h-1` are two codes here (dossierCodeKey folds them for the report).
          const expected = rows
            .filter((r) => r.code && rows.some((o) => o !== r && o.code === r.code))
            .map((r) => [
              r.row,
              rows
                .filter((o) => o !== r && o.code === r.code)
                .map((o) => o.row)
                .join(', '),
            ]);
          expect(duplicates).toEqual(expected);
        },
      ),
    );
  });

  it('reads a log sorted by hand in time order: no step out of sequence', () => {
    const rows = [row(2, `${U}0001`)];
    const events = [
      event(2, `${U}0001`, 'Chuyển xử lý', 'Đã tiếp nhận', 'Đang giải quyết', 540),
      event(3, `${U}0001`, 'Tiếp nhận hồ sơ', '', 'Đã tiếp nhận', 480),
    ];
    expect(checkConsistency({ rows, events })).toEqual([]);
  });

  it('does not list every row of a register imported without its history, but does once the log keeps steps', () => {
    const rows = [row(2, `${U}0001`), row(3, `${U}0002`)];
    expect(checkConsistency({ rows, events: [] })).toEqual([]);
    const events = [event(2, `${U}0001`, 'Tiếp nhận hồ sơ', '', 'Đang giải quyết', 480)];
    expect(checkConsistency({ rows, events }).map((f) => [f.row, f.kind])).toEqual([[3, 'no-events']]);
  });

  it('takes an appointment typed as a date alone on the receipt day for a same-day one, and flags one the day before', () => {
    const sameDay = [
      row(2, `${U}0001`, { receivedAt: { date: '2026-03-02', minute: 510 }, dueAt: { date: '2026-03-02', minute: 0 } }),
    ];
    expect(checkConsistency({ rows: sameDay })).toEqual([]);
    const dayBefore = [
      row(2, `${U}0001`, { receivedAt: { date: '2026-03-02', minute: 510 }, dueAt: { date: '2026-03-01', minute: 1020 } }),
    ];
    expect(checkConsistency({ rows: dayBefore }).map((f) => [f.row, f.kind, f.facts[0]])).toEqual([[2, 'order', 'due<received']]);
  });

  it('counts codes kept in an archive: no gap, no event without its row', () => {
    const rows = [row(2, `${U}0003`)];
    const events = [
      event(2, `${U}0002`, 'Tiếp nhận hồ sơ', '', 'Đã tiếp nhận', 470),
      event(3, `${U}0003`, 'Tiếp nhận hồ sơ', '', 'Đang giải quyết', 480),
    ];
    expect(checkConsistency({ rows, events }).map((f) => [f.tab, f.row, f.kind, f.facts])).toEqual([
      ['register', 2, 'gap', ['2026-03-02', '0001']],
      ['log', 2, 'no-row', ['1']],
    ]);
    expect(checkConsistency({ rows, events, archived: new Set([`${U}0001`, `${U}0002`]) })).toEqual([]);
  });
});

describe('text a spreadsheet would run', () => {
  const PAYLOADS = [
    '=HYPERLINK("http://x.invalid","bấm")',
    "-2+3+cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!A1",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '+1+HYPERLINK("http://x.invalid","a")',
    '\t=1+1',
    '\r=1+1',
    '\r\n@SUM(A1)',
    '- đã gọi điện',
    '@ thôn 3',
    '-A1',
    '=5',
  ];
  const PLAIN = [
    '-5',
    '+84 912 345 678',
    '-1.500,5',
    ' +0912 345 678',
    '-',
    '+',
    'Nguyễn Văn A',
    'Thôn 1 - xã A',
    'a=b',
    '',
    '0912',
  ];

  it('flags every cell whose first character after whitespace is =, +, - or @, DDE and tab- or CR-led ones too, and leaves plain numbers, phones and a lone sign alone', () => {
    for (const text of PAYLOADS) expect([text, looksLikeFormula(text)]).toEqual([text, true]);
    for (const text of PLAIN) expect([text, looksLikeFormula(text)]).toEqual([text, false]);
  });

  it('flags any text led by a formula character unless it is a plain signed number, and nothing led by another character', () => {
    // Every space a pattern's \s matches may lead: ASCII, no-break, Ogham, en to hair, line and paragraph separators, the BOM…
    const lead = fc.constantFrom(
      '',
      ' ',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '\v',
      '\f',
      '\u00A0',
      '\u1680',
      '\u2003',
      '\u200A',
      '\u2028',
      '\u2029',
      '\u202F',
      '\u205F',
      '\u3000',
      '\uFEFF',
    );
    const sign = fc.constantFrom('=', '+', '-', '@');
    fc.assert(
      fc.property(lead, sign, fc.string(), (before, s, rest) => {
        const text = `${before}${s}${rest}`;
        const plainNumber = /^[+-]\s*(\d[\d .,]*)?$/.test(`${s}${rest}`) && s !== '=' && s !== '@';
        expect(looksLikeFormula(text)).toBe(!plainNumber);
      }),
    );
    fc.assert(
      fc.property(lead, fc.string(), (before, rest) => {
        fc.pre(!/^\s*[=+\-@]/.test(rest));
        expect(looksLikeFormula(`${before}${rest}`)).toBe(false);
      }),
    );
  });
});
