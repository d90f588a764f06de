/** The shrunk counterexamples the hostile-input properties found, kept as plain cases. */
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
