/**
 * `summary` and `check` as the commune centre's IT officer runs them on messy exported registers (design.md §8).
 * The first case runs the real process; the others run the same command line in-process (run.ts, as
 * main.ts runs it), each call's exit code, stdout and stderr as the process gives them.
 */
import ExcelJS from 'exceljs';
import { existsSync, linkSync, mkdtempSync, readdirSync, writeFileSync, copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import { summarize, summaryOfParts } from '../../src/core/summary';
import { readRegisterParts, settleParts, unitsAndRepeats } from '../../src/local/cli/registerParts';
import { MetFilter } from '../../src/local/cli/metFilter';
import { readRegisterFile } from '../../src/local/cli/registers';
import { countOnce } from '../../src/local/cli/repeats';
import { runCli, runCommand, SLOW } from './runCli';

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
      // Rows were left out: a scheduled job notices (exit code 1), the report is still whole.
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout) as { units: { unit: string }[]; total: Record<string, unknown> };
      expect(json.units.map((u) => u.unit)).toEqual(['xa-dong']);
      expect(json.total).toMatchObject({
        received: { total: 5, online: 1, inPersonOrPostal: 4, carriedOver: 0 },
        resolved: { total: 3, early: 1, onTime: 1, late: 1 },
        inProgress: { total: 1, withinDeadline: 0, overdue: 1 },
        other: { total: 1 },
        ratesText: { earlyOfReceived: '20,00%', onTimeOfResolved: '33,33%', timeliness766: '40,00%' },
      });
      // The cell is quoted on the row's line, with what it should hold; the report counts reasons without it.
      expect(r.stderr).toContain(
        'xa-dong.csv, dòng 7: trạng thái không thuộc danh mục (ô ghi “Đã xong”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết) — không tính vào báo cáo.',
      );
      expect(r.stderr).toContain(
        'xa-dong.csv, dòng 8: hạn trả kết quả trống hoặc không đúng dạng ngày (ô ghi “31/02/2026”; cần dạng dd/MM/yyyy HH:mm, dd/MM/yyyy hoặc yyyy-MM-dd HH:mm) — không tính vào báo cáo.',
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
      const one = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--json', whole]);
      const two = await runCommand([
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
      const r = await runCommand([...args, '--receiver', 'UBND tỉnh Phú Thọ', '--json', csv]);
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
      // Lines by agency: column (2) says so.
      expect(rows[6]!.slice(0, 2)).toEqual(['TT', 'Cơ quan giải quyết']);
      // The stopped dossier is in (7) and (9), so that (3) = (7) + (11).
      expect(rows[10]).toEqual(['1', 'UBND xã Tề Lỗ', 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
      expect(rows[11]).toEqual(['2', 'Văn phòng đăng ký đất đai', 2, 0, 2, 0, 1, 0, 1, 0, 1, 1, 0]);
      expect(rows[12]!.slice(1)).toEqual(['Tổng cộng', 3, 1, 2, 0, 2, 1, 1, 0, 1, 1, 0]);
      expect(String(rows[14]![0])).toMatch(/^\(\*\) Cột \(9\) gồm 1 hồ sơ dừng giải quyết/);
      const bad = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--official', csv]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--official, --by, --receiver và --reporter đi cùng --out FILE.xlsx');
    },
    SLOW,
  );

  it(
    'keeps each commune’s `Công an xã` on its own line with --by agency across several registers, reported by the consolidating body (--reporter)',
    async () => {
      const header =
        'Đơn vị tiếp nhận,Trạng thái,Thời điểm tiếp nhận,Hình thức nộp,Hạn trả kết quả,Ngày có kết quả,Lĩnh vực,Cơ quan giải quyết\n';
      const tamHong = file(
        'tam-hong.csv',
        header +
          'UBND xã Tam Hồng,Đang giải quyết,2026-03-02 08:00,Trực tiếp,2026-03-09 17:00,,Cư trú,Công an xã\n' +
          'UBND xã Tam Hồng,Đang giải quyết,2026-03-03 08:00,Trực tiếp,2026-03-10 17:00,,Cư trú,Công an xã\n' +
          'UBND xã Tam Hồng,Đang giải quyết,2026-03-03 09:00,Trực tiếp,2026-03-10 17:00,,Hộ tịch,\n',
      );
      const yenLac = file(
        'yen-lac.csv',
        header + 'UBND xã Yên Lạc,Đang giải quyết,2026-03-02 08:00,Trực tiếp,2026-03-09 17:00,,Cư trú,Công an xã\n',
      );
      const out = join(dir, 'theo-co-quan.xlsx');
      const args = [
        'summary',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-14',
        '--out',
        out,
        '--official',
        '--by',
        'agency',
        '--json',
        tamHong,
        yenLac,
      ];
      // Several units: the consolidating body must be named, not taken from one commune.
      const unnamed = await runCommand(args);
      expect(unnamed.code).toBe(2);
      expect(unnamed.stderr).toContain(
        'Biểu số II.06a tổng hợp 2 đơn vị: ghi --reporter "TÊN" là cơ quan tổng hợp báo cáo (ví dụ --reporter "Văn phòng UBND tỉnh Phú Thọ"), không lấy tên một xã.',
      );
      const r = await runCommand([...args, '--reporter', 'Văn phòng UBND tỉnh Phú Thọ']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { agencies: { agency: string; received: { total: number } }[] };
      expect(json.agencies.map((a) => [a.agency, a.received.total])).toEqual([
        ['Công an xã Tam Hồng', 2],
        ['Công an xã Yên Lạc', 1],
        ['UBND xã Tam Hồng', 1],
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const sheet = wb.getWorksheet('Biểu II.06a')!.getSheetValues();
      expect(sheet.slice(2, 4).map((row) => (Array.isArray(row) ? row[1] : undefined))).toEqual([
        'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CÁC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG DO VĂN PHÒNG UBND TỈNH PHÚ THỌ TỔNG HỢP',
        '- Đơn vị báo cáo: Văn phòng UBND tỉnh Phú Thọ',
      ]);
      const labels = sheet.map((row) => (Array.isArray(row) ? row[2] : undefined));
      expect(labels).toEqual(expect.arrayContaining(['Công an xã Tam Hồng', 'Công an xã Yên Lạc', 'UBND xã Tam Hồng']));
      expect(labels).not.toContain('Công an xã');
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
        const r = await runCommand(args);
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
      const bad = await runCommand(['check', file('kiem-tra.csv', MESSY)]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('2 dòng lỗi trên 7 dòng hồ sơ.');
      expect(bad.stdout).toContain(
        'dòng 7: trạng thái không thuộc danh mục (ô ghi “Đã xong”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết).',
      );
      const good = await runCommand([
        'check',
        file('sach.csv', 'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nĐang giải quyết,2026-03-02,2026-03-05\n'),
      ]);
      expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('1 dòng hồ sơ, không có dòng lỗi.') });
    },
    SLOW,
  );
});

const PERIOD = ['--from', '2026-03-01', '--to', '2026-03-14'];

describe('summary at its edges: --out, stray quotes, doubled columns, long data-quality blocks', () => {
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
      const r = await runCommand(['summary', ...PERIOD, '--out', path, path]);
      // Either refused (exit 2) or the register left as it was.
      const same = readFileSync(path).equals(readFileSync(join(dir, 'xa-a.orig.xlsx')));
      expect({ code: r.code, same }).toEqual({ code: 2, same: true });
    },
    SLOW,
  );

  it(
    'never writes over an input reached another way: through a linked folder, /proc/self/cwd, a link to it or a hard link (exit 2, each named)',
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sổ theo dõi hồ sơ');
      ws.addRow(['Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả']);
      ws.addRow(['Đang giải quyết', '2026-03-02', '2026-03-05']);
      const own = mkdtempSync(join(tmpdir(), 'motcua-summary-out-'));
      const register = join(own, 'xa-b.xlsx');
      await wb.xlsx.writeFile(register);
      const original = readFileSync(register);
      symlinkSync(own, join(own, 'day'));
      symlinkSync(register, join(own, 'lien-ket.xlsx'));
      linkSync(register, join(own, 'cung-so.xlsx'));
      const ways = [join(own, 'day', 'xa-b.xlsx'), join(own, 'lien-ket.xlsx'), join(own, 'cung-so.xlsx')];
      // The CLI runs in this process's folder: /proc/self/cwd is it, on Linux; `..` after it climbs from there.
      if (existsSync('/proc/self/cwd')) ways.push(`/proc/self/cwd/${relative(process.cwd(), register)}`);
      for (const out of ways) {
        const r = await runCommand(['summary', ...PERIOD, '--out', out, register]);
        expect(r).toEqual({
          code: 2,
          stdout: '',
          stderr: `Lỗi: --out “${out}” là một trong các tệp đang đọc (${register}): chọn tên tệp khác để không ghi đè.\n`,
        });
      }
      expect(readFileSync(register).equals(original)).toBe(true);
      expect(readdirSync(own).sort()).toEqual(['cung-so.xlsx', 'day', 'lien-ket.xlsx', 'xa-b.xlsx']);
    },
    SLOW,
  );

  it(
    'refuses an --out name already taken, by a file or by a link (even one to nothing), naming it (exit 2), and writes through no link',
    async () => {
      const own = mkdtempSync(join(tmpdir(), 'motcua-summary-taken-'));
      const csv = join(own, 'xa.csv');
      writeFileSync(csv, 'Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nĐang giải quyết,2026-03-02,2026-03-05\n');
      const elsewhere = join(own, 'bao-cao-cu.xlsx');
      writeFileSync(elsewhere, 'báo cáo tháng trước');
      const taken = [elsewhere, join(own, 'tro-toi-bao-cao-cu.xlsx'), join(own, 'tro-toi-chua-co.xlsx')];
      symlinkSync(elsewhere, taken[1]!);
      symlinkSync(join(own, 'chua-co.xlsx'), taken[2]!);
      for (const out of taken) {
        const r = await runCommand(['summary', ...PERIOD, '--out', out, csv]);
        expect(r).toEqual({
          code: 2,
          stdout: '',
          stderr: `Lỗi: --out “${out}”: tệp đã có; chọn tên tệp khác hoặc xóa tệp đó trước.\n`,
        });
      }
      expect(readFileSync(elsewhere, 'utf8')).toBe('báo cáo tháng trước');
      expect(readdirSync(own).sort()).toEqual(['bao-cao-cu.xlsx', 'tro-toi-bao-cao-cu.xlsx', 'tro-toi-chua-co.xlsx', 'xa.csv']);
      // A free name is written, and nothing else is left beside it.
      const fresh = await runCommand(['summary', ...PERIOD, '--out', join(own, 'bao-cao-moi.xlsx'), csv]);
      expect(fresh).toMatchObject({ code: 0, stderr: '' });
      expect(readdirSync(own)).toHaveLength(5);
      const written = new ExcelJS.Workbook();
      await written.xlsx.readFile(join(own, 'bao-cao-moi.xlsx'));
      expect(written.worksheets.map((w) => w.name)).toEqual(['Tổng hợp giám sát']);
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
      const r = await runCommand(['summary', ...PERIOD, '--json', csv]);
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
      const r = await runCommand(['summary', ...PERIOD, '--json', csv]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    },
    SLOW,
  );

  it(
    'writes --out when more than ~1000 rows are listed in the data-quality block',
    async () => {
      const rows = Array.from({ length: 1200 }, () => 'Đang giải quyết,02-03-2026,2026-03-05').join('\n');
      const csv = file('xa-nhieu-loi.csv', `Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\n${rows}\n`);
      const r = await runCommand(['summary', ...PERIOD, '--out', join(dir, 'nhieu-loi.xlsx'), csv]);
      expect({ code: r.code, unexpected: r.stderr.includes('Lỗi không mong đợi') }).toEqual({ code: 1, unexpected: false });
    },
    SLOW,
  );
});

