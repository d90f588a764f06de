/**
 * The fast path of reading a CSV register reads exactly what the full parser reads, or gives up: on
 * every generated file (quotes, doubled quotes, separators and line breaks inside fields, BOM, CRLF,
 * blank lines, ragged rows, stray quotes), its columns equal csv-parse's, or it returns `undefined`.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastColumns, fastHeadRows } from '../../src/local/cli/csvFast';
import { cellsOf } from '../../src/sheets/cells';
import {
  readTableParts,
  readTextTableFile,
  tableColumns,
  tableHead,
  tableRows,
  type TextTable,
} from '../../src/local/cli/textTable';

/** A text's UTF-8 bytes after its byte-order mark, as textTable.ts hands them to the fast path. */
const bytesOf = (text: string): Buffer => Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');

function fullRows(text: string, separator: string): string[][] | undefined {
  try {
    return parse(text, { bom: true, relax_column_count: true, relax_quotes: true, delimiter: separator }) as string[][];
  } catch {
    return undefined;
  }
}

const SEPARATORS = [',', ';', '\t'] as const;
const fieldChars = fc.constantFrom('a', 'Đ', 'ư', 'ờ', ' ', '0', '/', ':', ',', ';', '\t', '"', '\n', '\r', '=');
const field = fc.string({ unit: fieldChars, maxLength: 8 });

