/** The one error boundary of every Apps Script entry. */
import { describeGoogleFault } from '../core/googleFaults';
import { SheetProblem } from '../sheets/layout';

/** What a person is told when something unexpected fails; the cause is in the execution log. */
const UNEXPECTED_ERROR =
  'Có lỗi ngoài dự kiến; chi tiết đã ghi vào Nhật ký thực thi của Apps Script. Hãy thử lại: gửi lại cùng biểu mẫu không ghi hai lần. Nếu vẫn lỗi, hãy báo cán bộ công nghệ thông tin.';

/**
 * Entries whose every run stopped by a fault at any one call leaves the workbook whole and is
 * completed by running it again: the fault sweeps prove it (test/server/faults). Only these may
 * tell a person that nothing was lost.
 */
const RESUMABLE = new Set([
  'saveIntake',
  'refuseReception',
  'saveUpdate',
  'setupRegister',
  'checkDeadlinesNow',
  'buildSummary',
  'shareWithCouncil',
  'closeYearEnd',
]);

/** Google refusing a write for want of rights: a viewer, or a protected range. */
const NO_RIGHT = /do not have permission to perform that action|trying to edit a protected cell/i;
const NO_RIGHT_MESSAGE =
  'Google không cho tài khoản này ghi vào sổ (chỉ được xem bảng tính, hoặc vùng này đã khóa). Hãy nhờ chủ sở hữu bảng tính cấp quyền chỉnh sửa rồi làm lại; nếu lỗi xảy ra giữa chừng, chạy lại không ghi hai lần.';

const messageOf = (error: unknown) => {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  return typeof message === 'string' ? message : '';
};

function faultMessage(entry: string, what: string): string {
  return RESUMABLE.has(entry)
    ? `${what}. Không có gì bị mất: phần đã ghi được giữ nguyên và lần chạy lại ghi nốt, không ghi hai lần. Hãy đợi một lát rồi làm lại (gửi lại cùng biểu mẫu, hoặc chọn lại mục trong menu).`
    : `${what}. Hãy đợi một lát rồi làm lại; nếu vẫn lỗi, hãy báo cán bộ công nghệ thông tin.`;
}

/** Runs an entry: a SheetProblem is already a Vietnamese sentence; anything else is logged and replaced by one. */
export function guarded<T>(entry: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SheetProblem) throw new Error(error.message);
    // console.error reaches the Apps Script execution log (Stackdriver), with the stack of named functions.
    // (Duck-typed: an error thrown by a service may come from another realm.)
    const stack = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
    console.error(`MotCua ${entry}:`, typeof stack === 'string' ? stack : String(error));
    const fault = describeGoogleFault(error);
    if (!fault && NO_RIGHT.test(messageOf(error))) throw new Error(NO_RIGHT_MESSAGE);
    throw new Error(fault ? faultMessage(entry, fault) : UNEXPECTED_ERROR);
  }
}
