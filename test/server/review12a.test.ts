/**
 * Review of issue 12 (stale updates, Kiểm tra dữ liệu, Khóa sổ cuối năm), as a new user and as an
 * attacker would try them: each case here failed before its fix.
 */
import { describeFinding, findingPlace } from '../../src/core/consistencyText';
import { summarize } from '../../src/core/summary';
import { checkData } from '../../src/server/consistency';
import type { Spreadsheet } from '../../src/gas/services';
import { submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { ZoneConverter } from '../../src/sheets/dates';
import { readReportRecords, reportLayout } from '../../src/sheets/periodRecords';
import { TABS } from '../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit, registerColumn as col } from '../helpers';
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

describe('Kiểm tra dữ liệu on a register built through the forms', () => {
  it('finds nothing across the make-up Saturday 10/01/2026 and Tết 2026, nor on an apology followed by a supplement; a hand edit of the new appointment is still found', () => {
    const u = unit2025();
    const intake = (receivedAt: string, procedureCode: string) => {
      u.at(receivedAt);
      const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt, procedureCode })));
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.code;
    };
    const b = intake('2026-01-10T16:00', '1.001193'); // make-up Saturday, after 15:00
    u.step(b, 'record-result', '2026-01-12T09:00');
    const c = intake('2026-03-02T08:00', '1.004873'); // 3 working days, restarted by a supplement
    u.step(c, 'transfer', '2026-03-02T09:00');
    u.step(c, 'apologise', '2026-03-03T09:00', { newDueAt: '2026-03-10T17:00', reason: 'Chờ xác minh' });
    u.step(c, 'request-supplement', '2026-03-03T10:00', { missing: 'Giấy khai sinh', reason: 'Thiếu' });
    const restarted = u.step(c, 'receive-supplement', '2026-03-09T08:00');
    expect(restarted.dossier).toMatchObject({
      appointment: '17 giờ 00, ngày 12/03/2026',
      newAppointment: '17 giờ 00, ngày 10/03/2026',
    });
    const d = intake('2026-02-13T16:30', '1.004194'); // paused over Tết
    u.step(d, 'request-supplement', '2026-02-13T16:40', { missing: 'Tờ khai', reason: 'Thiếu' });
    u.step(d, 'receive-supplement', '2026-02-23T08:00');
    const e = intake('2026-02-10T10:00', '1.004194');
    u.step(e, 'apologise', '2026-02-12T11:00', { newDueAt: '2026-02-27T17:00', reason: 'Chờ xác minh' });
    u.step(e, 'record-result', '2026-02-23T10:00');
    u.step(e, 'hand-over', '2026-02-23T11:00');
    u.at('2026-03-20T09:00');
    expect(u.run((s) => checkData(s))).toMatchObject({ rows: 4, total: 0, findings: [] });

    // The same apology's date typed earlier by hand is still found, against the log.
    u.run((_s, ss) => register(ss).getRange(3, col('Hạn trả mới')).setValue('09/03/2026 17:00'));
    const found = u.run((s) => checkData(s)).findings.map((f) => `${findingPlace(f)}: ${describeFinding(f).problem}`);
    expect(found).toEqual([
      'dòng 3: Khác với bước cuối trong Nhật ký xử lý (“Nhận hồ sơ bổ sung” lúc 09/03/2026 08:00): Hạn trả mới là 09/03/2026 17:00, nhật ký ghi 10/03/2026 17:00.',
    ]);
  });
});

describe('Kiểm tra dữ liệu on hand edits', () => {
  it('finds a receipt time typed earlier (a dossier moved into the previous year), which no date order shows', () => {
    const u = unit2025();
    u.at('2026-01-05T08:00');
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-01-05T08:00' })));
    if (!r.ok) throw new Error('intake');
    u.step(r.code, 'transfer', '2026-01-05T09:00');
    u.at('2026-01-06T09:00');
    expect(u.run((s) => checkData(s)).total).toBe(0);
    u.run((_s, ss) => register(ss).getRange(2, col('Thời điểm tiếp nhận')).setValue('31/12/2025 08:00'));
    const found = u.run((s) => checkData(s)).findings.map((f) => `${findingPlace(f)} ${f.code}: ${describeFinding(f).problem}`);
    expect(found).toEqual([
      `dòng 2 ${r.code}: Thời điểm tiếp nhận 31/12/2025 08:00 khác với bước “Tiếp nhận hồ sơ” trong Nhật ký xử lý (05/01/2026 08:00, như giấy tiếp nhận đã in).`,
    ]);
    // Typed later, it is the same finding, not also a step before the receipt.
    u.run((_s, ss) => register(ss).getRange(2, col('Thời điểm tiếp nhận')).setValue('05/01/2026 08:30'));
    expect(u.run((s) => checkData(s)).findings.map((f) => f.kind)).toEqual(['received']);
  });
});

