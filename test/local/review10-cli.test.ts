/** Review 10, CLI `summary` / `check` (design.md §8) on messy exports: each test was a defect found, fixed since. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli, SLOW } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'motcua-review10-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const PERIOD = ['--from', '2026-03-01', '--to', '2026-03-14'];

describe('review 10: CLI', () => {
  it(
    'never overwrites an input register with --out (same path given as --out and as FILE)',
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sổ theo dõi hồ sơ');
      ws.addRow(['Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả']);
      ws.addRow(['Đang giải quyết', '2026-03-02', '2026-03-05']);
      const path = join(dir, 'xa-a.xlsx');
      await wb.xlsx.writeFile(path);
      copyFileSync(path, join(dir, 'xa-a.orig.xlsx'));
      const r = await runCli(['summary', ...PERIOD, '--out', path, path]);
      // Either refused (exit 2) or the register left as it was.
      const same = readFileSync(path).equals(readFileSync(join(dir, 'xa-a.orig.xlsx')));
      expect({ code: r.code, same }).toEqual({ code: 2, same: true });
    },
    SLOW,
  );

  it(
    'lists a row with a stray quote as a bad row instead of refusing the whole file',
    async () => {
      const csv = file(
        'xa-quote.csv',
        'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Địa chỉ\n' +
          'Đang giải quyết,2026-03-02,2026-03-05,Thôn Đông\n' +
          'Đang giải quyết,2026-03-02,2026-03-05,Xóm 5 "Bãi Nổi"\n' +
          'Đang giải quyết,2026-03-03,2026-03-05,Thôn Tây\n',
      );
      const r = await runCli(['summary', ...PERIOD, '--json', csv]);
      expect(r.code).toBe(0);
    },
    SLOW,
  );

  it(
    'reads an export whose column the report never uses (Ghi chú) appears twice',
    async () => {
      const csv = file(
        'xa-ghichu.csv',
        'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Ghi chú,Ghi chú\nĐang giải quyết,2026-03-02,2026-03-05,a,b\n',
      );
      const r = await runCli(['summary', ...PERIOD, '--json', csv]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    },
    SLOW,
  );

  it(
    'writes --out when more than ~1000 rows are listed in the data-quality block',
    async () => {
      const rows = Array.from({ length: 1200 }, () => 'Đang giải quyết,02-03-2026,2026-03-05').join('\n');
      const csv = file('xa-nhieu-loi.csv', `Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\n${rows}\n`);
      const r = await runCli(['summary', ...PERIOD, '--out', join(dir, 'nhieu-loi.xlsx'), csv]);
      expect({ code: r.code, unexpected: r.stderr.includes('Lỗi không mong đợi') }).toEqual({ code: 0, unexpected: false });
    },
    SLOW,
  );
});
