/** Review of issue 12: the CLI's `check` as a district IT officer runs it on what units send. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveXlsx } from '../../src/local/gas/xlsx';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';
import { setConfig } from '../server/registerFixture';
import { runCli, SLOW } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'motcua-r12a-'));
const vn = (at: string) => new Date(`${at}:00+07:00`);
const HEAD = 'truong@yenlac.gov.vn';

/** A unit whose 2025 was closed on 05/01/2026: of 02/12/2025's two dossiers, 0001 (handed over) went to `Lưu trữ 2025`. */
function closedUnit() {
  const u = readyUnit(vn('2025-12-01T08:00'));
  setConfig(u.run, { 'Email thủ trưởng': HEAD });
  u.book.editors.push(HEAD);
  const codes = ['2025-12-02T08:00', '2025-12-02T09:00'].map((at) => {
    u.world.clock.set(vn(at));
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: at })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.code;
  });
  for (const [action, at] of [
    ['record-result', '2025-12-03T09:00'],
    ['hand-over', '2025-12-03T10:00'],
  ] as const) {
    u.world.clock.set(vn(at));
    const r = u.run((s) => submitUpdate(s, { requestId: `r12a-cli-${action}`, code: codes[0], action, at }));
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  u.world.clock.set(vn('2026-01-05T09:00'));
  u.world.ui.answers.push('YES');
  u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) => closeYear(s));
  return { ...u, codes };
}

describe('check on a register whose year was closed', () => {
  it(
    'finds nothing in the workbook, nor in its register tab exported as CSV (the archive is not in the file: no gap claimed)',
    async () => {
      const u = closedUnit();
      const xlsx = join(dir, 'da-khoa.xlsx');
      await saveXlsx(u.world.spreadsheets.get(u.book.id)!, xlsx);
      // File › Download › CSV: the register tab alone, dates as shown.
      const rows = u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getDataRange().getDisplayValues());
      const csv = join(dir, 'da-khoa.csv');
      writeFileSync(
        csv,
        rows
          .filter((r) => r.some((v) => v !== ''))
          .map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(','))
          .join('\n'),
      );
      expect(await runCli(['check', xlsx])).toEqual({
        code: 0,
        stdout: `${xlsx}: 1 dòng hồ sơ, không có dòng lỗi.\n`,
        stderr: '',
      });
      expect(await runCli(['check', csv])).toEqual({ code: 0, stdout: `${csv}: 1 dòng hồ sơ, không có dòng lỗi.\n`, stderr: '' });
    },
    SLOW,
  );
});
