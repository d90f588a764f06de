/**
 * `Lập báo cáo tổng hợp` and `Chia sẻ cho HĐND` on the local services: the report of this register
 * and of every register of `Đơn vị` (one that cannot be opened reported, the others counted, past
 * the 6-minute limit through a checkpoint), and the council's copy without a citizen in it.
 */
import type { Services, Spreadsheet } from '../../src/gas/services';
import { buildSummary, continueSummary, SUMMARY_FOLLOW_UP, UNITS_HEADERS } from '../../src/server/summary/build';
import { shareWithCouncil } from '../../src/server/summary/council';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { errorOf, failOnce, readyUnit, registerColumn as col } from '../helpers';
import { setConfig } from './registerFixture';

const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);

/** A register tab typed into `ss`: `n` dossiers received 02/03/2026, due 06/03; every third resolved early, every fifth late. */
function fillRegister(ss: Spreadsheet, unit: string, n: number): void {
  const sheet = ss.getSheetByName(TABS.register) ?? ss.insertSheet(TABS.register);
  if (sheet.getMaxColumns() < REGISTER_COLUMNS.length) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), REGISTER_COLUMNS.length - sheet.getMaxColumns());
  }
  sheet.getRange(1, 1, 1, REGISTER_COLUMNS.length).setValues([[...REGISTER_COLUMNS]]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  if (n === 0) return;
  const rows = Array.from({ length: n }, (_, i) => {
    const row: (string | number | Date)[] = Array(REGISTER_COLUMNS.length).fill('');
    const late = i % 5 === 0;
    const early = !late && i % 3 === 0;
    row[col('Mã hồ sơ') - 1] = `000.17.22.H56-260302-${String(i + 1).padStart(4, '0')}`;
    row[col('Tên thủ tục') - 1] = late ? 'Cấp giấy phép xây dựng' : 'Đăng ký khai sinh';
    row[col('Lĩnh vực') - 1] = late ? 'Xây dựng' : 'Hộ tịch';
    row[col('Đơn vị tiếp nhận') - 1] = unit;
    row[col('Người nộp') - 1] = `Công Dân Bí Mật ${unit} ${i}`;
    row[col('Số giấy tờ tùy thân') - 1] = `0019${String(i).padStart(8, '7')}`;
    row[col('Địa chỉ') - 1] = `Ngõ Kín ${i}, ${unit}`;
    row[col('Điện thoại') - 1] = `0987${String(i).padStart(6, '1')}`;
    row[col('Email') - 1] = `congdan${i}@rieng.vn`;
    row[col('Hình thức nộp') - 1] = i % 2 ? 'Trực tuyến' : 'Trực tiếp';
    row[col('Thời điểm tiếp nhận') - 1] = vn('2026-03-02', '08:00');
    row[col('Hạn trả kết quả') - 1] = vn('2026-03-06');
    row[col('Trạng thái') - 1] = late || early ? 'Đã trả kết quả' : 'Đang giải quyết';
    if (late || early) row[col('Ngày có kết quả') - 1] = vn(late ? '2026-03-10' : '2026-03-04', '00:00');
    if (late || early) row[col('Ngày trả kết quả') - 1] = vn(late ? '2026-03-10' : '2026-03-04', '00:00');
    if (late) row[col('Lý do chậm') - 1] = 'Chờ ý kiến cơ quan chuyên môn';
    return row;
  });
  sheet.getRange(2, 1, n, REGISTER_COLUMNS.length).setValues(rows);
}

const summaryValues = (run: ReturnType<typeof readyUnit>['run']) =>
  run((_s, ss) => {
    const sheet = ss.getSheetByName(TABS.summary)!;
    return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  });
const rowOf = (values: unknown[][], first: string, second = '') => values.find((r) => r[0] === first && r[1] === second)!;

