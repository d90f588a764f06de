/**
 * Khóa sổ cuối năm at scale: 20,000 dossiers and 60,000 events moved within Apps Script’s 6 minutes
 * in a bounded number of calls. Run once, under the non-UTC zone (scripts/jest-two-zones.mjs).
 */
import type { CellValue, Services, Spreadsheet } from '../../src/gas/services';
import { closeYear } from '../../src/server/yearEnd';
import { archiveName } from '../../src/sheets/archive';
import { LOG_COLUMNS, TABS } from '../../src/sheets/schema';
import { readyUnit, registerColumn as col } from '../helpers';
import { setConfig } from './registerFixture';

const HEAD = 'truong@yenlac.gov.vn';

const OFFICER = 'canbo@example.gov.vn'; // the workbook's owner in the fixture

const vn = (at: string) => new Date(`${at}:00+07:00`);

type Unit = ReturnType<typeof readyUnit>;

function newUnit(): Unit {
  const unit = readyUnit(vn('2018-01-02T07:30'));
  setConfig(unit.run, { 'Email thủ trưởng': HEAD });
  unit.book.editors.push(HEAD, 'vanthu@yenlac.gov.vn');
  return unit;
}

const asHead = <T>(unit: Unit, fn: (s: Services, ss: Spreadsheet) => T): T =>
  unit.world.run({ user: HEAD, spreadsheetId: unit.book.id }, (s) => fn(s, s.spreadsheetApp.getActiveSpreadsheet()!));

const rowsOf = (ss: Spreadsheet, tab: string): CellValue[][] => {
  const sheet = ss.getSheetByName(tab);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).getValues();
};

describe('Khóa sổ cuối năm, a large register', () => {
  it('moves 20,000 dossiers of a year and their 60,000 events within Apps Script’s 6 minutes, in a bounded number of calls', () => {
    const unit = newUnit();
    const N = 20_000;
    const at = (day: number, hh: number) => new Date(Date.UTC(2019, 0, 1 + day, hh - 7, 0));
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertRowsAfter(sheet.getMaxRows(), N);
      const rows: CellValue[][] = [];
      const events: CellValue[][] = [];
      for (let i = 0; i < N; i += 1) {
        const day = Math.floor((i * 360) / N);
        const code = `000.17.22.H56-19${String(Math.floor(day / 30) + 1).padStart(2, '0')}${String((day % 28) + 1).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`;
        // Open: a stalled dossier every 1,000, and most of the last weeks' (rows are in the order received).
        const open = i % 1000 === 999 || (i >= N - 300 && i % 3 !== 0);
        const row: CellValue[] = Array(col('Mã yêu cầu')).fill('');
        row[col('STT') - 1] = i + 1;
        row[col('Mã hồ sơ') - 1] = code;
        row[col('Tên thủ tục') - 1] = 'Đăng ký thường trú';
        row[col('Lĩnh vực') - 1] = 'Đăng ký, quản lý cư trú';
        row[col('Người nộp') - 1] = `Người ${i}`;
        row[col('Hình thức nộp') - 1] = 'Trực tiếp';
        row[col('Thời điểm tiếp nhận') - 1] = at(day, 8);
        row[col('Hạn trả kết quả') - 1] = at(day + 7, 17);
        row[col('Trạng thái') - 1] = open ? 'Đang giải quyết' : 'Đã trả kết quả';
        if (!open) row[col('Ngày có kết quả') - 1] = at(day + 3, 7);
        if (!open) row[col('Ngày trả kết quả') - 1] = at(day + 4, 7);
        rows.push(row);
        for (const action of ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Trả kết quả']) {
          events.push([at(day, 9), OFFICER, code, action, '', '', '', '', `k${events.length}`]);
        }
      }
      sheet.getRange(2, 1, N, rows[0]!.length).setValues(rows);
      const log = ss.getSheetByName(TABS.log)!;
      log.insertRowsAfter(log.getMaxRows(), events.length);
      log.getRange(2, 1, events.length, LOG_COLUMNS.length).setValues(events);
    });
    const world = unit.world;
    const calls = world.runtime.totalCalls();
    const deletes = world.runtime.counters.calls['Sheet.deleteRows'] ?? 0;
    const cells = { read: world.runtime.counters.cellsRead, written: world.runtime.counters.cellsWritten };
    world.clock.set(vn('2020-01-10T09:00'));
    world.ui.answers.push('YES');
    const started = world.clock.nowMs();
    const message = asHead(unit, (s) => closeYear(s, 2019));
    const seconds = (world.clock.nowMs() - started) / 1000;
    const used = world.runtime.totalCalls() - calls;
    console.log(
      `Khóa sổ cuối năm, ${N} dossiers: ${used} calls (${(world.runtime.counters.calls['Sheet.deleteRows'] ?? 0) - deletes} of them deleteRows), ` +
        `${Math.round(seconds)} s of simulated Apps Script time, ` +
        `${world.runtime.counters.cellsRead - cells.read} cells read, ${world.runtime.counters.cellsWritten - cells.written} written — ${message}`,
    );
    expect(message).toBe('Đã khóa sổ năm 2019: 19.781 hồ sơ đã xong và 59.343 dòng nhật ký sang trang “Lưu trữ 2019”.');
    expect(seconds).toBeLessThan(6 * 60);
    // One deleteRows per tab (the kept rows written back in one block), and the tabs read again after the
    // head's answer and before the deletes (a sort takes no lock). One per run of adjacent rows made it 240;
    // one number format per archive column, 208 with the service index's six columns. The record of the
    // tabs written (document properties), the tabs' names read without case and the locks read to know the archives add about 45.
    expect((world.runtime.counters.calls['Sheet.deleteRows'] ?? 0) - deletes).toBe(2);
    expect(used).toBeLessThan(200);
    unit.run((_s, ss) => {
      expect(rowsOf(ss, archiveName(2019))).toHaveLength(19_781);
      expect(rowsOf(ss, TABS.register).filter((r) => r[col('Mã hồ sơ') - 1] !== '')).toHaveLength(219);
    });
  });
});
