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
import { codeKeyOf, readExportRows, unfitForRegister } from '../core/reconcile';
import { IMPORTED_ACTION } from '../core/provincialExport';
import { parseDossierCode } from '../core/dossierCode';
import { formatDateVi } from '../core/format';
import { readCatalogue, readSettings } from '../sheets/settings';
import type { Procedure } from '../core/procedures';
import type { CellValue, Services } from '../gas/services';
import { type ArchiveTrust, archiveName, archiveSheets, lockedArchives } from '../sheets/archive';
import { integerOf, textOf } from '../sheets/cells';
import { readMarks, recordCodesInSheet } from '../sheets/numbering';
import { reportLayout } from '../sheets/periodRecords';
import { ZoneConverter } from '../sheets/dates';
import { logLayout } from '../sheets/eventLog';
import { readColumnsToEnd, SheetProblem } from '../sheets/layout';
import { registerLayout } from '../sheets/register';
import { LOG_COLUMNS, logFormat, type LogHeader, type RegisterHeader, registerFormat } from '../sheets/schema';
import { growRows, writeBlock } from '../sheets/write';
import { documentProperties, withDocumentLock } from './unitContext';

export interface ImportAnswer {
  readonly added: string[];
  /** Codes already in the register: left as the officer wrote them. */
  readonly alreadyInRegister: number;
  /** Codes in a year-end archive (`Lưu trữ YYYY`): closed with their year, never brought back. */
  readonly inArchive: number;
  readonly problems: ExportProblem[];
  /** Rows refused at the counter (status 3): not dossiers of the register, never imported. */
  readonly notReceived: number;
}

/** The export's place holds a MotCua register: the files swapped (the CLI says so with exit code 2). */
export class SwappedFiles extends SheetProblem {}

/** What an officer is told when the export's place holds a MotCua register. */
export function swappedMessage(where: string): string {
  return `${where.charAt(0).toUpperCase()}${where.slice(1)} là một sổ MotCua (có cột Hạn trả mới, Cảnh báo…), không phải tệp xuất của hệ thống tỉnh: có lẽ hai tệp bị đổi chỗ hoặc dán nhầm sổ. Hãy dùng tệp xuất tải từ hệ thống tỉnh.`;
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
    // The province's hour when it gives one; a day alone is due at the end of the working day.
    'Hạn trả kết quả': r.appointment ? zone.toDate({ date: r.appointment, minute: r.appointmentMinute ?? 17 * 60 }) : '',
    'Trạng thái': r.status,
    'Ngày có kết quả': r.resultAt ? zone.dateOnly(r.resultAt) : '',
    'Ngày trả kết quả': r.returnedAt ? zone.dateOnly(r.returnedAt) : '',
    'Ghi chú': `Nhập từ hệ thống tỉnh: ${file}, dòng ${r.row}`,
  };
}

