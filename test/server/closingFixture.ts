/**
 * A unit whose head may close the year, with its counter's work of December 2025 and January 2026 at
 * hand: intake, steps, the closing itself and the report, each at its own time on the clock.
 */
import { summarize } from '../../src/core/summary';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { closeYear } from '../../src/server/yearEnd';
import { ZoneConverter } from '../../src/sheets/dates';
import { lockedArchives } from '../../src/sheets/archive';
import { readReportRecords, reportLayout } from '../../src/sheets/periodRecords';
import { TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';
import { setConfig } from './registerFixture';

export const HEAD = 'truong@yenlac.gov.vn';
const UNIT = 'UBND xã Yên Lạc';
const vn = (at: string) => new Date(`${at}:00+07:00`);
let n = 0;
const req = () => `closing-${String((n += 1)).padStart(6, '0')}`;

export function unit2025() {
  const unit = readyUnit(vn('2025-12-01T08:00'));
  setConfig(unit.run, { 'Email thủ trưởng': HEAD });
  unit.book.editors.push(HEAD);
  const at = (when: string) => unit.world.clock.set(vn(when));
  const intake = (receivedAt: string) => {
    at(receivedAt);
    const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.code;
  };
  const step = (code: string, action: string, when: string, extra: Record<string, unknown> = {}) => {
    at(when);
    const r = unit.run((s) => submitUpdate(s, { requestId: req(), code, action, at: when, ...extra }));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r;
  };
  const close = (when: string, answer = 'YES') => {
    at(when);
    unit.world.ui.answers.push(answer);
    return unit.world.run({ user: HEAD, spreadsheetId: unit.book.id }, (s) => closeYear(s));
  };
  const report = (from: string, to: string) =>
    unit.run((s, ss) => {
      const zone = new ZoneConverter(s.utilities, ss.getSpreadsheetTimeZone());
      const { records, problems } = readReportRecords(
        reportLayout(ss.getSheetByName(TABS.register)!, TABS.register),
        zone,
        UNIT,
        lockedArchives(s.spreadsheetApp, s.propertiesService.getDocumentProperties()),
      );
      return { problems, summary: summarize(records, from, to, [UNIT]) };
    });
  return { ...unit, at, intake, step, close, report };
}
