/**
 * Who may change what in a shared register (SECURITY.md): `Cấu hình` is a real protection whose
 * editors are the owner and the head(s) it names; the computed columns only warn, because MotCua
 * writes them as the officer at the sidebar; only the head re-runs `Thiết lập sổ` on a configured
 * register and shares with the council. And the local services' protections behave as Google's.
 */
import type { Services } from '../../src/gas/services';
import { PROTECTED_CELL } from '../../src/local/gas/protection';
import { LocalWorld } from '../../src/local/gas/world';
import { guarded } from '../../src/server/guarded';
import { submitIntake } from '../../src/server/intake';
import { runSetup } from '../../src/server/setup';
import { shareWithCouncil } from '../../src/server/summary/council';
import { lockProtection } from '../../src/sheets/protect';
import { COMPUTED_HEADERS, TABS } from '../../src/sheets/schema';
import { errorOf, intakeInput, readyUnit, snapshot, unitWorld } from '../helpers';
import { setConfig } from './registerFixture';

const OWNER = 'canbo@example.gov.vn';
const HEAD = 'chutich@example.gov.vn';
const DEPUTY = 'phochutich@example.gov.vn';
const OFFICER = 'motcua2@example.gov.vn';

/** A configured register owned by its first officer, shared for editing with a second officer and the heads. */
function sharedUnit() {
  const unit = readyUnit();
  unit.world.spreadsheets.get(unit.book.id)!.editors.push(OFFICER, HEAD, DEPUTY);
  setConfig(unit.run, { 'Email thủ trưởng': `${HEAD}, ${DEPUTY}`, 'Email HĐND (bản chỉ xem)': 'hdnd@example.gov.vn' });
  const as = <T>(user: string, fn: (s: Services) => T, context: 'editor' | 'sidebar' = 'editor') =>
    unit.world.run({ user, context, spreadsheetId: unit.book.id }, fn);
  /** A `Cấu hình` value typed by `user` (the script runs as them, so Google applies their rights). */
  const typeSetting = (user: string, value: string) =>
    as(user, (s) => {
      s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.config)!.getRange('B8').setValue(value);
      return 'written';
    });
  return { ...unit, as, typeSetting };
}

