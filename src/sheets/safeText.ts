/**
 * Text written to a sheet must stay text. Google parses every written string as typed input:
 * `=IMPORTXML(...)` becomes a formula, `+84...` a number or formula, `00123` the number 123.
 * A leading apostrophe makes Sheets keep the string literally (and is not part of the value).
 */
export function asLiteralText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/** Strips control characters a person never means to store, keeps line breaks. */
export function cleanUserText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}