export function importProvincialExport(
  services: Services,
  input: { readonly file: string; readonly rows: readonly (readonly (string | number)[])[] },
  /** How the register's year-end archives are known: by the closings' record in Google; by names in a file. */
  archives: ArchiveTrust = lockedArchives(services.spreadsheetApp, documentProperties(services)),
): ImportAnswer {
  const parsed = readExportRows(input.file, input.rows);
  if (parsed.looksLikeRegister) throw new SwappedFiles(swappedMessage(input.file));
  if (!parsed.headerFound) {
    return {
      added: [],
      alreadyInRegister: 0,
      inArchive: 0,
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
    const codeCells = (read.get('Mã hồ sơ') ?? []).map(textOf);
    // Keys, not spellings: a code typed by hand in lower case is the dossier the export names.
    const codes = new Set(codeCells.filter(Boolean).map(codeKeyOf));
    // A dossier closed at year end lives in its archive: present, never imported back.
    const archived = new Set<string>();
    const archiveList = archiveSheets(ss, archives);
    for (const { name, sheet } of archiveList) {
      const layout = reportLayout(sheet, name);
      for (const c of readColumnsToEnd(layout, ['Mã hồ sơ']).columns.get('Mã hồ sơ') ?? []) {
        const t = textOf(c);
        if (t) archived.add(codeKeyOf(t));
      }
    }
    const thisYear = Number(zone.toCivil(services.clock.now()).date.slice(0, 4));
    const closedYears = archiveList.map((a) => a.year).filter((y) => y < thisYear);
    const problems = [...parsed.problems];
    const fresh: (ExportRecord & { readonly receivedAt: NonNullable<ExportRecord['receivedAt']> })[] = [];
    let already = 0;
    let inArchive = 0;
    for (const r of parsed.records) {
      if (codes.has(r.code)) already += 1;
      else if (archived.has(r.code)) inArchive += 1;
      else {
        const unfit = unfitForRegister(r);
        const receivedAt = r.receivedAt;
        if (unfit || !receivedAt) {
          problems.push({ file: input.file, row: r.row, reason: unfit ?? 'thiếu ngày tiếp nhận' });
          continue;
        }
        // A closed year's register takes no more dossiers, as intake refuses them (its numbers left with its rows).
        const year = Number(receivedAt.date.slice(0, 4));
        const closed = closedYears.filter((y) => y >= year).sort((a, b) => a - b)[0];
        if (closed !== undefined) {
          problems.push({
            file: input.file,
            row: r.row,
            reason: `tiếp nhận ngày ${formatDateVi(receivedAt.date)}, thuộc năm ${year} mà sổ năm ${closed} đã khóa (trang “${archiveName(closed)}”): không thêm hồ sơ của năm đã khóa sổ`,
          });
          continue;
        }
        fresh.push({ ...r, receivedAt });
      }
    }
    const { keepIdAndAddress } = readSettings(ss).settings;
    const byName = new Map(readCatalogue(ss).procedures.map((p) => [nameKey(p.name), p] as const));
    const notReceived = parsed.notReceived.length;
    if (fresh.length === 0) return { added: [], alreadyInRegister: already, inArchive, problems, notReceived };
    // STT: one continuous count per year of receipt, as intake numbers (numbering.ts): above every
    // number of that year in the register and every number ever issued for it (the year's marks).
    const properties = services.propertiesService.getDocumentProperties();
    const highest = new Map<number, number>();
    let highestOfNoYear = 0;
    (read.get('STT') ?? []).forEach((value, i) => {
      const n = integerOf(value);
      if (typeof n !== 'number') return;
      const code = parseDossierCode(codeCells[i] ?? '');
      // A row whose code tells no year holds a number of any year, as intake counts it.
      if (!code) highestOfNoYear = Math.max(highestOfNoYear, n);
      else {
        const year = 2000 + Number(code.datePart.slice(0, 2));
        highest.set(year, Math.max(highest.get(year) ?? 0, n));
      }
    });
    const next = new Map<number, number>();
    const numberFor = (year: number): number => {
      const last = next.get(year) ?? Math.max(highest.get(year) ?? 0, highestOfNoYear, readMarks(properties, year).stt);
      next.set(year, last + 1);
      return last + 1;
    };
    const numbers = fresh.map((r) => numberFor(Number(r.receivedAt.date.slice(0, 4))));
    // The marks first, as intake does: a number written to the register is never issued again.
    recordCodesInSheet(
      properties,
      [],
      [...next].map(([year, number]) => ({ year, number })),
      '',
    );
    const width = Math.max(...register.columns.values());
    const headerAt = new Map<number, RegisterHeader>([...register.columns].map(([h, c]) => [c, h]));
    const values: CellValue[][] = [];
    const formats: string[][] = [];
    for (const [i, r] of fresh.entries()) {
      const cells = rowCells(r, input.file, numbers[i] ?? 0, zone, byName.get(nameKey(r.procedureName)), keepIdAndAddress);
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
      alreadyInRegister: already,
      inArchive,
      problems,
      notReceived,
    };
  });
}
