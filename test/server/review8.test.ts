/** Review 8 (a fresh-context review): hostile users and injected faults against the 5,000-row speed-ups. */
import { intakeContext, submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { REGISTER_COLUMNS, LOG_COLUMNS, TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit, registerColumn as col, unitWithDossiers } from '../helpers';
import type { LocalWorld } from '../../src/local/gas/world';

let n = 0;
const req = () => `review8-${String((n += 1)).padStart(6, '0')}`;

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

/** The names of the service calls a clean run makes. */
function callsOf(world: LocalWorld, fn: () => unknown): string[] {
  const names: string[] = [];
  world.runtime.onCall = (name) => void names.push(name);
  try {
    fn();
  } finally {
    world.runtime.onCall = undefined;
  }
  return names;
}

/** Fails the k-th call (0-based over all calls) of the next run. */
function failAt(world: LocalWorld, k: number): () => boolean {
  let seen = 0;
  let fired = false;
  world.runtime.onCall = () => {
    if (fired) return;
    if (seen++ !== k) return;
    fired = true;
    world.runtime.onCall = undefined;
    throw new Error('Service Spreadsheets timed out while accessing document with id local.');
  };
  return () => {
    world.runtime.onCall = undefined;
    return fired;
  };
}

describe('review 8: an empty register with one hand-typed row', () => {
  it('still takes a dossier (before the change it went below the typed row)', () => {
    const { run } = readyUnit();
    // A section title typed by an officer in row 2 (no STT, no code): "Năm 2026".
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Tên thủ tục')).setValue('Năm 2026'));
    const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
    expect(r).toMatchObject({ ok: true, registerNumber: 1 });
    // and the typed row is kept
    expect(run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Tên thủ tục')).getValue())).toBe('Năm 2026');
  });
});

describe('review 8: a fault at every service call of an intake, then its retry', () => {
  const probe = unitWithDossiers(2);
  const form0 = probe.run((s) => intakeContext(s));
  const calls = callsOf(probe.world, () =>
    probe.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T09:00', tables: form0.tablesVersion }))),
  );
  it.each(calls.map((name, k) => [k, name]))('fault at call #%i (%s)', (k) => {
    const u = unitWithDossiers(2);
    // a row a person typed below the data
    u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(4, col('Người nộp')).setValue('Gõ tay'));
    const form = u.run((s) => intakeContext(s));
    const input = intakeInput({ receivedAt: '2026-03-02T09:00', tables: form.tablesVersion });
    const stop = failAt(u.world, k as number);
    try {
      u.run((s) => submitIntake(s, input));
    } catch {
      /* fault */
    }
    stop();
    const retry = u.run((s) => submitIntake(s, input));
    const again = u.run((s) => submitIntake(s, input));
    expect(retry).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
    expect(again).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3 });
    const rows = registerRows(u.run).filter((r) => r.some((v) => v !== ''));
    expect(rows.map((r) => r[col('Mã hồ sơ') - 1])).toEqual([
      '000.17.22.H56-260302-0001',
      '000.17.22.H56-260302-0002',
      '000.17.22.H56-260302-0003',
      '',
    ]);
    expect(rows[3]![col('Người nộp') - 1]).toBe('Gõ tay');
    const mine = rows[2]!;
    expect(mine[col('Người nộp') - 1]).toBe('Nguyễn Thị Hoa');
    expect(mine[col('Trạng thái') - 1]).toBe('Đã tiếp nhận');
    expect(String(mine[col('Mã yêu cầu') - 1])).toMatch(/^intake:/);
    expect(logRows(u.run).filter((r) => r[logCol('Mã hồ sơ')] === '000.17.22.H56-260302-0003')).toHaveLength(1);
  });
});

describe.each([
  ['record-result', { action: 'record-result' }, 'Đã có kết quả', 'Có kết quả giải quyết'],
  [
    'refuse (a reason typed as a formula: the slow log path)',
    { action: 'refuse', reason: '=1+1' },
    'Từ chối giải quyết',
    'Từ chối giải quyết',
  ],
])('review 8: a fault at every service call of an update (%s), then its retry', (_label, payload, status, actionLabel) => {
  const probe = unitWithDossiers(2);
  const shown0 = probe.run((s) => lookupDossier(s, probe.codes[0]!));
  const calls = callsOf(probe.world, () =>
    probe.run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code: probe.codes[0]!,
        at: '2026-03-02T09:00',
        ...(shown0.ok ? { tables: shown0.dossier.tablesVersion } : {}),
        ...payload,
      }),
    ),
  );
  it.each(calls.map((name, k) => [k, name]))('fault at call #%i (%s)', (k) => {
    const u = unitWithDossiers(2);
    const code = u.codes[0]!;
    const shown = u.run((s) => lookupDossier(s, code));
    const step = {
      requestId: req(),
      code,
      at: '2026-03-02T09:00',
      ...(shown.ok ? { tables: shown.dossier.tablesVersion } : {}),
      ...payload,
    };
    const stop = failAt(u.world, k as number);
    try {
      u.run((s) => submitUpdate(s, step));
    } catch {
      /* fault */
    }
    stop();
    const retry = u.run((s) => submitUpdate(s, step));
    expect(retry).toMatchObject({ ok: true, dossier: { status } });
    const rows = registerRows(u.run);
    expect(rows[0]![col('Trạng thái') - 1]).toBe(status);
    expect(String(rows[0]![col('Mã yêu cầu') - 1])).toMatch(/^update:\S+ intake:\S+$/);
    expect(rows[1]![col('Trạng thái') - 1]).toBe('Đã tiếp nhận');
    expect(logRows(u.run).filter((r) => r[logCol('Thao tác')] === actionLabel)).toHaveLength(1);
  });
});

