/**
 * A table saved as text, as Vietnamese offices save them: "CSV" with `,` or (Excel in Vietnamese
 * regional settings) `;`, "Unicode Text" (UTF-16 with tabs, `.txt`), with or without a byte-order
 * mark. The encoding and the separator are found, not asked; a file in a legacy 8-bit encoding
 * (Windows-1258, TCVN3) is refused with how to save it as UTF-8, unless the caller reads Windows-1258
 * (the provincial system's exports). Records are read by the fast path (csvFast.ts) and, for anything
 * unusual, by csv-parse; every failure is one Vietnamese sentence naming the file and the row.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { fold } from '../../core/provincialExport';
import { cellsOf, type IndexedCells } from '../../sheets/cells';
import { type Bytes, fastColumns, fastHeadRows } from './csvFast';
import { UsageError } from './usage';

export interface TextTable {
  readonly text: string;
  /**
   * Its text as UTF-8 bytes, without byte-order mark: a UTF-8 file's own bytes (the fast path reads
   * these, decoding only the cells it keeps: the whole text, decoded, takes longer than reading the
   * columns), the text of a file in another encoding encoded.
   */
  readonly bytes: Bytes;
  readonly encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'windows-1258';
  readonly separator: ',' | ';' | '\t';
}

const SAVE_AS_UTF8 =
  'hãy mở tệp bằng Excel rồi chọn Lưu thành › “CSV UTF-8 (Comma delimited)”, hoặc mở bằng Google Sheets rồi Tải xuống › CSV';

/** The text of `bytes` and its encoding; a legacy 8-bit file is refused unless Windows-1258 is read. */
function decode(file: string, bytes: Buffer, legacy8bit: 'refuse' | 'windows-1258'): Decoded {
  if (hasBom(bytes)) return utf8(file, bytes.subarray(3), legacy8bit);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  // UTF-16 without its mark: the high bytes of Latin letters and digits are zeros.
  const sample = bytes.subarray(0, Math.min(bytes.length, 2000));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 1) if (sample[i] === 0) i % 2 === 0 ? (evenZeros += 1) : (oddZeros += 1);
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  }
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  }
  return utf8(file, bytes, legacy8bit);
}

type Decoded = Pick<TextTable, 'encoding'> & ({ text: string } | { bytes: Buffer });

function utf8(file: string, bytes: Buffer, legacy8bit: 'refuse' | 'windows-1258'): Decoded {
  try {
    // Validated natively; decoded later, only what is read.
    if (isUtf8(bytes)) return { bytes, encoding: 'UTF-8' };
    throw new Error('not UTF-8');
  } catch {
    if (legacy8bit === 'windows-1258') return { text: new TextDecoder('windows-1258').decode(bytes), encoding: 'windows-1258' };
    throw new UsageError(
      `Tệp “${file}” không phải UTF-8 (có lẽ lưu theo bảng mã cũ Windows-1258 hoặc TCVN3, chữ có dấu sẽ sai): ${SAVE_AS_UTF8}, rồi chạy lại.`,
    );
  }
}

/** The start of the text the separator is found in. */
const SEPARATOR_CHARS = 64 * 1024;
/** Lines looked at for the separator: an export's title lines come before its header. */
const SEPARATOR_LINES = 12;
/** A header names the dossier code (`Mã hồ sơ`, `MaHoSo`, `Số hồ sơ`), folded. */
const CODE_HEADER = /(?:ma|so)hoso/;

/**
 * The separator, from the header candidates among the first lines (outside quotes): the line naming
 * the code column when there is one, else the line with the most separators. A title line above the
 * header (none, or a comma in `DANH SÁCH HỒ SƠ, THÁNG 11`) never decides it.
 */
