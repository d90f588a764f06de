/** Mẫu 03 of a refusal at the counter, printed from its line in `Từ chối tiếp nhận` (server/receptionRefusal.ts). */
import { SheetProblem } from '../../sheets/layout';
import { findReceptionRefusal, RECEPTION_REFUSALS_TAB, receptionRefusalLayout } from '../../sheets/receptionRefusals';
import type { Services } from '../../gas/services';
import { openUnit } from '../unitContext';
import { renderForm } from './render';

/** Mẫu 03 for a refusal at the counter, from its line in `Từ chối tiếp nhận`. */
export function receptionRefusalHtml(services: Services, slip: string): string {
  const unit = openUnit(services);
  const layout = receptionRefusalLayout(unit.spreadsheet, false);
  const found = layout ? findReceptionRefusal(layout, slip.trim(), unit.zone) : undefined;
  if (!found) throw new SheetProblem(`Không tìm thấy phiếu từ chối tiếp nhận “${slip}” trong trang “${RECEPTION_REFUSALS_TAB}”.`);
  const t = found.text;
  return renderForm({
    kind: 'reception-refusal',
    unitName: t['Đơn vị tiếp nhận'] || unit.settings.unitName,
    parentUnit: unit.settings.parentUnit,
    agency: t['Cơ quan giải quyết'],
    code: slip.trim(),
    procedureCode: t['Mã TTHC'],
    procedureName: t['Tên thủ tục'],
    applicantName: t['Người nộp'],
    address: t['Địa chỉ'],
    phone: t['Điện thoại'],
    email: t.Email,
    returnPlace: unit.settings.returnPlace,
    receivedBy: t['Người tiếp nhận'],
    details: '',
    reason: t['Lý do'],
    issuedAt: found.at,
  });
}
