/**
 * Review 11 (a second fresh look at the deadline warnings and the oversight report): each test was a
 * defect found, fixed since.
 */
import { buildSummary, continueSummary, UNITS_HEADERS } from '../../src/server/summary/build';
import { shareWithCouncil } from '../../src/server/summary/council';
import { checkDeadlinesNow } from '../../src/server/warnings/schedule';
import { TABS } from '../../src/sheets/schema';
import { failOnce, readyUnit, registerColumn as col } from '../helpers';
import { fillRegister, setConfig } from './registerFixture';

const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);
type Run = ReturnType<typeof readyUnit>['run'];

const PERIOD = { from: '2026-02-15', to: '2026-03-14' };
const summaryValues = (run: Run) =>
  run((_s, ss) => {
    const sheet = ss.getSheetByName(TABS.summary)!;
    return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  });
const councilCopies = (world: ReturnType<typeof readyUnit>['world']) =>
  [...world.spreadsheets.values()].filter((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
const dump = (x: unknown) =>
  JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));

/** An oversight workbook whose `Đơn vị` tab lists registers (rows: tab name, level, register name in its rows, size). */
function oversight(registers: { tabName: string; level: string; rowsName: string; size: number }[]) {
  const unit = readyUnit(vn('2026-03-20', '09:00'));
  const ids = registers.map((r) => {
    const book = unit.world.createSpreadsheetData(`Sổ ${r.tabName}`, 'canbo@example.gov.vn');
    unit.world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) =>
      fillRegister(s.spreadsheetApp.getActiveSpreadsheet()!, r.rowsName, r.size),
    );
    return book.id;
  });
  unit.run((_s, ss) => {
    const tab = ss.insertSheet(TABS.units);
    tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
    tab
      .getRange(2, 1, ids.length, UNITS_HEADERS.length)
      .setValues(ids.map((id, i) => [registers[i]!.tabName, registers[i]!.level, id, '']));
  });
  return unit;
}

describe('review 11', () => {
  it('T1: the head named with a deputy in Email thủ trưởng (as the warnings allow) may share with the council', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
    setConfig(unit.run, {
      'Email thủ trưởng': 'canbo@example.gov.vn, phochutich@example.gov.vn',
      'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn',
    });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    expect(() => unit.run((s) => shareWithCouncil(s))).not.toThrow();
  });

  it('T2: a citizen’s name pasted into Trạng thái does not reach the head’s e-mail', () => {
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

  it('T3: the council copy holds no quoted row when the data-quality heading was retyped by hand', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) =>
      fillRegister(ss, 'UBND xã Yên Lạc', 5, (row, i) => {
        if (i === 4) row[col('Trạng thái') - 1] = 'Nguyễn Thị Bí Mật 0912345678';
      }),
    );
    setConfig(unit.run, { 'Email thủ trưởng': 'canbo@example.gov.vn', 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    // Someone numbers the sections of the report before printing it: "V. Chất lượng dữ liệu…".
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.summary)!;
      const values = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
      const at = values.findIndex((r) => String(r[0]).startsWith('Chất lượng dữ liệu'));
      sheet.getRange(at + 1, 1).setValue(`V. ${String(values[at]![0])}`);
    });
    // Fail closed: the report is made again before it goes to the council; nothing is shared meanwhile.
    expect(() => unit.run((s) => shareWithCouncil(s))).toThrow('đã bị sửa tay (không thấy phần Chất lượng dữ liệu)');
    const text = dump(councilCopies(unit.world));
    expect({ name: text.includes('Bí Mật'), phone: text.includes('0912345678') }).toEqual({ name: false, phone: false });
  });

  it('T4: a Google timeout opening the council copy does not make a second copy shared with the council', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
    setConfig(unit.run, { 'Email thủ trưởng': 'canbo@example.gov.vn', 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    unit.run((s) => shareWithCouncil(s));
    failOnce(unit.world, 'SpreadsheetApp.openById');
    try {
      unit.run((s) => shareWithCouncil(s));
    } catch {
      // refusing is fine; making another copy is not
    }
    expect(councilCopies(unit.world)).toHaveLength(1);
  });

  it('T5: the subtotal per level appears when the Đơn vị tab names a unit otherwise than its register’s rows', () => {
    const { run } = oversight([
      { tabName: 'Huyện Yên Lạc', level: 'Cấp huyện', rowsName: 'UBND huyện Yên Lạc', size: 4 },
      { tabName: 'Xã A', level: 'Cấp xã', rowsName: 'UBND xã A', size: 3 },
      { tabName: 'Xã B', level: 'Cấp xã', rowsName: 'UBND xã B', size: 2 },
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const values = summaryValues(run);
    expect(values.some((r) => /Cấp xã/.test(String(r[0])) && r[2] === 5)).toBe(true);
  });

  it('T6: a unit of the Đơn vị tab with no dossier in the period still has its line (zeros) in Biểu 06', () => {
    const { run } = oversight([
      { tabName: 'Xã A', level: 'Cấp xã', rowsName: 'Xã A', size: 3 },
      { tabName: 'Xã B', level: 'Cấp xã', rowsName: 'Xã B', size: 0 },
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const values = summaryValues(run);
    const unitTable = values.slice(
      7,
      values.findIndex((r) => r[0] === 'Tổng cộng'),
    );
    expect(unitTable.map((r) => r[0])).toContain('Xã B');
  });

  it('T7: the Cảnh báo column dragged elsewhere while the check runs: no other column is written over', () => {
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

  it('T8: two reports of different periods at once: the one continued by the follow-up counts no register for the other period', () => {
    const unit = oversight([
      { tabName: 'Xã A', level: 'Cấp xã', rowsName: 'Xã A', size: 3 },
      { tabName: 'Xã B', level: 'Cấp xã', rowsName: 'Xã B', size: 4 },
      { tabName: 'Xã C', level: 'Cấp xã', rowsName: 'Xã C', size: 5 },
    ]);
    const { world, run } = unit;
    const march = { from: '2026-03-01', to: '2026-03-14' }; // all 12 dossiers received 02/03
    const january = { from: '2026-01-01', to: '2026-01-31' }; // none
    let opened = 0;
    world.runtime.onCall = (call) => {
      if (call !== 'SpreadsheetApp.openById' || (opened += 1) !== 2) return;
      world.runtime.onCall = undefined;
      // While the district officer's March report reads Xã B, the secretariat asks for January: a long run
      // that stops at once at its checkpoint (as one near the 6-minute limit does).
      run((s) => buildSummary(s, { ...january, scope: 'units' }, s.clock.now().getTime() - 5 * 60_000));
      // Then the March run, reading Xã B, nears its own limit.
      world.clock.advance(5 * 60_000);
    };
    run((s) => buildSummary(s, { ...march, scope: 'units' }));
    // The follow-up (its trigger) continues the report that was stopped at its checkpoint.
    run((s) => continueSummary(s), 'trigger');
    const values = summaryValues(run);
    // Whichever report the sheet shows, its figures are that period's: no register of the other counted.
    const total = values.find((r) => r[0] === 'Tổng cộng')![2];
    expect(String(values[1]![0]).includes('01/03/2026') ? total === 12 : total === 0).toBe(true);
  });
});
