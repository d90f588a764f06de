/**
 * `npm run demo`: the main job on the local services. Today it sets up a unit's register through the
 * same server functions as the menu, then saves the workbook as .xlsx; later steps add intake,
 * triggers and the oversight summary.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalWorld } from '../gas/world';
import { saveXlsx } from '../gas/xlsx';
import { buildMenu } from '../../server/menu';
import { runSetup } from '../../server/setup';
import { TABS } from '../../sheets/schema';
import { UsageError } from './usage';

export const DEMO_UNITS = [
  { name: 'UBND xã Yên Lạc', identifier: '000.17.22.H56', officer: 'motcua.yenlac@example.gov.vn' },
] as const;

export async function demoCommand(args: string[], log: (line: string) => void): Promise<void> {
  let values: { out?: string | boolean; scale?: string | boolean };
  try {
    values = parseArgs({ args, options: { out: { type: 'string' }, scale: { type: 'string' } }, strict: true }).values;
  } catch (e) {
    throw new UsageError(`Tham số không hợp lệ: ${(e as Error).message}`);
  }
  const out = resolve(typeof values.out === 'string' ? values.out : 'demo-output');
  mkdirSync(out, { recursive: true });
  const world = new LocalWorld(new Date('2026-03-02T01:00:00Z'));
  for (const [i, unit] of DEMO_UNITS.entries()) {
    log(`[${i + 1}/${DEMO_UNITS.length}] Thiết lập sổ cho ${unit.name}...`);
    const book = world.createSpreadsheetData(`Sổ theo dõi hồ sơ – ${unit.name}`, unit.officer);
    world.run({ user: unit.officer, context: 'editor', spreadsheetId: book.id }, (services) => {
      buildMenu(services);
      log(`      ${runSetup(services).message}`);
      // The unit's own settings, as its officer would type them into the Cấu hình tab.
      const config = services.spreadsheetApp.getActiveSpreadsheet()?.getSheetByName(TABS.config);
      config?.getRange(2, 2, 2, 1).setValues([[`'${unit.name}`], [`'${unit.identifier}`]]);
    });
    const file = join(out, `${unit.identifier}.xlsx`);
    const data = world.spreadsheets.get(book.id);
    if (data) await saveXlsx(data, file);
    log(`      Đã ghi ${file}`);
  }
  const calls = world.runtime.totalCalls();
  log(`Xong: ${DEMO_UNITS.length} sổ, ${calls} lời gọi dịch vụ Apps Script (mô phỏng), kết quả trong ${out}`);
}
