/**
 * The `Tổng hợp giám sát` sheet, rebuilt each time: the Biểu 06/VPCP/KSTT table per unit and per
 * field with totals (every line balancing: received = resolved + in progress + stopped), the rates
 * with their denominators, the 766 timeliness, the procedures most often late and the late
 * reasons, supplement requests, satisfaction, the rows that could not be classified, and one chart.
 * Every figure is a value (no formula to go stale or to break in a copy).
 */
import { type CivilDateTime } from '../core/civil';
import { formatDateTimeVi, formatDateVi } from '../core/format';
import { addCounts, type Counts, emptyCounts, formFigures, ratesOf, type Summary } from '../core/summary';
import type { CellValue, Sheet, Spreadsheet } from '../gas/services';
import {
  OTHER_VALUE,
  RESULT_SERVICE_FIELDS,
  SERVICE_FIELD_NAMES,
  type ServiceCounts,
  serviceCountsByValue,
  type ServiceField,
} from '../core/serviceFields';
import { TABS } from './schema';

interface SummarySource {
  readonly name: string;
  /** Rows that could not be classified. */
  readonly problems: readonly { readonly row: number; readonly code: string; readonly reason: string }[];
  /** Why the register could not be read at all. */
  readonly error?: string;
  /** Problems beyond those listed (a register's part keeps a bounded list). */
  readonly moreProblems?: number;
  /** About the unit rather than a row (a level that no longer exists in the period). */
  readonly notes?: readonly string[];
}

const COUNT_HEADERS = [
  'Tiếp nhận: tổng (3)',
  'Trực tuyến (4)',
  'Trực tiếp, bưu chính (5)',
  'Kỳ trước chuyển sang (6)',
  'Đã giải quyết: tổng (7)',
  'Trước hạn (8)',
  'Đúng hạn (9)',
  'Quá hạn (10)',
  'Đang giải quyết: tổng (11)',
  'Trong hạn (12)',
  'Quá hạn (13)',
  'Dừng, rút (còn lại)',
  'Trước hạn / tổng tiếp nhận',
  'Đúng hạn / tổng tiếp nhận',
  'Quá hạn / tổng tiếp nhận',
  'Trước hạn / đã giải quyết',
  'Đúng hạn / đã giải quyết',
  'Quá hạn / đã giải quyết',
  'Đúng hạn theo Chỉ số 766 / tổng tiếp nhận',
];
const COUNTS = 12;

function countsRow(c: Counts): CellValue[] {
  const r = ratesOf(c);
  return [
    ...formFigures(c),
    r.earlyOfReceived,
    r.onTimeOfReceived,
    r.lateOfReceived,
    r.earlyOfResolved,
    r.onTimeOfResolved,
    r.lateOfResolved,
    r.timeliness766,
  ];
}

/** Columns A (unit, procedure, reason) and B (field, level, dossier code), then the figures, in pixels. */
const SUMMARY_COLUMN_WIDTHS = { unit: 230, field: 190, count: 64, rate: 72 } as const;
const BLOCK_HEADERS = [
  'Thủ tục có nhiều hồ sơ quá hạn nhất',
  'Lý do chậm',
  'Yêu cầu bổ sung',
  'Mức độ hài lòng',
  'Từ chối',
  'Chỉ số phục vụ (Quyết định 766/QĐ-TTg)',
];

/**
 * Widths, bold headings and wrapped headers, found from the values (the council's copy, made of values,
 * gets the same): headers wrap rather than being cut off at a figure's width, and the labels of the
 * blocks under the tables (procedures, reasons) wrap in column A rather than being cut by column B.
 */
export function layoutSummarySheet(sheet: Sheet, rows: readonly (readonly CellValue[])[]): void {
  const width = rows[0]?.length ?? 0;
  const w = SUMMARY_COLUMN_WIDTHS;
  sheet.setColumnWidth(1, w.unit);
  if (width >= 2) sheet.setColumnWidth(2, w.field);
  for (let column = 3; column <= width; column += 1) sheet.setColumnWidth(column, column < 3 + COUNTS ? w.count : w.rate);
  if (rows.length === 0) return;
  sheet.getRange(1, 1).setFontWeight('bold');
  let blocksFrom = 0;
  rows.forEach((r, i) => {
    const first = String(r[0]);
    if (/^Theo /.test(first) || first === 'Tổng cộng' || /^Cộng /.test(first)) {
      sheet.getRange(i + 1, 1, 1, width).setFontWeight('bold');
    } else if ((first === 'Đơn vị' && (r[1] === 'Lĩnh vực' || r[1] === 'Cấp')) || first === 'Cơ quan giải quyết') {
      sheet
        .getRange(i + 1, 1, 1, width)
        .setFontWeight('bold')
        .setWrap(true);
    } else if (BLOCK_HEADERS.includes(first) || first.startsWith('Chất lượng dữ liệu')) {
      blocksFrom ||= i + 1;
      sheet.getRange(i + 1, 1, 1, width).setFontWeight('bold');
    }
  });
  if (blocksFrom) sheet.getRange(blocksFrom, 1, rows.length - blocksFrom + 1, 2).setWrap(true);
}

