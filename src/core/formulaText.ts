/**
 * Text a spreadsheet would run (OWASP "CSV injection"): a cell whose first character, after any
 * leading whitespace (tab, CR, LF, spaces — some readers strip them), is `=`, `+`, `-` or `@` is read
 * as a formula when the file is opened in Excel or Sheets: `=HYPERLINK("http://…","x")`, `@SUM(A1)`,
 * `+A1*2`, DDE payloads such as `-2+3+cmd|' /C calc'!A0`, `=cmd|…`, and also a note written as a list
 * (`- đã gọi điện`) or an address (`@ thôn 3`), which Excel turns into `#NAME?`. The rule is the
 * character, not a guess at what follows, so no payload slips through a pattern. Left alone: a plain
 * number after the sign — a negative amount (`-5`, `-1.500,5`) or a phone number (`+84 912 345 678`):
 * a spreadsheet reads those as the number they are, running nothing — and a lone `-` or `+` (an empty
 * field's mark). MotCua stores such text as text (plain-text format) when it writes; this is how a
 * register edited or exported elsewhere is checked.
 */
const STARTS_LIKE_A_FORMULA = /^\s*[=+\-@]/;
/** A sign then digits, with the spaces, dots and commas of a phone number or an amount, and nothing else. */
const PLAIN_NUMBER = /^\s*[+-]\s*\d[\d .,]*$/;
const SIGN_ALONE = /^\s*[+-]\s*$/;

/** Whether a character may be `\s` in a pattern (ASCII and Unicode spaces, the byte-order mark). */
const maybeSpace = (c: number) =>
  c <= 0x20 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

export function looksLikeFormula(text: string): boolean {
  // Most cells start with a letter or a digit: settled by their first character (a check reads 2 million cells).
  const first = text.charCodeAt(0);
  if (!maybeSpace(first) && first !== 0x3d && first !== 0x2b && first !== 0x2d && first !== 0x40) return false;
  return STARTS_LIKE_A_FORMULA.test(text) && !PLAIN_NUMBER.test(text) && !SIGN_ALONE.test(text);
}
