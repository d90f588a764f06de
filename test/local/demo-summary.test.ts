/**
 * The demo run into a folder that already holds files, and its outputs read back against `summary`:
 * every line of summary.html and of the oversight sheet balancing and equal to the CLI's figures.
 * The demo runs as the real process; `summary` runs the command line in-process (run.ts).
 */
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { DEMO_UNITS } from '../../src/local/cli/demo';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand, SLOW } from './runCli';

type Counts = Record<string, Record<string, number>>;

interface SummaryJson {
  units: ({ unit: string } & Counts)[];
  total: Counts;
}

const FIGURES = [
  ['received', 'total'],
  ['received', 'online'],
  ['received', 'inPersonOrPostal'],
  ['received', 'carriedOver'],
  ['resolved', 'total'],
  ['resolved', 'early'],
  ['resolved', 'onTime'],
  ['resolved', 'late'],
  ['inProgress', 'total'],
  ['inProgress', 'withinDeadline'],
  ['inProgress', 'overdue'],
  ['other', 'total'],
] as const;

const figuresOf = (c: Counts) => FIGURES.map(([g, f]) => c[g]![f]!);

function unitTable(html: string): Map<string, number[]> {
  const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
  const rows = new Map<string, number[]>();
  for (const tr of table.split('<tr').slice(1)) {
    const name = /<th>([^<]*)<\/th>/.exec(tr)?.[1];
    const cells = [...tr.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    // The level column, then the 12 figures, then the rates.
    const numbers = cells.slice(1, 13).map((v) => Number(v.replace(/\./g, '')));
    if (name && numbers.length === 12 && numbers.every(Number.isInteger)) rows.set(name, numbers);
  }
  return rows;
}

const files = (dir: string) => readdirSync(dir);

describe('npm run demo, checked against summary', () => {
  describe('npm run demo, checked against summary', () => {
    describe('npm run demo', () => {
      const out = mkdtempSync(join(tmpdir(), 'motcua demo Yên Lạc '));
      let run: Awaited<ReturnType<typeof runCli>>;
      let result = out;
      beforeAll(async () => {
        // The folder of an earlier run: its messages, and a note of the officer's own.
        mkdirSync(join(out, 'thu'));
        writeFileSync(join(out, 'thu', '999-2026-04-30-canbo1.xa-tam-hong@example.gov.vn.eml'), 'Subject: old\r\n\r\nold');
        writeFileSync(join(out, 'thu', 'ghi-chu.txt'), 'của tôi');
        run = await runCli(['demo', '--out', out]);
        result = /kết quả lần này ở (.+)\.\n/.exec(run.stdout)?.[1] ?? out;
      }, SLOW);

      it('works to the last day of the month it reports, so no dossier not yet due is called overdue', () => {
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/14\/05\/2026: [1-9]\d* hồ sơ tiếp nhận/);
        expect(run.stdout).toContain('Đã tạo bản chỉ xem cho HĐND lúc 14/05/2026');
        // Counts as a Vietnamese reader writes them.
        expect(run.stdout).toMatch(/Xong: 5 sổ, \d+ hồ sơ, \d{1,3}(\.\d{3})+ lời gọi/);
      });

      it('run into a folder holding an earlier run’s files, leaves every one as it was and writes into a new folder beside it, saying so', () => {
        expect(result).toBe(`${out}-2`);
        expect(readdirSync(join(out, 'thu')).sort()).toEqual([
          '999-2026-04-30-canbo1.xa-tam-hong@example.gov.vn.eml',
          'ghi-chu.txt',
        ]);
        const printed = Number(/(\d+) thư nhắc hạn và thư tổng hợp: thu\/\*\.eml/.exec(run.stdout)?.[1]);
        expect(readdirSync(join(result, 'thu')).filter((f) => f.endsWith('.eml'))).toHaveLength(printed);
      });

      it('shows, per unit and in total, exactly what `summary` gives on its registers, every line balancing', async () => {
        const files = DEMO_UNITS.map((u) => u.slug).map((f) => join(result, `${f}.xlsx`));
        const cli = await runCommand(['summary', '--from', '2026-04-15', '--to', '2026-05-14', '--json', ...files]);
        expect(cli.code).toBe(0);
        const json = JSON.parse(cli.stdout) as SummaryJson;
        const page = unitTable(readFileSync(join(result, 'summary.html'), 'utf8'));
        expect(json.units).toHaveLength(DEMO_UNITS.length);
        for (const u of json.units) expect([u.unit, page.get(u.unit)]).toEqual([u.unit, figuresOf(u)]);
        expect(page.get('Tổng cộng')).toEqual(figuresOf(json.total));
        for (const [name, f] of page) {
          expect([name, f[0]]).toEqual([name, f[1]! + f[2]! + f[3]!]); // (3) = (4) + (5) + (6)
          expect([name, f[0]]).toEqual([name, f[4]! + f[8]! + f[11]!]); // (3) = (7) + (11) + stopped
          expect([name, f[4]]).toEqual([name, f[5]! + f[6]! + f[7]!]);
          expect([name, f[8]]).toEqual([name, f[9]! + f[10]!]);
        }
      });

      it('heads the oversight sheet’s unit table `Cấp` (it holds the level), not `Lĩnh vực`, and its figures are `summary`’s', async () => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(result, 'tong-hop-tinh-phu-tho.xlsx'));
        const rows: unknown[][] = [];
        book
          .getWorksheet('Tổng hợp giám sát')!
          .eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
        const byUnit = rows.findIndex((r) => r[0] === 'Theo đơn vị');
        const byField = rows.findIndex((r) => r[0] === 'Theo lĩnh vực');
        expect(rows[byUnit + 1]!.slice(0, 2)).toEqual(['Đơn vị', 'Cấp']);
        expect(rows[byUnit + 2]!.slice(0, 2)).toEqual(['UBND xã Yên Lạc', 'Cấp xã']);
        expect(rows[byField + 1]!.slice(0, 2)).toEqual(['Đơn vị', 'Lĩnh vực']);
        const files = DEMO_UNITS.map((u) => u.slug).map((f) => join(result, `${f}.xlsx`));
        const cli = await runCommand(['summary', '--from', '2026-04-15', '--to', '2026-05-14', '--json', ...files]);
        const json = JSON.parse(cli.stdout) as SummaryJson;
        for (const u of json.units) {
          const line = rows.slice(byUnit, byField).find((r) => r[0] === u.unit)!;
          expect([u.unit, line.slice(2, 14)]).toEqual([u.unit, figuresOf(u)]);
        }
      });

      it('gives the council the data-quality block as its title and a count, with no column headings over nothing', async () => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(result, 'ban-chi-xem-hdnd-xa-tam-hong.xlsx'));
        const rows: unknown[][] = [];
        book.getWorksheet('Tổng hợp giám sát')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
        const at = rows.findIndex((r) => String(r[0]).startsWith('Chất lượng dữ liệu'));
        expect(rows[at]!.filter((v) => v !== null && v !== undefined && v !== '')).toHaveLength(1);
        expect(rows[at + 1]![0]).toBe(
          '0 mục (dòng không phân loại được, sổ không đọc được): chi tiết chỉ có trong sổ của đơn vị.',
        );
        expect(rows).toHaveLength(at + 2);
      });

      it('prints the forms of Circular 03/2025 its steps call for: Mẫu 01–06 and the agency’s notice of a refusal after review', () => {
        const files = readdirSync(result);
        const forms: [prefix: string, number: string, title: string][] = [
          ['giay-tiep-nhan-', 'Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
          ['mau-02-yeu-cau-bo-sung-', 'Mẫu số 02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
          ['mau-03-tu-choi-tiep-nhan-TC-', 'Mẫu số 03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
          ['mau-04-xin-loi-de-nghi-gia-han-', 'Mẫu số 04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'],
          ['mau-05-dung-giai-quyet-', 'Mẫu số 05', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'],
          ['mau-06-kiem-soat-qua-trinh-', 'Mẫu số 06', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
          ['thong-bao-khong-giai-quyet-', '', 'THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ'],
        ];
        for (const [prefix, number, title] of forms) {
          const file = files.find((f) => f.startsWith(prefix) && f.endsWith('.html'));
          expect([prefix, file !== undefined]).toEqual([prefix, true]);
          const html = readFileSync(join(result, file!), 'utf8');
          expect(html).toContain(title);
          if (number) expect(html).toContain(`<div class="number">${number}<br>`);
          if (number) expect(html).toContain('Thông tư số 03/2025/TT-VPCP');
        }
        const apology = files.find((f) => f.startsWith('mau-04-'))!;
        expect(readFileSync(join(result, apology), 'utf8')).toContain('Chờ ý kiến cơ quan chuyên môn');
        expect(run.stdout).toContain('(Mẫu 02–06) và thông báo không giải quyết: mau-0*.html, thong-bao-*.html');
      });

      it('says nowhere in 2026 that a district exists: no `huyện` in any form, e-mail, register, report or council copy', async () => {
        const texts: [string, string][] = [];
        const walk = (dir: string): string[] =>
          readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
            d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
          );
        for (const file of walk(result)) {
          if (file.endsWith('.html')) texts.push([file, readFileSync(file, 'utf8')]);
          if (file.endsWith('.eml')) {
            const mail = await simpleParser(readFileSync(file));
            texts.push([file, `${mail.from?.text ?? ''}\n${mail.subject ?? ''}\n${mail.text ?? ''}\n${mail.html || ''}`]);
          }
          if (file.endsWith('.xlsx')) {
            const book = new ExcelJS.Workbook();
            await book.xlsx.readFile(file);
            const cells: string[] = [];
            book.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
            texts.push([file, cells.join('\n')]);
          }
        }
        expect(texts.length).toBeGreaterThan(40);
        const found = texts.filter(([, text]) => /huyện/i.test(text.normalize('NFC'))).map(([file]) => file);
        expect(found).toEqual([]);
        // Each commune's own council copy, and the province's oversight workbook.
        for (const unit of DEMO_UNITS) expect(files(result)).toContain(`ban-chi-xem-hdnd-${unit.slug}.xlsx`);
        expect(files(result)).toContain('tong-hop-tinh-phu-tho.xlsx');
        expect(run.stdout).toContain('Báo cáo tổng hợp của Văn phòng UBND tỉnh Phú Thọ từ 5 sổ');
      });
    });
  });
});
