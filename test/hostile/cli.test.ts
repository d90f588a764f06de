/**
 * Hostile input at every CLI input (issue 12, item 4b): register files for `summary` and `check`
 * (CSV and .xlsx with formulas, 50,000-character cells, wrong types, BOMs, mixed date formats,
 * doubled or missing headers), calendar files for `due` and `calendar`, and the arguments of each
 * command. The commands run in-process, their failures mapped to exit codes and stderr exactly as
 * main.ts does (`describeFailure`); a few, and the one 200,000-row file, run as the real process.
 * For every case: exit code 0, 1 or 2 (design.md §8), never “Lỗi không mong đợi”, stderr a
 * Vietnamese sentence with no stack, every bad row named by its number, and text read as text.
 */
import { DOSSIER_STATUSES } from '../../src/core/dossier';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { formatNumberVi } from '../../src/core/format';
import fc from 'fast-check';
import { calendarCommand, dueCommand } from '../../src/local/cli/commands';
import { checkCommand, summaryCommand } from '../../src/local/cli/summary';
import { describeFailure } from '../../src/local/cli/usage';
import { textOf } from '../../src/sheets/cells';
import { REGISTER_COLUMNS } from '../../src/sheets/schema';
import { runCli, SLOW } from '../local/runCli';
import {
  CASES,
  counted,
  fragment,
  hostileShortString,
  hostileString,
  longString,
  oddDateTime,
  vietnameseProblems,
} from './arbitraries';

const dir = mkdtempSync(join(tmpdir(), 'motcua-hostile-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`hostile CLI cases:\n${[...CASES.entries()].map(([name, n]) => `${name}: ${n}`).join('\n')}`);
});

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command as main.ts runs it: its output, or its failure turned into stderr and an exit code. */
async function run(fn: () => Promise<{ stdout: string; stderr?: string; code?: number }> | string): Promise<Outcome> {
  try {
    const out = await fn();
    if (typeof out === 'string') return { code: 0, stdout: out, stderr: '' };
    return { code: out.code ?? 0, stdout: out.stdout, stderr: out.stderr ?? '' };
  } catch (error) {
    const failure = describeFailure(error, false);
    return { code: failure.exitCode, stdout: '', stderr: failure.text };
  }
}

/** Exit codes of design.md §8 and a Vietnamese stderr; “Lỗi không mong đợi” is a crash. */
function checkOutcome(o: Outcome, allowed: readonly number[]): void {
  if (o.stderr.startsWith('Lỗi không mong đợi')) throw new Error(`crash: ${o.stderr.slice(0, 400)}`);
  if (!allowed.includes(o.code)) throw new Error(`exit code ${o.code}: ${o.stderr.slice(0, 300)}`);
  for (const line of o.stderr.split('\n').filter((l) => l.trim() !== '')) {
    // A bad row's line quotes its code as typed: only the reason is the product's own words.
    const problems = vietnameseProblems(/, dòng \d+(?: \(mã .*\))?: (.+)$/s.exec(line)?.[1] ?? line);
    // A line that only continues a message (the usage text after a bad command) may lack diacritics.
    if (problems.includes('a stack trace') || problems.includes('English internals')) {
      throw new Error(`stderr “${line.slice(0, 300)}”: ${problems.join(', ')}`);
    }
  }
  if (o.code === 2) expect(vietnameseProblems(o.stderr.split('\n')[0])).toEqual([]);
}

// ---------------------------------------------------------------- register files

const STATUSES = DOSSIER_STATUSES;
const DATE_COLUMNS = ['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Ngày có kết quả', 'Ngày trả kết quả'];

