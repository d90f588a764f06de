/**
 * The fast path of reading a CSV register: only the columns the caller asks for, straight into one array
 * per column, with no array or object per row. It reads exactly what the full parser (csv-parse with
 * `relax_quotes` and `relax_column_count`) reads, and gives up — `undefined` — on anything it is not sure
 * of (a lone CR, a quote inside an unquoted field, text after a closing quote, an unclosed quote), so the
 * caller falls back to the full parser. test/local/csv-fast.test.ts holds the property that the two agree.
 */

// Math.imul read once: a global looked up in the hot loop is many times slower in a sandboxed context
// (jest's vm, where the tests run); behaviour is the same.
const { imul } = Math;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

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

function nextOf(text: string, char: string, pos: number, known: number): number {
  if (known >= pos) return known;
  const found = text.indexOf(char, pos);
  return found < 0 ? text.length : found;
}

/**
 * A field handed over: unquoted, as where it lies in the text (`from` to `to`, nothing sliced);
 * quoted, as its value (quotes undone).
 */
type Take = (index: number, value: string | undefined, from: number, to: number) => void;

/**
 * One record from `cursor.pos`: calls `take` for each field whose index is in `wanted`
 * (`wanted[index] === true`); returns the number of fields, or -1 when the fast path cannot read it.
 */
function readRecord(text: string, sep: number, cursor: Cursor, wanted: readonly boolean[] | null, take: Take): number {
  const end = text.length;
  let pos = cursor.pos;
  let lineEnd = text.indexOf('\n', pos);
  if (lineEnd < 0) lineEnd = end;
  cursor.nextQuote = nextOf(text, '"', pos, cursor.nextQuote);
  if (cursor.nextQuote > lineEnd) {
    // No quote on this line: fields are what lies between separators.
    let stop = lineEnd;
    if (lineEnd < end) {
      const crlf = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR;
      cursor.crlf ??= crlf;
      if (cursor.crlf !== crlf) return -1; // a bare LF in a CRLF file is text to csv-parse, and the reverse
      if (crlf) stop -= 1;
    }
    cursor.nextCr = nextOf(text, '\r', pos, cursor.nextCr);
    if (cursor.nextCr < stop) return -1; // a CR that ends no line
    const sepChar = String.fromCharCode(sep);
    let index = 0;
    for (;;) {
      let next = text.indexOf(sepChar, pos);
      if (next < 0 || next > stop) next = stop;
      if (wanted === null || wanted[index]) take(index, undefined, pos, next);
      index += 1;
      if (next >= stop) break;
      pos = next + 1;
    }
    cursor.pos = lineEnd < end ? lineEnd + 1 : end;
    return index;
  }
  // A line with quotes: character by character, a quoted field may run over line breaks.
  let index = 0;
  for (;;) {
    let value: string | undefined;
    let from = pos;
    if (text.charCodeAt(pos) === QUOTE) {
      let out = '';
      from = pos + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) return -1; // unclosed quote: the full parser reports it
        if (text.charCodeAt(close + 1) === QUOTE) {
          out += text.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        out += text.slice(from, close);
        pos = close + 1;
        break;
      }
      value = out;
      const c = pos < end ? text.charCodeAt(pos) : -1;
      if (c !== sep && c !== LF && c !== CR && c !== -1) return -1; // text after a closing quote
    } else {
      let stop = pos;
      while (stop < end) {
        const c = text.charCodeAt(stop);
        if (c === sep || c === LF || c === CR) break;
        if (c === QUOTE) return -1; // a quote inside an unquoted field
        stop += 1;
      }
      from = pos;
      pos = stop;
    }
    if (wanted === null || wanted[index]) take(index, value, from, pos);
    index += 1;
    const c = pos < end ? text.charCodeAt(pos) : -1;
    if (c === sep) {
      pos += 1;
      continue;
    }
    if (c === CR || c === LF) {
      const crlf = c === CR;
      if (crlf && text.charCodeAt(pos + 1) !== LF) return -1; // a lone CR: an old Mac file
      cursor.crlf ??= crlf;
      if (cursor.crlf !== crlf) return -1;
      if (crlf) pos += 1;
    }
    cursor.pos = c === -1 ? end : pos + 1;
    return index;
  }
}

/** The text without a leading byte-order mark (csv-parse's `bom: true`). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The first `count` records, every field, and where the next record starts; `undefined` when the fast
 * path cannot read them.
 */
export function fastHeadRows(
  text: string,
  separator: string,
  count: number,
): { rows: string[][]; next: number; crlf: boolean | undefined } | undefined {
  const sep = separator.charCodeAt(0);
  const cursor: Cursor = { pos: 0, crlf: undefined, nextQuote: -1, nextCr: -1 };
  const rows: string[][] = [];
  while (rows.length < count && cursor.pos < text.length) {
    const row: string[] = [];
    if (readRecord(text, sep, cursor, null, (_i, v, from, to) => row.push(v ?? text.slice(from, to))) < 0) return undefined;
    rows.push(row);
  }
  return { rows, next: cursor.pos, crlf: cursor.crlf };
}

