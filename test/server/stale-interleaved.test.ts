/**
 * 1,000 operations from 20 officers on one register, interleaved at service calls (interleave.ts)
 * with a fixed seed: intakes, officers opening the dossiers others are working on and submitting a
 * step from what they saw (often after someone else changed it), retries of a submit whose answer
 * was lost, hand edits in the row, the daily scans and one summary. Then the register and the log
 * are checked against what each officer was told: no accepted step lost, no refused one written,
 * no code twice, no gap in a day's numbering, every row what its events replayed give.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { periodOf } from '../../src/core/appointment';
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime } from '../../src/core/civil';
import type { Dossier } from '../../src/core/dossier';
import { formatAppointmentVi } from '../../src/core/format';
import { ACTION_LABELS, type ActionType, applyAction, type DossierAction, type EventDetails } from '../../src/core/lifecycle';
import { parseRowKeys } from '../../src/core/requestKey';
import type { Services } from '../../src/gas/services';
import { type Job, runInterleaved, seededRandom } from '../../src/local/gas/interleave';
import { submitIntake } from '../../src/server/intake';
import { buildSummary } from '../../src/server/summary/build';
import { openUnit } from '../../src/server/unitContext';
import { lookupDossier, submitUpdate, type UpdateResult } from '../../src/server/update';
import { CHECK_ACTION, runDeadlineCheck } from '../../src/server/warnings/check';
import { dateTimeOf, textOf } from '../../src/sheets/cells';
import { dossierOfRow, registerLayout } from '../../src/sheets/register';
import { TABS } from '../../src/sheets/schema';
import { logLayout } from '../../src/sheets/eventLog';
import { cell } from '../../src/sheets/table';
import { intakeInput, readyUnit, registerColumn as col } from '../helpers';

const SEED = 20261126;
const OFFICERS = 20;
const OPERATIONS = 1000;
/** The share of accepted submits whose answer the officer never sees (a time-out): they click again. */
const LOST_ANSWERS = 0.12;

type View = Extract<ReturnType<typeof lookupDossier>, { ok: true }>['dossier'];
interface Officer {
  view: View | undefined;
  /** A submit the officer did not get an answer to, sent again as it was. */
  lost: Record<string, unknown> | undefined;
  /** The dossier to open again after a refusal as out of date (the sidebar's `Tải lại hồ sơ`). */
  reload: string | undefined;
}

const WRITE_CALL = /^((Range|Sheet|Spreadsheet)\.(set|append|insert|delete|clear|hide|protect)|Properties\.(set|delete))/;

/** A step's fields, as an officer fills them in. */
function stepInput(type: ActionType, view: View, n: number): Record<string, unknown> {
  switch (type) {
    case 'transfer':
      return { department: `Phòng chuyên môn ${n % 5}` };
    case 'request-supplement':
      return { missing: `Bản sao giấy tờ số ${n % 7}`, reason: 'Giấy tờ nộp thiếu' };
    case 'apologise': {
      // Ten days after the appointment shown, moved off a weekend.
      const [, d, m, y] = /(\d{2})\/(\d{2})\/(\d{4})$/.exec(view.appointment) ?? [];
      const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + 10));
      while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
      return { newDueAt: `${day.toISOString().slice(0, 10)}T17:00`, reason: 'Chờ ý kiến cơ quan phối hợp' };
    }
    case 'refuse':
      return { reason: 'Không đủ điều kiện theo quy định' };
    case 'stop':
      return { reason: 'Người nộp xin rút hồ sơ' };
    case 'hand-over':
      return { satisfaction: ['Rất hài lòng', 'Hài lòng', ''][n % 3] };
    default:
      return {};
  }
}

/** Officers move their dossiers on far more often than they refuse or stop them. */
const WEIGHTS: Record<ActionType, number> = {
  transfer: 4,
  'request-supplement': 1,
  'receive-supplement': 4,
  apologise: 1,
  'record-result': 2,
  refuse: 0.2,
  'hand-over': 4,
  stop: 0.2,
};
function pickAction(view: View, r: number): ActionType | undefined {
  const total = view.actions.reduce((sum, a) => sum + WEIGHTS[a.type], 0);
  let left = r * total;
  for (const a of view.actions) {
    left -= WEIGHTS[a.type];
    if (left < 0) return a.type;
  }
  return view.actions.at(-1)?.type;
}