/**
 * The service index's fields, each value with its count: of the dossiers received in the period
 * (channel, online level, digitised components, online fee), of those resolved with a result
 * (delivery, digitised result). `(chưa ghi)` is a row without the field, an older register's rows included;
 * `(không áp dụng)` the online level of a dossier received at the counter or by post.
 */
function serviceLines(service: ServiceCounts): CellValue[][] {
  const scope = (f: ServiceField) =>
    RESULT_SERVICE_FIELDS.includes(f) ? 'hồ sơ có kết quả trong kỳ' : 'hồ sơ tiếp nhận trong kỳ';
  return SERVICE_FIELD_NAMES.flatMap((field) =>
    Object.entries(serviceCountsByValue(service)[field])
      .filter(([value, n]) => n > 0 || value !== OTHER_VALUE)
      .map(([value, n]): CellValue[] => [`${field} (${scope(field)})`, value, n]),
  );
}

/** One block of rows, as wide as the widest, padded with empty cells. */
type Block = CellValue[][];

export interface SummarySheetOptions {
  readonly title: string;
  readonly madeAt: CivilDateTime;
  readonly sources: readonly SummarySource[];
  readonly includeChart?: boolean;
  /** Each unit's level (`Cấp` of the `Đơn vị` tab): a subtotal line per level when there are several units. */
  readonly levels?: ReadonlyMap<string, string>;
}

/** Lines listed in one block (late reasons, rows that could not be classified); the rest are counted. */
const MAX_LISTED = 300;

/**
 * Writes the sheet (created if missing, emptied if not) and returns it. Numbers in `#,##0` and
 * rates in `0.00%`, which Google Sheets shows as `12.160` and `10,67%` in a vi_VN spreadsheet.
 */
