/**
 * `Khóa sổ cuối năm` (Circular 01/2018/TT-VPCP Art. 10): three years of counter work, 2018–2020,
 * recorded through the intake and update forms on the simulated clock, in two identical unit
 * workbooks; one closes 2018 (on 10/01/2019) and 2019 (on 08/01/2020), the other never does. Every
 * report (the whole range, every official month, quarter, 6 and 9 months and year in it), the report
 * sheet and the CLI's `summary` are the same in both, and the same just before and just after each
 * closing; codes and register numbers are the same dossier for dossier, and unique across the
 * register and the archives; the active register keeps only what is open or of the current year.
 */
import { checkData } from '../../src/server/consistency';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitCalendar } from '../../src/core/calendar';
import { summarize } from '../../src/core/summary';
import type { CellValue, Services, Spreadsheet } from '../../src/gas/services';
import { summaryCommand } from '../../src/local/cli/summary';
import { saveXlsx } from '../../src/local/gas/xlsx';
import { submitIntake } from '../../src/server/intake';
import { buildSummary } from '../../src/server/summary/build';
import { shareWithCouncil } from '../../src/server/summary/council';
import { submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { archiveLogName, archiveName } from '../../src/sheets/archive';
import { ZoneConverter } from '../../src/sheets/dates';
import { lockedArchives } from '../../src/sheets/archive';
import { readReportRecords, reportLayout } from '../../src/sheets/periodRecords';
import { LOG_COLUMNS, TABS } from '../../src/sheets/schema';
import { errorOf, failOnce, intakeInput, readyUnit, registerColumn as col, snapshot } from '../helpers';
import { setConfig } from './registerFixture';

const HEAD = 'truong@yenlac.gov.vn';
const OFFICER = 'canbo@example.gov.vn'; // the workbook's owner in the fixture
const UNIT = 'UBND xã Yên Lạc';
const vn = (at: string) => new Date(`${at}:00+07:00`);
const CALENDAR = unitCalendar([]);
const logCol = (h: (typeof LOG_COLUMNS)[number]) => LOG_COLUMNS.indexOf(h) + 1;

type Step = Record<string, unknown> & { action: string; at: string };
interface Plan {
  readonly receivedAt: string;
  readonly procedureCode: string;
  readonly channel: string;
  readonly steps: readonly Step[];
}

const addDays = (at: string, days: number, hhmm: string) => {
  const d = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T${hhmm}`;
};

/** What happens to dossier `k` received at `at`: every path of the lifecycle, some finishing in the next year. */
function planOf(k: number, at: string, slow: boolean): Plan {
  const procedureCode = ['1.004194', '1.004873', '1.004222'][k % 3]!;
  const channel = ['Trực tiếp', 'Trực tuyến', 'Bưu chính'][k % 3 === 0 ? 1 : k % 2]!;
  const s = (days: number, hhmm: string, action: string, extra: Record<string, unknown> = {}): Step => ({
    action,
    at: addDays(at, days, hhmm),
    ...extra,
  });
  // Received in the last days of a year, finished in February of the next: still open when that year is closed.
  if (slow) {
    return {
      receivedAt: at,
      procedureCode,
      channel,
      steps: [
        s(0, '10:00', 'transfer'),
        s(45, '09:00', 'record-result'),
        s(46, '09:00', 'hand-over', { satisfaction: 'Hài lòng' }),
      ],
    };
  }
  const kind = k % 8;
  const steps: Step[] =
    kind === 0
      ? [s(0, '10:00', 'transfer'), s(1, '15:00', 'record-result'), s(2, '09:00', 'hand-over', { satisfaction: 'Rất hài lòng' })]
      : kind === 1
        ? [
            s(0, '10:00', 'transfer'),
            s(1, '09:00', 'apologise', {
              newDueAt: `${CALENDAR.addWorkingDays(at.slice(0, 10), 20)}T17:00`,
              reason: 'Chờ xác minh của công an huyện',
            }),
            s(20, '09:00', 'record-result'),
            s(21, '09:00', 'hand-over', { satisfaction: 'Không hài lòng' }),
          ]
        : kind === 2
          ? [s(0, '10:00', 'transfer'), s(2, '09:00', 'refuse', { reason: 'Không thuộc thẩm quyền' })]
          : kind === 3
            ? [s(1, '09:00', 'stop', { reason: 'Người nộp rút hồ sơ' })]
            : kind === 4
              ? [
                  s(0, '10:00', 'transfer'),
                  s(1, '09:00', 'request-supplement', { missing: 'Bản sao sổ hộ khẩu', reason: 'Thiếu giấy tờ' }),
                  s(4, '14:00', 'receive-supplement'),
                  s(7, '09:00', 'record-result'),
                  s(8, '09:00', 'hand-over', { satisfaction: 'Hài lòng' }),
                ]
              : kind === 5
                ? [s(0, '10:00', 'transfer'), s(3, '09:00', 'record-result')] // result ready, never collected
                : kind === 6
                  ? [s(0, '10:00', 'transfer')] // still open
                  : [s(0, '16:00', 'record-result'), s(1, '09:00', 'hand-over')];
  return { receivedAt: at, procedureCode, channel, steps };
}

/** Dossiers received on working days of 2018, 2019 and the first half of 2020, with a few in late December. */
function history(perYear: number, years = [2018, 2019, 2020]): Plan[] {
  const plans: Plan[] = [];
  let k = 0;
  for (const year of years) {
    const months = year === 2020 ? 6 : 12;
    for (let i = 0; i < perYear; i += 1) {
      const month = 1 + Math.floor((i * months) / perYear);
      const day = 5 + ((i * 7) % 20);
      plans.push(
        planOf(
          k,
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:${String(i % 50).padStart(2, '0')}`,
          false,
        ),
      );
      k += 1;
    }
    if (year < 2020) {
      for (const day of [20, 24, 27]) {
        plans.push(planOf(k, `${year}-12-${day}T09:${String(day).padStart(2, '0')}`, day !== 20));
        k += 1;
      }
    }
  }
  return plans;
}

