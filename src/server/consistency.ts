/**
 * `Một cửa › Kiểm tra dữ liệu`: the consistency check of the register against its log, the
 * catalogue and the calendar (rules in core/consistency.ts), shown in a dialog that says what is
 * wrong and what to do (its texts live in the dialog). It changes nothing by itself; the dialog's
 * confirmed repair runs the check again under the document lock and applies only the certain
 * repairs the officer was shown, each logged as an event.
 */
import { parseCivilDateTime } from '../core/civil';
import { hash53, parseRowKeys } from '../core/requestKey';
import type { Services } from '../gas/services';
import { textOf } from '../sheets/cells';
import { checkConsistency, REPAIR_ACTION } from '../core/consistency';
import { CHECK_COLUMNS, checkEventsOf, checkRowsOf } from '../sheets/consistency';
import { logLayout, writeEvent } from '../sheets/eventLog';
import { readColumn, readColumnsToEnd, readRow } from '../sheets/layout';
import { archivedCodes } from '../sheets/periodRecords';
import { registerLayout } from '../sheets/register';
import { LOG_COLUMNS, registerFormat } from '../sheets/schema';
import { cell } from '../sheets/table';
import { writeCells } from '../sheets/write';
import { openUnit, type UnitContext, withDocumentLock } from './unitContext';
import { settlePendingStep } from './update';

/** Read in a constant number of calls: the register's columns, the log's, the unit's tables. */
function collect(services: Services, unit: UnitContext) {
  const register = registerLayout(unit.spreadsheet);
  const log = logLayout(unit.spreadsheet);
  const read = readColumnsToEnd(register, CHECK_COLUMNS).columns;
  const { rows, findings, count } = checkRowsOf(read, register.headerRow, unit.zone);
  const events = checkEventsOf(readColumnsToEnd(log, LOG_COLUMNS).columns, log.headerRow, unit.zone);
  const all = checkConsistency({
    rows,
    events,
    procedures: unit.procedures,
    schedule: unit.schedule,
    unreadable: findings,
    archived: archivedCodes(unit.spreadsheet, unit.archives),
  });
  // What the officer confirms: exactly these repairs, on these rows.
  const token = hash53(JSON.stringify(all.filter((f) => f.repair)));
  return { register, log, all, count, events: events.length, token, action: REPAIR_ACTION };
}

/** The dialog shows this many findings and says how many more there are. */
const SHOWN = 200;

export function checkData(services: Services) {
  const c = collect(services, openUnit(services));
  return {
    rows: c.count,
    events: c.events,
    total: c.all.length,
    findings: c.all.slice(0, SHOWN),
    repairs: c.all.filter((f) => f.repair).length,
    token: c.token,
  };
}

/** Applies the certain repairs the officer was shown (`token`), or none when the register changed since. */
export function repairData(services: Services, token: unknown): { readonly ok: boolean; readonly repaired: number } {
  const unit = openUnit(services);
  return withDocumentLock(services, () => {
    const c = collect(services, unit);
    if (c.token !== token) return { ok: false, repaired: 0 };
    // A sort since the read moves rows: a repair is written only on the row still holding its code.
    const codes = readColumn(c.register, 'Mã hồ sơ').map(textOf);
    let repaired = 0;
    for (const f of c.all) {
      if (!f.repair || codes[f.row - c.register.headerRow - 1] !== f.code) continue;
      if (f.repair.type === 'due') {
        writeCells(
          c.register,
          f.row,
          { 'Hạn trả kết quả': unit.zone.toDate(parseCivilDateTime(f.repair.dueAt)!) },
          registerFormat,
        );
      } else {
        const values = readRow(c.register, f.row);
        const keys = parseRowKeys(textOf(cell(c.register, values, 'Mã yêu cầu')));
        if (settlePendingStep(unit, c.register, c.log, f.code, f.row, values, keys) === 'moved') continue;
      }
      writeEvent(c.log, {
        at: unit.zone.toDate(unit.now),
        user: unit.user,
        code: f.code,
        action: c.action,
        from: '',
        to: '',
        note: f.repair.note,
        details: {},
        requestKey: '',
      });
      repaired += 1;
    }
    return { ok: true, repaired };
  });
}

export function showDataCheck(services: Services): void {
  const output = services.htmlService.createHtmlOutputFromFile('check').setWidth(900).setHeight(600);
  services.spreadsheetApp.getUi().showModalDialog(output, 'Kiểm tra dữ liệu');
}