describe('Lập báo cáo tổng hợp, this register', () => {
  it('writes the official table with balancing lines, rates with their denominators, a chart, and the rows it could not classify', () => {
    const { run } = readyUnit(vn('2026-03-20', '09:00'));
    run((_s, ss) => {
      fillRegister(ss, 'UBND xã Yên Lạc', 30);
      ss.getSheetByName(TABS.register)!.getRange(31, col('Trạng thái')).setValue('Đã xong');
    });
    const answer = run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' }));
    expect(answer).toEqual({
      ok: true,
      message:
        'Đã lập báo cáo từ 15/02/2026 đến 14/03/2026 trong trang “Tổng hợp giám sát” (1/1 sổ; 29 hồ sơ tiếp nhận). 1 dòng không phân loại được (xem phần Chất lượng dữ liệu).',
    });
    const values = summaryValues(run);
    // 29 counted: 6 late (rows 0,5,…,25), 8 early, 15 open and overdue on 14/03; 15 online, 14 in person.
    expect(rowOf(values, 'UBND xã Yên Lạc').slice(2, 14)).toEqual([29, 14, 15, 0, 14, 8, 0, 6, 15, 0, 15, 0]);
    expect(rowOf(values, 'Tổng cộng').slice(2, 14)).toEqual([29, 14, 15, 0, 14, 8, 0, 6, 15, 0, 15, 0]);
    expect(values.flat()).toContain('Trước hạn / tổng tiếp nhận');
    expect(values.flat()).toContain('Cấp giấy phép xây dựng');
    expect(values.flat()).toContain('Chờ ý kiến cơ quan chuyên môn');
    const problem = values.find((r) => r[2] === 31 && r[3] === 'trạng thái không thuộc danh mục')!;
    expect(problem[1]).toBe('000.17.22.H56-260302-0030');
    expect(values.flat()).not.toContain('Đã xong'); // what was typed stays in the register
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.summary)!;
      expect(sheet.getCharts()).toHaveLength(1);
      expect(sheet.getRange(8, 15).getNumberFormats()[0]![0]).toBe('0.00%');
      expect(sheet.getRange(8, 3).getFormulas()[0]![0]).toBe('');
      expect(sheet.getRange(8, 3).getNumberFormats()[0]![0]).toBe('#,##0');
      // What a person sees printed: the dossier code's column fits a code (about 7 px a character at
      // 10 pt, plus the cell's padding), the table's headers wrap instead of being cut at a figure's width.
      const codeColumn = values.find((r) => String(r[0]).startsWith('Chất lượng dữ liệu'))!.indexOf('Mã hồ sơ') + 1;
      expect(sheet.getColumnWidth(codeColumn)).toBeGreaterThanOrEqual('000.17.22.H56-260302-0030'.length * 7 + 8);
      const header = values.findIndex((r) => r[0] === 'Đơn vị' && r[1] === 'Lĩnh vực') + 1;
      expect(sheet.getRange(header, 1, 1, 21).getWraps()[0]).toEqual(Array(21).fill(true));
      expect(sheet.getRange(header, 3).getFontWeights()[0]![0]).toBe('bold');
      // A procedure's name wraps in column A rather than being cut by its count in column B.
      const late = values.findIndex((r) => r[0] === 'Cấp giấy phép xây dựng') + 1;
      expect(sheet.getRange(late, 1).getWraps()[0]![0]).toBe(true);
    });
    // Rebuilt, not appended to.
    run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' }));
    expect(summaryValues(run).length).toBe(values.length);
  });

  it('refuses a period that ends before it starts, in Vietnamese', () => {
    const { run } = readyUnit();
    expect(run((s) => buildSummary(s, { from: '2026-03-14', to: '2026-02-15', scope: 'this' }))).toEqual({
      ok: false,
      message: 'Ngày bắt đầu 14/03/2026 sau ngày kết thúc 15/02/2026.',
    });
  });
});

