/**
 * Register files for `summary` and `check` (design.md §8): `.xlsx` (the tab `Sổ theo dõi hồ sơ`,
 * else the first holding a register's header: registerTab) and text tables — `.csv`, `.txt`, `.tsv` in UTF-8 or UTF-16, with `,`, `;` or tabs
 * (textTable.ts), quoted fields holding separators and line breaks —,
 * read by the same code as the register in Google Sheets: a workbook through the local services, a
 * CSV's columns handed straight to the same row parser (a file of strings needs no spreadsheet).
 */
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { LocalWorld } from '../gas/world';
import { loadXlsx } from '../gas/xlsx';
import type { WorkbookData } from '../gas/workbookData';
import { checkConsistency, type Finding } from '../../core/consistency';
import type { CellValue, Services, Sheet, Spreadsheet } from '../../gas/services';
import { openUnit } from '../../server/unitContext';
import { CHECK_COLUMNS, checkEventsOf, checkLayout, checkRowsOf } from '../../sheets/consistency';
import { ZoneConverter } from '../../sheets/dates';
import { archiveSheets } from '../../sheets/archive';
import { logLayout } from '../../sheets/eventLog';
import {
  locateLayout,
  missingColumnsMessage,
  NOTHING_WRITTEN,
  readColumnsToEnd,
  RESTORE_HINT,
  SETUP_HINT,
  SheetProblem,
} from '../../sheets/layout';
import { RECONCILE_COLUMNS, reconcileRecordsOf } from '../../sheets/reconcileRecords';
import type { ReconcileRecord } from '../../core/reconcile';
import {
  archivedCodes,
  REPORT_COLUMNS,
  type MonthFirstDate,
  MonthFirstOfParts,
  type ReportRecord,
  readReportRecords,
  reportLayout,
  reportRecordsOf,
  type RowProblem,
} from '../../sheets/periodRecords';
import { receptionRefusalDates } from '../../sheets/receptionRefusals';
import { LOG_COLUMNS, REGISTER_COLUMNS, type RegisterHeader, TABS } from '../../sheets/schema';
import { columnsOf, findHeaderRow, HEADER_SCAN_ROWS, headerCellsAt, normalizeHeader } from '../../sheets/table';

import { readTableParts, readTextTableFile, tableCellColumns, tableHead } from './textTable';
import type { CellColumn } from '../../sheets/cells';
import { matchValue } from '../../core/typedValues';
import { UsageError } from './usage';

const ONLY_THESE = 'chỉ đọc được tệp Excel (.xlsx) hoặc bảng văn bản (.csv, .txt, .tsv).';

/** A table saved as text: CSV, or Excel's "Unicode Text" (.txt) and tab-separated files. */
const isTextTable = (file: string) => ['.csv', '.txt', '.tsv'].includes(extname(file).toLowerCase());

export interface RegisterFile {
  readonly file: string;
  readonly records: ReportRecord[];
  readonly problems: RowProblem[];
  /** Why the file was not read as a register (a report or the council's copy: summaries, not dossiers). */
  readonly skipped?: string;
  /** Said on stderr: which tab of a workbook was read, when not its first. */
  readonly note?: string;
  /** Days of the workbook's refusals at the counter (`Từ chối tiếp nhận`), counted apart from (3). */
  readonly receptionRefusals?: readonly string[];
}

/** A CSV register's header: its row, its cells, and the register's columns in it (1-based). */
interface CsvHead {
  readonly headerRow: number;
  readonly header: readonly CellValue[];
  readonly wanted: readonly (readonly [RegisterHeader, number])[];
}

/** The header found in a CSV's first rows as in a sheet; the file refused without one, or with a report column missing or doubled. */
function csvHead(file: string, rows: readonly string[][]): CsvHead {
  const tab = basename(file, extname(file));
  // Headers as people retype them in an export (`MÃ HỒ SƠ`, decomposed accents, double spaces) are the register's.
  const top = rows.map((row) => row.map((cell) => matchValue(cell, REGISTER_COLUMNS) ?? cell));
  const headerRow = findHeaderRow(top, REGISTER_COLUMNS, 'Thời điểm tiếp nhận');
  if (headerRow === undefined) {
    throw new UsageError(
      `“${file}”: không tìm thấy dòng tiêu đề trong ${HEADER_SCAN_ROWS} dòng đầu (cần cột “Thời điểm tiếp nhận”, “Hạn trả kết quả”, “Trạng thái”).`,
    );
  }
  const header = headerCellsAt(top, headerRow);
  const columns = columnsOf(header, REGISTER_COLUMNS);
  // A column the report reads, twice: which one holds the truth is not guessed (as in a sheet).
  const texts = header.map(normalizeHeader);
  const doubled = REPORT_COLUMNS.filter((h) => texts.filter((t) => t === h).length > 1);
  if (doubled.length > 0) {
    throw new UsageError(
      `“${file}”: cột “${doubled.join('”, “')}” có hai lần trong dòng tiêu đề; hãy xóa hoặc đổi tên cột thừa.`,
    );
  }
  const missing = (['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Trạng thái'] as const).filter((h) => !columns.has(h));
  if (missing.length > 0) throw forFile(file, missingColumnsMessage(tab, missing, header));
  return { headerRow, header, wanted: [...columns.entries()] };
}

