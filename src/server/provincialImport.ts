/**
 * `Nhập từ hệ thống tỉnh`: the dossiers of a provincial export that the register lacks, added as
 * rows with an event each in `Nhật ký xử lý` (marked as imported, with the export's file and row).
 * A dossier already in the register is never written over, whatever the export says: differences
 * go to the reconciliation. Re-importing the same export adds nothing (rows are keyed on the code).
 * The applicant's name, phone and e-mail come with the dossier (typed once, in the provincial
 * system); the ID number and address only where `Cấu hình` keeps them (Decree 356/2025: no more
 * personal data than the unit decided it needs).
 * Runs under the document lock; two block writes (register, log), whatever the export's size.
 */
import type { ExportProblem, ExportRecord } from '../core/reconcile';
import { readExportRows } from '../core/reconcile';
import { IMPORTED_ACTION } from '../core/provincialExport';
import { readCatalogue, readSettings } from '../sheets/settings';
import type { Procedure } from '../core/procedures';
import type { CellValue, Services } from '../gas/services';
import { textOf } from '../sheets/cells';
import { ZoneConverter } from '../sheets/dates';
import { logLayout } from '../sheets/eventLog';
import { readColumnsToEnd } from '../sheets/layout';
import { registerLayout } from '../sheets/register';
import { LOG_COLUMNS, logFormat, type LogHeader, type RegisterHeader, registerFormat } from '../sheets/schema';
import { growRows, writeBlock } from '../sheets/write';
import { withDocumentLock } from './unitContext';

export interface ImportAnswer {
  readonly added: string[];
  /** Codes already in the register: left as the officer wrote them. */
  readonly alreadyInRegister: number;
  readonly problems: ExportProblem[];
  /** Rows refused at the counter (status 3): not dossiers of the register, never imported. */
  readonly notReceived: number;
}

