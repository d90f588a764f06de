/** A validated update request as the core's action: each action with the fields its step needs. */
import { type CivilDateTime, parseCivilDateTime } from '../core/civil';
import type { FieldErrors, UpdateField, UpdateInput } from '../core/input';
import type { DossierAction } from '../core/lifecycle';
import type { ServiceValues } from '../core/serviceFields';

/** The core's action for a validated request (the discriminated schema gives each action its fields). */
export function actionOf(data: UpdateInput, at: CivilDateTime): DossierAction | FieldErrors<UpdateField> {
  switch (data.action) {
    case 'transfer':
      return { type: 'transfer', at, ...(data.department ? { department: data.department } : {}) };
    case 'request-supplement':
      return { type: 'request-supplement', at, missing: data.missing, reason: data.reason };
    case 'receive-supplement':
      return { type: 'receive-supplement', at };
    case 'apologise': {
      const newDueAt = parseCivilDateTime(data.newDueAt);
      return newDueAt ? { type: 'apologise', at, newDueAt, reason: data.reason } : { newDueAt: 'Cần chọn ngày giờ hẹn mới.' };
    }
    case 'record-result':
      return { type: 'record-result', at, ...resultService(data) };
    case 'refuse':
      return { type: 'refuse', at, reason: data.reason };
    case 'hand-over':
      return {
        type: 'hand-over',
        at,
        ...(data.satisfaction ? { satisfaction: data.satisfaction } : {}),
        ...resultService(data),
      };
    case 'stop':
      return { type: 'stop', at, reason: data.reason };
  }
}

/** How the result went out and whether it was digitised, as chosen (an empty choice is not recorded). */
function resultService(data: { resultDelivery?: string | undefined; resultDigitised?: string | undefined }) {
  const service: ServiceValues = {
    ...(data.resultDelivery ? { 'Hình thức trả kết quả': data.resultDelivery } : {}),
    ...(data.resultDigitised ? { 'Số hóa kết quả': data.resultDigitised } : {}),
  };
  return Object.keys(service).length > 0 ? { service } : {};
}