export function writeSummarySheet(spreadsheet: Spreadsheet, summary: Summary, options: SummarySheetOptions): Sheet {
  const existing = spreadsheet.getSheetByName(TABS.summary);
  const sheet = existing ?? spreadsheet.insertSheet(TABS.summary);
  if (existing) {
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
  }
  const width = 2 + COUNT_HEADERS.length;
  const rows: Block = [];
  const numberAreas: { row: number; column: number; rows: number; columns: number; format: string }[] = [];
  const add = (cells: CellValue[]) => rows.push([...cells, ...Array<CellValue>(Math.max(0, width - cells.length)).fill('')]);
  // Column B holds the unit's level in the first table, the field in the second: its header says which.
  const table = (label: string, columnB: string, lines: { a: string; b: string; counts: Counts }[], columnA = 'Đơn vị') => {
    add([label]);
    add([columnA, columnB, ...COUNT_HEADERS]);
    const first = rows.length + 1;
    for (const line of lines) add([line.a, line.b, ...countsRow(line.counts)]);
    numberAreas.push({ row: first, column: 3, rows: lines.length, columns: COUNTS, format: '#,##0' });
    numberAreas.push({
      row: first,
      column: 3 + COUNTS,
      rows: lines.length,
      columns: COUNT_HEADERS.length - COUNTS,
      format: '0.00%',
    });
    add([]);
  };
  add([options.title]);
  add([`Kỳ báo cáo: từ ${formatDateVi(summary.from)} đến ${formatDateVi(summary.to)} (cả hai ngày)`]);
  add([
    `Lập lúc ${formatDateTimeVi(options.madeAt)}, từ ${options.sources.length} sổ: ${options.sources.map((s) => s.name).join('; ')}`,
  ]);
  add(['Tỷ lệ ghi rõ mẫu số: “/ tổng tiếp nhận” gồm cả hồ sơ kỳ trước chuyển sang (cột 3); “/ đã giải quyết” là cột 7.']);
  add([]);
  const levels = options.levels ?? new Map<string, string>();
  const levelNames = [...new Set(summary.units.map((u) => levels.get(u.unit) ?? ''))].filter(Boolean);
  const subtotals = levelNames.map((level) => {
    const counts = emptyCounts();
    for (const u of summary.units) if (levels.get(u.unit) === level) addCounts(counts, u.counts);
    return { a: `Cộng ${level}`, b: '', counts };
  });
  table('Theo đơn vị', 'Cấp', [
    ...summary.units.map((u) => ({ a: u.unit, b: levels.get(u.unit) ?? '', counts: u.counts })),
    ...(summary.units.length > 1 && subtotals.length > 0 ? subtotals : []),
    { a: 'Tổng cộng', b: '', counts: summary.total },
  ]);
  table('Theo lĩnh vực', 'Lĩnh vực', [
    ...summary.fields.map((f) => ({ a: f.unit, b: f.field, counts: f.counts })),
    { a: 'Tổng cộng', b: '', counts: summary.total },
  ]);
  // Centres receive dossiers of other agencies and other communes (Decree 118/2025): by competent agency too.
  table(
    'Theo cơ quan giải quyết',
    '',
    [
      ...summary.agencies.map((a) => ({ a: a.agency, b: '', counts: a.counts })),
      { a: 'Tổng cộng', b: '', counts: summary.total },
    ],
    'Cơ quan giải quyết',
  );
  add(['Thủ tục có nhiều hồ sơ quá hạn nhất', 'Số hồ sơ quá hạn (đã giải quyết quá hạn hoặc đang quá hạn)']);
  for (const p of summary.lateByProcedure.slice(0, 10)) add([p.procedure, p.count]);
  if (summary.lateByProcedure.length === 0) add(['(không có)']);
  add([]);
  add(['Lý do chậm', 'Số hồ sơ']);
  for (const r of summary.lateReasons.slice(0, MAX_LISTED)) add([r.reason, r.count]);
  if (summary.lateReasons.length > MAX_LISTED) {
    add([
      `… và ${summary.lateReasons.length - MAX_LISTED} lý do khác`,
      summary.lateReasons.slice(MAX_LISTED).reduce((n, r) => n + r.count, 0),
    ]);
  }
  if (summary.lateReasons.length === 0) add(['(không có)']);
  add([]);
  add(['Yêu cầu bổ sung', 'Số hồ sơ']);
  add(['Có ít nhất một lần yêu cầu bổ sung', summary.supplements.atLeastOne]);
  add(['Yêu cầu bổ sung quá một lần (Chỉ số 766 tính là quá hạn)', summary.supplements.moreThanOne]);
  add([]);
  add(['Mức độ hài lòng', 'Số hồ sơ']);
  for (const level of ['Rất hài lòng', 'Hài lòng', 'Không hài lòng']) add([level, summary.satisfaction[level] ?? 0]);
  add([]);
  add(['Từ chối', 'Số hồ sơ']);
  add(['Từ chối tiếp nhận tại nơi tiếp nhận (Mẫu số 03): không tiếp nhận, không tính vào cột 3', summary.receptionRefusals]);
  add(['Từ chối giải quyết sau khi xem xét (văn bản trả lời): đã tính vào cột 7', summary.total.refusedAfterReview]);
  add([]);
  add(['Chỉ số phục vụ (Quyết định 766/QĐ-TTg)', 'Giá trị', 'Số hồ sơ']);
  for (const line of serviceLines(summary.total.service)) add(line);
  add([]);
  // The dossier code in column B, which is wide enough for one (columns C on are figures, narrow).
  add(['Chất lượng dữ liệu: dòng không phân loại được (không tính vào báo cáo)', 'Mã hồ sơ', 'Dòng', 'Lý do']);
  let listed = 0;
  let unlisted = 0;
  for (const source of options.sources) {
    if (source.error) {
      add([source.name, '', '', `Không đọc được sổ: ${source.error}`]);
      listed += 1;
    }
    for (const note of source.notes ?? []) {
      add([source.name, '', '', note]);
      listed += 1;
    }
    for (const p of source.problems) {
      if (listed >= MAX_LISTED) unlisted += 1;
      else {
        add([source.name, p.code, p.row, p.reason]);
        listed += 1;
      }
    }
    unlisted += source.moreProblems ?? 0;
  }
  if (unlisted > 0) add([`… và ${unlisted} dòng khác (chạy lệnh check hoặc xem sổ của đơn vị)`]);
  if (listed === 0 && unlisted === 0) add(['(không có)']);
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Everything is text first (nothing a register holds turns into a formula), then numbers formatted.
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormat('@');
  for (const area of numberAreas) {
    if (area.rows > 0) sheet.getRange(area.row, area.column, area.rows, area.columns).setNumberFormat(area.format);
  }
  range.setValues(rows);
  sheet.setFrozenRows(0);
  layoutSummarySheet(sheet, rows);
  if (options.includeChart !== false && summary.units.length > 0) {
    // Early, on time, late per unit: the unit names and columns 8–10 of the unit table.
    const unitRow = 8;
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange(unitRow, 1, summary.units.length, 1))
      .addRange(sheet.getRange(unitRow, 8, summary.units.length, 3))
      .setOption('title', 'Trước hạn, đúng hạn, quá hạn theo đơn vị')
      .setOption('isStacked', true)
      .setPosition(rows.length + 2, 1, 0, 0)
      .build();
    sheet.insertChart(chart);
  }
  return sheet;
}
