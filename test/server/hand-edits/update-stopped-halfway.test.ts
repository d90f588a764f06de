/**
 * Hostile edits and faults (from adversarial reviews) against the update's write order: the step's
 * key marked pending on the row, then its event, then the row's cells with its key last.
 */
import { submitIntake } from '../../../src/server/intake';
import { formHtml } from '../../../src/server/forms/gather';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { REGISTER_COLUMNS, TABS, LOG_COLUMNS } from '../../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit, unitWithDossiers } from '../../helpers';

const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;
let n = 0;
const req = () => `halfway-${String((n += 1)).padStart(6, '0')}`;

function one() {
  const unit = readyUnit();
  const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
  if (!r.ok) throw new Error('intake');
  return { ...unit, code: r.code };
}
const row = (u: ReturnType<typeof one>) =>
  u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!);
const events = (u: ReturnType<typeof one>) =>
  u.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log
      .getRange(2, 4, log.getLastRow() - 1, 1)
      .getValues()
      .map((r) => r[0]);
  });

describe('a fault between the runs of an update row', () => {
  // record-result: pending mark (setValues #1), event (appendRow), Trạng thái (#2), Ngày có kết quả (#3), Mã yêu cầu (#4).
  it.each([
    ['Range.setValues', 1],
    ['Sheet.appendRow', 1],
    ['Range.setValues', 2],
    ['Range.setValues', 3],
    ['Range.setValues', 4],
  ])('record-result failing at %s #%i: the retry completes the step', (call, nth) => {
    const u = one();
    const step = { requestId: req(), code: u.code, action: 'record-result', at: '2026-03-02T09:00' };
    failOnce(u.world, call as string, nth as number);
    expect(() => u.run((s) => submitUpdate(s, step))).toThrow('Service Spreadsheets timed out');
    u.world.runtime.onCall = undefined;
    u.world.evictCaches();
    const retry = u.run((s) => submitUpdate(s, step));
    expect(retry).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
    expect(u.run((s) => lookupDossier(s, u.code))).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
    const r = row(u);
    expect(r[col('Ngày có kết quả') - 1]).not.toBe('');
    expect(String(r[col('Mã yêu cầu') - 1])).toMatch(/^update:\S+ intake:\S+$/);
    expect(events(u).filter((e) => e === 'Có kết quả giải quyết')).toHaveLength(1);
  });

  it('an event written but its row not, then the same step from a reopened form: the first is completed, no second event', () => {
    const u = one();
    failOnce(u.world, 'Range.setValues', 2);
    try {
      u.run((s) => submitUpdate(s, { requestId: req(), code: u.code, action: 'transfer', at: '2026-03-02T09:00' }));
    } catch {
      /* fault */
    }
    u.world.runtime.onCall = undefined;
    const again = u.run((s) => submitUpdate(s, { requestId: req(), code: u.code, action: 'transfer', at: '2026-03-02T09:00' }));
    expect(again).toEqual({
      ok: false,
      errors: {
        form: 'Bước “Chuyển xử lý” ghi dở lúc trước đã được ghi nốt vào sổ. Chỉ chuyển xử lý được hồ sơ vừa tiếp nhận (trạng thái hiện tại: “Đang giải quyết”).',
      },
    });
    expect(row(u)[col('Trạng thái') - 1]).toBe('Đang giải quyết');
    expect(events(u).filter((e) => e === 'Chuyển xử lý')).toHaveLength(1);
  });

  it('an event written but its row not, then another step: the logged step is completed first and the officer is told', () => {
    const u = one();
    failOnce(u.world, 'Range.setValues', 2);
    try {
      u.run((s) =>
        submitUpdate(s, { requestId: req(), code: u.code, action: 'refuse', at: '2026-03-02T09:00', reason: 'Sai thẩm quyền' }),
      );
    } catch {
      /* fault */
    }
    u.world.runtime.onCall = undefined;
    const other = u.run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code: u.code,
        action: 'request-supplement',
        at: '2026-03-02T09:05',
        missing: 'Ảnh 4x6',
        reason: 'Ảnh mờ',
      }),
    );
    expect(other).toEqual({
      ok: false,
      errors: {
        form: 'Bước “Từ chối giải quyết” ghi dở lúc trước đã được ghi nốt vào sổ. Chỉ yêu cầu bổ sung được hồ sơ đang được giải quyết (trạng thái hiện tại: “Từ chối giải quyết”).',
      },
    });
    // The register and the log agree: the refusal the log holds is the dossier's state, and its notice prints.
    expect(row(u)[col('Trạng thái') - 1]).toBe('Từ chối giải quyết');
    expect(events(u)).toEqual(['Tiếp nhận hồ sơ', 'Từ chối giải quyết']);
    expect(u.run((s) => formHtml(s, u.code, 'refusal'))).toContain('Sai thẩm quyền');
  });
});

