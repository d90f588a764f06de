/**
 * What each finding of the consistency check says, in Vietnamese: what is wrong and what to do.
 * Used by the `Kiểm tra dữ liệu` dialog and the CLI's `check` (not by Apps Script's bundle, whose
 * check only finds and repairs).
 */
import { parseCivilDate, parseCivilDateTime } from './civil';
import type { Finding } from './consistency';
import { formatDateTimeVi, formatDateVi } from './format';

/** A fact as people read it: ISO dates in Vietnamese, an empty value said so. */
function shown(value: string | undefined): string {
  if (!value) return '(trống)';
  const at = parseCivilDateTime(value);
  if (at) return formatDateTimeVi(at);
  return parseCivilDate(value) ? formatDateVi(value) : value;
}

/** The register's columns and the log's steps the facts name. */
const COLUMNS: Record<string, string> = {
  status: 'Trạng thái',
  due: 'Hạn trả kết quả',
  newDue: 'Hạn trả mới',
  count: 'Số lần yêu cầu bổ sung',
  result: 'Ngày có kết quả',
  returned: 'Ngày trả kết quả',
  received: 'Thời điểm tiếp nhận',
};

/** `[pair, first, second, step]` of an `order` finding: which date comes before which. */
function orderText([pair = '', first, second, step]: readonly string[]): string {
  const [a = '', b = ''] = pair.split('<').map((k) => (k === 'step' ? `bước “${step}”` : (COLUMNS[k] ?? k)));
  return `${a.charAt(0).toUpperCase()}${a.slice(1)} (${shown(first)}) trước ${b.charAt(0).toLowerCase()}${b.slice(1)} (${shown(second)}).`;
}

const RESTORE = 'khôi phục từ Tệp › Lịch sử phiên bản';
const AUTO = 'Có thể sửa tự động (nút “Sửa các lỗi chắc chắn”; mỗi lần sửa được ghi vào Nhật ký xử lý).';

