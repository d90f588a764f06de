/**
 * `Một cửa › Kiểm tra dữ liệu`: a register built through the forms across the 30/4–1/5 break and the
 * compensatory day is clean; each hand edit or interrupted run is found on its row with its reason in
 * Vietnamese; nothing changes until the officer confirms; only certain repairs are applied, each logged.
 */
import { describeFinding, findingPlace } from '../../src/core/consistencyText';
import { REPAIR_ACTION } from '../../src/core/consistency';
import { checkData, repairData, showDataCheck } from '../../src/server/consistency';
import { submitIntake } from '../../src/server/intake';
import { MENU_ITEMS } from '../../src/server/menu';
import { submitUpdate } from '../../src/server/update';
import type { Services, Spreadsheet } from '../../src/gas/services';
import { LOG_COLUMNS, REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit, snapshot, failOnce, setConfig } from '../helpers';
import { unit2025 } from './closingFixture';

const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;
const logCol = (h: (typeof LOG_COLUMNS)[number]) => LOG_COLUMNS.indexOf(h) + 1;
let n = 0;
const req = () => `chk-${String((n += 1)).padStart(6, '0')}`;

/** Four dossiers of 28–29/04/2026 (7 working days: across 30/4–1/5), moved through every step. */
function busyUnit() {
  const unit = readyUnit(new Date('2026-04-24T01:00:00Z'));
  const at = (iso: string) => unit.world.clock.set(new Date(`${iso}:00+07:00`));
  const intake = (receivedAt: string) => {
    at(receivedAt);
    const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r;
  };
  const step = (code: string, input: Record<string, unknown>) => {
    at(String(input.at));
    const r = unit.run((s) => submitUpdate(s, { requestId: req(), code, ...input }));
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  const a = intake('2026-04-28T08:00');
  const b = intake('2026-04-28T09:30');
  const c = intake('2026-04-29T14:00');
  const d = intake('2026-04-29T16:00');
  step(a.code, { action: 'transfer', at: '2026-04-28T10:00', department: 'Công an xã' });
  step(b.code, { action: 'request-supplement', at: '2026-04-29T08:00', missing: 'Giấy khai sinh', reason: 'Thiếu' });
  step(c.code, { action: 'transfer', at: '2026-04-29T15:00' });
  step(a.code, { action: 'record-result', at: '2026-05-04T09:00' });
  step(b.code, { action: 'receive-supplement', at: '2026-05-05T08:00' });
  step(c.code, { action: 'apologise', at: '2026-05-06T09:00', newDueAt: '2026-05-14T17:00', reason: 'Chờ xác minh' });
  step(a.code, { action: 'hand-over', at: '2026-05-06T10:00', satisfaction: 'Hài lòng' });
  step(b.code, { action: 'record-result', at: '2026-05-07T09:00' });
  at('2026-05-08T09:00');
  return { ...unit, at, step, codes: [a.code, b.code, c.code, d.code], dues: [a.dueAt, b.dueAt, c.dueAt, d.dueAt] };
}

type Unit = ReturnType<typeof busyUnit>;
const check = (unit: Unit) => unit.run((s) => checkData(s));
const lines = (unit: Unit) =>
  check(unit).findings.map((f) => {
    const t = describeFinding(f);
    return `${findingPlace(f)} ${f.code}: ${t.problem} | ${t.todo}`;
  });
const edit = (unit: Unit, fn: (ss: Spreadsheet, s: Services) => void) => unit.run((s, ss) => fn(ss, s));
const register = (ss: Spreadsheet) => ss.getSheetByName(TABS.register)!;
const log = (ss: Spreadsheet) => ss.getSheetByName(TABS.log)!;
const logRows = (ss: Spreadsheet) =>
  log(ss)
    .getRange(2, 1, log(ss).getLastRow() - 1, LOG_COLUMNS.length)
    .getValues();

describe('Kiểm tra dữ liệu', () => {
  it('names a text cell that would run as a formula once the register is exported, by row and column, without quoting it', () => {
    const unit = busyUnit();
    edit(unit, (ss) => {
      // Kept as text in the sheet (plain-text cell), it runs once exported to CSV and opened in Excel.
      register(ss).getRange(3, col('Người nộp')).setValue('=HYPERLINK("http://x.invalid","bấm")');
      register(ss).getRange(4, col('Điện thoại')).setValue('+84 912 345 678');
    });
    const found = lines(unit);
    expect(found).toEqual([
      `dòng 3 ${unit.codes[1]}: Ô cột “Người nộp” là chữ bắt đầu như một công thức: mở bằng Excel hoặc Google Sheets, ô này sẽ chạy như công thức. | Nếu là gõ nhầm, sửa lại ô; nếu đúng là nội dung cần giữ, đặt định dạng Văn bản thuần (Định dạng › Số › Văn bản thuần) cho ô trước khi sửa, và đừng mở bản xuất CSV của sổ bằng Excel.`,
    ]);
  });

  it('is on the menu, opens its dialog, and finds nothing in a register kept through the forms across holidays', () => {
    const unit = busyUnit();
    expect(MENU_ITEMS).toContainEqual({ caption: 'Kiểm tra dữ liệu', functionName: 'showDataCheck' });
    // 7 working days from 28/04 (27/04 was the compensatory day): 29/04, then 30/4–1/5 off, 04–08/05, 11/05.
    expect(unit.dues).toEqual(['2026-05-11T17:00', '2026-05-11T17:00', '2026-05-12T17:00', '2026-05-12T17:00']);
    const before = snapshot(unit.world, unit.book.id);
    const answer = check(unit);
    expect(answer).toMatchObject({ rows: 4, total: 0, repairs: 0, findings: [] });
    expect(answer.events).toBe(12);
    unit.run((s) => showDataCheck(s));
    expect(unit.world.ui.dialogs.at(-1)?.title).toBe('Kiểm tra dữ liệu');
    // Checking changes nothing.
    expect(snapshot(unit.world, unit.book.id)).toBe(before);
  });

  it('explains each hand edit on its row, in Vietnamese, with what to do', () => {
    const unit = busyUnit();
    const [a, b, c, d] = unit.codes as [string, string, string, string];
    edit(unit, (ss) => {
      const reg = register(ss);
      // Row 2 (a, handed over): the hand-over date typed before the result date.
      reg.getRange(2, col('Ngày trả kết quả')).setValue('03/05/2026');
      // Row 4 (c, transferred, apologised): status typed by hand.
      reg.getRange(4, col('Trạng thái')).setValue('Chờ bổ sung');
      // Row 5 (d, just received): appointment retyped one day later.
      reg.getRange(5, col('Hạn trả kết quả')).setValue('11/05/2026 17:00');
      // A copied row: b's code again, below; a row typed by hand with a code never issued; a bad status.
      reg.getRange(6, 1, 1, 3).setValues([[5, b, '1.004194']]);
      reg.getRange(6, col('Thời điểm tiếp nhận'), 1, 2).setValues([['28/04/2026 09:30', '11/05/2026 17:00']]);
      reg.getRange(6, col('Trạng thái')).setValue('Đang giải quyết');
      reg.getRange(7, 1, 1, 3).setValues([[6, '000.17.22.H56-260430-0001', '9.999999']]);
      reg.getRange(7, col('Thời điểm tiếp nhận'), 1, 2).setValues([['30/04/2026 08:00', '08/05/2026 17:00']]);
      reg.getRange(7, col('Trạng thái')).setValue('Đã xong');
    });
    const found = lines(unit);
    expect(found).toEqual([
      `dòng 2 ${a}: Khác với bước cuối trong Nhật ký xử lý (“Trả kết quả” lúc 06/05/2026 10:00): Ngày trả kết quả là 03/05/2026, nhật ký ghi 06/05/2026. | Nếu ô đã bị sửa tay, trả lại giá trị nhật ký ghi; nếu việc đó thật sự đã xảy ra, ghi bước đó bằng Một cửa › Cập nhật hồ sơ.`,
      `dòng 2 ${a}: Ngày trả kết quả (03/05/2026) trước ngày có kết quả (04/05/2026). | Sửa lại ngày gõ nhầm, đối chiếu hồ sơ giấy và Nhật ký xử lý.`,
      `dòng 3 ${b}: Mã hồ sơ trùng với dòng 6. | Giữ lại một dòng đúng; xóa dòng sao chép hoặc trả lại mã đúng cho dòng bị gõ nhầm.`,
      `dòng 4 ${c}: Khác với bước cuối trong Nhật ký xử lý (“Xin lỗi và hẹn lại” lúc 06/05/2026 09:00): Trạng thái là Chờ bổ sung, nhật ký ghi Đang giải quyết. | Nếu ô đã bị sửa tay, trả lại giá trị nhật ký ghi; nếu việc đó thật sự đã xảy ra, ghi bước đó bằng Một cửa › Cập nhật hồ sơ.`,
      `dòng 5 ${d}: Hạn trả kết quả 11/05/2026 17:00 không khớp với thời hạn của thủ tục và lịch làm việc: tính lại được 12/05/2026 17:00, đúng như Nhật ký xử lý ghi khi tiếp nhận. | Có thể sửa tự động (nút “Sửa các lỗi chắc chắn”; mỗi lần sửa được ghi vào Nhật ký xử lý).`,
      `dòng 6 ${b}: Mã hồ sơ trùng với dòng 3. | Giữ lại một dòng đúng; xóa dòng sao chép hoặc trả lại mã đúng cho dòng bị gõ nhầm.`,
      `dòng 7 000.17.22.H56-260430-0001: trạng thái không thuộc danh mục (ô ghi “Đã xong”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết). | Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).`,
    ]);
    expect(found).toHaveLength(7);
    expect(check(unit).repairs).toBe(1);

    // A dossier typed by hand (no event), with a procedure not in the catalogue.
    edit(unit, (ss) => ss.getSheetByName(TABS.register)!.getRange(7, col('Trạng thái')).setValue('Đang giải quyết'));
    expect(lines(unit).filter((l) => l.startsWith('dòng 7 '))).toEqual([
      'dòng 7 000.17.22.H56-260430-0001: Hồ sơ không có bước nào trong Nhật ký xử lý (dòng gõ tay, hoặc lần tiếp nhận bị ngắt giữa chừng). | Nếu lần tiếp nhận vừa bị lỗi, mở lại đúng biểu mẫu đó và bấm lưu lại (không ghi hai lần); nếu dòng được gõ tay, đối chiếu hồ sơ giấy và ghi lý do vào cột Ghi chú.',
      'dòng 7 000.17.22.H56-260430-0001: Mã TTHC “9.999999” không có trong Danh mục TTHC nên không kiểm tra được hạn trả kết quả. | Sửa mã TTHC cho đúng, hoặc thêm thủ tục vào trang Danh mục TTHC.',
    ]);
  });

  it('finds a deleted row, a gap in a day’s numbering, a missing step and a step dated before the receipt', () => {
    const unit = busyUnit();
    const [a, b, c] = unit.codes as [string, string, string, string];
    edit(unit, (ss) => {
      // b's row deleted (its events stay): an event without its row.
      register(ss).deleteRows(3, 1);
      const rows = logRows(ss);
      // a's transfer event deleted from the log: its result step starts from a status no step left.
      const transfer = rows.findIndex((r) => r[logCol('Mã hồ sơ') - 1] === a && r[logCol('Thao tác') - 1] === 'Chuyển xử lý');
      log(ss).deleteRows(transfer + 2, 1);
      // c's transfer event dated before its receipt.
      const rows2 = logRows(ss);
      const cTransfer = rows2.findIndex((r) => r[logCol('Mã hồ sơ') - 1] === c && r[logCol('Thao tác') - 1] === 'Chuyển xử lý');
      log(ss)
        .getRange(cTransfer + 2, logCol('Thời điểm'))
        .setValue(new Date('2026-04-29T13:00:00+07:00'));
    });
    const answer = check(unit);
    const text = lines(unit);
    const bFirstLogRow = answer.findings.find((f) => f.kind === 'no-row')?.row;
    expect(text).toContain(
      `Nhật ký xử lý, dòng ${bFirstLogRow} ${b}: Nhật ký xử lý có 4 bước của mã này nhưng sổ không có dòng nào mang mã đó. | Dòng hồ sơ có thể đã bị xóa hoặc sửa mã: khôi phục từ Tệp › Lịch sử phiên bản.`,
    );
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^Nhật ký xử lý, dòng \\d+ ${a}: Bước “Có kết quả giải quyết” bắt đầu từ trạng thái “Đang giải quyết”, nhưng bước trước của hồ sơ để lại “Đã tiếp nhận”`,
          ),
        ),
        `dòng 3 ${c}: Bước “Chuyển xử lý” (29/04/2026 13:00) trước thời điểm tiếp nhận (29/04/2026 14:00). | Sửa lại ngày gõ nhầm, đối chiếu hồ sơ giấy và Nhật ký xử lý.`,
      ]),
    );
    // The numbering gap: a's row and its events gone, 28/04's 0001 is on no row and in no event.
    const gapUnit = busyUnit();
    edit(gapUnit, (ss) => {
      register(ss).deleteRows(2, 1);
      for (let r = log(ss).getLastRow(); r >= 2; r -= 1) {
        if (log(ss).getRange(r, logCol('Mã hồ sơ')).getValue() === gapUnit.codes[0]) log(ss).deleteRows(r, 1);
      }
    });
    expect(lines(gapUnit)).toEqual([
      `dòng 2 ${gapUnit.codes[1]}: Số thứ tự hồ sơ ngày 28/04/2026 bị thiếu 0001 trước mã này (không có trong sổ, nhật ký hay lưu trữ). | Nếu dòng bị xóa, khôi phục từ Tệp › Lịch sử phiên bản; nếu lần tiếp nhận bị ngắt, lưu lại đúng biểu mẫu đó; nếu số bị bỏ qua, ghi lý do vào cột Ghi chú.`,
    ]);
  });

  it('counts no gap below a code typed from the provincial system: its sequence is the province’s', () => {
    const unit = readyUnit();
    const take = (input: Record<string, unknown>) => {
      const r = unit.run((s) => submitIntake(s, intakeInput(input)));
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.code;
    };
    take({ receivedAt: '2026-03-02T08:00' });
    setConfig(unit.run, 'Mã hồ sơ do hệ thống tỉnh cấp', 'Có');
    // The province's agency code, and one equal to the unit's own identifier (its numbers are the province's too).
    take({ receivedAt: '2026-03-02T08:10', officialCode: 'H15.50.05.13-260302-0975' });
    take({ receivedAt: '2026-03-02T08:20', officialCode: '000.17.22.H56-260302-0007' });
    setConfig(unit.run, 'Mã hồ sơ do hệ thống tỉnh cấp', 'Không');
    expect(take({ receivedAt: '2026-03-02T08:30' })).toBe('000.17.22.H56-260302-0008');
    expect(unit.run((s) => checkData(s)).findings).toEqual([]);
  });

  it('offers repairs only where certain, changes nothing until confirmed, logs each repair, and checks clean afterwards', () => {
    const unit = busyUnit();
    const [, , c, d] = unit.codes as [string, string, string, string];
    // An update stopped after its event: take c's last step back off the row, its key left pending.
    const cKey = unit.run((_s, ss) => {
      const rows = logRows(ss).filter((r) => r[logCol('Mã hồ sơ') - 1] === c);
      return String(rows.at(-1)![logCol('Mã yêu cầu') - 1]);
    });
    edit(unit, (ss) => {
      const reg = register(ss);
      const keys = String(reg.getRange(4, col('Mã yêu cầu')).getValue()).split(' ');
      reg.getRange(4, col('Mã yêu cầu')).setValue([`chờ:${cKey}`, ...keys.slice(1)].join(' '));
      reg.getRange(4, col('Hạn trả mới'), 1, 2).setValues([['', '']]);
      // d: appointment retyped (certain), and a mark of a step whose event was never written (certain).
      reg.getRange(5, col('Hạn trả kết quả')).setValue('13/05/2026 17:00');
      const dKeys = String(reg.getRange(5, col('Mã yêu cầu')).getValue());
      reg.getRange(5, col('Mã yêu cầu')).setValue(`chờ:update:chk-never-written:abc123 ${dKeys}`);
    });
    const before = snapshot(unit.world, unit.book.id);
    const found = check(unit);
    expect(found.findings.map((f) => [f.row, f.kind, Boolean(f.repair)])).toEqual([
      [4, 'pending', true],
      [5, 'pending', true],
      [5, 'due', true],
    ]);
    expect(lines(unit)[0]).toMatch(
      /^dòng 4 .*: Bước “Xin lỗi và hẹn lại” đã ghi vào Nhật ký xử lý \(dòng \d+\) nhưng chưa ghi xong vào sổ/,
    );
    expect(lines(unit)[1]).toContain('còn dấu “chờ:” của một bước bị ngắt trước khi ghi (không có trong Nhật ký xử lý)');
    expect(snapshot(unit.world, unit.book.id)).toBe(before);

    // A stale confirmation (the register changed since the dialog was shown) repairs nothing.
    expect(unit.run((s) => repairData(s, 'not-the-token'))).toEqual({ ok: false, repaired: 0 });
    expect(snapshot(unit.world, unit.book.id)).toBe(before);

    expect(unit.run((s) => repairData(s, found.token))).toEqual({ ok: true, repaired: 3 });
    unit.run((_s, ss) => {
      const reg = register(ss);
      expect(reg.getRange(4, col('Hạn trả mới')).getDisplayValues()[0]![0]).toBe('14/05/2026 17:00');
      expect(String(reg.getRange(4, col('Mã yêu cầu')).getValue())).toMatch(/^update:/);
      expect(reg.getRange(5, col('Hạn trả kết quả')).getDisplayValues()[0]![0]).toBe('12/05/2026 17:00');
      expect(String(reg.getRange(5, col('Mã yêu cầu')).getValue())).toMatch(/^intake:/);
      const repairs = logRows(ss).filter((r) => r[logCol('Thao tác') - 1] === REPAIR_ACTION);
      expect(repairs.map((r) => [r[logCol('Mã hồ sơ') - 1], r[logCol('Ghi chú') - 1]])).toEqual([
        [c, expect.stringMatching(/^Ghi nốt vào sổ bước “Xin lỗi và hẹn lại” đã có trong nhật ký \(dòng \d+\)$/)],
        [d, 'Bỏ dấu chờ của một bước không được ghi vào nhật ký'],
        [d, 'Hạn trả kết quả 13/05/2026 17:00 → 12/05/2026 17:00, theo thời hạn của thủ tục như nhật ký ghi khi tiếp nhận'],
      ]);
    });
    expect(check(unit)).toMatchObject({ total: 0, repairs: 0 });
  });

  it('does not repair a deadline when the catalogue changed since the receipt (the answer is not certain)', () => {
    const unit = busyUnit();
    edit(unit, (ss) => {
      const cat = ss.getSheetByName(TABS.catalogue)!;
      const codes = cat
        .getRange(2, 1, cat.getLastRow() - 1, 1)
        .getValues()
        .map((r) => r[0]);
      cat.getRange(codes.indexOf('1.004194') + 2, 5).setValue(10);
      register(ss).getRange(5, col('Hạn trả kết quả')).setValue('11/05/2026 17:00');
    });
    unit.world.evictCaches();
    const answer = check(unit);
    expect(answer.findings.map((f) => [f.row, f.kind, f.repair])).toEqual([[5, 'due', undefined]]);
    expect(lines(unit)[0]).toContain(
      'Hạn trả kết quả 11/05/2026 17:00 không khớp với thời hạn của thủ tục và lịch làm việc: tính lại được 15/05/2026 17:00; khi tiếp nhận, nhật ký ghi 12/05/2026 17:00.',
    );
    // The rows untouched by hand stay clean: their receipts' appointments stand.
    expect(answer.total).toBe(1);
  });

  it('reads the register and the log in the same number of calls for 10 rows as for 100', () => {
    const calls = (count: number) => {
      const unit = readyUnit(new Date('2026-03-02T09:00:00Z'));
      for (let i = 0; i < count; i += 1) {
        const receivedAt = `2026-03-02T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
        const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt })));
        if (!r.ok) throw new Error(JSON.stringify(r));
      }
      const before = { ...unit.world.runtime.counters.calls };
      const answer = unit.run((s) => checkData(s));
      expect(answer).toMatchObject({ rows: count, total: 0 });
      const after = unit.world.runtime.counters.calls;
      return Object.entries(after).reduce((sum, [k, v]) => sum + v - (before[k] ?? 0), 0);
    };
    expect(calls(100)).toBe(calls(10));
  });
});

describe('Kiểm tra dữ liệu on registers built by the forms, edited, sorted or half-closed by hand', () => {
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
});