type Counts = Record<string, Record<string, number>>;

interface SummaryJson {
  units: ({ unit: string } & Counts)[];
  total: Counts;
}

describe('the report and the supplement pause', () => {
  describe('the report', () => {
    it('counts a dossier waiting for a supplement as within deadline, past its first appointment too (design.md §5), as the daily warnings do', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-supplement-'));
      const file = join(dir, 'xa-tam-hong.csv');
      writeFileSync(
        file,
        [
          'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Hình thức nộp',
          'A1,Chờ bổ sung,2026-03-10 08:00,2026-03-20 17:00,Trực tiếp',
          'A2,Đang giải quyết,2026-03-10 08:00,2026-03-20 17:00,Trực tiếp',
          'A3,Chờ bổ sung,2026-03-25 08:00,2026-04-03 17:00,Trực tuyến',
        ].join('\n'),
      );
      const r = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-31', '--json', file]);
      expect(r.code).toBe(0);
      const total = (JSON.parse(r.stdout) as SummaryJson).total;
      // Only A2 is overdue: A1's clock stopped when the supplement was asked for.
      expect(total.inProgress).toEqual({ total: 3, withinDeadline: 2, overdue: 1 });
    });
  });
});

describe('summary counts each dossier once and to the period’s last minute', () => {
  const HEADER = 'Mã hồ sơ,Đơn vị tiếp nhận,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Ngày có kết quả';
  const A = [
    HEADER,
    'H56-200504-0001,UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,',
    'H56-200504-0002,UBND xã Tam Hồng,Đã có kết quả,04/05/2020 08:00,14/05/2020 14:27,15/05/2020',
    'H56-200504-0003,UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,15/05/2020 00:01,',
  ].join('\n');
  const run = (...args: string[]) => runCommand(['summary', '--from', '2020-04-15', '--to', '2020-05-14', '--json', ...args]);
  const total = (stdout: string) => (JSON.parse(stdout) as { total: { received: { total: number }; inProgress: object } }).total;

  it(
    'gives the same report, lines and exit code on two threads as on one, whether the registers share a dossier or not',
    async () => {
      // Registers read on two threads (MOTCUA_THREADS=2; by itself from 64 MB): the first with a row repeated within it
      // and one it cannot classify; then the same with two of the first's dossiers also in the third
      // (a copy's row, a conflicting one), which must be counted as all the rows together.
      const line = (unit: string, i: number, end = true) => {
        const day = String((i % 28) + 1).padStart(2, '0');
        const open = i % 7 === 0;
        return `H${unit}-2005${day}-${String(i).padStart(5, '0')},UBND xã ${unit},${open ? 'Đang giải quyết' : 'Đã có kết quả'},${day}/05/2020 08:00,${day}/06/2020 17:00,${open ? '' : end ? `${day}/06/2020` : `${day}/07/2020`},Hộ tịch,Chờ xác minh ở xã ${unit}`;
      };
      const register = (name: string, unit: string, rows: number, extra: string[] = []) =>
        file(
          name,
          `${[`${HEADER},Lĩnh vực,Lý do chậm`, ...Array.from({ length: rows }, (_, i) => line(unit, i)), ...extra].join('\n')}\n`,
        );
      const a = register('xa-a.csv', 'A', 22_000, [line('A', 0), 'X-1,UBND xã A,Đã xong,01/05/2020,02/05/2020,,,']);
      const b = register('xa-b.csv', 'B', 20_000);
      const c = register('xa-c.csv', 'C', 21_000);
      const d = register('xa-d.csv', 'D', 20_000);
      const shared = register('xa-c-chung.csv', 'C', 21_000, [line('A', 1), line('A', 2, false)]);
      const summary = (files: string[], env: Record<string, string> = {}) =>
        runCli(['summary', '--from', '2020-05-01', '--to', '2020-06-30', '--json', ...files], env);
      for (const files of [
        [a, b, c, d],
        [a, b, shared, d],
      ]) {
        const [two, one] = await Promise.all([summary(files, { MOTCUA_THREADS: '2' }), summary(files, { MOTCUA_THREADS: '1' })]);
        expect(two).toEqual(one);
        expect(one.code).toBe(1);
        expect(one.stderr).toContain(`${a}, dòng 22003 (mã X-1): trạng thái không thuộc danh mục`);
        expect(one.stderr).toContain(`${a}, dòng 22002 (mã HA-200501-00000): giống hệt ${a}, dòng 2 — tính một lần.`);
      }
      const together = await summary([a, b, shared, d]);
      expect(JSON.parse(together.stdout).leftOut).toMatchObject({
        rows: 1,
        repeated: 2,
        conflicts: [{ code: 'HA-200503-00002', first: { file: a, row: 4 }, second: { file: shared, row: 21003 } }],
      });
      expect(total(together.stdout).received.total).toBe(22_000 + 20_000 + 21_000 + 20_000);
    },
    SLOW,
  );

  it(
    'counts as countOnce over all rows does, whichever rows the filter names: a register with a code twice, codeless rows alike, one register’s dossier in another',
    async () => {
      // The filter (MetFilter) may name any row, never miss one met before: a full one names every row
      // (its first meeting too), a small one many, so every path of settleParts is taken. The report must not change with it.
      const unitOf = ['UBND xã A', 'UBND xã B', 'UBND xã C'];
      const row = fc.record({
        code: fc.constantFrom('', 'H1', 'H2', 'h-3', 'H4', 'H5', 'H6'),
        day: fc.integer({ min: 1, max: 9 }),
        open: fc.boolean(),
        unit: fc.integer({ min: 0, max: 2 }),
      });
      const registers = fc.array(fc.array(row, { maxLength: 8 }), { minLength: 1, maxLength: 4 });
      let round = 0;
      await fc.assert(
        fc.asyncProperty(registers, fc.constantFrom('full' as const, 64, 256 * 1024), async (rowsOf, size) => {
          round += 1;
          const files = rowsOf.map((rows, i) =>
            file(
              `loc-${round}-${i}.csv`,
              `${[
                HEADER,
                ...rows.map(
                  (r) =>
                    `${r.code},${unitOf[r.unit]},${r.open ? 'Đang giải quyết' : 'Đã có kết quả'},0${r.day}/05/2020 08:00,1${r.day}/05/2020 17:00,${r.open ? '' : `1${r.day}/05/2020`}`,
                ),
              ].join('\n')}\n`,
            ),
          );
          const [from, to] = ['2020-05-01', '2020-05-31'];
          const all = countOnce(await Promise.all(files.map((f) => readRegisterFile(f))));
          const filter = MetFilter.ofBytes(size === 'full' ? 64 : size, false);
          if (size === 'full') new Int32Array(filter.buffer).fill(-1);
          const settled = await settleParts(await readRegisterParts(files, from, to, filter), from, to);
          const inTwo = all.repeats.some((r) => r.first.file !== r.again.file);
          // Undefined exactly when a dossier is in two registers (the caller then counts with countOnce).
          expect(settled === undefined).toBe(inTwo);
          if (settled === undefined) return;
          const { units, repeats } = unitsAndRepeats(settled);
          expect(repeats).toEqual(all.repeats);
          expect(
            summaryOfParts(
              settled.map((p) => p.tally),
              from,
              to,
              units,
            ),
          ).toEqual(summarize(all.records, from, to, all.units));
        }),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'keeps one entry for a register’s alike codeless rows however many the filter names, and counts each as a dossier',
    async () => {
      // 20,000 rows alike without a code: 20,000 dossiers (nothing tells them apart), and what is kept of
      // the rows named does not grow with them.
      const alike = ',UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,';
      const many = file('giong-nhau.csv', `${[HEADER, ...Array.from({ length: 20_000 }, () => alike)].join('\n')}\n`);
      const [part] = await readRegisterParts([many], '2020-05-01', '2020-05-31');
      expect([...part!.metBefore.values()]).toEqual([{ times: 19_999, coded: false }]);
      const r = await run(many);
      expect(r.code).toBe(0);
      expect(total(r.stdout).received.total).toBe(20_000);
    },
    SLOW,
  );

  it(
    'refuses to report from a register rewritten between its first reading and the next: a code twice then once is not counted twice',
    async () => {
      // The export job rewrites the register while the report runs: its first reading counted H56-…-0001
      // twice (it was pasted twice); read again it holds it once. Neither reading alone, nor a mix.
      const twice = `${A}\n${A.split('\n')[1]}\n`;
      const register = file('dang-ghi.csv', twice);
      const parts = await readRegisterParts([register], '2020-05-01', '2020-05-31');
      writeFileSync(register, `${A}\n`);
      await expect(settleParts(parts, '2020-05-01', '2020-05-31')).rejects.toThrow(
        `“${register}” đã thay đổi trong khi đang lập báo cáo (có chương trình đang ghi vào tệp): hãy chạy lại khi tệp đã ghi xong.`,
      );
      // Left alone, it is read again to the same report as ever.
      writeFileSync(register, twice);
      const again = await settleParts(
        await readRegisterParts([register], '2020-05-01', '2020-05-31'),
        '2020-05-01',
        '2020-05-31',
      );
      expect(again?.[0]?.repeats).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'reads the second thread’s registers itself when no thread can be started, with the same report and exit code',
    async () => {
      // Node's permission model forbids threads (as a locked-down host may): the thread's start fails.
      // Registers enough for a second thread to be asked for (from 6 MB on one, with MOTCUA_THREADS=2).
      expect(availableParallelism()).toBeGreaterThanOrEqual(2);
      const register = (name: string, unit: string) =>
        file(
          name,
          `${[
            HEADER,
            ...Array.from(
              { length: 30_000 },
              (_, i) =>
                `H${unit}-200504-${String(i).padStart(5, '0')},UBND xã ${unit},Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,`,
            ),
          ].join('\n')}\n`,
        );
      const files = ['E', 'F', 'G', 'H'].map((unit) => register(`xa-${unit.toLowerCase()}.csv`, unit));
      const summary = (env: Record<string, string>) =>
        runCli(['summary', '--from', '2020-05-01', '--to', '2020-05-31', '--json', ...files], env);
      const noThreads = {
        MOTCUA_THREADS: '2',
        // Child processes allowed: a bundle older than the sources is rebuilt by esbuild's.
        NODE_OPTIONS: '--experimental-permission --allow-fs-read=* --allow-fs-write=* --allow-child-process --no-warnings',
      };
      const one = await summary({ MOTCUA_THREADS: '1' });
      const refused = await summary(noThreads);
      expect(refused).toEqual(one);
      expect(one.code).toBe(0);
      expect((JSON.parse(one.stdout) as { units: { unit: string }[] }).units.map((u) => u.unit)).toEqual([
        'UBND xã E',
        'UBND xã F',
        'UBND xã G',
        'UBND xã H',
      ]);
    },
    SLOW,
  );

  it(
    'reads a register that is a pipe once: two alike rows without a code in it are two dossiers, as in a regular file',
    async () => {
      // A named pipe (mkfifo) gives its rows once: opened again it would wait for a writer forever.
      const rows = [
        HEADER,
        ',UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,',
        ',UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,',
        'H56-200504-0009,UBND xã Tam Hồng,Đã có kết quả,05/05/2020 08:00,14/05/2020 14:27,06/05/2020',
      ].join('\n');
      const other = file('ong-khac.csv', `${A.replace(/Tam Hồng/g, 'Hiền Quan')}\n`);
      const plain = file('ong-thuong.csv', `${rows}\n`);
      const pipe = join(dir, 'ong.csv');
      execFileSync('bash', ['-c', 'mkfifo "$0"', pipe]);
      const summary = (register: string) =>
        runCli(['summary', '--from', '2020-05-01', '--to', '2020-05-31', '--json', register, other], { MOTCUA_THREADS: '1' });
      const expected = await summary(plain);
      expect(expected.code).toBe(0);
      expect((JSON.parse(expected.stdout) as { units: { unit: string; received: { total: number } }[] }).units).toMatchObject([
        { unit: 'UBND xã Tam Hồng', received: { total: 3 } },
        { unit: 'UBND xã Hiền Quan', received: { total: 3 } },
      ]);
      // The writer waits before writing: the CLI looks at what the file is (one opening) before reading it (another).
      const writer = open(pipe, 'w').then(async (pipeEnd) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await pipeEnd.writeFile(`${rows}\n`);
        await pipeEnd.close();
      });
      const r = await summary(pipe);
      await writer;
      expect({ ...r, stderr: r.stderr.replaceAll(pipe, plain) }).toEqual(expected);
    },
    SLOW,
  );

  it(
    'ends the period at 24:00 of --to: due 14/05 14:27 and open then, or resolved on 15/05, is overdue; due 15/05 00:01 is not',
    async () => {
      const r = await run(file('phut-cuoi.csv', `${A}\n`));
      expect(r.code).toBe(0);
      expect(total(r.stdout).inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
    },
    SLOW,
  );

  it(
    'reads a register named twice, copied under another name or reached through a link once, and says so',
    async () => {
      const original = file('tam-hong.csv', `${A}\n`);
      const copy = file('tam-hong-ban-sao.csv', `${A}\n`);
      const link = join(dir, 'lien-ket.csv');
      symlinkSync(original, link);
      const r = await run(original, original, copy, link);
      expect(r.code).toBe(0);
      expect(total(r.stdout).received.total).toBe(3);
      expect(JSON.parse(r.stdout).leftOut).toEqual({ rows: 0, reasons: [], repeated: 3, repeatedWithoutCode: 0, conflicts: [] });
      expect(r.stderr.split('\n')).toContain(
        `${copy}, dòng 2 (mã H56-200504-0001): giống hệt ${original}, dòng 2 — tính một lần.`,
      );
    },
    SLOW,
  );

  it(
    'takes a code in lower case, with an en dash, a non-breaking hyphen, full-width digits or spaces as the same dossier',
    async () => {
      const original = file('ma-chuan.csv', `${A}\n`);
      const retyped = file(
        'ma-go-lai.csv',
        `${A.replace('H56-200504-0001', ' h56-200504\u20130001 ')
          .replace('H56-200504-0002', 'H56\u2011200504-0002')
          .replace('H56-200504-0003', 'H56-２００５０４-0003')}\n`,
      );
      const r = await run(original, retyped);
      expect(r.code).toBe(0);
      expect(total(r.stdout).received.total).toBe(3);
      expect(JSON.parse(r.stdout).leftOut).toMatchObject({ repeated: 3, conflicts: [] });
    },
    SLOW,
  );

  it(
    'counts a register without `Mã hồ sơ` once when copied, knowing each copied row by its every cell, and says so in the note',
    async () => {
      const NO_CODE = [
        'STT,Đơn vị tiếp nhận,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Ngày có kết quả',
        '1,UBND xã Tam Hồng,Đang giải quyết,04/05/2020 08:00,14/05/2020 14:27,',
        '2,UBND xã Tam Hồng,Đã có kết quả,04/05/2020 08:00,14/05/2020 14:27,12/05/2020',
        // The same facts on two rows of one register: two dossiers (nothing else tells them apart).
        '3,UBND xã Tam Hồng,Đang giải quyết,05/05/2020 09:10,15/05/2020 17:00,',
        '3,UBND xã Tam Hồng,Đang giải quyết,05/05/2020 09:10,15/05/2020 17:00,',
      ].join('\n');
      const original = file('khong-ma.csv', `${NO_CODE}\n`);
      const copy = file('khong-ma-ban-sao.csv', `${NO_CODE}\n`);
      // A later export of the same register: one row more, and the received time of row 2 differs by a minute.
      const later = file(
        'khong-ma-xuat-lai.csv',
        `${NO_CODE.replace('2,UBND xã Tam Hồng,Đã có kết quả,04/05/2020 08:00', '2,UBND xã Tam Hồng,Đã có kết quả,04/05/2020 08:01')}\n` +
          '4,UBND xã Tam Hồng,Đang giải quyết,06/05/2020 10:00,20/05/2020 17:00,\n',
      );
      const r = await run(original, copy, later);
      expect(r.code).toBe(0);
      expect(total(r.stdout).received.total).toBe(4 + 1 + 1);
      expect(JSON.parse(r.stdout).leftOut).toEqual({
        rows: 0,
        reasons: [],
        repeated: 4 + 3,
        repeatedWithoutCode: 4 + 3,
        conflicts: [],
      });
      expect(r.stderr.split('\n')).toContain(
        `${copy}, dòng 5 (không có mã hồ sơ): giống hệt từng ô với ${original}, dòng 5 (bản sao của sổ) — tính một lần.`,
      );
      expect(r.stderr.split('\n')).toContain(
        `${later}, dòng 5 (không có mã hồ sơ): giống hệt từng ô với ${original}, dòng 5 (bản sao của sổ) — tính một lần.`,
      );
      const text = await runCommand(['summary', '--from', '2020-04-15', '--to', '2020-05-14', original, copy]);
      expect(text.stdout).toContain(
        'Hồ sơ gặp hai lần, giống hệt nhau: 4 (tính một lần); trong đó 4 dòng không có mã hồ sơ, nhận ra là bản sao vì giống từng ô một dòng của tệp đọc trước.',
      );
    },
    SLOW,
  );

  it(
    'counts a code met twice with different facts once, lists the conflict with both files and rows, and exits 1',
    async () => {
      const first = file('xa-a.csv', `${A}\n`);
      const second = file(
        'xa-b.csv',
        `${HEADER}\nH56-200504-0001,UBND xã Tam Hồng,Đã trả kết quả,04/05/2020 08:00,14/05/2020 14:27,12/05/2020\n`,
      );
      const r = await run(first, second);
      expect(r.code).toBe(1);
      expect(total(r.stdout).received.total).toBe(3);
      expect(JSON.parse(r.stdout).leftOut.conflicts).toEqual([
        { code: 'H56-200504-0001', first: { file: first, row: 2 }, second: { file: second, row: 2 } },
      ]);
      expect(r.stderr).toBe(
        `${second}, dòng 2 (mã H56-200504-0001): cùng mã nhưng khác ${first}, dòng 2 — chỉ tính dòng trước; hãy sửa một trong hai rồi lập lại báo cáo.\n`,
      );
      const text = await runCommand(['summary', '--from', '2020-04-15', '--to', '2020-05-14', first, second]);
      expect(text.stdout).toContain('Cùng mã hồ sơ nhưng khác nội dung: 1 (chỉ tính dòng gặp trước; từng mã ở stderr).');
    },
    SLOW,
  );

  it(
    'takes the same code in two units’ registers, rows otherwise identical, as a conflict naming both files and units, and exits 1',
    async () => {
      const tamHong = file('tam-hong-ma.csv', `${A}\n`);
      const lienChau = file('lien-chau-ma.csv', `${A.replaceAll('UBND xã Tam Hồng', 'UBND xã Liên Châu')}\n`);
      const r = await run(tamHong, lienChau);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).leftOut).toMatchObject({ repeated: 0 });
      expect(JSON.parse(r.stdout).leftOut.conflicts[0]).toEqual({
        code: 'H56-200504-0001',
        first: { file: tamHong, row: 2 },
        second: { file: lienChau, row: 2 },
        units: ['UBND xã Tam Hồng', 'UBND xã Liên Châu'],
      });
      expect(r.stderr.split('\n')).toContain(
        `${lienChau}, dòng 2 (mã H56-200504-0001): cùng mã với ${tamHong}, dòng 2 nhưng của đơn vị khác (“UBND xã Tam Hồng” và “UBND xã Liên Châu”), mà hai đơn vị không thể dùng chung một mã — chỉ tính dòng trước; hãy sửa mã sai rồi lập lại báo cáo.`,
      );
      // The unit typed in another case or with other spacing is the same unit: a copy, counted once.
      const retyped = file('tam-hong-go-lai.csv', `${A.replaceAll('UBND xã Tam Hồng', '  ubnd XÃ tam  hồng')}\n`);
      const same = await run(tamHong, retyped);
      expect([same.code, JSON.parse(same.stdout).leftOut.repeated]).toEqual([0, 3]);
    },
    SLOW,
  );

  it(
    'gives a register with no dossier in the period its line of zeros, beside the unit that has some',
    async () => {
      const busy = file('xa-ban.csv', `${A}\n`);
      const quiet = file(
        'xa-vang.csv',
        `${HEADER}\nH57-200102-0001,UBND xã Yên Lạc,Đã trả kết quả,02/01/2020 08:00,10/01/2020 17:00,09/01/2020\n`,
      );
      const r = await run(busy, quiet);
      expect(r.code).toBe(0);
      const units = (JSON.parse(r.stdout) as { units: { unit: string; received: { total: number } }[] }).units;
      expect(units.map((u) => [u.unit, u.received.total])).toEqual([
        ['UBND xã Tam Hồng', 3],
        ['UBND xã Yên Lạc', 0],
      ]);
      const text = await runCommand(['summary', '--from', '2020-04-15', '--to', '2020-05-14', busy, quiet]);
      expect(text.stdout).toContain(
        '\nUBND xã Yên Lạc: tiếp nhận 0 (trực tuyến 0, trực tiếp/bưu chính 0, kỳ trước chuyển sang 0)\n',
      );
    },
    SLOW,
  );

  it(
    'shows the rows it left out in the report itself, the reasons counted, each row on stderr only, and exits 1',
    async () => {
      const bad = file('co-dong-loi.csv', `${A}\nH56-200504-0009,UBND xã Tam Hồng,Đã xong,04/05/2020 08:00,14/05/2020 17:00,\n`);
      const json = await run(bad);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).leftOut).toMatchObject({ rows: 1, reasons: [{ count: 1 }] });
      const text = await runCommand(['summary', '--from', '2020-04-15', '--to', '2020-05-14', bad]);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/\nKhông tính vào báo cáo: 1 dòng \(.+: 1\); từng dòng ở stderr\.\n$/);
      expect(text.stdout).not.toContain('dòng 5');
      expect(text.stderr).toMatch(/^.*co-dong-loi\.csv, dòng 5 \(mã H56-200504-0009\): .+ — không tính vào báo cáo\.\n$/);
    },
    SLOW,
  );
});

