/** How the CLI is called: its usage text, its argument parser and the error for a bad call (exit code 2). */
import { formatDateVi } from '../../core/format';
import { SUPPORTED_FIRST_DATE, SUPPORTED_LAST_DATE } from '../../core/supportedRange';

/** A mistake in how the CLI was called: printed as a clear message with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `từ 01/01/1901 đến 31/12/2099`: the supported range (src/core/supportedRange.ts) in messages. */
export const SUPPORTED_RANGE_VI = `từ ${formatDateVi(SUPPORTED_FIRST_DATE)} đến ${formatDateVi(SUPPORTED_LAST_DATE)}`;

export const USAGE = `Cách dùng: npm run -s cli -- <lệnh> [tùy chọn]

Lệnh:
  due --received "YYYY-MM-DD HH:mm" --period <Nd|Nh|same-day> [--cutoff HH:mm] [--calendar FILE] [--json]
      Tính hạn trả kết quả: Nd = N ngày làm việc, Nh = N giờ làm việc, same-day = trong ngày.
  calendar --year YYYY [--calendar FILE] [--json]
      Liệt kê các ngày nghỉ lễ, nghỉ bù, nghỉ hoán đổi và ngày làm bù của một năm.
  summary --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out FILE.xlsx [--official] [--by field|agency]
          [--receiver "TÊN"] [--reporter "TÊN"]] FILE...
      Báo cáo tình hình giải quyết (Biểu 06) từ các sổ .xlsx, .csv, .txt, .tsv: tiếp nhận, giải quyết trước hạn,
      đúng hạn, quá hạn, đang giải quyết, tỷ lệ có ghi mẫu số; kỳ tính đến hết 24 giờ ngày --to; mỗi mã
      hồ sơ tính một lần; dòng không tính được ghi ra stderr (mã thoát 1); --out ghi trang Tổng hợp giám sát;
      thêm --official: cả Biểu số II.06a/VPCP/KSTT (dòng theo lĩnh vực, hoặc --by agency: theo cơ quan giải
      quyết; --receiver: đơn vị nhận báo cáo; --reporter: đơn vị báo cáo, bắt buộc khi tổng hợp nhiều đơn
      vị: cơ quan tổng hợp, không phải một xã).
  check FILE
      Kiểm tra một sổ (.xlsx, hoặc bảng văn bản .csv, .txt, .tsv): liệt kê từng dòng lỗi với số dòng, lý do
      và cách xử lý (mã thoát 1 nếu có). Sổ .xlsx có trang Nhật ký xử lý, Danh mục TTHC, Ngày nghỉ được đối
      chiếu như Một cửa › Kiểm tra dữ liệu (dòng thiếu nhật ký, trạng thái trái nhật ký, hạn trả sai, số thứ
      tự bị thiếu...); bảng văn bản chỉ kiểm tra sổ.
  reconcile SỔ TỆP_XUẤT... [--json]
      Đối chiếu sổ (.xlsx, hoặc bảng văn bản .csv, .txt, .tsv như summary đọc) với tệp xuất của hệ thống
      một cửa điện tử tỉnh (.xlsx, .csv; UTF-8, UTF-16 hoặc Windows-1258; dấu , hoặc ;) theo Mã hồ sơ: hồ
      sơ chỉ có một bên, khác trạng thái, hạn trả, ngày có kết quả, ngày trả, và bên nào cần sửa. Không ghi
      vào tệp nào; mã thoát 1 nếu có khác biệt.
  import SỔ.xlsx TỆP_XUẤT... --out SỔ_MỚI.xlsx
      Thêm vào sổ các hồ sơ chỉ có trên hệ thống tỉnh (đánh dấu nhập từ tệp nào, dòng nào), ghi ra sổ
      mới; không ghi đè dòng nào cán bộ đã ghi, hồ sơ khác nhau để lại cho reconcile.
  warn FILE.xlsx --date YYYY-MM-DD [--out DIR] [--in-place]
      Kiểm tra hạn như trình kích hoạt hằng ngày (chạy vào giờ đặt trong Cấu hình, mặc định 7 giờ; lệnh
      này tính theo 7 giờ sáng ngày --date): thư nhắc (.eml) vào DIR/thu-YYYY-MM-DD, sổ đã cập nhật cột
      Cảnh báo thành tệp mới DIR/FILE-canh-bao-YYYY-MM-DD.xlsx (mặc định DIR warn-output/);
      sổ gốc không bị ghi đè, trừ khi có --in-place (khi đó sao lưu sổ gốc trước).
  demo [--out DIR] [--scale small|seed]
      Chạy thử toàn bộ trên dịch vụ Apps Script cục bộ: sổ của năm Trung tâm phục vụ hành chính công xã
      tiếp nhận và xử lý hồ sơ trong gần bốn tuần (qua nghỉ bù Giỗ Tổ và 30/4–1/5), kiểm tra hạn và gửi thư
      mỗi sáng, báo cáo và bản chỉ xem cho HĐND của từng xã, báo cáo tổng hợp của tỉnh, các mẫu in; ghi vào
      DIR (mặc định demo-output/; thư mục đã có tệp thì ghi sang DIR-2). --scale seed: quy mô báo cáo
      2018–2020 của một huyện và 17 xã (206.757 hồ sơ).
  bench
      Đo kích thước gói, số lời gọi dịch vụ và thời gian của từng việc; ghi kết quả vào reports/bench.json.

Ngày hỗ trợ: ${SUPPORTED_RANGE_VI}.`;

