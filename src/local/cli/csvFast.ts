/**
 * The fast path of reading a CSV register: only the columns the caller asks for, straight from the
 * file's UTF-8 bytes into one array per column, with no array or object per row and no string but the
 * cells kept. It reads exactly what the full parser (csv-parse with `relax_quotes` and
 * `relax_column_count`) reads, and gives up — `undefined` — on anything it is not sure of (a lone CR,
 * a quote inside an unquoted field, text after a closing quote, an unclosed quote), so the caller falls
 * back to the full parser. test/local/csv-fast.test.ts holds the property that the two agree.
 *
 * Separators, quotes and line breaks are ASCII and never a byte of a multi-byte UTF-8 letter, so they
 * are found in the bytes where they are in the text, and a cell's bytes decode to the cell.
 */

// Math.imul read once: a global looked up in the hot loop is many times slower in a sandboxed context
// (jest's vm, where the tests run); behaviour is the same.
const { imul } = Math;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

import type { IndexedCells } from '../../sheets/cells';

/** A text table's bytes (UTF-8, without its byte-order mark). */
export type Bytes = Buffer;

/** The cell between `from` and `to`, as text. */
const textOf = (bytes: Bytes, from: number, to: number): string => bytes.toString('utf8', from, to);

/**
 * Where the next record starts, and how records end once the first line break outside quotes has told
 * (csv-parse discovers CRLF or LF from it, and then reads the other as text).
 */
interface Cursor {
  pos: number;
  crlf: boolean | undefined;
  /** The next quote and CR at or after `pos` (searched again only once passed: a search per line would be quadratic). */
  nextQuote: number;
  nextCr: number;
}

function nextOf(bytes: Bytes, byte: number, pos: number, known: number): number {
  if (known >= pos) return known;
  const found = bytes.indexOf(byte, pos);
  return found < 0 ? bytes.length : found;
}

/**
 * A field handed over: unquoted, as where it lies in the bytes (`from` to `to`, nothing decoded);
 * quoted, as its value (quotes undone).
 */
interface Take {
  range(index: number, from: number, to: number): void;
  value(index: number, value: string): void;
}

/** readRecord's answers when it cannot read a record: not as it reads records, or cut by the end of the bytes. */
const CANNOT = -1;
const CUT = -2;

/**
 * One record from `cursor.pos`: hands `take` each field whose index is in `wanted`
 * (`wanted[index] === 1`); returns the number of fields, or CANNOT when the fast path cannot read
 * it, or CUT when the bytes end inside it (an unclosed quote, a CR last) and more may follow.
 */
function readRecord(bytes: Bytes, sep: number, cursor: Cursor, wanted: Uint8Array | null, take: Take): number {
  const end = bytes.length;
  let pos = cursor.pos;
  let lineEnd = bytes.indexOf(LF, pos);
  if (lineEnd < 0) lineEnd = end;
  cursor.nextQuote = nextOf(bytes, QUOTE, pos, cursor.nextQuote);
  if (cursor.nextQuote > lineEnd) {
    // No quote on this line: fields are what lies between separators.
    let stop = lineEnd;
    if (lineEnd < end) {
      const crlf = lineEnd > pos && bytes[lineEnd - 1] === CR;
      cursor.crlf ??= crlf;
      if (cursor.crlf !== crlf) return CANNOT; // a bare LF in a CRLF file is text to csv-parse, and the reverse
      if (crlf) stop -= 1;
    }
    cursor.nextCr = nextOf(bytes, CR, pos, cursor.nextCr);
    if (cursor.nextCr < stop) return CANNOT; // a CR that ends no line
    let index = 0;
    for (;;) {
      let next = pos;
      while (next < stop && bytes[next] !== sep) next += 1;
      if (wanted === null || (index < wanted.length && wanted[index] === 1)) take.range(index, pos, next);
      index += 1;
      if (next >= stop) break;
      pos = next + 1;
    }
    cursor.pos = lineEnd < end ? lineEnd + 1 : end;
    return index;
  }
  // A line with quotes: byte by byte, a quoted field may run over line breaks.
  let index = 0;
  for (;;) {
    let value: string | undefined;
    let from = pos;
    if (bytes[pos] === QUOTE) {
      let out = '';
      from = pos + 1;
      for (;;) {
        const close = bytes.indexOf(QUOTE, from);
        if (close < 0) return CUT; // unclosed quote: the full parser reports it, unless the rest follows
        if (bytes[close + 1] === QUOTE) {
          out += textOf(bytes, from, close + 1);
          from = close + 2;
          continue;
        }
        out += textOf(bytes, from, close);
        pos = close + 1;
        break;
      }
      value = out;
      const c = pos < end ? bytes[pos] : -1;
      if (c !== sep && c !== LF && c !== CR && c !== -1) return CANNOT; // text after a closing quote
    } else {
      let stop = pos;
      while (stop < end) {
        const c = bytes[stop];
        if (c === sep || c === LF || c === CR) break;
        if (c === QUOTE) return CANNOT; // a quote inside an unquoted field
        stop += 1;
      }
      from = pos;
      pos = stop;
    }
    if (wanted === null || (index < wanted.length && wanted[index] === 1)) {
      if (value === undefined) take.range(index, from, pos);
      else take.value(index, value);
    }
    index += 1;
    const c = pos < end ? bytes[pos] : -1;
    if (c === sep) {
      pos += 1;
      continue;
    }
    if (c === CR || c === LF) {
      const crlf = c === CR;
      if (crlf && pos + 1 >= end) return CUT;
      if (crlf && bytes[pos + 1] !== LF) return CANNOT; // a lone CR: an old Mac file
      cursor.crlf ??= crlf;
      if (cursor.crlf !== crlf) return CANNOT;
      if (crlf) pos += 1;
    }
    cursor.pos = c === -1 ? end : pos + 1;
    return index;
  }
}

