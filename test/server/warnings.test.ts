/**
 * The daily deadline check on the local services: the `Cảnh báo` column, the log, the digests and
 * the head's summary, never twice and never lost, within the mail quota, on working days only, and
 * past Google's 6-minute limit through a follow-up trigger.
 */
import { TABS } from '../../src/sheets/schema';
import type { LocalWorld } from '../../src/local/gas/world';
import type { Services } from '../../src/gas/services';
import { checkDeadlinesNow, disableDailyWarnings, enableDailyWarnings } from '../../src/server/warnings/schedule';
import { buildMenu } from '../../src/server/menu';
import { registerColumn as col, failOnce, readyUnit } from '../helpers';
import { code, emailOf, HANDLERS, HEAD, OFFICERS, type Row, unitWith, vn, warningColumn } from './warningsFixture';
import { runSetup } from '../../src/server/setup';
import { setConfig, fillRegister } from './registerFixture';

describe('Kiểm tra hạn ngay', () => {
  // Monday 9 March 2026, 09:00.
  const monday = vn('2026-03-09', '09:00');
  const rows: Row[] = [
    { code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' }, // overdue
    { code: code(2), handler: 'Trần Văn Nam', due: '2026-03-09' }, // due today
    { code: code(3), handler: 'Lê Thị Mai', due: '2026-03-11' }, // due soon: 2 working days
    { code: code(4), handler: 'Lê Thị Mai', due: '2026-03-20' }, // within deadline
    { code: code(5), handler: 'Phạm Văn Hùng', due: '2026-03-05', status: 'Chờ bổ sung' }, // waiting: never overdue
    { code: code(6), handler: 'Người Lạ', due: '2026-03-06' }, // overdue, officer without an address
    { code: code(7), handler: 'Đỗ Thị Lan', due: '2026-03-03', status: 'Đã trả kết quả' }, // ended
    { code: code(8), handler: 'Vũ Văn Bình', due: '2026-03-05', newDue: '2026-03-10' }, // re-appointed, due soon
  ];

  it('tells the officer of a dossier finished in the register but still open in the last provincial export to update it there', () => {
    const { run, world } = unitWith(rows, monday);
    run((_s, ss) => {
      const tab = ss.insertSheet('Xuất từ hệ thống tỉnh');
      tab.getRange(1, 1, 3, 3).setValues([
        ['MaHoSo', 'TenTrangThaiHoSo', 'NgayHenTra'],
        [code(7), '4', '03/03/2026 17:00'],
        [code(1), 'Đang xử lý', '04/03/2026 17:00'],
      ]);
    });
    run((s) => checkDeadlinesNow(s));
    // Đỗ Thị Lan's dossier is returned in the register: she now gets a digest, for the province only.
    const lan = world.outbox.find((m) => m.to[0] === emailOf('Đỗ Thị Lan'))!;
    expect(lan.subject).toBe('[UBND xã Yên Lạc] Hồ sơ cần xử lý ngày 09/03/2026: 1 cần cập nhật trên hệ thống tỉnh');
    expect(lan.body).toContain(
      'Đã xong trong sổ nhưng hệ thống tỉnh (tệp xuất nhập gần nhất) vẫn còn mở: cập nhật trên hệ thống tỉnh để hồ sơ không bị tính trễ hạn.',
    );
    expect(lan.body).toMatch(new RegExp(`- ${code(7)} – Đăng ký thường trú: hệ thống tỉnh ghi “Đang xử lý”\\. Mở sổ: https://`));
    expect(lan.htmlBody).toContain(`<li>${code(7)} – Đăng ký thường trú`);
    // An open dossier open on both sides is not the province's to fix: Nam's digest has no such line.
    const nam = world.outbox.find((m) => m.to[0] === emailOf('Trần Văn Nam'))!;
    expect(nam.body).not.toContain('hệ thống tỉnh');
  });

  it('writes the whole Cảnh báo column, records the run, mails each officer one digest and the head one summary', () => {
    const { run, world } = unitWith(rows, monday);
    const answer = run((s) => checkDeadlinesNow(s));
    expect(answer).toContain(
      'Kiểm tra hạn ngày 09/03/2026: 2 quá hạn, 1 đến hạn hôm nay, 2 sắp đến hạn, 1 trong hạn, 1 chờ bổ sung.',
    );
    expect(answer).toContain('Đã gửi 4 thư nhắc.');
    expect(answer).toContain('1 cán bộ chưa có email trong trang Cấu hình');
    expect(warningColumn(run, 8)).toEqual([
      'Quá hạn – trễ 3 ngày làm việc so với hẹn 17 giờ 00, ngày 04/03/2026',
      'Đến hạn hôm nay – hẹn 17 giờ 00, ngày 09/03/2026',
      'Sắp đến hạn – còn 2 ngày làm việc, hẹn 17 giờ 00, ngày 11/03/2026; nếu không kịp, gửi văn bản xin lỗi và hẹn lại (Mẫu 04) chậm nhất ngày 10/03/2026',
      'Trong hạn – hẹn 17 giờ 00, ngày 20/03/2026',
      'Chờ bổ sung – chờ công dân nộp đủ giấy tờ; hạn được tính lại khi nhận.',
      'Quá hạn – trễ 1 ngày làm việc so với hẹn 17 giờ 00, ngày 06/03/2026',
      '',
      'Sắp đến hạn – còn 1 ngày làm việc, hẹn 17 giờ 00, ngày 10/03/2026',
    ]);
    // Head first, then the most urgent officer first; Hùng (only waiting) and Đỗ Thị Lan (ended) get nothing.
    expect(world.outbox.map((m) => m.to[0])).toEqual([
      HEAD,
      emailOf('Trần Văn Nam'),
      emailOf('Lê Thị Mai'),
      emailOf('Vũ Văn Bình'),
    ]);
    const nam = world.outbox[1]!;
    expect(nam.subject).toBe('[UBND xã Yên Lạc] Hồ sơ cần xử lý ngày 09/03/2026: 1 quá hạn, 1 đến hạn hôm nay');
    expect(nam.body).toContain(`- [Quá hạn] ${code(1)} – Đăng ký thường trú`);
    expect(nam.body).toContain('Hẹn trả: 17 giờ 00, ngày 04/03/2026 (trễ 3 ngày làm việc).');
    expect(nam.body).toMatch(/Mở sổ: https:\/\/docs\.google\.com\/spreadsheets\/d\/[^#]+#gid=\d+&range=A2/);
    expect(nam.body.indexOf(code(1))).toBeLessThan(nam.body.indexOf(code(2)));
    const head = world.outbox[0]!;
    expect(head.body).toContain('Người Lạ:');
    expect(head.body).toContain(code(6));
    // No applicant's data anywhere.
    for (const mail of world.outbox) {
      for (const secret of ['Nguyễn Thị Dân', '0010990', 'Thôn Riêng Tư', '@nha.vn', '0910000']) {
        expect(`${mail.subject}${mail.body}${mail.htmlBody ?? ''}`).not.toContain(secret);
      }
    }
    const log = run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.log)!;
      return sheet.getRange(sheet.getLastRow(), 1, 1, 7).getValues()[0]!;
    });
    expect(log[3]).toBe('Kiểm tra hạn');
    expect(log[6]).toBe(
      'Quá hạn: 2; đến hạn hôm nay: 1; sắp đến hạn: 2; trong hạn: 1; chờ bổ sung: 1; thư đã gửi: 4, chờ lần sau: 0; cán bộ chưa có email: 1',
    );
  });

  it('sends nothing new when run again the same day', () => {
    const { run, world } = unitWith(rows, monday);
    run((s) => checkDeadlinesNow(s));
    expect(run((s) => checkDeadlinesNow(s))).toContain('Đã gửi 0 thư nhắc.');
    expect(world.outbox).toHaveLength(4);
  });

  it('escapes every value in the HTML part', () => {
    const { run, world } = unitWith([{ code: code(1), handler: '<b>Nam</b>', due: '2026-03-04' }], monday, {
      addressed: ['<b>Nam</b>'],
    });
    run((_s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      config.appendRow(['Cán bộ: <b>Nam</b>', 'nam@yenlac.gov.vn']);
      ss.getSheetByName(TABS.register)!.getRange(2, col('Tên thủ tục')).setValue('Cấp <script>alert(1)</script>');
    });
    run((s) => checkDeadlinesNow(s));
    const html = world.outbox.map((m) => m.htmlBody ?? '').join('');
    expect(html).toContain('Cấp &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;Nam&lt;/b&gt;');
  });

  it('updates the column but mails nobody on a day off (a Sunday), and mails on a make-up Saturday', () => {
    const sunday = unitWith(rows, vn('2026-03-08', '09:00'));
    expect(sunday.run((s) => checkDeadlinesNow(s))).toContain('Hôm nay là ngày nghỉ theo lịch của đơn vị: không gửi thư nhắc.');
    expect(sunday.world.outbox).toHaveLength(0);
    expect(warningColumn(sunday.run, 1)[0]).toMatch(/^Quá hạn – trễ 2 ngày làm việc/);
    // Saturday 22 August 2026 is worked (for Monday 31 August).
    const makeUp = unitWith([{ code: code(1), handler: 'Trần Văn Nam', due: '2026-08-21' }], vn('2026-08-22', '09:00'));
    makeUp.run((s) => checkDeadlinesNow(s));
    expect(makeUp.world.outbox.map((m) => m.to[0])).toEqual([HEAD, emailOf('Trần Văn Nam')]);
  });
});