describe('who may change what in a shared register', () => {
  it('lets only the head or the deputy re-run Thiết lập sổ on a configured register, saying who may', () => {
    const unit = sharedUnit();
    const before = snapshot(unit.world, unit.book.id);
    expect(errorOf(() => unit.as(OFFICER, (s) => runSetup(s)))).toBe(
      `Chỉ thủ trưởng đơn vị (${HEAD}, ${DEPUTY}) được chạy lại Thiết lập sổ; bạn đang đăng nhập là ${OFFICER}.`,
    );
    // Not even the owner, once a head is named: the head decides who edits the settings.
    expect(errorOf(() => unit.as(OWNER, (s) => runSetup(s)))).toContain(`bạn đang đăng nhập là ${OWNER}.`);
    expect(snapshot(unit.world, unit.book.id)).toBe(before);
    expect(unit.as(HEAD, (s) => runSetup(s)).message).toBe(
      `Đã thiết lập sổ. Trang Cấu hình: chỉ ${OWNER}, ${HEAD}, ${DEPUTY} được sửa.`,
    );
    expect(unit.as(DEPUTY.toUpperCase(), (s) => runSetup(s)).message).toBe('Sổ đã được thiết lập đầy đủ; không có gì thay đổi.');
  });

  it('lets only the head share with the council, with the same check and refusal', () => {
    const unit = sharedUnit();
    expect(errorOf(() => unit.as(OFFICER, (s) => shareWithCouncil(s)))).toBe(
      `Chỉ thủ trưởng đơn vị (${HEAD}, ${DEPUTY}) được chia sẻ báo cáo cho HĐND; bạn đang đăng nhập là ${OFFICER}.`,
    );
    // The head passes the check and meets the next one: no report yet.
    expect(errorOf(() => unit.as(HEAD, (s) => shareWithCouncil(s)))).toBe(
      'Chưa có trang “Tổng hợp giám sát”: hãy chọn Một cửa › Lập báo cáo tổng hợp trước.',
    );
  });

  it('protects Cấu hình for real: after the head’s setup, an officer’s write is refused as Google refuses it; the heads and the owner may', () => {
    const unit = sharedUnit();
    // Until the head's own setup run, nobody is named to restrict it to: any editor may still type there.
    expect(unit.typeSetting(OFFICER, 'Bộ phận Một cửa xã')).toBe('written');
    unit.as(HEAD, (s) => runSetup(s));
    expect(errorOf(() => unit.typeSetting(OFFICER, 'Nhà văn hóa thôn'))).toBe(PROTECTED_CELL);
    expect(unit.typeSetting(DEPUTY, 'Bộ phận Một cửa UBND xã')).toBe('written');
    // A protection does not stop the owner (SECURITY.md): they can always edit, and remove it.
    expect(unit.typeSetting(OWNER, 'Trung tâm phục vụ hành chính công xã')).toBe('written');
    unit.as(OFFICER, (s) => {
      const config = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.config)!;
      const [protection] = config.getProtections(s.spreadsheetApp.ProtectionType.SHEET);
      expect(protection!.isWarningOnly()).toBe(false);
      expect(protection!.canEdit()).toBe(false);
      // Google lets only an editor of the protection list its editors.
      expect(errorOf(() => protection!.getEditors())).toBe('You do not have permission to perform that action.');
      expect(config.getRange('B8').getValue()).toBe('Trung tâm phục vụ hành chính công xã');
    });
    const editors = unit.as(HEAD, (s) =>
      s.spreadsheetApp
        .getActiveSpreadsheet()!
        .getSheetByName(TABS.config)!
        .getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!
        .getEditors()
        .map((u) => u.getEmail()),
    );
    expect(editors.sort()).toEqual([OWNER, HEAD, DEPUTY].sort());
  });

  it('refuses to call Cấu hình locked when Google leaves an officer an editor of it, and names them', () => {
    const unit = sharedUnit();
    unit.book.protectionKeeps = [OFFICER];
    expect(errorOf(() => unit.as(HEAD, (s) => runSetup(s)))).toBe(
      `Không khóa được trang “Cấu hình”: Google vẫn để ${OFFICER} sửa trang này. Hãy mở Dữ liệu > Trang tính và dải ô được bảo vệ, chỉ giữ chủ sở hữu và thủ trưởng, rồi chạy lại Thiết lập sổ.`,
    );
    unit.book.protectionKeeps = [];
    expect(unit.as(HEAD, (s) => runSetup(s)).message).toBe(
      `Đã thiết lập sổ. Trang Cấu hình: chỉ ${OWNER}, ${HEAD}, ${DEPUTY} được sửa.`,
    );
    expect(errorOf(() => unit.typeSetting(OFFICER, 'Nhà văn hóa thôn'))).toBe(PROTECTED_CELL);
  });

  it('keeps the computed columns warning-only, so a second officer’s intake still writes its code, STT and deadline', () => {
    const unit = sharedUnit();
    unit.as(HEAD, (s) => runSetup(s));
    const result = unit.as(OFFICER, (s) => submitIntake(s, intakeInput()), 'sidebar');
    expect(result).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001' });
    unit.as(OFFICER, (s) => {
      const register = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.register)!;
      const protections = register.getProtections(s.spreadsheetApp.ProtectionType.RANGE);
      expect(protections).toHaveLength(COMPUTED_HEADERS.length);
      for (const p of protections)
        expect({ p: p.getDescription(), warningOnly: p.isWarningOnly() }).toEqual({
          p: p.getDescription(),
          warningOnly: true,
        });
    });
  });
});