/**
 * A CSV register's columns, only the register's, part after part (textTable.ts: a few megabytes in
 * memory whatever its size; `whole`: all at once), each handed to `onPart` with the sheet row
 * before its first record.
 */
function csvParts(
  file: string,
  onPart: (read: Map<RegisterHeader, CellColumn>, headerRow: number) => void,
  whole: boolean,
): CsvHead {
  let head: CsvHead | undefined;
  const columnsOfHead = (h: CsvHead) => h.wanted.map(([, c]) => c - 1);
  const readOf = (h: CsvHead, cut: readonly CellColumn[]) =>
    new Map<RegisterHeader, CellColumn>(h.wanted.map(([name], i) => [name, cut[i] ?? []]));
  const streamed = readTableParts(
    file,
    HEADER_SCAN_ROWS,
    (rows) => {
      head = csvHead(file, rows);
      return { skip: head.headerRow, columns: columnsOfHead(head) };
    },
    (cut, before) => onPart(readOf(head!, cut), head!.headerRow + before),
    { whole },
  );
  if (streamed && head) return head;
  // Read whole: a file in UTF-16, a head longer than a part, a pipe.
  const table = readTextTableFile(file);
  const found = csvHead(file, tableHead(file, table, HEADER_SCAN_ROWS));
  onPart(readOf(found, tableCellColumns(file, table, found.headerRow, columnsOfHead(found))), found.headerRow);
  return found;
}

/** A file of text has no Date cells: the zone is never asked. */
const TEXT_ZONE = new ZoneConverter({ formatDate: () => '', sleep: () => undefined }, 'Asia/Ho_Chi_Minh');

/** A CSV register's columns, all at once (the check and the reconciliation compare rows across the file). */
function csvColumns(file: string): {
  read: Map<RegisterHeader, CellColumn>;
  headerRow: number;
  zone: ZoneConverter;
  header: readonly CellValue[];
} {
  let read = new Map<RegisterHeader, CellColumn>();
  const { headerRow, header } = csvParts(file, (columns) => (read = columns), true);
  return { read, headerRow, zone: TEXT_ZONE, header };
}

/** A CSV register's records, read part after part: with `visit`, handed to it as they come, none kept. */
function csvRegister(file: string, visit?: (record: ReportRecord) => void): RegisterFile {
  const unit = basename(file, extname(file));
  const records: ReportRecord[] = [];
  const problems: RowProblem[] = [];
  const monthFirstOf = new MonthFirstOfParts();
  csvParts(
    file,
    (read, headerRow) => {
      const part = reportRecordsOf(read, headerRow, TEXT_ZONE, unit, false, new Set(), visit ?? 'records');
      for (const record of part.records) records.push(record);
      for (const problem of part.problems) problems.push(problem);
      monthFirstOf.add(read, headerRow, part.problems);
    },
    false,
  );
  const { monthFirst } = monthFirstOf;
  return datesDayFirst(file, { records, problems, ...(monthFirst ? { monthFirst } : {}) });
}

/**
 * The register read, unless one of its dates is readable only month first (`12/31/2026`): then its
 * other dates (`03/11/2026`) cannot be told apart either, and a report on them would be wrong
 * without a sign, so the file is refused, naming the column, row and value.
 */
function datesDayFirst(
  file: string,
  read: Omit<RegisterFile, 'file'> & { monthFirst?: MonthFirstDate },
): Omit<RegisterFile, 'file'> & { file: string } {
  const { monthFirst, ...rest } = read;
  if (monthFirst) {
    throw new UsageError(
      `“${file}”: cột “${monthFirst.column}” dòng ${monthFirst.row} ghi “${monthFirst.value}”, chỉ hiểu được theo kiểu tháng/ngày/năm (kiểu Mỹ), nên không biết các ngày khác của tệp như 03/11 là ngày 3 tháng 11 hay ngày 11 tháng 3; hãy ghi lại các ngày theo ngày/tháng/năm (dd/MM/yyyy) hoặc năm-tháng-ngày (yyyy-MM-dd), hoặc đặt vùng Việt Nam cho Excel rồi lưu lại, rồi chạy lại.`,
    );
  }
  return { file, ...rest };
}

