/** The `Kiểm tra dữ liệu` dialog in Chromium: findings as text (never markup), repairs only after confirmation. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { openWithShim } from '../../src/local/browserShim';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { submitIntake } from '../../src/server/intake';
import { ensureBuilt, intakeInput, readyUnit } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') {
  throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing (apt-get install chromium).`);
}
const describeBrowser = available ? describe : describe.skip;
const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;

describeBrowser('Kiểm tra dữ liệu in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt();
    mkdirSync('reports/screenshots', { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--lang=vi-VN', '--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => browser?.close());

  it('lists a hand-typed markup code as text, and repairs the retyped appointment only once confirmed', async () => {
    const unit = readyUnit();
    const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const hostile = '<img src=x onerror="document.title=1">';
    unit.run((_s, ss) => {
      const reg = ss.getSheetByName(TABS.register)!;
      reg.getRange(2, col('Hạn trả kết quả')).setValue('12/03/2026 17:00');
      reg.getRange(3, col('Mã hồ sơ')).setValue(hostile);
      reg.getRange(3, col('Thời điểm tiếp nhận'), 1, 2).setValues([['02/03/2026 09:00', '11/03/2026 17:00']]);
      reg.getRange(3, col('Trạng thái')).setValue('Đang giải quyết');
    });
    const page = await browser.newPage({ viewport: { width: 900, height: 600 }, locale: 'vi-VN' });
    await openWithShim(page, readFileSync('dist/check.html', 'utf8'), 'http://dialog.invalid/check.html', (fn) =>
      unit.world.run({ user: 'canbo@example.gov.vn', context: 'sidebar', spreadsheetId: unit.book.id }, fn),
    );
    await page.waitForSelector('#findings:not([hidden])');
    const cells = await page.$$eval('#rows tr', (rows) => rows.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    expect(cells.map((c) => c.slice(0, 2))).toEqual([
      ['dòng 2', r.code],
      ['dòng 3', hostile],
      ['dòng 3', hostile],
    ]);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.textContent('#status')).toBe(
      'Đã kiểm tra 2 dòng hồ sơ và 1 dòng nhật ký: 3 vấn đề, 1 có thể sửa tự động. Bảng tính chưa bị thay đổi.',
    );
    await page.screenshot({ path: 'reports/screenshots/check.png' });

    // Offered, not applied: the cell changes only after "Xác nhận sửa".
    await page.click('#offer');
    const due = () =>
      unit.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Hạn trả kết quả')).getDisplayValues()[0]![0]);
    expect(due()).toBe('12/03/2026 17:00');
    await page.click('#apply');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Đã sửa 1 vấn đề'));
    expect(due()).toBe('11/03/2026 17:00');
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(2);
    await page.close();
  }, 60_000);
});
