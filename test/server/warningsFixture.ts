/** A unit whose register holds open dossiers typed in by hand, and its officers' addresses: the deadline warnings' tests start here. */
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { continueDailyWarnings, runDailyWarnings } from '../../src/server/warnings/schedule';
import { readyUnit, registerColumn as col } from '../helpers';

export const HANDLERS = { runDailyWarnings, continueDailyWarnings };
export const OFFICERS = ['Trần Văn Nam', 'Lê Thị Mai', 'Phạm Văn Hùng', 'Đỗ Thị Lan', 'Vũ Văn Bình'];
export const emailOf = (name: string) => `cb${OFFICERS.indexOf(name) + 1}@yenlac.gov.vn`;
export const HEAD = 'chutich@yenlac.gov.vn';

export interface Row {
  code: string;
  handler: string;
  due: string; // YYYY-MM-DD, 17:00 Vietnam time
  status?: string;
  newDue?: string;
}

/** Vietnam wall time as an instant (Asia/Ho_Chi_Minh is UTC+7 all year). */
export const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);

/** A unit whose register holds `rows` (open dossiers typed in as a register that has been used), officers' e-mails set. */
export function unitWith(
  rows: readonly Row[],
  start: Date,
  options: { lead?: number; head?: string; addressed?: readonly string[] } = {},
) {
  const unit = readyUnit(start);
  unit.run((_s, ss) => {
    const config = ss.getSheetByName(TABS.config)!;
    const keys = config
      .getRange(1, 1, config.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0]));
    const set = (key: string, value: string) => {
      const at = keys.indexOf(key);
      if (at >= 0) config.getRange(at + 1, 2).setValue(value);
      else {
        config.appendRow([key, value]);
        keys.push(key);
      }
    };
    set('Số ngày báo trước khi đến hạn', String(options.lead ?? 2));
    if (options.head ?? HEAD) set('Email thủ trưởng', options.head ?? HEAD);
    for (const name of options.addressed ?? OFFICERS) set(`Cán bộ: ${name}`, emailOf(name));
    const sheet = ss.getSheetByName(TABS.register)!;
    if (sheet.getMaxRows() < rows.length + 50) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 50 - sheet.getMaxRows());
    const values = rows.map((r, i) => {
      const row: (string | number | Date)[] = Array(REGISTER_COLUMNS.length).fill('');
      row[col('STT') - 1] = i + 1;
      row[col('Mã hồ sơ') - 1] = r.code;
      row[col('Mã TTHC') - 1] = '1.004194';
      row[col('Tên thủ tục') - 1] = 'Đăng ký thường trú';
      row[col('Người nộp') - 1] = `Nguyễn Thị Dân ${i}`;
      row[col('Số giấy tờ tùy thân') - 1] = `0010990${String(10000 + i)}`;
      row[col('Địa chỉ') - 1] = `Thôn Riêng Tư ${i}`;
      row[col('Điện thoại') - 1] = `09${String(10000000 + i)}`;
      row[col('Email') - 1] = `dan${i}@nha.vn`;
      row[col('Hình thức nộp') - 1] = 'Trực tiếp';
      row[col('Thời điểm tiếp nhận') - 1] = vn('2026-03-02', '08:00');
      row[col('Hạn trả kết quả') - 1] = vn(r.due);
      if (r.newDue) row[col('Hạn trả mới') - 1] = vn(r.newDue);
      row[col('Trạng thái') - 1] = r.status ?? 'Đang giải quyết';
      row[col('Cán bộ xử lý') - 1] = r.handler;
      return row;
    });
    if (values.length > 0) sheet.getRange(2, 1, values.length, REGISTER_COLUMNS.length).setValues(values);
  });
  return unit;
}

export const warningColumn = (run: ReturnType<typeof readyUnit>['run'], n: number) =>
  run((_s, ss) =>
    ss
      .getSheetByName(TABS.register)!
      .getRange(2, col('Cảnh báo'), n, 1)
      .getValues()
      .map((r) => String(r[0])),
  );

export const code = (n: number) => `000.17.22.H56-260302-${String(n).padStart(4, '0')}`;