describe('never twice, never lost', () => {
  const monday = vn('2026-03-09', '09:00');
  const five = OFFICERS.map((name, i) => ({ code: code(i + 1), handler: name, due: `2026-03-0${5 - (i % 3)}` }));

  /**
   * Kills the execution (as Google's limit does: nothing catches it) at the `nth` call named `name`,
   * or with `after`, at the first call of any name once that call has gone through.
   */
  function crashAt(world: LocalWorld, name: string, nth: number, after: boolean) {
    let seen = 0;
    world.runtime.onCall = (call) => {
      if (seen === nth && after) {
        world.runtime.onCall = undefined;
        throw new Error('Exceeded maximum execution time');
      }
      if (call !== name || (seen += 1) !== nth || after) return;
      world.runtime.onCall = undefined;
      throw new Error('Exceeded maximum execution time');
    };
  }

  it.each([
    ['between two e-mails (at the next one’s mark)', 'Properties.setProperty', 3, false],
    ['right after an e-mail left', 'MailApp.sendEmail', 2, true],
  ])('a run killed %s and a rerun: every digest once', (_what, call, nth, after) => {
    const { run, world } = unitWith(five, monday, { head: '' });
    crashAt(world, call as string, nth as number, after as boolean);
    expect(() => run((s) => checkDeadlinesNow(s))).toThrow('Exceeded maximum execution time');
    const before = world.outbox.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(5);
    run((s) => checkDeadlinesNow(s));
    expect(world.outbox.map((m) => m.to[0]).sort()).toEqual(OFFICERS.map(emailOf).sort());
  });

  it('with a quota of 3 and 5 officers due, sends the 3 most urgent and the next run the rest', () => {
    const rowsByUrgency = [
      { code: code(1), handler: 'Vũ Văn Bình', due: '2026-03-10' }, // due soon
      { code: code(2), handler: 'Lê Thị Mai', due: '2026-03-02' }, // overdue
      { code: code(3), handler: 'Đỗ Thị Lan', due: '2026-03-09' }, // due today
      { code: code(4), handler: 'Trần Văn Nam', due: '2026-03-03' }, // overdue
      { code: code(5), handler: 'Trần Văn Nam', due: '2026-03-04' }, // overdue
      { code: code(6), handler: 'Phạm Văn Hùng', due: '2026-03-11' }, // due soon
    ];
    const { run, world } = unitWith(rowsByUrgency, monday, { head: '' });
    world.mailQuota = 3;
    const answer = run((s) => checkDeadlinesNow(s));
    expect(answer).toContain('Đã gửi 3 thư nhắc.');
    expect(answer).toContain('2 thư chưa gửi vì hết hạn mức gửi thư trong ngày; sẽ gửi ở lần kiểm tra sau.');
    expect(world.outbox.map((m) => m.to[0])).toEqual([emailOf('Trần Văn Nam'), emailOf('Lê Thị Mai'), emailOf('Đỗ Thị Lan')]);
    // A day later the quota has room again: the two that waited go, with that day's state.
    world.clock.advance(24 * 3600_000);
    run((s) => checkDeadlinesNow(s));
    expect(world.outbox.slice(3).map((m) => m.to[0])).toEqual(
      expect.arrayContaining([emailOf('Vũ Văn Bình'), emailOf('Phạm Văn Hùng')]),
    );
  });

  it('tells the head who is waiting for quota, the head’s summary going first', () => {
    const { run, world } = unitWith(five, monday);
    world.mailQuota = 3;
    run((s) => checkDeadlinesNow(s));
    expect(world.outbox[0]!.to[0]).toBe(HEAD);
    expect(world.outbox[0]!.body).toContain('Thư nhắc chưa gửi được hôm nay vì đã hết hạn mức gửi thư trong ngày');
    expect(world.outbox).toHaveLength(3);
  });
});

