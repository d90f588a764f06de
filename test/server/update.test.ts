import { submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { formHtml } from '../../src/server/forms/gather';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import type { LocalSheet } from '../../src/local/gas/sheet';
import type { LocalSpreadsheet } from '../../src/local/gas/spreadsheet';
import { intakeInput, readyUnit, unitWithDossiers } from '../helpers';

const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;
let n = 0;
const req = () => `upd-${String((n += 1)).padStart(6, '0')}`;

function withDossier(overrides: Record<string, unknown> = {}) {
  const unit = readyUnit();
  const r = unit.run((s) => submitIntake(s, intakeInput(overrides)));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { ...unit, code: r.code };
}

describe('dossier updates', () => {
  it('offers only the steps the lifecycle allows, and finds the dossier from the selected row', () => {
    const { run, code, book, world } = withDossier();
    const byCode = run((s) => lookupDossier(s, code));
    expect(byCode.ok && byCode.dossier.actions.map((a) => a.label)).toEqual([
      'Chuyển xử lý',
      'Yêu cầu bổ sung hồ sơ',
      'Xin lỗi và hẹn lại',
      'Có kết quả giải quyết',
      'Từ chối giải quyết',
      'Dừng giải quyết',
    ]);
    expect(byCode.ok && byCode.dossier).toMatchObject({
      status: 'Đã tiếp nhận',
      appointment: '17 giờ 00, ngày 11/03/2026',
      deadline: 'Trong hạn',
    });
    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => {
      (s.spreadsheetApp.getActiveSpreadsheet() as LocalSpreadsheet).select(TABS.register, 'D2');
      const selected = lookupDossier(s);
      expect(selected.ok && selected.dossier.code).toBe(code);
    });
  });

  it('writes one row update and one event per step, through supplement, apology, result and hand-over', () => {
    const { run, code, world } = withDossier();
    const step = (input: Record<string, unknown>) => {
      // The officer records each step when it happens.
      world.clock.set(new Date(`${String(input.at)}:00+07:00`));
      return run((s) => submitUpdate(s, { requestId: req(), code, ...input }));
    };
    expect(step({ action: 'transfer', at: '2026-03-02T09:00', department: 'Công an xã' })).toMatchObject({ ok: true });
    const supplement = step({
      action: 'request-supplement',
      at: '2026-03-03T10:00',
      missing: 'Bản sao giấy khai sinh',
      reason: 'Thiếu giấy tờ',
    });
    expect(supplement).toMatchObject({ ok: true, form: 'supplement', warnings: [] });
    const arrived = step({ action: 'receive-supplement', at: '2026-03-05T14:00' });
    // Đăng ký thường trú pauses (tạm dừng): waiting from 3/3 to 5/3 adds 2 working days to 11/3.
    expect(arrived.ok && arrived.dossier.appointment).toBe('17 giờ 00, ngày 13/03/2026');
    const apology = step({
      action: 'apologise',
      at: '2026-03-12T09:00',
      newDueAt: '2026-03-18T17:00',
      reason: 'Chờ xác minh của công an huyện',
    });
    expect(apology).toMatchObject({ ok: true, form: 'apology' });
    expect(step({ action: 'apologise', at: '2026-03-12T09:30', newDueAt: '2026-03-19T17:00', reason: 'Lần hai' })).toEqual({
      ok: false,
      errors: { form: 'Hồ sơ đã được xin lỗi và hẹn lại một lần; chỉ được hẹn lại một lần.' },
    });
    expect(step({ action: 'hand-over', at: '2026-03-13T09:00' })).toEqual({
      ok: false,
      errors: { form: 'Chưa có kết quả giải quyết nên không thể trả kết quả (trạng thái hiện tại: “Đang giải quyết”).' },
    });
    expect(step({ action: 'record-result', at: '2026-03-17T15:00' })).toMatchObject({ ok: true });
    expect(step({ action: 'hand-over', at: '2026-03-18T08:00', satisfaction: 'Hài lòng' })).toMatchObject({ ok: true });
    run((_s, ss) => {
      const row = ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getDisplayValues()[0]!;
      expect(row[col('Trạng thái') - 1]).toBe('Đã trả kết quả');
      expect(row[col('Hạn trả kết quả') - 1]).toBe('13/03/2026 17:00');
      expect(row[col('Hạn trả mới') - 1]).toBe('18/03/2026 17:00');
      expect(row[col('Lý do chậm') - 1]).toBe('Chờ xác minh của công an huyện');
      expect(row[col('Số lần yêu cầu bổ sung') - 1]).toBe('1');
      expect(row[col('Ngày có kết quả') - 1]).toBe('17/03/2026');
      expect(row[col('Ngày trả kết quả') - 1]).toBe('18/03/2026');
      expect(row[col('Mức độ hài lòng') - 1]).toBe('Hài lòng');
      expect(row[col('Cơ quan giải quyết') - 1]).toBe('Công an xã');
      const log = ss.getSheetByName(TABS.log)!;
      expect(
        log
          .getRange(2, 4, log.getLastRow() - 1, 1)
          .getValues()
          .map((r) => r[0]),
      ).toEqual([
        'Tiếp nhận hồ sơ',
        'Chuyển xử lý',
        'Yêu cầu bổ sung hồ sơ',
        'Nhận hồ sơ bổ sung',
        'Xin lỗi và hẹn lại',
        'Có kết quả giải quyết',
        'Trả kết quả',
      ]);
    });
  });

  it('rewrites a row without turning kept text into numbers or formulas, and keeps people’s own formulas', () => {
    const { run, code } = withDossier({ phone: '0912345678', idNumber: '001099012345', note: '=1+1 không phải công thức' });
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      sheet.getRange(1, REGISTER_COLUMNS.length + 1).setValue("'Cột riêng");
      sheet.getRange(2, REGISTER_COLUMNS.length + 1).setValue('=LEN(B2)');
    });
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:00' }))).toMatchObject({
      ok: true,
    });
    run((_s, ss) => {
      const range = ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length + 1);
      const values = range.getValues()[0]!;
      expect(values[col('Điện thoại') - 1]).toBe('0912345678');
      expect(values[col('Số giấy tờ tùy thân') - 1]).toBe('001099012345');
      expect(values[col('Ghi chú') - 1]).toBe('=1+1 không phải công thức');
      expect(values[col('Trạng thái') - 1]).toBe('Đang giải quyết');
      expect(range.getFormulas()[0]).toEqual([...Array(REGISTER_COLUMNS.length).fill(''), '=LEN(B2)']);
    });
  });

  it('lets the officer correct a refused step and send the same form again', () => {
    const { run, code, world } = withDossier();
    world.clock.set(new Date('2026-03-11T03:00:00Z'));
    const requestId = req();
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'record-result', at: '2026-03-12T09:00' }))).toEqual({
      ok: false,
      errors: { at: 'Thời điểm thực hiện không được sau thời điểm hiện tại.' },
    });
    const tooLate = run((s) =>
      submitUpdate(s, {
        requestId,
        code,
        action: 'apologise',
        at: '2026-03-11T09:00',
        newDueAt: '2026-03-13T17:00',
        reason: 'Chờ xác minh',
      }),
    );
    expect(tooLate).toEqual({
      ok: false,
      errors: {
        form: 'Văn bản xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả 11/03/2026 (tức là ngày 10/03/2026).',
      },
    });
    const corrected = run((s) =>
      submitUpdate(s, {
        requestId,
        code,
        action: 'apologise',
        at: '2026-03-10T09:00',
        newDueAt: '2026-03-13T17:00',
        reason: 'Chờ xác minh',
      }),
    );
    expect(corrected).toMatchObject({ ok: true, form: 'apology' });
    // The log dates the step when it happened, not when it was typed in.
    run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      expect(log.getRange(log.getLastRow(), 1, 1, 4).getDisplayValues()[0]).toEqual([
        '10/03/2026 09:00:00',
        'canbo@example.gov.vn',
        code,
        'Xin lỗi và hẹn lại',
      ]);
    });
    // The same request once more (a double click) changes nothing further.
    expect(
      run((s) =>
        submitUpdate(s, {
          requestId,
          code,
          action: 'apologise',
          at: '2026-03-10T09:00',
          newDueAt: '2026-03-13T17:00',
          reason: 'Chờ xác minh',
        }),
      ),
    ).toEqual(corrected);
  });

  it('reports a row edited by hand into an impossible state and does not overwrite it', () => {
    const { run, code } = withDossier();
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Trạng thái')).setValue('Đã trả kết quả'));
    const lookup = run((s) => lookupDossier(s, code));
    expect(lookup).toEqual({
      ok: false,
      message: `Dòng 2 (mã ${code}): trạng thái “Đã trả kết quả” nhưng chưa có ngày trả kết quả. Hãy sửa dòng này trước.`,
    });
    const update = run((s) => submitUpdate(s, { requestId: req(), code, action: 'stop', at: '2026-03-02T09:00', reason: 'Rút' }));
    expect(update).toEqual({
      ok: false,
      errors: {
        code: `Dòng 2 (mã ${code}): trạng thái “Đã trả kết quả” nhưng chưa có ngày trả kết quả. Hãy sửa dòng này trước.`,
      },
    });
    run((_s, ss) => expect(ss.getSheetByName(TABS.register)!.getRange(2, col('Trạng thái')).getValue()).toBe('Đã trả kết quả'));
  });

  it('keeps the reasons of the update form literal and escapes them on the printed form', () => {
    const { run, code } = withDossier({ applicantName: '<script>alert("x")</script>' });
    const reason = '=IMPORTXML("http://evil.example","//a") <b>gấp</b>';
    run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code,
        action: 'request-supplement',
        at: '2026-03-02T09:00',
        missing: '@x, -1, +84',
        reason,
      }),
    );
    run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      const note = log.getRange(3, 7).getValue();
      expect(note).toBe(`Lần 1. Lý do: ${reason}. Cần bổ sung: @x, -1, +84`);
      expect(log.getRange(3, 7).getFormulas()[0]![0]).toBe('');
    });
    const html = run((s) => formHtml(s, code, 'supplement'));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('=IMPORTXML(&quot;http://evil.example&quot;,&quot;//a&quot;) &lt;b&gt;gấp&lt;/b&gt;');
    expect(html).toContain('@x, -1, +84');
    expect(html).not.toContain('<script>alert');
  });

  it('finds dossiers by code after people sort the register by hand', () => {
    const { run } = readyUnit();
    const codes = ['An', 'Bình', 'Cường'].map((name) => {
      const r = run((s) => submitIntake(s, intakeInput({ applicantName: name })));
      return r.ok ? r.code : '';
    });
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)! as unknown as LocalSheet;
      sheet.getRange(2, 1, 3, REGISTER_COLUMNS.length).sort({ column: col('Người nộp'), ascending: false });
    });
    expect(
      run((s) =>
        submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'stop', at: '2026-03-02T09:00', reason: 'Rút hồ sơ' }),
      ),
    ).toMatchObject({ ok: true });
    run((_s, ss) => {
      const rows = ss.getSheetByName(TABS.register)!.getRange(2, 1, 3, REGISTER_COLUMNS.length).getValues();
      expect(rows.map((r) => [r[col('Người nộp') - 1], r[col('Trạng thái') - 1]])).toEqual([
        ['Cường', 'Đã tiếp nhận'],
        ['Bình', 'Đã tiếp nhận'],
        ['An', 'Dừng giải quyết'],
      ]);
    });
  });

  it('logs the department a dossier is transferred to as literal text, leaving `Cơ quan giải quyết` to the catalogue’s competent agency', () => {
    for (const [procedureCode, agency] of [
      ['1.004194', 'Công an xã'],
      ['1.001193', 'UBND xã Yên Lạc'],
    ]) {
      const { run, code } = withDossier({ procedureCode });
      run((s) =>
        submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:00', department: '+Phòng =Tư pháp' }),
      );
      run((_s, ss) => {
        const register = ss.getSheetByName(TABS.register)!;
        expect(register.getRange(2, col('Cơ quan giải quyết')).getValue()).toBe(agency);
        const log = ss.getSheetByName(TABS.log)!;
        const note = log.getRange(log.getLastRow(), 7);
        expect(note.getValue()).toBe('Chuyển: +Phòng =Tư pháp');
        expect(note.getFormulas()[0]![0]).toBe('');
      });
    }
  });

  it('prints the receipt with the appointment, the register number and a QR code of the dossier', () => {
    const { run, code } = withDossier();
    const html = run((s) => formHtml(s, code, 'receipt'));
    expect(html).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(html).toContain('17 giờ 00, ngày 11/03/2026');
    expect(html).toContain('Số thứ tự trong sổ:</td><td>1</td>');
    expect(html).toContain('Tờ khai thay đổi thông tin cư trú');
    // The QR holds the codes and dates, no personal data; the dialog's script draws it.
    expect(html).toContain(`data-qr="MHS:${code};MTTHC:1.004194;NTN:202603020830;NHT:202603111700"`);
    expect(html).toMatch(/<script>[\s\S]*createSvgTag[\s\S]*<\/script>\s*<\/body>/);
  });

  it('dates a form on the day of its step, even when it is reprinted weeks later', () => {
    const { run, code, world } = withDossier();
    world.clock.set(new Date('2026-04-20T03:00:00Z'));
    expect(run((s) => formHtml(s, code, 'receipt'))).toContain('<i>Ngày 02/03/2026</i><br>NGƯỜI TIẾP NHẬN');
    const r = run((s) =>
      submitUpdate(s, { requestId: req(), code, at: '2026-04-20T09:00', action: 'refuse', reason: 'Không thuộc thẩm quyền' }),
    );
    expect(r.ok).toBe(true);
    world.clock.set(new Date('2026-05-04T03:00:00Z'));
    expect(run((s) => formHtml(s, code, 'refusal'))).toContain('<i>Ngày 20/04/2026</i>');
  });
});

describe('update: a field of the wrong type is refused in Vietnamese, under its name', () => {
  it('`false` for the code of a transfer (was “Invalid input”)', () => {
    const { run } = unitWithDossiers(1);
    const r = run((s) =>
      submitUpdate(s, { requestId: 'hostile-000004', code: false, action: 'transfer', at: '2026-03-02T08:50' }),
    );
    expect(r).toEqual({
      ok: false,
      errors: { code: 'Mã hồ sơ: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.' },
    });
  });

  it('an apology whose new appointment is a number', () => {
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
