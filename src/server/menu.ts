/** The `Một cửa` menu. Every item names a function exported by `index.ts` (checked by a test). */
import type { Services } from '../gas/services';

export const MENU_TITLE = 'Một cửa';

export const MENU_ITEMS: readonly { readonly caption: string; readonly functionName: string }[] = [
  { caption: 'Tiếp nhận hồ sơ', functionName: 'showIntakeSidebar' },
  { caption: 'Cập nhật hồ sơ', functionName: 'showUpdateSidebar' },
  { caption: 'Thiết lập sổ', functionName: 'setupRegister' },
];

export function buildMenu(services: Services): void {
  const menu = services.spreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}