/** Dates as hand-kept files hold them: ISO, dd/MM/yyyy, MM/dd/yyyy, serial numbers, impossible days. */
const dateCell: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      y: fc.constantFrom(2025, 2026),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
    })
    .chain(({ y, m, d, h }) => {
      const p = (n: number) => String(n).padStart(2, '0');
      return fc.constantFrom(
        `${y}-${p(m)}-${p(d)}`,
        `${y}-${p(m)}-${p(d)} ${p(h)}:30`,
        `${p(d)}/${p(m)}/${y}`,
        `${p(d)}/${p(m)}/${y} ${p(h)}:15`,
        `${m}/${d}/${y}`,
        `${y}-${p(m)}-${p(d)}T${p(h)}:30:00+07:00`,
      );
    }),
  fc.constantFrom(
    '29/02/2025',
    '31/04/2026',
    '2025-02-29',
    '0000-01-01',
    '9999-12-31',
    '24:00',
    '46083',
    '46083.5',
    '=TODAY()',
    '',
    ' ',
  ),
  oddDateTime,
  hostileShortString,
);

function cellFor(header: string): fc.Arbitrary<string> {
  if (DATE_COLUMNS.includes(header)) return dateCell;
  if (header === 'Trạng thái')
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STATUSES) }, { weight: 1, arbitrary: hostileString });
  if (header === 'Hình thức nộp')
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Trực tiếp', 'Trực tuyến', 'Bưu chính', '') },
      { weight: 1, arbitrary: hostileShortString },
    );
  if (header === 'Số lần yêu cầu bổ sung') return fc.constantFrom('', '0', '1', '2', '-1', '1.5', '1,5', 'abc', '=1+1', '1e3');
  if (header === 'Mã hồ sơ')
    return fc.oneof(
      fc.integer({ min: 1, max: 9999 }).map((n) => `000.17.22.H56-260302-${String(n).padStart(4, '0')}`),
      hostileShortString,
      fc.constant(''),
    );
  return hostileString;
}

interface RegisterCase {
  readonly headers: string[];
  readonly rows: string[][];
  readonly titleRows: number;
  readonly bom: boolean;
  readonly crlf: boolean;
}