describe.each([[14], [15], [18]])(
  'review 8: update stopped at call #%i, its retry stopped at every call, then a third run',
  (first) => {
    const mk = () => {
      const u = unitWithDossiers(1);
      const code = u.codes[0]!;
      const shown = u.run((s) => lookupDossier(s, code));
      const step = {
        requestId: req(),
        code,
        at: '2026-03-02T09:00',
        action: 'record-result',
        ...(shown.ok ? { tables: shown.dossier.tablesVersion } : {}),
      };
      const stop = failAt(u.world, first);
      try {
        u.run((s) => submitUpdate(s, step));
      } catch {
        /* fault */
      }
      expect(stop()).toBe(true);
      return { ...u, step };
    };
    const probe = mk();
    const calls = callsOf(probe.world, () => probe.run((s) => submitUpdate(s, probe.step)));
    it.each(calls.map((name, k) => [k, name]))('second fault at call #%i (%s)', (k) => {
      const u = mk();
      const stop = failAt(u.world, k as number);
      try {
        u.run((s) => submitUpdate(s, u.step));
      } catch {
        /* fault */
      }
      stop();
      const third = u.run((s) => submitUpdate(s, u.step));
      expect(third).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
      const rows = registerRows(u.run);
      expect(rows[0]![col('Trạng thái') - 1]).toBe('Đã có kết quả');
      expect(rows[0]![col('Ngày có kết quả') - 1]).not.toBe('');
      expect(String(rows[0]![col('Mã yêu cầu') - 1])).toMatch(/^update:\S+ intake:\S+$/);
      expect(logRows(u.run).filter((r) => r[logCol('Thao tác')] === 'Có kết quả giải quyết')).toHaveLength(1);
    });
  },
);

/** A stopped update: its pending mark and its event are written, none of the row's cells. */
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

describe('review 8: a stopped step and the people who tidy up after it', () => {
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

/** An officer adds a column "STT" at C of the log to number it (dismissing the protection's warning). */
function insertLogColumnC(u: ReturnType<typeof unitWithDossiers>) {
  u.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    const width = log.getMaxColumns();
    const values = log.getRange(1, 1, log.getLastRow(), width).getValues();
    const formats = log.getRange(1, 1, log.getLastRow(), width).getNumberFormats();
    log.insertColumnsAfter(width, 1);
    const ins = <T>(r: T[], v: T) => [...r.slice(0, 2), v, ...r.slice(2)];
    const target = log.getRange(1, 1, values.length, width + 1);
    target.setNumberFormats(formats.map((f) => ins(f, '0')));
    target.setValues(values.map((r, i) => ins(r as unknown[], i === 0 ? 'STT' : i)) as never);
  });
}
const logByHeader = (u: ReturnType<typeof unitWithDossiers>) =>
  u.run((_s, ss) => {
    const log = ss.getSheetByName(TABS.log)!;
    const all = log.getRange(1, 1, log.getLastRow(), log.getLastColumn()).getValues();
    const header = all[0]!.map(String);
    return all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  });

describe('review 8: the log’s layout kept with a form for ten minutes', () => {
  it('a column inserted in the log after the form opened: the event is written under the wrong headers', () => {
    const u = unitWithDossiers(1);
    const form = u.run((s) => intakeContext(s));
    insertLogColumnC(u);
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40', tables: form.tablesVersion })));
    expect(r).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
    const last = logByHeader(u).at(-1)!;
    expect(last['Mã hồ sơ']).toBe('000.17.22.H56-260302-0002');
    expect(last['Thao tác']).toBe('Tiếp nhận hồ sơ');
    expect(String(last['Mã yêu cầu'])).toMatch(/^intake:/);
  });

  it('… and the retry of that submit, once the cache is gone, writes its event a second time', () => {
    const u = unitWithDossiers(1);
    const form = u.run((s) => intakeContext(s));
    insertLogColumnC(u);
    const input = intakeInput({ receivedAt: '2026-03-02T08:40', tables: form.tablesVersion });
    // The submit stops after all its writes (a timeout at the flush): the sidebar retries later.
    let appended = false;
    u.world.runtime.onCall = (name) => {
      if (name === 'Sheet.appendRow') appended = true;
      else if (appended && name === 'SpreadsheetApp.flush') {
        u.world.runtime.onCall = undefined;
        throw new Error('Service Spreadsheets timed out while accessing document with id local.');
      }
    };
    expect(() => u.run((s) => submitIntake(s, input))).toThrow('timed out');
    u.world.runtime.onCall = undefined;
    u.world.evictCaches();
    expect(u.run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
    const events = logByHeader(u).filter((e) => Object.values(e).includes('000.17.22.H56-260302-0002'));
    expect(events).toHaveLength(1);
  });
});

describe('review 8: a hand-typed code that would not stay text in a General cell', () => {
  it.each(['12345', '1/2', '=A1'])('an update of dossier “%s” writes its event with the code as text', (code) => {
    const u = unitWithDossiers(1);
    // The officer retypes the code of the dossier by hand (the code column is plain text).
    u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã hồ sơ')).setValue(code));
    const r = u.run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:00' }));
    expect(r).toMatchObject({ ok: true });
    const last = logRows(u.run).at(-1)!;
    expect(last[logCol('Mã hồ sơ')]).toBe(code);
    expect(last[logCol('Thao tác')]).toBe('Chuyển xử lý');
  });
});