type Unit = ReturnType<typeof readyUnit>;
type Op = { at: string; order: number; run: (unit: Unit, codes: string[]) => void };

function operations(plans: readonly Plan[]): Op[] {
  const ops: Op[] = [];
  plans.forEach((plan, k) => {
    ops.push({
      at: plan.receivedAt,
      order: k,
      run: (unit, codes) => {
        const r = unit.run((s) =>
          submitIntake(
            s,
            intakeInput({
              receivedAt: plan.receivedAt,
              procedureCode: plan.procedureCode,
              channel: plan.channel,
              applicantName: `Người ${k}`,
            }),
          ),
        );
        if (!r.ok) throw new Error(JSON.stringify(r));
        codes[k] = r.code;
      },
    });
    plan.steps.forEach((step, j) =>
      ops.push({
        at: step.at,
        order: k + j / 10,
        run: (unit, codes) => {
          const r = unit.run((s) =>
            submitUpdate(s, { requestId: `u-${k}-${j}-${Math.random().toString(36).slice(2)}`, code: codes[k], ...step }),
          );
          if (!r.ok) throw new Error(`${codes[k]} ${step.action} ${step.at}: ${JSON.stringify(r)}`);
        },
      }),
    );
  });
  return ops.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
}

function newUnit(): Unit {
  const unit = readyUnit(vn('2018-01-02T07:30'));
  setConfig(unit.run, { 'Email thủ trưởng': HEAD });
  unit.book.editors.push(HEAD, 'vanthu@yenlac.gov.vn');
  return unit;
}

