/**
 * Review 9 (a fresh-context review of the deadline warnings): each test was a defect found, fixed since.
 * (Its D12, an Editor add-on's one clock trigger per document, is a known limit: see the README.)
 */
import { TABS } from '../../src/sheets/schema';
import type { Services } from '../../src/gas/services';
import { checkDeadlinesNow, enableDailyWarnings } from '../../src/server/warnings/schedule';
import { failOnce, readyUnit } from '../helpers';
import { code, emailOf, HANDLERS, HEAD, OFFICERS, unitWith, vn, warningColumn } from './warningsFixture';
import { runSetup } from '../../src/server/setup';
import { setConfig } from './registerFixture';

const monday = vn('2026-03-09', '09:00');

const logNotes = (run: ReturnType<typeof readyUnit>['run']) =>
  run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log
      .getRange(2, 1, log.getLastRow() - 1, 7)
      .getValues()
      .map((r) => `${String(r[3])} | ${String(r[6])}`);
  });

describe('review 9', () => {
  it('D1: one officer written two ways in Cán bộ xử lý (spacing, case, NFD) still gets all of their dossiers', () => {
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

  it('D2: a digest that cannot be sent (the head’s e-mail mistyped) is written to Nhật ký xử lý and mailed to the owner, not dropped', () => {
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

  it('D3: a follow-up whose self-deletion fails once is reported, and never blocks the next days’ follow-ups', () => {
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

  it('D4: a digest stays within Google’s 200 KB e-mail body size (an officer with 1,000 overdue dossiers)', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ code: code(i + 1), handler: 'Trần Văn Nam', due: '2026-03-04' }));
    const { run, world } = unitWith(rows, monday, { head: '' });
    run((s) => checkDeadlinesNow(s));
    const digest = world.outbox[0]!;
    const size = Buffer.byteLength(digest.htmlBody ?? '', 'utf8');
    expect(size).toBeLessThan(200 * 1024);
  });

  it('D5: an appointment on a day off (a Saturday typed as Hạn trả mới, or a day off added after intake) is due on the next working day, not overdue', () => {
    // domain.md: "a period ending on a day off ends at the end of the next working day" (Civil Code Art. 148).
    const rows = [{ code: code(1), handler: 'Trần Văn Nam', due: '2026-03-05', newDue: '2026-03-07' }];
    const friday = unitWith(rows, vn('2026-03-06', '09:00'), { head: '' });
    friday.run((s) => checkDeadlinesNow(s));
    expect(warningColumn(friday.run, 1)[0]).not.toMatch(/còn 0 ngày làm việc/);
    const mon = unitWith(rows, monday, { head: '' });
    mon.run((s) => checkDeadlinesNow(s));
    expect(warningColumn(mon.run, 1)[0]).toMatch(/^Đến hạn hôm nay/); // observed: "Quá hạn – trễ 1 ngày làm việc ..."
  });

  it('D6: rows the check cannot read (a status typed wrong on an overdue dossier) are told to the head, not only counted in the log', () => {
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

  it('D7: the head’s e-mail with two addresses (head and deputy) costs two recipients: the quota is counted in recipients', () => {
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

  it('D8: when the owner’s trigger is gone (owner left, or deleted it on the Triggers page), someone else can turn the warnings on again', () => {
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

  it('D9: a district officer turning the warnings on in two communes’ workbooks keeps both daily triggers', () => {
    const { run, world } = unitWith([], monday);
    const second = world.createSpreadsheetData('Sổ một cửa – UBND xã Thứ Hai', 'canbo@example.gov.vn');
    const inSecond = <T>(fn: (s: Services) => T) =>
      world.run({ user: 'canbo@example.gov.vn', context: 'editor', spreadsheetId: second.id }, fn);
    inSecond((s) => runSetup(s));
    run((s) => enableDailyWarnings(s));
    inSecond((s) => enableDailyWarnings(s));
    expect(world.triggers.map((t) => t.spreadsheetId).sort()).toEqual([run((_s, ss) => ss.getId()), second.id].sort());
  });

  it('D10: a Google timeout at the flush/lock release right after a recipient is marked sent, then a rerun: that digest is not lost', () => {
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

  it('D11: with no head e-mail, an officer without an address is not silently dropped by the daily run', () => {
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

  it('D13: the .eml headers keep to RFC 2047/5322 (encoded-words of at most 75 characters, folded lines)', () => {
    const { run, world } = unitWith([{ code: code(1), handler: 'Trần Văn Nam', due: '2026-03-04' }], monday);
    run((s) => checkDeadlinesNow(s));
    for (const mail of world.outbox) {
      const head = mail.rfc822.split('\r\n\r\n')[0]!;
      for (const word of head.match(/=\?[^?]+\?[BQ]\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
      for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    }
  });
});