/** A file as a spreadsheet writes it: fields quoted when they must be (or at random), "" for a quote. */
const wellFormed = fc
  .record({
    separator: fc.constantFrom(...SEPARATORS),
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    trailingBreak: fc.boolean(),
  })
  .map(({ separator, rows, quoteAll, crlf, bom, trailingBreak }) => {
    const eol = crlf ? '\r\n' : '\n';
    const quoted = (v: string) => (quoteAll || /["\r\n]/.test(v) || v.includes(separator) ? `"${v.replace(/"/g, '""')}"` : v);
    const body = rows.map((r) => r.map(quoted).join(separator)).join(eol);
    return { separator, text: `${bom ? '\uFEFF' : ''}${body}${trailingBreak ? eol : ''}` };
  });

/** Anything at all, stray quotes and lone CRs included. */
const anyText = fc.record({
  separator: fc.constantFrom(...SEPARATORS),
  text: fc.string({ unit: fc.constantFrom('a', 'ư', ',', ';', '\t', '"', '\n', '\r', ' '), maxLength: 40 }),
});

/** Whether the fast path read the whole file (else the caller falls back to the full parser). */
function agree({ separator, text }: { separator: string; text: string }, head: number): boolean {
  const full = fullRows(text, separator);
  const plain = bytesOf(text);
  const fastHead = fastHeadRows(plain, separator, head);
  if (fastHead === undefined) return false;
  if (full === undefined) {
    // The full parser refuses the file (an unclosed quote): the fast path must give up too.
    expect(fastColumns(plain, separator, fastHead, [0])).toBeUndefined();
    return false;
  }
  expect(fastHead.rows).toEqual(full.slice(0, head));
  const width = Math.max(1, ...full.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => i).filter((i) => i % 2 === 0 || i === width - 1);
  const fast = fastColumns(plain, separator, fastHead, columns)?.map(cellsOf);
  if (fast === undefined) return false;
  const rest = full.slice(head);
  expect(fast).toEqual(columns.map((c) => rest.map((r) => r[c] ?? '')));
  return true;
}

describe('the fast CSV path', () => {
  it('reads every well-formed file exactly as csv-parse does, most of them without falling back', () => {
    let fast = 0;
    fc.assert(
      fc.property(wellFormed, fc.integer({ min: 0, max: 3 }), (file, head) => {
        if (agree(file, head)) fast += 1;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(1500);
  });

  it('reads any text as csv-parse does, or leaves it to csv-parse', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 3 }), (file, head) => {
        agree(file, head);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the fast path for a register as Excel or MotCua writes it (quotes only where needed)', () => {
    const text =
      '\uFEFFMã hồ sơ,Trạng thái,Ghi chú\r\nA-1,Đã trả kết quả,"Thôn 1, xã Tề Lỗ"\r\nA-2,Đang giải quyết,"hai\r\ndòng ""trích"""\r\n';
    const head = fastHeadRows(bytesOf(text), ',', 1)!;
    expect(head.rows).toEqual([['Mã hồ sơ', 'Trạng thái', 'Ghi chú']]);
    expect(fastColumns(bytesOf(text), ',', head, [0, 2])?.map(cellsOf)).toEqual([
      ['A-1', 'A-2'],
      ['Thôn 1, xã Tề Lỗ', 'hai\r\ndòng "trích"'],
    ]);
  });

  it('leaves a stray quote inside a field, or an unclosed quote, to the full parser', () => {
    expect(fastColumns(bytesOf('a,Xóm 5 "Bãi Nổi",b\n'), ',', { next: 0, crlf: undefined }, [1])).toBeUndefined();
    expect(fastColumns(bytesOf('a,"open\n'), ',', { next: 0, crlf: undefined }, [1])).toBeUndefined();
  });
});

let written = 0;
/** A generated file written to disk and read back as the CLI reads a table. */
function readBack(dir: string, text: string): { file: string; table: TextTable } {
  const file = join(dir, `x-${(written += 1)}.csv`);
  writeFileSync(file, text);
  return { file, table: readTextTableFile(file) };
}

describe('a UTF-8 register read from its bytes (only the cells kept are decoded)', () => {
  it('gives the header rows and the columns csv-parse gives on every generated file, a skipped head and Vietnamese letters included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-bytes-'));
    let fromBytes = 0;
    fc.assert(
      fc.property(fc.oneof(wellFormed, anyText), fc.integer({ min: 0, max: 3 }), ({ separator, text }, skip) => {
        const full = fullRows(text, separator);
        fc.pre(full !== undefined && full.length > 0);
        const { file, table } = readBack(dir, text);
        fc.pre(table.separator === separator);
        expect(table.bytes).toBeDefined();
        if (fastHeadRows(table.bytes, separator, skip)) fromBytes += 1;
        expect(tableHead(file, table, skip)).toEqual(full!.slice(0, skip));
        const width = Math.max(1, ...full!.map((r) => r.length));
        const columns = Array.from({ length: width }, (_, i) => i).filter((i) => i % 2 === 1 || i === 0);
        const rest = full!.slice(skip);
        expect(tableColumns(file, table, skip, columns)).toEqual(columns.map((c) => rest.map((r) => r[c] ?? '')));
      }),
      { numRuns: 1500 },
    );
    expect(fromBytes).toBeGreaterThan(300);
  });

  it('finds the `;` of a header below title lines of 45,000 Vietnamese letters (135 KB), as in the decoded text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-bytes-'));
    const file = join(dir, 'tieu-de-dai.csv');
    const title = `DANH SÁCH HỒ SƠ, ${'ộ'.repeat(15_000)}`;
    writeFileSync(file, [title, title, title, 'Mã hồ sơ;Trạng thái;Đơn vị', 'H1;Đã trả kết quả;UBND xã Tam Hồng'].join('\n'));
    const table = readTextTableFile(file);
    expect(table.separator).toBe(';');
    expect(tableColumns(file, table, 4, [1, 2])).toEqual([['Đã trả kết quả'], ['UBND xã Tam Hồng']]);
  });

  it('decodes a multi-byte letter split by nothing but its own bytes: a register in Vietnamese reads as typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-bytes-'));
    const file = join(dir, 'so.csv');
    writeFileSync(
      file,
      '\uFEFFMã hồ sơ;Trạng thái;Đơn vị\r\nH1;Đã trả kết quả;UBND phường Ngọc Hà\r\nH2;Đang giải quyết;"Xã Tề Lỗ; tỉnh Phú Thọ"\r\n',
    );
    const table = readTextTableFile(file);
    expect(table.separator).toBe(';');
    expect(tableHead(file, table, 1)).toEqual([['Mã hồ sơ', 'Trạng thái', 'Đơn vị']]);
    expect(tableColumns(file, table, 1, [1, 2])).toEqual([
      ['Đã trả kết quả', 'Đang giải quyết'],
      ['UBND phường Ngọc Hà', 'Xã Tề Lỗ; tỉnh Phú Thọ'],
    ]);
  });
});

describe('a provincial export read whole (every column of every row)', () => {
  it('gives the rows csv-parse gives on every generated file (its cells, a short row’s missing ones empty)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-rows-'));
    fc.assert(
      fc.property(fc.oneof(wellFormed, anyText), ({ separator, text }) => {
        const full = fullRows(text, separator);
        fc.pre(full !== undefined && full.length > 0);
        const { file, table } = readBack(dir, text);
        fc.pre(table.separator === separator);
        // Cells past a row's end read as empty either way (the fast path pads, csv-parse stops).
        const width = Math.max(1, ...full!.map((r) => r.length));
        const padded = (rows: string[][]) => rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
        expect(padded(tableRows(file, table))).toEqual(padded(full!));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('a register read part after part (a few megabytes in memory, whatever its size)', () => {
  /** The chosen columns of every record after `skip`, as readTableParts hands them over, with what it said of each part. */
  function readInParts(file: string, skip: number, columns: number[], partBytes: number, whole = false) {
    const got = columns.map(() => [] as string[]);
    let counted = 0;
    const read = readTableParts(
      file,
      Math.max(skip, 1),
      () => ({ skip, columns }),
      (cut, before) => {
        // Each part starts where the one before ended.
        expect(before).toBe(counted);
        cut.forEach((column, k) => got[k]!.push(...(cellsOf(column) as string[])));
        counted += cut[0]?.length ?? 0;
      },
      { partBytes, whole },
    );
    return read ? got : undefined;
  }

  it('gives, in parts of any size cut anywhere (inside a letter, a quoted field, a CRLF), the columns csv-parse gives (property)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-parts-'));
    let inParts = 0;
    fc.assert(
      fc.property(
        fc.oneof(wellFormed, anyText),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 8, max: 48 }),
        fc.boolean(),
        ({ separator, text }, skip, partBytes, whole) => {
          const full = fullRows(text, separator);
          fc.pre(full !== undefined && full.length > 0);
          const { file, table } = readBack(dir, text);
          fc.pre(table.separator === separator);
          const width = Math.max(1, ...full!.map((r) => r.length));
          const columns = Array.from({ length: width }, (_, i) => i).filter((i) => i % 2 === 1 || i === 0);
          const got = readInParts(file, skip, columns, partBytes, whole);
          if (got === undefined) return; // read whole by the caller
          if (Buffer.byteLength(text) > partBytes * 2) inParts += 1;
          expect(got).toEqual(columns.map((c) => full!.slice(skip).map((r) => r[c] ?? '')));
        },
      ),
      { numRuns: 2500 },
    );
    expect(inParts).toBeGreaterThan(300);
  });

  it('reads a register of many parts into a buffer of its part’s size, with its Vietnamese letters and its quoted line breaks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-parts-'));
    const file = join(dir, 'so.csv');
    const rows = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0 ? `H-${i};"Thôn ${i};\r\nxã Tề Lỗ";Đã trả kết quả` : `H-${i};UBND phường Ngọc Hà;Đang giải quyết`,
    );
    writeFileSync(file, ['\uFEFFMã hồ sơ;Đơn vị;Trạng thái', ...rows].join('\r\n'));
    const got = readInParts(file, 1, [0, 1, 2], 257)!;
    expect(got[0]).toHaveLength(3000);
    expect(got[0]![2999]).toBe('H-2999');
    expect(got[1]![7]).toBe('Thôn 7;\r\nxã Tề Lỗ');
    expect(got[2]![1]).toBe('Đang giải quyết');
  });

  it('refuses a register in a legacy 8-bit encoding whose first part reads as UTF-8, naming how to save it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-parts-'));
    const file = join(dir, 'cu.csv');
    const plain = Array.from({ length: 200 }, (_, i) => `H-${i},Dang giai quyet`).join('\n');
    // 0xD0 0x61: Windows-1258's "Đa", never UTF-8.
    writeFileSync(file, Buffer.concat([Buffer.from(`Mã hồ sơ,Trạng thái\n${plain}\n`), Buffer.from([0xd0, 0x61, 0x0a])]));
    expect(() => readInParts(file, 1, [0, 1], 64)).toThrow('không phải UTF-8');
  });

  it('says a register is not UTF-8 before judging its header, even when the letter that is not lies past the first part', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-parts-'));
    const file = join(dir, 'cu-thieu-cot.csv');
    const plain = Array.from({ length: 200 }, (_, i) => `H-${i},Dang giai quyet`).join('\n');
    writeFileSync(file, Buffer.concat([Buffer.from(`Mã hồ sơ,Trạng thái\n${plain}\n`), Buffer.from([0xd0, 0x61, 0x0a])]));
    const refuseHeader = () => {
      throw new Error('Trang “cu-thieu-cot” không có cột “Hạn trả kết quả”');
    };
    expect(() => readTableParts(file, 1, refuseHeader, () => undefined, { partBytes: 64 })).toThrow('không phải UTF-8');
  });

  it('leaves a register the fast path cannot read past its first part to the full parser, the records before as read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-parts-'));
    const file = join(dir, 'lech.csv');
    const rows = Array.from({ length: 400 }, (_, i) => (i === 300 ? `H-${i},Xóm 5 "Bãi Nổi",x` : `H-${i},Thôn ${i},x`));
    const text = ['Mã hồ sơ,Địa chỉ,Ghi chú', ...rows].join('\n');
    writeFileSync(file, text);
    const got = readInParts(file, 1, [0, 1], 128)!;
    expect(got).toEqual(
      [0, 1].map((c) =>
        fullRows(text, ',')!
          .slice(1)
          .map((r) => r[c] ?? ''),
      ),
    );
    expect(got[1]![300]).toBe('Xóm 5 "Bãi Nổi"');
    // Read at once, the same file is left whole to the caller.
    expect(readInParts(file, 1, [0, 1], 128, true)).toBeUndefined();
  });
});
