import { formHtml } from '../../src/server/forms/gather';
import { submitIntake } from '../../src/server/intake';
import { submitReceptionRefusal } from '../../src/server/receptionRefusal';
import { buildSummary } from '../../src/server/summary/build';
import { submitUpdate } from '../../src/server/update';
import { RECEPTION_REFUSALS_TAB } from '../../src/sheets/receptionRefusals';
import { TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';

function refusalInput(overrides: Record<string, unknown> = {}) {
  const { handler: _h, documents: _d, note: _n, ...intake } = intakeInput();
  return { ...intake, reason: 'Người nộp không xuất trình được bản chính giấy tờ để đối chiếu', ...overrides };
}

const rowsOf = (ss: { getSheetByName(name: string): { getLastRow(): number } | null }, tab: string) =>
  ss.getSheetByName(tab)?.getLastRow() ?? 0;

describe('refusal at the counter (Mẫu 03) and refusal after review', () => {
  it('records a refusal at the counter in its own tab, with a slip number and no dossier code, register row or event', () => {
    const unit = readyUnit(new Date('2026-03-02T03:00:00Z'));
    const before = unit.run((_s, ss) => ({ register: rowsOf(ss, TABS.register), log: rowsOf(ss, TABS.log) }));
    const input = refusalInput({ receivedAt: '2026-03-02T09:00' });
    const answer = unit.run((s) => submitReceptionRefusal(s, input));
    expect(answer).toEqual({
      ok: true,
      slip: 'TC-260302-0001',
      message:
        'Đã từ chối tiếp nhận (phiếu TC-260302-0001, Mẫu 03): hồ sơ không vào sổ, không có mã hồ sơ và không tính vào số tiếp nhận.',
    });
    // The same request again (a retry) gets the same slip; a second refusal the next one.
    expect(unit.run((s) => submitReceptionRefusal(s, input))).toMatchObject({ slip: 'TC-260302-0001' });
    expect(unit.run((s) => submitReceptionRefusal(s, refusalInput({ receivedAt: '2026-03-02T10:00' })))).toMatchObject({
      slip: 'TC-260302-0002',
    });
    unit.run((_s, ss) => {
      expect({ register: rowsOf(ss, TABS.register), log: rowsOf(ss, TABS.log) }).toEqual(before);
      const tab = ss.getSheetByName(RECEPTION_REFUSALS_TAB)!;
      expect(tab.getLastRow()).toBe(3);
      expect(tab.getRange(2, 1, 1, 4).getDisplayValues()[0]).toEqual([
        'TC-260302-0001',
        '02/03/2026 09:00',
        '1.004194',
        'Đăng ký thường trú',
      ]);
    });
    const html = unit.run((s) => formHtml(s, 'TC-260302-0001', 'reception-refusal'));
    expect(html).toContain('Mẫu số 03');
    expect(html).toContain('<h1>PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ</h1>');
    expect(html).toContain('Người nộp không xuất trình được bản chính giấy tờ để đối chiếu');
    expect(html).toContain('Nguyễn Thị Hoa');
    expect(html).not.toContain('Mã hồ sơ');
    // The slip's number is the applicant's only reference to the refusal.
    expect(html).toContain('<tr><td>Số phiếu từ chối:</td><td>TC-260302-0001</td></tr>');
  });

  it('refuses a refusal without its reason, in Vietnamese under the field', () => {
    const unit = readyUnit(new Date('2026-03-02T03:00:00Z'));
    expect(unit.run((s) => submitReceptionRefusal(s, refusalInput({ reason: '  ' })))).toEqual({
      ok: false,
      errors: { reason: 'Cần ghi lý do từ chối tiếp nhận.' },
    });
  });

  it('refuses “không thuộc thẩm quyền” at the counter for a procedure the catalogue applies, however typed, and takes it for one no longer applied', () => {
    const unit = readyUnit(new Date('2026-03-02T03:00:00Z'));
    for (const reason of [
      'Thủ tục không thuộc thẩm quyền giải quyết của UBND xã',
      'KHÔNG  THUỘC THẨM QUYỀN',
      'khong thuoc tham quyen',
    ]) {
      expect(unit.run((s) => submitReceptionRefusal(s, refusalInput({ procedureCode: '2.000884', reason })))).toEqual({
        ok: false,
        errors: {
          reason:
            'Thủ tục “Chứng thực chữ ký trong các giấy tờ, văn bản” (2.000884) đang áp dụng trong Danh mục TTHC của đơn vị nên không thể từ chối tiếp nhận vì “không thuộc thẩm quyền”. Hãy ghi lý do thật (ví dụ không xuất trình được bản chính giấy tờ để đối chiếu), hoặc đánh dấu thủ tục “Đang áp dụng” = Không nếu đơn vị không còn giải quyết.',
        },
      });
    }
    unit.run((_s, ss) => {
      const catalogue = ss.getSheetByName(TABS.catalogue)!;
      const values = catalogue.getDataRange().getValues();
      const header = values[0]!.map(String);
      const row = values.findIndex((r) => r[header.indexOf('Mã TTHC')] === '2.000884');
      catalogue.getRange(row + 1, header.indexOf('Đang áp dụng') + 1).setValue('Không');
    });
    expect(
      unit.run((s) =>
        submitReceptionRefusal(s, refusalInput({ procedureCode: '2.000884', reason: 'Thủ tục không thuộc thẩm quyền của xã' })),
      ),
    ).toMatchObject({ ok: true });
  });

  it('counts a refusal at the counter apart from column (3), and a refusal after review as resolved; every line still balances', () => {
    const unit = readyUnit(new Date('2026-03-02T03:00:00Z'));
    const codes = unit.run((s) =>
      ['08:30', '08:40', '08:50'].map((t) => {
        const r = submitIntake(s, intakeInput({ receivedAt: `2026-03-02T${t}` }));
        if (!r.ok) throw new Error(JSON.stringify(r));
        return r.code;
      }),
    );
    unit.run((s) => submitReceptionRefusal(s, refusalInput({ receivedAt: '2026-03-02T09:00' })));
    unit.world.clock.set(new Date('2026-03-04T03:00:00Z'));
    unit.run((s) =>
      submitUpdate(s, {
        requestId: 'refuse-after-review-1',
        code: codes[0],
        action: 'refuse',
        at: '2026-03-04T09:00',
        reason: 'Sai thẩm quyền',
      }),
    );
    unit.run((s) =>
      submitUpdate(s, {
        requestId: 'stop-after-review-1',
        code: codes[1],
        action: 'stop',
        at: '2026-03-04T09:30',
        reason: 'Rút hồ sơ',
      }),
    );
    const answer = unit.run((s) =>
      buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this', official: true, groupBy: 'field' }),
    );
    expect(answer.ok).toBe(true);
    unit.run((_s, ss) => {
      const values = ss.getSheetByName(TABS.summary)!.getDataRange().getValues();
      const total = values.find((r) => r[0] === 'Tổng cộng')!;
      // (3) 3 received = (7) 1 resolved (the refusal after review) + (11) 1 in progress (due 11/03: overdue) + 1 stopped.
      expect(total.slice(2, 14)).toEqual([3, 0, 3, 0, 1, 1, 0, 0, 1, 0, 1, 1]);
      const row = (label: string) => values.find((r) => String(r[0]).startsWith(label))?.[1];
      expect(row('Từ chối tiếp nhận tại nơi tiếp nhận')).toBe(1);
      expect(row('Từ chối giải quyết sau khi xem xét')).toBe(1);
      const official = ss.getSheetByName('Biểu II.06a')!.getDataRange().getValues();
      const officialTotal = official.find((r) => r[1] === 'Tổng cộng')!;
      // (7) takes the stopped dossier into (9): (3) = (7) + (11).
      expect(officialTotal.slice(2)).toEqual([3, 0, 3, 0, 2, 1, 1, 0, 1, 0, 1]);
      const notes = official.map((r) => String(r[0]));
      expect(notes).toContain(
        'Không tính vào cột (3): 1 hồ sơ bị từ chối tiếp nhận tại nơi tiếp nhận hồ sơ (Mẫu số 03), không được tiếp nhận và không có mã hồ sơ.',
      );
      expect(notes.some((n) => n.startsWith('(*) Cột (9) gồm 1 hồ sơ dừng giải quyết hoặc rút hồ sơ'))).toBe(true);
    });
  });
});
