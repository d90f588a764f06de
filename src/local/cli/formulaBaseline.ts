/**
 * The baseline `npm run bench` compares MotCua's report with: what a district clerk would build
 * without it. The same CSV registers imported into one workbook (a tab per register, dates as date
 * cells), and the Biểu 06 figures per unit written as COUNTIFS / SUMPRODUCT formulas over them, the
 * classification of design.md §5 and src/core/timeliness.ts spelled in spreadsheet formulas:
 * - received in the period: `Thời điểm tiếp nhận` from `from` 00:00 to before `to + 1` (COUNTIFS);
 *   online by `Hình thức nộp`, everything else (an empty channel is `Trực tiếp`) in person or postal;
 * - one helper column per register, `Ngày kết thúc (cột phụ)`, by formula: the date processing ended
 *   (`Ngày có kết quả`, else `Ngày trả kết quả`, else the receipt day) when the status says it ended,
 *   else empty. COUNTIFS cannot choose between two columns by a third, so the clerk fills this down;
 * - carried over: received before `from` minus those that ended before `from` (COUNTIFS);
 * - early / on time / late: a resolving status (result, or refusal after review) ending within the
 *   period, its end date before / equal to / after the date of `Hạn trả kết quả` (SUMPRODUCT: the
 *   condition compares two columns); `Hạn trả mới` never enters;
 * - stopped or withdrawn (`Dừng giải quyết`) ending within the period: the residual (COUNTIFS);
 * - in progress at `to`: received by `to` minus those ended by `to`; overdue when `Hạn trả kết quả`
 *   falls before the end of `to` (24:00; COUNTIFS), except a dossier waiting for a supplement
 *   (`Chờ bổ sung`), within deadline until its deadline is recomputed.
 * The clerk's formulas do not validate rows: a row MotCua refuses (a bad status or date) is counted
 * or breaks a formula here, so the bench's registers hold none.
 */
import { basename, extname } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { toDayNumber } from '../../core/civil';
import { dateTimeOf } from '../../sheets/cells';
import { ZoneConverter } from '../../sheets/dates';

