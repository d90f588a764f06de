/**
 * A register read for the periodic report: only the columns the report needs (never a personal
 * one), once each, and each row either a `SummaryRecord` or a problem with its row number and
 * reason. A row is never guessed at: one whose status, channel or dates do not hold together is
 * listed, not counted.
 */
import { compareDates } from '../core/civil';
import { dossierCodeKey } from '../core/dossierCode';
import { matchValue, nearestValue } from '../core/typedValues';
import { CHANNELS, type Channel, DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import { SERVICE_FIELD_NAMES, type ServiceValues } from '../core/serviceFields';
import type { SummaryRecord } from '../core/summary';
import type { CellValue } from '../gas/services';
import { type ArchiveTrust, archiveSheets } from './archive';
import {
  type CellColumn,
  cellAt,
  columnReader,
  dateOf,
  dateTimeOf,
  integerOf,
  isDate,
  isMonthFirstDate,
  type Mutable,
  textOf,
} from './cells';
import type { ZoneConverter } from './dates';
import { locateLayout, readColumnsToEnd, requireColumns, type SheetLayout } from './layout';
import type { Sheet, Spreadsheet } from '../gas/services';
import type { RegisterHeader } from './schema';

/**
 * What the report reads of a register; the first three are required. The competent agency and the
 * service index's fields are read when the register has them (an older one may not).
 */
export const REPORT_COLUMNS: readonly RegisterHeader[] = [
  'Thời điểm tiếp nhận',
  'Hạn trả kết quả',
  'Trạng thái',
  'Mã hồ sơ',
  'Hình thức nộp',
  'Ngày có kết quả',
  'Ngày trả kết quả',
  'Đơn vị tiếp nhận',
  'Lĩnh vực',
  'Tên thủ tục',
  'Lý do chậm',
  'Số lần yêu cầu bổ sung',
  'Mức độ hài lòng',
  'Cơ quan giải quyết',
  ...SERVICE_FIELD_NAMES,
];

/**
 * A register's layout for the report: only the report's columns matter, so a column it never reads
 * may be doubled or missing; the three it cannot do without are required.
 */
export function reportLayout(sheet: Sheet, tab: string): SheetLayout<RegisterHeader> {
  const layout = locateLayout(sheet, tab, REPORT_COLUMNS, 'Thời điểm tiếp nhận');
  requireColumns(layout, REPORT_COLUMNS.slice(0, 3));
  return layout;
}

/** The codes a year-end closing moved to the `Lưu trữ YYYY` tabs (the consistency check expects no row or event of theirs). */
export function archivedCodes(spreadsheet: Spreadsheet, archives: ArchiveTrust): Set<string> {
  const codes = new Set<string>();
  for (const { name, sheet } of archiveSheets(spreadsheet, archives)) {
    for (const code of readColumnsToEnd(reportLayout(sheet, name), ['Mã hồ sơ']).columns.get('Mã hồ sơ') ?? []) {
      if (textOf(code)) codes.add(textOf(code));
    }
  }
  return codes;
}

/** The archive tab holding `code`, read only when the register has no row of it. */
export function archiveHolding(spreadsheet: Spreadsheet, archives: ArchiveTrust, code: string): string | undefined {
  return archiveSheets(spreadsheet, archives).find(({ name, sheet }) =>
    (readColumnsToEnd(reportLayout(sheet, name), ['Mã hồ sơ']).columns.get('Mã hồ sơ') ?? []).some((c) => textOf(c) === code),
  )?.name;
}

/**
 * What was meant, for a value of a catalogue column it does not hold. The typed value is quoted only
 * when it is a near miss of a catalogue value (`đã trả kêt quả`): a name pasted one column off is
 * never quoted, so it cannot travel into a report or an e-mail.
 */
function hint(typed: string, values: readonly string[]): string {
  const near = nearestValue(typed, values);
  return near.distance <= 3 ? ` (“${typed}”: có phải “${near.value}”?)` : '';
}

export type ReportRecord = SummaryRecord & {
  readonly delayReason: string;
  readonly satisfaction: string;
  /** `Mã hồ sơ` ('' when the row has none) and the sheet row: how a dossier met twice is named. */
  readonly code: string;
  readonly row: number;
  /** `Đơn vị tiếp nhận` as the row has it, when it has one (else `unit` is only the file's name). */
  readonly typedUnit?: string;
  /**
   * A row without a code: its cells as typed (every column the report reads, and `STT` when read),
   * how the same row in a copy of the register is known.
   */
  readonly copyKey?: string;
};

/** A cell as it was typed, for telling a copied row: a date by its instant, text in NFC with its spaces trimmed. */
const cellKey = (value: CellValue | undefined): string =>
  value instanceof Date
    ? value.toISOString()
    : String(value ?? '')
        .normalize('NFC')
        .replace(/\s+/g, ' ')
        .trim();

/** A date of the register readable only month first (isMonthFirstDate), where it was met first. */
export interface MonthFirstDate {
  readonly column: RegisterHeader;
  readonly row: number;
  readonly value: string;
}

const DATE_COLUMNS: readonly RegisterHeader[] = ['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Ngày có kết quả', 'Ngày trả kết quả'];

export interface RowProblem {
  readonly row: number;
  readonly code: string;
  /** What is wrong, by column: the same for every row so wronged (the report counts rows by it). */
  readonly reason: string;
  /** The cell as typed, for the line naming this row (never in the report's counts of reasons). */
  readonly typed?: string;
  /** What the cell should hold: the forms of a date, the values of a list. */
  readonly expected?: string;
}

/** A row's problem as the line naming the row says it: the reason, the cell as typed and what it should hold. */
export function problemText(p: RowProblem): string {
  if (p.typed === undefined && p.expected === undefined) return p.reason;
  const cell = p.typed ? `ô ghi “${p.typed}”` : 'ô trống';
  return `${p.reason} (${cell}${p.expected ? `; cần ${p.expected}` : ''})`;
}

const DATE_FORMS = 'dạng dd/MM/yyyy HH:mm, dd/MM/yyyy hoặc yyyy-MM-dd HH:mm';

const RECEIVED_REASON = 'thời điểm tiếp nhận trống hoặc không đúng dạng ngày';
const DUE_REASON = 'hạn trả kết quả trống hoặc không đúng dạng ngày';
const RESULT_REASON = 'ngày có kết quả không đúng dạng ngày';
const RETURNED_REASON = 'ngày trả kết quả không đúng dạng ngày';
const DATE_REASONS = new Set([RECEIVED_REASON, DUE_REASON, RESULT_REASON, RETURNED_REASON]);

/** A cell as it reads, on one line and at most 40 characters (a pasted text can be long). */
function typedText(value: CellValue): string {
  const one = (isDate(value) ? '' : String(value)).replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

const RESOLVED: readonly DossierStatus[] = ['Đã có kết quả', 'Đã trả kết quả', 'Từ chối giải quyết', 'Dừng giải quyết'];

/**
 * The register's records with those of its year-end archives (`Lưu trữ YYYY`, oldest first): a row
 * whose code an earlier tab holds is not counted again, so a dossier caught in both places by an
 * interrupted closing counts once, and a report is the same before and after a year is closed.
 */
export function readReportRecords(
  layout: SheetLayout<RegisterHeader>,
  zone: ZoneConverter,
  defaultUnit: string,
  /** How the year-end archives beside the register are known (src/sheets/archive.ts). */
  archives: ArchiveTrust,
  /** Every row counts for `defaultUnit` (a register listed in `Đơn vị` is that unit, whatever its rows say). */
  unitFixed = false,
): { records: ReportRecord[]; problems: RowProblem[]; monthFirst?: MonthFirstDate } {
  // (A workbook read by its first tab, itself an archive, reads it twice: the second time counts nothing.)
  const tabs = [...archiveSheets(layout.sheet.getParent(), archives), { name: '', sheet: layout.sheet }];
  const seen = new Set<string>();
  let records: ReportRecord[] = [];
  let problems: RowProblem[] = [];
  let monthFirst: MonthFirstDate | undefined;
  for (const { name, sheet } of tabs) {
    const tab = name ? reportLayout(sheet, name) : layout;
    const read = readColumnsToEnd(tab, REPORT_COLUMNS).columns;
    const part = reportRecordsOf(read, tab.headerRow, zone, defaultUnit, unitFixed, seen);
    records = records.concat(part.records);
    monthFirst ??= part.monthFirst;
    problems = problems.concat(
      name ? part.problems.map((p) => ({ ...p, reason: `trang “${name}”: ${p.reason}` })) : part.problems,
    );
    for (const code of read.get('Mã hồ sơ') ?? []) seen.add(dossierCodeKey(textOf(code)));
  }
  return { records, problems, ...(monthFirst ? { monthFirst } : {}) };
}

/**
 * The records of a register's report columns, however they were read (a sheet, or a CSV file):
 * data index 0 is sheet row `headerRow + 1`.
 */
export function reportRecordsOf(
  read: ReadonlyMap<RegisterHeader, CellColumn>,
  headerRow: number,
  zone: ZoneConverter,
  defaultUnit: string,
  unitFixed = false,
  /** Codes an earlier tab holds (as dossierCodeKey): their rows here are not counted again. */
  skip: ReadonlySet<string> = new Set(),
  /**
   * 'problems': the rows that read as dossiers are only counted (`readable`), not kept (the check needs
   * only the problems); a function: each record is handed to it as read, not kept (a report over
   * 200,000 rows counts them as they come).
   */
  keep: 'records' | 'problems' | ((record: ReportRecord) => void) = 'records',
): { records: ReportRecord[]; problems: RowProblem[]; readable: number; monthFirst?: MonthFirstDate } {
  let readable = 0;
  const column = (h: RegisterHeader): CellColumn => read.get(h) ?? [];
  const length = Math.max(...REPORT_COLUMNS.map((h) => column(h).length));
  // Each column's readings made once per value: a register repeats its dates, statuses and names
  // thousands of times (200,000 rows in a CLI run).
  const texts = new Map<RegisterHeader, (i: number) => string>();
  const textIn = (h: RegisterHeader): ((i: number) => string) => {
    let read = texts.get(h);
    if (!read) texts.set(h, (read = columnReader(column(h), textOf)));
    return read;
  };
  const text = (h: RegisterHeader, i: number) => textIn(h)(i);
  const [unitAt, fieldAt, procedureAt, delayAt, satisfactionAt, agencyAt, codeAt] = (
    ['Đơn vị tiếp nhận', 'Lĩnh vực', 'Tên thủ tục', 'Lý do chậm', 'Mức độ hài lòng', 'Cơ quan giải quyết', 'Mã hồ sơ'] as const
  ).map(textIn) as [
    (i: number) => string,
    (i: number) => string,
    (i: number) => string,
    (i: number) => string,
    (i: number) => string,
    (i: number) => string,
    (i: number) => string,
  ];
  const [statusColumn, receivedColumn, dueColumn, resultColumn, returnedColumn] = (
    ['Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Ngày có kết quả', 'Ngày trả kết quả'] as const
  ).map(column) as [CellColumn, CellColumn, CellColumn, CellColumn, CellColumn];
  const receivedOf = columnReader(receivedColumn, (v) => dateTimeOf(v, zone));
  const dueOf = columnReader(dueColumn, (v) => dateTimeOf(v, zone));
  const resultOf = columnReader(resultColumn, (v) => dateOf(v, zone));
  const returnedOf = columnReader(returnedColumn, (v) => dateOf(v, zone));
  const statusOf = columnReader(statusColumn, (v) => {
    const typed = textOf(v);
    return matchValue(typed, DOSSIER_STATUSES) ?? typed;
  });
  const channelOf = columnReader(column('Hình thức nộp'), (v) => {
    const typed = textOf(v);
    return typed ? (matchValue(typed, CHANNELS) ?? (typed as Channel)) : 'Trực tiếp';
  });
  const supplementsOf = columnReader(column('Số lần yêu cầu bổ sung'), integerOf);
  const records: ReportRecord[] = [];
  const problems: RowProblem[] = [];
  // Only the optional columns the register has are looked at, row by row.
  const has = (h: RegisterHeader) => column(h).length > 0;
  const agencies = has('Cơ quan giải quyết');
  const serviceColumns = SERVICE_FIELD_NAMES.filter(has);
  const serviceValuesAt = (i: number): ServiceValues => {
    const values: ServiceValues = {};
    for (const f of serviceColumns) {
      const value = text(f, i);
      if (value) values[f] = value;
    }
    return values;
  };
  let row = 0;
  let code = '';
  const fail = (reason: string, typed?: CellValue, expected?: string) => {
    const shown = typed === undefined ? '' : typedText(typed);
    problems.push({ row, code, reason, ...(shown ? { typed: shown } : {}), ...(expected ? { expected } : {}) });
  };
  for (let i = 0; i < length; i += 1) {
    row = headerRow + 1 + i;
    code = codeAt(i);
    if (code && skip.size > 0 && skip.has(dossierCodeKey(code))) continue;
    const status = statusOf(i);
    const receivedCell = cellAt(receivedColumn, i);
    if (!code && !status && receivedCell === '' && text('Hạn trả kết quả', i) === '') continue; // a blank or note row
    const received = receivedOf(i);
    const due = dueOf(i);
    const result = resultOf(i);
    const returned = returnedOf(i);
    const channel = channelOf(i);
    const supplements = supplementsOf(i);
    // Reasons never quote a cell, so the report's counts of them never carry what was typed by mistake
    // (a name pasted one column off); the line naming the row shows it (`typed`), for the person fixing it.
    if (!DOSSIER_STATUSES.includes(status as DossierStatus)) {
      const near = status ? hint(status, DOSSIER_STATUSES) : '';
      fail(
        status ? `trạng thái không thuộc danh mục${near}` : 'thiếu trạng thái',
        near ? undefined : status,
        near ? undefined : `một trong: ${DOSSIER_STATUSES.join(', ')}`,
      );
    } else if (!received || received === 'invalid') {
      fail(RECEIVED_REASON, receivedCell, DATE_FORMS);
    } else if (!due || due === 'invalid') {
      fail(DUE_REASON, cellAt(dueColumn, i), DATE_FORMS);
    } else if (result === 'invalid') {
      fail(RESULT_REASON, cellAt(resultColumn, i), DATE_FORMS);
    } else if (returned === 'invalid') {
      fail(RETURNED_REASON, cellAt(returnedColumn, i), DATE_FORMS);
    } else if (!CHANNELS.includes(channel)) {
      const near = hint(channel, CHANNELS);
      fail(
        `hình thức nộp không thuộc danh mục${near}`,
        near ? undefined : channel,
        near ? undefined : `một trong: ${CHANNELS.join(', ')}`,
      );
    } else if (supplements === 'invalid') {
      fail('số lần yêu cầu bổ sung không phải số nguyên không âm');
    } else {
      const end = result ?? returned;
      if (RESOLVED.includes(status as DossierStatus) && !end) {
        fail(`trạng thái ${status} nhưng chưa có ngày có kết quả hoặc ngày trả kết quả`);
      } else if (end && compareDates(end, received.date) < 0) {
        fail('ngày có kết quả trước ngày tiếp nhận');
      } else if (keep === 'problems') {
        readable += 1;
      } else {
        const typedUnit = unitFixed ? '' : unitAt(i);
        const unit = unitFixed ? defaultUnit : typedUnit || defaultUnit;
        const record: Mutable<ReportRecord> = {
          unit,
          field: fieldAt(i) || '(chưa ghi lĩnh vực)',
          procedureName: procedureAt(i) || '(chưa ghi thủ tục)',
          status: status as DossierStatus,
          channel,
          receivedDate: received.date,
          dueDate: due.date,
          supplementCount: supplements ?? 0,
          delayReason: delayAt(i),
          satisfaction: satisfactionAt(i),
          code,
          row,
        };
        if (end) record.endDate = end;
        const agency = agencies ? agencyAt(i) : '';
        if (agency) record.agency = agency;
        if (serviceColumns.length > 0) record.service = serviceValuesAt(i);
        if (typedUnit) record.typedUnit = typedUnit;
        // A codeless row is known by what it says once read (times to the minute, the status as
        // recognised), not as typed: a copy saved with seconds, ISO dates or another case is the same.
        if (!code) {
          record.copyKey = JSON.stringify([
            cellKey(cellAt(column('STT'), i)),
            unit,
            text('Lĩnh vực', i),
            text('Tên thủ tục', i),
            status,
            channel,
            received,
            due,
            result ?? '',
            returned ?? '',
            supplements ?? 0,
            text('Lý do chậm', i),
            text('Mức độ hài lòng', i),
          ]);
        }
        if (keep === 'records') records.push(record);
        else keep(record);
        readable += 1;
      }
    }
  }
  // A month-first date can only be among the rows refused for a date: the file is searched only then.
  const monthFirst = problems.some((p) => DATE_REASONS.has(p.reason)) ? monthFirstIn(column, headerRow) : undefined;
  return { records, problems, readable, ...(monthFirst ? { monthFirst } : {}) };
}

function monthFirstIn(
  column: (h: RegisterHeader) => CellColumn,
  headerRow: number,
  columns: readonly RegisterHeader[] = DATE_COLUMNS,
): MonthFirstDate | undefined {
  for (const h of columns) {
    const cells = column(h);
    const monthFirstAt = columnReader(cells, isMonthFirstDate);
    for (let i = 0; i < cells.length; i += 1) {
      if (monthFirstAt(i)) return { column: h, row: headerRow + 1 + i, value: String(cellAt(cells, i)).trim() };
    }
  }
  return undefined;
}

/**
 * The month-first date of a register read part after part (a CSV file), as reportRecordsOf finds it in
 * the whole register: searched only if some row was refused for a date, by column, then row. So every
 * part is searched (the row refused for a date may lie in another part than the date), and a date of
 * an earlier column in a later part comes first.
 */
export class MonthFirstOfParts {
  private found: MonthFirstDate | undefined;
  private dateRefused = false;

  /** A part's report columns, the sheet row before its first, and the problems reportRecordsOf found in it. */
  add(read: ReadonlyMap<RegisterHeader, CellColumn>, headerRow: number, problems: readonly RowProblem[]): void {
    this.dateRefused ||= problems.some((p) => DATE_REASONS.has(p.reason));
    // Only the columns before the one already found can change it.
    const before = this.found ? DATE_COLUMNS.indexOf(this.found.column) : DATE_COLUMNS.length;
    const here = monthFirstIn((h) => read.get(h) ?? [], headerRow, DATE_COLUMNS.slice(0, before));
    if (here) this.found = here;
  }

  get monthFirst(): MonthFirstDate | undefined {
    return this.dateRefused ? this.found : undefined;
  }
}
