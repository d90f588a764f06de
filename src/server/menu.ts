/** The `Một cửa` menu. Every item names a function exported by `index.ts` (checked by a test). */
import type { Services } from '../gas/services';
import { warningsOwner } from './warnings/schedule';

export const MENU_TITLE = 'Một cửa';

export const MENU_ITEMS: readonly { readonly caption: string; readonly functionName: string }[] = [
  { caption: 'Tiếp nhận hồ sơ', functionName: 'showIntakeSidebar' },
  { caption: 'Cập nhật hồ sơ', functionName: 'showUpdateSidebar' },
  { caption: 'Kiểm tra hạn ngay', functionName: 'checkDeadlinesNow' },
  { caption: 'Bật cảnh báo hằng ngày', functionName: 'enableDailyWarnings' },
  { caption: 'Tắt cảnh báo hằng ngày', functionName: 'disableDailyWarnings' },
  { caption: 'Lập báo cáo tổng hợp', functionName: 'showSummaryDialog' },
  { caption: 'Chia sẻ cho HĐND', functionName: 'shareWithCouncil' },
  { caption: 'Kiểm tra dữ liệu', functionName: 'showDataCheck' },
  { caption: 'Nhập từ hệ thống tỉnh', functionName: 'importFromProvincialSystem' },
  { caption: 'Đối chiếu với hệ thống tỉnh', functionName: 'reconcileWithProvincialSystem' },
  { caption: 'Khóa sổ cuối năm', functionName: 'closeYearEnd' },
  { caption: 'Thiết lập sổ', functionName: 'setupRegister' },
  { caption: 'Tự kiểm tra trên Google', functionName: 'selfTestOnGoogle' },
];

/** The menu; the daily warnings item says whose trigger runs them (whose mailbox and quota they use). */
export function buildMenu(services: Services): void {
  let owner = '';
  try {
    owner = warningsOwner(services);
  } catch {
    // A simple trigger may be refused a service: the menu is shown without the owner.
  }
  const menu = services.spreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    const caption =
      item.functionName === 'disableDailyWarnings' && owner ? `Tắt cảnh báo hằng ngày (đang bật, gửi từ ${owner})` : item.caption;
    menu.addItem(caption, item.functionName);
  }
  menu.addToUi();
}
