/** A mistake in how the CLI was called: printed as a clear message with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Cách dùng: npm run -s cli -- <lệnh> [tùy chọn]

Lệnh:
  due --received "YYYY-MM-DD HH:mm" --period <Nd|Nh|same-day> [--cutoff HH:mm] [--calendar FILE] [--json]
      Tính hạn trả kết quả: Nd = N ngày làm việc, Nh = N giờ làm việc, same-day = trong ngày.
  calendar --year YYYY [--calendar FILE] [--json]
      Liệt kê các ngày nghỉ lễ, nghỉ bù, nghỉ hoán đổi và ngày làm bù của một năm.
  demo [--out DIR]
      Chạy thử toàn bộ trên dịch vụ Apps Script cục bộ, ghi sổ (.xlsx) vào DIR (mặc định demo-output/).
  bench
      Đo kích thước gói và số lời gọi dịch vụ.
`;
