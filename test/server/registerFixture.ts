/** Registers typed in by hand for the report's and the council copy's tests. */
import type { Spreadsheet } from '../../src/gas/services';
import { LOG_COLUMNS, REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { type readyUnit, registerColumn as col } from '../helpers';

type Run = ReturnType<typeof readyUnit>['run'];
export type Row = (string | number | Date)[];
const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);

/** `n` open dossiers received 02/03/2026 due 06/03 (handled by Trần Văn Nam); `tweak` may change each row. */
export function fillRegister(ss: Spreadsheet, unit: string, n: number, tweak: (row: Row, i: number) => void = () => {}): void {
  const sheet = ss.getSheetByName(TABS.register) ?? ss.insertSheet(TABS.register);
  if (sheet.getMaxColumns() < REGISTER_COLUMNS.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), REGISTER_COLUMNS.length - sheet.getMaxColumns());
  sheet.getRange(1, 1, 1, REGISTER_COLUMNS.length).setValues([[...REGISTER_COLUMNS]]);
  if (sheet.getMaxRows() < n + 1) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1 - sheet.getMaxRows());
  const rows = Array.from({ length: n }, (_, i) => {
    const row: Row = Array(REGISTER_COLUMNS.length).fill('');
    row[col('Mã hồ sơ') - 1] = `000.17.22.H56-260302-${String(i + 1).padStart(4, '0')}`;
    row[col('Tên thủ tục') - 1] = 'Đăng ký khai sinh';
    row[col('Lĩnh vực') - 1] = 'Hộ tịch';
    row[col('Đơn vị tiếp nhận') - 1] = unit;
    row[col('Người nộp') - 1] = `Công Dân Bí Mật ${i}`;
    row[col('Hình thức nộp') - 1] = 'Trực tiếp';
    row[col('Thời điểm tiếp nhận') - 1] = vn('2026-03-02', '08:00');
    row[col('Hạn trả kết quả') - 1] = vn('2026-03-06');
    row[col('Trạng thái') - 1] = 'Đang giải quyết';
    row[col('Cán bộ xử lý') - 1] = 'Trần Văn Nam';
    tweak(row, i);
    return row;
  });
  if (n > 0) sheet.getRange(2, 1, n, REGISTER_COLUMNS.length).setValues(rows);
}

export function setConfig(run: Run, entries: Record<string, string>): void {
  run((_s, ss) => {
    const config = ss.getSheetByName(TABS.config)!;
    const keys = config
      .getRange(1, 1, config.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0]));
    for (const [key, value] of Object.entries(entries)) {
      const at = keys.indexOf(key);
      if (at >= 0) config.getRange(at + 1, 2).setValue(value);
      else {
        config.appendRow([key, value]);
        keys.push(key);
      }
    }
  });
}

type FixtureRun = ReturnType<typeof readyUnit>['run'];

/** The event log's rows below its header, as values. */
export const logRows = (run: FixtureRun) =>
  run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log.getRange(2, 1, Math.max(1, log.getLastRow() - 1), LOG_COLUMNS.length).getValues();
  });

/** A log header's 0-based index in a row of `logRows`. */
export const logCol = (h: (typeof LOG_COLUMNS)[number]) => LOG_COLUMNS.indexOf(h);
