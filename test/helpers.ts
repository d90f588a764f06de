import { LocalWorld } from '../src/local/gas/world';
import type { Services, Spreadsheet } from '../src/server/services';

/** A world with one unit workbook, its services bound as the unit's officer in the editor. */
export function unitWorld(start = new Date('2026-03-02T02:00:00Z')) {
  const world = new LocalWorld(start);
  const book = world.createSpreadsheetData('Sổ một cửa – UBND xã Thử Nghiệm', 'canbo@example.gov.vn');
  const run = <T>(
    fn: (services: Services, spreadsheet: Spreadsheet) => T,
    context: 'editor' | 'trigger' | 'sidebar' = 'editor',
  ): T =>
    world.run({ user: 'canbo@example.gov.vn', context, spreadsheetId: book.id }, (services) => {
      const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
      if (!spreadsheet) throw new Error('no active spreadsheet');
      return fn(services, spreadsheet);
    });
  return { world, book, run };
}

/** A stable picture of a workbook's data for "nothing changed" comparisons. */
export function snapshot(world: LocalWorld, id: string): string {
  const data = world.spreadsheets.get(id);
  return JSON.stringify(data, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}
