/** `summary` and `check` as a district IT officer runs them on messy exported registers (design.md §8). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli, SLOW } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'motcua-summary-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Columns in another order, an extra column, a BOM, CRLF, a quoted field with a comma and a line break,
// dates as ISO, dd/MM/yyyy and dd/MM/yyyy HH:mm, and two rows that cannot be classified.
const MESSY =
  '\uFEFFGhi chú riêng,Trạng thái,Thời điểm tiếp nhận,Hình thức nộp,Hạn trả kết quả,Ngày có kết quả,Lĩnh vực,Lý do chậm\r\n' +
  '"gọi lại, sau",Đã trả kết quả,2026-03-02 08:00,Trực tuyến,2026-03-06 17:00,2026-03-05,Hộ tịch,\r\n' +
  'x,Đã có kết quả,02/03/2026 09:30,Trực tiếp,06/03/2026,06/03/2026,Hộ tịch,\r\n' +
  '"dòng\r\nhai",Đã có kết quả,2026-03-02,Bưu chính,2026-03-04,2026-03-09,Đất đai,"Chờ xác minh, đo đạc"\r\n' +
  ',Đang giải quyết,2026-03-03,Trực tiếp,2026-03-05,,Đất đai,\r\n' +
  ',Dừng giải quyết,2026-03-03,Trực tiếp,2026-03-20,2026-03-04,Đất đai,\r\n' +
  ',Đã xong,2026-03-03,Trực tiếp,2026-03-20,,Đất đai,\r\n' +
  ',Đã có kết quả,2026-03-03,Trực tiếp,31/02/2026,2026-03-04,Đất đai,\r\n';

describe('summary', () => {
  it(
    'reads a messy CSV, counts every classifiable row and lists the others with their row and reason',
    async () => {
      const r = await runCli(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--json', file('xa-dong.csv', MESSY)]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { units: { unit: string }[]; total: Record<string, unknown> };
      expect(json.units.map((u) => u.unit)).toEqual(['xa-dong']);
      expect(json.total).toMatchObject({
        received: { total: 5, online: 1, inPersonOrPostal: 4, carriedOver: 0 },
        resolved: { total: 3, early: 1, onTime: 1, late: 1 },
        inProgress: { total: 1, withinDeadline: 0, overdue: 1 },
        other: { total: 1 },
        ratesText: { earlyOfReceived: '20,00%', onTimeOfResolved: '33,33%', timeliness766: '40,00%' },
      });
      expect(r.stderr).toContain('xa-dong.csv, dòng 7: trạng thái không thuộc danh mục — không tính vào báo cáo.');
      expect(r.stderr).toContain(
        'xa-dong.csv, dòng 8: hạn trả kết quả trống hoặc không đúng dạng ngày — không tính vào báo cáo.',
      );
    },
    SLOW,
  );

  it(
    'gives the same total from one file as from the same rows split in two with columns reordered, and writes the sheet',
    async () => {
      const lines = MESSY.replace('\uFEFF', '').split('\r\n').filter(Boolean);
      const header = lines[0]!;
      const rows = [lines[1]!, lines[2]!, lines[5]!, lines[6]!]; // (lines 3 and 4 are one quoted field)
      const whole = file('whole.csv', [header, ...rows].join('\n'));
      const a = file('a.csv', [header, rows[0], rows[1]].join('\n'));
      // The second part with its columns in another order (ISO dates, no quoted fields in these rows).
      const swap = (line: string) => {
        const c = line.split(',');
        return [c[4], c[0], c[1], c[2], c[3], c[5], c[6], c[7]].join(',');
      };
      const b = file('b.csv', [swap(header), swap(rows[2]!), swap(rows[3]!)].join('\n'));
      const one = await runCli(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--json', whole]);
      const two = await runCli([
        'summary',
        '--json',
        '--from',
        '2026-03-01',
        a,
        b,
        '--to',
        '2026-03-14',
        '--out',
        join(dir, 'tong-hop.xlsx'),
      ]);
      expect(JSON.parse(two.stdout).total).toEqual(JSON.parse(one.stdout).total);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'tong-hop.xlsx'));
      const ws = wb.getWorksheet('Tổng hợp giám sát')!;
      expect(String(ws.getCell('A1').value)).toContain('Biểu 06/VPCP/KSTT');
      expect(ws.getCell('A7').value).toBe('Đơn vị');
      expect([ws.getCell('A8').value, ws.getCell('C8').value, ws.getCell('C10').value]).toEqual(['a', 2, 4]);
    },
    SLOW,
  );

  it(
    'writes the official form Biểu số II.06a/VPCP/KSTT with --official, its lines by competent agency with --by agency',
    async () => {
      const csv = file(
        'trung-tam.csv',
        'Trạng thái,Thời điểm tiếp nhận,Hình thức nộp,Hạn trả kết quả,Ngày có kết quả,Lĩnh vực,Cơ quan giải quyết,Kênh nộp\n' +
          'Đã có kết quả,2026-03-02 08:00,Trực tuyến,2026-03-06 17:00,2026-03-05,Hộ tịch,UBND xã Tề Lỗ,Ứng dụng VNeID\n' +
          'Dừng giải quyết,2026-03-02 09:00,Trực tiếp,2026-03-09 17:00,2026-03-04,Đất đai,Văn phòng đăng ký đất đai,\n' +
          'Đang giải quyết,2026-03-03 09:00,Trực tiếp,2026-03-20 17:00,,Đất đai,Văn phòng đăng ký đất đai,\n',
      );
      const out = join(dir, 'bieu-06a.xlsx');
      const args = ['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--out', out, '--official', '--by', 'agency'];
      const r = await runCli([...args, '--receiver', 'UBND tỉnh Phú Thọ', '--json', csv]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { agencies: { agency: string }[]; receptionRefusals: number; total: unknown };
      expect(json.agencies.map((a) => a.agency)).toEqual(['UBND xã Tề Lỗ', 'Văn phòng đăng ký đất đai']);
      expect(json.receptionRefusals).toBe(0);
      expect(json.total).toMatchObject({ refusedAfterReview: 0, service: { 'Kênh nộp': { 'Ứng dụng VNeID': 1 } } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.getWorksheet('Biểu II.06a')!;
      const rows = ws
        .getSheetValues()
        .slice(1)
        .map((r) => (Array.isArray(r) ? r.slice(1) : []));
      expect(rows[0]![0]).toBe('Biểu số II.06a/VPCP/KSTT');
      expect(rows[2]![0]).toBe('- Đơn vị báo cáo: trung-tam');
      expect(rows[3]![0]).toBe('- Đơn vị nhận báo cáo: UBND tỉnh Phú Thọ');
      expect(rows[4]![0]).toBe('Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 14/03/2026');
      expect(rows[9]).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)']);
      // The stopped dossier is in (7) and (9), so that (3) = (7) + (11).
      expect(rows[10]).toEqual(['1', 'UBND xã Tề Lỗ', 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
      expect(rows[11]).toEqual(['2', 'Văn phòng đăng ký đất đai', 2, 0, 2, 0, 1, 0, 1, 0, 1, 1, 0]);
      expect(rows[12]!.slice(1)).toEqual(['Tổng cộng', 3, 1, 2, 0, 2, 1, 1, 0, 1, 1, 0]);
      expect(String(rows[14]![0])).toMatch(/^\(\*\) Cột \(9\) gồm 1 hồ sơ dừng giải quyết/);
      const bad = await runCli(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--official', csv]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--official, --by và --receiver đi cùng --out FILE.xlsx');
    },
    SLOW,
  );

  it(
    'refuses bad calls in Vietnamese with exit code 2',
    async () => {
      const csv = file('ok.csv', 'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nĐang giải quyết,2026-03-02,2026-03-05\n');
      const cases: [string[], string][] = [
        [['summary', '--from', '2026-03-14', '--to', '2026-03-01', csv], 'Lỗi: --from 2026-03-14 sau --to 2026-03-01'],
        [['summary', '--from', '2026-03-01', '--to', '2026-03-14'], 'Lỗi: Thiếu tệp sổ'],
        [['summary', '--from', '2026-03-01', '--to', '2026-03-14', join(dir, 'khong-co.csv')], 'Lỗi: Không tìm thấy tệp'],
        [['summary', '--from', '2026-03-01', '--to', '2026-03-14', file('x.txt', 'a')], 'Lỗi: “'],
        [
          [
            'summary',
            '--from',
            '2026-03-01',
            '--to',
            '2026-03-14',
            file('thieu.csv', 'Trạng thái,Thời điểm tiếp nhận\nx,2026-03-02\n'),
          ],
          'không có cột “Hạn trả kết quả”',
        ],
      ];
      for (const [args, message] of cases) {
        const r = await runCli(args);
        expect({ args, code: r.code, stderr: r.stderr.includes(message) }).toEqual({ args, code: 2, stderr: true });
      }
    },
    SLOW,
  );
});

describe('check', () => {
  it(
    'lists each bad row with its number and reason, exit code 1; a clean register exits 0',
    async () => {
      const bad = await runCli(['check', file('kiem-tra.csv', MESSY)]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('2 dòng lỗi trên 7 dòng hồ sơ.');
      expect(bad.stdout).toContain('dòng 7: trạng thái không thuộc danh mục.');
      const good = await runCli([
        'check',
        file('sach.csv', 'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nĐang giải quyết,2026-03-02,2026-03-05\n'),
      ]);
      expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('1 dòng hồ sơ, không có dòng lỗi.') });
    },
    SLOW,
  );
});
