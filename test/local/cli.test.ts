import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarCommand, dueCommand } from '../../src/local/cli/commands';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('CLI due and calendar (design.md §8)', () => {
  it('prints the contract JSON through npm run cli, and exit code 2 with a Vietnamese message on bad arguments', () => {
    const ok = cli('due', '--received', '2025-01-24 09:30', '--period', '5d', '--json');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(ok.stdout)).toEqual({ dueDate: '2025-02-07', dueAt: '2025-02-07T17:00' });
    const bad = cli('due', '--received', '24/01/2025', '--period', '5d', '--json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('Lỗi: Thời điểm tiếp nhận “24/01/2025” không đúng dạng YYYY-MM-DD HH:mm.\n');
    expect(bad.stdout).toBe('');
  });

  it('computes working hours and same-day periods with a cut-off', () => {
    expect(JSON.parse(dueCommand(['--received', '2026-03-10 16:00', '--period', '4h', '--json']))).toEqual({
      dueDate: '2026-03-11',
      dueAt: '2026-03-11T10:30',
    });
    expect(JSON.parse(dueCommand(['--received', '2026-03-06 15:10', '--period', 'same-day', '--json'])).dueDate).toBe(
      '2026-03-09',
    );
    expect(
      JSON.parse(dueCommand(['--received', '2026-03-06 15:10', '--period', 'same-day', '--cutoff', '16:00', '--json'])).dueDate,
    ).toBe('2026-03-06');
  });

  it('lists a computed year and lets a calendar file replace the defaults', () => {
    const y2030 = JSON.parse(calendarCommand(['--year', '2030', '--json'])) as {
      year: number;
      days: { date: string; kind: string }[];
    };
    expect(y2030.year).toBe(2030);
    expect(y2030.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toContain('2030-02-02');
    expect(y2030.days.find((d) => d.date === '2030-04-12')).toMatchObject({ kind: 'holiday' });

    const file = join(mkdtempSync(join(tmpdir(), 'motcua-')), 'lich.csv');
    writeFileSync(
      file,
      'date,kind,name\n2026-11-24,holiday,Ngày Văn hóa Việt Nam\n2026-11-28,makeup-workday,"Làm bù, thứ Bảy"\n',
    );
    expect(JSON.parse(calendarCommand(['--year', '2026', '--calendar', file, '--json']))).toEqual({
      year: 2026,
      days: [
        { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' },
        { date: '2026-11-28', kind: 'makeup-workday', name: 'Làm bù, thứ Bảy' },
      ],
    });
    // Only weekends and the file apply: Tết 2026 is a working week under this file.
    expect(
      JSON.parse(dueCommand(['--received', '2026-02-13 09:00', '--period', '1d', '--calendar', file, '--json'])).dueDate,
    ).toBe('2026-02-16');
    writeFileSync(file, 'date,kind,name\n2026-11-24,festival,x\n');
    expect(() => calendarCommand(['--year', '2026', '--calendar', file])).toThrow(
      `Tệp lịch ${file} có 1 lỗi:\n  dòng 2: loại ngày “festival” không hợp lệ — dùng holiday, compensatory, swap-off hoặc makeup-workday`,
    );
  });
});

describe('CLI help', () => {
  it('says what the demo covers (several weeks, not one) and where warn writes without touching the register', () => {
    const help = cli('demo', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('trong gần bốn tuần');
    expect(help.stdout).not.toContain('một tuần');
    expect(help.stdout).toContain('warn FILE.xlsx --date YYYY-MM-DD [--out DIR] [--in-place]');
    expect(help.stdout).toContain('sổ gốc không bị ghi đè');
  });
});
