/** Menu handler for `Thiết lập sổ`. */
import { ZoneConverter } from '../sheets/dates';
import { setupWorkbook } from '../sheets/setup';
import type { Services } from './services';

export interface SetupResult {
  readonly message: string;
}

export function runSetup(services: Services): SetupResult {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('Hãy mở bảng tính của đơn vị rồi chọn Một cửa › Thiết lập sổ.');
  const lock = services.lockService.getDocumentLock();
  if (lock && !lock.tryLock(30000)) {
    throw new Error('Có người khác đang ghi vào sổ; vui lòng thử lại sau ít phút.');
  }
  try {
    const zone = new ZoneConverter(services.utilities, spreadsheet.getSpreadsheetTimeZone());
    const year = Number(zone.toCivil(services.clock.now()).date.slice(0, 4));
    const report = setupWorkbook(services.spreadsheetApp, spreadsheet, zone, year);
    services.spreadsheetApp.flush();
    const message =
      report.createdTabs.length === 0 && report.addedHeaders.length === 0
        ? 'Sổ đã được thiết lập đầy đủ; không có gì thay đổi.'
        : [
            'Đã thiết lập sổ.',
            report.createdTabs.length > 0 ? `Trang mới: ${report.createdTabs.join(', ')}.` : '',
            report.addedHeaders.length > 0 ? `Cột bổ sung: ${report.addedHeaders.join(', ')}.` : '',
          ]
            .filter(Boolean)
            .join(' ');
    return { message };
  } finally {
    lock?.releaseLock();
  }
}