describe('a stale update form', () => {
  it('after the Mã yêu cầu cell was cleared by hand is told so, not that a step was recorded by whoever closed the year', () => {
    const u = unit2025();
    const code = u.intake('2025-12-29T08:00'); // still open when 2025 is closed
    u.close('2026-01-05T08:00');
    const seen = u.run((s) => lookupDossier(s, code));
    if (!seen.ok) throw new Error(seen.message);
    u.run((_s, ss) => register(ss).getRange(2, col('Mã yêu cầu')).setValue(''));
    u.at('2026-01-05T09:00');
    const answer = u.run((s) =>
      submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-01-05T09:00', version: seen.dossier.version }),
    );
    expect(answer).toEqual({
      ok: false,
      errors: {
        version: `Hồ sơ ${code} vừa được cập nhật sau khi anh/chị mở: Mã yêu cầu đã thay đổi (sửa trực tiếp trong sổ). Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`,
      },
    });
  });
});

describe('a dossier after its year was closed', () => {
  it('is said to be in the archive when an officer looks it up or submits a step for it, not “not found”', () => {
    const u = unit2025();
    const code = u.intake('2025-12-02T08:30');
    u.step(code, 'record-result', '2025-12-03T09:00');
    u.step(code, 'hand-over', '2025-12-03T10:00');
    const seen = u.run((s) => lookupDossier(s, code));
    if (!seen.ok) throw new Error(seen.message);
    u.close('2026-01-05T08:00');
    const told = `Hồ sơ mã “${code}” đã khóa sổ cuối năm, nằm ở trang “Lưu trữ 2025” (chỉ xem); không cập nhật được nữa.`;
    expect(u.run((s) => lookupDossier(s, code))).toEqual({ ok: false, message: told });
    u.at('2026-01-05T09:00');
    expect(
      u.run((s) =>
        submitUpdate(s, { requestId: req(), code, action: 'hand-over', at: '2026-01-05T09:00', version: seen.dossier.version }),
      ),
    ).toEqual({ ok: false, errors: { code: told } });
    expect(u.run((s) => lookupDossier(s, `${code.slice(0, -1)}9`))).toEqual({
      ok: false,
      message: `Không tìm thấy hồ sơ mã “${code.slice(0, -1)}9” trong sổ.`,
    });
  });
});

describe('Kiểm tra dữ liệu on a log sorted by hand', () => {
  it('finds nothing when steps of the same minute come out of order (received, result and handed over at 08:00, log sorted by Thao tác)', () => {
    const u = unit2025();
    u.at('2026-01-06T08:00');
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-01-06T08:00', procedureCode: '2.000815' })));
    if (!r.ok) throw new Error('intake');
    u.step(r.code, 'record-result', '2026-01-06T08:00');
    u.step(r.code, 'hand-over', '2026-01-06T08:00', { satisfaction: 'Hài lòng' });
    u.at('2026-01-06T09:00');
    expect(u.run((s) => checkData(s)).total).toBe(0);
    // Sorted A→Z by `Thao tác`: “Có kết quả giải quyết”, “Tiếp nhận hồ sơ”, “Trả kết quả”.
    u.run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      const width = log.getLastColumn();
      const header = log.getRange(1, 1, 1, width).getValues()[0]!.map(String);
      const action = header.indexOf('Thao tác');
      const rows = log.getRange(2, 1, log.getLastRow() - 1, width).getValues();
      rows.sort((a, b) => String(a[action]).localeCompare(String(b[action]), 'vi'));
      log.getRange(2, 1, rows.length, width).setValues(rows);
    });
    const found = u.run((s) => checkData(s)).findings.map((f) => `${findingPlace(f)}: ${describeFinding(f).problem}`);
    expect(found).toEqual([]);
  });
});

describe('Kiểm tra dữ liệu after a year-end closing stopped halfway', () => {
  it('names the dossiers left both in the register and in the archive, and asks the head to run the closing again', () => {
    const u = unit2025();
    const code = u.intake('2025-12-02T08:30');
    u.step(code, 'record-result', '2025-12-03T09:00');
    u.step(code, 'hand-over', '2025-12-03T10:00');
    // The archive written and renamed, the log's rows taken out; the register's not yet (its block is read first).
    const fired = failOnce(u.world, 'Range.getNumberFormats', 2);
    expect(() => u.close('2026-01-05T08:00')).toThrow();
    expect(fired()).toBe(true);
    const found = u
      .run((s) => checkData(s))
      .findings.map((f) => `${findingPlace(f)} ${f.code}: ${describeFinding(f).problem} | ${describeFinding(f).todo}`);
    expect(found).toEqual([
      `dòng 2 ${code}: Hồ sơ đã được chuyển sang trang lưu trữ khi khóa sổ nhưng dòng vẫn còn trong sổ (lần khóa sổ bị ngắt giữa chừng, hoặc dòng được chép lại từ trang lưu trữ); báo cáo tính theo bản trong trang lưu trữ. | Thủ trưởng chọn lại Một cửa › Khóa sổ cuối năm để hoàn tất; nếu dòng được chép lại, xóa dòng này khỏi sổ.`,
    ]);
    expect(u.close('2026-01-05T08:10')).toMatch(/^Đã khóa sổ năm 2025/);
    expect(u.run((s) => checkData(s)).total).toBe(0);
  });
});

