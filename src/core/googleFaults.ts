/**
 * Google's own faults (a timeout, a server error, a lock held too long, the 6-minute limit, the
 * day's mail quota), known by their text, said in Vietnamese. Duck-typed: an error thrown by an Apps
 * Script service may come from another realm.
 */
const GOOGLE_FAULTS: readonly (readonly [RegExp, string])[] = [
  [/timed out while accessing document|Service timed out/i, 'Google Sheets không trả lời kịp (hết thời gian chờ)'],
  [/a server error occurred/i, 'Máy chủ của Google gặp lỗi tạm thời'],
  [/failed while accessing document/i, 'Google Sheets gặp lỗi khi truy cập bảng tính'],
  [/^Lock timeout/i, 'Sổ đang được người khác ghi quá lâu nên chưa đến lượt bạn'],
  [/Exceeded maximum execution time/i, 'Lần chạy đã quá 6 phút Google cho phép'],
  [/too many times for one day: email/i, 'Tài khoản đã dùng hết số thư Google cho gửi trong ngày'],
];

/** What happened, in Vietnamese, when `error` is one of Google's faults; undefined otherwise. */
export function describeGoogleFault(error: unknown): string | undefined {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const text = typeof message === 'string' ? message : '';
  return GOOGLE_FAULTS.find(([pattern]) => pattern.test(text))?.[1];
}
