/**
 * The demo as a user runs it (`npm run demo`), and `warn` on its workbook: the e-mails it leaves
 * are read with a real MIME parser (mailparser), and none holds an applicant's data.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { runCli, SLOW } from './runCli';

const PERSONAL = ['Người nộp', 'Số giấy tờ tùy thân', 'Địa chỉ', 'Điện thoại', 'Email'] as const;

async function registerOf(file: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(TABS.register)!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(header.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])])),
    );
  });
  return rows.filter((r) => r['Mã hồ sơ']);
}

async function parsedMails(dir: string) {
  return Promise.all(
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map(async (f) => ({ file: f, mail: await simpleParser(readFileSync(join(dir, f))) })),
  );
}

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  let run: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    run = await runCli(['demo', '--out', out]);
  }, SLOW);

  it('takes a week of dossiers, then checks the deadlines each morning of the next week', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kiểm tra hạn 07/03/2026: 0 thư nhắc'); // Saturday
    expect(run.stdout).toContain('Kiểm tra hạn 08/03/2026: 0 thư nhắc'); // Sunday
    expect(run.stdout).toMatch(/Kiểm tra hạn 09\/03\/2026: [1-9]\d* thư nhắc/);
  });

  it('leaves e-mails a mail client opens (a MIME parser reads both parts, in Vietnamese) with no applicant’s data', async () => {
    const mails = await parsedMails(join(out, 'thu'));
    expect(mails.length).toBeGreaterThan(5);
    const register = await registerOf(join(out, '000.17.22.H56.xlsx'));
    expect(register.length).toBeGreaterThan(20);
    const secrets = register.flatMap((r) => PERSONAL.map((h) => r[h] ?? '').filter((v) => v.length >= 4));
    expect(secrets.length).toBeGreaterThan(50);
    for (const { file, mail } of mails) {
      expect(mail.subject).toMatch(/^\[UBND xã Yên Lạc\] (Hồ sơ cần xử lý|Tổng hợp hạn xử lý hồ sơ) ngày \d\d\/03\/2026/);
      if (mail.subject?.includes('Hồ sơ cần xử lý')) {
        expect(mail.text).toContain('Mở sổ: https://docs.google.com/spreadsheets/d/');
        expect(mail.html).toContain('<table');
      } else {
        expect(mail.text).toContain('Theo cán bộ xử lý:');
        expect(mail.html).toContain('<ul><li>');
      }
      const everything = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const secret of secrets)
        expect({ file, leaked: everything.includes(secret) ? secret : '' }).toEqual({ file, leaked: '' });
    }
  });

  it(
    'warn on the demo’s workbook writes the same kind of e-mails and the Cảnh báo column',
    async () => {
      const warned = mkdtempSync(join(tmpdir(), 'motcua-warn-'));
      const r = await runCli(['warn', join(out, '000.17.22.H56.xlsx'), '--date', '2026-03-16', '--out', warned]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Kiểm tra hạn ngày 16\/03\/2026: \d+ quá hạn/);
      const mails = await parsedMails(join(warned, 'thu'));
      expect(mails.map((m) => (m.mail.to && 'text' in m.mail.to ? m.mail.to.text : ''))).toContain(
        'chutich.yenlac@example.gov.vn',
      );
      const rows = await registerOf(join(warned, '000.17.22.H56.xlsx'));
      const warnings = rows.map((row) => row['Cảnh báo'] ?? '');
      expect(warnings.some((w) => w.startsWith('Quá hạn – trễ'))).toBe(true);
      expect(REGISTER_COLUMNS).toContain('Cảnh báo');
    },
    SLOW,
  );

  it(
    'warn refuses a bad call in Vietnamese with exit code 2',
    async () => {
      const missing = await runCli(['warn', join(out, 'khong-co.xlsx'), '--date', '2026-03-16']);
      expect(missing).toMatchObject({ code: 2, stderr: `Lỗi: Không tìm thấy tệp “${join(out, 'khong-co.xlsx')}”.\n` });
      const badDate = await runCli(['warn', join(out, '000.17.22.H56.xlsx'), '--date', '2026-02-30']);
      expect(badDate).toMatchObject({
        code: 2,
        stderr: 'Lỗi: Ngày “2026-02-30” không đúng dạng YYYY-MM-DD hoặc không có thật.\n',
      });
    },
    SLOW,
  );
});