describe('Khóa sổ cuối năm while another officer sorts the register', () => {
  it('deletes from the register only the rows it archived, wherever a sort during the question moved them: no dossier lost, none in both', () => {
    const u = unit2025();
    const finished = u.intake('2025-12-02T08:30');
    u.step(finished, 'record-result', '2025-12-03T09:00');
    u.step(finished, 'hand-over', '2025-12-03T10:00');
    const open = u.intake('2025-12-29T08:00');
    const current = u.intake('2026-01-05T07:30'); // this year's first dossier, received before the closing
    u.at('2026-01-05T08:00');
    u.world.ui.answers.push('YES');
    const message = u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) => {
      const sheet = register(s.spreadsheetApp.getActiveSpreadsheet()!);
      // While the head reads the question, an officer sorts the register newest first (a sort takes no lock).
      u.world.runtime.onCall = (name) => {
        if (name !== 'Ui.alert') return;
        u.world.runtime.onCall = undefined;
        const rows = sheet.getRange(2, 1, 3, sheet.getLastColumn());
        const at = col('Thời điểm tiếp nhận') - 1;
        rows.setValues(rows.getValues().sort((a, b) => (b[at] as Date).getTime() - (a[at] as Date).getTime()));
      };
      return closeYear(s);
    });
    expect(message).toMatch(/^Đã khóa sổ năm 2025: 1 hồ sơ đã xong/);
    const codesIn = (tab: string) =>
      u.run((_s, ss) => {
        const sh = ss.getSheetByName(tab)!;
        return sh
          .getRange(2, col('Mã hồ sơ'), Math.max(sh.getLastRow() - 1, 1), 1)
          .getValues()
          .map((r) => String(r[0]))
          .filter(Boolean)
          .sort();
      });
    expect(codesIn(TABS.register)).toEqual([open, current].sort());
    expect(codesIn('Lưu trữ 2025')).toEqual([finished]);
  });
});

describe('Khóa sổ cuối năm while the head reads the question', () => {
  it('does not hold the register: an officer’s intake meanwhile is saved, and the closing then moves what it asked about', () => {
    const u = unit2025();
    const finished = u.intake('2025-12-02T08:30');
    u.step(finished, 'record-result', '2025-12-03T09:00');
    u.step(finished, 'hand-over', '2025-12-03T10:00');
    u.at('2026-01-05T08:00');
    u.world.ui.answers.push('YES');
    let meanwhile: unknown;
    const message = u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) => {
      u.world.runtime.onCall = (name) => {
        if (name !== 'Ui.alert') return;
        u.world.runtime.onCall = undefined;
        meanwhile = u.world.run({ user: 'canbo@example.gov.vn', spreadsheetId: u.book.id }, (o) =>
          submitIntake(o, intakeInput({ receivedAt: '2026-01-05T08:00' })),
        );
      };
      return closeYear(s);
    });
    expect(meanwhile).toMatchObject({ ok: true, code: '000.17.22.H56-260105-0001' });
    expect(message).toBe('Đã khóa sổ năm 2025: 1 hồ sơ đã xong và 3 dòng nhật ký sang trang “Lưu trữ 2025”.');
  });
});

describe('an intake and a closing at once', () => {
  it('refuses a late-entered dossier of the year the head closed while the officer’s submit waited', () => {
    const u = unit2025();
    const a = u.intake('2025-12-29T08:30');
    u.step(a, 'record-result', '2025-12-29T09:00');
    u.step(a, 'hand-over', '2025-12-29T10:00');
    u.at('2026-01-05T09:00');
    // The officer's submit of a 31/12 dossier entered late is between its checks and the lock when the
    // head closes 2025 (a nested execution runs to its end there, as a second person would).
    let closedMeanwhile: string | undefined;
    u.world.runtime.onCall = (name) => {
      if (name !== 'Lock.tryLock' || closedMeanwhile !== undefined) return;
      closedMeanwhile = '';
      closedMeanwhile = u.close('2026-01-05T09:00');
    };
    const late = intakeInput({ receivedAt: '2025-12-31T16:00' });
    const answer = u.run((s) => submitIntake(s, late));
    u.world.runtime.onCall = undefined;
    expect(closedMeanwhile).toMatch(/^Đã khóa sổ năm 2025: 1 hồ sơ đã xong/);
    expect(answer).toEqual({ ok: false, errors: { receivedAt: 'Sổ năm 2025 đã khóa: hãy kiểm tra lại ngày tiếp nhận.' } });
    u.run((_s, ss) => {
      const codes = register(ss)
        .getRange(2, col('Mã hồ sơ'), Math.max(1, register(ss).getLastRow() - 1), 1)
        .getValues()
        .flat()
        .filter(Boolean);
      expect(codes).toEqual([]);
    });
  });
});
