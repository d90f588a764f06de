/** Showing the sidebars and the printed-form dialog. */
import { formHtml } from './forms/gather';
import type { Services } from '../gas/services';

export function showIntake(services: Services): void {
  const output = services.htmlService.createHtmlOutputFromFile('intake').setTitle('Tiếp nhận hồ sơ');
  services.spreadsheetApp.getUi().showSidebar(output);
}

export function showUpdate(services: Services): void {
  const output = services.htmlService.createHtmlOutputFromFile('update').setTitle('Cập nhật hồ sơ');
  services.spreadsheetApp.getUi().showSidebar(output);
}

export function showPrintForm(services: Services, code: string, kind: string): void {
  const html = formHtml(services, code, kind);
  const output = services.htmlService.createHtmlOutput(html).setWidth(620).setHeight(760);
  // The dialog is titled as the form printed (the one in force on its step's date).
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? 'In phiếu';
  services.spreadsheetApp.getUi().showModalDialog(output, unescapeTitle(title));
}

/** The form's `<title>` is escaped HTML; the dialog's title is plain text. */
function unescapeTitle(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );
}