/**
 * A column's cells, each distinct value of a column of repeated values (days, statuses, units) one
 * string, found by hashing where it lies in the text (nothing sliced for a value met before);
 * a column of mostly distinct values (codes) is sliced cell by cell.
 */
/**
 * A cell as text. `kept`: a column's distinct value, which may outlive the file (a unit's or an
 * agency's name in the report's lines): then its own string, never a slice holding the whole file.
 */
export type Decode = (raw: string, kept: boolean) => string;

/** A string of its own: a slice of a file's text would keep the whole text alive. */
export const ownCopy = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));

class InternedColumn {
  /**
   * While interning, each cell as the index of its value (numbers, not pointers: a register of
   * 200,000 rows fills these arrays without the garbage collector's store barriers); after, as text.
   */
  private ids = new Int32Array(1024);
  private count = 0;
  private texts: string[] | undefined;
  private slots = new Int32Array(1024).fill(-1);
  private readonly raws: string[] = [];
  private readonly values: string[] = [];

  constructor(
    private readonly text: string,
    private readonly decode: Decode,
  ) {}

  get length(): number {
    return this.texts ? this.texts.length : this.count;
  }

  /** The cells, as text. */
  cells(): string[] {
    if (this.texts) return this.texts;
    const cells = new Array<string>(this.count);
    for (let i = 0; i < this.count; i += 1) cells[i] = this.values[this.ids[i]!]!;
    return cells;
  }

  addValue(raw: string): void {
    this.stopInterning().push(this.decode(raw, false));
  }

  addRange(from: number, to: number): void {
    const text = this.text;
    if (this.texts) {
      this.texts.push(this.decode(text.slice(from, to), false));
      return;
    }
    let h = 0x811c9dc5 ^ (to - from);
    for (let i = from; i < to; i += 1) h = imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const known = this.slots[s]!;
      if (known === -1) {
        const raw = text.slice(from, to);
        this.slots[s] = this.raws.length;
        this.raws.push(raw);
        this.values.push(this.decode(raw, true));
        this.addId(this.values.length - 1);
        this.settle();
        return;
      }
      const raw = this.raws[known]!;
      if (raw.length === to - from && text.startsWith(raw, from)) {
        this.addId(known);
        return;
      }
    }
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
    this.texts ??= this.cells();
    return this.texts;
  }

  /** Grows the table as it fills; stops interning a column whose values are mostly distinct, or too many. */
  private settle(): void {
    const distinct = this.raws.length;
    if ((this.count >= SAMPLE && distinct > this.count / 2) || distinct > MAX_DISTINCT) {
      this.stopInterning();
      this.slots = new Int32Array(0);
      return;
    }
    if (distinct * 2 <= this.slots.length) return;
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    this.raws.forEach((raw, k) => {
      let h = 0x811c9dc5 ^ raw.length;
      for (let i = 0; i < raw.length; i += 1) h = imul(h ^ raw.charCodeAt(i), 0x01000193);
      let s = h & mask;
      while (this.slots[s] !== -1) s = (s + 1) & mask;
      this.slots[s] = k;
    });
  }
}

/** Cells looked at before a column is judged mostly distinct. */
const SAMPLE = 1024;
/** Distinct values kept per column at most. */
const MAX_DISTINCT = 50_000;

/**
 * The given columns (0-based) of every record after the head rows, one array per column, `''` where a
 * record is shorter, each cell through `decode` (a UTF-8 file's byte view, textTable.ts); `undefined`
 * when the fast path cannot read them.
 */
export function fastColumns(
  text: string,
  separator: string,
  from: { next: number; crlf: boolean | undefined },
  columns: readonly number[],
  decode: Decode = (raw, kept) => (kept ? ownCopy(raw) : raw),
): string[][] | undefined {
  const sep = separator.charCodeAt(0);
  const wanted: boolean[] = [];
  const slot: number[] = [];
  columns.forEach((c, i) => {
    wanted[c] = true;
    slot[c] = i;
  });
  const out = columns.map(() => new InternedColumn(text, decode));
  const cursor: Cursor = { pos: from.next, crlf: from.crlf, nextQuote: -1, nextCr: -1 };
  let record = 0;
  const take: Take = (index, value, start, end) => {
    const column = out[slot[index]!]!;
    if (value === undefined) column.addRange(start, end);
    else column.addValue(value);
  };
  while (cursor.pos < text.length) {
    if (readRecord(text, sep, cursor, wanted, take) < 0) return undefined;
    record += 1;
    for (const column of out) if (column.length < record) column.addValue('');
  }
  return out.map((column) => column.cells());
}