/** The same procedure name as the catalogue's, whatever its case, spacing or Unicode form. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function rowCells(
  r: ExportRecord,
  file: string,
  stt: number,
  zone: ZoneConverter,
  procedure: Procedure | undefined,
  keepIdAndAddress: boolean,
): Partial<Record<RegisterHeader, CellValue>> {
  const person = r.applicant;
  return {
    // Typed once, in the provincial system; the ID and address only where the unit keeps them (Cấu hình).
    'Người nộp': person.applicant ?? '',
    'Điện thoại': person.phone ?? '',
    Email: person.email ?? '',
    'Số giấy tờ tùy thân': keepIdAndAddress ? (person.idNumber ?? '') : '',
    'Địa chỉ': keepIdAndAddress ? (person.address ?? '') : '',
    STT: stt,
    'Mã hồ sơ': r.code,
    // The catalogue's code and field when it names the procedure as the export does; else left for the officer.
    ...(procedure ? { 'Mã TTHC': procedure.code, 'Lĩnh vực': procedure.field } : {}),
    'Tên thủ tục': r.procedureName,
    'Hình thức nộp': r.channel ?? '',
    'Thời điểm tiếp nhận': r.receivedAt ? zone.toDate(r.receivedAt) : '',
    'Hạn trả kết quả': r.appointment ? zone.toDate({ date: r.appointment, minute: 17 * 60 }) : '',
    'Trạng thái': r.status,
    'Ngày có kết quả': r.resultAt ? zone.dateOnly(r.resultAt) : '',
    'Ngày trả kết quả': r.returnedAt ? zone.dateOnly(r.returnedAt) : '',
    'Ghi chú': `Nhập từ hệ thống tỉnh: ${file}, dòng ${r.row}`,
  };
}

export function importProvincialExport(
  services: Services,
  input: { readonly file: string; readonly rows: readonly (readonly (string | number)[])[] },
): ImportAnswer {
  const parsed = readExportRows(input.file, input.rows);
  if (!parsed.headerFound) {
    return {
      added: [],
      alreadyInRegister: 0,
      notReceived: 0,
      problems: [
        {
          file: input.file,
          row: 1,
          reason: 'không tìm thấy dòng tiêu đề có cột “Mã hồ sơ” (hoặc MaHoSo, Số hồ sơ) trong 10 dòng đầu',
        },
      ],
    };
  }
  return withDocumentLock(services, () => {
    const ss = services.spreadsheetApp.getActiveSpreadsheet();
    if (!ss) throw new Error('No active spreadsheet');
    const zone = new ZoneConverter(services.utilities, ss.getSpreadsheetTimeZone());
    const register = registerLayout(ss);
    const log = logLayout(ss);
    const read = readColumnsToEnd(register, ['STT', 'Mã hồ sơ']).columns;
    const codes = new Set((read.get('Mã hồ sơ') ?? []).map(textOf).filter(Boolean));
    let stt = Math.max(0, ...(read.get('STT') ?? []).map((v) => (typeof v === 'number' && Number.isInteger(v) ? v : 0)));
    const fresh = parsed.records.filter((r) => !codes.has(r.code));
    const { keepIdAndAddress } = readSettings(ss).settings;
    const byName = new Map(readCatalogue(ss).procedures.map((p) => [nameKey(p.name), p] as const));
    const notReceived = parsed.notReceived.length;
    if (fresh.length === 0)
      return { added: [], alreadyInRegister: parsed.records.length, problems: parsed.problems, notReceived };
    const width = Math.max(...register.columns.values());
    const headerAt = new Map<number, RegisterHeader>([...register.columns].map(([h, c]) => [c, h]));
    const values: CellValue[][] = [];
    const formats: string[][] = [];
    for (const r of fresh) {
      stt += 1;
      const cells = rowCells(r, input.file, stt, zone, byName.get(nameKey(r.procedureName)), keepIdAndAddress);
      values.push(Array.from({ length: width }, (_, i) => cells[headerAt.get(i + 1) as RegisterHeader] ?? ''));
      formats.push(
        Array.from({ length: width }, (_, i) => {
          const h = headerAt.get(i + 1);
          return h ? registerFormat(h) : '@';
        }),
      );
    }
    const first = Math.max(register.lastRow, register.headerRow) + 1;
    growRows(register.sheet, first + fresh.length - 1);
    // Text cells are formatted as plain text before the values: a code or name starting with = stays text.
    writeBlock(register.sheet.getRange(first, 1, fresh.length, width), values, formats);

    const logWidth = Math.max(...log.columns.values());
    const logHeaderAt = new Map<number, LogHeader>([...log.columns].map(([h, c]) => [c, h]));
    const now = services.clock.now();
    const user = services.session.getActiveUser().getEmail() || services.session.getEffectiveUser().getEmail();
    const events = fresh.map((r) => {
      const cells: Record<LogHeader, CellValue> = {
        'Thời điểm': now,
        'Người thực hiện': user,
        'Mã hồ sơ': r.code,
        'Thao tác': IMPORTED_ACTION,
        'Trạng thái trước': '',
        'Trạng thái sau': r.status,
        'Ghi chú': `Nhập từ ${input.file}, dòng ${r.row}`,
        // The facts stay in the note: `Chi tiết` holds the lifecycle's own details only.
        'Chi tiết': '',
        'Mã yêu cầu': `import:${r.code}`,
      };
      return Array.from({ length: logWidth }, (_, i) => {
        const h = logHeaderAt.get(i + 1);
        return h ? cells[h] : '';
      });
    });
    const logFirst = Math.max(log.lastRow, log.headerRow) + 1;
    growRows(log.sheet, logFirst + events.length - 1);
    writeBlock(
      log.sheet.getRange(logFirst, 1, events.length, logWidth),
      events,
      events.map(() => Array.from({ length: logWidth }, (_, i) => logFormat(logHeaderAt.get(i + 1) ?? LOG_COLUMNS[1]))),
    );
    services.spreadsheetApp.flush();
    return {
      added: fresh.map((r) => r.code),
      alreadyInRegister: parsed.records.length - fresh.length,
      problems: parsed.problems,
      notReceived,
    };
  });
}
