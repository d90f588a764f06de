/**
 * Text a spreadsheet would run (OWASP "CSV injection"): a cell that begins with `=`, or with `+`, `-`
 * or `@` followed by a function call or a cell reference, becomes a formula when the file is opened
 * in Excel or Sheets (`=HYPERLINK("http://…","x")`, `@SUM(A1)`, `+A1*2`). A phone number (`+84 912…`),
 * a negative amount (`-1`) or an address (`@ thôn 3`) is text and is left alone. MotCua stores such
 * text as text (plain-text format) when it writes; this is how a register edited or exported
 * elsewhere is checked.
 */
const RUNS = /^\s*(=|[+\-@]\s*([A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b))/;

export function looksLikeFormula(text: string): boolean {
  return RUNS.test(text);
}