describe('the daily trigger', () => {
  it('is installed once at the hour of Cấu hình, shows its owner in the menu, and only its owner removes it', () => {
    const { run, world, book } = unitWith([], vn('2026-03-09', '09:00'));
    expect(run((s) => enableDailyWarnings(s))).toContain('Trình kích hoạt chạy dưới tên canbo@example.gov.vn');
    run((s) => enableDailyWarnings(s));
    expect(world.triggers.map((t) => [t.handler, t.atHour, t.timeZone])).toEqual([['runDailyWarnings', 7, 'Asia/Ho_Chi_Minh']]);
    run((s) => buildMenu(s));
    expect(JSON.stringify(world.ui)).toContain('Tắt cảnh báo hằng ngày (đang bật, gửi từ canbo@example.gov.vn)');
    const other = (fn: (s: Services) => string) => world.run({ user: 'phophong@yenlac.gov.vn', spreadsheetId: book.id }, fn);
    expect(other((s) => enableDailyWarnings(s))).toContain('Cảnh báo hằng ngày đã được canbo@example.gov.vn bật');
    expect(other((s) => disableDailyWarnings(s))).toContain('chỉ canbo@example.gov.vn tắt được');
    expect(world.triggers).toHaveLength(1);
    expect(run((s) => disableDailyWarnings(s))).toBe('Đã tắt cảnh báo hằng ngày.');
    expect(world.triggers).toHaveLength(0);
  });

  it('over 30 days with the 30/4–1/5 break and its make-up Saturday: one digest per officer per working day with due work, none on days off', () => {
    // 5,000 open dossiers due from 14 April to 13 May 2025, spread over the officers. 2025: 30/4 and 1/5
    // off, Friday 2/5 swapped for Saturday 26/4 (worked).
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2025, 3, 14 + i)).toISOString().slice(0, 10));
    const offDays = ['2025-04-30', '2025-05-01', '2025-05-02'];
    const working = days.filter((d) => {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      return (weekday !== 0 && weekday !== 6 && !offDays.includes(d)) || d === '2025-04-26';
    });
    expect(working).toHaveLength(20);
    // Appointments fall on working days; Lan's all in the last week, the others' from the start.
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      code: `000.17.22.H56-250401-${String(i + 1).padStart(4, '0')}`,
      handler: OFFICERS[i % OFFICERS.length]!,
      due: OFFICERS[i % OFFICERS.length] === 'Đỗ Thị Lan' ? working[15 + (i % 5)]! : working[(i * 7) % 20]!,
    }));
    const { run, world } = unitWith(rows, vn('2025-04-14', '06:00'), { lead: 0 });
    run((s) => enableDailyWarnings(s));
    const runs = world.runTriggersUntil(vn('2025-05-13', '23:00'), HANDLERS);
    expect(runs).toHaveLength(30);
    expect(runs.filter((r) => r.error)).toEqual([]);
    const sentOn = (mail: { sentAt: Date }) => new Date(mail.sentAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    for (const day of days) {
      const mails = world.outbox.filter((m) => sentOn(m) === day).map((m) => m.to[0]);
      const due = OFFICERS.filter((o) => rows.some((r) => r.handler === o && r.due <= day)).map(emailOf);
      const expected = working.includes(day) ? [HEAD, ...due] : [];
      expect({ day, mails: [...mails].sort() }).toEqual({ day, mails: [...expected].sort() });
    }
  });

  it('continues past the 6-minute limit in a one-shot trigger that deletes itself', () => {
    // 400 officers with work overdue: a second of sending each does not fit in one execution.
    const officers = Array.from({ length: 400 }, (_, i) => `Cán bộ số ${i + 1}`);
    const rows = officers.map((name, i) => ({ code: code(i + 1), handler: name, due: '2026-03-04' }));
    const { run, world } = unitWith(rows, vn('2026-03-09', '06:00'), { addressed: [] });
    run((_s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      const start = config.getLastRow() + 1;
      config.insertRowsAfter(config.getMaxRows(), 400);
      config.getRange(start, 1, 400, 2).setValues(officers.map((name, i) => [`Cán bộ: ${name}`, `cb${i + 1}@yenlac.gov.vn`]));
    });
    world.mailQuota = 1500; // a Google Workspace account
    run((s) => enableDailyWarnings(s));
    const runs = world.runTriggersUntil(vn('2026-03-09', '12:00'), HANDLERS);
    expect(runs.map((r) => r.handler)).toEqual(['runDailyWarnings', 'continueDailyWarnings']);
    expect(runs.filter((r) => r.error)).toEqual([]);
    const to = world.outbox.map((m) => m.to[0]);
    expect(to).toHaveLength(401);
    expect(new Set(to).size).toBe(401);
    expect(world.triggers.map((t) => t.handler)).toEqual(['runDailyWarnings']);
  });

  it('writes a failure to the log and mails the owner in Vietnamese, never failing silently', () => {
    const { run, world } = unitWith([{ code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' }], vn('2026-03-09', '06:00'));
    run((s) => enableDailyWarnings(s));
    // Someone renames the register's code column.
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(1, col('Mã hồ sơ')).setValue('Mã'));
    world.runTriggersUntil(vn('2026-03-09', '09:00'), HANDLERS);
    const notice = world.outbox.find((m) => m.subject.startsWith('MotCua: kiểm tra hạn hằng ngày không chạy được'));
    expect(notice?.to).toEqual(['canbo@example.gov.vn']);
    expect(notice?.body).toContain('Nguyên nhân: Không tìm thấy dòng tiêu đề của trang “Sổ theo dõi hồ sơ”');
    const last = run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      return log.getRange(log.getLastRow(), 4, 1, 4).getValues()[0]!;
    });
    expect(last[0]).toBe('Kiểm tra hạn – lỗi');
  });
});

