/**
 * Register files for `summary` and `check` (design.md §8): `.xlsx` (the tab `Sổ theo dõi hồ sơ`,
 * else the first) and `.csv` (UTF-8, a header row, quoted fields may hold commas and line breaks),
 * read through the local services and the same sheets code as the register in Google Sheets.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { LocalWorld } from '../gas/world';
import { loadXlsx } from '../gas/xlsx';
import { newSheetData, newWorkbookData, type WorkbookData } from '../gas/workbookData';
import { ZoneConverter } from '../../sheets/dates';
import { SheetProblem } from '../../sheets/layout';
import { type ReportRecord, readReportRecords, reportLayout, type RowProblem } from '../../sheets/periodRecords';
import { TABS } from '../../sheets/schema';
import { UsageError } from './usage';

export interface RegisterFile {
  readonly file: string;
  readonly records: ReportRecord[];
  readonly problems: RowProblem[];
}

function csvWorkbook(file: string): WorkbookData {
  let rows: string[][];
  try {
    // A stray quote inside a field (`Xóm 5 "Bãi Nổi"`) is text, not the end of the file.
    rows = parse(readFileSync(file), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(`Tệp “${file}” không đọc được như CSV (dòng ${e.lines}): ${e.message}`);
    throw e;
  }
  const data = newWorkbookData('local-csv', basename(file), 'admin@example.gov.vn');
  const sheet = newSheetData(0, basename(file, extname(file)));
  sheet.rows = rows.map((r) => r.map((v) => v));
  sheet.maxRows = Math.max(rows.length, 1);
  sheet.maxColumns = Math.max(1, ...rows.map((r) => r.length));
  data.sheets = [sheet];
  return data;
}

export async function readRegisterFile(file: string): Promise<RegisterFile> {
  const extension = extname(file).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError(`“${file}”: chỉ đọc được tệp .xlsx hoặc .csv.`);
  let data: WorkbookData;
  try {
    data = extension === '.csv' ? csvWorkbook(file) : await loadXlsx(file, 'local-xlsx', basename(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `Không tìm thấy tệp “${file}”.`
        : `Không đọc được “${file}” như một tệp ${extension === '.csv' ? 'CSV' : 'Excel (.xlsx)'}.`,
    );
  }
  const world = new LocalWorld();
  world.addSpreadsheet(data);
  const unit = basename(file, extname(file));
  return world.run({ spreadsheetId: data.id }, (s) => {
    const ss = s.spreadsheetApp.getActiveSpreadsheet();
    const sheet = ss?.getSheetByName(TABS.register) ?? ss?.getSheets()[0];
    if (!ss || !sheet) throw new UsageError(`“${file}” không có trang tính nào.`);
    try {
      const layout = reportLayout(sheet, sheet.getName());
      const zone = new ZoneConverter(s.utilities, ss.getSpreadsheetTimeZone());
      return { file, ...readReportRecords(layout, zone, unit) };
    } catch (e) {
      if (e instanceof SheetProblem) throw new UsageError(`“${file}”: ${e.message}`);
      throw e;
    }
  });
}