/**
 * A tab's problem as Google Sheets says it, with the advice for a file on disk: there is no menu,
 * no undo and no version history to point to, and nothing was to be written anyway.
 */
function forFile(file: string, message: string): UsageError {
  return new UsageError(
    `“${file}”: ${message
      .replace(RESTORE_HINT, `Hãy mở tệp, đặt lại dòng tiêu đề với đúng tên các cột (như tệp mẫu ${EXAMPLE}) rồi chạy lại lệnh.`)
      .replace(SETUP_HINT, `thêm lại cột ấy vào tệp (tên cột như tệp mẫu ${EXAMPLE})`)
      .replace(NOTHING_WRITTEN, 'Sửa xong, chạy lại lệnh.')}`,
  );
}

const EXAMPLE = 'docs/vi-du-so-theo-doi.csv';

/** A file that is missing, a folder or unreadable: a Vietnamese sentence, never a stack trace. */
function unreadable(file: string, e: unknown): UsageError {
  if (e instanceof UsageError) return e;
  const kind = isTextTable(file) ? 'CSV' : 'Excel (.xlsx)';
  return new UsageError(
    (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? `Không tìm thấy tệp “${file}”.`
      : `Không đọc được “${file}” như một tệp ${kind}.`,
  );
}

function readable<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw unreadable(file, e);
  }
}

/** A register file opened: a CSV read at once, a workbook loaded into the local services. */
async function openFile(
  file: string,
  visit?: (record: ReportRecord) => void,
): Promise<{ csv: RegisterFile } | { data: WorkbookData }> {
  const extension = extname(file).toLowerCase();
  // Asked first: a workbook reader says "cannot read" for a file that is not there.
  try {
    if (statSync(file).isDirectory())
      throw new UsageError(`“${file}” là một thư mục, không phải tệp sổ: hãy chỉ ra các tệp trong đó.`);
  } catch (e) {
    throw unreadable(file, e);
  }
  if (extension !== '.xlsx' && !isTextTable(file)) throw new UsageError(`“${file}”: ${ONLY_THESE}`);
  try {
    if (isTextTable(file)) return { csv: csvRegister(file, visit) };
    return { data: await loadXlsx(file, 'local-xlsx', basename(file)) };
  } catch (e) {
    throw unreadable(file, e);
  }
}

/**
 * A workbook's register tab: `Sổ theo dõi hồ sơ` by name (as typed: case, accents' encoding and
 * spaces aside), else the first tab whose header row holds the report's columns (a register saved
 * with another tab name, or behind a tab of instructions), else the first (whose problem is then said).
 */
function registerTab(ss: Spreadsheet): Sheet | undefined {
  const sheets = ss.getSheets();
  const named = sheets.find((sh) => matchValue(sh.getName(), [TABS.register]));
  if (named) return named;
  const holdsRegister = (sheet: Sheet) => {
    try {
      reportLayout(sheet, sheet.getName());
      return true;
    } catch (e) {
      if (e instanceof SheetProblem) return false;
      throw e;
    }
  };
  // A year-end archive holds the same header but is read with the register, never as it.
  const archives = new Set(archiveSheets(ss, 'named').map((a) => a.sheet.getSheetId()));
  return sheets.find((sh) => !archives.has(sh.getSheetId()) && holdsRegister(sh)) ?? sheets[0];
}

/** Which tab was read, when it is not the workbook's first: a person can check it is the register. */
function tabNote(ss: Spreadsheet, sheet: Sheet): string | undefined {
  const first = ss.getSheets()[0];
  return first && first.getSheetId() !== sheet.getSheetId()
    ? `đọc trang “${sheet.getName()}” (không phải trang đầu “${first.getName()}”).`
    : undefined;
}

/** Runs `fn` on a workbook's register tab (`Sổ theo dõi hồ sơ`, else the first) in the local services. */
function onRegister<T>(
  file: string,
  data: WorkbookData,
  fn: (s: Services, ss: Spreadsheet, sheet: Sheet, zone: ZoneConverter) => T,
): T {
  const world = new LocalWorld();
  world.addSpreadsheet(data);
  return world.run({ spreadsheetId: data.id }, (s) => {
    const ss = s.spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss ? registerTab(ss) : undefined;
    if (!ss || !sheet) throw new UsageError(`“${file}” không có trang tính nào.`);
    try {
      return fn(s, ss, sheet, new ZoneConverter(s.utilities, ss.getSpreadsheetTimeZone()));
    } catch (e) {
      if (e instanceof SheetProblem) throw forFile(file, e.message);
      throw e;
    }
  });
}