/** Where a record starts, and whether the file's lines end in CRLF (once a record has told). */
export interface RecordStart {
  readonly next: number;
  readonly crlf: boolean | undefined;
}

/**
 * The first `count` records, every field as text, and where the next record starts; `undefined` when
 * the fast path cannot read them.
 */
export function fastHeadRows(bytes: Bytes, separator: string, count: number): ({ rows: string[][] } & RecordStart) | undefined {
  const sep = separator.charCodeAt(0);
  const cursor: Cursor = { pos: 0, crlf: undefined, nextQuote: -1, nextCr: -1 };
  const rows: string[][] = [];
  let row: string[] = [];
  const take: Take = {
    range: (_i, from, to) => row.push(textOf(bytes, from, to)),
    value: (_i, value) => row.push(value),
  };
  while (rows.length < count && cursor.pos < bytes.length) {
    row = [];
    if (readRecord(bytes, sep, cursor, null, take) < 0) return undefined;
    rows.push(row);
  }
  return { rows, next: cursor.pos, crlf: cursor.crlf };
}

/**
 * A column's cells. Each distinct value of a column of repeated values (days, statuses, units) is
 * decoded once, found by hashing its bytes (a cell that says what the one above says, by comparing
 * them); a column of mostly distinct values (codes) is decoded cell by cell. The bytes read may be
 * one part of the file after another (ColumnReader): a distinct value's bytes are kept on their own.
 */
class InternedColumn {
  /**
   * While interning, each cell as the index of its value (numbers, not pointers: a register of
   * 200,000 rows fills these arrays without the garbage collector's store barriers); after, as text.
   */
  private ids = new Int32Array(1024);
  private count = 0;
  private texts: string[] | undefined;
  private slots = new Int32Array(1024).fill(-1);
  /** Each distinct value's bytes, one after the other (`starts[k]` to `starts[k + 1]`), and its text. */
  private arena = new Uint8Array(4096);
  private starts: number[] = [0];
  private readonly values: string[] = [];
  /** Whether the values are judged mostly distinct (cells are then decoded one by one, for good). */
  private distinct = false;

  constructor(public bytes: Bytes) {}

  get length(): number {
    return this.texts ? this.texts.length : this.count;
  }

  /** The cells read since the last take (their distinct values are kept for the next ones). */
  take(): string[] | IndexedCells {
    const taken = this.texts ?? { length: this.count, ids: this.ids.slice(0, this.count), values: this.values };
    this.count = 0;
    this.texts = this.distinct ? [] : undefined;
    return taken;
  }

  /** Forgets the cells past the first `length` (a record read in part, to be read again whole). */
  truncate(length: number): void {
    if (this.texts) this.texts.length = Math.min(this.texts.length, length);
    else this.count = Math.min(this.count, length);
  }

  addValue(value: string): void {
    this.stopInterning().push(value);
  }

  addRange(from: number, to: number): void {
    const bytes = this.bytes;
    if (this.texts) {
      this.texts.push(textOf(bytes, from, to));
      return;
    }
    // The cell above first: a register's rows come in order (the same unit, field, often the same day).
    if (this.count > 0) {
      const above = this.ids[this.count - 1]!;
      if (this.sameBytes(above, from, to)) {
        this.addId(above);
        return;
      }
    }
    let h = 0x811c9dc5 ^ (to - from);
    for (let i = from; i < to; i += 1) h = imul(h ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const known = this.slots[s]!;
      if (known === -1) {
        this.slots[s] = this.values.length;
        this.keep(from, to);
        this.values.push(textOf(bytes, from, to));
        this.addId(this.values.length - 1);
        this.settle();
        return;
      }
      if (this.sameBytes(known, from, to)) {
        this.addId(known);
        return;
      }
    }
  }