describe('summary reads values as people type them', () => {
  it(
    'takes statuses, channels and headers in any case, decomposed or spaced, and names the status it could not place with the one meant',
    async () => {
      const csv = file(
        'go-tay.csv',
        [
          'MÃ HỒ SƠ,  trạng thái ,Thời điểm tiếp nhận,HẠN TRẢ KẾT QUẢ,hình thức nộp,Ngày có kết quả',
          'T-1,đã trả kết quả,02/03/2026 08:00,06/03/2026 17:00,trực tuyến,05/03/2026',
          `T-2,${'Đã có kết quả'.normalize('NFD')},02/03/2026 09:00,06/03/2026 17:00,  Trực  tiếp ,06/03/2026`,
          'T-3,ĐANG GIẢI QUYẾT,03/03/2026 09:00,20/03/2026 17:00,BƯU CHÍNH,',
          'T-4,đã trả kêt quả,03/03/2026 09:00,20/03/2026 17:00,Trực tiếp,05/03/2026',
        ].join('\n'),
      );
      const r = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--json', csv]);
      const json = JSON.parse(r.stdout) as { total: { received: object; resolved: object } };
      expect(json.total.received).toEqual({ total: 3, online: 1, inPersonOrPostal: 2, carriedOver: 0 });
      expect(json.total.resolved).toEqual({ total: 2, early: 1, onTime: 1, late: 0 });
      expect(r.stderr).toBe(
        `${csv}, dòng 5 (mã T-4): trạng thái không thuộc danh mục (“đã trả kêt quả”: có phải “Đã trả kết quả”?) — không tính vào báo cáo.\n`,
      );
      expect(r.code).toBe(1);
    },
    SLOW,
  );
});

