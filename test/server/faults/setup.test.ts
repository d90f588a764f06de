/**
 * `Thiết lập sổ` under Google's faults: on a new workbook and on a register in use, one fault at each
 * service call, then the menu item again. Run: `npx jest test/server/faults/setup.test.ts`.
 */
import type { LocalWorld } from '../../../src/local/gas/world';
import { unitWithDossiers, unitWorld, errorOf } from '../../helpers';
import { cloneDeep } from './clone';
import { setupFromMenu } from './common';
import { checkRegister, picture, tablesOf } from './invariants';
import { sweep } from './sweep';
import { guarded } from '../../../src/server/guarded';
import { runSetup } from '../../../src/server/setup';
import { setConfig } from '../registerFixture';

/**
 * What setup makes of a workbook, people would notice: tabs, values, grid size, frozen panes, filter,
 * protections, colour rules, widths, and how many cells carry formats and dropdowns (a full
 * `snapshot` would make the sweep ten times slower).
 */
function made(world: LocalWorld, id: string): string {
  const book = world.spreadsheets.get(id)!;
  return JSON.stringify({
    timeZone: book.timeZone,
    sheets: book.sheets.map((s) => ({
      name: s.name,
      hidden: s.hidden,
      rows: s.rows,
      grid: [s.maxRows, s.maxColumns, s.frozenRows, s.frozenColumns],
      filter: s.filter,
      protections: s.protections,
      rules: s.conditionalRules,
      widths: [...s.columnWidths.entries()],
      formats: s.formats.size,
      validations: s.validations.size,
    })),
  });
}

/** Setup writes no dossier: the rows and events stay as they were; the retry leaves the workbook as a clean run does. */
function setupSweep(start: { world: LocalWorld; book: { id: string } }) {
  const before = picture(tablesOf(start.world, start.book.id));
  return sweep({
    fresh: () => cloneDeep(start),
    world: (u) => u.world,
    act: (u) => setupFromMenu(u.world, u.book.id),
    check: (u, phase, clean) => {
      const problems = checkRegister(u.world, u.book.id, { inFlight: false }).problems;
      if (picture(tablesOf(u.world, u.book.id)) !== before) problems.push('hồ sơ hoặc nhật ký bị thay đổi');
      if (phase === 'after-retry' && made(u.world, u.book.id) !== made(clean.world, clean.book.id))
        problems.push('sau khi chạy lại, bảng tính khác với lần thiết lập không lỗi');
      return problems;
    },
  });
}

describe('Thiết lập sổ: a fault at any one service call', () => {
  it('on a new workbook: the menu item again finishes the same workbook as a clean run', () => {
    const report = setupSweep(unitWorld());
    console.log(
      `setup (new workbook): ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived`,
      report.byKind,
    );
    expect(report.failures).toEqual([]);
    expect(report.injected).toBeGreaterThan(100);
  });

  it('on a register in use: no dossier or event changes, and the menu item again finishes it', () => {
    const report = setupSweep(unitWithDossiers(2));
    console.log(
      `setup (register in use): ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived`,
      report.byKind,
    );
    expect(report.failures).toEqual([]);
    expect(report.injected).toBeGreaterThan(20);
  });
});

describe('a first Thiết lập sổ stopped right after it created a tab (found by the sweep)', () => {
  it('is finished by the retry: the register gets its filter, the log its protection, the catalogue and the calendar their rows', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const start = unitWorld();
    const probe = cloneDeep(start);
    const calls = probe.world.faults.record();
    setupFromMenu(probe.world, probe.book.id);
    const names = [...calls];
    // The call just after the blank sheet is renamed into the register, and after each tab is inserted.
    const after = names.flatMap((n, i) => (n === 'Sheet.setName' || n === 'Spreadsheet.insertSheet' ? [i + 2] : []));
    expect(after).toHaveLength(5);
    for (const nth of after) {
      const u = cloneDeep(start);
      u.world.faults.inject({ kind: 'time-limit', nth });
      expect(setupFromMenu(u.world, u.book.id).message).toMatch(/quá 6 phút.*Không có gì bị mất/);
      expect(setupFromMenu(u.world, u.book.id).done).toBe(true);
      const tabs = new Map(u.world.spreadsheets.get(u.book.id)!.sheets.map((s) => [s.name, s]));
      expect(tabs.get('Sổ theo dõi hồ sơ')?.filter).not.toBeNull();
      expect(tabs.get('Nhật ký xử lý')?.protections).toHaveLength(1);
      expect(tabs.get('Danh mục TTHC')!.rows.length).toBeGreaterThan(10);
      expect(tabs.get('Ngày nghỉ')!.rows.length).toBeGreaterThan(10);
    }
  });
});

