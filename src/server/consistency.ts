/**
 * `Một cửa › Kiểm tra dữ liệu`: the consistency check of the register against its log, the
 * catalogue and the calendar (rules in core/consistency.ts), shown in a dialog that says what is
 * wrong and what to do (its texts live in the dialog). It changes nothing by itself; the dialog's
 * confirmed repair runs the check again under the document lock and applies only the certain
 * repairs the officer was shown, each logged as an event.
 */
import { parseCivilDateTime } from '../core/civil';
import { checkConsistency, REPAIR_ACTION } from '../core/consistency';
import { hash53, parseRowKeys } from '../core/requestKey';
import type { Services } from '../gas/services';
import { textOf } from '../sheets/cells';
import { readCheckEvents, readCheckRows } from '../sheets/consistency';
import { logLayout, writeEvent } from '../sheets/eventLog';
import { readColumn, readRow } from '../sheets/layout';
import { registerLayout } from '../sheets/register';
import { registerFormat } from '../sheets/schema';
import { cell } from '../sheets/table';
import { writeCells } from '../sheets/write';
import { openUnit, type UnitContext, withDocumentLock } from './unitContext';
import { settlePendingStep } from './update';

/** Read in a constant number of calls: the register's columns, the log's, the unit's tables. */
function collect(unit: UnitContext) {
  const register = registerLayout(unit.spreadsheet);
  const log = logLayout(unit.spreadsheet);
  const { rows, findings, count } = readCheckRows(register, unit.zone);
  const events = readCheckEvents(log, unit.zone);
  const all = checkConsistency({ rows, events, procedures: unit.procedures, schedule: unit.schedule, unreadable: findings });
  // What the officer confirms: exactly these repairs, on these rows.
  const token = hash53(JSON.stringify(all.filter((f) => f.repair)));
  return { register, log, all, count, events: events.length, token };
}

/** The dialog shows this many findings and says how many more there are. */
const SHOWN = 200;

export function checkData(services: Services) {
  const c = collect(openUnit(services));
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
    const c = collect(unit);
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
      // The finding's facts say what was repaired (the log's note is read by people, the facts by the check).
      writeEvent(c.log, {
        at: unit.zone.toDate(unit.now),
        user: unit.user,
        code: f.code,
        action: REPAIR_ACTION,
        from: '',
        to: '',
        note:
          f.kind === 'due'
            ? `Hạn trả kết quả: ${f.facts[0]} → ${f.facts[1]}`
            : `Mã yêu cầu: bỏ dấu chờ ${f.facts[0] ? `(ghi nốt bước “${f.facts[0]}”)` : ''}`,
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
