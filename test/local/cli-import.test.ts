/**
 * `import` as an IT officer runs it: the export's new dossiers become rows (text stays text, an
 * event each in Nhật ký xử lý), the register read is never written, a second import adds nothing.
 * The command line runs in-process (run.ts, as main.ts runs it); the first import and the closed pipe
 * as the real process.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalWorld } from '../../src/local/gas/world';
import { saveXlsx } from '../../src/local/gas/xlsx';
import { runSetup } from '../../src/server/setup';
import { TABS } from '../../src/sheets/schema';
import { runCli, runCliStdoutClosed, runCommand, SLOW } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'motcua-import-'));
const EXPORT =
  'MaHoSo;TenThuTuc;NgayTiepNhan;NgayHenTra;NgayTra;TenTrangThaiHoSo;HinhThucNop\r\n' +
  'H15.50.05.13-260505-0999;=HYPERLINK("http://x");05/05/2026 09:00;08/05/2026 17:00;;Đang xử lý;Trực tuyến\r\n' +
  'H15.50.05.13-260505-1000;Đăng ký khai sinh;05/05/2026 10:00;06/05/2026 17:00;06/05/2026;10;\r\n' +
  'H15.50.05.13-260505-1001;Đăng ký khai sinh;05/05/2026 10:00;32/05/2026;;4;\r\n';

async function rowsOf(file: string, tab: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(tab)!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1]])));
  });
  return rows.filter((r) => r['Mã hồ sơ']);
}

describe('import from a provincial export', () => {
  let register: string;
  let exportFile: string;
  beforeAll(async () => {
    const world = new LocalWorld(new Date('2026-05-06T01:00:00Z'));
    const book = world.createSpreadsheetData('Sổ', 'motcua@xa.gov.vn');
    world.run({ user: 'motcua@xa.gov.vn', context: 'editor', spreadsheetId: book.id }, (s) => runSetup(s));
    register = join(dir, 'so.xlsx');
    await saveXlsx(book, register);
    exportFile = join(dir, 'xuat-tinh.csv');
    writeFileSync(exportFile, `\uFEFF${EXPORT}`);
  }, SLOW);

  it(
    'adds the new dossiers with their events, names the bad row, and a second import adds nothing',
    async () => {
      const before = readFileSync(register);
      const first = join(dir, 'so-1.xlsx');
      const r = await runCli(['import', register, exportFile, '--out', first]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        `${exportFile}, dòng 4: NgayHenTra “32/05/2026” không phải ngày dd/MM/yyyy HH:mm (năm 1901–2099) — không nhập.`,
      );
      expect(readFileSync(register).equals(before)).toBe(true);
      const rows = await rowsOf(first, TABS.register);
      expect(rows.map((x) => [x['Mã hồ sơ'], x['Trạng thái'], x['STT']])).toEqual([
        ['H15.50.05.13-260505-0999', 'Đang giải quyết', 1],
        ['H15.50.05.13-260505-1000', 'Đã trả kết quả', 2],
      ]);
      expect(rows[0]?.['Tên thủ tục']).toBe('=HYPERLINK("http://x")');
      expect(rows[0]?.['Ghi chú']).toBe('Nhập từ hệ thống tỉnh: xuat-tinh.csv, dòng 2');
      const events = await rowsOf(first, TABS.log);
      expect(events.map((e) => [e['Mã hồ sơ'], e['Thao tác'], e['Ghi chú']])).toEqual([
        ['H15.50.05.13-260505-0999', 'Nhập từ hệ thống tỉnh', 'Nhập từ xuat-tinh.csv, dòng 2'],
        ['H15.50.05.13-260505-1000', 'Nhập từ hệ thống tỉnh', 'Nhập từ xuat-tinh.csv, dòng 3'],
      ]);

      const second = join(dir, 'so-2.xlsx');
      const again = await runCommand(['import', first, exportFile, '--out', second]);
      expect(again.stdout).toContain('thêm 0 hồ sơ; 2 hồ sơ đã có trong sổ, giữ nguyên');
      expect(await rowsOf(second, TABS.register)).toHaveLength(2);
    },
    SLOW,
  );

  it(
    'refuses an --out it cannot write before reading any export, in Vietnamese (exit 2), and leaves nothing there',
    async () => {
      const notRead = join(dir, 'chua-doc.csv');
      const cases: [string, string][] = [
        [join(dir, 'chua-co', 'so-moi.xlsx'), `không có thư mục “${join(dir, 'chua-co')}”`],
        [join(exportFile, 'so-moi.xlsx'), 'một phần của đường dẫn là tệp, không phải thư mục'],
        ['/proc/so-moi.xlsx', 'không tạo được tệp ở đó'],
      ];
      for (const [out, why] of cases) {
        const r = await runCommand(['import', register, notRead, '--out', out]);
        expect(r).toEqual({ code: 2, stdout: '', stderr: `Lỗi: --out “${out}”: không ghi được tệp (${why}).\n` });
      }
      expect(existsSync(join(dir, 'chua-co'))).toBe(false);
    },
    SLOW,
  );

  it(
    'writes the whole new register when its output is piped into a reader that closes at once',
    async () => {
      const out = join(dir, 'so-ong-dong.xlsx');
      const r = await runCliStdoutClosed(['import', register, exportFile, '--out', out]);
      expect(r).toEqual({ code: 0, stderr: '' });
      expect((await rowsOf(out, TABS.register)).map((x) => x['Mã hồ sơ'])).toEqual([
        'H15.50.05.13-260505-0999',
        'H15.50.05.13-260505-1000',
      ]);
    },
    SLOW,
  );

  it(
    'adds nothing twice under another spelling, never a dossier refused at the counter, and names a bad code or an over-long cell',
    async () => {
      const first = join(dir, 'so-spelling-1.xlsx');
      expect((await runCommand(['import', register, exportFile, '--out', first])).code).toBe(0);
      const odd = join(dir, 'xuat-la.csv');
      writeFileSync(
        odd,
        'MaHoSo;TenThuTuc;NgayTiepNhan;NgayHenTra;NgayTra;TenTrangThaiHoSo;HinhThucNop\r\n' +
          // The dossier of row 2, its code in lower case with spaces around the dashes.
          'h15.50.05.13 - 260505 - 0999;Đăng ký khai sinh;05/05/2026 09:00;08/05/2026 17:00;;Đang xử lý;\r\n' +
          'H15.50.05.13-260505-1002;Đăng ký khai sinh;05/05/2026 10:00;06/05/2026 17:00;;03;\r\n' +
          'không phải mã;Đăng ký khai sinh;05/05/2026 10:00;06/05/2026 17:00;;4;\r\n' +
          `H15.50.05.13-260505-1003;${'A'.repeat(60_000)};05/05/2026 10:00;06/05/2026 17:00;;4;\r\n` +
          'H15.50.05.13-260505-1004;Đăng ký khai sinh;05/05/2026 10:00;06/05/2026 10:00;;4;\r\n',
      );
      const second = join(dir, 'so-spelling-2.xlsx');
      const r = await runCommand(['import', first, odd, '--out', second]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        `${odd}: thêm 1 hồ sơ; 1 hồ sơ đã có trong sổ, giữ nguyên (khác nhau thì xem lệnh reconcile); 1 hồ sơ “Không được tiếp nhận”`,
      );
      expect(r.stdout).toContain(`${odd}, dòng 4: mã hồ sơ “không phải mã” không đúng dạng`);
      expect(r.stdout).toContain(
        `${odd}, dòng 5: ô “TenThuTuc” dài 60.000 ký tự, quá 50.000 ký tự một ô của Google Sheets — không nhập.`,
      );
      expect(r.stdout + r.stderr).not.toMatch(/Your input|Exception/);
      const rows = await rowsOf(second, TABS.register);
      expect(rows.map((x) => x['Mã hồ sơ'])).toEqual([
        'H15.50.05.13-260505-0999',
        'H15.50.05.13-260505-1000',
        'H15.50.05.13-260505-1004',
      ]);
    },
    SLOW,
  );

  it(
    'refuses a register given as the export, or the files swapped, saying so (exit 2)',
    async () => {
      const out = join(dir, 'so-doi-cho.xlsx');
      const same = await runCommand(['import', register, register, '--out', out]);
      expect(same.code).toBe(2);
      expect(same.stderr).toContain('là một sổ MotCua (có cột Hạn trả mới, Cảnh báo…), không phải tệp xuất của hệ thống tỉnh');
      const swapped = await runCommand(['import', exportFile, register, '--out', out]);
      expect(swapped.code).toBe(2);
      expect(swapped.stderr).toContain(
        `“${exportFile}” là tệp xuất của hệ thống tỉnh, không phải sổ MotCua: có lẽ hai tệp bị đổi chỗ.`,
      );
    },
    SLOW,
  );

  it(
    'refuses to write over the register it reads (exit 2)',
    async () => {
      const r = await runCommand(['import', register, exportFile, '--out', register]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `Lỗi: --out “${register}” là một trong các tệp đang đọc (${register}): chọn tên tệp khác để không ghi đè.\n`,
      });
    },
    SLOW,
  );
});
