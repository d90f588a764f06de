/** Menu handler for `Thiết lập sổ`. */
import { dateTimeOf, integerOf } from '../sheets/cells';
import { UNIT_TIME_ZONE, ZoneConverter } from '../sheets/dates';
import { logLayout } from '../sheets/eventLog';
import { readSettings } from '../sheets/settings';
import { readColumn, SheetProblem } from '../sheets/layout';
import { recordCodesInSheet } from '../sheets/numbering';
import { registerLayout } from '../sheets/register';
import { setupWorkbook } from '../sheets/setup';
import type { Services } from '../gas/services';
import { headEmails, requireUnitHead } from './access';
import { withDocumentLock } from './unitContext';

const LAYOUT_KEY = 'motcua.layout';
const LAYOUT_VERSION = '1';

export interface SetupResult {
  readonly message: string;
}

export function runSetup(services: Services): SetupResult {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new SheetProblem('Hãy mở bảng tính của đơn vị rồi chọn Một cửa › Thiết lập sổ.');
  // Whoever creates the register sets it up first; once `Cấu hình` names a head, only they re-run it
  // (it rewrites who may edit `Cấu hình`).
  const heads = readSettings(spreadsheet).settings.headEmail;
  if (heads.trim() !== '') {
    requireUnitHead(services, heads, 'chạy lại Thiết lập sổ');
  }
  return withDocumentLock(services, () => {
    // Cells show Vietnamese wall time whatever the zone, so setting it changes no value people see;
    // it makes TODAY() in the deadline colours, and the dates Apps Script reads, Vietnamese.
    const previousZone = spreadsheet.getSpreadsheetTimeZone();
    if (previousZone !== UNIT_TIME_ZONE) spreadsheet.setSpreadsheetTimeZone(UNIT_TIME_ZONE);
    const zone = new ZoneConverter(services.utilities, UNIT_TIME_ZONE);
    const year = Number(zone.toCivil(services.clock.now()).date.slice(0, 4));
    // An existing register gets this version's column widths and frozen code column once; after
    // that, people's own resizing is kept.
    const properties = services.propertiesService.getDocumentProperties();
    const laidOut = properties?.getProperty(LAYOUT_KEY) === LAYOUT_VERSION;
    const report = setupWorkbook(
      services.spreadsheetApp,
      spreadsheet,
      zone,
      year,
      !laidOut,
      headEmails(heads),
      services.session.getEffectiveUser().getEmail(),
    );
    if (!laidOut) properties?.setProperty(LAYOUT_KEY, LAYOUT_VERSION);

    // Codes and register numbers already in the sheet, wherever they are, are never issued again.
    const register = registerLayout(spreadsheet);
    const receipts = readColumn(register, 'Thời điểm tiếp nhận');
    const registerNumbers = readColumn(register, 'STT').flatMap((value, i) => {
      const n = integerOf(value);
      const at = dateTimeOf(receipts[i] ?? '', zone);
      return typeof n === 'number' && at && at !== 'invalid' ? [{ year: Number(at.date.slice(0, 4)), number: n }] : [];
    });
    const everything =
      register.lastColumn > 0
        ? register.sheet.getRange(1, 1, Math.max(register.lastRow, 1), register.lastColumn).getValues()
        : [];
    // The log names the codes of dossiers whose rows were deleted: they count too.
    const logCodes = readColumn(logLayout(spreadsheet), 'Mã hồ sơ').map((code) => [code]);
    recordCodesInSheet(
      services.propertiesService.getDocumentProperties(),
      [...everything, ...logCodes],
      registerNumbers,
      readSettings(spreadsheet).settings.unitIdentifier,
    );

    const changes = [
      report.createdTabs.length > 0 ? `Trang mới: ${report.createdTabs.join(', ')}.` : '',
      report.addedHeaders.length > 0 ? `Cột bổ sung: ${report.addedHeaders.join(', ')}.` : '',
      report.settingsNote,
      previousZone !== UNIT_TIME_ZONE ? `Đã đặt múi giờ của bảng tính từ “${previousZone}” về ${UNIT_TIME_ZONE}.` : '',
    ].filter(Boolean);
    return {
      message:
        changes.length === 0 ? 'Sổ đã được thiết lập đầy đủ; không có gì thay đổi.' : ['Đã thiết lập sổ.', ...changes].join(' '),
    };
  });
}