/**
 * A register file read for the report. With `visit`, its records are handed to it one by one and
 * not kept (`records` is then empty): a report counts a CSV's 200,000 rows as they are read.
 */
export async function readRegisterFile(file: string, visit?: (record: ReportRecord) => void): Promise<RegisterFile> {
  const opened = await openFile(file, visit);
  if ('csv' in opened) return opened.csv;
  // An oversight workbook or the council's read-only copy (MotCua's own, in the same folder as the
  // registers): it holds a report, not dossiers, so it is left out with a note rather than refused.
  const names = opened.data.sheets.map((s) => s.name);
  if (!names.includes(TABS.register) && names.includes(TABS.summary)) {
    return {
      file,
      records: [],
      problems: [],
      skipped: `là bản báo cáo (trang “${TABS.summary}”, như bản chỉ xem cho HĐND), không phải sổ theo dõi hồ sơ: không tính vào báo cáo.`,
    };
  }
  const read = onRegister(file, opened.data, (_s, ss, sheet, zone) => {
    const note = tabNote(ss, sheet);
    return {
      ...(note ? { note } : {}),
      ...datesDayFirst(
        file,
        readReportRecords(reportLayout(sheet, sheet.getName()), zone, basename(file, extname(file)), 'named'),
      ),
      receptionRefusals: receptionRefusalDates(ss, zone),
    };
  });
  if (!visit) return read;
  read.records.forEach(visit);
  return { ...read, records: [] };
}

export interface CheckedFile {
  readonly findings: Finding[];
  /** The register's rows holding a dossier (readable or not). */
  readonly count: number;
}

/**
 * `check FILE`: the consistency check of the menu's `Kiểm tra dữ liệu`. A workbook is checked
 * against its `Nhật ký xử lý`, `Danh mục TTHC` and `Ngày nghỉ` when it has them; a CSV is a
 * register alone.
 */
export async function checkRegisterFile(file: string): Promise<CheckedFile> {
  if (isTextTable(file)) {
    const { read, headerRow, zone, header } = readable(file, () => csvColumns(file));
    const { rows, findings, count } = checkRowsOf(read, headerRow, zone, header);
    return { findings: checkConsistency({ rows, unreadable: findings }), count };
  }
  const opened = await openFile(file);
  if ('csv' in opened) throw new UsageError(`“${file}”: ${ONLY_THESE}`);
  return onRegister(file, opened.data, (s, ss, sheet, zone) => {
    const layout = checkLayout(sheet, sheet.getName());
    const { rows, findings, count } = checkRowsOf(
      readColumnsToEnd(layout, CHECK_COLUMNS).columns,
      layout.headerRow,
      zone,
      layout.headerCells,
    );
    const log = ss.getSheetByName(TABS.log) ? logLayout(ss) : undefined;
    const events = log ? checkEventsOf(readColumnsToEnd(log, LOG_COLUMNS).columns, log.headerRow, zone) : undefined;
    const unit = ss.getSheetByName(TABS.catalogue) ? openUnit(s) : undefined;
    const input = {
      rows,
      unreadable: findings,
      archived: archivedCodes(ss, 'named'),
      ...(events ? { events } : {}),
      ...(unit ? { procedures: unit.procedures, schedule: unit.schedule } : {}),
    };
    return { findings: checkConsistency(input), count };
  });
}

/** `reconcile`: the register's codes, statuses and dates (a workbook's register tab, or a CSV). */
export async function readReconcileRecords(file: string): Promise<{ records: ReconcileRecord[]; problems: RowProblem[] }> {
  if (isTextTable(file)) {
    // A register saved as text, as read for the report, by the faster reader (100,000 rows within the budget).
    const { read, headerRow, zone } = readable(file, () => csvColumns(file));
    return reconcileRecordsOf(read, headerRow, zone);
  }
  const opened = await openFile(file);
  if ('csv' in opened) throw new UsageError(`“${file}”: ${ONLY_THESE}`);
  return onRegister(file, opened.data, (_s, _ss, sheet, zone) => {
    const layout = locateLayout(sheet, sheet.getName(), RECONCILE_COLUMNS, 'Mã hồ sơ');
    return reconcileRecordsOf(readColumnsToEnd(layout, RECONCILE_COLUMNS).columns, layout.headerRow, zone);
  });
}