/** Runs the operations up to (not including) `until`, each at its own time on the simulated clock. */
function play(unit: Unit, ops: Op[], codes: string[], until = '9999'): void {
  while (ops.length > 0 && ops[0]!.at < until) {
    const op = ops.shift()!;
    unit.world.clock.set(vn(op.at));
    op.run(unit, codes);
  }
}

const asHead = <T>(unit: Unit, fn: (s: Services, ss: Spreadsheet) => T): T =>
  unit.world.run({ user: HEAD, spreadsheetId: unit.book.id }, (s) => fn(s, s.spreadsheetApp.getActiveSpreadsheet()!));

function close(unit: Unit, at: string, year?: number, answer = 'YES'): string {
  unit.world.clock.set(vn(at));
  unit.world.ui.answers.push(answer);
  return asHead(unit, (s) => closeYear(s, year));
}

/** The official periods of 2018–2020 (cut off on the 14th) and the whole range. */
const PERIODS: [string, string][] = (() => {
  const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const out: [string, string][] = [['2018-01-01', '2020-06-30']];
  const back = (y: number, m: number, n: number): [number, number] => {
    const i = y * 12 + (m - 1) - n;
    return [Math.floor(i / 12), (i % 12) + 1];
  };
  for (let y = 2018; y <= 2020; y += 1) {
    for (let m = 1; m <= 12; m += 1) {
      const spans = [1, ...(m % 3 === 0 ? [3] : []), ...(m === 6 ? [6] : []), ...(m === 9 ? [9] : []), ...(m === 12 ? [12] : [])];
      for (const n of spans) {
        const [fy, fm] = back(y, m, n);
        out.push([day(fy, fm, 15), day(y, m, 14)]);
      }
    }
  }
  return out;
})();

/** Every report of `PERIODS`, as `summarize` gives it from the register and its archives, with the rows it could not classify. */
function reports(unit: Unit, periods = PERIODS): unknown[] {
  return unit.run((s, ss) => {
    const zone = new ZoneConverter(s.utilities, ss.getSpreadsheetTimeZone());
    const { records, problems } = readReportRecords(
      reportLayout(ss.getSheetByName(TABS.register)!, TABS.register),
      zone,
      UNIT,
      lockedArchives(s.spreadsheetApp, s.propertiesService.getDocumentProperties()),
    );
    return [problems, ...periods.map(([from, to]) => summarize(records, from, to, [UNIT]))];
  });
}

/** The `Tổng hợp giám sát` sheet for a period, without the line that says when it was made. */
function reportSheet(unit: Unit, from: string, to: string): CellValue[][] {
  return unit.run((s, ss) => {
    const answer = buildSummary(s, { from, to, scope: 'this' });
    if (!answer.ok) throw new Error(answer.message);
    const sheet = ss.getSheetByName(TABS.summary)!;
    return sheet
      .getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn())
      .getValues()
      .filter((r) => !String(r[0]).startsWith('Lập lúc'));
  });
}

/** Data rows of a tab below its header row (row 1 in the fixture's tabs and in the archives). */
const rowsOf = (ss: Spreadsheet, tab: string): CellValue[][] => {
  const sheet = ss.getSheetByName(tab);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).getValues();
};

/** Each dossier's code, register number, receipt year and where it is, across the register and its archives. */
function dossiers(unit: Unit) {
  return unit.run((_s, ss) =>
    [TABS.register, archiveName(2018), archiveName(2019)].flatMap((tab) =>
      rowsOf(ss, tab)
        .filter((r) => r[col('Mã hồ sơ') - 1] !== '')
        .map((r) => ({
          tab,
          code: String(r[col('Mã hồ sơ') - 1]),
          stt: r[col('STT') - 1] as number,
          year: (r[col('Thời điểm tiếp nhận') - 1] as Date).getTime(),
          status: String(r[col('Trạng thái') - 1]),
        })),
    ),
  );
}

const yearOf = (ms: number) => Number(new Date(ms + 7 * 3600_000).toISOString().slice(0, 4));