/** Headers: the contract's in any order, some left out, one doubled, people's own columns added. */
const registerCase: fc.Arbitrary<RegisterCase> = fc
  .record({
    picked: fc.subarray([...REGISTER_COLUMNS], { minLength: 0 }),
    keepRequired: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    doubled: fc.option(fc.constantFrom(...REGISTER_COLUMNS), { freq: 5 }),
    own: fc.array(fc.oneof(hostileShortString, fc.constant('Ghi chú riêng')), { maxLength: 2 }),
    shuffle: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    titleRows: fc.nat(2),
    bom: fc.boolean(),
    crlf: fc.boolean(),
    rowCount: fc.nat(8),
  })
  .chain((c) => {
    const required = c.keepRequired ? ['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Trạng thái'] : [];
    const base = [...new Set([...required, ...c.picked])];
    const all = [...base, ...(c.doubled ? [c.doubled] : []), ...c.own];
    const headers = all
      .map((h, i) => ({ h, k: c.shuffle[i % 40]! }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.h);
    const row = fc.tuple(...headers.map(cellFor));
    return fc.array(row, { minLength: c.rowCount, maxLength: c.rowCount }).map((rows) => ({
      headers,
      rows: rows.map((r) => [...r]),
      titleRows: c.titleRows,
      bom: c.bom,
      crlf: c.crlf,
    }));
  });

const quote = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

function writeCsv(file: string, c: RegisterCase): void {
  const eol = c.crlf ? '\r\n' : '\n';
  const lines = [
    ...Array.from({ length: c.titleRows }, (_, i) => quote(i === 0 ? 'SỔ THEO DÕI HỒ SƠ – =UBND xã' : '')),
    c.headers.map(quote).join(','),
    ...c.rows.map((r) => r.map(quote).join(',')),
  ];
  writeFileSync(file, `${c.bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);
}

/** The rows the report must either count or name: any with a code, status or date (design.md §4: never dropped). */
function dataRows(c: RegisterCase): number[] {
  const at = (h: string) => c.headers.indexOf(h);
  const watched = ['Mã hồ sơ', 'Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả'].map(at).filter((i) => i >= 0);
  const firstData = c.titleRows + 2;
  return c.rows.flatMap((r, i) => (watched.some((j) => textOf(r[j] ?? '') !== '') ? [firstData + i] : []));
}

/** Every bad row is named by its number, in Vietnamese, and rows counted + rows named = rows with data. */
function checkRows(file: string, c: RegisterCase, out: Outcome): void {
  if (out.code === 2) return;
  const expected = dataRows(c);
  // One bad row a line; a code typed with a line break in it continues its line.
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = out.stdout.split(new RegExp(`\n(?=${escaped}, dòng )`));
  const bad = lines.slice(1);
  for (const line of bad) {
    const m = /^(.*), dòng (\d+)(?: \(mã .*\))?: (.+)\.$/s.exec(line);
    if (!m || m[1] !== file) throw new Error(`a bad row without its number: ${line.slice(0, 200)}`);
    // A header cell a spreadsheet would run is named on the header's own row.
    const headerFormula = Number(m[2]) === c.titleRows + 1 && (m[3] ?? '').includes('(ô tiêu đề)');
    if (!expected.includes(Number(m[2])) && !headerFormula)
      throw new Error(`row ${m[2]} named, not a row with data (${expected.join(',')})`);
    expect(vietnameseProblems(m[3])).toEqual([]);
  }
  const head = /(\d[\d.]*) dòng (?:lỗi trên (\d[\d.]*) dòng )?hồ sơ/.exec(lines[0] ?? '');
  if (!head) throw new Error(`check's first line: ${lines[0]}`);
  const total = Number((head[2] ?? head[1])!.replace(/\./g, ''));
  expect(total).toBe(expected.length);
  expect(out.code).toBe(bad.length > 0 ? 1 : 0);
}

describe('register files (summary, check)', () => {
  it('CSV: any header row and any cell: a report or a Vietnamese refusal, every bad row named', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        registerCase,
        counted('csv register: check and summary --json', async (c: RegisterCase) => {
          const file = join(dir, `r${(n += 1)}.csv`);
          writeCsv(file, c);
          const checked = await run(() => checkCommand([file]));
          checkOutcome(checked, [0, 1, 2]);
          checkRows(file, c, checked);
          const summary = await run(() => summaryCommand(['--from', '2026-01-01', '--to', '2026-12-31', '--json', file]));
          checkOutcome(summary, [0, 1, 2]);
          if (checked.code === 2) expect(summary.code).toBe(2);
          if (summary.code !== 2) {
            const json = JSON.parse(summary.stdout) as {
              total: { received: { total: number } };
              leftOut: { rows: number; conflicts: unknown[] };
            };
            expect(Number.isInteger(json.total.received.total)).toBe(true);
            // Exit code 1 exactly when a row was left out or a code means two dossiers.
            expect(summary.code).toBe(json.leftOut.rows > 0 || json.leftOut.conflicts.length > 0 ? 1 : 0);
            for (const line of summary.stderr.split('\n').filter(Boolean))
              expect(line).toMatch(
                /, dòng \d+.*: .+ — (không tính vào báo cáo|tính một lần|chỉ tính dòng trước; hãy sửa một trong hai rồi lập lại báo cáo)\.$/s,
              );
          }
          rmSync(file);
        }),
      ),
      { seed: 20261206, numRuns: 500 },
    );
  });

  it('CSV: broken files (open quote, bytes that are not UTF-8, no header, empty): exit 2 or a report, never a crash', async () => {
    let n = 0;
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc
        .array(
          fc.oneof(fragment, fc.constantFrom('"', '""', ',', '\n', '\r', 'Thời điểm tiếp nhận', 'Trạng thái', 'Hạn trả kết quả')),
          { maxLength: 30 },
        )
        .map((p) => Buffer.from(p.join(''))),
      fc.constantFrom(
        Buffer.from(''),
        Buffer.from('\ufeff'),
        Buffer.from('Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\n"02/03/2026,05/03/2026,Đã tiếp nhận\n'),
        Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00, 0x41]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        bytes,
        counted('csv register: broken bytes', async (b: Buffer) => {
          const file = join(dir, `b${(n += 1)}.csv`);
          writeFileSync(file, b);
          checkOutcome(await run(() => checkCommand([file])), [0, 1, 2]);
          rmSync(file);
        }),
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('.xlsx: formulas, errors, wrong types and 50,000-character cells: a report or a refusal, every bad row named', async () => {
    let n = 0;
    const typed = fc.oneof(
      hostileString.map<ExcelJS.CellValue>((s) => s),
      fc.double({ noNaN: false }).map<ExcelJS.CellValue>((x) => x),
      fc.boolean().map<ExcelJS.CellValue>((x) => x),
      fc.date({ min: new Date('1899-12-31T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }).map<ExcelJS.CellValue>((d) => d),
      fc.constantFrom<ExcelJS.CellValue>(
        { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue,
        { formula: 'TODAY()', result: 46083 } as ExcelJS.CellValue,
        { formula: 'IMPORTXML("http://evil.example","//a")' } as ExcelJS.CellValue,
        { error: '#N/A' } as ExcelJS.CellValue,
        { richText: [{ text: '=1+' }, { text: '1' }] } as ExcelJS.CellValue,
        { text: 'liên kết', hyperlink: 'javascript:alert(1)' } as ExcelJS.CellValue,
        null,
      ),
      dateCell.map<ExcelJS.CellValue>((s) => s),
    );
    const xlsxCase = fc.record({
      tab: fc.constantFrom('Sổ theo dõi hồ sơ', 'Sheet1', '=x'),
      headers: fc.shuffledSubarray([...REGISTER_COLUMNS], { minLength: 0, maxLength: 12 }),
      rows: fc.array(fc.array(typed, { minLength: 12, maxLength: 12 }), { maxLength: 5 }),
      headerAs: fc.constantFrom('text', 'formula', 'number'),
    });
    await fc.assert(
      fc.asyncProperty(
        xlsxCase,
        counted('xlsx register: check and summary --json', async (c) => {
          const file = join(dir, `x${(n += 1)}.xlsx`);
          const wb = new ExcelJS.Workbook();
          const sheet = wb.addWorksheet(c.tab);
          const headers =
            c.headerAs === 'text' ? c.headers : [...c.headers, c.headerAs === 'number' ? 42 : { formula: '"Trạng thái"' }];
          sheet.addRow(headers as ExcelJS.CellValue[]);
          for (const r of c.rows) sheet.addRow(r.slice(0, Math.max(1, headers.length)));
          await wb.xlsx.writeFile(file);
          const checked = await run(() => checkCommand([file]));
          checkOutcome(checked, [0, 1, 2]);
          for (const line of checked.stdout.split('\n').slice(1)) expect(line).toMatch(/, dòng \d+( \(mã .*\))?: .+\.$/s);
          checkOutcome(
            await run(() => summaryCommand(['--json', '--from', '2025-01-01', '--to', '2026-12-31', file])),
            [0, 1, 2],
          );
          rmSync(file);
        }),
      ),
      { seed: 20261208, numRuns: 200 },
    );
  });

  it('--out: every unit name from a register is written to the report workbook as the same text', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        // Control characters and lone surrogates aside: XML, and so .xlsx, cannot hold them (a gap, in the report).
        fc.uniqueArray(
          fc.oneof(
            // eslint-disable-next-line no-control-regex
            hostileShortString.filter((s) => !/[\u0000-\u001f\u007f]/.test(s) && !/[\ud800-\udfff]/.test(s)),
            fc.constantFrom('=1+1', '+84 912', '-1', '@x', '001', '1,5', '08:30', '02/03/2026', 'TRUE'),
          ),
          {
            minLength: 1,
            maxLength: 3,
            selector: (s) => textOf(s),
          },
        ),
        counted('csv register: unit names through summary --out .xlsx', async (units: string[]) => {
          n += 1;
          const file = join(dir, `u${n}.csv`);
          const out = join(dir, `u${n}-out.xlsx`);
          const rows = units.map((u, i) => [u, `2026-03-0${i + 1} 08:30`, '2026-03-10', 'Đang giải quyết']);
          writeCsv(file, {
            headers: ['Đơn vị tiếp nhận', 'Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Trạng thái'],
            rows,
            titleRows: 0,
            bom: false,
            crlf: false,
          });
          const o = await run(() => summaryCommand(['--from', '2026-03-01', '--to', '2026-03-31', '--out', out, file]));
          checkOutcome(o, [0]);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.readFile(out);
          const cells: ExcelJS.CellValue[] = [];
          wb.eachSheet((s) => s.eachRow((r) => r.eachCell((cell) => void cells.push(cell.value))));
          expect(cells.filter((v) => typeof v === 'object' && v !== null && 'formula' in v)).toEqual([]);
          for (const u of units) {
            const name = textOf(u) || `u${n}`;
            if (!cells.some((v) => v === name)) throw new Error(`unit “${name.slice(0, 80)}” not read back as text`);
          }
          rmSync(file);
          rmSync(out);
        }),
      ),
      { seed: 20261209, numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------- calendar files and arguments

const calendarCase = fc.record({
  header: fc.oneof(
    { weight: 6, arbitrary: fc.shuffledSubarray(['date', 'kind', 'name'], { minLength: 3, maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ['date', 'kind'],
        ['date', 'kind', 'name', 'name'],
        ['Date', 'Kind', 'Name'],
        ['ngày', 'loại', 'tên'],
        ['date', 'date', 'kind', 'name'],
        [],
      ),
    },
  ),
  rows: fc.array(
    fc.record({
      date: fc.oneof(
        fc.constantFrom(
          '2026-01-01',
          '2026-05-04',
          '2026-09-01',
          '2026-02-29',
          '2026-04-31',
          '01/05/2026',
          '05/01/2026',
          '1900-12-31',
          '2100-01-01',
          '2026-5-4',
          '46083',
        ),
        hostileShortString,
      ),
      kind: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('holiday', 'compensatory', 'swap-off', 'makeup-workday') },
        { weight: 1, arbitrary: fc.constantFrom('Nghỉ lễ', 'HOLIDAY', ' holiday', '') },
        { weight: 1, arbitrary: hostileShortString },
      ),
      name: fc.oneof({ weight: 19, arbitrary: hostileShortString }, { weight: 1, arbitrary: longString }),
    }),
    { maxLength: 6 },
  ),
  bom: fc.boolean(),
  crlf: fc.boolean(),
});
type CalendarCase = typeof calendarCase extends fc.Arbitrary<infer T> ? T : never;

function writeCalendar(file: string, c: CalendarCase): void {
  const eol = c.crlf ? '\r\n' : '\n';
  const header: readonly string[] = c.header;
  const cols = header.map((h) => h.toLowerCase());
  const value = (r: CalendarCase['rows'][number], h: string) =>
    h === 'date' ? r.date : h === 'kind' ? r.kind : h === 'name' ? r.name : '';
  const lines = [header.map(quote).join(','), ...c.rows.map((r) => cols.map((h) => quote(value(r, h))).join(','))];
  writeFileSync(file, `${c.bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);
}

describe('calendar files (due --calendar, calendar --calendar)', () => {
  it('any calendar file: exit 0 with every name as written, or exit 2 with a Vietnamese reason', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        calendarCase,
        counted('calendar file: calendar --json and due --calendar', async (c: CalendarCase) => {
          const file = join(dir, `c${(n += 1)}.csv`);
          writeCalendar(file, c);
          const cal = await run(() => calendarCommand(['--year', '2026', '--calendar', file, '--json']));
          checkOutcome(cal, [0, 2]);
          if (cal.code === 0) {
            const days = (JSON.parse(cal.stdout) as { days: { name: string }[] }).days;
            const names = c.rows.map((r) => r.name);
            for (const d of days) {
              if (!names.some((x) => x === d.name || x.normalize('NFC').trim() === d.name || x.trim() === d.name)) {
                throw new Error(`name “${d.name.slice(0, 80)}” is not what the file says`);
              }
            }
          }
          const due = await run(() =>
            dueCommand(['--received', '2026-04-29 16:00', '--period', '3d', '--calendar', file, '--json']),
          );
          checkOutcome(due, [0, 2]);
          if (due.code === 0)
            expect(due.stdout).toMatch(/^\{"dueDate":"\d{4}-\d{2}-\d{2}","dueAt":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"\}$/);
          rmSync(file);
        }),
      ),
      { seed: 20261210, numRuns: 250 },
    );
  });
});

describe('command arguments', () => {
  const token = fc.oneof(
    fc.constantFrom(
      '--received',
      '--period',
      '--cutoff',
      '--calendar',
      '--json',
      '--year',
      '--from',
      '--to',
      '--out',
      '--x',
      '--',
      '-',
      '--received=2026-03-02 08:30',
      '--period=5d',
    ),
    fc.constantFrom(
      '5d',
      '0d',
      '3650d',
      '3651d',
      '4h',
      'same-day',
      '-5d',
      '1e3d',
      '5 d',
      '٥d',
      '15:00',
      '24:00',
      '2026',
      '0',
      '1900',
      '2100',
      '99999',
      '/nonexistent.csv',
      dir,
    ),
    oddDateTime.map((s) => s.replace('T', ' ')),
    hostileShortString,
  );
  it('due and calendar: any arguments give an answer (0) or a Vietnamese usage error (2)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('due', 'calendar'),
        fc.array(token, { maxLength: 7 }),
        counted('arguments: due and calendar', async (command: string, args: string[]) => {
          const o = await run(() => (command === 'due' ? dueCommand(args) : calendarCommand(args)));
          checkOutcome(o, [0, 2]);
        }),
      ),
      { seed: 20261211, numRuns: 1800 },
    );
  });

  it('summary and check: any arguments with files that are missing, folders or not registers: 0, 1 or 2, never a crash', async () => {
    const good = join(dir, 'good.csv');
    writeCsv(good, {
      headers: ['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Trạng thái'],
      rows: [['2026-03-02 08:30', '2026-03-05', 'Đã tiếp nhận']],
      titleRows: 0,
      bom: true,
      crlf: true,
    });
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'không phải sổ');
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, 'PK\u0003\u0004 not a zip');
    const files = fc.constantFrom(
      good,
      notes,
      fake,
      dir,
      join(dir, 'missing.csv'),
      join(dir, 'missing.xlsx'),
      good.toUpperCase(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('summary', 'check'),
        fc.array(fc.oneof(token, files), { maxLength: 7 }),
        counted('arguments: summary and check', async (command: string, args: string[]) => {
          // --out is given a fresh path only: an existing file must be refused, never overwritten.
          const safe = args.map((a, i) => (args[i - 1] === '--out' && a !== good ? join(dir, 'o.xlsx') : a));
          const o = await run(() => (command === 'summary' ? summaryCommand(safe) : checkCommand(safe)));
          checkOutcome(o, [0, 1, 2]);
          if (command === 'summary') expect(o.code).not.toBe(1);
          rmSync(join(dir, 'o.xlsx'), { force: true });
        }),
      ),
      { seed: 20261212, numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------- the real process, and 200,000 rows

describe('the real process', () => {
  it(
    'hostile files through `node scripts/cli.mjs`: exit codes 0/1/2 and a Vietnamese stderr with no stack',
    async () => {
      const csv = join(dir, 'p.csv');
      writeFileSync(
        csv,
        '\ufeffMã hồ sơ,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,Người nộp\r\n' +
          '=HYPERLINK("http://evil"),02/03/2026 08:30,2026-03-05,Đã tiếp nhận,"=1+1"\r\n' +
          `x,29/02/2025,2025-03-05,Đang giải quyết,${'a'.repeat(50_001)}\r\n`,
      );
      const broken = join(dir, 'p.xlsx');
      writeFileSync(broken, 'not a workbook');
      const cases: [string[], number][] = [
        [['check', csv], 1],
        // Row 3 is left out (29/02/2025 is no date): the report is whole and the exit code says a row was left out.
        [['summary', '--from', '2026-01-01', '--to', '2026-12-31', '--json', csv], 1],
        [['summary', '--from', '2026-02-30', '--to', '2026-12-31', csv], 2],
        [['check', broken], 2],
        [['due', '--received', '2026-02-29 08:00', '--period', '5d'], 2],
        [['calendar', '--year', '0'], 2],
      ];
      for (const [args, code] of cases) {
        const r = await runCli(args);
        expect([args, r.code]).toEqual([args, code]);
        expect(r.stderr).not.toMatch(/^\s+at |Lỗi không mong đợi/m);
        if (code === 2) expect(vietnameseProblems(r.stderr.split('\n')[0])).toEqual([]);
        if (code !== 2 && args[0] === 'summary') JSON.parse(r.stdout);
      }
      CASES.set('real process: fixed hostile runs', cases.length);
    },
    SLOW,
  );

  it(
    'a register of 200,000 rows (hostile ones among them) is summarised and checked',
    async () => {
      const file = join(dir, 'big.csv');
      const ROWS = 200_000;
      const lines = [
        '\ufeffMã hồ sơ,Đơn vị tiếp nhận,Hình thức nộp,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,Ngày có kết quả,Người nộp,Ghi chú',
      ];
      const bad: number[] = [];
      for (let i = 0; i < ROWS; i += 1) {
        const day = 1 + (i % 28);
        const month = 1 + (Math.floor(i / 28) % 12);
        const p = (n: number) => String(n).padStart(2, '0');
        const received = i % 2 ? `2025-${p(month)}-${p(day)} 08:30` : `${p(day)}/${p(month)}/2025 09:15`;
        const due = `2025-${p(month)}-${p(Math.min(day + 3, 28))}`;
        const done = i % 3 === 0;
        let status = done ? 'Đã có kết quả' : 'Đang giải quyết';
        let receivedCell = received;
        // One row in 997 is hand-kept wrong: a formula for a status, or a day that does not exist.
        if (i % 997 === 0) {
          bad.push(i + 2);
          if (i % 2) status = '=IF(1,"Đã tiếp nhận")';
          else receivedCell = '29/02/2025 08:30';
        }
        const name = i === 123_456 ? 'x'.repeat(50_000) : i % 5 === 0 ? '=IMPORTXML("http://evil","//a")' : `Người ${i}`;
        lines.push(
          [
            // Codes as MotCua issues them: the receipt day and that day's sequence, without gaps.
            `000.17.22.H56-25${p(month)}${p(day)}-${String(Math.floor(i / 336) + 1).padStart(4, '0')}`,
            i % 2 ? 'Xã A' : 'Xã B',
            i % 4 ? 'Trực tiếp' : 'Trực tuyến',
            receivedCell,
            due,
            status,
            done ? due : '',
            name,
            i % 7 ? '' : '"có ""ngoặc"", dấu phẩy"',
          ]
            .map((v) => (v.startsWith('"') ? v : quote(v)))
            .join(','),
        );
      }
      writeFileSync(file, `${lines.join('\r\n')}\r\n`);
      let t = Date.now();
      const summary = await runCli(['summary', '--from', '2025-01-01', '--to', '2025-12-31', '--json', file]);
      const summaryMs = Date.now() - t;
      t = Date.now();
      const check = await runCli(['check', file]);
      const checkMs = Date.now() - t;
      // Rows were left out (the hostile ones): a scheduled job notices.
      expect(summary.code).toBe(1);
      const json = JSON.parse(summary.stdout) as { total: { received: { total: number } } };
      expect(json.total.received.total).toBe(ROWS - bad.length);
      expect(summary.stderr.trim().split('\n')).toHaveLength(bad.length);
      expect(check.code).toBe(1);
      // The check also names every name that would run as a formula once exported (a fifth of them, and
      // the status formulas twice: unreadable, and a formula).
      const all = Array.from({ length: ROWS }, (_, i) => i);
      const formulas = [
        ...all.filter((i) => i % 5 === 0 && i !== 123_456),
        ...all.filter((i) => i % 997 === 0 && i % 2 === 1),
      ].map((i) => i + 2);
      const named = [...bad, ...formulas].sort((a, b) => a - b);
      expect(check.stdout.split('\n')[0]).toBe(
        `${file}: ${formatNumberVi(new Set(named).size)} dòng lỗi trên 200.000 dòng hồ sơ.`,
      );
      expect(
        check.stdout
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => Number(/, dòng (\d+)/.exec(l)?.[1])),
      ).toEqual(named);
      expect(check.stderr).toBe('');
      console.log(`200,000-row register: summary --json ${summaryMs} ms, check ${checkMs} ms (${bad.length} bad rows named)`);
      CASES.set('real process: the 200,000-row register (summary and check)', 1);
    },
    SLOW,
  );
});
