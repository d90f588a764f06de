import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { faultFits } from '../src/local/gas/faults';
import { LocalWorld } from '../src/local/gas/world';
import type { Services, Spreadsheet } from '../src/gas/services';
import { runSetup } from '../src/server/setup';
import { REGISTER_COLUMNS, TABS } from '../src/sheets/schema';
import { submitIntake } from '../src/server/intake';

/** A world with one unit workbook, its services bound as the unit's officer in the editor. */
export function unitWorld(start = new Date('2026-03-02T02:00:00Z')) {
  const world = new LocalWorld(start);
  // The built sidebars and the printed form's QR script, as Apps Script serves them.
  ensureBuilt();
  world.loadHtmlFiles('dist');
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

/** A unit workbook set up and configured, as its officer leaves it after the first day. */
export function readyUnit(start = new Date('2026-03-02T02:00:00Z')) {
  const unit = unitWorld(start);
  unit.run((s, ss) => {
    runSetup(s);
    ss.getSheetByName(TABS.config)!
      .getRange(2, 2, 3, 1)
      .setValues([['UBND xã Yên Lạc'], ['000.17.22.H56'], ['UBND tỉnh Phú Thọ']]);
  });
  return unit;
}

/** Sets a `Cấu hình` setting's `Giá trị` by its key, as an admin types it. */
export function setConfig(run: ReturnType<typeof readyUnit>['run'], key: string, value: string): void {
  run((_s, ss) => {
    const config = ss.getSheetByName(TABS.config)!;
    const keys = config
      .getRange(1, 1, config.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0]));
    if (!keys.includes(key)) throw new Error(`No setting ${key}`);
    config.getRange(keys.indexOf(key) + 1, 2).setValue(value);
  });
}

let requestCounter = 0;
export function intakeInput(overrides: Record<string, unknown> = {}) {
  requestCounter += 1;
  return {
    requestId: `req-${String(requestCounter).padStart(6, '0')}`,
    procedureCode: '1.004194',
    applicantName: 'Nguyễn Thị Hoa',
    idNumber: '001099012345',
    address: 'Thôn Đông, xã Yên Lạc',
    phone: '0912 345 678',
    email: 'hoa@example.vn',
    channel: 'Trực tiếp',
    receivedAt: '2026-03-02T08:30',
    receiverName: 'Lê Thị Thu',
    handler: 'Trần Văn Nam',
    documents: 'Tờ khai thay đổi thông tin cư trú',
    note: '',
    ...overrides,
  };
}

/** `npm test` builds before jest; a lone jest run builds here when dist/ is missing. */
const BUILT = ['Code.js', 'intake.html', 'update.html', 'qr.html', 'check.html', 'summary.html', 'appsscript.json'];

/** Builds dist/ when a file is missing, one jest worker at a time (build.mjs empties dist/ first). */
export function ensureBuilt(): void {
  if (BUILT.every((f) => existsSync(`dist/${f}`))) return;
  const lock = 'dist.build-lock';
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed worker (a build never takes a minute) is taken over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (BUILT.every((f) => existsSync(`dist/${f}`))) return;
    const build = spawnSync(process.execPath, ['build.mjs'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(build.stderr);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The register column number of a header, in setup's own layout. */
export const registerColumn = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;

/** A ready unit holding `count` dossiers received on 02/03/2026 from 08:00, by "Người 1", "Người 2"... */
export function unitWithDossiers(count: number) {
  const unit = readyUnit();
  const codes = unit.run((s) =>
    Array.from({ length: count }, (_, i) => {
      const r = submitIntake(
        s,
        intakeInput({ receivedAt: `2026-03-02T08:${String(i).padStart(2, '0')}`, applicantName: `Người ${i + 1}` }),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.code;
    }),
  );
  return { ...unit, codes };
}

/** Sets the period (`Thời hạn`) of a procedure in the unit's catalogue, as an admin types it. */
export function setCataloguePeriod(run: ReturnType<typeof readyUnit>['run'], procedureCode: string, value: unknown): void {
  run((_s, ss) => {
    const catalogue = ss.getSheetByName(TABS.catalogue)!;
    const codes = catalogue
      .getRange(2, 1, catalogue.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
    catalogue.getRange(codes.indexOf(procedureCode) + 2, 5).setValue(value as never);
  });
}

/**
 * Makes the `nth` call named `name` (counted from now) throw once, as Google would (a timeout for a
 * spreadsheet call, else a server error; see src/local/gas/faults.ts); the returned function says
 * whether it fired (and disarms it).
 */
export function failOnce(world: LocalWorld, name: string, nth = 1): () => boolean {
  const fault = world.faults.inject({ kind: faultFits('timeout', name) ? 'timeout' : 'server-error', call: name, nth });
  return () => {
    fault.cancel();
    return fault.fired;
  };
}

/** The message a call throws, or '' when it does not throw. */
export const errorOf = (fn: () => unknown): string => {
  try {
    fn();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};