const OWNER = 'canbo@example.gov.vn';

const HEAD = 'chutich@example.gov.vn';

const OFFICER = 'motcua2@example.gov.vn';

const setupOn = (u: ReturnType<typeof unitWorld>, boundary = false) =>
  u.world.run({ user: OWNER, context: 'editor', spreadsheetId: u.book.id }, (s) =>
    boundary ? guarded('setupRegister', () => runSetup(s)) : runSetup(s),
  );

/** The protections of every tab, as a person sees them in Data › Protected sheets and ranges. */
function protections(unit: ReturnType<typeof unitWorld>) {
  return unit.world.spreadsheets
    .get(unit.book.id)!
    .sheets.flatMap((s) =>
      s.protections.map((p) => `${s.name}: ${p.description || '(không tên)'}${p.warningOnly ? ' (cảnh báo)' : ''}`),
    )
    .sort();
}

describe('protections and the head’s setup under faults', () => {
  describe('Protection calls can fail as every other call (faults.ts: “every call passes through the hook”)', () => {
    it.each(['Protection.setDescription', 'Protection.setWarningOnly'])('%s throws an injected fault', (call) => {
      const unit = unitWorld();
      unit.world.faults.inject({ kind: 'server-error', call, nth: 1 });
      const message = errorOf(() =>
        unit.run((_s, ss) => ss.getSheets()[0]!.getRange('A1').protect().setWarningOnly(true).setDescription('x')),
      );
      expect(message).toBe("We're sorry, a server error occurred. Please wait a bit and try again.");
    });

    it.each(['Protection.setDescription', 'Protection.setWarningOnly'])(
      'a first Thiết lập sổ stopped at each %s: the retry leaves exactly the protections of a clean run',
      (call) => {
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const start = unitWorld();
        const clean = cloneDeep(start);
        setupOn(clean);
        const probe = cloneDeep(start);
        const calls = probe.world.faults.record();
        setupOn(probe);
        const count = calls.filter((n) => n === call).length;
        expect(count).toBeGreaterThanOrEqual(7); // six computed columns and the log
        for (let nth = 1; nth <= count; nth += 1) {
          const u = cloneDeep(start);
          u.world.faults.inject({ kind: 'timeout', call, nth });
          expect(errorOf(() => setupOn(u, true))).toMatch(/^Google Sheets không trả lời kịp.*Không có gì bị mất/);
          setupOn(u);
          expect(protections(u)).toEqual(protections(clean));
        }
      },
    );
  });

  describe('the head’s own Thiết lập sổ on a register in use, which locks Cấu hình', () => {
    it('a fault at any one call: no dossier changes, and the menu item again leaves the protections of a clean run', () => {
      const start = unitWithDossiers(2);
      start.world.spreadsheets.get(start.book.id)!.editors.push(HEAD, OFFICER);
      setConfig(start.run, { 'Email thủ trưởng': HEAD });
      const base = { world: start.world, book: start.book };
      const before = picture(tablesOf(start.world, start.book.id));
      const locks = (w: LocalWorld, id: string) =>
        JSON.stringify(w.spreadsheets.get(id)!.sheets.map((s) => [s.name, s.protections]));
      const fromMenu = (w: LocalWorld, id: string) => setupFromMenu(w, id, HEAD);
      const report = sweep({
        fresh: () => cloneDeep(base),
        world: (u) => u.world,
        act: (u) => fromMenu(u.world, u.book.id),
        check: (u, phase, clean) => [
          ...checkRegister(u.world, u.book.id, { inFlight: false }).problems,
          ...(picture(tablesOf(u.world, u.book.id)) === before ? [] : ['hồ sơ hoặc nhật ký bị thay đổi']),
          ...(phase === 'after-retry' && locks(u.world, u.book.id) !== locks(clean.world, clean.book.id)
            ? ['bảo vệ khác lần chạy không lỗi']
            : []),
        ],
      });
      console.log(
        `head's setup (register in use): ${report.injected} faults injected at ${report.calls} calls, ${report.survived} survived`,
      );
      expect(report.failures).toEqual([]);
      expect(report.calls).toBeGreaterThan(150);
    });
  });
});
