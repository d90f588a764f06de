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
import { type Bytes, ColumnReader, fastColumns, fastHeadRows } from './csvFast';
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

/** A file in UTF-16, by its byte-order mark or (Excel's "Unicode Text" without it) its zero high bytes. */
function utf16Of(bytes: Uint8Array): { encoding: 'UTF-16LE' | 'UTF-16BE'; skip: number } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'UTF-16LE', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'UTF-16BE', skip: 2 };
  // UTF-16 without its mark: the high bytes of Latin letters and digits are zeros.
  const sample = bytes.subarray(0, Math.min(bytes.length, 2000));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 1) if (sample[i] === 0) i % 2 === 0 ? (evenZeros += 1) : (oddZeros += 1);
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0) return { encoding: 'UTF-16LE', skip: 0 };
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0) return { encoding: 'UTF-16BE', skip: 0 };
  return undefined;
}

/** The text of `bytes` and its encoding; a legacy 8-bit file is refused unless Windows-1258 is read. */
function decode(file: string, bytes: Buffer, legacy8bit: 'refuse' | 'windows-1258'): Decoded {
  if (hasBom(bytes)) return utf8(file, bytes.subarray(3), legacy8bit);
  const utf16 = utf16Of(bytes);
  if (utf16)
    return { text: new TextDecoder(utf16.encoding.toLowerCase()).decode(bytes.subarray(utf16.skip)), encoding: utf16.encoding };
  return utf8(file, bytes, legacy8bit);
}

type Decoded = Pick<TextTable, 'encoding'> & ({ text: string } | { bytes: Buffer });

/** Whether `bytes` are UTF-8 (validated natively; decoded later, only what is read). */
function validUtf8(bytes: Uint8Array): boolean {
  try {
    return isUtf8(bytes);
  } catch {
    return false;
  }
}

const notUtf8 = (file: string) =>
  new UsageError(
    `Tệp “${file}” không phải UTF-8 (có lẽ lưu theo bảng mã cũ Windows-1258 hoặc TCVN3, chữ có dấu sẽ sai): ${SAVE_AS_UTF8}, rồi chạy lại.`,
  );