export function describeFinding(f: Finding): { readonly problem: string; readonly todo: string } {
  const [a = '', b = '', c = ''] = f.facts;
  switch (f.kind) {
    case 'formula-text':
      return {
        problem: `Ô cột “${a}” là chữ bắt đầu như một công thức: mở bằng Excel hoặc Google Sheets, ô này sẽ chạy như công thức.`,
        todo: 'Nếu là gõ nhầm, sửa lại ô; nếu đúng là nội dung cần giữ, đặt định dạng Văn bản thuần (Định dạng › Số › Văn bản thuần) cho ô trước khi sửa, và đừng mở bản xuất CSV của sổ bằng Excel.',
      };
    case 'unreadable':
      return { problem: `${a}.`, todo: 'Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).' };
    case 'duplicate':
      return {
        problem: `Mã hồ sơ trùng với dòng ${a}.`,
        todo: 'Giữ lại một dòng đúng; xóa dòng sao chép hoặc trả lại mã đúng cho dòng bị gõ nhầm.',
      };
    case 'no-events':
      return {
        problem: 'Hồ sơ không có bước nào trong Nhật ký xử lý (dòng gõ tay, hoặc lần tiếp nhận bị ngắt giữa chừng).',
        todo: `Nếu lần tiếp nhận vừa bị lỗi, mở lại đúng biểu mẫu đó và bấm lưu lại (không ghi hai lần); nếu dòng được gõ tay, đối chiếu hồ sơ giấy và ghi lý do vào cột Ghi chú.`,
      };
    case 'archived':
      return {
        problem:
          'Hồ sơ đã được chuyển sang trang lưu trữ khi khóa sổ nhưng dòng vẫn còn trong sổ (lần khóa sổ bị ngắt giữa chừng, hoặc dòng được chép lại từ trang lưu trữ); báo cáo tính theo bản trong trang lưu trữ.',
        todo: 'Thủ trưởng chọn lại Một cửa › Khóa sổ cuối năm để hoàn tất; nếu dòng được chép lại, xóa dòng này khỏi sổ.',
      };
    case 'no-row':
      return {
        problem: `Nhật ký xử lý có ${a} bước của mã này nhưng sổ không có dòng nào mang mã đó.`,
        todo: `Dòng hồ sơ có thể đã bị xóa hoặc sửa mã: ${RESTORE}.`,
      };
    case 'differs': {
      const parts: string[] = [];
      for (let i = 2; i + 2 < f.facts.length; i += 3) {
        parts.push(`${COLUMNS[f.facts[i] ?? ''] ?? ''} là ${shown(f.facts[i + 1])}, nhật ký ghi ${shown(f.facts[i + 2])}`);
      }
      return {
        problem: `Khác với bước cuối trong Nhật ký xử lý (“${a}” lúc ${shown(b)}): ${parts.join('; ')}.`,
        todo: 'Nếu ô đã bị sửa tay, trả lại giá trị nhật ký ghi; nếu việc đó thật sự đã xảy ra, ghi bước đó bằng Một cửa › Cập nhật hồ sơ.',
      };
    }
    case 'chain':
      return {
        problem: `Bước “${a}” bắt đầu từ trạng thái “${b}”, nhưng bước trước của hồ sơ để lại “${c}”: nhật ký thiếu, thừa hoặc sai thời điểm một bước.`,
        todo: 'Xem lại các dòng nhật ký của mã này theo thời điểm; không xóa dòng nhật ký, ghi sai sót vào cột Ghi chú của sổ.',
      };
    case 'order':
      return {
        problem: orderText(f.facts),
        todo: 'Sửa lại ngày gõ nhầm, đối chiếu hồ sơ giấy và Nhật ký xử lý.',
      };
    case 'due':
      return {
        problem:
          `Hạn trả kết quả ${shown(a)} không khớp với thời hạn của thủ tục và lịch làm việc: tính lại được ${shown(b)}` +
          (c === b ? ', đúng như Nhật ký xử lý ghi khi tiếp nhận.' : c ? `; khi tiếp nhận, nhật ký ghi ${shown(c)}.` : '.'),
        todo: f.repair
          ? AUTO
          : 'Danh mục TTHC hoặc lịch nghỉ có thể đã đổi sau khi tiếp nhận: kiểm tra thời hạn đã hẹn trên giấy tiếp nhận rồi sửa tay nếu cần.',
      };
    case 'received':
      return {
        problem: `Thời điểm tiếp nhận ${shown(a)} khác với bước “Tiếp nhận hồ sơ” trong Nhật ký xử lý (${shown(b)}, như giấy tiếp nhận đã in).`,
        todo: 'Nếu ô đã bị sửa tay, trả lại thời điểm nhật ký ghi; nếu thời điểm trong nhật ký sai, đối chiếu hồ sơ giấy và ghi lý do vào cột Ghi chú.',
      };
    case 'procedure':
      return {
        problem: `${a ? `Mã TTHC “${a}” không có trong Danh mục TTHC` : 'Dòng chưa ghi Mã TTHC'} nên không kiểm tra được hạn trả kết quả.`,
        todo: 'Sửa mã TTHC cho đúng, hoặc thêm thủ tục vào trang Danh mục TTHC.',
      };
    case 'pending':
      return {
        problem: a
          ? `Bước “${a}” đã ghi vào Nhật ký xử lý (dòng ${b}) nhưng chưa ghi xong vào sổ: cột Mã yêu cầu còn dấu “chờ:”.`
          : 'Cột Mã yêu cầu còn dấu “chờ:” của một bước bị ngắt trước khi ghi (không có trong Nhật ký xử lý).',
        todo: a ? `${AUTO} Sổ được ghi nốt theo nhật ký.` : `${AUTO} Dấu chờ được bỏ; ghi lại bước đó nếu cần.`,
      };
    case 'pending-edited':
      return {
        problem: 'Cột Mã yêu cầu có dấu “chờ:” đã bị sửa tay, không còn nhận ra bước nào.',
        todo: 'Đối chiếu Nhật ký xử lý; khi dòng đã đúng, xóa phần “chờ:…” khỏi ô.',
      };
    case 'gap':
      return {
        problem: `Số thứ tự hồ sơ ngày ${shown(a)} bị thiếu ${b} trước mã này (không có trong sổ, nhật ký hay lưu trữ).`,
        todo: `Nếu dòng bị xóa, ${RESTORE}; nếu lần tiếp nhận bị ngắt, lưu lại đúng biểu mẫu đó; nếu số bị bỏ qua, ghi lý do vào cột Ghi chú.`,
      };
  }
}

/** Where a finding is, as people find it: `dòng 12` of the register, `Nhật ký xử lý, dòng 40`. */
export function findingPlace(f: Finding): string {
  return `${f.tab === 'log' ? 'Nhật ký xử lý, ' : ''}dòng ${f.row}`;
}