describe('Cấu hình before and after a head is named', () => {
  it('asks, on the first setup, for the head, and refuses a newly named head the protection does not list yet, changing nothing', () => {
    const unit = sharedUnit();
    const fresh = new LocalWorld();
    const book = fresh.createSpreadsheetData('Sổ mới', OWNER);
    expect(fresh.run({ user: OWNER, spreadsheetId: book.id }, (s) => runSetup(s)).message).toContain(
      'Hãy điền “Email thủ trưởng” trong trang Cấu hình rồi để thủ trưởng chạy lại Thiết lập sổ để khóa trang này.',
    );
    unit.as(HEAD, (s) => runSetup(s));
    // The owner names a new head, who is an editor of the spreadsheet but not of the protected tab.
    setConfig(unit.run, { 'Email thủ trưởng': OFFICER });
    const before = snapshot(unit.world, unit.book.id);
    expect(errorOf(() => unit.as(OFFICER, (s) => runSetup(s)))).toBe(
      `Trang “Cấu hình” đang khóa, bạn chưa được sửa: nhờ chủ sở hữu bảng tính (${OWNER}) thêm bạn rồi chạy lại. Chưa có gì thay đổi.`,
    );
    expect(snapshot(unit.world, unit.book.id)).toBe(before);
  });
});

describe('a viewer of the register', () => {
  it('is told in Vietnamese that Google lets them only view, not given Google’s English', () => {
    const unit = readyUnit();
    unit.book.viewers.push('xem@example.gov.vn');
    const said = errorOf(() =>
      unit.world.run({ user: 'xem@example.gov.vn', context: 'sidebar', spreadsheetId: unit.book.id }, (s) =>
        guarded('saveIntake', () => submitIntake(s, intakeInput())),
      ),
    );
    expect(said).toBe(
      'Google không cho tài khoản này ghi vào sổ (chỉ được xem bảng tính, hoặc vùng này đã khóa). Hãy nhờ chủ sở hữu bảng tính cấp quyền chỉnh sửa rồi làm lại; nếu lỗi xảy ra giữa chừng, chạy lại không ghi hai lần.',
    );
  });
});