const monday = vn('2026-03-09', '09:00');

const logNotes = (run: ReturnType<typeof readyUnit>['run']) =>
  run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log
      .getRange(2, 1, log.getLastRow() - 1, 7)
      .getValues()
      .map((r) => `${String(r[3])} | ${String(r[6])}`);
  });

describe('the daily warnings where names, addresses and Google misbehave', () => {
  it('one officer written two ways in Cán bộ xử lý (spacing, case, NFD) still gets all of their dossiers', () => {
    const nfd = 'Trần Văn Nam'.normalize('NFD');
    const rows = [
      { code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' },
      { code: code(2), handler: 'Trần  Văn Nam', due: '2026-03-05' },
      { code: code(3), handler: 'trần văn nam', due: '2026-03-09' },
      { code: code(4), handler: nfd, due: '2026-03-10' },
    ];
    const { run, world } = unitWith(rows, monday, { head: '' });
    run((s) => checkDeadlinesNow(s));
    const toNam = world.outbox.filter((m) => m.to[0] === emailOf('Trần Văn Nam'));
    const mailed = toNam.map((m) => m.body).join('\n');
    // Every one of Nam's four dossiers reaches Nam (observed: only the first digest's, the others are skipped as "already sent").
    for (const n of [1, 2, 3, 4]) expect(mailed).toContain(code(n));
  });

  it('a digest that cannot be sent (the head’s e-mail mistyped) is written to Nhật ký xử lý and mailed to the owner, not dropped', () => {
    const rows = [{ code: code(1), handler: 'Người Lạ', due: '2026-03-04' }]; // reaches only the head's summary
    const { run, world } = unitWith(rows, vn('2026-03-09', '06:00'), { head: 'chutich@yenlac' });
    run((s) => enableDailyWarnings(s));
    const runs = world.runTriggersUntil(vn('2026-03-09', '09:00'), HANDLERS);
    expect(runs).toHaveLength(1);
    // The menu answer to the same situation says "(xem Nhật ký xử lý)": the log must say it.
    const notes = logNotes(run).filter((n) => n.startsWith('Kiểm tra hạn'));
    expect(notes.join('\n')).toMatch(/chutich@yenlac|không gửi được/i);
    // The owner is told (issue 9 §4: "Any failure is ... mailed to the spreadsheet's owner").
    expect(world.outbox.map((m) => m.to[0])).toContain('canbo@example.gov.vn');
  });

  /** 400 officers with overdue work (a second of sending each: more than one execution), a Workspace quota. */
  function bigUnit(start: Date) {
    const officers = Array.from({ length: 400 }, (_, i) => `Cán bộ số ${i + 1}`);
    const rows = officers.map((name, i) => ({ code: code(i + 1), handler: name, due: '2026-03-04' }));
    const unit = unitWith(rows, start, { addressed: [] });
    unit.run((_s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      const first = config.getLastRow() + 1;
      config.insertRowsAfter(config.getMaxRows(), 400);
      config.getRange(first, 1, 400, 2).setValues(officers.map((name, i) => [`Cán bộ: ${name}`, `cb${i + 1}@yenlac.gov.vn`]));
    });
    unit.world.mailQuota = 1500;
    return unit;
  }

  it('a follow-up whose self-deletion fails once is reported, and never blocks the next days’ follow-ups', () => {
    const { run, world } = bigUnit(vn('2026-03-09', '06:00'));
    run((s) => enableDailyWarnings(s));
    failOnce(world, 'ScriptApp.deleteTrigger'); // the first deleteTrigger is the follow-up deleting itself
    const day1 = world.runTriggersUntil(vn('2026-03-09', '12:00'), HANDLERS);
    expect(day1.map((r) => r.handler)).toEqual(['runDailyWarnings', 'continueDailyWarnings']);
    const sentDay1 = world.outbox.length;
    // Day 2: the daily run stops at its checkpoint again; its follow-up must run and send the rest.
    world.runTriggersUntil(vn('2026-03-10', '12:00'), HANDLERS);
    const day2 = world.outbox.slice(sentDay1).map((m) => m.to[0]);
    expect({ day2: day2.length, handlers: world.triggers.map((t) => t.handler) }).toEqual({
      day2: 401,
      handlers: ['runDailyWarnings'],
    });
  });

  it('a digest stays within Google’s 200 KB e-mail body size (an officer with 1,000 overdue dossiers)', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ code: code(i + 1), handler: 'Trần Văn Nam', due: '2026-03-04' }));
    const { run, world } = unitWith(rows, monday, { head: '' });
    run((s) => checkDeadlinesNow(s));
    const digest = world.outbox[0]!;
    const size = Buffer.byteLength(digest.htmlBody ?? '', 'utf8');
    expect(size).toBeLessThan(200 * 1024);
  });

  it('an appointment on a day off (a Saturday typed as Hạn trả mới, or a day off added after intake) is due on the next working day, not overdue', () => {
    // domain.md: "a period ending on a day off ends at the end of the next working day" (Civil Code Art. 148).
    const rows = [{ code: code(1), handler: 'Trần Văn Nam', due: '2026-03-05', newDue: '2026-03-07' }];
    const friday = unitWith(rows, vn('2026-03-06', '09:00'), { head: '' });
    friday.run((s) => checkDeadlinesNow(s));
    expect(warningColumn(friday.run, 1)[0]).not.toMatch(/còn 0 ngày làm việc/);
    const mon = unitWith(rows, monday, { head: '' });
    mon.run((s) => checkDeadlinesNow(s));
    expect(warningColumn(mon.run, 1)[0]).toMatch(/^Đến hạn hôm nay/); // observed: "Quá hạn – trễ 1 ngày làm việc ..."
  });

  it('rows the check cannot read (a status typed wrong on an overdue dossier) are told to the head, not only counted in the log', () => {
    const rows = [
      { code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' },
      { code: code(2), handler: 'Lê Thị Mai', due: '2026-03-02', status: 'đang giải quyết ' },
    ];
    const { run, world } = unitWith(rows, monday);
    run((s) => checkDeadlinesNow(s));
    expect(warningColumn(run, 2)[1]).toMatch(/^Không kiểm tra được hạn/);
    const head = world.outbox.find((m) => m.to[0] === HEAD)!;
    expect(head.body).toContain(code(2));
  });

  it('the head’s e-mail with two addresses (head and deputy) costs two recipients: the quota is counted in recipients', () => {
    const rows = [
      { code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' },
      { code: code(2), handler: 'Lê Thị Mai', due: '2026-03-05' },
    ];
    const { run, world } = unitWith(rows, monday, { head: 'chutich@yenlac.gov.vn, phochutich@yenlac.gov.vn' });
    world.mailQuota = 3;
    const answer = run((s) => checkDeadlinesNow(s));
    // Two recipients for the head + one officer fit; the other officer must wait (carried, named), not fail.
    expect(answer).toContain('1 thư chưa gửi vì hết hạn mức gửi thư trong ngày');
    expect(answer).not.toContain('Không gửi được');
  });

  it('when the owner’s trigger is gone (owner left, or deleted it on the Triggers page), someone else can turn the warnings on again', () => {
    const { run, world, book } = unitWith([], monday);
    run((s) => enableDailyWarnings(s));
    // Google removes the departed owner's trigger (README step 7: "stops if that account leaves").
    world.triggers.splice(0, world.triggers.length);
    world.clock.advance(3 * 24 * 3600_000); // days without a single run
    const other = (fn: (s: Services) => string) => world.run({ user: 'motcua.yenlac@yenlac.gov.vn', spreadsheetId: book.id }, fn);
    const answer = other((s) => enableDailyWarnings(s));
    expect({ answer, triggers: world.triggers.map((t) => [t.handler, t.user]) }).toEqual({
      answer: expect.stringContaining('Đã bật cảnh báo hằng ngày') as unknown as string,
      triggers: [['runDailyWarnings', 'motcua.yenlac@yenlac.gov.vn']],
    });
  });

  it('a district officer turning the warnings on in two communes’ workbooks keeps both daily triggers', () => {
    const { run, world } = unitWith([], monday);
    const second = world.createSpreadsheetData('Sổ một cửa – UBND xã Thứ Hai', 'canbo@example.gov.vn');
    const inSecond = <T>(fn: (s: Services) => T) =>
      world.run({ user: 'canbo@example.gov.vn', context: 'editor', spreadsheetId: second.id }, fn);
    inSecond((s) => runSetup(s));
    run((s) => enableDailyWarnings(s));
    inSecond((s) => enableDailyWarnings(s));
    expect(world.triggers.map((t) => t.spreadsheetId).sort()).toEqual([run((_s, ss) => ss.getId()), second.id].sort());
  });

  it('a Google timeout at the flush/lock release right after a recipient is marked sent, then a rerun: that digest is not lost', () => {
    const { run, world } = unitWith(
      OFFICERS.slice(0, 3).map((name, i) => ({ code: code(i + 1), handler: name, due: '2026-03-04' })),
      monday,
    );
    // The 2nd sent-mark (the first officer's, after the head's) is stored; the flush that follows times out.
    let marks = 0;
    let armed = false;
    world.runtime.onCall = (call) => {
      if (call === 'Properties.setProperty' && (marks += 1) === 2) armed = true;
      else if (armed && call === 'SpreadsheetApp.flush') {
        world.runtime.onCall = undefined;
        throw new Error('Service Spreadsheets timed out while accessing document with id local.');
      }
    };
    expect(() => run((s) => checkDeadlinesNow(s))).toThrow('timed out');
    run((s) => checkDeadlinesNow(s)); // the officer reruns, as the failure notice says
    expect(world.outbox.map((m) => m.to[0]).sort()).toEqual([HEAD, ...OFFICERS.slice(0, 3).map(emailOf)].sort());
  });

  it('with no head e-mail, an officer without an address is not silently dropped by the daily run', () => {
    const rows = [{ code: code(1), handler: 'Người Lạ', due: '2026-03-04' }];
    const { run, world } = unitWith(rows, vn('2026-03-09', '06:00'), { head: '' });
    // `Email thủ trưởng` left empty, as setup leaves it.
    setConfig(run, { 'Email thủ trưởng': '' });
    run((s) => enableDailyWarnings(s));
    world.runTriggersUntil(vn('2026-03-09', '09:00'), HANDLERS);
    // Nobody was mailed, and neither the log nor the owner hears that an overdue dossier reached nobody.
    const told =
      world.outbox.length > 0 ||
      logNotes(run).some((n) => /chưa có email|không ai được nhắc|chưa ai được nhắc|thủ trưởng/i.test(n));
    expect(told).toBe(true);
  });

  it('the .eml headers keep to RFC 2047/5322 (encoded-words of at most 75 characters, folded lines)', () => {
    const { run, world } = unitWith([{ code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' }], monday);
    run((s) => checkDeadlinesNow(s));
    for (const mail of world.outbox) {
      const head = mail.rfc822.split('\r\n\r\n')[0]!;
      for (const word of head.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
      for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    }
  });
});

const dump = (x: unknown) =>
  JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));

describe('the daily warnings where officers type freely', () => {
  it('a citizen’s name pasted into Trạng thái does not reach the head’s e-mail', () => {
    const unit = readyUnit(vn('2026-03-09', '09:00'));
    unit.run((_s, ss) =>
      fillRegister(ss, 'UBND xã Yên Lạc', 3, (row, i) => {
        if (i === 1) row[col('Trạng thái') - 1] = 'Nguyễn Thị Bí Mật 0912345678';
      }),
    );
    setConfig(unit.run, { 'Email thủ trưởng': 'chutich@yenlac.gov.vn', 'Cán bộ: Trần Văn Nam': 'nam@yenlac.gov.vn' });
    unit.run((s) => checkDeadlinesNow(s));
    const text = dump(unit.world.outbox.map((m) => [m.subject, m.body, m.htmlBody]));
    expect({ name: text.includes('Bí Mật'), phone: text.includes('0912345678') }).toEqual({ name: false, phone: false });
  });

  it('the Cảnh báo column dragged elsewhere while the check runs: no other column is written over', () => {
    const unit = readyUnit(vn('2026-03-09', '09:00'));
    unit.run((_s, ss) =>
      fillRegister(ss, 'UBND xã Yên Lạc', 5, (row) => {
        row[col('Mức độ hài lòng') - 1] = 'Hài lòng';
      }),
    );
    const { world } = unit;
    // How many reads a check makes: the last two are its check that nothing moved (the Cảnh báo
    // header cell, then the codes), right before it writes.
    const probe = readyUnit(vn('2026-03-09', '09:00'));
    probe.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
    let reads = 0;
    probe.world.runtime.onCall = (call) => {
      if (call === 'Range.getValues') reads += 1;
    };
    probe.run((s) => checkDeadlinesNow(s));
    probe.world.runtime.onCall = undefined;
    const readsBeforeWrite = reads - 3; // the log's header is read after the write
    let seen = 0;
    let moved = false;
    world.runtime.onCall = (call) => {
      // The officer drags Cảnh báo to column C in the browser after the check read the register,
      // before its last look (a drag during the write call itself is a race no script can close).
      if (moved || call !== 'Range.getValues' || (seen += 1) !== readsBeforeWrite - 1) return;
      moved = true;
      world.runtime.onCall = undefined;
      unit.run((_s, ss) => {
        const sheet = ss.getSheetByName(TABS.register)!;
        const width = sheet.getLastColumn();
        const area = sheet.getRange(1, 3, sheet.getLastRow(), width - 2);
        const rows = area.getValues();
        const from = col('Cảnh báo') - 3;
        area.setValues(rows.map((r) => [r[from]!, ...r.slice(0, from), ...r.slice(from + 1)]));
      });
    };
    unit.run((s) => checkDeadlinesNow(s));
    const satisfaction = unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
      const at = header.indexOf('Mức độ hài lòng') + 1;
      return sheet
        .getRange(2, at, 5, 1)
        .getValues()
        .map((r) => r[0]);
    });
    expect(satisfaction).toEqual(Array(5).fill('Hài lòng'));
  });
});
