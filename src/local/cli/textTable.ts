/**
 * A delimited text table as people receive it from other systems: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (Excel's "Unicode text"), optionally Windows-1258 (older Vietnamese exports), with
 * `,`, `;` or tab between fields. The encoding and separator are detected, never asked for.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { UsageError } from './usage';

/** Decomposed diacritics (macOS, some exports): only then is the whole text normalised, which is costly. */
const COMBINING = /[\u0300-\u036f]/;

export interface TextTable {
  rows: string[][];
  encoding: string;
  separator: string;
}

function decode(bytes: Buffer, file: string, legacy8bit: 'refuse' | 'windows-1258'): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  {
    if (legacy8bit === 'windows-1258') return { text: new TextDecoder('windows-1258').decode(bytes), encoding: 'windows-1258' };
    throw new UsageError(`Tệp “${file}” không phải UTF-8 hay UTF-16: hãy lưu lại tệp dưới dạng “CSV UTF-8” rồi chạy lại.`);
  }
}

/** The separator of the first non-blank line outside quotes: the most frequent of `,` `;` tab. */
function separatorOf(text: string): string {
  const start = text.search(/\S/);
  const end = text.indexOf('\n', Math.max(0, start));
  const line = start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [','])[0];
}

export function readTextTable(file: string, options: { legacy8bit?: 'refuse' | 'windows-1258' } = {}): TextTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `Không tìm thấy tệp “${file}”.` : `Không đọc được tệp “${file}”.`);
  }
  const { text, encoding } = decode(bytes, file, options.legacy8bit ?? 'refuse');
  const separator = separatorOf(text);
  return { rows: parseDelimited(COMBINING.test(text) ? text.normalize('NFC') : text, separator), encoding, separator };
}

/**
 * RFC 4180 fields: quotes around a field may hold the separator, line breaks and doubled quotes;
 * a quote inside an unquoted field is text (`Xóm 5 "Bãi Nổi"`). A line without any quote is split
 * directly: a 100,000-row export is read in a fraction of a second. Blank lines stay as empty rows
 * so that row numbers are the ones a spreadsheet shows.
 */
function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(i, end - 1) : text.slice(i, end);
    if (!line.includes('"')) {
      rows.push(line === '' ? [] : line.split(separator));
      i = end + 1;
      continue;
    }
    const row: string[] = [];
    let field = '';
    let quoted = false;
    let atStart = true;
    for (; i < n; i += 1) {
      const ch = text[i] ?? '';
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 1;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"' && atStart) {
        quoted = true;
        atStart = false;
      } else if (ch === separator) {
        row.push(field);
        field = '';
        atStart = true;
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
        if (ch === '\r') i += 1;
        break;
      } else {
        field += ch;
        atStart = false;
      }
    }
    row.push(field);
    rows.push(row);
    i += 1;
  }
  return rows;
}
