import { buildMenu, MENU_ITEMS, MENU_TITLE } from '../../src/server/menu';
import * as entries from '../../src/server/index';
import { runSetup } from '../../src/server/setup';
import { deadlineRules } from '../../src/sheets/registerRules';
import { showIntake, showUpdate } from '../../src/server/sidebars';
import {
  CALENDAR_HEADERS,
  CATALOGUE_HEADERS,
  CONFIG_HEADERS,
  LOG_COLUMNS,
  REGISTER_COLUMNS,
  REGISTER_HEADERS,
  TABS,
} from '../../src/sheets/schema';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sheet, Spreadsheet } from '../../src/gas/services';
import { loadXlsx, saveXlsx } from '../../src/local/gas/xlsx';
import { ensureBuilt, snapshot, unitWorld } from '../helpers';

const headersOf = (sheet: Sheet) => sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];

describe('Thiết lập sổ', () => {
  it('creates the unit tabs with the contract headers, a frozen header row and dropdowns', () => {
    const { run } = unitWorld();
    const result = run((s) => runSetup(s));
    expect(result.message).toContain('Đã thiết lập sổ');
    run((_s, ss) => {
      const expected: [string, readonly string[]][] = [
        [TABS.register, REGISTER_COLUMNS],
        [TABS.log, LOG_COLUMNS],
        [TABS.catalogue, CATALOGUE_HEADERS],
        [TABS.calendar, CALENDAR_HEADERS],
        [TABS.config, CONFIG_HEADERS],
      ];
      for (const [tab, headers] of expected) {
        const sheet = ss.getSheetByName(tab)!;
        expect(headersOf(sheet)).toEqual([...headers]);
        expect(sheet.getFrozenRows()).toBe(1);
      }
      const register = ss.getSheetByName(TABS.register)!;
      const status = REGISTER_HEADERS.indexOf('Trạng thái') + 1;
      const rule = register.getRange(register.getMaxRows(), status).getDataValidations()[0]![0]!;
      expect(rule.getCriteriaValues()[0]).toEqual([
        'Đã tiếp nhận',
        'Đang giải quyết',
        'Chờ bổ sung',
        'Đã có kết quả',
        'Đã trả kết quả',
        'Từ chối giải quyết',
        'Dừng giải quyết',
      ]);
      expect(rule.getAllowInvalid()).toBe(false);
      const protections = register.getProtections(_s.spreadsheetApp.ProtectionType.RANGE).map((p) => p.getDescription());
      expect(protections).toEqual([
        'MotCua: cột tính tự động — STT',
        'MotCua: cột tính tự động — Mã hồ sơ',
        'MotCua: cột tính tự động — Hạn trả kết quả',
        'MotCua: cột tính tự động — Cảnh báo',
        'MotCua: cột tính tự động — Cập nhật lúc',
        'MotCua: cột tính tự động — Mã yêu cầu',
      ]);
      expect(register.getFilter()).not.toBeNull();
      // Row colours follow the daily check's label: status is column T, the warning Y.
      const rules = register.getConditionalFormatRules();
      expect(rules).toHaveLength(3);
      // A new register keeps 100 empty rows below its header (a new dossier is a row inserted above them).
      // (29 columns, then the service index's six: A–AI.)
      expect(rules[0]!.getRanges()[0]!.getA1Notation()).toBe('A2:AI101');
      expect(deadlineRules(new Map(REGISTER_COLUMNS.map((h, i) => [h, i + 1])), 2)[0]!.formula).toBe(
        '=AND($T2<>"",$T2<>"Đã có kết quả",$T2<>"Đã trả kết quả",$T2<>"Từ chối giải quyết",$T2<>"Dừng giải quyết",LEFT($Y2,7)="Quá hạn")',
      );
      // The catalogue keeps procedure codes as text (typed input would make 1.001193 a number).
      const catalogue = ss.getSheetByName(TABS.catalogue)!;
      expect(catalogue.getRange(2, 1, 1, 2).getValues()[0]).toEqual(['1.001193', 'Đăng ký khai sinh']);
      // The calendar is seeded with this year's and next year's days off, as dates.
      const calendar = ss.getSheetByName(TABS.calendar)!;
      const days = calendar.getRange(2, 1, calendar.getLastRow() - 1, 3).getDisplayValues();
      expect(days).toContainEqual(['27/04/2026', 'Nghỉ bù', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)']);
      expect(days).toContainEqual(['10/01/2026', 'Làm bù', 'Làm bù cho thứ Sáu 02/01']);
    });
  });

  it('changes nothing when run a second time', () => {
    const { world, book, run } = unitWorld();
    run((s) => runSetup(s));
    const before = snapshot(world, book.id);
    const again = run((s) => runSetup(s));
    expect(again.message).toBe('Sổ đã được thiết lập đầy đủ; không có gì thay đổi.');
    expect(snapshot(world, book.id)).toBe(before);
  });

  it('keeps columns people moved or added, and adds only the missing headers at the end', () => {
    const { run } = unitWorld();
    run((_s, ss) => {
      const sheet = ss.insertSheet(TABS.register);
      sheet.getRange(1, 1, 1, 3).setValues([['Mã hồ sơ', 'Ghi chú riêng', 'STT']]);
    });
    run((s) => runSetup(s));
    run((_s, ss) => {
      const headers = headersOf(ss.getSheetByName(TABS.register)!);
      expect(headers.slice(0, 3)).toEqual(['Mã hồ sơ', 'Ghi chú riêng', 'STT']);
      expect(headers).toHaveLength(REGISTER_COLUMNS.length + 1);
      expect(new Set(headers)).toEqual(new Set([...REGISTER_COLUMNS, 'Ghi chú riêng']));
      // The contract headers are all there, whatever else the unit keeps.
      expect(headers).toEqual(expect.arrayContaining([...REGISTER_HEADERS]));
    });
  });

  it('builds the Một cửa menu, every item calling an exported entry', () => {
    const { world, run } = unitWorld();
    run((s) => buildMenu(s));
    expect(world.ui.menus).toEqual([{ caption: MENU_TITLE, items: MENU_ITEMS.map((i) => ({ ...i })) }]);
    for (const item of MENU_ITEMS) expect(typeof (entries as Record<string, unknown>)[item.functionName]).toBe('function');
  });

  it('refuses politely while someone else holds the document lock', () => {
    const { world, book } = unitWorld();
    world.run({ user: 'a@example.gov.vn', spreadsheetId: book.id }, (outer) => {
      outer.lockService.getDocumentLock()!.waitLock(1000);
      world.run({ user: 'b@example.gov.vn', spreadsheetId: book.id }, (inner) => {
        expect(() => runSetup(inner)).toThrow('Sổ đang được người khác ghi; chưa có gì được ghi, vui lòng bấm lại sau vài giây.');
      });
    });
  });
});

describe('Thiết lập sổ on a brand-new spreadsheet', () => {
  it('turns the single blank sheet into the register instead of leaving it in front', () => {
    const { run } = unitWorld();
    run((s) => runSetup(s));
    run((_s, ss) =>
      expect(ss.getSheets().map((sh) => sh.getName())).toEqual([
        TABS.register,
        TABS.log,
        TABS.catalogue,
        TABS.calendar,
        TABS.config,
      ]),
    );
  });
});

describe('sidebars', () => {
  it('opens the built intake and update sidebars with their Vietnamese titles', () => {
    ensureBuilt();
    const { world, run } = unitWorld();
    world.loadHtmlFiles('dist');
    run((s) => {
      showIntake(s);
      showUpdate(s);
    });
    expect(world.ui.sidebars.map((b) => b.title)).toEqual(['Tiếp nhận hồ sơ', 'Cập nhật hồ sơ']);
    expect(world.ui.sidebars[0]!.content).toContain('<html lang="vi">');
    expect(() => run((s) => showIntake(s), 'trigger')).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('a register a person can read', () => {
  it('fits each column to what it holds, keeps the header and the dossier code in view, wraps long text, and keeps all of it in the .xlsx', async () => {
    const { run, world, book } = unitWorld();
    run((s) => runSetup(s));
    const look = (ss: Spreadsheet) => {
      const register = ss.getSheetByName(TABS.register)!;
      const at = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;
      return {
        frozen: [register.getFrozenRows(), register.getFrozenColumns()],
        widths: [
          register.getColumnWidth(at('Mã hồ sơ')),
          register.getColumnWidth(at('Tên thủ tục')),
          register.getColumnWidth(at('Thời điểm tiếp nhận')),
        ],
        wraps: register.getRange(2, at('Tên thủ tục'), 1, 3).getWraps()[0],
        lastRowWraps: register.getRange(register.getMaxRows(), at('Địa chỉ')).getWraps()[0]![0],
      };
    };
    const expected = { frozen: [1, 2], widths: [195, 260, 125], wraps: [true, false, false], lastRowWraps: true };
    expect(run((_s, ss) => look(ss))).toEqual(expected);
    // A register set up by an earlier version gets this version's layout once.
    run((s, ss) => {
      const register = ss.getSheetByName(TABS.register)!;
      register.setColumnWidth(2, 100);
      register.setFrozenColumns(0);
      s.propertiesService.getDocumentProperties()!.deleteProperty('motcua.layout');
    });
    run((s) => runSetup(s));
    expect(run((_s, ss) => look(ss))).toEqual(expected);
    // A person widens the code column; setup run again keeps it.
    run((_s, ss) => ss.getSheetByName(TABS.register)!.setColumnWidth(2, 240));
    run((s) => runSetup(s));
    expect(run((_s, ss) => ss.getSheetByName(TABS.register)!.getColumnWidth(2))).toBe(240);
    // The demo's .xlsx keeps widths and frozen panes (LibreOffice and Excel open it so).
    run((_s, ss) => {
      ss.getSheetByName(TABS.register)!.getRange(2, 4).setValue('Chứng thực bản sao từ bản chính giấy tờ, văn bản');
    });
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-')), 'register.xlsx');
    await saveXlsx(world.spreadsheets.get(book.id)!, file);
    const loaded = await loadXlsx(file, 'again', 'again');
    const register = loaded.sheets.find((s) => s.name === TABS.register)!;
    expect([register.frozenRows, register.frozenColumns]).toEqual([1, 2]);
    expect(register.columnWidths.get(2)).toBe(238); // 34 characters of about 7 pixels
    expect(register.columnWidths.get(4)).toBe(259);
    expect(register.wraps.has('2:4')).toBe(true);
  });
});
