/**
 * A provincial system's export read from disk: `.xlsx` (its first sheet, dates as Excel serials) or
 * delimited text (`.csv`, `.txt`, `.tsv`: UTF-8, UTF-16 or Windows-1258; `,`, `;` or tab).
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { type ExportProblem, type ExportRecord, readExportRows } from '../../core/reconcile';
import { swappedMessage } from '../../server/provincialImport';
import { readTextTableFile, tableRows } from './textTable';
import { UsageError } from './usage';

interface ExportFile {
  readonly file: string;
  readonly records: ExportRecord[];
  readonly problems: ExportProblem[];
}

/** exceljs hands a date cell over as the UTC instant of its wall time: back to Excel's serial. */
function cellValue(value: ExcelJS.CellValue): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25569;
  if (typeof value === 'number') return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function xlsxRows(file: string): Promise<(string | number)[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `Không tìm thấy tệp “${file}”.` : `Không đọc được “${file}” như một tệp Excel (.xlsx).`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UsageError(`“${file}” không có trang tính nào.`);
  const rows: (string | number)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[n - 1] = values.slice(1).map(cellValue);
  });
  for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
  return rows;
}

/** The export's rows as cells: text, or numbers (Excel serial dates) from a workbook. */
export async function readExportTable(file: string): Promise<(string | number)[][]> {
  const ext = extname(file).toLowerCase();
  const rows = ext === '.xlsx' ? await xlsxRows(file) : ['.csv', '.txt', '.tsv'].includes(ext) ? textRows(file) : undefined;
  if (!rows) throw new UsageError(`“${file}”: tệp xuất phải là .xlsx, .csv, .txt hoặc .tsv.`);
  return rows;
}

/** A text export (older provincial systems still write Windows-1258); a missing file said in Vietnamese. */
function textRows(file: string): string[][] {
  let table;
  try {
    table = readTextTableFile(file, { legacy8bit: 'windows-1258' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`Không tìm thấy tệp “${file}”.`);
    if (code !== undefined) throw new UsageError(`Không đọc được tệp “${file}”.`);
    throw e;
  }
  return tableRows(file, table);
}

async function readExportFile(file: string): Promise<ExportFile> {
  const rows = await readExportTable(file);
  const { records, problems, headerFound, looksLikeRegister } = readExportRows(file, rows);
  if (looksLikeRegister) throw new UsageError(swappedMessage(`“${file}”`));
  if (!headerFound) {
    throw new UsageError(`“${file}”: không tìm thấy dòng tiêu đề có cột “Mã hồ sơ” (hoặc MaHoSo, Số hồ sơ) trong 10 dòng đầu.`);
  }
  return { file, records, problems };
}

/** Whether `file` reads as a provincial export (a code column, no register's): for saying two files were swapped. */
export async function isExportFile(file: string): Promise<boolean> {
  try {
    const parsed = readExportRows(file, (await readExportTable(file)).slice(0, 12));
    return parsed.headerFound && !parsed.looksLikeRegister;
  } catch {
    return false;
  }
}

/** What the CLI says when the file given as the register is a provincial export. */
export function swappedRegister(file: string): string {
  return `“${file}” là tệp xuất của hệ thống tỉnh, không phải sổ MotCua: có lẽ hai tệp bị đổi chỗ. Sổ (.xlsx) đứng trước, tệp xuất đứng sau.`;
}

/** Several exports as one: a code in two files is a problem of the later one, not a second dossier. */
export async function readExportFiles(files: readonly string[]): Promise<{ records: ExportRecord[]; problems: ExportProblem[] }> {
  const records: ExportRecord[] = [];
  const problems: ExportProblem[] = [];
  const where = new Map<string, string>();
  for (const file of files) {
    const part = await readExportFile(file);
    problems.push(...part.problems);
    for (const r of part.records) {
      const earlier = where.get(r.code);
      if (earlier) problems.push({ file, row: r.row, reason: `mã hồ sơ ${r.code} đã có trong ${earlier}` });
      else {
        where.set(r.code, `${file}, dòng ${r.row}`);
        records.push(r);
      }
    }
  }
  return { records, problems };
}