const TYPE_OF_LABEL = new Map(Object.entries(ACTION_LABELS).map(([type, label]) => [label, type]));

describe('1,000 interleaved operations from 20 officers on one register', () => {
  it('lose no accepted step, write no refused one, issue no code twice, leave no gap, and keep every row equal to its events', () => {
    const { world, book } = readyUnit();
    const random = seededRandom(SEED);
    const officers: Officer[] = Array.from({ length: OFFICERS }, () => ({ view: undefined, lost: undefined, reload: undefined }));
    const intakes: string[] = [];
    const ended = new Set<string>();
    const accepted: { id: string; code: string; action: ActionType; seen: View }[] = [];
    const staleRefused: { id: string; code: string; message: string; writes: number }[] = [];
    const otherRefused: { id: string; message: string; writes: number }[] = [];
    const retried: { id: string; result: UpdateResult; writes: number }[] = [];
    const tally = { opened: 0, handEdits: 0, scans: 0, summaries: 0, summaryReceived: [] as number[] };

    // Each job's own workbook writes: the counters less what executions run inside it wrote.
    const frames: { start: number; nested: number }[] = [];
    const writesNow = () =>
      world.runtime.counters.cellsWritten +
      Object.entries(world.runtime.counters.calls).reduce((n, [name, count]) => (WRITE_CALL.test(name) ? n + count : n), 0);
    /** Runs one job's work; what it returns to account for is told the job's own writes. */
    const own = (fn: () => { writes: number } | undefined): void => {
      const frame = { start: writesNow(), nested: 0 };
      frames.push(frame);
      try {
        const entry = fn();
        if (entry) entry.writes = writesNow() - frame.start - frame.nested;
      } finally {
        frames.pop();
        const parent = frames.at(-1);
        if (parent) parent.nested += writesNow() - frame.start;
      }
    };
    const pushed = <T>(list: T[], entry: T): T => {
      list.push(entry);
      return entry;
    };
    const live = () => intakes.filter((c) => !ended.has(c));
    const noteView = (view: View) => {
      if (view.actions.length === 0) ended.add(view.code);
    };

    const intake = (s: Services, i: number, r: number) => {
      const day = ['2026-02-26', '2026-02-27', '2026-03-02'][Math.floor(r * 3)]!;
      const minute = 450 + ((i * 7) % 85);
      const input = intakeInput({
        requestId: `intake-${String(i).padStart(4, '0')}`,
        receivedAt: formatIsoDateTime({ date: day, minute }),
        applicantName: `Người nộp ${i}`,
      });
      const result = submitIntake(s, input);
      if (!result.ok) throw new Error(`intake ${i}: ${JSON.stringify(result)}`);
      intakes.push(result.code);
    };
    const open = (s: Services, officer: Officer, r: number) => {
      const hot = live().slice(-6);
      const code = officer.reload && !ended.has(officer.reload) ? officer.reload : hot[Math.floor(r * hot.length)];
      officer.reload = undefined;
      if (!code) return;
      const found = lookupDossier(s, code);
      if (!found.ok) throw new Error(found.message);
      tally.opened += 1;
      officer.view = found.dossier;
      noteView(found.dossier);
    };
    const submit = (s: Services, officer: Officer, i: number, r: number, lose: boolean) => {
      const view = officer.view!;
      const type = pickAction(view, r)!;
      const id = `step-${String(i).padStart(4, '0')}`;
      const input = {
        requestId: id,
        code: view.code,
        action: type,
        at: view.now,
        ...stepInput(type, view, i),
        tables: view.tablesVersion,
        version: view.version,
      };
      const result = submitUpdate(s, input);
      if (result.ok) {
        accepted.push({ id, code: view.code, action: type, seen: view });
        noteView(result.dossier);
        if (lose) officer.lost = input;
        officer.view = lose ? undefined : result.dossier;
        return undefined;
      }
      officer.view = undefined;
      if (!result.errors.version)
        return pushed(otherRefused, { id, message: Object.values(result.errors).join(' '), writes: -1 });
      officer.reload = view.code;
      return pushed(staleRefused, { id, code: view.code, message: result.errors.version, writes: -1 });
    };
    const retry = (s: Services, officer: Officer) => {
      const input = officer.lost!;
      const result = submitUpdate(s, input);
      officer.lost = undefined;
      officer.view = result.ok ? result.dossier : undefined;
      return pushed(retried, { id: String(input.requestId), result, writes: -1 });
    };
    const typeInRow = (s: Services, i: number, r: number) => {
      const hot = live().slice(-6);
      const code = hot[Math.floor(r * hot.length)];
      if (!code) return;
      const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheetByName(TABS.register)!;
      const codes = sheet
        .getRange(1, col('Mã hồ sơ'), sheet.getMaxRows(), 1)
        .getValues()
        .map((row) => row[0]);
      sheet.getRange(codes.indexOf(code) + 1, col('Cơ quan giải quyết')).setValue(`Bộ phận ghi tay ${i}`);
      tally.handEdits += 1;
    };

    const jobs: Job<void>[] = Array.from({ length: OPERATIONS }, (_, i) => {
      const officer = officers[i % OFFICERS]!;
      const user = `canbo${String(i % OFFICERS).padStart(2, '0')}@example.gov.vn`;
      const [kind, r, lose] = [random(), random(), random() < LOST_ANSWERS];
      const options = { user, spreadsheetId: book.id, context: 'sidebar' as const };
      if (i % 50 === 49) {
        return {
          options: { ...options, context: 'trigger' as const },
          run: (s) =>
            own(() => {
              runDeadlineCheck(s, { mail: true, startedMs: s.clock.now().getTime() });
              tally.scans += 1;
              return undefined;
            }),
        };
      }
      if (i === 500) {
        return {
          options: { ...options, context: 'editor' as const },
          run: (s) =>
            own(() => {
              const before = intakes.length;
              const answer = buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' });
              if (!answer.ok) throw new Error(answer.message);
              const received = Number(/; (\d+) hồ sơ tiếp nhận/.exec(answer.message)?.[1]);
              tally.summaryReceived.push(before, received);
              tally.summaries += 1;
              return undefined;
            }),
        };
      }
      return {
        options,
        run: (s) =>
          own(() => {
            if (officer.lost) return retry(s, officer);
            if (kind < 0.18 || live().length === 0) intake(s, i, r);
            else if (kind < 0.21) typeInRow(s, i, r);
            // A form whose dossier has ended offers no step: the officer opens another.
            else if (kind < 0.55 || !officer.view?.actions.length) open(s, officer, r);
            else return submit(s, officer, i, r, lose);
            return undefined;
          }),
      };
    });

    const { stats } = runInterleaved(world, jobs, SEED, 0.1);

    // What the workbook holds at the end.
    const state = world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => {
      const unit = openUnit(s);
      const register = registerLayout(unit.spreadsheet);
      const rows = register.sheet.getRange(1, 1, register.sheet.getLastRow(), register.sheet.getLastColumn()).getValues();
      const log = logLayout(unit.spreadsheet);
      const events = log.sheet
        .getRange(log.headerRow + 1, 1, log.sheet.getLastRow() - log.headerRow, log.sheet.getLastColumn())
        .getValues();
      return { unit, register, rows, log, events };
    });
    const { unit, register, log } = state;
    const at = (v: Parameters<typeof dateTimeOf>[0]) => {
      const t = dateTimeOf(v, unit.zone);
      if (!t || t === 'invalid') throw new Error(`not a time: ${String(v)}`);
      return t;
    };
    const events = state.events.map((values) => ({
      at: at(cell(log, values, 'Thời điểm')),
      code: textOf(cell(log, values, 'Mã hồ sơ')),
      action: textOf(cell(log, values, 'Thao tác')),
      from: textOf(cell(log, values, 'Trạng thái trước')),
      to: textOf(cell(log, values, 'Trạng thái sau')),
      details: JSON.parse(textOf(cell(log, values, 'Chi tiết')) || '{}') as EventDetails,
      key: textOf(cell(log, values, 'Mã yêu cầu')),
    }));
    const rows = state.rows
      .map((values, i) => ({ rowNumber: i + 1, values }))
      .filter((r) => r.rowNumber > register.headerRow && textOf(cell(register, r.values, 'Mã hồ sơ')));

    // The run really was concurrent, and exercised every path.
    expect(stats.interleaved).toBeGreaterThan(100);
    expect(stats.waitedAtLock).toBeGreaterThan(10);
    expect(accepted.length).toBeGreaterThan(150);
    expect(staleRefused.length).toBeGreaterThan(50);
    expect(retried.length).toBeGreaterThan(10);
    expect(tally.handEdits).toBeGreaterThan(5);
    expect(tally.scans).toBe(OPERATIONS / 50);
    expect(tally.summaries).toBe(1);

    // No code twice, no gap in a day's numbering nor in the register numbers.
    const codes = rows.map((r) => textOf(cell(register, r.values, 'Mã hồ sơ')));
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...intakes].sort());
    const byDay = new Map<string, number[]>();
    for (const code of codes) {
      const [, day, seq] = /-(\d{6})-(\d{4})$/.exec(code)!;
      byDay.set(day!, [...(byDay.get(day!) ?? []), Number(seq)]);
    }
    expect(byDay.size).toBe(3);
    for (const seqs of byDay.values()) expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1));
    const numbers = rows.map((r) => Number(cell(register, r.values, 'STT'))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));

    // Every accepted step is in the log once, with its dossier and action; no refused one is anywhere.
    const keysLogged = events.map((e) => e.key.split(':')[1] ?? '');
    for (const step of accepted) {
      const found = events.filter((_, i) => keysLogged[i] === step.id);
      expect(found.map((e) => [e.code, e.action])).toEqual([[step.code, ACTION_LABELS[step.action]]]);
      // ...and it was applied to the very dossier its officer saw: nobody's step went over another's unseen.
      const before = found[0]!.details.before!;
      expect({
        status: before.status,
        appointment: formatAppointmentVi(before.dueAt),
        newAppointment: before.newDueAt ? formatAppointmentVi(before.newDueAt) : '',
        supplementCount: before.supplementCount,
      }).toEqual({
        status: step.seen.status,
        appointment: step.seen.appointment,
        newAppointment: step.seen.newAppointment,
        supplementCount: step.seen.supplementCount,
      });
    }
    const rowKeys = rows.map((r) => textOf(cell(register, r.values, 'Mã yêu cầu'))).join(' ');
    for (const refused of [...staleRefused, ...otherRefused]) {
      expect(keysLogged).not.toContain(refused.id);
      expect(rowKeys).not.toContain(`:${refused.id}:`);
      expect(refused.writes).toBe(0);
    }
    // The log holds exactly the intakes, the accepted steps and the scans' runs.
    expect(events.filter((e) => e.code).length).toBe(intakes.length + accepted.length);
    expect(events.filter((e) => !e.code).map((e) => e.action)).toEqual(Array(tally.scans).fill(CHECK_ACTION));

    // A refusal as out of date says what changed and what to do; a retry is answered as done, writing nothing.
    for (const refused of staleRefused) {
      expect(refused.message).toMatch(
        new RegExp(
          `^Hồ sơ ${refused.code.replace(/\./g, '\\.')} vừa được cập nhật sau khi anh/chị mở: .+\\. Chưa có gì được ghi\\. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới\\.$`,
        ),
      );
      expect(refused.message).not.toMatch(/undefined|\(\)/);
    }
    for (const again of retried) {
      expect(again.result.ok).toBe(true);
      expect(again.writes).toBe(0);
    }
    expect(otherRefused.every((r) => !/đang được người khác ghi/.test(r.message))).toBe(true);

    // Each row is what its events give when replayed through the core lifecycle.
    let stepsReplayed = 0;
    for (const r of rows) {
      const found = dossierOfRow(register, r.rowNumber, r.values, unit.zone);
      if (!found.ok) throw new Error(found.message);
      const row = found.entry.dossier;
      const mine = events.filter((e) => e.code === row.code);
      const [first, ...steps] = mine;
      expect(first).toMatchObject({ action: ACTION_LABELS.receive, to: 'Đã tiếp nhận' });
      let dossier: Dossier = {
        code: row.code,
        procedureCode: row.procedureCode,
        channel: row.channel,
        status: 'Đã tiếp nhận',
        receivedAt: first!.at,
        dueAt: parseCivilDateTime(first!.details.dueAt ?? '')!,
        supplementCount: 0,
      };
      const procedure = unit.procedures.find((p) => p.code === row.procedureCode)!;
      let previous: CivilDateTime = first!.at;
      let supplementRequestedAt: CivilDateTime | undefined;
      for (const e of steps) {
        const type = TYPE_OF_LABEL.get(e.action) as ActionType;
        const d = e.details;
        const action = {
          type,
          at: e.at,
          ...(d.department ? { department: d.department } : {}),
          ...(d.missing ? { missing: d.missing } : {}),
          ...(d.reason ? { reason: d.reason } : {}),
          ...(d.newDueAt ? { newDueAt: parseCivilDateTime(d.newDueAt)! } : {}),
          ...(d.satisfaction ? { satisfaction: d.satisfaction } : {}),
        } as DossierAction;
        const result = applyAction(dossier, action, {
          schedule: unit.schedule,
          period: periodOf(procedure),
          supplementRule: procedure.supplementRule ?? unit.settings.defaultSupplementRule,
          previousStepAt: previous,
          ...(supplementRequestedAt ? { supplementRequestedAt } : {}),
        });
        if (!result.ok) throw new Error(`${row.code} ${e.action}: ${result.error}`);
        expect([e.from, e.to]).toEqual([result.event.from, result.event.to]);
        expect(result.dossier).toEqual(d.after);
        dossier = result.dossier;
        previous = e.at;
        if (type === 'request-supplement') supplementRequestedAt = e.at;
        stepsReplayed += 1;
      }
      expect(row).toEqual(dossier);
      expect(at(cell(register, r.values, 'Cập nhật lúc'))).toEqual(previous);
      const keys = parseRowKeys(textOf(cell(register, r.values, 'Mã yêu cầu')));
      expect(keys.pending).toBeUndefined();
      expect(`${keys.applied[0]?.space}:${keys.applied[0]?.id}`).toBe(mine.at(-1)!.key.split(':').slice(0, 2).join(':'));
    }
    expect(stepsReplayed).toBe(accepted.length);

    // The summary, read while officers were writing, counted at least the dossiers in before it began.
    const [before, received] = tally.summaryReceived;
    expect(received).toBeGreaterThanOrEqual(before!);
    expect(received).toBeLessThanOrEqual(intakes.length);

    const figures = {
      seed: SEED,
      officers: OFFICERS,
      operations: OPERATIONS,
      intakes: intakes.length,
      opened: tally.opened,
      submits: accepted.length + staleRefused.length + otherRefused.length,
      accepted: accepted.length,
      refusedAsStale: staleRefused.length,
      refusedAsStaleAfterHandEdit: staleRefused.filter((r) => r.message.includes('(sửa trực tiếp trong sổ)')).length,
      refusedByLifecycle: otherRefused.length,
      retried: retried.length,
      handEdits: tally.handEdits,
      scans: tally.scans,
      summaries: tally.summaries,
      interleaved: stats.interleaved,
      waitedAtLock: stats.waitedAtLock,
      timedOutAtLock: stats.timedOutAtLock,
      events: events.length,
      lostUpdates: 0,
      duplicateCodes: 0,
      gaps: 0,
      rowsNotMatchingEvents: 0,
    };
    // Every operation is one of these.
    expect(
      figures.intakes +
        figures.opened +
        figures.submits +
        figures.retried +
        figures.handEdits +
        figures.scans +
        figures.summaries,
    ).toBe(OPERATIONS);
    mkdirSync('reports', { recursive: true });
    writeFileSync('reports/stale-updates.json', `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`Stale updates, interleaved: ${JSON.stringify(figures)}`);
  });
});