describe('registers saved as Vietnamese offices save them', () => {
  const HEADER = ['Mã hồ sơ', 'Trạng thái', 'Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Ngày có kết quả'];
  const ROWS = [
    ['S-1', 'Đã trả kết quả', '02/03/2026 08:00', '06/03/2026 17:00', '05/03/2026'],
    ['S-2', 'Đang giải quyết', '03/03/2026 09:00', '20/03/2026 17:00', ''],
  ];
  const table = (sep: string, eol = '\r\n') => [HEADER, ...ROWS].map((r) => r.join(sep)).join(eol) + eol;
  const received = async (path: string) => {
    const r = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', '--json', path]);
    return {
      code: r.code,
      stderr: r.stderr,
      received:
        r.code === 2 ? undefined : (JSON.parse(r.stdout) as { total: { received: { total: number } } }).total.received.total,
    };
  };

  it(
    'reads CSV with `;` (Excel in Vietnamese settings), Unicode Text (UTF-16 with tabs, either byte order, with or without a mark) and UTF-8 with a BOM',
    async () => {
      const utf16le = (text: string, bom: boolean) =>
        Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
      const utf16be = (text: string) => {
        const le = Buffer.from(text, 'utf16le');
        for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
        return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
      };
      const files: [string, string | Buffer][] = [
        ['cham-phay.csv', table(';')],
        ['unicode-text.txt', utf16le(table('\t'), true)],
        ['unicode-khong-dau-moc.txt', utf16le(table('\t'), false)],
        ['utf16-be.txt', utf16be(table('\t'))],
        ['bom.csv', `\uFEFF${table(',', '\n')}`],
      ];
      for (const [name, content] of files) {
        const path = join(dir, name);
        writeFileSync(path, content);
        expect([name, await received(path)]).toEqual([name, { code: 0, stderr: '', received: 2 }]);
      }
    },
    SLOW,
  );

  it(
    'refuses a Windows-1258 / TCVN3 file and a quote left open in one Vietnamese sentence naming the file, the row and what to do',
    async () => {
      const legacy = join(dir, 'ban-ma-cu.csv');
      writeFileSync(legacy, Buffer.from('M\xe3 h\xf2 s\xf5,Tr\xe1ng th\xe1i\r\nA,\xd0ang gi\xe3i quy\xeat\r\n', 'latin1'));
      expect(await received(legacy)).toEqual({
        code: 2,
        received: undefined,
        stderr: `Lỗi: Tệp “${legacy}” không phải UTF-8 (có lẽ lưu theo bảng mã cũ Windows-1258 hoặc TCVN3, chữ có dấu sẽ sai): hãy mở tệp bằng Excel rồi chọn Lưu thành › “CSV UTF-8 (Comma delimited)”, hoặc mở bằng Google Sheets rồi Tải xuống › CSV, rồi chạy lại.\n`,
      });
      const open = join(dir, 'ngoac-mo.csv');
      writeFileSync(open, `${table(',')}S-3,"Đang giải quyết,03/03/2026 09:00,20/03/2026 17:00,\r\n`);
      expect(await received(open)).toEqual({
        code: 2,
        received: undefined,
        stderr: `Lỗi: Tệp “${open}” không đọc được như bảng CSV ở dòng 5: một dấu ngoặc kép (") mở mà không đóng. Hãy sửa dòng đó (hoặc mở tệp bằng Excel, Google Sheets rồi lưu lại dạng CSV UTF-8) rồi chạy lại.\n`,
      });
    },
    SLOW,
  );

  it(
    'refuses a file whose dates are provably month first (12/31/2026, 5/20/2026 in a text cell), naming the file, column, row and value, and reads ambiguous ones day first',
    async () => {
      const us = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
      const monthFirst = join(dir, 'kieu-my.csv');
      writeFileSync(
        monthFirst,
        us([
          ['U-1', 'Đã trả kết quả', '03/02/2026 08:00', '03/06/2026 17:00', '03/05/2026'],
          ['U-2', 'Đang giải quyết', '03/09/2026 08:00', '12/31/2026 17:00', ''],
        ]),
      );
      const refused = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', monthFirst]);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toBe(
        `Lỗi: “${monthFirst}”: cột “Hạn trả kết quả” dòng 3 ghi “12/31/2026 17:00”, chỉ hiểu được theo kiểu tháng/ngày/năm (kiểu Mỹ), nên không biết các ngày khác của tệp như 03/11 là ngày 3 tháng 11 hay ngày 11 tháng 3; hãy ghi lại các ngày theo ngày/tháng/năm (dd/MM/yyyy) hoặc năm-tháng-ngày (yyyy-MM-dd), hoặc đặt vùng Việt Nam cho Excel rồi lưu lại, rồi chạy lại.\n`,
      );
      // The same in a workbook, the date typed as text (not a date cell) in `Ngày có kết quả`.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sổ theo dõi hồ sơ');
      ws.addRow(HEADER);
      ws.addRow(['U-1', 'Đã trả kết quả', '03/02/2026 08:00', '03/06/2026 17:00', '5/20/2026']);
      const book = join(dir, 'kieu-my.xlsx');
      await wb.xlsx.writeFile(book);
      const fromBook = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', book]);
      expect(fromBook.code).toBe(2);
      expect(fromBook.stderr).toContain(
        `“${book}”: cột “Ngày có kết quả” dòng 2 ghi “5/20/2026”, chỉ hiểu được theo kiểu tháng/ngày/năm`,
      );
      // Only ambiguous dates: read day first, as Vietnamese offices write them (03/02 is 3 February).
      const ambiguous = join(dir, 'mo-ho.csv');
      writeFileSync(ambiguous, us([['U-1', 'Đã trả kết quả', '03/02/2026 08:00', '06/02/2026 17:00', '05/02/2026']]));
      expect(await received(ambiguous)).toEqual({ code: 0, stderr: '', received: 0 });
      const february = await runCommand(['summary', '--from', '2026-02-01', '--to', '2026-02-28', '--json', ambiguous]);
      expect([february.code, JSON.parse(february.stdout).total.resolved.early]).toEqual([0, 1]);
    },
    SLOW,
  );

  it(
    'refuses a register of several megabytes for its month-first date wherever it lies: the date in one part, the row refused for a date in another, an earlier column first',
    async () => {
      // 60,000 rows (5 MB): read in parts of 4 MB. Row 3 is refused for its status, its due date
      // 12/31/2026 provable month first; row 60,001 is refused for a date (31/02/2026).
      const rows = (at: (i: number) => string[] | undefined) =>
        [
          HEADER.join(','),
          ...Array.from(
            { length: 60_000 },
            (_, i) =>
              (at(i) ?? [`U-${i}`, 'Đang giải quyết', '02/03/2026 08:00', '06/03/2026 17:00', '']).join(',') +
              ',' +
              'x'.repeat(50),
          ),
        ].join('\n') + '\n';
      const refusal = (path: string, column: string, row: number, value: string) =>
        `Lỗi: “${path}”: cột “${column}” dòng ${row} ghi “${value}”, chỉ hiểu được theo kiểu tháng/ngày/năm (kiểu Mỹ), nên không biết các ngày khác của tệp như 03/11 là ngày 3 tháng 11 hay ngày 11 tháng 3; hãy ghi lại các ngày theo ngày/tháng/năm (dd/MM/yyyy) hoặc năm-tháng-ngày (yyyy-MM-dd), hoặc đặt vùng Việt Nam cho Excel rồi lưu lại, rồi chạy lại.\n`;
      // A register with its row 3 and its row 60,001 as given.
      const register = (name: string, third: string[], last: string[]) => {
        const path = join(dir, name);
        writeFileSync(
          path,
          rows((i) => (i === 1 ? third : i === 59_999 ? last : undefined)),
        );
        return path;
      };
      const apart = register(
        'kieu-my-hai-phan.csv',
        ['U-1', 'Xong', '02/03/2026 08:00', '12/31/2026', ''],
        ['U-59999', 'Đang giải quyết', '02/03/2026 08:00', '31/02/2026', ''],
      );
      const refused = await runCommand(['summary', ...PERIOD, apart]);
      expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', refusal(apart, 'Hạn trả kết quả', 3, '12/31/2026')]);
      // A due date month first in the first part, a reception time month first in the last: the reception's is named.
      const columns = register(
        'kieu-my-hai-cot.csv',
        ['U-1', 'Đang giải quyết', '02/03/2026 08:00', '12/31/2026', ''],
        ['U-59999', 'Đang giải quyết', '12/30/2026', '31/12/2026', ''],
      );
      const named = await runCommand(['summary', ...PERIOD, columns]);
      expect([named.code, named.stderr]).toEqual([2, refusal(columns, 'Thời điểm tiếp nhận', 60_001, '12/30/2026')]);
    },
    SLOW,
  );

  it(
    'reads the register tab of a workbook by its header when it is neither named “Sổ theo dõi hồ sơ” nor first, and says which tab it read',
    async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Hướng dẫn').addRow(['Sổ này ghi các hồ sơ của xã; xem trang bên.']);
      const ws = wb.addWorksheet('Sổ hồ sơ 2026');
      ws.addRow(HEADER);
      for (const row of ROWS) ws.addRow(row);
      const book = join(dir, 'hai-trang.xlsx');
      await wb.xlsx.writeFile(book);
      expect(await received(book)).toEqual({
        code: 0,
        received: 2,
        stderr: `${book}: đọc trang “Sổ hồ sơ 2026” (không phải trang đầu “Hướng dẫn”).\n`,
      });
      // A workbook without any register tab: the first tab's problem, with the fix for a file on disk.
      const none = new ExcelJS.Workbook();
      none.addWorksheet('Hướng dẫn').addRow(['Không có sổ.']);
      const noRegister = join(dir, 'khong-co-so.xlsx');
      await none.xlsx.writeFile(noRegister);
      const r = await runCommand(['summary', '--from', '2026-03-01', '--to', '2026-03-14', noRegister]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'Hãy mở tệp, đặt lại dòng tiêu đề với đúng tên các cột (như tệp mẫu docs/vi-du-so-theo-doi.csv) rồi chạy lại lệnh.',
      );
      expect(r.stderr).not.toMatch(/Hoàn tác|Lịch sử phiên bản|Một cửa ›/);
    },
    SLOW,
  );

  it(
    'reads the ten-line example of docs/cli.md to the figures the page gives, and check finds nothing wrong in it',
    async () => {
      const example = 'docs/vi-du-so-theo-doi.csv';
      const r = await runCommand(['summary', '--from', '2026-11-01', '--to', '2026-11-14', '--json', example]);
      expect(r.code).toBe(0);
      const total = (JSON.parse(r.stdout) as { total: Record<string, unknown> }).total;
      expect(total).toMatchObject({
        received: { total: 9, online: 3, inPersonOrPostal: 6, carriedOver: 0 },
        resolved: { total: 4, early: 1, onTime: 2, late: 1 },
        inProgress: { total: 4, withinDeadline: 3, overdue: 1 },
        other: { total: 1 },
      });
      const check = await runCommand(['check', example]);
      expect(check).toMatchObject({ code: 0, stdout: `${example}: 9 dòng hồ sơ, không có dòng lỗi.\n` });
    },
    SLOW,
  );
});

