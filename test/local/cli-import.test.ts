/**
 * `import` as an IT officer runs it: the export's new dossiers become rows (text stays text, an
 * event each in Nhật ký xử lý), the register read is never written, a second import adds nothing.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalWorld } from '../../src/local/gas/world';
import { saveXlsx } from '../../src/local/gas/xlsx';
import { runSetup } from '../../src/server/setup';
import { TABS } from '../../src/sheets/schema';
import { runCli, runCliStdoutClosed, SLOW } from './runCli';

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
      expect(r.stdout).toContain(`${exportFile}, dòng 4: Ngày hẹn trả không đúng dạng ngày (dd/MM/yyyy HH:mm) — không nhập.`);
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
      const again = await runCli(['import', first, exportFile, '--out', second]);
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
        const r = await runCli(['import', register, notRead, '--out', out]);
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
    'refuses to write over the register it reads (exit 2)',
    async () => {
      const r = await runCli(['import', register, exportFile, '--out', register]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `Lỗi: --out “${register}” là một trong các tệp đang đọc (${register}): chọn tên tệp khác để không ghi đè.\n`,
      });
    },
    SLOW,
  );
});
