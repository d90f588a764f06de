/**
 * `Từ chối tiếp nhận` from the intake sidebar: the counter refuses a dossier before receiving it
 * (Mẫu 03). Unlike a refusal after review (`Từ chối giải quyết`, a step of a received dossier that
 * counts as resolved), nothing is written to the register or the log: the refusal gets a slip
 * number in its own tab, no dossier code and no register number, and the report counts it apart
 * from column (3). Written once under the document lock; a retried submit gets its first answer.
 */
import { parseCivilDateTime } from '../core/civil';
import { checkStepTime, type FieldErrors, receptionRefusalSchema, type ReceptionRefusalInput, validate } from '../core/input';
import { foldVietnamese } from '../core/procedures';
import { formatRequestKey, requestKey } from '../core/requestKey';
import { SheetProblem } from '../sheets/layout';
import {
  nextSlip,
  RECEPTION_REFUSALS_TAB,
  receptionRefusalLayout,
  readSlips,
  writeReceptionRefusal,
} from '../sheets/receptionRefusals';
import type { Services } from '../gas/services';
import { openUnit, withDocumentLock } from './unitContext';

export type ReceptionRefusalResult =
  | { readonly ok: true; readonly slip: string; readonly message: string }
  | { readonly ok: false; readonly errors: FieldErrors<keyof ReceptionRefusalInput | 'form'> };

export function submitReceptionRefusal(services: Services, input: unknown): ReceptionRefusalResult {
  const checked = validate(receptionRefusalSchema, input);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  try {
    return refuseAtCounter(services, checked.data);
  } catch (error) {
    if (error instanceof SheetProblem) return { ok: false, errors: { form: error.message } };
    throw error;
  }
}

function refuseAtCounter(services: Services, data: ReceptionRefusalInput): ReceptionRefusalResult {
  const unit = openUnit(services, data.tables ? { tables: data.tables } : {});
  const at = parseCivilDateTime(data.receivedAt);
  if (!at) return { ok: false, errors: { receivedAt: 'Thời điểm không phải ngày giờ có thật.' } };
  const timing = checkStepTime(at, unit.now, 'Thời điểm từ chối tiếp nhận');
  if (timing.error) return { ok: false, errors: { receivedAt: timing.error } };
  // A procedure no longer applied may be exactly why the counter refuses: any procedure of the catalogue.
  const procedure = unit.procedures.find((p) => p.code === data.procedureCode);
  if (!procedure) {
    return { ok: false, errors: { procedureCode: `Không tìm thấy thủ tục mã “${data.procedureCode}” trong Danh mục TTHC.` } };
  }
  // A procedure the unit's catalogue applies is one its centre receives: refusing it as out of
  // competence contradicts the catalogue (a procedure it no longer applies may be refused so).
  if (procedure.active && foldVietnamese(data.reason).replace(/\s+/g, ' ').includes('khong thuoc tham quyen')) {
    return {
      ok: false,
      errors: {
        reason:
          `Thủ tục “${procedure.name}” (${procedure.code}) đang áp dụng trong Danh mục TTHC của đơn vị nên không thể từ chối tiếp nhận vì “không thuộc thẩm quyền”. ` +
          'Hãy ghi lý do thật (ví dụ không xuất trình được bản chính giấy tờ để đối chiếu), hoặc đánh dấu thủ tục “Đang áp dụng” = Không nếu đơn vị không còn giải quyết.',
      },
    };
  }
  const { requestId, tables: _tables, ...payload } = data;
  const key = formatRequestKey(requestKey('intake', requestId, { receptionRefusal: payload }));
  return withDocumentLock(services, () => {
    const layout = receptionRefusalLayout(unit.spreadsheet, true);
    if (!layout) throw new SheetProblem(`Không tạo được trang “${RECEPTION_REFUSALS_TAB}”.`);
    const { slips, keys } = readSlips(layout);
    const done = keys.indexOf(key);
    if (done >= 0) return answer(slips[done] ?? '');
    if (keys.some((k) => k.startsWith(`intake:${requestId}:`))) {
      return { ok: false, errors: { form: 'Yêu cầu này đã được ghi với nội dung khác; hãy mở lại biểu mẫu.' } };
    }
    const slip = nextSlip(slips, at.date);
    writeReceptionRefusal(layout, layout.headerRow + 1 + slips.length, {
      'Số phiếu': slip,
      'Thời điểm': unit.zone.toDate(at),
      'Mã TTHC': procedure.code,
      'Tên thủ tục': procedure.name,
      'Lĩnh vực': procedure.field,
      'Đơn vị tiếp nhận': unit.settings.unitName,
      // The catalogue's agency (the commune police for residence), else the unit itself.
      'Cơ quan giải quyết': procedure.agency || unit.settings.unitName,
      'Hình thức nộp': data.channel,
      'Người nộp': data.applicantName,
      'Số giấy tờ tùy thân': unit.settings.keepIdAndAddress ? data.idNumber : '',
      'Địa chỉ': unit.settings.keepIdAndAddress ? data.address : '',
      'Điện thoại': data.phone,
      Email: data.email,
      'Lý do': data.reason,
      'Người tiếp nhận': data.receiverName,
      'Mã yêu cầu': key,
    });
    return answer(slip);
  });
}

function answer(slip: string): ReceptionRefusalResult {
  return {
    ok: true,
    slip,
    message: `Đã từ chối tiếp nhận (phiếu ${slip}, Mẫu 03): hồ sơ không vào sổ, không có mã hồ sơ và không tính vào số tiếp nhận.`,
  };
}