describe('Khóa sổ cuối năm, three years of counter work', () => {
  const plans = history(24);
  const never = newUnit();
  const closing = newUnit();
  const codesNever: string[] = [];
  const codesClosing: string[] = [];
  const opsNever = operations(plans);
  const opsClosing = operations(plans);
  const moments: {
    year: number;
    active: ReturnType<typeof dossiers>;
    before: unknown[];
    after: unknown[];
    message: string;
    sheetBefore: CellValue[][];
    sheetAfter: CellValue[][];
  }[] = [];

  beforeAll(() => {
    play(never, opsNever, codesNever);
    for (const [year, at] of [
      [2018, '2019-01-10T09:00'],
      [2019, '2020-01-08T09:00'],
    ] as const) {
      play(closing, opsClosing, codesClosing, at);
      closing.world.clock.set(vn(at));
      const before = reports(closing);
      const sheetBefore = reportSheet(closing, `${year}-01-01`, `${year}-12-31`);
      const message = close(closing, at);
      moments.push({
        year,
        active: dossiers(closing).filter((d) => d.tab === TABS.register),
        before,
        after: reports(closing),
        message,
        sheetBefore,
        sheetAfter: reportSheet(closing, `${year}-01-01`, `${year}-12-31`),
      });
    }
    play(closing, opsClosing, codesClosing);
  });

  it('gives every report of 2018–2020 the same just before and just after closing 2018, then 2019', () => {
    expect(moments).toHaveLength(2);
    for (const m of moments) {
      expect(m.after).toEqual(m.before);
      expect(m.sheetAfter).toEqual(m.sheetBefore);
    }
    // Not a comparison of nothing: dossiers of the closed years were counted, in 58 periods.
    const whole = moments[1]!.after[1] as { total: { received: { total: number }; resolved: { late: number } } };
    expect(PERIODS).toHaveLength(58);
    expect(whole.total.received.total).toBeGreaterThan(50);
    expect(whole.total.resolved.late).toBeGreaterThan(0);
    expect(moments[0]!.message).toMatch(
      /^Đã khóa sổ năm 2018: \d+ hồ sơ đã xong và \d+ dòng nhật ký sang trang “Lưu trữ 2018”\.$/,
    );
  });

  it('gives the same reports, report sheet and CLI summary as the workbook that never closed a year', async () => {
    expect(reports(closing)).toEqual(reports(never));
    for (const [from, to] of [
      ['2018-01-01', '2020-06-30'],
      ['2018-12-15', '2019-12-14'],
      ['2019-12-15', '2020-03-14'],
    ] as const) {
      expect(reportSheet(closing, from, to)).toEqual(reportSheet(never, from, to));
    }
    // The CLI reads an .xlsx's register and its `Lưu trữ YYYY` tabs.
    const dir = mkdtempSync(join(tmpdir(), 'motcua-close-'));
    await saveXlsx(never.world.spreadsheets.get(never.book.id)!, join(dir, 'never.xlsx'));
    await saveXlsx(closing.world.spreadsheets.get(closing.book.id)!, join(dir, 'closing.xlsx'));
    for (const [from, to] of [
      ['2018-01-01', '2020-06-30'],
      ['2018-12-15', '2019-12-14'],
    ] as const) {
      const a = await summaryCommand(['--from', from, '--to', to, '--json', join(dir, 'never.xlsx')]);
      const b = await summaryCommand(['--from', from, '--to', to, '--json', join(dir, 'closing.xlsx')]);
      expect(b).toEqual(a);
      expect((JSON.parse(b.stdout) as { total: { received: { total: number } } }).total.received.total).toBeGreaterThan(20);
    }
  });

  it('gives the council the same read-only copy, with no archived citizen in it', () => {
    const copyOf = (unit: Unit) => {
      setConfig(unit.run, { 'Email HĐND (bản chỉ xem)': 'daibieu@hdnd.vn' });
      reportSheet(unit, '2018-12-15', '2019-12-14');
      expect(asHead(unit, (s) => shareWithCouncil(s))).toContain('Đã tạo bản chỉ xem cho HĐND');
      const copy = [...unit.world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
      return unit.world.run({ spreadsheetId: copy.id }, (s) => {
        const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
        return sheet
          .getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn())
          .getValues()
          .filter((r) => !String(r[0]).startsWith('Lập lúc'));
      });
    };
    const copy = copyOf(closing);
    expect(copy).toEqual(copyOf(never));
    expect(JSON.stringify(copy)).not.toMatch(/Người \d|001099012345|hoa@example\.vn/);
  });

  it('keeps every code and register number, unique across the register and the archives, as the workbook that never closed', () => {
    const all = dossiers(closing);
    const reference = dossiers(never);
    expect(all).toHaveLength(plans.length);
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
    const numbers = all.map((d) => `${yearOf(d.year)}/${d.stt}`);
    expect(new Set(numbers).size).toBe(all.length);
    const sttOf = new Map(reference.map((d) => [d.code, d.stt]));
    for (const d of all) expect([d.code, d.stt]).toEqual([d.code, sttOf.get(d.code)]);
    expect(codesClosing).toEqual(codesNever);
    // Numbering ran on: 2019's and 2020's numbers start at 1 and have no gap, closings in between.
    for (const year of [2019, 2020]) {
      const list = all
        .filter((d) => yearOf(d.year) === year)
        .map((d) => d.stt)
        .sort((a, b) => a - b);
      expect(list).toEqual(list.map((_, i) => i + 1));
    }
  });

  it('leaves in the register only what is open or of the current year, and the rest in the archive of the year it was closed with', () => {
    const all = dossiers(closing);
    const finished = ['Đã trả kết quả', 'Từ chối giải quyết', 'Dừng giải quyết'];
    // Just after each closing: nothing finished of the closed year or before is left.
    for (const m of moments) {
      expect(m.active.length).toBeGreaterThan(0);
      for (const d of m.active) expect(yearOf(d.year) > m.year || !finished.includes(d.status)).toBe(true);
    }
    // Since then, dossiers of 2019 still open on 08/01/2020 were finished: they wait for the closing of 2020.
    const active = all.filter((d) => d.tab === TABS.register);
    const slow2019 = plans.flatMap((p, k) => {
      const last = p.steps[p.steps.length - 1]!;
      const ends = ['hand-over', 'refuse', 'stop'].includes(last.action);
      return p.receivedAt.startsWith('2019') && ends && last.at >= '2020-01-08T09:00' ? [codesClosing[k]] : [];
    });
    expect(slow2019.length).toBeGreaterThanOrEqual(2);
    expect(active.filter((d) => yearOf(d.year) < 2020 && finished.includes(d.status)).map((d) => d.code)).toEqual(slow2019);
    // Open ones stay (still being processed, or a result not yet collected); finished ones moved.
    expect(new Set(moments[1]!.active.filter((d) => yearOf(d.year) < 2020).map((d) => d.status))).toEqual(
      new Set(['Đang giải quyết', 'Đã có kết quả']),
    );
    for (const d of all.filter((x) => x.tab !== TABS.register)) expect(finished).toContain(d.status);
    // Received 24/12/2018 and finished in February 2019: still open on 10/01/2019, so closed with 2019.
    const slow = codesClosing[plans.findIndex((p) => p.receivedAt.startsWith('2018-12-24'))]!;
    expect(all.find((d) => d.code === slow)).toMatchObject({ tab: archiveName(2019), status: 'Đã trả kết quả' });
    expect(all.filter((d) => d.tab === archiveName(2018)).every((d) => yearOf(d.year) === 2018)).toBe(true);
    // Small year after year: after closing 2019, what is left of 2018–2019 is exactly what was then still open.
    const openThen = plans.filter((p) => {
      const last = p.steps[p.steps.length - 1]!;
      return p.receivedAt < '2020' && !(['hand-over', 'refuse', 'stop'].includes(last.action) && last.at < '2020-01-08T09:00');
    });
    expect(moments[1]!.active.filter((d) => yearOf(d.year) < 2020)).toHaveLength(openThen.length);
    expect(openThen.length).toBeLessThan(plans.filter((p) => p.receivedAt < '2020').length / 3);
  });

  it('keeps each dossier with its events: the archive log holds the archived ones, the active log the others', () => {
    closing.run((_s, ss) => {
      const codesIn = (tab: string, column: number) =>
        new Set(
          rowsOf(ss, tab)
            .map((r) => String(r[column - 1]))
            .filter(Boolean),
        );
      const register = codesIn(TABS.register, col('Mã hồ sơ'));
      const log = codesIn(TABS.log, logCol('Mã hồ sơ'));
      expect(log).toEqual(register);
      for (const year of [2018, 2019]) {
        expect(codesIn(archiveLogName(year), logCol('Mã hồ sơ'))).toEqual(codesIn(archiveName(year), col('Mã hồ sơ')));
      }
      const events = [TABS.log, archiveLogName(2018), archiveLogName(2019)].reduce((n, tab) => n + rowsOf(ss, tab).length, 0);
      const closings = rowsOf(ss, TABS.log).filter((r) => r[logCol('Thao tác') - 1] === 'Khóa sổ cuối năm');
      expect(closings.map((r) => [r[logCol('Người thực hiện') - 1], String(r[logCol('Ghi chú') - 1]).slice(0, 20)])).toEqual([
        [HEAD, 'Đã khóa sổ năm 2018:'],
        [HEAD, 'Đã khóa sổ năm 2019:'],
      ]);
      never.run((_t, reference) => expect(events).toBe(rowsOf(reference, TABS.log).length + 2));
    });
  });

  it('leaves Kiểm tra dữ liệu nothing to report that the workbook never closed does not: no archived dossier seen as a gap or lost', () => {
    const found = (unit: typeof closing) => unit.run((s) => checkData(s));
    const closed = found(closing);
    const reference = found(never);
    expect(closed.rows).toBeLessThan(reference.rows);
    expect(closed.findings).toEqual(reference.findings.filter((f) => closed.findings.some((g) => g.code === f.code)));
    expect(closed.total).toBe(0);
  });

  it('protects the archives for real: another officer cannot change them; the owner and the head who closed can', () => {
    const protection = closing.run(
      (s, ss) => ss.getSheetByName(archiveName(2018))!.getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!,
    );
    expect(protection.isWarningOnly()).toBe(false);
    expect(
      closing.run(() =>
        protection
          .getEditors()
          .map((u) => u.getEmail())
          .sort(),
      ),
    ).toEqual([OFFICER, HEAD].sort());
    const write = (user: string, tab: string) =>
      closing.world.run({ user, spreadsheetId: closing.book.id }, (s) =>
        s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(tab)!.getRange('Z2').setValue('sửa tay'),
      );
    expect(() => write('vanthu@yenlac.gov.vn', archiveName(2018))).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(() => write('vanthu@yenlac.gov.vn', archiveLogName(2019))).toThrow('protected cell');
    expect(() => write('vanthu@yenlac.gov.vn', TABS.register)).not.toThrow();
  });

  it('refuses a year already closed, a year not ended, a backdated intake into a closed year, and anyone but the head', () => {
    const unchanged = snapshot(closing.world, closing.book.id);
    expect(() => close(closing, '2020-06-30T10:00', 2019)).toThrow(
      'Sổ năm 2019 đã khóa (trang “Lưu trữ 2019”); không có gì thay đổi.',
    );
    expect(() => close(closing, '2020-06-30T10:00', 2018)).toThrow(
      'Sổ năm 2018 đã khóa (trang “Lưu trữ 2018”); không có gì thay đổi.',
    );
    expect(() => close(closing, '2020-06-30T10:00', 2020)).toThrow(
      'Năm 2020 chưa kết thúc: chỉ khóa sổ được từ ngày 01/01/2021.',
    );
    closing.world.ui.answers.length = 0;
    expect(() =>
      closing.world.run({ user: 'vanthu@yenlac.gov.vn', spreadsheetId: closing.book.id }, (s) => closeYear(s, 2019)),
    ).toThrow(`Chỉ thủ trưởng đơn vị (${HEAD}) được khóa sổ cuối năm; bạn đang đăng nhập là vanthu@yenlac.gov.vn.`);
    expect(snapshot(closing.world, closing.book.id)).toBe(unchanged);
    const late = closing.run((s) => submitIntake(s, intakeInput({ receivedAt: '2019-12-30T10:00' })));
    expect(late).toEqual({ ok: false, errors: { receivedAt: 'Sổ năm 2019 đã khóa: hãy kiểm tra lại ngày tiếp nhận.' } });
    // The current year goes on from its last number.
    const next = closing.run((s) => submitIntake(s, intakeInput({ receivedAt: '2020-06-30T10:00' })));
    const last = Math.max(
      ...dossiers(closing)
        .filter((d) => yearOf(d.year) === 2020 && d.code !== (next.ok ? next.code : ''))
        .map((d) => d.stt),
    );
    expect(next).toMatchObject({ ok: true, registerNumber: last + 1 });
  });
});

