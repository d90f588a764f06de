/** The one error boundary of every Apps Script entry. */
import { SheetProblem } from '../sheets/layout';

/** What a person is told when something unexpected fails; the cause is in the execution log. */
const UNEXPECTED_ERROR =
  'Có lỗi ngoài dự kiến; chi tiết đã ghi vào Nhật ký thực thi của Apps Script. Hãy thử lại: gửi lại cùng biểu mẫu không ghi hai lần. Nếu vẫn lỗi, hãy báo cán bộ công nghệ thông tin.';

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
    throw new Error(UNEXPECTED_ERROR);
  }
}
