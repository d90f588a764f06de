/**
 * The provincial system's export inside the workbook: the officer brings the export into a tab
 * named `Xuất từ hệ thống tỉnh` (File › Import › Insert new sheet, then rename it), and
 * `Nhập từ hệ thống tỉnh` adds the dossiers the register lacks while `Đối chiếu với hệ thống tỉnh`
 * lists what differs in its own tab. MotCua reads no file on Drive (no Drive scope): the tab is
 * the export. Neither writes over a row an officer wrote.
 */
import { formatIsoDateTime } from '../core/civil';
import { formatNumberVi } from '../core/format';
import { exportStatusName } from '../core/provincialExport';
import { codeKeyOf, readExportRows, reconcile } from '../core/reconcile';
import { reconciliationLines } from '../core/reconcileText';
import type { CellValue, Services, Spreadsheet } from '../gas/services';
import { ZoneConverter } from '../sheets/dates';
import { readColumnsToEnd, SheetProblem } from '../sheets/layout';
import { RECONCILE_COLUMNS, reconcileRecordsOf } from '../sheets/reconcileRecords';
import { registerLayout } from '../sheets/register';
import { writeBlock } from '../sheets/write';
import { textOf } from '../sheets/cells';
import type { ProvincialStale } from '../core/warnings';
import { importProvincialExport, swappedMessage } from './provincialImport';
import { withDocumentLock } from './unitContext';

export const EXPORT_TAB = 'Xuất từ hệ thống tỉnh';
export const RECONCILIATION_TAB = 'Đối chiếu hệ thống tỉnh';

/** The export tab's rows, a date cell as its wall time in the spreadsheet's zone (ISO, read as such). */
function exportRows(spreadsheet: Spreadsheet, services: Services): (string | number)[][] {
  const sheet = spreadsheet.getSheetByName(EXPORT_TAB);
  if (!sheet || sheet.getLastRow() === 0) {
    throw new SheetProblem(
      `Chưa có trang “${EXPORT_TAB}”: tải tệp xuất của hệ thống tỉnh về, chọn Tệp › Nhập › Chèn trang tính mới, rồi đổi tên trang thành “${EXPORT_TAB}”.`,
    );
  }
  const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
  return sheet
    .getRange(1, 1, sheet.getLastRow(), Math.max(1, sheet.getLastColumn()))
    .getValues()
    .map((row) =>
      row.map((v: CellValue) =>
        v instanceof Date ? formatIsoDateTime(zone.toCivil(v)).replace('T', ' ') : typeof v === 'number' ? v : String(v),
      ),
    );
}

function problemsText(problems: readonly { row: number; reason: string }[]): string {
  if (problems.length === 0) return '';
  const shown = problems.slice(0, 5).map((p) => `dòng ${p.row}: ${p.reason}`);
  const more = problems.length > 5 ? `; và ${formatNumberVi(problems.length - 5)} dòng khác` : '';
  return ` ${formatNumberVi(problems.length)} dòng không đọc được, không nhập (${shown.join('; ')}${more}).`;
}

/** Menu `Nhập từ hệ thống tỉnh`. */
export function importFromProvince(services: Services): string {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new SheetProblem('Hãy mở sổ theo dõi hồ sơ rồi chọn lại.');
  const rows = exportRows(spreadsheet, services);
  const answer = importProvincialExport(services, { file: `trang “${EXPORT_TAB}”`, rows });
  const n = formatNumberVi;
  const added =
    answer.added.length > 0
      ? `Đã thêm ${n(answer.added.length)} hồ sơ chỉ có trên hệ thống tỉnh vào sổ (ghi chú “Nhập từ hệ thống tỉnh”).`
      : 'Không có hồ sơ nào mới để thêm.';
  const kept =
    answer.alreadyInRegister > 0
      ? ` ${n(answer.alreadyInRegister)} hồ sơ đã có trong sổ được giữ nguyên như cán bộ đã ghi; chọn Đối chiếu với hệ thống tỉnh để xem chỗ khác nhau.`
      : '';
  const archived =
    answer.inArchive > 0
      ? ` ${n(answer.inArchive)} hồ sơ đã được lưu trữ khi khóa sổ cuối năm (trang Lưu trữ), không nhập lại.`
      : '';
  const refused =
    answer.notReceived > 0
      ? ` ${n(answer.notReceived)} hồ sơ “Không được tiếp nhận” (từ chối tại quầy) không phải hồ sơ của sổ, không nhập.`
      : '';
  return `${added}${kept}${archived}${refused}${problemsText(answer.problems)}`;
}

const OPEN: readonly string[] = ['Đã tiếp nhận', 'Đang giải quyết', 'Chờ bổ sung'];
const FINISHED: readonly string[] = ['Đã có kết quả', 'Đã trả kết quả', 'Từ chối giải quyết', 'Dừng giải quyết'];

