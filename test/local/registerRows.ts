/** The register tab of a workbook file as rows of text by header (rows without a code left out). */
import ExcelJS from 'exceljs';
import { TABS } from '../../src/sheets/schema';

export async function registerOf(file: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(TABS.register)!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(header.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])])),
    );
  });
  return rows.filter((r) => r['Mã hồ sơ']);
}
