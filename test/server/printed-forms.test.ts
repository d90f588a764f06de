import fc from 'fast-check';
import { addDays, type CivilDate } from '../../src/core/civil';
import { CIRCULAR_03_2025_FROM, FORM_KINDS, formOf } from '../../src/core/formKinds';
import { formHtml } from '../../src/server/forms/gather';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { intakeInput, readyUnit } from '../helpers';

let n = 0;
const req = () => `form-${String((n += 1)).padStart(6, '0')}`;

/** A dossier received at `receivedAt` (Vietnamese time), with the clock at that moment. */
function dossierAt(receivedAt: string, procedureCode = '1.004194') {
  const unit = readyUnit(new Date(`${receivedAt}:00+07:00`));
  const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt, procedureCode })));
  if (!r.ok) throw new Error(JSON.stringify(r));
  const step = (input: Record<string, unknown>) => {
    unit.world.clock.set(new Date(`${String(input.at)}:00+07:00`));
    const done = unit.run((s) => submitUpdate(s, { requestId: req(), code: r.code, ...input }));
    if (!done.ok) throw new Error(JSON.stringify(done));
    return done;
  };
  const print = (kind: string) => unit.run((s) => formHtml(s, r.code, kind));
  return { ...unit, code: r.code, step, print };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('printed forms are those in force on their step’s date', () => {
  it('uses the Circular 01/2018 set before 15/09/2025 and the Circular 03/2025 set from that day (property)', () => {
    const day = fc.integer({ min: -2000, max: 2000 }).map((d): CivilDate => addDays(CIRCULAR_03_2025_FROM, d));
    fc.assert(
      fc.property(day, fc.constantFrom(...FORM_KINDS), (date, kind) => {
        const form = formOf(kind, date);
        const in2025 = date >= CIRCULAR_03_2025_FROM;
        if (!form.number) return form.source === 'Văn bản của cơ quan có thẩm quyền giải quyết';
        return form.source.includes(in2025 ? '03/2025/TT-VPCP ngày 15/9/2025' : '01/2018/TT-VPCP ngày 23/11/2018');
      }),
    );
    expect(formOf('control', '2025-09-14').number).toBe('Mẫu số 05');
    expect(formOf('control', '2025-09-15').number).toBe('Mẫu số 06');
    expect(formOf('stop', '2025-09-14').number).toBe('');
    expect(formOf('stop', '2025-09-15')).toMatchObject({ number: 'Mẫu số 05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' });
  });

  it('prints a 2026 receipt as Mẫu số 01 of Circular 03/2025, headed by the commune’s centre, with the dossier code once', () => {
    const { print, code } = dossierAt('2026-03-02T08:30');
    const html = print('receipt');
    expect(html).toContain('Mẫu số 01');
    expect(html).toContain('Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025');
    expect(html).toContain('UBND XÃ YÊN LẠC<br><span class="bold">TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG</span>');
    expect(html).not.toMatch(/HUYỆN/);
    expect(count(html, 'Mã hồ sơ')).toBe(1);
    expect(count(html, code)).toBe(2); // the code line and the QR's data, no second "Mã hồ sơ" row
    expect(html).toContain('NGƯỜI NỘP HỒ SƠ');
  });

  it('prints as the place of return the commune’s centre in 2026 and the one-stop unit before 1/7/2025 when Cấu hình leaves it blank', () => {
    const blank = (receivedAt: string) => {
      const unit = dossierAt(receivedAt);
      unit.run((_s, ss) => {
        const config = ss.getSheetByName('Cấu hình')!;
        const keys = config
          .getRange(1, 1, config.getLastRow(), 1)
          .getValues()
          .map((r) => String(r[0]));
        config.getRange(keys.indexOf('Nơi trả kết quả') + 1, 2).setValue('');
      });
      return unit.print('receipt');
    };
    expect(blank('2026-03-02T08:30')).toContain('<td>Nơi trả kết quả:</td><td>Trung tâm Phục vụ hành chính công</td>');
    expect(blank('2025-03-03T08:30')).toContain('<td>Nơi trả kết quả:</td><td>Bộ phận Một cửa</td>');
    // A new register's own setting names the centre.
    expect(dossierAt('2026-03-02T08:30').print('receipt')).toContain(
      '<td>Nơi trả kết quả:</td><td>Trung tâm Phục vụ hành chính công</td>',
    );
  });

  it('prints an apology of 2026 as the agency’s letter Mẫu số 04 with its number, signer and seal, not the applicant’s signature', () => {
    const { step, print } = dossierAt('2026-03-02T08:30');
    const answer = step({ action: 'apologise', at: '2026-03-09T09:00', newDueAt: '2026-03-16T17:00', reason: 'Chờ xác minh' });
    expect(answer).toMatchObject({
      form: 'apology',
      formLabel: 'In Mẫu số 04: văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    });
    const html = print('apology');
    expect(html).toContain('<h1>VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT</h1>');
    expect(html).toContain('Số: ……/……');
    expect(html).toContain('THỦ TRƯỞNG CƠ QUAN<br><i>(Ký, ghi rõ họ tên và đóng dấu)</i>');
    expect(html).toContain('Kính gửi: Nguyễn Thị Hoa');
    expect(html).not.toContain('NGƯỜI NỘP HỒ SƠ');
    expect(html).toContain('16/03/2026');
  });

  it('prints the steps of a dossier of September 2025 each in its own set: Mẫu 05 slip and Phiếu xin lỗi before the 15th, Mẫu 05 stop notice after', () => {
    const { step, print } = dossierAt('2025-09-10T08:30');
    expect(step({ action: 'transfer', at: '2025-09-10T10:00', department: 'Công chức Tư pháp – Hộ tịch' })).toMatchObject({
      form: 'control',
      formLabel: 'In Mẫu số 05: phiếu kiểm soát quá trình giải quyết hồ sơ',
    });
    step({ action: 'apologise', at: '2025-09-12T09:00', newDueAt: '2025-09-24T17:00', reason: 'Chờ trích lục' });
    step({ action: 'stop', at: '2025-09-16T09:00', reason: 'Người nộp rút hồ sơ' });

    const slip = print('control');
    expect(slip).toContain('Mẫu số 05');
    expect(slip).toContain('Thông tư số 01/2018/TT-VPCP');
    expect(slip).toContain('<h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>');
    expect(slip).toContain('Chuyển xử lý');
    expect(slip).toContain('10/09/2025 10:00');
    // The apology and the stop came after the transfer: not on its slip.
    expect(slip).not.toContain('Dừng giải quyết');
    expect(slip).not.toContain('Trước hạn</td>');
    const apology = print('apology');
    expect(apology).toContain('<h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>');
    expect(apology).toContain('Mẫu số 04');
    // The letter is the competent agency's (the catalogue's), not the department the dossier went to.
    expect(apology).toContain('CÔNG AN TỈNH PHÚ THỌ<br><span class="bold">CÔNG AN XÃ YÊN LẠC</span><br>Số: ……/……');
    expect(apology).not.toContain('CÔNG CHỨC TƯ PHÁP – HỘ TỊCH');
    const stop = print('stop');
    expect(stop).toContain('Mẫu số 05');
    expect(stop).toContain('<h1>THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ</h1>');
    expect(stop).toContain('Thông tư số 03/2025/TT-VPCP');
  });

  it('offers Mẫu số 06 at a transfer of 2026, listing the dossier’s steps up to that transfer, not the later ones, however late it is printed', () => {
    const { step, print } = dossierAt('2026-03-02T08:30');
    expect(step({ action: 'transfer', at: '2026-03-02T10:00', department: 'Tổ đăng ký cư trú' })).toMatchObject({
      form: 'control',
      formLabel: 'In Mẫu số 06: phiếu kiểm soát quá trình giải quyết hồ sơ',
    });
    const atTransfer = print('control');
    // Later steps, one of them in the transfer's own minute.
    step({ action: 'request-supplement', at: '2026-03-02T10:00', missing: 'Bản sao sổ hộ khẩu', reason: 'Thiếu giấy tờ' });
    step({ action: 'receive-supplement', at: '2026-03-03T08:00' });
    step({ action: 'record-result', at: '2026-03-10T15:00' });
    step({ action: 'hand-over', at: '2026-03-11T08:00' });
    const later = print('control');
    for (const slip of [atTransfer, later]) {
      expect(slip).toContain('Mẫu số 06');
      expect(slip).toMatch(
        /1\. Tiếp nhận hồ sơ[\s\S]*02\/03\/2026 08:30[\s\S]*2\. Chuyển xử lý<br><i>Chuyển: Tổ đăng ký cư trú<\/i>/,
      );
      for (const after of ['3. ', 'Yêu cầu bổ sung', '10/03/2026', 'Trước hạn</td>']) expect(slip).not.toContain(after);
    }
    const grid = (slip: string) =>
      slip.slice(slip.indexOf('<table class="grid">'), slip.indexOf('</table>', slip.indexOf('<table class="grid">')));
    expect(grid(later)).toBe(grid(atTransfer));
  });

  it('heads a letter by who signs it: the commune police under the province’s police, the commune UBND alone, never the department it was transferred to', () => {
    const heading = (html: string) => /<div class="head">\s*<div>([\s\S]*?)<\/div>/.exec(html)?.[1];
    const refused = dossierAt('2026-03-02T08:30');
    refused.step({ action: 'transfer', at: '2026-03-02T10:00', department: 'Tổ đăng ký cư trú' });
    refused.step({ action: 'refuse', at: '2026-03-04T09:00', reason: 'Chỗ ở không hợp pháp' });
    const stopped = dossierAt('2026-03-02T08:30');
    stopped.step({ action: 'transfer', at: '2026-03-02T10:00', department: 'Tổ đăng ký cư trú' });
    stopped.step({ action: 'stop', at: '2026-03-04T10:00', reason: 'Người nộp rút hồ sơ' });
    for (const html of [refused.print('refusal'), stopped.print('stop')])
      expect(heading(html)).toBe('CÔNG AN TỈNH PHÚ THỌ<br><span class="bold">CÔNG AN XÃ YÊN LẠC</span><br>Số: ……/……');
    const commune = dossierAt('2026-03-02T08:30', '1.004873');
    commune.step({ action: 'transfer', at: '2026-03-02T10:00', department: 'Công chức Tư pháp – Hộ tịch' });
    commune.step({ action: 'refuse', at: '2026-03-03T09:00', reason: 'Đã có hồ sơ đăng ký kết hôn đang giải quyết' });
    expect(heading(commune.print('refusal'))).toBe('<span class="bold">UBND XÃ YÊN LẠC</span><br>Số: ……/……');
  });

  it('prints a refusal after review as the agency’s written reply with its reason, not Mẫu 03', () => {
    const { step, print } = dossierAt('2026-03-02T08:30');
    step({ action: 'refuse', at: '2026-03-04T09:00', reason: 'Không thuộc thẩm quyền của xã' });
    const html = print('refusal');
    expect(html).toContain('<h1>THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ</h1>');
    expect(html).toContain('Không thuộc thẩm quyền của xã');
    expect(html).not.toContain('Mẫu số 03');
    expect(html).toContain('THỦ TRƯỞNG CƠ QUAN');
  });
});