type Run = ReturnType<typeof readyUnit>['run'];

const registerRows = (run: Run) =>
  run((_s, ss) => {
    const sh = ss.getSheetByName(TABS.register)!;
    return sh.getRange(2, 1, Math.max(1, sh.getLastRow() - 1), REGISTER_COLUMNS.length).getValues();
  });
const logRows = (run: Run) =>
  run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    return log.getRange(2, 1, Math.max(1, log.getLastRow() - 1), LOG_COLUMNS.length).getValues();
  });
const logCol = (h: (typeof LOG_COLUMNS)[number]) => LOG_COLUMNS.indexOf(h);

function stoppedAfterEvent(u: ReturnType<typeof unitWithDossiers>, step: Record<string, unknown>) {
  let appended = false;
  u.world.runtime.onCall = (name) => {
    if (name === 'Sheet.appendRow') {
      appended = true;
      return;
    }
    if (appended) {
      u.world.runtime.onCall = undefined;
      throw new Error('Service Spreadsheets timed out while accessing document with id local.');
    }
  };
  expect(() => u.run((s) => submitUpdate(s, step))).toThrow('timed out');
  u.world.runtime.onCall = undefined;
}

describe('a stopped step and the people who tidy up after it', () => {
  describe('a stopped step and the people who tidy up after it', () => {
    it('the pending mark cleared by hand (it looks like junk): the retry must not write the step a second time', () => {
      const u = unitWithDossiers(1);
      const code = u.codes[0]!;
      const step = { requestId: req(), code, action: 'record-result', at: '2026-03-02T09:00' };
      stoppedAfterEvent(u, step);
      expect(String(registerRows(u.run)[0]![col('Mã yêu cầu') - 1])).toMatch(/^chờ:update:/);
      // An officer sees "chờ:update:…" in the row and deletes it.
      u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã yêu cầu')).setValue(''));
      // The officer's sidebar retries (the README: "nothing is written twice if they try again").
      const retry = u.run((s) => submitUpdate(s, step));
      expect(retry).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
      const events = logRows(u.run).filter((r) => r[logCol('Mã yêu cầu')] === String(logRows(u.run)[1]![logCol('Mã yêu cầu')]));
      expect(events).toHaveLength(1); // one event for one request key
    });

    it('a correction typed on the row after the stop is not written over when the next step settles the mark', () => {
      const u = unitWithDossiers(1);
      const code = u.codes[0]!;
      stoppedAfterEvent(u, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:00', department: 'Công an xã' });
      // Later that day a colleague fixes the procedure code typed wrongly at the counter and sets the
      // status the transfer should have left (the mark "chờ:…" is left alone: it is not theirs).
      u.run((_s, ss) => {
        const sh = ss.getSheetByName(TABS.register)!;
        sh.getRange(2, col('Mã TTHC')).setValue('1.004222');
        sh.getRange(2, col('Trạng thái')).setValue('Đang giải quyết');
      });
      const next = u.run((s) => submitUpdate(s, { requestId: req(), code, action: 'record-result', at: '2026-03-02T09:00' }));
      expect(next).toMatchObject({ ok: true });
      expect(registerRows(u.run)[0]![col('Mã TTHC') - 1]).toBe('1.004222');
    });
  });
});
