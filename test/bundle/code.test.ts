import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { ensureBuilt, intakeInput, readyUnit } from '../helpers';
import vm from 'node:vm';
import { MENU_ITEMS, MENU_TITLE } from '../../src/server/menu';

const CODE = 'dist/Code.js';

beforeAll(ensureBuilt);

/** An empty V8 context with only stub Apps Script globals, like a fresh Apps Script execution. */
function loadBundle() {
  const menus: { caption: string; items: [string, string][] }[] = [];
  const ui = {
    createMenu(caption: string) {
      const items: [string, string][] = [];
      const menu = {
        addItem: (c: string, f: string) => (items.push([c, f]), menu),
        addSeparator: () => menu,
        addToUi: () => menus.push({ caption, items }),
      };
      return menu;
    },
  };
  const context = vm.createContext({ SpreadsheetApp: { getUi: () => ui } });
  vm.runInContext(readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
  return { context: context as Record<string, unknown>, menus };
}

describe('dist/Code.js', () => {
  it('exposes every exported entry as a top-level function, menu handlers included', () => {
    const { context } = loadBundle();
    const exported = Object.keys(context.MotCua as object);
    expect(exported).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'setupRegister']));
    for (const name of exported) expect(typeof context[name]).toBe('function');
    for (const item of MENU_ITEMS) expect(typeof context[item.functionName]).toBe('function');
  });

  it('builds the menu from onOpen with nothing but Apps Script globals', () => {
    const { context, menus } = loadBundle();
    (context.onOpen as () => void)();
    expect(menus).toEqual([{ caption: MENU_TITLE, items: MENU_ITEMS.map((i) => [i.caption, i.functionName]) }]);
  });

  it('asks for exactly the OAuth scopes its features need, each for a reason', () => {
    const manifest = JSON.parse(readFileSync('dist/appsscript.json', 'utf8')) as {
      timeZone: string;
      runtimeVersion: string;
      oauthScopes: string[];
    };
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(manifest.runtimeVersion).toBe('V8');
    const needed: Record<string, string> = {
      'https://www.googleapis.com/auth/spreadsheets': 'the unit register and the oversight workbooks (openById)',
      'https://www.googleapis.com/auth/script.container.ui': 'the Một cửa menu, sidebars and printed-form dialogs',
      'https://www.googleapis.com/auth/userinfo.email': 'who did each step, in Nhật ký xử lý (Session)',
      'https://www.googleapis.com/auth/script.scriptapp': 'the daily deadline trigger and its one-shot follow-up (ScriptApp)',
      'https://www.googleapis.com/auth/script.send_mail': 'the officers’ deadline digests and the head’s summary (MailApp)',
    };
    expect([...manifest.oauthScopes].sort()).toEqual(Object.keys(needed).sort());
    // Each is justified in SECURITY.md, in a paragraph of its own that names it; the broad scopes
    // MotCua avoids are named there too, as avoided, and are not asked for.
    const security = readFileSync('SECURITY.md', 'utf8');
    const paragraphs = security.split(/\n\s*\n/);
    for (const scope of manifest.oauthScopes) {
      const justification = paragraphs.find((p) => p.includes(`\`${scope}\``));
      expect({ scope, justified: (justification ?? '').length > 200 }).toEqual({ scope, justified: true });
    }
    for (const broad of ['auth/drive', 'mail.google.com', 'auth/script.external_request']) {
      expect(security).toContain(broad);
      expect(manifest.oauthScopes.some((s) => s.endsWith(broad) || s.includes(`${broad}.`) || s === `https://${broad}/`)).toBe(
        false,
      );
    }
  });

  it('tells a person Vietnamese and logs a cause the source map reads back when an entry fails', () => {
    const errors: string[] = [];
    const failing = {
      getActiveSpreadsheet: () => {
        throw new Error('Service Spreadsheets timed out while accessing document with id abc.');
      },
    };
    const context = vm.createContext({
      SpreadsheetApp: failing,
      console: { error: (...parts: unknown[]) => errors.push(parts.join(' ')) },
    });
    vm.runInContext(readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
    const entry = context as unknown as Record<string, (...args: unknown[]) => unknown>;
    // Google's timeout is named; a lookup writes nothing, and no sweep covers it, so nothing more is promised.
    expect(() => entry.findDossier!('000.17.22.H56-260302-0001')).toThrow(
      'Google Sheets không trả lời kịp (hết thời gian chờ). Hãy đợi một lát rồi làm lại; nếu vẫn lỗi, hãy báo cán bộ công nghệ thông tin.',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('MotCua findDossier: Error: Service Spreadsheets timed out');
    // The minified bundle drops names; `npm run stack` reads the logged stack back through the source map.
    const mapped = spawnSync(process.execPath, ['scripts/stack.mjs'], { input: errors[0], encoding: 'utf8' }).stdout;
    expect(mapped).toMatch(/src\/server\/unitContext\.ts:\d+:\d+[\s\S]*src\/server\/update\.ts:\d+:\d+/);
    expect(mapped).not.toMatch(/\bCode(\.js)?:\d+:\d+/);
  });
});