describe('summary: a codeless row repeated in a re-saved copy of the register', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-codeless-resaved-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const HEADER = 'STT,Đơn vị tiếp nhận,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,Ngày có kết quả\n';
  const original = file('so.csv', HEADER + '1,X,02/11/2026 08:00,05/11/2026 17:00,Đang giải quyết,\n');
  it.each([
    ['its receipt time rewritten as ISO', '1,X,2026-11-02 08:00,05/11/2026 17:00,Đang giải quyết,\n'],
    ['its times saved with seconds', '1,X,02/11/2026 08:00:00,05/11/2026 17:00:00,Đang giải quyết,\n'],
    ['its status retyped in lower case', '1,X,02/11/2026 08:00,05/11/2026 17:00,đang giải quyết,\n'],
  ])(
    'is counted once when the copy has %s: it is compared as read, not as typed',
    async (name, row) => {
      const copy = file(`ban-sao-${name.replace(/\W+/g, '-')}.csv`, HEADER + row);
      const r = await runCommand(['summary', '--from', '2026-11-01', '--to', '2026-11-14', '--json', original, copy]);
      const json = JSON.parse(r.stdout) as { total: { received: { total: number } }; leftOut: { repeatedWithoutCode: number } };
      expect([json.total.received.total, json.leftOut.repeatedWithoutCode]).toEqual([1, 1]);
    },
    SLOW,
  );
});