describe('Khóa sổ cuối năm, asked and refused', () => {
  it('changes nothing when the head answers No, and names the year and the counts when asking', () => {
    const unit = newUnit();
    const codes: string[] = [];
    play(unit, operations(history(8, [2018])), codes, '2019-01-03');
    const before = snapshot(unit.world, unit.book.id);
    expect(close(unit, '2019-01-03T09:00', undefined, 'NO')).toBe('Chưa khóa sổ; không có gì thay đổi.');
    expect(snapshot(unit.world, unit.book.id)).toBe(before);
    expect(unit.world.ui.alerts.at(-1)).toMatch(
      /^Khóa sổ năm 2018: chuyển 7 hồ sơ đã xong và \d+ dòng nhật ký \(hồ sơ tiếp nhận đến 31\/12\/2018\) sang trang “Lưu trữ 2018” \(chỉ xem\); 4 hồ sơ chưa xong ở lại sổ\. Sau đó không tiếp nhận thêm hồ sơ năm 2018\. Tiếp tục\?$/,
    );
  });
});

describe('Khóa sổ cuối năm when Google will not lock the archive', () => {
  it('is refused in Vietnamese, naming who could still edit it, with no dossier deleted from the register or the log', () => {
    const unit = newUnit();
    const codes: string[] = [];
    play(unit, operations(history(8, [2018])), codes, '2019-01-03');
    const registerRows = asHead(unit, (_s, ss) => ss.getSheetByName(TABS.register)!.getLastRow());
    const logRows = asHead(unit, (_s, ss) => ss.getSheetByName(TABS.log)!.getLastRow());
    unit.book.protectionKeeps = ['vanthu@yenlac.gov.vn'];
    expect(errorOf(() => close(unit, '2019-01-03T09:00'))).toBe(
      'Không khóa được trang “Lưu trữ 2018 – Nhật ký (đang ghi)”: Google vẫn để vanthu@yenlac.gov.vn sửa trang này, nên sổ chưa xóa hồ sơ nào. Hãy báo cán bộ phụ trách CNTT và gửi họ báo cáo của mục Tự kiểm tra trên Google.',
    );
    expect(asHead(unit, (_s, ss) => ss.getSheetByName(TABS.register)!.getLastRow())).toBe(registerRows);
    expect(asHead(unit, (_s, ss) => ss.getSheetByName(TABS.log)!.getLastRow())).toBe(logRows);
    expect(
      asHead(unit, (_s, ss) =>
        ss
          .getSheets()
          .map((t) => t.getName())
          .filter((n) => n.startsWith('Lưu trữ')),
      ),
    ).toEqual([]);
    // Once the IT officer has taken that access away, the same menu item closes the year.
    unit.book.protectionKeeps = [];
    expect(close(unit, '2019-01-03T10:00')).toMatch(/^Đã khóa sổ năm 2018: 7 hồ sơ đã xong/);
  });
});

