/** The shrunk counterexamples the hostile-input properties found, kept as plain cases. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../src/local/cli/summary';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { intakeInput, readyUnit, unitWithDossiers } from '../helpers';

describe('a field of the wrong type is refused in Vietnamese, under its name', () => {
  it('intake: a number for the phone, nothing for the name (was “Invalid input”)', () => {
    const { run } = readyUnit();
    const input: Record<string, unknown> = { ...intakeInput(), phone: 0 };
    delete input.applicantName;
    const r = run((s) => submitIntake(s, input));
    expect(r).toEqual({
      ok: false,
      errors: {
        phone: 'Số điện thoại: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.',
        applicantName: 'Họ tên người nộp: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.',
      },
    });
  });

  it('intake: no form at all (null) is refused as a whole', () => {
    const { run } = readyUnit();
    expect(run((s) => submitIntake(s, null))).toEqual({
      ok: false,
      errors: { form: 'Biểu mẫu gửi lên không đúng dạng; hãy tải lại biểu mẫu rồi nhập lại.' },
    });
  });

  it('update: `false` for the code of a transfer (was “Invalid input”)', () => {
    const { run } = unitWithDossiers(1);
    const r = run((s) =>
      submitUpdate(s, { requestId: 'hostile-000004', code: false, action: 'transfer', at: '2026-03-02T08:50' }),
    );
    expect(r).toEqual({
      ok: false,
      errors: { code: 'Mã hồ sơ: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.' },
    });
  });

  it('update: an apology whose new appointment is a number', () => {
    const { run, codes } = unitWithDossiers(1);
    const r = run((s) =>
      submitUpdate(s, {
        requestId: 'hostile-000005',
        code: codes[0],
        action: 'apologise',
        at: '2026-03-02T08:50',
        newDueAt: 5,
        reason: 'x',
      }),
    );
    expect(r).toEqual({
      ok: false,
      errors: { newDueAt: 'Ngày giờ hẹn mới: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.' },
    });
  });
});

describe('a CSV register with blank lines', () => {
  it('names a bad row by the number a spreadsheet shows, blank lines counted (it said dòng 3 before)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-regression-'));
    const file = join(dir, 'so.csv');
    // A blank title line, the header, a blank line, a good row, a row whose status is a formula.
    writeFileSync(
      file,
      '\nThời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\n\n02/03/2026 08:30,2026-03-05,Đã tiếp nhận\n02/03/2026 09:00,2026-03-05,=A1\n',
    );
    try {
      const out = await checkCommand([file]);
      expect(out.code).toBe(1);
      expect(out.stdout.split('\n')).toEqual([
        `${file}: 1 dòng lỗi trên 2 dòng hồ sơ.`,
        `${file}, dòng 5: trạng thái không thuộc danh mục (ô ghi “=A1”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết). Cách xử lý: Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).`,
        // The status `=A1` would also run as a formula once the file is opened in a spreadsheet.
        `${file}, dòng 5: Ô cột “Trạng thái” là chữ bắt đầu như một công thức: mở bằng Excel hoặc Google Sheets, ô này sẽ chạy như công thức. Cách xử lý: Nếu là gõ nhầm, sửa lại ô; nếu đúng là nội dung cần giữ, đặt định dạng Văn bản thuần (Định dạng › Số › Văn bản thuần) cho ô trước khi sửa, và đừng mở bản xuất CSV của sổ bằng Excel.`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists a bad row whose code holds a line break on one line (it was split over two)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-regression-'));
    const file = join(dir, 'so.csv');
    writeFileSync(
      file,
      'Mã hồ sơ,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\n"H56-1\nH56-2",02/03/2026 09:00,2026-03-05,xong\n',
    );
    try {
      const out = await checkCommand([file]);
      expect(out.stdout.split('\n')).toEqual([
        `${file}: 1 dòng lỗi trên 1 dòng hồ sơ.`,
        `${file}, dòng 2 (mã H56-1 H56-2): trạng thái không thuộc danh mục (ô ghi “xong”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết). Cách xử lý: Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
