/**
 * Vietnamese alphabetical order, written out rather than asked of `localeCompare(…, 'vi')`, whose
 * answer depends on the ICU data of the runtime (Apps Script's V8 and Node need not agree).
 *
 * Letters first (the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the
 * foreign f j w z where the Latin alphabet puts them), then tones (ngang, huyền, hỏi, ngã, sắc, nặng:
 * the order of Vietnamese dictionaries), then case (lower before upper); digits and other signs come
 * before letters, by code point. Spellings that differ only in where a tone mark sits ("hoà", "hòa")
 * are ordered by that position, so the order stays total.
 */

const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
/** Marks that make a letter of their own (ă â ê ô ơ ư), as they follow the base letter in NFD. */
const LETTER_MARKS: Readonly<Record<string, string>> = { '\u0306': 'breve', '\u0302': 'circumflex', '\u031b': 'horn' };
/** Tone marks in NFD, ranked: ngang (none) 0, huyền 1, hỏi 2, ngã 3, sắc 4, nặng 5. */
const TONES: Readonly<Record<string, number>> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };
const COMPOSED: Readonly<Record<string, string>> = {
  'a\u0306': 'ă',
  'a\u0302': 'â',
  'e\u0302': 'ê',
  'o\u0302': 'ô',
  'o\u031b': 'ơ',
  'u\u031b': 'ư',
};

interface Key {
  readonly primary: number[];
  readonly tones: number[];
  readonly cases: number[];
}

const LETTER_BASE = 1000; // letters after every other sign, which keep their code point

function keyOf(text: string): Key {
  const primary: number[] = [];
  const tones: number[] = [];
  const cases: number[] = [];
  const chars = [...text.normalize('NFD')];
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (TONES[ch] !== undefined) {
      tones[tones.length - 1] = TONES[ch];
      continue;
    }
    const lower = ch.toLowerCase();
    let letter = lower;
    while (chars[i + 1] !== undefined && LETTER_MARKS[chars[i + 1]!] !== undefined) {
      letter = COMPOSED[letter + chars[i + 1]!] ?? letter;
      i += 1;
    }
    const rank = ALPHABET.indexOf(letter);
    primary.push(
      rank >= 0
        ? LETTER_BASE + rank
        : (ch.codePointAt(0) ?? 0) < LETTER_BASE
          ? (ch.codePointAt(0) ?? 0)
          : LETTER_BASE * 2 + (ch.codePointAt(0) ?? 0),
    );
    tones.push(0);
    cases.push(lower === ch ? 0 : 1);
  }
  return { primary, tones, cases };
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Compares two texts in Vietnamese order; 0 only for the same text (after Unicode NFC). */
export function compareVietnamese(a: string, b: string): number {
  if (a === b) return 0;
  const ka = keyOf(a);
  const kb = keyOf(b);
  const order = compareLists(ka.primary, kb.primary) || compareLists(ka.tones, kb.tones) || compareLists(ka.cases, kb.cases);
  if (order !== 0) return order;
  const na = a.normalize('NFC');
  const nb = b.normalize('NFC');
  return na < nb ? -1 : na > nb ? 1 : 0;
}