/** An oversight workbook whose `Đơn vị` tab lists `count` commune registers of `size` dossiers, plus two it cannot read. */
function oversight(count: number, size: number) {
  const unit = readyUnit(vn('2026-03-20', '09:00'));
  const { world, run } = unit;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const book = world.createSpreadsheetData(`Sổ xã ${i + 1}`, 'canbo@example.gov.vn');
    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) =>
      fillRegister(s.spreadsheetApp.getActiveSpreadsheet()!, `Xã ${i + 1}`, size),
    );
    ids.push(book.id);
  }
  const secret = world.createSpreadsheetData('Sổ không chia sẻ', 'nguoikhac@example.gov.vn');
  run((_s, ss) => {
    const tab = ss.insertSheet(TABS.units);
    tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
    const rows = [
      ...ids.map((id, i) => [`Xã ${i + 1}`, 'Cấp xã', `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`, '']),
      ['Xã sai mã', 'Cấp xã', 'khong-co-so-nay', ''],
      ['Xã không chia sẻ', 'Cấp xã', secret.id, ''],
    ];
    if (tab.getMaxRows() < rows.length + 1) tab.insertRowsAfter(tab.getMaxRows(), rows.length + 1 - tab.getMaxRows());
    tab.getRange(2, 1, rows.length, UNITS_HEADERS.length).setValues(rows);
  });
  return unit;
}

describe('Lập báo cáo tổng hợp, every register of Đơn vị', () => {
  it('counts each register once, reports those it cannot open, and the total is the sum of the units', () => {
    const { run } = oversight(3, 20);
    const answer = run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'units' }));
    expect(answer).toMatchObject({
      ok: true,
      message: expect.stringContaining('(3/5 sổ; 60 hồ sơ tiếp nhận). 2 sổ không đọc được'),
    });
    const values = summaryValues(run);
    for (const name of ['Xã 1', 'Xã 2', 'Xã 3']) expect(rowOf(values, name, 'Cấp xã')[2]).toBe(20);
    expect(rowOf(values, 'Tổng cộng')[2]).toBe(60);
    const failures = values.filter((r) => String(r[3]).startsWith('Không đọc được sổ'));
    expect(failures.map((r) => r[0])).toEqual(['Xã sai mã', 'Xã không chia sẻ']);
  });

  it('continues past the 6-minute limit from its checkpoint in a one-shot trigger, never counting a register twice', () => {
    // 300 registers: opening each costs most of a second, more than one execution holds.
    const { run, world } = oversight(300, 2);
    const first = run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'units' }), 'editor');
    expect(first).toMatchObject({ ok: true, message: expect.stringMatching(/^Đã đọc \d+\/302 sổ; MotCua đọc tiếp/) });
    expect(world.triggers.map((t) => t.handler)).toEqual([SUMMARY_FOLLOW_UP]);
    const runs = world.runTriggersUntil(new Date(world.clock.nowMs() + 3600_000), { continueSummary });
    expect(runs.filter((r) => r.error)).toEqual([]);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(world.triggers).toEqual([]);
    const values = summaryValues(run);
    expect(rowOf(values, 'Tổng cộng')[2]).toBe(600);
    expect(values.filter((r) => /^Xã \d+$/.test(String(r[0])) && r[1] === 'Cấp xã')).toHaveLength(300);
    run((_s, ss) => expect(ss.getSheetByName('MotCua – tạm')).toBeNull());
  });
});