describe('local protections behave as Google’s', () => {
  const world = () => {
    const w = new LocalWorld();
    const book = w.createSpreadsheetData('Thử bảo vệ', OWNER);
    book.editors.push(OFFICER, HEAD);
    const as = <T>(user: string, fn: (s: Services) => T) => w.run({ user, spreadsheetId: book.id }, fn);
    const sheet = (s: Services) => s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
    return { as, sheet, book };
  };

  it('a new protection mirrors the spreadsheet (protects nothing) until its editors change', () => {
    const { as, sheet } = world();
    as(OWNER, (s) => sheet(s).protect().setDescription('mới'));
    expect(
      as(
        OFFICER,
        (s) => (
          sheet(s).getRange('A1').setValue('x'),
          sheet(s).getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!.canEdit()
        ),
      ),
    ).toBe(true);
  });

  it('a new protection lists no editors (as Google may), so removeEditors(getEditors()) alone leaves every officer free to write', () => {
    const { as, sheet } = world();
    as(HEAD, (s) => {
      const p = sheet(s).protect();
      expect(p.getEditors()).toEqual([]);
      p.removeEditors(p.getEditors());
    });
    expect(as(OFFICER, (s) => (sheet(s).getRange('C3').setValue('x'), 'written'))).toBe('written');
  });

  it('locked as Google’s sample does (me first, then everyone else): the owner and the head stay, anyone else’s write, row or clear is refused', () => {
    const { as, sheet } = world();
    as(HEAD, (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      expect(lockProtection(sheet(s).protect(), ss, HEAD, [])).toEqual({ editors: [], openRanges: [] });
      expect(
        sheet(s)
          .getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!
          .getEditors()
          .map((u) => u.getEmail())
          .sort(),
      ).toEqual([HEAD, OWNER].sort());
    });
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).getRange('C3').setValue('x')))).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).appendRow(['x'])))).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).insertRowsAfter(1, 1)))).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).clear()))).toBe(PROTECTED_CELL);
    expect(
      errorOf(() => as(OFFICER, (s) => sheet(s).getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!.addEditors([OFFICER]))),
    ).toBe(PROTECTED_CELL);
    expect(as(HEAD, (s) => (sheet(s).getRange('C3').setValue('y'), 'ok'))).toBe('ok');
    expect(as(OWNER, (s) => (sheet(s).getRange('C4').setValue('z'), 'ok'))).toBe('ok');
  });

  it('locked by the owner keeping no one else: still a real lock (a protection whose editors never change protects nothing)', () => {
    const { as, sheet } = world();
    as(OWNER, (s) => {
      expect(lockProtection(sheet(s).protect(), s.spreadsheetApp.getActiveSpreadsheet()!, OWNER, [])).toEqual({
        editors: [],
        openRanges: [],
      });
    });
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).getRange('C3').setValue('x')))).toBe(PROTECTED_CELL);
    expect(as(OWNER, (s) => (sheet(s).getRange('C4').setValue('z'), 'ok'))).toBe('ok');
  });

  it('a workbook shared with the whole domain: the lock also turns off domain editing, so a colleague of the domain is refused', () => {
    const { as, sheet, book } = world();
    book.domainEditable = true;
    as(HEAD, (s) => {
      const p = sheet(s).protect();
      expect(p.canDomainEdit()).toBe(true);
      expect(lockProtection(p, s.spreadsheetApp.getActiveSpreadsheet()!, HEAD, [])).toEqual({ editors: [], openRanges: [] });
      expect(p.canDomainEdit()).toBe(false);
    });
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).getRange('C3').setValue('x')))).toBe(PROTECTED_CELL);
  });

  it('a protected sheet’s range left open to everyone takes their cells, not rows, a rename or cells outside it; the lock closes it', () => {
    const { as, sheet } = world();
    as(OWNER, (s) => {
      const p = sheet(s).protect().setDescription('trừ một số ô');
      p.removeEditors([OFFICER, HEAD]);
      p.setUnprotectedRanges([sheet(s).getRange('B2:C9')]);
      expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['B2:C9']);
    });
    expect(
      as(
        OFFICER,
        (s) => (
          sheet(s)
            .getRange('B3:C4')
            .setValues([
              ['a', 'b'],
              ['c', 'd'],
            ]),
          'ok'
        ),
      ),
    ).toBe('ok');
    expect(
      errorOf(() =>
        as(OFFICER, (s) =>
          sheet(s)
            .getRange('C9:D9')
            .setValues([['a', 'b']]),
        ),
      ),
    ).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).insertRowsAfter(3, 1)))).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).setName('Của tôi')))).toBe(PROTECTED_CELL);
    as(OWNER, (s) => {
      const p = sheet(s).getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!;
      expect(lockProtection(p, s.spreadsheetApp.getActiveSpreadsheet()!, OWNER, [])).toEqual({ editors: [], openRanges: [] });
      expect(errorOf(() => sheet(s).getRange('A1').protect().setUnprotectedRanges([]))).toBe(
        'The protection is not a sheet protection.',
      );
    });
    expect(errorOf(() => as(OFFICER, (s) => sheet(s).getRange('B3').setValue('x')))).toBe(PROTECTED_CELL);
  });

  it('a consumer account’s workbook (gmail.com) has no domain: domain editing is never on, and turning it off is refused', () => {
    const w = new LocalWorld();
    const book = w.createSpreadsheetData('Sổ cá nhân', 'motcua.yenlac@gmail.com');
    book.editors.push('canbo.khac@gmail.com');
    book.domainEditable = true; // whatever was asked, Google has no domain for gmail.com
    const as = <T>(user: string, fn: (s: Services) => T) => w.run({ user, spreadsheetId: book.id }, fn);
    as('motcua.yenlac@gmail.com', (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      const p = ss.getSheets()[0]!.protect();
      expect(p.canDomainEdit()).toBe(false);
      expect(errorOf(() => p.setDomainEdit(false))).toBe('The spreadsheet is not in a Google Workspace domain.');
      expect(lockProtection(p, ss, 'motcua.yenlac@gmail.com', [])).toEqual({ editors: [], openRanges: [] });
    });
    expect(
      errorOf(() =>
        as('canbo.khac@gmail.com', (s) => s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!.getRange('A1').setValue('x')),
      ),
    ).toBe(PROTECTED_CELL);
  });

  it('only an editor of a protection changes it: an officer cannot turn a lock into a warning, nor rename it', () => {
    const { as, sheet } = world();
    as(OWNER, (s) =>
      lockProtection(sheet(s).protect().setDescription('khóa'), s.spreadsheetApp.getActiveSpreadsheet()!, OWNER, []),
    );
    const protection = (s: Services) => sheet(s).getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!;
    expect(errorOf(() => as(OFFICER, (s) => protection(s).setWarningOnly(true)))).toBe(PROTECTED_CELL);
    expect(errorOf(() => as(OFFICER, (s) => protection(s).setDescription('của tôi')))).toBe(PROTECTED_CELL);
    expect(as(OWNER, (s) => [protection(s).isWarningOnly(), protection(s).getDescription()])).toEqual([false, 'khóa']);
  });

  it('a viewer of the spreadsheet writes nothing, protected or not', () => {
    const { as, sheet, book } = world();
    book.viewers.push('xem@example.gov.vn');
    expect(errorOf(() => as('xem@example.gov.vn', (s) => sheet(s).getRange('A1').setValue('x')))).toBe(
      'You do not have permission to perform that action.',
    );
  });

  it('tab names are unique whatever their case, as in Google', () => {
    const { as } = world();
    as(OWNER, (s) => s.spreadsheetApp.getActiveSpreadsheet()!.insertSheet('Lưu trữ 2025'));
    expect(errorOf(() => as(OWNER, (s) => s.spreadsheetApp.getActiveSpreadsheet()!.insertSheet('lưu trữ 2025')))).toMatch(
      /already exists/,
    );
  });

  it('a range protection stops writes inside it only; a warning-only one stops none', () => {
    const { as, sheet } = world();
    as(OWNER, (s) => {
      const p = sheet(s).getRange('B2:B9').protect();
      p.removeEditors([OFFICER, HEAD]);
      sheet(s).getRange('D2:D9').protect().setWarningOnly(true);
    });
    expect(
      errorOf(() =>
        as(OFFICER, (s) =>
          sheet(s)
            .getRange('A5:C5')
            .setValues([['a', 'b', 'c']]),
        ),
      ),
    ).toBe(PROTECTED_CELL);
    expect(as(OFFICER, (s) => (sheet(s).getRange('C5').setValue('c'), sheet(s).getRange('D5').setValue('d'), 'ok'))).toBe('ok');
    expect(
      errorOf(() => as(OWNER, (s) => sheet(s).getProtections(s.spreadsheetApp.ProtectionType.RANGE)[1]!.addEditors([HEAD]))),
    ).toBe('Local services: addEditors on a warning-only protection is not modelled.');
  });
});

