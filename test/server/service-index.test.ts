import { submitIntake } from '../../src/server/intake';
import { runSetup } from '../../src/server/setup';
import { buildSummary } from '../../src/server/summary/build';
import { submitUpdate } from '../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';

const SERVICE_COLUMNS = [
  'Kênh nộp',
  'Mức độ trực tuyến',
  'Số hóa thành phần hồ sơ',
  'Thanh toán trực tuyến',
  'Hình thức trả kết quả',
  'Số hóa kết quả',
] as const;
const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;

/** The block `Chỉ số phục vụ` of the report: "field (scope)" → value → count. */
function serviceBlock(values: unknown[][]): Record<string, number> {
  const start = values.findIndex((r) => r[0] === 'Chỉ số phục vụ (Quyết định 766/QĐ-TTg)');
  const out: Record<string, number> = {};
  for (const r of values.slice(start + 1)) {
    if (r[0] === '') break;
    out[`${String(r[0]).replace(/ \(.*\)$/, '')}: ${String(r[1])}`] = Number(r[2]);
  }
  return out;
}

describe('what the national service index counts', () => {
  it('records channel, online level, digitised components and online fee at intake, and the result’s delivery with the result', () => {
    const unit = readyUnit();
    const r = unit.run((s) =>
      submitIntake(
        s,
        intakeInput({
          channel: 'Trực tuyến',
          submissionChannel: 'Ứng dụng VNeID',
          onlineLevel: 'Toàn trình',
          componentsDigitised: 'Có',
          feePaidOnline: 'Có',
        }),
      ),
    );
    expect(r.ok).toBe(true);
    const code = r.ok ? r.code : '';
    unit.world.clock.set(new Date('2026-03-05T03:00:00Z'));
    expect(
      unit.run((s) =>
        submitUpdate(s, {
          requestId: 'svc-result-0001',
          code,
          action: 'record-result',
          at: '2026-03-05T09:00',
          resultDelivery: 'Bản điện tử',
          resultDigitised: 'Có',
        }),
      ),
    ).toMatchObject({ ok: true });
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const cells = SERVICE_COLUMNS.map((h) => sheet.getRange(2, col(h)).getDisplayValues()[0]![0]);
      expect(cells).toEqual(['Ứng dụng VNeID', 'Toàn trình', 'Có', 'Có', 'Bản điện tử', 'Có']);
      // Each is a dropdown of its list.
      const rule = sheet.getRange(2, col('Kênh nộp')).getDataValidations()[0]![0];
      expect(rule?.getCriteriaValues()[0]).toEqual([
        'Trực tiếp',
        'Bưu chính',
        'Cổng Dịch vụ công quốc gia',
        'Ứng dụng VNeID',
        'Cổng Dịch vụ công tỉnh',
      ]);
    });
    const answer = unit.run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' }));
    expect(answer.ok).toBe(true);
    const block = unit.run((_s, ss) => serviceBlock(ss.getSheetByName(TABS.summary)!.getDataRange().getValues()));
    expect(block).toMatchObject({
      'Kênh nộp: Ứng dụng VNeID': 1,
      'Kênh nộp: Trực tiếp': 0,
      'Mức độ trực tuyến: Toàn trình': 1,
      'Số hóa thành phần hồ sơ: Có': 1,
      'Thanh toán trực tuyến: Có': 1,
      'Hình thức trả kết quả: Bản điện tử': 1,
      'Số hóa kết quả: Có': 1,
    });
  });

  it('refuses a channel that is not of the submission form, and an online level for a dossier at the counter, in Vietnamese', () => {
    const unit = readyUnit();
    expect(unit.run((s) => submitIntake(s, intakeInput({ channel: 'Trực tiếp', submissionChannel: 'Ứng dụng VNeID' })))).toEqual({
      ok: false,
      errors: { submissionChannel: 'Kênh nộp “Ứng dụng VNeID” không khớp hình thức nộp “Trực tiếp” (Trực tuyến).' },
    });
    expect(unit.run((s) => submitIntake(s, intakeInput({ channel: 'Bưu chính', onlineLevel: 'Một phần' })))).toEqual({
      ok: false,
      errors: {
        onlineLevel: 'Chỉ hồ sơ nộp trực tuyến mới có mức độ trực tuyến (toàn trình hoặc một phần); hãy để trống.',
      },
    });
    expect(unit.run((s) => submitIntake(s, intakeInput({ feePaidOnline: 'Chuyển khoản' })))).toMatchObject({
      ok: false,
      errors: { feePaidOnline: 'Thanh toán trực tuyến: hãy chọn Có, Không, Không thu phí hoặc để trống.' },
    });
  });

  it('counts the online level of a counter or postal dossier as “(không áp dụng)”, of an online one left blank as “(chưa ghi)”', () => {
    const unit = readyUnit();
    const take = (channel: string, extra: Record<string, string> = {}) =>
      expect(unit.run((s) => submitIntake(s, intakeInput({ channel, ...extra }))).ok).toBe(true);
    take('Trực tiếp');
    take('Trực tiếp', { submissionChannel: 'Trực tiếp' });
    take('Bưu chính');
    take('Trực tuyến');
    take('Trực tuyến', { submissionChannel: 'Cổng Dịch vụ công quốc gia', onlineLevel: 'Một phần' });
    expect(unit.run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' })).ok).toBe(true);
    const block = unit.run((_s, ss) => serviceBlock(ss.getSheetByName(TABS.summary)!.getDataRange().getValues()));
    expect(block).toMatchObject({
      'Mức độ trực tuyến: Toàn trình': 0,
      'Mức độ trực tuyến: Một phần': 1,
      'Mức độ trực tuyến: (chưa ghi)': 1,
      'Mức độ trực tuyến: (không áp dụng)': 3,
      // Fields of every dossier keep "not recorded" for a counter dossier without them.
      'Kênh nộp: (chưa ghi)': 3,
    });
  });

  it('keeps an older register without these columns working: intake, the report (rows “not recorded”), and setup adds them', () => {
    const unit = readyUnit();
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      // A register set up before these columns existed: no header for them.
      sheet.getRange(1, col('Kênh nộp'), 1, SERVICE_COLUMNS.length).clearContent();
    });
    expect(unit.run((s) => submitIntake(s, intakeInput())).ok).toBe(true);
    // A value for a column the register lacks is refused with what to do, not dropped.
    const refused = unit.run((s) => submitIntake(s, intakeInput({ componentsDigitised: 'Có' })));
    expect(!refused.ok && refused.errors.form).toContain('không có cột “Số hóa thành phần hồ sơ”');
    expect(!refused.ok && refused.errors.form).toContain('Thiết lập sổ');
    expect(unit.run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' })).ok).toBe(true);
    const block = unit.run((_s, ss) => serviceBlock(ss.getSheetByName(TABS.summary)!.getDataRange().getValues()));
    expect(block['Kênh nộp: (chưa ghi)']).toBe(1);
    unit.run((s) => runSetup(s));
    unit.run((_s, ss) => {
      const header = ss.getSheetByName(TABS.register)!.getRange(1, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!;
      expect(header.slice(-6)).toEqual([...SERVICE_COLUMNS]);
    });
    expect(unit.run((s) => submitIntake(s, intakeInput({ componentsDigitised: 'Có' }))).ok).toBe(true);
  });
});