function utf8(file: string, bytes: Buffer, legacy8bit: 'refuse' | 'windows-1258'): Decoded {
  if (validUtf8(bytes)) return { bytes, encoding: 'UTF-8' };
  if (legacy8bit === 'windows-1258') return { text: new TextDecoder('windows-1258').decode(bytes), encoding: 'windows-1258' };
  throw notUtf8(file);
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
 * How much of a register is in memory at a time: its records are read part after part into one
 * buffer, kept for the next part and the next file. A buffer per file would hold the whole file, and
 * fresh memory costs more than reading into it (the system maps it page by page: docs/benchmark.md).
 */
const PART_BYTES = 4 * 1024 * 1024;
/** The buffer, while no file is being read (taken while one is: a read within a read gets its own). */
let partBuffer: Buffer | undefined;

/** What the caller reads of a table, once it has seen its first rows. */
export interface TableChoice {
  /** Records before the first to read (the title lines and the header). */
  readonly skip: number;
  readonly columns: readonly number[];
}

/**
 * A UTF-8 text table read part after part (a register of any size, a few megabytes in memory):
 * `choose` is given its first `headRows` records (and may refuse the file), `onPart` the chosen
 * columns of each part's records (valid until it returns) and the number of records before them.
 * With `whole`, `onPart` is called once, with every record. Returns false, having called nothing,
 * for a file it does not read so (UTF-16, a pipe, a head longer than a part, or with `whole` a file
 * the fast path cannot read): the caller reads it whole. Past the first part, a record the fast
 * path cannot read is read with the rest of the file by the full parser.
 */
export function readTableParts(
  file: string,
  headRows: number,
  choose: (head: string[][]) => TableChoice,
  onPart: (columns: (string[] | IndexedCells)[], before: number) => void,
  options: { whole?: boolean; /** For tests: parts this small. */ partBytes?: number } = {},
): boolean {
  const own = options.partBytes === undefined ? partBuffer : undefined;
  partBuffer = undefined;
  let buffer = own ?? Buffer.allocUnsafeSlow(options.partBytes ?? PART_BYTES);
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return false;
    // `buffer` holds the file's bytes from `offset` on, up to `filled`.
    let offset = 0;
    let filled = 0;
    /** Reads on; whether the file's end is reached (or it turned out shorter than it was). */
    const fill = () => {
      while (filled < buffer.length && offset + filled < stat.size) {
        const n = readSync(fd, buffer, filled, buffer.length - filled, offset + filled);
        if (n === 0) return true;
        filled += n;
      }
      return offset + filled >= stat.size;
    };
    /** A buffer twice as large, holding what this one holds (a record or a head longer than a part). */
    const grow = () => {
      const grown = Buffer.allocUnsafeSlow(buffer.length * 2);
      buffer.copy(grown, 0, 0, filled);
      buffer = grown;
    };
    let last = fill();
    let bytes = buffer.subarray(0, filled);
    // The file's start, for its encoding and separator: the first part, or (a part smaller than the
    // start separatorOf reads) the start read on its own, so that parts of any size read the same.
    let prefix: Buffer = bytes;
    if (!last && bytes.length < SEPARATOR_BYTES + 9) {
      prefix = Buffer.alloc(Math.min(stat.size, SEPARATOR_BYTES + 9));
      prefix = prefix.subarray(0, readSync(fd, prefix, 0, prefix.length, 0));
    }
    if (!hasBom(prefix) && utf16Of(prefix)) return false;
    let pos = 0;
    while (hasBom(bytes.subarray(pos))) pos += 3;
    const separator = separatorOfBytes(prefix.subarray(pos));
    // Validated up to the part's last line break (never inside a letter): the rest with the next part.
    let valid = pos;
    const validate = () => {
      const upTo = last ? bytes.length : bytes.lastIndexOf(LF) + 1;
      if (upTo > valid && !validUtf8(bytes.subarray(valid, upTo))) throw notUtf8(file);
      valid = Math.max(valid, upTo);
    };
    validate();
    // The head rows whole in the first part (the buffer grows until they are: a long title block).
    const headOf = (count: number) => {
      for (;;) {
        const rows = fastHeadRows(bytes.subarray(pos), separator, count);
        if (!rows || last || pos + rows.next < bytes.length) return rows;
        grow();
        last = fill();
        bytes = buffer.subarray(0, filled);
        validate();
      }
    };
    const head = headOf(headRows);
    if (!head) return false;
    let choice: TableChoice;
    try {
      choice = choose(head.rows);
    } catch (e) {
      // A file not in UTF-8 is said so before its header is judged, wherever the letter that is not lies.
      if (!last) readTextTableFile(file);
      throw e;
    }
    const start = headOf(choice.skip);
    if (!start) return false;
    const reader = new ColumnReader(separator, start, choice.columns);
    let before = 0;
    let next = pos + start.next;
    for (;;) {
      const stop = reader.read(bytes, next, last);
      if (stop === undefined) {
        if (options.whole) return false;
        // The fast path cannot read a record: the records before it as read, the rest by the full parser.
        const read = reader.records;
        if (read > 0) onPart(reader.columns(), before);
        before += read;
        const rest = fullRecords(file, readTextTableFile(file)).slice(choice.skip + before);
        onPart(
          choice.columns.map((c) => rest.map((r) => r[c] ?? '')),
          before,
        );
        return true;
      }
      if (!options.whole && reader.records > 0) {
        const read = reader.records;
        onPart(reader.columns(), before);
        before += read;
      }
      if (last) break;
      // The record not finished moves to the front, and more of the file is read after it.
      if (stop === 0) grow();
      else buffer.copy(buffer, 0, stop, filled);
      offset += stop;
      filled -= stop;
      valid -= stop;
      last = fill();
      bytes = buffer.subarray(0, filled);
      validate();
      next = 0;
    }
    if (options.whole) onPart(reader.columns(), 0);
    return true;
  } finally {
    closeSync(fd);
    if (buffer.length === PART_BYTES) partBuffer = buffer;
  }
}

/** Reads a text table file; Vietnamese errors for a missing, unreadable or badly encoded file. */
export function readTextTableFile(file: string, options: { legacy8bit?: 'refuse' | 'windows-1258' } = {}): TextTable {
  const decoded = decode(file, readFileSync(file), options.legacy8bit ?? 'refuse');
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
      return (text ??= bytes.toString('utf8'));
    },
  };
}

const LF = 0x0a;
const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
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
