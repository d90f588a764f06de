/**
 * Khóa sổ cuối năm meeting the rest of the unit's work: a code on a copied row, a dossier looked up
 * after its year closed, a sort or an intake while the head reads the question.
 */
import type { Spreadsheet } from '../../src/gas/services';
import { submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { TABS } from '../../src/sheets/schema';
import { errorOf, failOnce, intakeInput, registerColumn as col } from '../helpers';
import { HEAD, unit2025 } from './closingFixture';
import { archiveLockDescription, readYearEndRecord } from '../../src/sheets/archive';

let n = 0;
const req = () => `r12a-${String((n += 1)).padStart(6, '0')}`;

const register = (ss: Spreadsheet) => ss.getSheetByName(TABS.register)!;

describe('Khóa sổ cuối năm with a code also on a row copied by hand', () => {
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

describe('Khóa sổ cuối năm, then a dossier of the closed year looked up', () => {
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

describe('Khóa sổ cuối năm and an intake at once', () => {
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

describe('Khóa sổ cuối năm beside a tab of an archive’s name made by hand', () => {
  const OFFICER = 'vanthu@yenlac.gov.vn';
  /** A unit with one finished and two open dossiers of 2025, and an officer's own copy of the register under `name`. */
  function forged(name: string) {
    const u = unit2025();
    u.book.editors.push(OFFICER);
    const done = u.intake('2025-12-02T08:30');
    const open = [u.intake('2025-12-02T09:30'), u.intake('2025-12-03T09:30')];
    u.step(done, 'record-result', '2025-12-03T09:00');
    u.step(done, 'hand-over', '2025-12-03T10:00');
    u.at('2026-01-04T08:00');
    u.world.run({ user: OFFICER, spreadsheetId: u.book.id }, (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      const all = register(ss).getDataRange();
      const copy = ss.insertSheet(name);
      copy.insertColumnsAfter(copy.getMaxColumns(), all.getNumColumns());
      copy
        .getRange(1, 1, all.getNumRows(), all.getNumColumns())
        .setNumberFormats(all.getNumberFormats())
        .setValues(all.getValues());
    });
    const codesIn = (tab: string) =>
      u.run((_s, ss) => {
        const sh = ss.getSheetByName(tab);
        return sh
          ? sh
              .getDataRange()
              .getValues()
              .slice(1)
              .map((r) => String(r[col('Mã hồ sơ') - 1]))
          : [];
      });
    return { u, done, open, codesIn };
  }

  it.each(['Lưu trữ 2025', 'Lưu trữ 2025 – Nhật ký', 'Lưu trữ 2025 (đang ghi)', 'Lưu trữ 2025 – Nhật ký (đang ghi)'])(
    'refuses while “%s” is a tab the closing did not write: no dossier leaves the register and the tab is kept as it is',
    (name) => {
      const { u, done, open, codesIn } = forged(name);
      const before = codesIn(name);
      expect(() => u.close('2026-01-05T09:00')).toThrow(
        `Trang “${name}” đã có nhưng không phải do MotCua ghi khi khóa sổ năm 2025 (trang tự lập, hoặc do phiên bản trước tháng 12/2026 ghi), nên chưa khóa sổ và không có gì thay đổi. Hãy đổi tên trang đó (ví dụ thêm “ – bản tự lập”) rồi khóa sổ lại.`,
      );
      expect(codesIn(TABS.register)).toEqual([done, ...open]);
      expect(codesIn(name)).toEqual(before);
    },
  );

  it('closes once the hand-made tab is renamed, moving only the finished dossier', () => {
    const { u, done, open, codesIn } = forged('Lưu trữ 2025');
    u.run((_s, ss) => ss.getSheetByName('Lưu trữ 2025')!.setName('Lưu trữ 2025 – bản tự lập'));
    expect(u.close('2026-01-05T09:00')).toMatch(
      /^Đã khóa sổ năm 2025: 1 hồ sơ đã xong và \d+ dòng nhật ký sang trang “Lưu trữ 2025”\.$/,
    );
    expect(codesIn(TABS.register)).toEqual(open);
    expect(codesIn('Lưu trữ 2025')).toEqual([done]);
    expect(codesIn('Lưu trữ 2025 – bản tự lập')).toEqual([done, ...open]);
  });

  it('takes no open dossier out of the register even when the record names a tab holding it (a record forged by a script)', () => {
    const { u, done, open, codesIn } = forged('Lưu trữ 2025');
    u.run((s, ss) => {
      const id = ss.getSheetByName('Lưu trữ 2025')!.getSheetId();
      s.propertiesService
        .getDocumentProperties()!
        .setProperty('motcua.yearEnd.2025', JSON.stringify({ tabs: [id], archive: { register: id, log: id } }));
    });
    expect(u.close('2026-01-05T09:00')).toMatch(/^Đã khóa sổ năm 2025: 1 hồ sơ đã xong và 0 dòng nhật ký/);
    expect(codesIn(TABS.register)).toEqual(open);
    expect(codesIn('Lưu trữ 2025')).toEqual([done, ...open]);
  });
});

describe('Khóa sổ cuối năm, then the archive tab renamed', () => {
  /** Every tab whose `Mã hồ sơ` column holds `code`. */
  const tabsHolding = (ss: Spreadsheet, code: string) =>
    ss.getSheets().flatMap((sh) => {
      const values = sh.getDataRange().getValues();
      const c = (values[0] ?? []).indexOf('Mã hồ sơ');
      return c < 0
        ? []
        : values
            .slice(1)
            .filter((r) => r[c] === code)
            .map(() => sh.getName());
    });
  function closedThenRenamed() {
    const u = unit2025();
    const a = u.intake('2025-12-02T08:30');
    u.step(a, 'record-result', '2025-12-03T09:00');
    u.step(a, 'hand-over', '2025-12-03T10:00');
    const b = u.intake('2025-12-20T08:30'); // still open at the closing
    expect(u.close('2026-01-05T09:00')).toMatch(/^Đã khóa sổ năm 2025: 1 hồ sơ/);
    u.step(b, 'record-result', '2026-01-10T09:00');
    u.step(b, 'hand-over', '2026-01-10T10:00');
    u.at('2026-01-12T09:00');
    const before = u.report('2025-01-01', '2025-12-31').summary;
    u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) =>
      s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName('Lưu trữ 2025')!.setName('Lưu trữ 2025 (bản in)'),
    );
    return { u, a, before };
  }

  it('is still the year’s archive: a second closing is refused naming it, and the log archive is kept', () => {
    const { u, a } = closedThenRenamed();
    expect(() => u.close('2026-01-12T09:00')).toThrow(
      'Sổ năm 2025 đã khóa (trang “Lưu trữ 2025 (bản in)”); không có gì thay đổi.',
    );
    expect([...new Set(u.run((_s, ss) => tabsHolding(ss, a)))].sort()).toEqual([
      'Lưu trữ 2025 (bản in)',
      'Lưu trữ 2025 – Nhật ký',
    ]);
  });

  it('is still read by the reports, and the closed year still refuses a late intake', () => {
    const { u, before } = closedThenRenamed();
    expect(u.report('2025-01-01', '2025-12-31').summary).toEqual(before);
    expect(u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2025-12-31T16:00' })))).toMatchObject({
      ok: false,
      errors: { receivedAt: 'Sổ năm 2025 đã khóa: hãy kiểm tra lại ngày tiếp nhận.' },
    });
  });
});

describe('a tab named “Lưu trữ 2025” made by hand, before any closing', () => {
  function copied() {
    const u = unit2025();
    const open = u.intake('2025-12-02T08:30');
    u.at('2026-01-04T08:00');
    u.run((_s, ss) => {
      const all = register(ss).getDataRange();
      const copy = ss.insertSheet('Lưu trữ 2025');
      copy.insertColumnsAfter(copy.getMaxColumns(), all.getNumColumns());
      copy
        .getRange(1, 1, all.getNumRows(), all.getNumColumns())
        .setNumberFormats(all.getNumberFormats())
        .setValues(all.getValues());
    });
    return { u, open };
  }

  it('is no archive to the reports: they read the register, not the stale copy', () => {
    const { u, open } = copied();
    u.step(open, 'record-result', '2026-01-05T09:00');
    u.step(open, 'hand-over', '2026-01-05T10:00');
    const { summary } = u.report('2025-12-01', '2026-01-31');
    u.run((_s, ss) => ss.getSheetByName('Lưu trữ 2025')!.setName('bản tự lập'));
    expect(u.report('2025-12-01', '2026-01-31').summary).toEqual(summary);
  });

  it('does not close the year: a late 2025 dossier is still received', () => {
    const { u } = copied();
    u.at('2026-01-04T09:00');
    expect(u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2025-12-31T16:00' })))).toMatchObject({ ok: true });
  });
});

describe('Khóa sổ cuối năm stopped between its renames, then retried while Google will not lock new tabs', () => {
  it('finishes from its record (the archive was committed before the renames), then says the year is closed, never that its tabs are someone else’s', () => {
    const u = unit2025();
    const a = u.intake('2025-12-02T08:30');
    u.step(a, 'record-result', '2025-12-03T09:00');
    u.step(a, 'hand-over', '2025-12-03T10:00');
    const fired = failOnce(u.world, 'Sheet.setName', 2);
    expect(errorOf(() => u.close('2026-01-05T09:00'))).not.toBe('');
    expect(fired()).toBe(true);
    u.book.editors.push('nhom@yenlac.gov.vn');
    u.book.protectionKeeps = ['nhom@yenlac.gov.vn'];
    const retries = Array.from({ length: 10 }, () => errorOf(() => u.close('2026-01-05T09:10')));
    expect(retries[0]).toBe('');
    expect(new Set(retries.slice(1))).toEqual(new Set(['Sổ năm 2025 đã khóa (trang “Lưu trữ 2025”); không có gì thay đổi.']));
    expect(u.run((_s, ss) => ss.getSheets().map((sh) => sh.getName())).filter((n) => n.startsWith('Lưu trữ'))).toEqual([
      'Lưu trữ 2025 – Nhật ký',
      'Lưu trữ 2025',
    ]);
    expect(u.run((_s, ss) => register(ss).getDataRange().getValues().slice(1).flat())).not.toContain(a);
  });
});

describe('archives known by the closing’s record, not by a lock anyone can type', () => {
  const OFFICER = 'vien@yenlac.gov.vn';
  function finishedOne() {
    const u = unit2025();
    u.book.editors.push(OFFICER);
    const a = u.intake('2025-12-02T08:30');
    u.step(a, 'record-result', '2025-12-03T09:00');
    u.step(a, 'hand-over', '2025-12-03T10:00');
    return { u, a };
  }
  const asOfficer = (u: ReturnType<typeof unit2025>, fn: (ss: Spreadsheet) => void) =>
    u.world.run({ user: OFFICER, spreadsheetId: u.book.id }, (s) => fn(s.spreadsheetApp.getActiveSpreadsheet()!));
  const lateIntake = (u: ReturnType<typeof unit2025>) =>
    u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2025-12-31T16:00' })));

  it('an officer’s tab locked with MotCua’s description closes no year and adds nothing to the report', () => {
    const { u } = finishedOne();
    u.at('2026-01-03T08:00');
    const before = u.report('2025-01-01', '2025-12-31').summary;
    asOfficer(u, (ss) => {
      const values = register(ss).getDataRange().getValues();
      const fake = ss.insertSheet('Tạm');
      fake.insertColumnsAfter(fake.getMaxColumns(), values[0]!.length);
      const code = values[0]!.indexOf('Mã hồ sơ');
      const rows = values.slice(1).map((r) => r.map((v, c) => (c === code ? `${String(v)}X` : v)));
      fake.getRange(1, 1, rows.length + 1, values[0]!.length).setValues([values[0]!, ...rows]);
      fake.protect().setDescription(archiveLockDescription(2025, 'register'));
    });
    expect(u.report('2025-01-01', '2025-12-31').summary).toEqual(before);
    u.at('2026-01-03T09:00');
    expect(lateIntake(u)).toMatchObject({ ok: true });
  });

  it('a closing stopped before its commit has not closed the year', () => {
    const { u } = finishedOne();
    const fired = failOnce(u.world, 'Properties.setProperty', 5); // claim, record (log), claim, record (register), commit
    expect(errorOf(() => u.close('2026-01-05T09:00'))).not.toBe('');
    expect(fired()).toBe(true);
    expect(u.run((s) => readYearEndRecord(s.propertiesService.getDocumentProperties()!, 2025).archive)).toBeUndefined();
    u.at('2026-01-05T09:30');
    expect(lateIntake(u)).toMatchObject({ ok: true });
  });

  it('a committed archive a head deleted leaves the year closed', () => {
    const { u } = finishedOne();
    expect(u.close('2026-01-05T09:00')).toMatch(/^Đã khóa sổ năm 2025/);
    u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      ss.deleteSheet(ss.getSheetByName('Lưu trữ 2025')!);
    });
    u.at('2026-01-06T09:00');
    expect(lateIntake(u)).toMatchObject({
      ok: false,
      errors: { receivedAt: 'Sổ năm 2025 đã khóa: hãy kiểm tra lại ngày tiếp nhận.' },
    });
    expect(() => u.close('2026-01-06T09:10')).toThrow(
      'Sổ năm 2025 đã khóa, nhưng trang lưu trữ của năm đó không còn trong bảng tính (đã bị xóa); không có gì thay đổi. Hãy khôi phục bảng tính từ Lịch sử phiên bản nếu cần.',
    );
  });

  it('a hand-made “lưu trữ 2025” in another case is refused before anything changes', () => {
    const { u, a } = finishedOne();
    u.at('2026-01-04T08:00');
    asOfficer(u, (ss) => void ss.insertSheet('lưu trữ 2025'));
    expect(() => u.close('2026-01-05T09:00')).toThrow(/^Trang “Lưu trữ 2025” đã có nhưng không phải do MotCua ghi/);
    expect(u.run((_s, ss) => register(ss).getDataRange().getValues().flat())).toContain(a);
    expect(u.run((s) => readYearEndRecord(s.propertiesService.getDocumentProperties()!, 2025).archive)).toBeUndefined();
  });
});
