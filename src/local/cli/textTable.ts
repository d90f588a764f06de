/**
 * A delimited text table as people receive it from other systems: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (Excel's "Unicode text"), optionally Windows-1258 (older Vietnamese exports), with
 * `,`, `;` or tab between fields. The encoding and separator are detected, never asked for.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UsageError } from './usage';

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
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (legacy8bit === 'windows-1258') return { text: new TextDecoder('windows-1258').decode(bytes), encoding: 'windows-1258' };
    throw new UsageError(`Tệp “${file}” không phải UTF-8 hay UTF-16: hãy lưu lại tệp dưới dạng “CSV UTF-8” rồi chạy lại.`);
  }
}

/** The separator of the first non-blank line outside quotes: the most frequent of `,` `;` tab. */
function separatorOf(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
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
  try {
    const rows = parse(text.normalize('NFC'), {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    return { rows, encoding, separator };
  } catch (e) {
    throw new UsageError(`Tệp “${file}” không đọc được như bảng CSV: ${(e as Error).message}`);
  }
}