/**
 * For the daily digests: the dossiers finished in the register that the last export brought into
 * `Xuất từ hệ thống tỉnh` still shows open — each officer is told to update the provincial record,
 * where it would otherwise count late. Nothing (one call) when the unit keeps no export tab.
 */
export function staleInProvince(services: Services, spreadsheet: Spreadsheet): ProvincialStale[] {
  if (!spreadsheet.getSheetByName(EXPORT_TAB)) return [];
  let rows: (string | number)[][];
  try {
    rows = exportRows(spreadsheet, services);
  } catch (error) {
    if (error instanceof SheetProblem) return [];
    throw error;
  }
  const parsed = readExportRows(EXPORT_TAB, rows);
  const open = new Map(parsed.records.filter((r) => OPEN.includes(r.status)).map((r) => [r.code, r] as const));
  if (open.size === 0) return [];
  const layout = registerLayout(spreadsheet);
  const read = readColumnsToEnd(layout, ['Mã hồ sơ', 'Trạng thái', 'Cán bộ xử lý', 'Tên thủ tục']).columns;
  const column = (h: 'Mã hồ sơ' | 'Trạng thái' | 'Cán bộ xử lý' | 'Tên thủ tục') => (read.get(h) ?? []).map(textOf);
  const [codes, statuses, handlers, names] = [
    column('Mã hồ sơ'),
    column('Trạng thái'),
    column('Cán bộ xử lý'),
    column('Tên thủ tục'),
  ];
  const stale: ProvincialStale[] = [];
  codes.forEach((code, i) => {
    const theirs = open.get(codeKeyOf(code));
    if (!theirs || !FINISHED.includes(statuses[i] ?? '')) return;
    stale.push({
      code,
      procedureName: names[i] ?? '',
      handler: handlers[i] ?? '',
      rowNumber: layout.headerRow + 1 + i,
      // A bare national code (`4`, `04`) is named as the national list names it.
      exportStatus: exportStatusName(theirs.statusText, theirs.status),
    });
  });
  return stale;
}

/** Menu `Đối chiếu với hệ thống tỉnh`: writes nothing but its own tab. */
export function reconcileWithProvince(services: Services): string {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new SheetProblem('Hãy mở sổ theo dõi hồ sơ rồi chọn lại.');
  const parsed = readExportRows(EXPORT_TAB, exportRows(spreadsheet, services));
  if (parsed.looksLikeRegister) throw new SheetProblem(swappedMessage(`Trang “${EXPORT_TAB}”`));
  if (!parsed.headerFound) {
    throw new SheetProblem(
      `Trang “${EXPORT_TAB}” không có dòng tiêu đề với cột “Mã hồ sơ” (hoặc MaHoSo, Số hồ sơ) trong 10 dòng đầu.`,
    );
  }
  const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
  const layout = registerLayout(spreadsheet);
  const mine = reconcileRecordsOf(readColumnsToEnd(layout, RECONCILE_COLUMNS).columns, layout.headerRow, zone);
  const result = reconcile(mine.records, parsed.records);
  const lines = [
    ...reconciliationLines(result, 'sổ'),
    ...mine.problems.map((p) => `Sổ, dòng ${p.row}${p.code ? ` (mã ${p.code})` : ''}: ${p.reason} — không đối chiếu.`),
    ...parsed.problems.map((p) => `Trang “${EXPORT_TAB}”, dòng ${p.row}: ${p.reason} — không đối chiếu.`),
  ];
  withDocumentLock(services, () => {
    const old = spreadsheet.getSheetByName(RECONCILIATION_TAB);
    const sheet = old ?? spreadsheet.insertSheet(RECONCILIATION_TAB);
    sheet.clear();
    if (sheet.getMaxRows() < lines.length) sheet.insertRowsAfter(sheet.getMaxRows(), lines.length - sheet.getMaxRows());
    // Plain text first: a code or reason that starts with = stays text.
    writeBlock(
      sheet.getRange(1, 1, lines.length, 1),
      lines.map((l) => [l]),
      lines.map(() => ['@']),
    );
  });
  const s = result.summary;
  return (
    `Đối chiếu xong (trang “${RECONCILIATION_TAB}”): ${formatNumberVi(s.onlyInRegister)} hồ sơ chỉ có trong sổ, ` +
    `${formatNumberVi(s.onlyInExport)} chỉ có trên hệ thống tỉnh, ${formatNumberVi(s.different)} chỗ khác nhau ` +
    `(${formatNumberVi(s.finishedInRegisterOpenInExport)} hồ sơ đã xong trong sổ nhưng hệ thống tỉnh còn mở: cập nhật trên hệ thống tỉnh để không bị tính trễ hạn).`
  );
}