describe('dist/Code.js evaluates nothing', () => {
  it('holds all the server code: no new Function or eval, no server module read from another project file', () => {
    const code = readFileSync(CODE, 'utf8');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/);
    // The project's other files are the sidebars and dialogs of src/ui, one each, never a bundle of server code.
    const pages = readdirSync('src/ui', { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'shared')
      .map((e) => `${e.name}.html`);
    expect(readdirSync('dist').filter((f) => f.endsWith('.html'))).toEqual(pages.sort());
  });
});

describe('dist/Code.js on the local services', () => {
  it('takes in a dossier, prints its receipt and records a step, in a bare V8 context with only Apps Script globals', () => {
    ensureBuilt();
    const { world, book } = readyUnit();
    world.run({ user: 'canbo@example.gov.vn', context: 'sidebar', spreadsheetId: book.id }, (s) => {
      const context = vm.createContext({
        SpreadsheetApp: s.spreadsheetApp,
        MailApp: s.mailApp,
        LockService: s.lockService,
        PropertiesService: s.propertiesService,
        CacheService: s.cacheService,
        ScriptApp: s.scriptApp,
        HtmlService: s.htmlService,
        Session: s.session,
        Utilities: s.utilities,
      });
      vm.runInContext(readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
      const entry = context as unknown as Record<string, (...args: unknown[]) => unknown>;
      const result = entry.saveIntake!(intakeInput({ receivedAt: '2026-03-02T08:30' })) as {
        ok: boolean;
        code: string;
        appointment: string;
      };
      expect(result).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001', appointment: '17 giờ 00, ngày 11/03/2026' });
      expect(entry.getPrintForm!(result.code, 'receipt')).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      const update = entry.saveUpdate!({
        requestId: 'bundle-update-1',
        code: result.code,
        action: 'transfer',
        at: '2026-03-02T09:00',
      });
      expect(update).toMatchObject({ ok: true });
      expect(entry.findDossier!(result.code)).toMatchObject({ ok: true, dossier: { status: 'Đang giải quyết' } });
      // Kiểm tra dữ liệu and Khóa sổ cuối năm run from Code.js itself: nothing is evaluated from another project file.
      expect(entry.checkData!()).toMatchObject({ rows: 1, events: 2, total: 0, repairs: 0 });
      // A refusal of the year-end closing reaches the officer as the Vietnamese sentence, not "lỗi ngoài dự kiến".
      entry.closeYearEnd!();
      expect(world.ui.alerts.at(-1)).toMatch(/^(Chỉ thủ trưởng đơn vị|Chưa khai báo “Email thủ trưởng”)/);
    });
  });
});
