/** What `guarded` tells a person for each of Google's faults, and when it may say that nothing was lost. */
import { googleError } from '../../../src/local/gas/errors';
import { guarded } from '../../../src/server/guarded';
import { errorOf } from '../../helpers';

const fail = (entry: string, message: string) => {
  try {
    guarded(entry, () => {
      throw googleError(message);
    });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('the error boundary names Google’s faults in Vietnamese', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [
      'Service Spreadsheets timed out while accessing document with id 1AbC.',
      'Google Sheets không trả lời kịp (hết thời gian chờ)',
    ],
    ["We're sorry, a server error occurred. Please wait a bit and try again.", 'Máy chủ của Google gặp lỗi tạm thời'],
    [
      'Lock timeout: another process was holding the lock for too long.',
      'Sổ đang được người khác ghi quá lâu nên chưa đến lượt bạn',
    ],
    ['Exceeded maximum execution time', 'Lần chạy đã quá 6 phút Google cho phép'],
    ['Service invoked too many times for one day: email.', 'Tài khoản đã dùng hết số thư Google cho gửi trong ngày'],
  ])('“%s”: %s', (google, said) => {
    // A swept entry: its sweep proves a rerun completes it, so it may say nothing was lost.
    expect(fail('saveIntake', google)).toBe(
      `${said}. Không có gì bị mất: phần đã ghi được giữ nguyên và lần chạy lại ghi nốt, không ghi hai lần. Hãy đợi một lát rồi làm lại (gửi lại cùng biểu mẫu, hoặc chọn lại mục trong menu).`,
    );
    // An entry no sweep covers says what happened and what to do, and promises nothing.
    expect(fail('enableDailyWarnings', google)).toBe(
      `${said}. Hãy đợi một lát rồi làm lại; nếu vẫn lỗi, hãy báo cán bộ công nghệ thông tin.`,
    );
  });

  it('keeps the general message for anything else', () => {
    expect(fail('saveIntake', 'Cannot read properties of undefined')).toMatch(/^Có lỗi ngoài dự kiến/);
  });
});

describe('Google’s other server fault, said in Vietnamese', () => {
  describe('Google’s “Service Spreadsheets failed while accessing document” (the sibling of the timeout, faults.ts)', () => {
    it('is said in Vietnamese, with the promise the fault sweeps prove for a fault at any one call', () => {
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const message = errorOf(() =>
        guarded('saveIntake', () => {
          throw new Error('Service Spreadsheets failed while accessing document with id 1AbC.');
        }),
      );
      quiet.mockRestore();
      expect(message).toMatch(/^Google Sheets gặp lỗi khi truy cập bảng tính\. Không có gì bị mất/);
    });
  });
});
