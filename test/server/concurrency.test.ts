import { runInterleaved } from '../../src/local/gas/interleave';
import { submitIntake, type IntakeResult } from '../../src/server/intake';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';

describe('200 intakes from 10 officers on one workbook', () => {
  it('gives 200 rows, 200 distinct codes, gap-free daily sequences and 200 events', () => {
    const { world, book } = readyUnit();
    const days = ['2026-02-25', '2026-02-26', '2026-02-27'];
    const jobs = Array.from({ length: 200 }, (_, i) => {
      const officer = `canbo${i % 10}@example.gov.vn`;
      const day = days[i % 3]!;
      const minute = 450 + ((i * 7) % 480);
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      const input = intakeInput({ receivedAt: `${day}T${time}`, applicantName: `Người nộp ${i}` });
      return {
        options: { user: officer, context: 'sidebar' as const, spreadsheetId: book.id },
        run: (s: Parameters<typeof submitIntake>[0]) => submitIntake(s, input),
      };
    });
    const { results, stats } = runInterleaved<IntakeResult>(world, jobs, 20261125, 0.08);
    // The run really interleaved, and some officers really waited at the lock.
    expect(stats.interleaved).toBeGreaterThan(20);
    expect(stats.waitedAtLock).toBeGreaterThan(5);

    expect(results.every((r) => r.ok)).toBe(true);
    const codes = results.map((r) => (r.ok ? r.code : ''));
    expect(new Set(codes).size).toBe(200);
    for (const day of days) {
      const part = `-${day.slice(2).replace(/-/g, '')}-`;
      const sequences = codes
        .filter((c) => c.includes(part))
        .map((c) => Number(c.slice(-4)))
        .sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    }
    const numbers = results.map((r) => (r.ok ? r.registerNumber : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => {
      const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
      const register = ss.getSheetByName(TABS.register)!;
      expect(register.getLastRow()).toBe(201);
      const stored = register
        .getRange(2, REGISTER_COLUMNS.indexOf('Mã hồ sơ') + 1, 200, 1)
        .getValues()
        .map((r) => r[0]);
      expect(new Set(stored)).toEqual(new Set(codes));
      expect(ss.getSheetByName(TABS.log)!.getLastRow()).toBe(201);
    });
  });
});
