/**
 * `--calendar FILE` read by csv-parse: every problem reported with its line number, all at once, in
 * Vietnamese, exit code 2; a BOM, CRLF line ends, empty lines and quoted commas accepted. The command
 * line runs in-process (run.ts, as main.ts runs it); `due` with a bad file runs as the real process too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCommand, SLOW } from './runCli';

const cli = runCommand;

const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-calendar-'));
let count = 0;
function csv(text: string): string {
  const file = join(dir, `lich-${(count += 1)}.csv`);
  writeFileSync(file, text);
  return file;
}

const KINDS = 'dùng holiday, compensatory, swap-off hoặc makeup-workday';
const QUOTE_FIX = 'dấu ngoặc kép trong tên viết là ""';

describe('calendar file problems, each with its line', () => {
  it.concurrent.each([
    [
      'the same date twice with different kinds (was: the last wins)',
      'date,kind,name\n2026-11-24,holiday,Ngày Văn hóa\n2026-11-25,holiday,x\n2026-11-24,swap-off,Hoán đổi\n',
      ['dòng 4: ngày 2026-11-24 đã có ở dòng 2 với loại holiday, dòng này lại ghi swap-off — mỗi ngày chỉ được một dòng'],
    ],
    [
      'the same date and kind twice',
      'date,kind,name\n2026-11-24,holiday,Ngày Văn hóa\n2026-11-24,holiday,Ngày Văn hóa\n',
      ['dòng 3: ngày 2026-11-24 đã có ở dòng 2 — bỏ một trong hai dòng'],
    ],
    [
      'an unquoted comma (was: the name silently cut)',
      'date,kind,name\n2026-11-24,holiday,Ngày Văn hóa\n2026-11-27,swap-off,Nghỉ hoán đổi\n2026-11-28,makeup-workday,Làm bù, thứ Bảy\n',
      ['dòng 4: có 4 ô, nhiều hơn 3 cột của tiêu đề — tên có dấu phẩy phải đặt trong ngoặc kép'],
    ],
    [
      'an unbalanced quote, named on the line where it opens (was: a bad kind)',
      'date,kind,name\n2026-11-24,holiday,"Ngày Văn hóa\n2026-11-28,makeup-workday,"Làm bù, thứ Bảy"\n',
      [`dòng 2: dấu ngoặc kép mở ở ô thứ 3 nhưng không đóng trên dòng này — mỗi ngày phải nằm trên một dòng, ${QUOTE_FIX}`],
    ],
    [
      'an opening quote inside the kind',
      'date,kind,name\n2026-11-24,"holiday,Ngày Văn hóa\n',
      [`dòng 2: dấu ngoặc kép mở ở ô thứ 2 nhưng không đóng trên dòng này — mỗi ngày phải nằm trên một dòng, ${QUOTE_FIX}`],
    ],
    [
      'quotes around part of a field',
      'date,kind,name\n2026-11-24,holiday,Ngày "Văn hóa"\n2026-11-25,holiday,"Ngày" Văn hóa\n',
      [
        'dòng 2: ô thứ 3 có dấu ngoặc kép ở giữa — đặt cả ô trong ngoặc kép, dấu ngoặc kép bên trong viết là ""',
        'dòng 3: ô thứ 3 còn chữ sau dấu ngoặc kép đóng — đặt cả ô trong ngoặc kép, dấu ngoặc kép bên trong viết là ""',
      ],
    ],
    ['a bad kind', 'date,kind,name\n2026-11-24,festival,x\n', [`dòng 2: loại ngày “festival” không hợp lệ — ${KINDS}`]],
    [
      'bad dates, a date out of the range, missing cells',
      'date,kind,name\n24/11/2026,holiday,a\n2026-02-30,holiday,b\n2100-01-01,holiday,c\n,,\n2026-11-24,holiday\n',
      [
        'dòng 2: ngày “24/11/2026” không đúng dạng YYYY-MM-DD',
        'dòng 3: ngày “2026-02-30” không đúng dạng YYYY-MM-DD',
        'dòng 4: ngày 2100-01-01 nằm ngoài khoảng ngày được hỗ trợ (từ 01/01/1901 đến 31/12/2099)',
        'dòng 5: thiếu ngày (YYYY-MM-DD)',
        `dòng 5: thiếu loại ngày — ${KINDS}`,
        'dòng 6: có 2 ô, ít hơn 3 cột của tiêu đề',
      ],
    ],
    [
      'all problems at once, counted on the file lines (BOM, CRLF and empty lines included)',
      '\uFEFFdate,kind,name\r\n\r\n2026-11-24,holiday,Ngày Văn hóa\r\n2026-11-24,swap-off,x\r\n\r\n2026-11-28,makeup-workday,Làm bù, thứ Bảy\r\n2026-12-01,"holiday,y\r\n2026-12-02,nghỉ,z\r\n',
      [
        'dòng 4: ngày 2026-11-24 đã có ở dòng 3 với loại holiday, dòng này lại ghi swap-off — mỗi ngày chỉ được một dòng',
        'dòng 6: có 4 ô, nhiều hơn 3 cột của tiêu đề — tên có dấu phẩy phải đặt trong ngoặc kép',
        `dòng 7: dấu ngoặc kép mở ở ô thứ 2 nhưng không đóng trên dòng này — mỗi ngày phải nằm trên một dòng, ${QUOTE_FIX}`,
        `dòng 8: loại ngày “nghỉ” không hợp lệ — ${KINDS}`,
      ],
    ],
  ])(
    '%s',
    async (_case, text, problems) => {
      const file = csv(text);
      const run = await cli(['calendar', '--year', '2026', '--calendar', file, '--json']);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `Lỗi: Tệp lịch ${file} có ${problems.length} lỗi:\n${problems.map((p) => `  ${p}\n`).join('')}`,
      });
    },
    SLOW,
  );

  it.concurrent(
    'due reports the same problems',
    async () => {
      const file = csv('date,kind,name\n2026-11-24,holiday,a\n2026-11-24,makeup-workday,b\n');
      const args = ['due', '--received', '2026-11-23 09:00', '--period', '1d', '--calendar', file, '--json'];
      const [run, real] = await Promise.all([cli(args), runCli(args)]);
      expect(real).toEqual(run);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          `Lỗi: Tệp lịch ${file} có 1 lỗi:\n` +
          '  dòng 3: ngày 2026-11-24 đã có ở dòng 2 với loại holiday, dòng này lại ghi makeup-workday — mỗi ngày chỉ được một dòng\n',
      });
    },
    SLOW,
  );

  it.concurrent.each([
    ['an empty file', '', (f: string) => `Tệp lịch ${f} trống: cần dòng tiêu đề date,kind,name.`],
    [
      'no header',
      '2026-11-24,holiday,a\n',
      (f: string) => `Tệp lịch ${f} phải có dòng tiêu đề date,kind,name (dòng 1 là “2026-11-24,holiday,a”).`,
    ],
    [
      'a bad quote in the header',
      'date,"kind,name\n',
      (f: string) =>
        `Tệp lịch ${f}, dòng 1 (tiêu đề): dấu ngoặc kép mở ở ô thứ 2 nhưng không đóng trên dòng này — mỗi ngày phải nằm trên một dòng, ${QUOTE_FIX}.`,
    ],
  ])(
    '%s',
    async (_case, text, message) => {
      const file = csv(text);
      const run = await cli(['calendar', '--year', '2026', '--calendar', file]);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `Lỗi: ${message(file)}\n` });
    },
    SLOW,
  );

  it.concurrent(
    'every problem is listed up to 50, then counted',
    async () => {
      const lines = Array.from({ length: 60 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')},bad,x`);
      const file = csv(`date,kind,name\n${lines.join('\n')}\n`);
      const run = await cli(['calendar', '--year', '2026', '--calendar', file]);
      const out = run.stderr.split('\n');
      expect(run.code).toBe(2);
      expect(out[0]).toBe(`Lỗi: Tệp lịch ${file} có 60 lỗi:`);
      expect(out[1]).toBe(`  dòng 2: loại ngày “bad” không hợp lệ — ${KINDS}`);
      expect(out[50]).toBe(`  dòng 51: loại ngày “bad” không hợp lệ — ${KINDS}`);
      expect(out.slice(51)).toEqual(['  … và 10 lỗi khác', '']);
    },
    SLOW,
  );
});

describe('calendar files that are accepted', () => {
  it.concurrent(
    'a BOM, CRLF line ends, empty lines, quoted commas and quotes, spaces around cells',
    async () => {
      const file = csv(
        '\uFEFFDate, Kind ,Name\r\n\r\n2026-11-24 , holiday , Ngày Văn hóa Việt Nam\r\n' +
          '2026-11-28,makeup-workday,"Làm bù, thứ Bảy"\r\n  \r\n2026-11-27,swap-off, "Nghỉ ""hoán đổi""" \r\n\r\n',
      );
      const run = await cli(['calendar', '--year', '2026', '--calendar', file, '--json']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual({
        year: 2026,
        days: [
          { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' },
          { date: '2026-11-27', kind: 'swap-off', name: 'Nghỉ "hoán đổi"' },
          { date: '2026-11-28', kind: 'makeup-workday', name: 'Làm bù, thứ Bảy' },
        ],
      });
    },
    SLOW,
  );

  it.concurrent(
    'columns in another order, and a header alone (only weekends apply)',
    async () => {
      const reordered = csv('name,date,kind\nNgày Văn hóa,2026-11-24,holiday\n');
      const empty = csv('date,kind,name\n');
      const [a, b] = await Promise.all([
        cli(['calendar', '--year', '2026', '--calendar', reordered, '--json']),
        cli(['due', '--received', '2026-02-13 09:00', '--period', '1d', '--calendar', empty, '--json']),
      ]);
      expect(a).toEqual({
        code: 0,
        stderr: '',
        stdout: '{"year":2026,"days":[{"date":"2026-11-24","kind":"holiday","name":"Ngày Văn hóa"}]}\n',
      });
      // Tết 2026 is a working week under a file without it.
      expect(b).toEqual({ code: 0, stderr: '', stdout: '{"dueDate":"2026-02-16","dueAt":"2026-02-16T17:00"}\n' });
    },
    SLOW,
  );
});

describe('calendar of a year without an announced schedule, and 24/11', () => {
  it(
    'marks 2028 as not yet announced and names the source of each announced year (9859/VPCP-KGVX for 2026), keeps 24/11 out of the days, and takes it from a file that lists it',
    async () => {
      const y2028 = await cli(['calendar', '--year', '2028']);
      expect(y2028.code).toBe(0);
      const lines = y2028.stdout.trim().split('\n');
      expect(lines[0]).toBe(
        'Ngày nghỉ và ngày làm bù năm 2028 (lịch nghỉ chính thức chưa công bố: các ngày dưới đây theo Bộ luật Lao động 2019, Điều 111–112):',
      );
      expect(lines.at(-1)).toBe(
        'Chưa tính: 24/11/2028 Ngày Văn hóa Việt Nam, Nghị quyết 28/2026/QH16 — thêm vào --calendar nếu đơn vị nghỉ ngày này.',
      );
      // An announced year names the texts its schedule comes from.
      expect((await cli(['calendar', '--year', '2027'])).stdout.split('\n')[0]).toBe(
        'Ngày nghỉ và ngày làm bù năm 2027 (theo Công văn 10065/VPCP-KGVX ngày 02/10/2026; ngày không nêu trong đó theo Bộ luật Lao động):',
      );
      expect((await cli(['calendar', '--year', '2026'])).stdout.split('\n')[0]).toBe(
        'Ngày nghỉ và ngày làm bù năm 2026 (theo Công văn 9859/VPCP-KGVX ngày 13/10/2025, Thông báo 9441/TB-BNV ngày 16/10/2025 và Công văn 12729/VPCP-KGVX ngày 25/12/2025; ngày không nêu trong đó theo Bộ luật Lao động):',
      );
      for (let year = 2018; year <= 2027; year += 1) {
        expect((await cli(['calendar', '--year', String(year)])).stdout.split('\n')[0]).toMatch(
          new RegExp(`^Ngày nghỉ và ngày làm bù năm ${year} \\(theo (Công văn|Thông báo) \\d+/`),
        );
      }
      // design.md §8's JSON shape is unchanged, and holds no 24/11.
      const json = JSON.parse((await cli(['calendar', '--year', '2027', '--json'])).stdout) as {
        year: number;
        days: { date: string }[];
      };
      expect(Object.keys(json)).toEqual(['year', 'days']);
      expect(json.days.some((d) => d.date === '2027-11-24')).toBe(false);
      // A unit that opts in lists it in its file: the appointment moves past it.
      const file = csv('date,kind,name\n2026-11-24,holiday,Ngày Văn hóa Việt Nam\n');
      const due = (extra: string[]) => cli(['due', '--received', '2026-11-20 08:30', '--period', '3d', '--json', ...extra]);
      expect(JSON.parse((await due([])).stdout)).toEqual({ dueDate: '2026-11-25', dueAt: '2026-11-25T17:00' });
      expect(JSON.parse((await due(['--calendar', file])).stdout)).toEqual({ dueDate: '2026-11-26', dueAt: '2026-11-26T17:00' });
    },
    SLOW,
  );

  it(
    'says when a deadline counted 24/11/2026 as a working day (the public sector had it off by 10065/VPCP-KGVX), and not otherwise',
    async () => {
      const text = async (received: string, extra: string[] = []) =>
        (await cli(['due', '--received', received, '--period', '1d', ...extra])).stdout.trim().split('\n');
      expect(await text('2026-11-23 08:00')).toEqual([
        'Hạn trả kết quả: 17 giờ 00, ngày 24/11/2026 (Thứ Ba)',
        'Lưu ý: đã tính 24/11/2026 (Ngày Văn hóa Việt Nam, Nghị quyết 28/2026/QH16; năm 2026 cơ quan nhà nước nghỉ theo Công văn 10065/VPCP-KGVX) là ngày làm việc; nếu đơn vị nghỉ ngày này, thêm nó vào --calendar thì hạn lùi một ngày làm việc.',
      ]);
      expect(await text('2026-11-25 08:00')).toEqual(['Hạn trả kết quả: 17 giờ 00, ngày 26/11/2026 (Thứ Năm)']);
      const file = csv('date,kind,name\n2026-11-24,holiday,Ngày Văn hóa Việt Nam\n');
      expect(await text('2026-11-23 08:00', ['--calendar', file])).toEqual([
        'Hạn trả kết quả: 17 giờ 00, ngày 25/11/2026 (Thứ Tư)',
      ]);
    },
    SLOW,
  );
});