/** The protections of every tab, as a person sees them in Data › Protected sheets and ranges. */
function protections(unit: ReturnType<typeof unitWorld>) {
  return unit.world.spreadsheets
    .get(unit.book.id)!
    .sheets.flatMap((s) =>
      s.protections.map((p) => `${s.name}: ${p.description || '(không tên)'}${p.warningOnly ? ' (cảnh báo)' : ''}`),
    )
    .sort();
}

describe('Cấu hình locked, and the head recognised, whatever was typed before', () => {
  describe('Cấu hình is locked whatever protection an officer put on it first', () => {
    function sharedUnit() {
      const unit = readyUnit();
      unit.world.spreadsheets.get(unit.book.id)!.editors.push(OFFICER, HEAD);
      setConfig(unit.run, { 'Email thủ trưởng': HEAD });
      const as = <T>(user: string, fn: (s: Services) => T) =>
        unit.world.run({ user, context: 'editor', spreadsheetId: unit.book.id }, fn);
      const config = (s: Services) => s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.config)!;
      const typeHead = (user: string, value: string) =>
        as(user, (s) => {
          const sheet = config(s);
          const keys = sheet
            .getRange(1, 1, sheet.getLastRow(), 1)
            .getValues()
            .map((r) => r[0]);
          sheet.getRange(keys.indexOf('Email thủ trưởng') + 1, 2).setValue(value);
          return 'written';
        });
      return { ...unit, as, config, typeHead };
    }

    it.each([
      ['a warning-only protection named as MotCua names its own', 'MotCua: chỉ chủ sở hữu và thủ trưởng sửa Cấu hình'],
      ['a warning-only protection with no name', ''],
    ])('%s: the head’s setup turns it into a lock the officer cannot pass', (_what, description) => {
      const unit = sharedUnit();
      // Before the head runs setup, any editor may protect the tab: here with a warning only.
      unit.as(OFFICER, (s) => unit.config(s).protect().setDescription(description).setWarningOnly(true));
      expect(unit.as(HEAD, (s) => runSetup(s)).message).toContain(`Trang Cấu hình: chỉ ${OWNER}, ${HEAD} được sửa.`);
      expect(errorOf(() => unit.typeHead(OFFICER, OFFICER))).toBe(PROTECTED_CELL);
      expect(protections(unit).filter((p) => p.startsWith(TABS.config))).toEqual([
        `${TABS.config}: MotCua: chỉ chủ sở hữu và thủ trưởng sửa Cấu hình`,
      ]);
    });

    it('a protection leaving the addresses open to everyone (“except certain cells”): the head’s setup closes them', () => {
      const unit = sharedUnit();
      unit.as(OFFICER, (s) => {
        const sheet = unit.config(s);
        sheet
          .protect()
          .setDescription('MotCua: chỉ chủ sở hữu và thủ trưởng sửa Cấu hình')
          .setUnprotectedRanges([sheet.getRange('B1:B40')]);
      });
      unit.as(HEAD, (s) => runSetup(s));
      expect(errorOf(() => unit.typeHead(OFFICER, OFFICER))).toBe(PROTECTED_CELL);
      expect(
        unit.as(HEAD, (s) => unit.config(s).getProtections(s.spreadsheetApp.ProtectionType.SHEET)[0]!.getUnprotectedRanges()),
      ).toEqual([]);
    });

    it('a real protection an officer kept for themselves: the head is told to ask the owner, and nothing changes', () => {
      const unit = sharedUnit();
      unit.as(OFFICER, (s) => unit.config(s).protect().setDescription('của tôi').removeEditors([HEAD, OWNER]));
      expect(errorOf(() => unit.as(HEAD, (s) => runSetup(s)))).toBe(
        `Trang “${TABS.config}” đang khóa, bạn chưa được sửa: nhờ chủ sở hữu bảng tính (${OWNER}) thêm bạn rồi chạy lại. Chưa có gì thay đổi.`,
      );
    });
  });

  describe('Email thủ trưởng typed with words around the address', () => {
    it('the head is recognised, and only addresses become editors of Cấu hình', () => {
      const unit = readyUnit();
      unit.world.spreadsheets.get(unit.book.id)!.editors.push(HEAD, OFFICER);
      setConfig(unit.run, { 'Email thủ trưởng': `Chủ tịch UBND xã: ${HEAD.toUpperCase()} ` });
      const answer = unit.world.run({ user: HEAD, context: 'editor', spreadsheetId: unit.book.id }, (s) => runSetup(s));
      expect(answer.message).toBe(`Đã thiết lập sổ. Trang Cấu hình: chỉ ${OWNER}, ${HEAD} được sửa.`);
      const config = unit.world.spreadsheets.get(unit.book.id)!.sheets.find((s) => s.name === TABS.config)!;
      expect(config.protections[0]!.editors!.map((e) => e.toLowerCase()).sort()).toEqual([OWNER, HEAD].sort());
    });
  });
});
