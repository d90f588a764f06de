/**
 * Review of issue 12 (stale updates, Kiểm tra dữ liệu, Khóa sổ cuối năm), as a new user and as an
 * attacker would try them: each case here failed before its fix.
 */
import { summarize } from '../../src/core/summary';
import type { Services, Spreadsheet } from '../../src/gas/services';
import { submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { ZoneConverter } from '../../src/sheets/dates';
import { readReportRecords, reportLayout } from '../../src/sheets/periodRecords';
import { TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit, registerColumn as col } from '../helpers';
import { setConfig } from './registerFixture';

const HEAD = 'truong@yenlac.gov.vn';
const UNIT = 'UBND xã Yên Lạc';
const vn = (at: string) => new Date(`${at}:00+07:00`);
let n = 0;
const req = () => `r12a-${String((n += 1)).padStart(6, '0')}`;

function unit2025() {
  const unit = readyUnit(vn('2025-12-01T08:00'));
  setConfig(unit.run, { 'Email thủ trưởng': HEAD });
  unit.book.editors.push(HEAD);
  const at = (when: string) => unit.world.clock.set(vn(when));
  const intake = (receivedAt: string) => {
    at(receivedAt);
    const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.code;
  };
  const step = (code: string, action: string, when: string, extra: Record<string, unknown> = {}) => {
    at(when);
    const r = unit.run((s) => submitUpdate(s, { requestId: req(), code, action, at: when, ...extra }));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r;
  };
  const close = (when: string, answer = 'YES') => {
    at(when);
    unit.world.ui.answers.push(answer);
    return unit.world.run({ user: HEAD, spreadsheetId: unit.book.id }, (s) => closeYear(s));
  };
  const report = (from: string, to: string) =>
    unit.run((s, ss) => {
      const zone = new ZoneConverter(s.utilities, ss.getSpreadsheetTimeZone());
      const { records, problems } = readReportRecords(reportLayout(ss.getSheetByName(TABS.register)!, TABS.register), zone, UNIT);
      return { problems, summary: summarize(records, from, to, [UNIT]) };
    });
  return { ...unit, at, intake, step, close, report };
}

const register = (ss: Spreadsheet) => ss.getSheetByName(TABS.register)!;
const as = <T>(u: ReturnType<typeof unit2025>, user: string, fn: (s: Services) => T) =>
  u.world.run({ user, spreadsheetId: u.book.id }, fn);

describe('Khóa sổ cuối năm', () => {
  it('keeps every report the same when a finished dossier’s code is also on a row copied by hand and reopened', () => {
    const u = unit2025();
    const a = u.intake('2025-12-02T08:30');
    u.intake('2025-12-02T09:30');
    u.step(a, 'record-result', '2025-12-03T09:00');
    u.step(a, 'hand-over', '2025-12-03T10:00');
    // A row copied by hand below, then turned back to open
    u.run((_s, ss) => {
      const sh = register(ss);
      const row = sh.getRange(2, 1, 1, sh.getLastColumn()).getValues()[0]!;
      row[col('Trạng thái') - 1] = 'Đang giải quyết';
      row[col('Ngày có kết quả') - 1] = '';
      row[col('Ngày trả kết quả') - 1] = '';
      row[col('Mức độ hài lòng') - 1] = '';
      sh.getRange(sh.getLastRow() + 1, 1, 1, row.length).setValues([row]);
    });
    u.at('2026-01-05T09:00');
    const before = [u.report('2025-01-01', '2025-12-31'), u.report('2026-01-01', '2026-01-05')];
    expect(before[0]!.summary.total.received.total).toBe(3);
    expect(u.close('2026-01-05T09:00')).toBe('Đã khóa sổ năm 2025: 0 hồ sơ đã xong và 0 dòng nhật ký sang trang “Lưu trữ 2025”.');
    const after = [u.report('2025-01-01', '2025-12-31'), u.report('2026-01-01', '2026-01-05')];
    expect(after).toEqual(before);
  });
});