  /** A new distinct value's bytes, copied into the arena. */
  private keep(from: number, to: number): void {
    const at = this.starts[this.starts.length - 1]!;
    if (at + to - from > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, at + to - from));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arena.set(this.bytes.subarray(from, to), at);
    this.starts.push(at + to - from);
  }

  /** Whether the distinct value `id` has the bytes from `from` to `to`. */
  private sameBytes(id: number, from: number, to: number): boolean {
    const start = this.starts[id]!;
    if (this.starts[id + 1]! - start !== to - from) return false;
    const { arena, bytes } = this;
    for (let i = 0; i < to - from; i += 1) if (arena[start + i] !== bytes[from + i]) return false;
    return true;
  }

  private addId(id: number): void {
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count] = id;
    this.count += 1;
  }

  /** The cells as text from here on (a quoted cell, or a column of mostly distinct values). */
  private stopInterning(): string[] {
    if (!this.texts) {
      const cells = new Array<string>(this.count);
      for (let i = 0; i < this.count; i += 1) cells[i] = this.values[this.ids[i]!]!;
      this.texts = cells;
    }
    return this.texts;
  }

  /** Grows the table as it fills; stops interning a column whose values are mostly distinct, or too many. */
  private settle(): void {
    const distinct = this.values.length;
    if ((this.count >= SAMPLE && distinct > this.count / 2) || distinct > MAX_DISTINCT) {
      this.stopInterning();
      this.distinct = true;
      this.slots = new Int32Array(0);
      this.arena = new Uint8Array(0);
      this.starts = [0];
      return;
    }
    if (distinct * 2 <= this.slots.length) return;
    const arena = this.arena;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < distinct; k += 1) {
      const from = this.starts[k]!;
      const to = this.starts[k + 1]!;
      let h = 0x811c9dc5 ^ (to - from);
      for (let i = from; i < to; i += 1) h = imul(h ^ arena[i]!, 0x01000193);
      let s = h & mask;
      while (this.slots[s] !== -1) s = (s + 1) & mask;
      this.slots[s] = k;
    }
  }
}

/** Cells looked at before a column is judged mostly distinct. */
const SAMPLE = 1024;
/** Distinct values kept per column at most. */
const MAX_DISTINCT = 50_000;

/**
 * The given columns (0-based) of a file's records, read from its bytes part after part (a register of
 * any size in a buffer of a few megabytes): `read` reads the records whole in a part and says where
 * the first one it could not finish starts (the caller moves it to the front and appends more), `take`
 * hands over the columns of the records read so far.
 */
export class ColumnReader {
  private readonly sep: number;
  private readonly wanted: Uint8Array;
  private readonly slot: Int32Array;
  private readonly out: InternedColumn[];
  private readonly take: Take;
  private readonly cursor: Cursor;
  /** Records read since the columns were last handed over. */
  records = 0;

  constructor(separator: string, from: RecordStart, columns: readonly number[]) {
    this.sep = separator.charCodeAt(0);
    this.wanted = new Uint8Array(Math.max(0, ...columns) + 1);
    this.slot = new Int32Array(this.wanted.length);
    columns.forEach((c, i) => {
      this.wanted[c] = 1;
      this.slot[c] = i;
    });
    this.out = columns.map(() => new InternedColumn(Buffer.alloc(0)));
    const { out, slot } = this;
    this.take = {
      range: (index, start, end) => out[slot[index]!]!.addRange(start, end),
      value: (index, value) => out[slot[index]!]!.addValue(value),
    };
    this.cursor = { pos: from.next, crlf: from.crlf, nextQuote: -1, nextCr: -1 };
  }

  /**
   * Reads the records of `bytes` from `from` (the start of the first record not read yet); `last`:
   * nothing follows in the file. Returns where the record it could not finish starts (`bytes.length`
   * when it read them all), or `undefined` when the fast path cannot read the file.
   */
  read(bytes: Bytes, from: number, last: boolean): number | undefined {
    const { cursor, out } = this;
    for (const column of out) column.bytes = bytes;
    cursor.pos = from;
    cursor.nextQuote = -1;
    cursor.nextCr = -1;
    while (cursor.pos < bytes.length) {
      const start = cursor.pos;
      const crlf = cursor.crlf;
      // A record without its line break yet, or cut where it looks malformed, may end in the next part.
      const fields = last || bytes.indexOf(LF, start) >= 0 ? readRecord(bytes, this.sep, cursor, this.wanted, this.take) : CUT;
      const cut = fields === CUT || (fields >= 0 && !last && cursor.pos >= bytes.length && bytes[bytes.length - 1] !== LF);
      if (fields < 0 || cut) {
        for (const column of out) column.truncate(this.records);
        cursor.crlf = crlf;
        // Read again with the next part when cut; a record it cannot read leaves the file to the full parser at once.
        return cut && !last ? start : undefined;
      }
      this.records += 1;
      for (const column of out) if (column.length < this.records) column.addValue('');
    }
    return bytes.length;
  }

  /** The columns of the records read since the last take: each valid until the next read. */
  columns(): (string[] | IndexedCells)[] {
    this.records = 0;
    return this.out.map((column) => column.take());
  }
}

/**
 * The given columns (0-based) of every record from `from` on, `''` where a record is shorter, each as
 * its distinct values and each row's index among them (a column of repeated values) or its cells;
 * `undefined` when the fast path cannot read them. The cells are strings of their own, none holding
 * the file's bytes.
 */
export function fastColumns(
  bytes: Bytes,
  separator: string,
  from: RecordStart,
  columns: readonly number[],
): (string[] | IndexedCells)[] | undefined {
  const reader = new ColumnReader(separator, from, columns);
  return reader.read(bytes, from.next, true) === undefined ? undefined : reader.columns();
}
