/** Showing the sidebars and the printed-form dialog. */
import { FORM_TITLES, type FormKind } from './forms/render';
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
  services.spreadsheetApp.getUi().showModalDialog(output, FORM_TITLES[kind as FormKind].title);
}