describe('Chia sẻ cho HĐND', () => {
  function headUnit() {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 25));
    setConfig(unit.run, {
      'Email thủ trưởng': 'canbo@example.gov.vn',
      'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn, daibieu2@hdnd.vn',
    });
    unit.run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' }));
    return unit;
  }

  it('makes a values-only copy with no citizen in it, shared view-only with the council, and logs it', () => {
    const { run, world } = headUnit();
    const answer = run((s) => shareWithCouncil(s));
    expect(answer).toMatch(
      /^Đã tạo bản chỉ xem cho HĐND lúc 20\/03\/2026 09:\d\d: https:\/\/docs\.google\.com\/spreadsheets\/d\//,
    );
    expect(answer).toContain('Google đã gửi thư báo cho daibieu1@hdnd.vn, daibieu2@hdnd.vn.');
    const copy = [...world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
    expect(copy.viewers.sort()).toEqual(['daibieu1@hdnd.vn', 'daibieu2@hdnd.vn']);
    const text = JSON.stringify(copy, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));
    for (const secret of ['Công Dân Bí Mật', '0019', 'Ngõ Kín', '0987', '@rieng.vn']) expect(text).not.toContain(secret);
    expect(copy.sheets.every((s) => s.formulas.size === 0)).toBe(true);
    expect(text).toContain('Tổng cộng');
    const log = run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.log)!;
      return sheet.getRange(sheet.getLastRow(), 4, 1, 4).getValues()[0]!;
    });
    expect(log[0]).toBe('Chia sẻ cho HĐND');
    expect(String(log[3])).toContain('người xem daibieu1@hdnd.vn, daibieu2@hdnd.vn');
  });

  it('refreshes the same copy: no viewer added twice, one no longer listed removed', () => {
    const { run, world } = headUnit();
    run((s) => shareWithCouncil(s));
    setConfig(run, { 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
    const again = run((s) => shareWithCouncil(s));
    expect(again).toContain('Đã cập nhật bản chỉ xem');
    expect(again).toContain('Đã bỏ quyền xem của daibieu2@hdnd.vn.');
    const copies = [...world.spreadsheets.values()].filter((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.viewers).toEqual(['daibieu1@hdnd.vn']);
  });

  it('makes a new copy, and says so, when the one it made was deleted, whatever words Google uses for it', () => {
    const { run, world } = headUnit();
    run((s) => shareWithCouncil(s));
    const first = [...world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
    world.deleteSpreadsheet(first.id);
    const again = run((s) => shareWithCouncil(s));
    expect(again).toMatch(
      /^Bản chỉ xem trước không còn mở được \(đã bị xóa hoặc bạn không còn quyền\), nên MotCua tạo bản mới\. Đã tạo bản chỉ xem cho HĐND/,
    );
    const copies = [...world.spreadsheets.values()].filter((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
    expect(copies.map((c) => c.viewers.sort())).toEqual([['daibieu1@hdnd.vn', 'daibieu2@hdnd.vn']]);
    // A passing fault of Google is not taken for a deleted copy: nothing is made twice.
    failOnce(world, 'SpreadsheetApp.openById');
    expect(errorOf(() => run((s) => shareWithCouncil(s)))).toBe(
      'Chưa mở được bản chỉ xem đã có (Google tạm thời không trả lời); chưa có gì thay đổi, hãy thử lại sau ít phút.',
    );
    expect([...world.spreadsheets.values()].filter((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))).toHaveLength(1);
  });

  it('shares with each address it may, and names each one the domain’s sharing policy refuses, with what to do', () => {
    const { run, world } = headUnit();
    world.shareRefused.push('daibieu2@hdnd.vn');
    const answer = run((s) => shareWithCouncil(s));
    expect(answer).toContain('Người xem: daibieu1@hdnd.vn.');
    expect(answer).toContain('Google đã gửi thư báo cho daibieu1@hdnd.vn.');
    expect(answer).toContain(
      'Google không cho chia sẻ với daibieu2@hdnd.vn (thường do tổ chức của bạn chỉ cho chia sẻ trong tên miền của mình): hãy kiểm tra địa chỉ, hoặc nhờ quản trị Google Workspace cho phép.',
    );
    expect(answer).toContain('Đừng chuyển bản chỉ xem vào Thùng rác');
    const copy = [...world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
    expect(copy.viewers).toEqual(['daibieu1@hdnd.vn']);
  });

  it('is refused to anyone but the head named in Cấu hình', () => {
    const { world, book } = headUnit();
    const other = (fn: (s: Services) => string) => world.run({ user: 'vanthu@yenlac.gov.vn', spreadsheetId: book.id }, fn);
    expect(() => other((s) => shareWithCouncil(s))).toThrow(
      'Chỉ thủ trưởng đơn vị (canbo@example.gov.vn) được chia sẻ báo cáo cho HĐND; bạn đang đăng nhập là vanthu@yenlac.gov.vn.',
    );
  });
});
