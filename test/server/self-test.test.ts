/**
 * `Tự kiểm tra trên Google` on the local services: every assumption the product makes holds here (a
 * line saying "khác" on Google is then a defect of the local services), the report is written to its
 * tab and the log, and the register is never the thing tried on.
 */
import { runSelfTest, SELF_TEST_TAB } from '../../src/server/selfTest';
import { runSetup } from '../../src/server/setup';
import { TABS } from '../../src/sheets/schema';
import { errorOf, readyUnit, snapshot } from '../helpers';
import { setConfig } from './registerFixture';

const HEAD = 'chutich@example.gov.vn';

function unitWithHead() {
  const unit = readyUnit();
  setConfig(unit.run, { 'Email thủ trưởng': HEAD });
  unit.book.editors.push(HEAD, 'motcua2@example.gov.vn');
  const as = <T>(user: string, fn: Parameters<typeof unit.run>[0] extends (...a: infer A) => unknown ? (...a: A) => T : never) =>
    unit.world.run({ user, spreadsheetId: unit.book.id }, (s) => fn(s, s.spreadsheetApp.getActiveSpreadsheet()!));
  as(HEAD, (s) => runSetup(s)); // the head locks Cấu hình
  return { ...unit, as };
}

describe('Tự kiểm tra trên Google, on the local services', () => {
  it('finds every assumption true, writes one line each to its tab and a line to the log, and leaves the register as it was', () => {
    const unit = unitWithHead();
    const register = unit.as(HEAD, (_s, ss) => ss.getSheetByName(TABS.register)!.getDataRange().getValues());
    const answer = unit.as(HEAD, (s) => runSelfTest(s));
    expect(answer).toMatch(
      /^Tự kiểm tra trên Google lúc \d\d\/\d\d\/\d{4} \d\d:\d\d: 14\/14 đúng như MotCua giả định\. Kết quả ở trang “Tự kiểm tra trên Google”\.$/,
    );
    const rows = unit.as(HEAD, (_s, ss) => ss.getSheetByName(SELF_TEST_TAB)!.getDataRange().getValues());
    expect(rows[0]).toEqual(['Điều MotCua giả định', 'Google trả lời', 'Kết quả']);
    const lines = rows.slice(1, -1);
    expect(lines).toHaveLength(15);
    expect(lines.filter((l) => l[2] !== 'ok')).toEqual([]);
    expect(lines.at(-1)).toEqual([
      'Trang Cấu hình và các trang Lưu trữ của sổ này khóa thật: chỉ chủ sở hữu và thủ trưởng sửa được',
      'đã đọc 1 trang: khóa đúng',
      'ok',
    ]);
    expect(lines.map((l) => String(l[1])).join('\n')).toContain('9 KB + 1: “Argument too large: value”');
    expect(unit.as(HEAD, (_s, ss) => ss.getSheetByName(TABS.register)!.getDataRange().getValues())).toEqual(register);
    const log = unit.as(HEAD, (_s, ss) => {
      const sheet = ss.getSheetByName(TABS.log)!;
      return sheet.getRange(sheet.getLastRow(), 4).getValue();
    });
    expect(log).toBe('Tự kiểm tra trên Google');
  });

  it('finds the unit’s own Cấu hình not locked when a range of it was left open to everyone, and says what to do', () => {
    const unit = unitWithHead();
    unit.as(HEAD, (s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      config.getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!.setUnprotectedRanges([config.getRange('B2:B9')]);
    });
    expect(unit.as(HEAD, (s) => runSelfTest(s))).toMatch(
      /: 14\/14 đúng như MotCua giả định\. Sổ này chưa khóa đúng \(“Cấu hình”: vùng B2:B9 để ngỏ\): hãy để thủ trưởng chạy lại Thiết lập sổ, rồi xem Dữ liệu > Trang tính và dải ô được bảo vệ\. Kết quả ở trang “Tự kiểm tra trên Google”\.$/,
    );
    unit.as(HEAD, (s) => runSetup(s));
    expect(unit.as(HEAD, (s) => runSelfTest(s))).not.toContain('chưa khóa đúng');
  });

  it('finds Cấu hình not locked when its protection was made again without changing its editors (it protects nothing)', () => {
    const unit = unitWithHead();
    unit.as(HEAD, (s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      for (const p of config.getProtections(s.spreadsheetApp.ProtectionType.SHEET)) p.remove();
      config.protect().setDescription('khóa lại');
    });
    expect(unit.as(HEAD, (s) => runSelfTest(s))).toContain(
      'Sổ này chưa khóa đúng (“Cấu hình”: không thấy ai trong danh sách người sửa (có thể chưa khóa thật))',
    );
  });

  it('tries on one scratch spreadsheet, made once and reused, with no trigger left behind', () => {
    const unit = unitWithHead();
    unit.as(HEAD, (s) => runSelfTest(s));
    unit.as(HEAD, (s) => runSelfTest(s));
    const scratch = [...unit.world.spreadsheets.values()].filter((b) => b.name.startsWith('MotCua – bảng tính tự kiểm tra'));
    expect(scratch).toHaveLength(1);
    expect(unit.as(HEAD, (s) => s.scriptApp.getProjectTriggers().length)).toBe(0);
  });

  it('is the head’s or the owner’s to run: another officer is refused and nothing changes', () => {
    const unit = unitWithHead();
    const before = snapshot(unit.world, unit.book.id);
    expect(errorOf(() => unit.as('motcua2@example.gov.vn', (s) => runSelfTest(s)))).toBe(
      'Chỉ thủ trưởng đơn vị hoặc chủ sở hữu bảng tính (canbo@example.gov.vn) được chạy Tự kiểm tra; bạn đang đăng nhập là motcua2@example.gov.vn.',
    );
    expect(snapshot(unit.world, unit.book.id)).toBe(before);
  });
});
