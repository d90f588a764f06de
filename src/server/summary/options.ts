/** What the report dialog offers: the official periods around today, and whether `Đơn vị` lists registers. */
import { formatDateVi } from '../../core/format';
import { officialPeriods } from '../../core/periods';
import type { Services } from '../../gas/services';
import { TABS } from '../../sheets/schema';
import { openUnit } from '../unitContext';

export function summaryOptions(services: Services) {
  const unit = openUnit(services);
  return {
    periods: officialPeriods(unit.now.date).map((p) => ({ ...p, fromText: formatDateVi(p.from), toText: formatDateVi(p.to) })),
    hasUnits: unit.spreadsheet.getSheetByName(TABS.units) !== null,
  };
}

export function showSummaryDialog(services: Services): void {
  const output = services.htmlService.createHtmlOutputFromFile('summary').setWidth(460).setHeight(540);
  services.spreadsheetApp.getUi().showModalDialog(output, 'Lập báo cáo tổng hợp');
}
