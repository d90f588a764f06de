/** `summary --out FILE.xlsx`: the `Tổng hợp giám sát` sheet, written by the same code as in Google Sheets. */
import { basename } from 'node:path';
import type { Summary } from '../../core/summary';
import { UNIT_TIME_ZONE, ZoneConverter } from '../../sheets/dates';
import { writeSummarySheet } from '../../sheets/summarySheet';
import { type OfficialSheetOptions, writeOfficialSheet } from '../../sheets/officialSheet';
import { LocalWorld } from '../gas/world';
import { saveXlsx } from '../gas/xlsx';
import type { RegisterLines } from './summary';
import { type Repeat, repeatText } from './repeats';
import type { NewFile } from './outDir';

export async function writeSummaryWorkbook(
  /** Reserved before the report was made: a new .xlsx file. */
  out: NewFile,
  summary: Summary,
  registers: readonly RegisterLines[],
  /** Dossiers met twice: listed with the file they were met in again. */
  repeats: readonly Repeat[] = [],
  /** Also the official form, in the tab `Biểu II.06a`. */
  official?: OfficialSheetOptions,
): Promise<void> {
  const world = new LocalWorld(new Date());
  const data = world.createSpreadsheetData(`Tổng hợp giám sát – ${basename(out.path, '.xlsx')}`);
  world.run({ spreadsheetId: data.id }, (s) => {
    const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
    const blank = ss.getSheets()[0]!;
    writeSummarySheet(ss, summary, {
      title: 'TỔNG HỢP TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu 06/VPCP/KSTT)',
      madeAt: new ZoneConverter(s.utilities, UNIT_TIME_ZONE).toCivil(s.clock.now()),
      sources: registers.map((r) => ({
        name: r.file,
        problems: [
          ...r.problems,
          ...repeats
            .filter((x) => x.again.file === r.file)
            .map((x) => ({ row: x.again.row, code: x.code, reason: repeatText(x) })),
        ],
      })),
    });
    if (official) writeOfficialSheet(ss, summary, official);
    ss.deleteSheet(blank);
  });
  // Written beside it under a temporary name, then named: a failure leaves nothing half-written.
  await out.write((temp) => saveXlsx(data, temp));
}
