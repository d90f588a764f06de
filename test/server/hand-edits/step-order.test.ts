import { submitIntake } from '../../../src/server/intake';
import { formHtml } from '../../../src/server/forms/gather';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { intakeInput, readyUnit } from '../../helpers';

let n = 0;
const req = () => `edges-${String((n += 1)).padStart(6, '0')}`;

it('an apology with a new appointment in 9999 or before the original appointment is refused', () => {
  const u = readyUnit(new Date('2026-03-10T02:00:00Z'));
  const out: Record<string, unknown> = {};
  for (const newDueAt of ['9999-12-31T17:00', '2026-03-05T17:00', '2026-03-10T09:00']) {
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
    const code = r.ok ? r.code : '';
    let res: unknown;
    try {
      const x = u.run((s) =>
        submitUpdate(s, {
          requestId: req(),
          code,
          action: 'apologise',
          at: '2026-03-09T09:00',
          newDueAt,
          reason: 'Chờ xác minh',
        }),
      );
      res = x.ok ? x.message : x.errors;
      const l = u.run((s) => lookupDossier(s, code));
      const html = u.run((s) => formHtml(s, code, 'apology'));
      res = [res, l.ok ? l.dossier.newAppointment : l.message, /Xin hẹn lại: [^<]*/.exec(html)?.[0]];
    } catch (e) {
      res = String(e);
    }
    out[newDueAt] = res;
  }
});

it('a supplement received before it was requested is refused', () => {
  const u = readyUnit(new Date('2026-03-06T09:00:00Z'));
  u.run((_s, ss) => {
    const config = ss.getSheetByName('Cấu hình')!;
    const keys = config
      .getRange(2, 1, config.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
    config.getRange(keys.indexOf('Quy tắc bổ sung mặc định') + 2, 2).setValue('tạm dừng');
    const cat = ss.getSheetByName('Danh mục TTHC')!;
    const codes = cat
      .getRange(2, 1, cat.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
    cat.getRange(codes.indexOf('1.004194') + 2, 8).setValue('tạm dừng');
  });
  const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
  const code = r.ok ? r.code : '';
  const requested = u.run((s) =>
    submitUpdate(s, {
      requestId: req(),
      code,
      action: 'request-supplement',
      at: '2026-03-05T10:00',
      missing: 'Ảnh',
      reason: 'Mờ',
    }),
  );
  expect(requested.ok).toBe(true);
  const b = u.run((s) => submitUpdate(s, { requestId: req(), code, action: 'receive-supplement', at: '2026-03-03T09:00' }));
  expect(b).toEqual({
    ok: false,
    errors: {
      form: 'Thời điểm 03/03/2026 09:00 trước bước đã ghi gần nhất của hồ sơ (05/03/2026 10:00); các bước phải ghi theo đúng thứ tự thời gian.',
    },
  });
});
