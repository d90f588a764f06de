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

export function looksLikeFormula(text: string): boolean {
  return STARTS_LIKE_A_FORMULA.test(text) && !PLAIN_NUMBER.test(text) && !SIGN_ALONE.test(text);
}