describe('Khóa sổ cuối năm, a fault at any call', () => {
  it('leaves no dossier lost or counted twice, and a second run completes it exactly as an unbroken run', () => {
    const unit = newUnit();
    const codes: string[] = [];
    play(unit, operations(history(6, [2018])), codes, '2019-01-10');
    const start = structuredClone(unit.world.spreadsheets.get(unit.book.id)!);
    const restore = () => unit.world.spreadsheets.set(unit.book.id, structuredClone(start));
    const FEW: [string, string][] = [PERIODS[0]!, ['2017-12-15', '2018-12-14'], ['2018-12-15', '2019-01-14']];
    const before = reports(unit, FEW);
    const state = () =>
      unit.run((_s, ss) => ({
        tabs: ss.getSheets().map((sh) => sh.getName()),
        register: rowsOf(ss, TABS.register),
        archive: rowsOf(ss, archiveName(2018)),
        archiveLog: rowsOf(ss, archiveLogName(2018)),
        log: rowsOf(ss, TABS.log).filter((r) => r[logCol('Thao tác') - 1] !== 'Khóa sổ cuối năm'),
      }));
    // The unbroken run, and the name of each call it makes.
    const calls: string[] = [];
    unit.world.runtime.onCall = (name) => void calls.push(name);
    close(unit, '2019-01-10T09:00');
    unit.world.runtime.onCall = undefined;
    const done = state();
    expect(done.archive.length).toBeGreaterThan(3);
    expect(done.register.filter((r) => r.some((v) => v !== ''))).not.toHaveLength(0);

    const outcomes = new Map<string, number>();
    calls.forEach((name, i) => {
      restore();
      const nth = calls.slice(0, i + 1).filter((c) => c === name).length;
      const fired = failOnce(unit.world, name, nth);
      let first = 'absorbed';
      try {
        close(unit, '2019-01-10T09:00');
      } catch (error) {
        first = (error as Error).message;
      }
      expect(fired()).toBe(true);
      unit.world.ui.answers.length = 0;
      // After the fault: every dossier is somewhere, and every report counts it once.
      const now = dossiers(unit);
      expect(new Set(now.map((d) => d.code))).toEqual(new Set(codes));
      expect(reports(unit, FEW)).toEqual(before);
      // Run again: it completes, or says the year is closed when the fault hit after the last deletion
      // (or was absorbed: a cache call, a lookup with a slower way round).
      let again: string;
      try {
        again = close(unit, '2019-01-10T10:00');
      } catch (error) {
        again = (error as Error).message;
      }
      const kind =
        first === 'absorbed'
          ? 'absorbed'
          : !/timed out|server error occurred/.test(first)
            ? first
            : again.startsWith('Đã khóa sổ năm 2018')
              ? 'completed'
              : again.startsWith('Sổ năm 2018 đã khóa')
                ? 'already'
                : again;
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
      expect(state()).toEqual(done);
      expect(reports(unit, FEW)).toEqual(before);
    });
    // Every call of the run was made to fail once: far more than a handful, and all survived.
    console.log(
      `Khóa sổ cuối năm: ${calls.length} faults injected, one per call; re-run: ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(calls.length).toBeGreaterThan(40);
    expect([...outcomes.keys()].sort()).toEqual(['absorbed', 'already', 'completed']);
  });
});