function separatorOf(text: string): TextTable['separator'] {
  const lines = text
    .slice(0, SEPARATOR_CHARS)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, SEPARATOR_LINES);
  const best = (line: string) =>
    ([',', ';', '\t'] as const)
      .map((s) => [s, line.replace(/"[^"]*"/g, '').split(s).length - 1] as const)
      .reduce((a, b) => (b[1] > a[1] ? b : a));
  const header = lines.find((l) => CODE_HEADER.test(fold(l)));
  if (header !== undefined && best(header)[1] > 0) return best(header)[0];
  const counts = lines.map(best).reduce((a, b) => (b[1] > a[1] ? b : a), [',', 0] as readonly [TextTable['separator'], number]);
  return counts[0];
}

/**
 * A file's bytes read into one buffer kept for the next file (`transient`): a fresh buffer per file
 * costs more than reading it (the system maps new memory page by page, docs/benchmark.md), and a report
 * reads its registers one after the other. Each read makes the bytes of the one before invalid.
 */
let pool: Buffer | undefined;
let poolReads = 0;

function readPooled(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    // A pipe or a device has no size to read up to: read whole, as readFileSync does.
    if (!stat.isFile()) return readFileSync(fd);
    if (!pool || pool.length < stat.size) pool = Buffer.allocUnsafeSlow(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, pool, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    poolReads += 1;
    return pool.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a text table file; Vietnamese errors for a missing, unreadable or badly encoded file.
 * `transient`: its bytes are valid only until the next transient read (the caller keeps strings,
 * never the table).
 */
export function readTextTableFile(
  file: string,
  options: { legacy8bit?: 'refuse' | 'windows-1258'; transient?: boolean } = {},
): TextTable {
  const bytesRead = options.transient ? readPooled(file) : readFileSync(file);
  const readAt = poolReads;
  const decoded = decode(file, bytesRead, options.legacy8bit ?? 'refuse');
  if ('text' in decoded) {
    // A BOM left inside the text (a file saved twice) is not part of the first header.
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    return { ...decoded, text, bytes: Buffer.from(text, 'utf8'), separator: separatorOf(text) };
  }
  const bytes = hasBom(decoded.bytes) ? decoded.bytes.subarray(3) : decoded.bytes;
  let text: string | undefined;
  return {
    encoding: decoded.encoding,
    bytes,
    separator: separatorOfBytes(bytes),
    get text() {
      if (options.transient && readAt !== poolReads)
        throw new Error(`bytes of “${file}” read after another file took their place`);
      return (text ??= bytes.toString('utf8'));
    },
  };
}

const hasBom = (bytes: Buffer) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
/**
 * The start of the file the separator is found in: separatorOf reads the first 64K characters, which
 * take up to three bytes each in UTF-8 (long Vietnamese title lines above the header), plus a letter cut
 * at the end, so that it reads the very characters it reads in the decoded text.
 */
const SEPARATOR_BYTES = 3 * SEPARATOR_CHARS + 3;

/**
 * separatorOf on a UTF-8 file's start, decoding no more of it than its first lines: as soon as a
 * prefix of whole lines holds the SEPARATOR_LINES lines separatorOf reads, within its characters,
 * it reads the same lines as in the decoded text.
 */
function separatorOfBytes(bytes: Buffer): TextTable['separator'] {
  for (let size = 16 * 1024; ; size *= 4) {
    const end = Math.min(bytes.length, size, SEPARATOR_BYTES);
    const text = bytes.toString('utf8', 0, end);
    if (end === bytes.length || end === SEPARATOR_BYTES) return separatorOf(text);
    const lines = text.slice(0, text.lastIndexOf('\n') + 1);
    if (lines.length <= SEPARATOR_CHARS && lines.split(/\r?\n/).filter((l) => l.trim() !== '').length >= SEPARATOR_LINES) {
      return separatorOf(lines);
    }
  }
}

const CSV_PROBLEMS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'một dấu ngoặc kép (") mở mà không đóng',
  CSV_INVALID_CLOSING_QUOTE: 'có chữ ngay sau dấu ngoặc kép đóng',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'số cột khác dòng tiêu đề',
};

/** Every record by the full parser; its errors as one Vietnamese sentence. */
function fullRecords(file: string, table: TextTable): string[][] {
  try {
    // A stray quote inside a field (`Xóm 5 "Bãi Nổi"`) is text. Blank lines are kept (as blank rows,
    // which the report skips) so that a row's number is the one a spreadsheet shows.
    return parse(table.text, { relax_column_count: true, relax_quotes: true, delimiter: table.separator }) as string[][];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const problem = CSV_PROBLEMS[e.code] ?? 'nội dung không theo dạng CSV';
    throw new UsageError(
      `Tệp “${file}” không đọc được như bảng CSV ở dòng ${e.lines}: ${problem}. Hãy sửa dòng đó (hoặc mở tệp bằng Excel, Google Sheets rồi lưu lại dạng CSV UTF-8) rồi chạy lại.`,
    );
  }
}

/**
 * Every record of the table (a provincial export: all its columns are read), by the fast path when it
 * is sure of the file (a 100,000-row export in a fraction of csv-parse's time), else the full parser.
 */
export function tableRows(file: string, table: TextTable): string[][] {
  const head = fastHeadRows(table.bytes, table.separator, HEAD_FOR_WIDTH);
  const width = head ? Math.max(1, ...head.rows.map((r) => r.length)) : 0;
  const columns = head
    ? tableColumns(
        file,
        table,
        0,
        Array.from({ length: width }, (_, c) => c),
      )
    : undefined;
  if (!columns) return fullRecords(file, table);
  const length = columns[0]?.length ?? 0;
  const rows: string[][] = new Array(length);
  for (let r = 0; r < length; r += 1) rows[r] = columns.map((column) => column[r] ?? '');
  return rows;
}

/** Rows looked at for the table's width (an export's title lines come before its header). */
const HEAD_FOR_WIDTH = 12;

/** The first `count` records (for finding the header row). */
export function tableHead(file: string, table: TextTable, count: number): string[][] {
  return fastHeadRows(table.bytes, table.separator, count)?.rows ?? fullRecords(file, table).slice(0, count);
}

/**
 * The given columns (0-based) of every record after the first `skip`: a column of repeated values as
 * its distinct values and each row's index among them (cells.ts), else its cells.
 */
export function tableCellColumns(
  file: string,
  table: TextTable,
  skip: number,
  columns: readonly number[],
): (string[] | IndexedCells)[] {
  const head = fastHeadRows(table.bytes, table.separator, skip);
  const fast = head ? fastColumns(table.bytes, table.separator, head, columns) : undefined;
  if (fast) return fast;
  const rest = fullRecords(file, table).slice(skip);
  return columns.map((c) => rest.map((r) => r[c] ?? ''));
}

/** The given columns (0-based) of every record after the first `skip`, one array of cells per column. */
export function tableColumns(file: string, table: TextTable, skip: number, columns: readonly number[]): string[][] {
  return tableCellColumns(file, table, skip, columns).map((column) => cellsOf(column) as string[]);
}
