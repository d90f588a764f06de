/**
 * `Kiểm tra dữ liệu` on a register of 20,000 dossiers and its 40,000 events: a constant number of
 * service calls, well inside Apps Script's 6 minutes, and nothing found in data that holds together.
 */
import { computeDue, periodOf } from '../../src/core/appointment';
import { unitCalendar } from '../../src/core/calendar';
import { addDays, formatIsoDateTime } from '../../src/core/civil';
import { DEFAULT_OFFICE_HOURS } from '../../src/core/officeHours';
import { SAMPLE_CATALOGUE } from '../../src/core/procedures';
import { checkData } from '../../src/server/consistency';
import { LOG_COLUMNS, REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { readyUnit } from '../helpers';

const DOSSIERS = 20_000;

it('checks 20,000 rows and 40,000 events in a constant number of calls', () => {
  const unit = readyUnit(new Date('2026-11-20T02:00:00Z'));
  const procedure = SAMPLE_CATALOGUE.find((p) => p.code === '1.004194')!;
  const schedule = { calendar: unitCalendar([]), officeHours: DEFAULT_OFFICE_HOURS };
  const at = (iso: string) => new Date(`${iso}:00+07:00`);
  const register: unknown[][] = [];
  const log: unknown[][] = [];
  for (let i = 0; i < DOSSIERS; i += 1) {
    // 80 a day from 02/01/2026, every day of the year (the numbers matter, not the counter's hours).
    const day = addDays('2026-01-02', Math.floor(i / 80));
    const seq = (i % 80) + 1;
    const receivedAt = { date: day, minute: 8 * 60 + seq };
    const due = computeDue(periodOf(procedure), receivedAt, schedule);
    const code = `000.17.22.H56-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
    const row: unknown[] = REGISTER_COLUMNS.map(() => '');
    const set = (h: (typeof REGISTER_COLUMNS)[number], v: unknown) => (row[REGISTER_COLUMNS.indexOf(h)] = v);
    set('STT', i + 1);
    set('Mã hồ sơ', code);
    set('Mã TTHC', procedure.code);
    set('Thời điểm tiếp nhận', at(formatIsoDateTime(receivedAt)));
    set('Hạn trả kết quả', at(formatIsoDateTime(due)));
    set('Trạng thái', 'Đang giải quyết');
    set('Số lần yêu cầu bổ sung', 0);
    register.push(row);
    const event = (action: string, from: string, to: string, details: object) =>
      log.push(
        LOG_COLUMNS.map(
          (h) =>
            ({
              'Thời điểm': at(formatIsoDateTime(receivedAt)),
              'Mã hồ sơ': code,
              'Thao tác': action,
              'Trạng thái trước': from,
              'Trạng thái sau': to,
              'Chi tiết': JSON.stringify(details),
            })[h as string] ?? '',
        ),
      );
    event('Tiếp nhận hồ sơ', '', 'Đã tiếp nhận', { dueAt: formatIsoDateTime(due) });
    event('Chuyển xử lý', 'Đã tiếp nhận', 'Đang giải quyết', {});
  }
  unit.run((_s, ss) => {
    ss.getSheetByName(TABS.register)!.insertRowsAfter(1, DOSSIERS);
    ss.getSheetByName(TABS.log)!.insertRowsAfter(1, log.length);
    ss.getSheetByName(TABS.register)!
      .getRange(2, 1, DOSSIERS, REGISTER_COLUMNS.length)
      .setValues(register as never);
    ss.getSheetByName(TABS.log)!
      .getRange(2, 1, log.length, LOG_COLUMNS.length)
      .setValues(log as never);
  });
  const calls = { ...unit.world.runtime.counters.calls };
  const started = unit.world.clock.now().getTime();
  const answer = unit.run((s) => checkData(s));
  const spent = Object.entries(unit.world.runtime.counters.calls).reduce((n, [k, v]) => n + v - (calls[k] ?? 0), 0);
  const seconds = (unit.world.clock.now().getTime() - started) / 1000;
  console.log(`check: ${DOSSIERS} rows, ${log.length} events, ${spent} calls, ${seconds} s of simulated Apps Script time`);
  expect(answer).toMatchObject({ rows: DOSSIERS, events: 2 * DOSSIERS, total: 0 });
  expect(spent).toBeLessThanOrEqual(40);
  expect(seconds).toBeLessThan(60);
});
