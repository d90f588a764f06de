/**
 * `npm run docs:images` (scripts/render-docs.mjs): runs the demo into a temporary folder and renders
 * what a person sees to the PNGs under docs/: the report tab and the council's copy through
 * LibreOffice Calc (headless, to PDF, then pdftoppm), summary.html through Chromium (and to an A4
 * landscape PDF, to count its pages), the two sidebars, the report dialog and the printed receipt.
 * It also opens every workbook of the demo in LibreOffice and reports any repair or corruption.
 * Not part of `npm test` (CI has no LibreOffice); a renderer that is missing is skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openWithShim } from '../browserShim';
import { TABS } from '../../sheets/schema';
import { LocalWorld } from '../gas/world';
import { loadXlsx, saveXlsx } from '../gas/xlsx';
import { ensureDist } from './dist';

const DOCS = 'docs';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const which = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const kb = (file: string) => `${Math.round(statSync(file).size / 1024)} KB`;

/** Pages of a PDF, by pdfinfo. */
function pdfPages(pdf: string): number {
  const info = run('pdfinfo', [pdf]).stdout;
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** One workbook reduced to one tab, set to print on A4 landscape fitted to the width (as the README tells people to). */
async function oneTab(file: string, tab: string, out: string): Promise<string> {
  const data = await loadXlsx(file, 'docs', basename(file));
  data.sheets = data.sheets.filter((s) => s.name === tab);
  if (data.sheets.length === 0) throw new Error(`${file} has no tab ${tab}`);
  data.sheets[0]!.hidden = false;
  const target = join(out, basename(file));
  await saveXlsx(data, target);
  // Print layout is not something Apps Script can set; people choose it in the print dialog.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  const ws = wb.worksheets[0]!;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  await wb.xlsx.writeFile(target);
  return target;
}

async function libreOffice(demo: string, work: string, log: (line: string) => void): Promise<void> {
  if (!which('soffice')) {
    log('Bỏ qua LibreOffice: không có lệnh soffice (apt-get install libreoffice-calc).');
    return;
  }
  // A profile of its own, in Vietnamese number formats (12.160 and 10,67%), as a vi_VN spreadsheet shows them.
  mkdirSync(join(work, 'lo-profile', 'user'), { recursive: true });
  writeFileSync(
    join(work, 'lo-profile', 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
`,
  );
  const profile = `-env:UserInstallation=file://${join(work, 'lo-profile')}`;
  const convert = (file: string, to: string, dir: string) =>
    run('soffice', [profile, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, file]);
  // Every workbook of the demo opens without a repair: converted, exit code 0, nothing said of repair or corruption.
  const opened = join(work, 'opened');
  const workbooks = readdirSync(demo).filter((f) => f.endsWith('.xlsx'));
  let bad = 0;
  for (const f of workbooks) {
    const r = convert(join(demo, f), 'pdf', opened);
    const pdf = join(opened, f.replace(/\.xlsx$/, '.pdf'));
    const complaint = /repair|corrupt|damaged|sửa chữa|hỏng|error/i.test(r.stderr + r.stdout);
    const ok = r.status === 0 && existsSync(pdf) && !complaint;
    if (!ok) bad += 1;
    log(`      LibreOffice mở ${f}: ${ok ? `được, ${pdfPages(pdf)} trang PDF` : `LỖI (mã ${r.status}) ${r.stderr.trim()}`}`);
  }
  log(`      ${workbooks.length - bad}/${workbooks.length} sổ mở được trong LibreOffice, không cần sửa chữa.`);
  if (!which('pdftoppm')) {
    log('Bỏ qua ảnh PNG từ LibreOffice: không có pdftoppm (apt-get install poppler-utils).');
    return;
  }
  const tabs = join(work, 'tabs');
  mkdirSync(tabs, { recursive: true });
  // The report's first page; the council's copy is the same table, so its last page: where it differs.
  for (const [file, image, last] of [
    ['tong-hop-tinh-phu-tho.xlsx', 'tong-hop-giam-sat-libreoffice', false],
    ['ban-chi-xem-hdnd-xa-tam-hong.xlsx', 'ban-chi-xem-hdnd-libreoffice', true],
  ] as const) {
    const copy = await oneTab(join(demo, file), TABS.summary, tabs);
    const r = convert(copy, 'pdf', tabs);
    const pdf = copy.replace(/\.xlsx$/, '.pdf');
    if (r.status !== 0 || !existsSync(pdf)) {
      log(`      LibreOffice không in được ${file}: ${r.stderr.trim()}`);
      continue;
    }
    const pages = pdfPages(pdf);
    // At a resolution that keeps the figures readable and the file small.
    const page = String(last ? pages : 1);
    run('pdftoppm', ['-png', '-r', '120', '-f', page, '-l', page, '-singlefile', pdf, join(DOCS, image)]);
    log(
      `      ${file}, trang “${TABS.summary}”: ${pages} trang A4 ngang, trang ${page} → ${DOCS}/${image}.png (${kb(join(DOCS, `${image}.png`))})`,
    );
  }
}

async function newPage(browser: Browser, width: number, height: number): Promise<Page> {
  return browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** A built sidebar or dialog with google.script.run wired to the local services, as the browser tests do. */
async function openUi(
  browser: Browser,
  world: LocalWorld,
  bookId: string,
  user: string,
  file: string,
  width: number,
  height: number,
): Promise<Page> {
  const page = await newPage(browser, width, height);
  const html = readFileSync(join(ensureDist(), `${file}.html`), 'utf8');
  await openWithShim(page, html, `http://sidebar.invalid/${file}.html`, (fn) =>
    world.run({ user, context: 'sidebar', spreadsheetId: bookId }, fn),
  );
  return page;
}

/** The whole page, or down to the bottom of `until` (keeps a long page's image under ~300 KB). */
async function shot(page: Page, name: string, log: (line: string) => void, what: string, until?: string): Promise<void> {
  const path = join(DOCS, `${name}.png`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const box = until ? await page.locator(until).boundingBox() : null;
  const maxHeight = box ? Math.ceil(box.y + box.height + 12) : undefined;
  const width = page.viewportSize()?.width ?? 800;
  await page.screenshot(
    maxHeight && height > maxHeight
      ? { path, fullPage: true, clip: { x: 0, y: 0, width, height: maxHeight } }
      : { path, fullPage: true },
  );
  log(`      ${what} → ${path} (${kb(path)})`);
}

async function browserImages(demo: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    log(`Bỏ qua Chromium: không có ${CHROMIUM} (apt-get install chromium, hoặc đặt CHROMIUM_PATH).`);
    return;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--lang=vi-VN', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    // Date and time fields are drawn in the system's locale: Vietnamese, as an officer's browser would.
    env: { ...process.env, LANG: 'vi_VN.UTF-8', LANGUAGE: 'vi' },
  });
  try {
    // summary.html: on screen, and printed to A4 landscape.
    const summary = await newPage(browser, 1100, 800);
    await summary.goto(`file://${join(demo, 'summary.html')}`);
    const scrollWidth = await summary.evaluate(() => document.documentElement.scrollWidth);
    // The cards, the unit table and the two charts; the field table is in the A4 print's pages.
    await shot(summary, 'summary-html', log, `summary.html (rộng ${scrollWidth}px ở khung 1100px)`, 'figure >> nth=1');
    const pdf = join(demo, 'summary-a4.pdf');
    await summary.emulateMedia({ media: 'print' });
    await summary.pdf({ path: pdf, format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    log(
      `      summary.html in A4 ngang: ${which('pdfinfo') ? `${pdfPages(pdf)} trang` : 'đã in (không có pdfinfo để đếm trang)'}`,
    );
    if (which('pdftoppm')) {
      run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(DOCS, 'summary-html-a4')]);
      log(`      trang 1 bản in A4 → ${DOCS}/summary-html-a4.png (${kb(join(DOCS, 'summary-html-a4.png'))})`);
    }
    await summary.close();

    // The printed receipt (Mẫu 01) the demo wrote, at about the width of an A5 page.
    const receiptFile = readdirSync(demo).find((f) => f.startsWith('giay-tiep-nhan-000.17.'));
    if (receiptFile) {
      const receipt = await newPage(browser, 600, 400);
      await receipt.goto(`file://${join(demo, receiptFile)}`);
      await shot(receipt, 'giay-tiep-nhan-mau01', log, `giấy tiếp nhận ${receiptFile}`);
      await receipt.close();
    }

    // The sidebars and the report dialog on the demo's own register of Tam Hồng, at Google's sizes.
    const data = await loadXlsx(join(demo, 'xa-tam-hong.xlsx'), 'docs-tam-hong', 'xa-tam-hong');
    // 14/05/2026 10:00 in Vietnam, the demo's last working day.
    const world = new LocalWorld(new Date('2026-05-14T03:00:00Z'));
    world.loadHtmlFiles(ensureDist());
    world.addSpreadsheet(data);
    const user = data.owner;
    const register = data.sheets.find((s) => s.name === TABS.register);
    const lastRow = register ? register.rows.length : 2;
    world.run({ user, spreadsheetId: data.id }, (s) => {
      (s.spreadsheetApp.getActiveSpreadsheet() as unknown as { select(tab: string, a1: string): void }).select(
        TABS.register,
        `B${lastRow}`,
      );
    });

    const intake = await openUi(browser, world, data.id, user, 'intake', 300, 300);
    await intake.getByText('UBND xã Tam Hồng').first().waitFor();
    await intake.getByLabel('Thủ tục hành chính').fill('khai sinh');
    await intake
      .getByRole('option', { name: /Đăng ký khai sinh/ })
      .first()
      .click();
    await intake.getByLabel('Thời điểm tiếp nhận').fill('2026-05-14T09:30');
    await intake.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await intake.getByLabel('Số CCCD / CMND / hộ chiếu').fill('001099012345');
    await intake.getByLabel('Địa chỉ').fill('Thôn Đông, xã Tam Hồng');
    await intake.getByLabel('Điện thoại').fill('0912 345 678');
    await intake.getByLabel('Giấy tờ đã nhận').fill('Tờ khai đăng ký khai sinh\nGiấy chứng sinh');
    await intake.getByLabel('Người tiếp nhận (họ tên, in ở chỗ ký)').fill('Nguyễn Thị Lan');
    await intake.getByLabel('Cán bộ xử lý').fill('Lê Thị Mai');
    await shot(intake, 'sidebar-tiep-nhan', log, 'thanh bên Tiếp nhận hồ sơ');
    await intake.close();

    const update = await openUi(browser, world, data.id, user, 'update', 300, 300);
    await update.locator('#dossier:not([hidden])').waitFor();
    await update.getByLabel('Thao tác').selectOption({ label: 'Yêu cầu bổ sung hồ sơ' });
    await update.getByLabel('Giấy tờ cần bổ sung').fill('Bản sao giấy chứng nhận kết hôn của cha mẹ');
    await update.getByLabel('Lý do').fill('Thiếu giấy tờ chứng minh quan hệ cha, mẹ, con');
    await shot(update, 'sidebar-cap-nhat', log, 'thanh bên Cập nhật hồ sơ');
    await update.close();

    const dialog = await openUi(browser, world, data.id, user, 'summary', 460, 200);
    await dialog.locator('#period option').first().waitFor({ state: 'attached' });
    await shot(dialog, 'hop-thoai-bao-cao', log, 'hộp thoại Lập báo cáo tổng hợp');
    await dialog.close();
  } finally {
    await browser.close();
  }
}

export async function renderDocs(log: (line: string) => void): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'motcua-docs-'));
  const demo = join(work, 'demo');
  try {
    log(`Chạy demo vào ${demo}...`);
    const r = run(process.execPath, ['scripts/cli.mjs', 'demo', '--out', demo]);
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
    log('LibreOffice Calc:');
    await libreOffice(demo, work, log);
    log('Chromium:');
    await browserImages(demo, log);
  } finally {
    if (!process.env.KEEP_DOCS_WORK) rmSync(work, { recursive: true, force: true });
    else log(`Giữ thư mục tạm: ${work}`);
  }
}