/** The options of one command: each takes a value (`string`) or is a switch (`boolean`). */
export type OptionSpec = Readonly<Record<string, 'string' | 'boolean'>>;
export type OptionValues<S extends OptionSpec> = {
  [K in keyof S]?: S[K] extends 'string' ? string : boolean;
};

function listOptions(spec: OptionSpec): string {
  const names = Object.keys(spec).map((n) => `--${n}`);
  return names.length ? `các tùy chọn của lệnh: ${names.join(', ')}` : 'lệnh này không có tùy chọn nào';
}

/**
 * Reads `--name value`, `--name=value` and `--switch`. Refuses, in Vietnamese, an unknown option, a
 * positional argument, a missing or empty value, a value given to a switch and an option given twice.
 * (node:util's parseArgs answers these in English and lets a repeated option win silently.)
 */
export function parseOptions<S extends OptionSpec>(command: string, args: readonly string[], spec: S): OptionValues<S> {
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      const extra = arg === '--' ? args[i + 1] : arg;
      if (arg === '--' && extra === undefined) continue;
      // `--received 2026-03-06 15:10` without quotes leaves the time on its own.
      const hint = /^\d{1,2}:\d{2}$/.test(extra ?? '') ? ' Ngày và giờ phải đặt chung trong ngoặc kép: "YYYY-MM-DD HH:mm".' : '';
      throw new UsageError(
        `Lệnh ${command} không nhận tham số “${extra}”: mọi giá trị phải đi sau một tùy chọn (${listOptions(spec)}).${hint}`,
      );
    }
    const eq = arg.indexOf('=');
    const raw = eq < 0 ? arg : arg.slice(0, eq);
    const name = raw.replace(/^--?/, '');
    const type = raw.startsWith('--') && Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!type) throw new UsageError(`Lệnh ${command} không có tùy chọn ${raw} (${listOptions(spec)}).`);
    if (Object.hasOwn(values, name)) throw new UsageError(`Tùy chọn --${name} được nhập hai lần: chỉ nhập một lần.`);
    if (type === 'boolean') {
      if (eq >= 0) throw new UsageError(`Tùy chọn --${name} không nhận giá trị (bỏ “${arg.slice(eq)}”).`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      // A following `--option` is the next option, not this one's value (write --name=--x for that).
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i += 1;
      }
    }
    if (value === undefined || value.trim() === '') throw new UsageError(`Thiếu giá trị cho tùy chọn --${name}.`);
    values[name] = value;
  }
  return values as OptionValues<S>;
}

/**
 * What the CLI prints for an error that ended a command, and its exit code: a bad call gives
 * `Lỗi: …` and 2; anything else `Lỗi không mong đợi: …` and 1, with the stack only under MOTCUA_DEBUG.
 */
export function describeFailure(error: unknown, debug: boolean): { text: string; exitCode: number } {
  if (error instanceof UsageError) return { text: `Lỗi: ${error.message}\n`, exitCode: 2 };
  const message = error instanceof Error ? error.message : String(error);
  const detail = debug
    ? `${error instanceof Error ? (error.stack ?? '') : ''}\n`
    : '(Đặt biến môi trường MOTCUA_DEBUG=1 để xem chi tiết kỹ thuật.)\n';
  return { text: `Lỗi không mong đợi: ${message}\n${detail}`, exitCode: 1 };
}