/** A register as the clerk imported it: text as text, the date columns as date serials. */
export interface ClerkRegister {
  readonly unit: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const RECEIVED = 'Thời điểm tiếp nhận';
const DUE = 'Hạn trả kết quả';
const STATUS = 'Trạng thái';
const CHANNEL = 'Hình thức nộp';
const RESULT = 'Ngày có kết quả';
const RETURNED = 'Ngày trả kết quả';
const DATE_COLUMNS = [RECEIVED, DUE, RESULT, RETURNED, 'Hạn trả mới'];
const HELPER = 'Ngày kết thúc (cột phụ)';

/** Days from the spreadsheet epoch (30/12/1899) to 01/01/1970: serial = day number + this. */
const SERIAL_1970 = 25_569;

// A file of text has no Date cells: the zone is never asked (as in registers.ts).
const TEXT_ONLY = new ZoneConverter({ formatDate: () => '', sleep: () => undefined }, 'Asia/Ho_Chi_Minh');

/** A cell of a CSV register as a spreadsheet holds it after import: a date serial, or the text. */
function importedCell(header: string, text: string): string | number {
  if (!DATE_COLUMNS.includes(header)) return text;
  const at = dateTimeOf(text, TEXT_ONLY);
  return at && at !== 'invalid' ? toDayNumber(at.date) + SERIAL_1970 + at.minute / 1440 : text;
}

/** A CSV register (header on the first line) imported as a clerk would: the columns it lacks added empty. */
export function clerkRegisterFromCsv(file: string): ClerkRegister {
  const [first = [], ...data] = parse(readFileSync(file), {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = first.map((h) => h.normalize('NFC').trim());
  const missing = [RECEIVED, DUE, STATUS, CHANNEL, RESULT, RETURNED].filter((h) => !header.includes(h));
  const rows = data.map((r) => [...header.map((h, i) => importedCell(h, (r[i] ?? '').trim())), ...missing.map(() => '')]);
  const unitColumn = header.indexOf('Đơn vị tiếp nhận');
  const units = new Set(unitColumn < 0 ? [] : data.map((r) => (r[unitColumn] ?? '').trim()).filter(Boolean));
  // One summary line a tab: a register mixing units would need the unit as one more criterion.
  if (units.size > 1) throw new Error(`formula baseline: ${file} holds ${units.size} units; one a register is modelled`);
  return { unit: [...units][0] ?? basename(file, extname(file)), header: [...header, ...missing], rows };
}

/** Column letters of a 1-based index (1 → A, 27 → AA). */
function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Tab names: Calc and Excel allow 31 characters, none of []:*?/\, and no two alike. */
function tabNames(units: readonly string[]): string[] {
  const taken = new Set<string>();
  return units.map((u) => {
    const base = u.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sổ';
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i += 1) name = `${base} ${i}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The summary tab's cells holding the period, and its first line of units. */
const FROM = '$B$1';
const TO = '$B$2';
const FIRST_LINE = 5;

/** Biểu 06's columns (3)–(13), then the residual, as `summary --json` names them. */
export const BASELINE_COLUMNS = [
  ['(3) Tổng tiếp nhận', 'received.total'],
  ['(4) Trực tuyến', 'received.online'],
  ['(5) Trực tiếp, bưu chính', 'received.inPersonOrPostal'],
  ['(6) Kỳ trước chuyển sang', 'received.carriedOver'],
  ['(7) Đã giải quyết', 'resolved.total'],
  ['(8) Trước hạn', 'resolved.early'],
  ['(9) Đúng hạn', 'resolved.onTime'],
  ['(10) Quá hạn', 'resolved.late'],
  ['(11) Đang giải quyết', 'inProgress.total'],
  ['(12) Trong hạn', 'inProgress.withinDeadline'],
  ['(13) Quá hạn', 'inProgress.overdue'],
  ['Dừng, rút (ngoài biểu)', 'other.total'],
] as const;

/**
 * The formulas of one unit's line on row `r` (columns B–M in BASELINE_COLUMNS' order), over its
 * tab's ranges: what a clerk who knows COUNTIFS and SUMPRODUCT writes.
 */
function lineFormulas(r: number, range: (header: string) => string): string[] {
  const [recv, due, status, channel, end] = [RECEIVED, DUE, STATUS, CHANNEL, HELPER].map(range) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const inPeriod = `${recv},">="&${FROM},${recv},"<"&(${TO}+1)`;
  const resolvedIn = (compare: string) =>
    `SUMPRODUCT(ISNUMBER(MATCH(${status},{"Đã có kết quả","Đã trả kết quả","Từ chối giải quyết"},0))*(${end}>=${FROM})*(${end}<=${TO})*(${end}${compare}INT(${due})))`;
  const byTo = `${recv},"<"&(${TO}+1)`;
  return [
    `C${r}+D${r}+E${r}`,
    `COUNTIFS(${inPeriod},${channel},"Trực tuyến")`,
    `COUNTIFS(${inPeriod},${channel},"<>Trực tuyến")`,
    `COUNTIFS(${recv},"<"&${FROM})-COUNTIFS(${recv},"<"&${FROM},${end},"<"&${FROM})`,
    `G${r}+H${r}+I${r}`,
    resolvedIn('<'),
    resolvedIn('='),
    resolvedIn('>'),
    `COUNTIFS(${byTo})-COUNTIFS(${byTo},${end},"<="&${TO})`,
    `J${r}-L${r}`,
    `COUNTIFS(${byTo},${due},"<"&(${TO}+1),${status},"<>Chờ bổ sung")-COUNTIFS(${byTo},${due},"<"&(${TO}+1),${status},"<>Chờ bổ sung",${end},"<="&${TO})`,
    `COUNTIFS(${status},"Dừng giải quyết",${end},">="&${FROM},${end},"<="&${TO})`,
  ];
}

/** A cached result no engine could have computed: a line that still shows it was not recalculated. */
export const STALE = -1;
const LAST = letters(BASELINE_COLUMNS.length + 2); // the check column after the figures

/**
 * Writes the clerk's workbook: `Tổng hợp` first (the period in B1:B2, a line of formulas per
 * register, their sum), then one tab per register with its helper column. Formulas carry no cached
 * result, except the check column (`Số dòng trong sổ`, COUNT of receipt times), written as STALE.
 */
export async function writeClerkWorkbook(
  registers: readonly ClerkRegister[],
  from: string,
  to: string,
  file: string,
  /** false: the same data and labels without a formula, to time loading the data alone. */
  formulas = true,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const summary = book.addWorksheet('Tổng hợp');
  const names = tabNames(registers.map((r) => r.unit));
  summary.getCell('A1').value = 'Từ ngày';
  summary.getCell('B1').value = toDayNumber(from) + SERIAL_1970;
  summary.getCell('B1').style = DAY;
  summary.getCell('A2').value = 'Đến ngày';
  summary.getCell('B2').value = toDayNumber(to) + SERIAL_1970;
  summary.getCell('B2').style = DAY;
  summary.getRow(FIRST_LINE - 1).values = [
    'Đơn vị',
    ...BASELINE_COLUMNS.map(([label]) => label),
    'Số dòng trong sổ (kiểm tra tính lại)',
  ];
  registers.forEach((register, i) => {
    const r = FIRST_LINE + i;
    const tab = `'${names[i]!.replace(/'/g, "''")}'`;
    const last = Math.max(2, register.rows.length + 1);
    const range = (h: string) => {
      const c = letters(h === HELPER ? register.header.length + 1 : register.header.indexOf(h) + 1);
      return `${tab}!$${c}$2:$${c}$${last}`;
    };
    const row = summary.getRow(r);
    row.getCell(1).value = register.unit;
    if (!formulas) return;
    lineFormulas(r, range).forEach((formula, k) => (row.getCell(k + 2).value = { formula }));
    row.getCell(BASELINE_COLUMNS.length + 2).value = { formula: `COUNT(${range(RECEIVED)})`, result: STALE };
  });
  const total = summary.getRow(FIRST_LINE + registers.length);
  total.getCell(1).value = 'Tổng cộng';
  const lastLine = FIRST_LINE + registers.length - 1;
  for (let c = 2; formulas && c <= BASELINE_COLUMNS.length + 2; c += 1) {
    const col = letters(c);
    total.getCell(c).value = {
      formula: `SUM(${col}${FIRST_LINE}:${col}${lastLine})`,
      ...(col === LAST ? { result: STALE } : {}),
    };
  }
  summary.commit();

