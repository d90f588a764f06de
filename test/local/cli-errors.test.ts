/**
 * Every bad call of the CLI: `Lỗi: <Vietnamese>` on stderr, nothing on stdout, exit code 2; never
 * Node's English parseArgs texts, a RangeError or a stack. One supported date range
 * (src/core/supportedRange.ts) for every date argument. The calls run the command line in-process
 * (run.ts, as main.ts runs it); the first bad call of each command, a reader that stops early and a
 * closed stdout run as the real process (a child process, as a user runs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliStdoutClosed, runCommand, SLOW } from './runCli';
import { SUPPORTED_FIRST_DATE, SUPPORTED_LAST_DATE } from '../../src/core/supportedRange';
import { describeFailure, UsageError } from '../../src/local/cli/usage';

const cli = runCommand;

const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-errors-'));
const aFile = join(dir, 'a-file.txt');
writeFileSync(aFile, 'not a directory\n');
const aDir = join(dir, 'a-dir');
mkdirSync(aDir);
const latin1 = join(dir, 'latin1.csv');
writeFileSync(latin1, Buffer.from('date,kind,name\n2026-11-24,holiday,Ng\xe0y\n', 'latin1'));
const missing = join(dir, 'missing.csv');
const missingBook = join(dir, 'so-chua-co.xlsx');
const noDue = join(dir, 'thieu-cot.csv');
writeFileSync(noDue, 'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả\nA-1,Đang giải quyết,02/03/2026 08:00,06/03/2026 17:00\n');
const PERIOD = ['--from', '2026-03-01', '--to', '2026-03-31'];

const RANGE = 'từ 01/01/1901 đến 31/12/2099';
const DUE_OPTIONS = 'các tùy chọn của lệnh: --received, --period, --cutoff, --calendar, --json';
const OK = ['--received', '2025-01-24 09:30', '--period', '5d'];

const BAD_CALLS: [string, string[], string][] = [
  // Dates outside the supported range, given or computed.
  [
    'a received year past 9999-12-31 (was "Invalid civil date 10000-1-29")',
    ['due', '--received', '9999-12-31 08:00', '--period', '5d'],
    `Thời điểm tiếp nhận “9999-12-31 08:00” nằm ngoài khoảng ngày được hỗ trợ (${RANGE}).`,
  ],
  [
    'year 1 (was accepted)',
    ['due', '--received', '0001-01-01 08:00', '--period', '1d', '--json'],
    `Thời điểm tiếp nhận “0001-01-01 08:00” nằm ngoài khoảng ngày được hỗ trợ (${RANGE}).`,
  ],
  [
    'the day before the range',
    ['due', '--received', '1900-12-31 08:00', '--period', 'same-day'],
    `Thời điểm tiếp nhận “1900-12-31 08:00” nằm ngoài khoảng ngày được hỗ trợ (${RANGE}).`,
  ],
  [
    'a due date computed past the range',
    ['due', '--received', '2099-12-31 08:00', '--period', '5d', '--json'],
    `Hạn trả kết quả rơi vào ngày 08/01/2100, ngoài khoảng ngày được hỗ trợ (${RANGE}): chọn thời điểm tiếp nhận sớm hơn hoặc thời hạn ngắn hơn.`,
  ],
  [
    'a due time in working hours past the range',
    ['due', '--received', '2099-12-31 16:00', '--period', '2h'],
    `Hạn trả kết quả rơi vào ngày 04/01/2100, ngoài khoảng ngày được hỗ trợ (${RANGE}): chọn thời điểm tiếp nhận sớm hơn hoặc thời hạn ngắn hơn.`,
  ],
  [
    'calendar before the range',
    ['calendar', '--year', '1900'],
    'Năm “1900” không hợp lệ: cần --year YYYY trong khoảng 1901–2099.',
  ],
  [
    'calendar after the range',
    ['calendar', '--year', '2100', '--json'],
    'Năm “2100” không hợp lệ: cần --year YYYY trong khoảng 1901–2099.',
  ],
  ['calendar, not a year', ['calendar', '--year', 'abc'], 'Năm “abc” không hợp lệ: cần --year YYYY trong khoảng 1901–2099.'],
  ['calendar without a year', ['calendar', '--json'], 'Thiếu --year YYYY (năm trong khoảng 1901–2099).'],
  // Values of due.
  [
    'a received date in another format',
    ['due', '--received', '24/01/2025', '--period', '5d', '--json'],
    'Thời điểm tiếp nhận “24/01/2025” không đúng dạng YYYY-MM-DD HH:mm.',
  ],
  ['no --received', ['due', '--period', '5d'], 'Thiếu --received "YYYY-MM-DD HH:mm".'],
  ['no --period', ['due', '--received', '2025-01-24 09:30'], 'Thiếu --period (ví dụ 5d, 4h hoặc same-day).'],
  [
    'a period in weeks',
    ['due', '--received', '2025-01-24 09:30', '--period', '2w'],
    'Thời hạn “2w” không hợp lệ: dùng Nd (ngày làm việc), Nh (giờ làm việc) hoặc same-day.',
  ],
  [
    'a period of zero days',
    ['due', '--received', '2025-01-24 09:30', '--period', '0d'],
    'Thời hạn 0d không hợp lệ: cần ít nhất 1 (trả trong ngày thì dùng same-day).',
  ],
  ['a period too long', ['due', '--received', '2025-01-24 09:30', '--period', '3651d'], 'Thời hạn 3651d quá lớn: tối đa 3650.'],
  [
    'a cut-off that is not a time',
    ['due', '--received', '2025-01-24 09:30', '--period', 'same-day', '--cutoff', '25:00'],
    'Giờ chốt “25:00” không đúng dạng HH:mm.',
  ],
  ['a cut-off with a day period', [...['due', ...OK], '--cutoff', '16:00'], '--cutoff chỉ dùng với --period same-day.'],
  // The argument parser (was Node's "Unknown option", "Unexpected argument", "argument is ambiguous").
  ['an unknown option', ['due', ...OK, '--jsn'], `Lệnh due không có tùy chọn --jsn (${DUE_OPTIONS}).`],
  ['a short option', ['due', ...OK, '-j'], `Lệnh due không có tùy chọn -j (${DUE_OPTIONS}).`],
  [
    'a positional argument',
    ['due', ...OK, 'extra'],
    `Lệnh due không nhận tham số “extra”: mọi giá trị phải đi sau một tùy chọn (${DUE_OPTIONS}).`,
  ],
  [
    'date and time not quoted together',
    ['due', '--received', '2025-01-24', '09:30', '--period', '5d'],
    `Lệnh due không nhận tham số “09:30”: mọi giá trị phải đi sau một tùy chọn (${DUE_OPTIONS}). Ngày và giờ phải đặt chung trong ngoặc kép: "YYYY-MM-DD HH:mm".`,
  ],
  ['a missing value followed by an option', ['due', '--received', '--period', '5d'], 'Thiếu giá trị cho tùy chọn --received.'],
  ['a missing value at the end', ['due', '--received', '2025-01-24 09:30', '--period'], 'Thiếu giá trị cho tùy chọn --period.'],
  ['an empty value', ['due', '--received=', '--period', '5d'], 'Thiếu giá trị cho tùy chọn --received.'],
  ['an option given twice', ['due', ...OK, '--period', '6d'], 'Tùy chọn --period được nhập hai lần: chỉ nhập một lần.'],
  ['a switch given twice', ['due', ...OK, '--json', '--json'], 'Tùy chọn --json được nhập hai lần: chỉ nhập một lần.'],
  ['a value given to a switch', ['due', ...OK, '--json=yes'], 'Tùy chọn --json không nhận giá trị (bỏ “=yes”).'],
  [
    'calendar, a positional argument',
    ['calendar', '--year', '2030', '2031'],
    'Lệnh calendar không nhận tham số “2031”: mọi giá trị phải đi sau một tùy chọn (các tùy chọn của lệnh: --year, --calendar, --json).',
  ],
  // Calendar files that cannot be read.
  ['a calendar file that does not exist', ['due', ...OK, '--calendar', missing], `Không có tệp lịch ${missing}.`],
  [
    'a directory as calendar file',
    ['calendar', '--year', '2026', '--calendar', aDir],
    `${aDir} là một thư mục, không phải tệp lịch.`,
  ],
  [
    'a calendar file not in UTF-8',
    ['calendar', '--year', '2026', '--calendar', latin1],
    `Tệp lịch ${latin1} không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8.`,
  ],
  // Register files for summary and check: what is wrong with the file, and the fix for a file on disk (no Sheets menu).
  [
    'summary, an .xlsx that is not there (was “không đọc được”)',
    ['summary', ...PERIOD, missingBook],
    `Không tìm thấy tệp “${missingBook}”.`,
  ],
  ['check, an .xlsx that is not there', ['check', missingBook], `Không tìm thấy tệp “${missingBook}”.`],
  [
    'summary, a folder given as a register',
    ['summary', ...PERIOD, aDir],
    `“${aDir}” là một thư mục, không phải tệp sổ: hãy chỉ ra các tệp trong đó.`,
  ],
  [
    'summary, a CSV without “Hạn trả kết quả”: CLI advice, not the menu’s',
    ['summary', ...PERIOD, noDue],
    `“${noDue}”: Trang “thieu-cot” không có cột “Hạn trả kết quả” (có thể đã bị đổi tên hoặc xóa). Nếu cột đã bị đổi tên, hãy đặt lại đúng tên tiêu đề; nếu đã bị xóa, thêm lại cột ấy vào tệp (tên cột như tệp mẫu docs/vi-du-so-theo-doi.csv). Sửa xong, chạy lại lệnh.`,
  ],
  ['check given two files', ['check', aFile, latin1], 'Dùng: check FILE (một tệp .xlsx, .csv, .txt hoặc .tsv).'],
  // demo and bench.
  [
    'demo --scale abc (was ignored)',
    ['demo', '--scale', 'abc'],
    '--scale “abc” không hợp lệ: chọn --scale small (mặc định) hoặc --scale seed.',
  ],
  [
    'demo --out on an existing file (was EEXIST)',
    ['demo', '--out', aFile],
    `--out ${aFile}: “${aFile}” đã có và là một tệp, không phải thư mục. Hãy chọn một thư mục.`,
  ],
  [
    'demo --out below a file',
    ['demo', '--out', join(aFile, 'sub')],
    `--out ${join(aFile, 'sub')}: không tạo được thư mục “${join(aFile, 'sub')}” (một phần của đường dẫn là tệp, không phải thư mục).`,
  ],
  [
    'demo, an unknown option',
    ['demo', '--output', dir],
    'Lệnh demo không có tùy chọn --output (các tùy chọn của lệnh: --out, --scale).',
  ],
  [
    'bench with an argument',
    ['bench', 'fast'],
    'Lệnh bench không nhận tham số “fast”: mọi giá trị phải đi sau một tùy chọn (lệnh này không có tùy chọn nào).',
  ],
];

describe('bad CLI calls: a Vietnamese message and exit code 2', () => {
  it.concurrent.each(BAD_CALLS)(
    '%s',
    async (_case, args, message) => {
      const run = await cli(args);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `Lỗi: ${message}\n` });
    },
    SLOW,
  );

  it.concurrent.each([
    [
      'no command',
      [] as string[],
      'Lỗi: Chưa có lệnh: chọn một trong due, calendar, summary, check, reconcile, import, warn, demo, bench.\n\nCách dùng: ',
    ],
    [
      'an unknown command',
      ['dew'],
      'Lỗi: Lệnh “dew” không tồn tại: chọn một trong due, calendar, summary, check, reconcile, import, warn, demo, bench.\n\nCách dùng: ',
    ],
  ])(
    '%s: the message, then the usage',
    async (_case, args, start) => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(start)).toBe(true);
      expect(run.stderr).toContain(`Ngày hỗ trợ: ${RANGE}.\n`);
    },
    SLOW,
  );

  it(
    'the real process says the same: the first bad call of each command, exit code 2',
    async () => {
      const firsts = new Map<string, [string, string[], string]>();
      for (const call of BAD_CALLS) if (!firsts.has(call[1][0]!)) firsts.set(call[1][0]!, call);
      const calls = [...firsts.values()];
      expect(calls.map(([, args]) => args[0])).toEqual(['due', 'calendar', 'summary', 'check', 'demo', 'bench']);
      const runs = await Promise.all(calls.map(([, args]) => runCli(args)));
      expect(runs).toEqual(calls.map(([, , message]) => ({ code: 2, stdout: '', stderr: `Lỗi: ${message}\n` })));
    },
    SLOW,
  );

  it.concurrent(
    'help prints the usage on stdout with exit code 0',
    async () => {
      for (const args of [['help'], ['--help'], ['due', '--help']]) {
        const run = await cli(args);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toMatch(/^Cách dùng: npm run -s cli -- <lệnh> \[tùy chọn\]\n/);
      }
    },
    SLOW,
  );
});

describe('the supported date range', () => {
  it(
    'is 1901-01-01 … 2099-12-31, and its first and last days are accepted by due and calendar',
    async () => {
      expect([SUPPORTED_FIRST_DATE, SUPPORTED_LAST_DATE]).toEqual(['1901-01-01', '2099-12-31']);
      const [first, last, y1901, y2099] = await Promise.all([
        cli(['due', '--received', '1901-01-01 08:00', '--period', '1d', '--json']),
        cli(['due', '--received', '2099-12-30 08:00', '--period', '1d', '--json']),
        cli(['calendar', '--year', '1901', '--json']),
        cli(['calendar', '--year', '2099', '--json']),
      ]);
      expect(first).toEqual({ code: 0, stderr: '', stdout: '{"dueDate":"1901-01-02","dueAt":"1901-01-02T17:00"}\n' });
      expect(last).toEqual({ code: 0, stderr: '', stdout: '{"dueDate":"2099-12-31","dueAt":"2099-12-31T17:00"}\n' });
      for (const [run, year] of [
        [y1901, 1901],
        [y2099, 2099],
      ] as const) {
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(JSON.parse(run.stdout)).toMatchObject({ year, days: expect.arrayContaining([expect.anything()]) });
      }
    },
    SLOW,
  );
});

describe('unexpected errors', () => {
  it('exit with code 1 and a Vietnamese message, the stack only with MOTCUA_DEBUG', () => {
    const boom = new TypeError('Cannot read properties of undefined');
    expect(describeFailure(boom, false)).toEqual({
      exitCode: 1,
      text: 'Lỗi không mong đợi: Cannot read properties of undefined\n(Đặt biến môi trường MOTCUA_DEBUG=1 để xem chi tiết kỹ thuật.)\n',
    });
    const debug = describeFailure(boom, true);
    expect(debug.exitCode).toBe(1);
    expect(debug.text).toMatch(/^Lỗi không mong đợi: Cannot read properties of undefined\nTypeError: .*\n {4}at /);
    expect(describeFailure(new UsageError('Thiếu --year YYYY.'), true)).toEqual({
      exitCode: 2,
      text: 'Lỗi: Thiếu --year YYYY.\n',
    });
  });
});

describe('outputs the CLI cannot write', () => {
  it(
    'refuse at once, in Vietnamese, with exit code 2 and nothing written: demo, warn and summary --out under /proc',
    async () => {
      const demo = await cli(['demo', '--out', '/proc/nope']);
      expect(demo).toEqual({
        code: 2,
        stdout: '',
        stderr: 'Lỗi: --out /proc/nope: không tạo được thư mục “/proc/nope” (không tạo được thư mục ở đó).\n',
      });
      const register = join(dir, 'warn-source.xlsx');
      writeFileSync(register, 'not yet read');
      const warn = await cli(['warn', register, '--date', '2026-05-20', '--out', '/proc/nope/deeper']);
      expect(warn.code).toBe(2);
      expect(warn.stderr).toBe(
        'Lỗi: --out /proc/nope/deeper: không tạo được thư mục “/proc/nope/deeper” (không tạo được thư mục ở đó).\n',
      );
      const csv = join(dir, 'mot-dong.csv');
      writeFileSync(
        csv,
        'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nA,Đang giải quyết,2026-03-02 08:00,2026-03-09 17:00\n',
      );
      const summary = await cli([
        'summary',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-31',
        '--out',
        '/proc/nope/bao-cao.xlsx',
        csv,
      ]);
      expect(summary).toMatchObject({
        code: 2,
        stderr: 'Lỗi: --out “/proc/nope/bao-cao.xlsx”: không ghi được tệp (không có thư mục “/proc/nope”).\n',
      });
    },
    SLOW,
  );

  it(
    'leave behind no folder the failed run made, and keep one that was there: warn on a file that is no workbook',
    async () => {
      const junk = join(dir, 'khong-phai-so.xlsx');
      writeFileSync(junk, 'not a workbook');
      const made = join(dir, 'moi', 'ket-qua');
      const r = await cli(['warn', junk, '--date', '2026-05-20', '--out', made]);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `Lỗi: Không đọc được “${junk}” như một tệp Excel (.xlsx).\n` });
      expect(existsSync(join(dir, 'moi'))).toBe(false);
      const there = join(dir, 'da-co');
      mkdirSync(there);
      const again = await cli(['warn', junk, '--date', '2026-05-20', '--out', there]);
      expect(again.code).toBe(2);
      expect(readdirSync(there)).toEqual([]);
    },
    SLOW,
  );
});

describe('a reader that stops early', () => {
  it(
    'is no error: `check … | head -1` prints its first line and the CLI leaves without a stack trace',
    () => {
      const big = join(dir, 'nhieu-dong-loi.csv');
      const rows = Array.from({ length: 30_000 }, (_, i) => `H-${i},Không rõ,2026-03-02 08:00,2026-03-09 17:00`);
      writeFileSync(big, `Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\n${rows.join('\n')}\n`);
      const run = spawnSync('bash', ['-c', `node scripts/cli.mjs check "${big}" 2>"${big}.err" | head -1`], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/^.*nhieu-dong-loi\.csv: 30\.000 dòng lỗi trên 30\.000 dòng hồ sơ\.\n$/);
      expect(readFileSync(`${big}.err`, 'utf8')).toBe('');
    },
    SLOW,
  );

  it(
    'keeps the run’s exit code: `summary` with a row it cannot count still exits 1 and names the row on stderr when stdout is closed',
    async () => {
      const csv = join(dir, 'mot-dong-loi.csv');
      writeFileSync(
        csv,
        'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả\nA,Đang giải quyết,2026-03-02 08:00,2026-03-09 17:00\nB,Không rõ,2026-03-02 08:00,2026-03-09 17:00\n',
      );
      const r = await runCliStdoutClosed(['summary', '--from', '2026-03-01', '--to', '2026-03-31', csv]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^.*mot-dong-loi\.csv, dòng 3 \(mã B\): .*không tính vào báo cáo\.\n$/);
    },
    SLOW,
  );
});