  registers.forEach((register, i) => {
    const sheet = book.addWorksheet(names[i]);
    sheet.addRow([...register.header, ...(formulas ? [HELPER] : [])]).commit();
    const at = (h: string, r: number) => `${letters(register.header.indexOf(h) + 1)}${r}`;
    const dated = new Set(DATE_COLUMNS.map((h) => register.header.indexOf(h)));
    register.rows.forEach((cells, k) => {
      const r = k + 2;
      const s = at(STATUS, r);
      const ended = ['Đã có kết quả', 'Đã trả kết quả', 'Từ chối giải quyết', 'Dừng giải quyết']
        .map((v) => `${s}="${v}"`)
        .join(',');
      const formula = `IF(OR(${ended}),INT(IF(${at(RESULT, r)}<>"",${at(RESULT, r)},IF(${at(RETURNED, r)}<>"",${at(RETURNED, r)},${at(RECEIVED, r)}))),"")`;
      const row = sheet.addRow([...cells.map((v) => (v === '' ? null : v)), ...(formulas ? [{ formula }] : [])]);
      // One style object for all alike cells: exceljs then looks each up once, not once a cell.
      row.eachCell((cell, c) => {
        cell.style =
          c === register.header.length + 1 ? DAY : dated.has(c - 1) && typeof cells[c - 1] === 'number' ? MINUTE : PLAIN;
      });
      row.commit();
    });
    sheet.commit();
  });
  await book.commit();
}

const PLAIN: Partial<ExcelJS.Style> = {};
const MINUTE: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy hh:mm' };
const DAY: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };

/** A line of the recalculated summary, as read back from the engine's CSV of `Tổng hợp`. */
export interface BaselineLine {
  readonly unit: string;
  readonly figures: readonly number[];
  /** `Số dòng trong sổ`: STALE unless the engine recalculated it. */
  readonly rowsCounted: number;
}

/** Reads the units' lines and the total out of the CSV the engine wrote of `Tổng hợp`. */
export function readBaselineCsv(text: string): { units: BaselineLine[]; total: BaselineLine } {
  const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
  const start = rows.findIndex((r) => r[0] === 'Đơn vị');
  const lines: BaselineLine[] = [];
  for (const r of rows.slice(start + 1)) {
    if (!r[0]) break;
    const numbers = r.slice(1, BASELINE_COLUMNS.length + 2).map((v) => (/^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN));
    lines.push({ unit: r[0], figures: numbers.slice(0, -1), rowsCounted: numbers.at(-1) ?? Number.NaN });
  }
  const total = lines.pop();
  if (start < 0 || !total || total.unit !== 'Tổng cộng')
    throw new Error('formula baseline: no summary table in the engine’s CSV');
  return { units: lines, total };
}

/** What `summary --json` prints of a unit or the total (design.md §8), as far as the baseline needs. */
type CountsJson = Record<string, Record<string, number>>;
interface SummaryJson {
  units: ({ unit: string } & CountsJson)[];
  total: CountsJson;
}

/** Every figure where the formulas and MotCua disagree, said as `unit, column: MotCua n, formulas m`. */
export function baselineDifferences(baseline: { units: BaselineLine[]; total: BaselineLine }, motcuaJson: string): string[] {
  const motcua = JSON.parse(motcuaJson) as SummaryJson;
  const out: string[] = [];
  const compare = (name: string, counts: CountsJson | undefined, line: BaselineLine | undefined) => {
    // A register with nothing in the period has no line in MotCua's summary: its formulas' zeros agree.
    if (!counts && line && line.figures.every((f) => f === 0)) return;
    if (!counts || !line) {
      out.push(`${name}: ${counts ? 'no line in the formula workbook' : 'not in MotCua’s summary'}`);
      return;
    }
    BASELINE_COLUMNS.forEach(([label, key], k) => {
      const [group, field] = key.split('.') as [string, string];
      const expected = counts[group]?.[field];
      if (expected !== line.figures[k]) out.push(`${name}, ${label}: MotCua ${expected}, formulas ${line.figures[k]}`);
    });
  };
  const units = new Set([...motcua.units.map((u) => u.unit), ...baseline.units.map((u) => u.unit)]);
  for (const unit of units) {
    compare(
      unit,
      motcua.units.find((u) => u.unit === unit),
      baseline.units.find((u) => u.unit === unit),
    );
  }
  compare('Tổng cộng', motcua.total, baseline.total);
  return out;
}
