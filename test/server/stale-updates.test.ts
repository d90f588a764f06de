/**
 * Stale updates: two officers open the same dossier, one records a step, the other's form is now
 * out of date. Its submit is refused with what changed, who recorded it and when, and writes
 * nothing; the same request again (a retry after a time-out) is still answered as done.
 */
import { submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate, type UpdateResult } from '../../src/server/update';
import { runDeadlineCheck } from '../../src/server/warnings/check';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import type { Services, Spreadsheet } from '../../src/gas/services';
import { failOnce, intakeInput, readyUnit, registerColumn as col, snapshot } from '../helpers';
import { unit2025 } from './closingFixture';

let n = 0;
const req = () => `stale-${String((n += 1)).padStart(6, '0')}`;
const A = 'canbo.an@example.gov.vn';
const B = 'canbo.binh@example.gov.vn';

function twoOfficers() {
  const unit = readyUnit();
  const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
  if (!r.ok) throw new Error('intake');
  const as = <T>(user: string, fn: (s: Services) => T) => unit.world.run({ user, spreadsheetId: unit.book.id }, fn);
  const open = (user: string) => {
    const found = as(user, (s) => lookupDossier(s, r.code));
    if (!found.ok) throw new Error(found.message);
    return found.dossier;
  };
  const typeInRow = (header: (typeof REGISTER_COLUMNS)[number], value: string) =>
    unit.run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col(header)).setValue(value));
  return { ...unit, code: r.code, as, open, typeInRow };
}

const stale = (result: UpdateResult) => (result.ok ? '' : (result.errors.version ?? ''));

describe('a form opened before another officer’s step', () => {
  it('is refused, naming the status change, who made it and when, and writes nothing', () => {
    const u = twoOfficers();
    const seenByA = u.open(A);
    const seenByB = u.open(B);
    expect(seenByB.version).toBe(seenByA.version);
    expect(seenByA.version).toMatch(/^[0-9a-z]{60}$/);
    u.world.clock.set(new Date('2026-03-02T09:12:00+07:00'));
    const first = u.as(A, (s) =>
      submitUpdate(s, {
        requestId: req(),
        code: u.code,
        action: 'record-result',
        at: '2026-03-02T09:12',
        version: seenByA.version,
      }),
    );
    expect(first).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });

    const before = snapshot(u.world, u.book.id);
    const second = u.as(B, (s) =>
      submitUpdate(s, {
        requestId: req(),
        code: u.code,
        action: 'transfer',
        at: '2026-03-02T09:13',
        department: 'Công an xã',
        version: seenByB.version,
      }),
    );
    expect(second).toEqual({
      ok: false,
      errors: {
        version: `Hồ sơ ${u.code} vừa được cập nhật sau khi anh/chị mở: Trạng thái “Đã tiếp nhận” → “Đã có kết quả”; Ngày có kết quả đã thay đổi (${A}, 02/03/2026 09:12). Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`,
      },
    });
    expect(snapshot(u.world, u.book.id)).toBe(before);

    // Reloaded, B sees the result and hands it over.
    const reloaded = u.open(B);
    expect(reloaded).toMatchObject({ status: 'Đã có kết quả', actions: [{ type: 'hand-over' }] });
    const handed = u.as(B, (s) =>
      submitUpdate(s, { requestId: req(), code: u.code, action: 'hand-over', at: '2026-03-02T09:14', version: reloaded.version }),
    );
    expect(handed).toMatchObject({ ok: true, dossier: { status: 'Đã trả kết quả' } });
  });

  it('is accepted when the step came from this same form: each answer carries the version a fresh lookup gives', () => {
    const u = twoOfficers();
    let view = u.open(A);
    const steps = [
      { action: 'transfer', at: '2026-03-02T09:00', department: 'Công an xã' },
      { action: 'request-supplement', at: '2026-03-02T09:10', missing: 'Ảnh 3x4', reason: 'Ảnh mờ' },
      { action: 'receive-supplement', at: '2026-03-02T09:20' },
      { action: 'apologise', at: '2026-03-02T09:30', newDueAt: '2026-03-20T17:00', reason: 'Chờ xác minh' },
      { action: 'record-result', at: '2026-03-02T09:40' },
      { action: 'hand-over', at: '2026-03-02T09:50', satisfaction: 'Hài lòng' },
    ];
    for (const step of steps) {
      u.world.clock.set(new Date(`${step.at}:00+07:00`));
      const answer = u.as(A, (s) => submitUpdate(s, { requestId: req(), code: u.code, ...step, version: view.version }));
      if (!answer.ok) throw new Error(JSON.stringify(answer));
      // What the sidebar renders next is exactly what the sheet now holds.
      expect(answer.dossier.version).toBe(u.open(B).version);
      view = answer.dossier;
    }
    expect(view.status).toBe('Đã trả kết quả');
  });

  it('is refused after a hand edit of a cell the step depends on, and said to be one; other cells do not matter', () => {
    const u = twoOfficers();
    let seen = u.open(A);
    // The daily check rewrites `Cảnh báo`; people type notes and fix the applicant's name: no step depends on them.
    u.as(A, (s) => runDeadlineCheck(s, { mail: false, startedMs: s.clock.now().getTime() }));
    u.typeInRow('Ghi chú', 'Gọi lại cho người nộp');
    u.typeInRow('Người nộp', 'Nguyễn Thị Hoà');
    expect(u.open(B).version).toBe(seen.version);

    u.typeInRow('Cơ quan giải quyết', 'Phòng Tư pháp');
    const before = snapshot(u.world, u.book.id);
    const refused = u.as(A, (s) =>
      submitUpdate(s, { requestId: req(), code: u.code, action: 'record-result', at: '2026-03-02T09:00', version: seen.version }),
    );
    expect(stale(refused)).toBe(
      `Hồ sơ ${u.code} vừa được cập nhật sau khi anh/chị mở: Cơ quan giải quyết đã thay đổi (sửa trực tiếp trong sổ). Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`,
    );
    expect(snapshot(u.world, u.book.id)).toBe(before);
    seen = u.open(A);
    expect(
      u.as(A, (s) =>
        submitUpdate(s, {
          requestId: req(),
          code: u.code,
          action: 'record-result',
          at: '2026-03-02T09:00',
          version: seen.version,
        }),
      ),
    ).toMatchObject({ ok: true });
  });

  it('with a version that is not one is refused under the version, asking to reload', () => {
    const u = twoOfficers();
    const answer = u.as(A, (s) =>
      submitUpdate(s, { requestId: req(), code: u.code, action: 'record-result', at: '2026-03-02T09:00', version: 'X<script>' }),
    );
    expect(answer).toEqual({
      ok: false,
      errors: { version: 'Biểu mẫu được mở từ phiên bản cũ; hãy bấm “Tải lại hồ sơ”.' },
    });
  });
});

describe('the same request again', () => {
  it('after its answer was lost is answered as done, not refused as stale, and writes nothing', () => {
    const u = twoOfficers();
    const seen = u.open(A);
    const step = { requestId: req(), code: u.code, action: 'transfer', at: '2026-03-02T09:00', version: seen.version };
    expect(u.as(A, (s) => submitUpdate(s, step))).toMatchObject({ ok: true });
    const before = snapshot(u.world, u.book.id);
    expect(u.as(A, (s) => submitUpdate(s, step))).toMatchObject({ ok: true, dossier: { status: 'Đang giải quyết' } });
    expect(snapshot(u.world, u.book.id)).toBe(before);
  });

  it('after three more steps by others (its key gone from the row) is found in the log and answered as done', () => {
    const u = twoOfficers();
    const seen = u.open(A);
    const step = { requestId: req(), code: u.code, action: 'transfer', at: '2026-03-02T09:00', version: seen.version };
    expect(u.as(A, (s) => submitUpdate(s, step))).toMatchObject({ ok: true });
    for (const next of [
      { action: 'request-supplement', at: '2026-03-02T09:10', missing: 'Ảnh', reason: 'Mờ' },
      { action: 'receive-supplement', at: '2026-03-02T09:20' },
      { action: 'record-result', at: '2026-03-02T09:30' },
    ]) {
      u.world.clock.set(new Date(`${next.at}:00+07:00`));
      const view = u.open(B);
      expect(u.as(B, (s) => submitUpdate(s, { requestId: req(), code: u.code, ...next, version: view.version }))).toMatchObject({
        ok: true,
      });
    }
    u.world.clock.set(new Date('2026-03-02T09:40:00+07:00'));
    const before = snapshot(u.world, u.book.id);
    expect(u.as(A, (s) => submitUpdate(s, step))).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
    expect(snapshot(u.world, u.book.id)).toBe(before);
  });

  it('after a time-out halfway through its writes completes the step; another officer’s older form is then refused', () => {
    const u = twoOfficers();
    const seenByA = u.open(A);
    const seenByB = u.open(B);
    const step = { requestId: req(), code: u.code, action: 'record-result', at: '2026-03-02T09:00', version: seenByA.version };
    failOnce(u.world, 'Range.setValues', 2); // the mark and the event are written, the row's cells are not
    expect(() => u.as(A, (s) => submitUpdate(s, step))).toThrow('Service Spreadsheets timed out');
    u.world.runtime.onCall = undefined;

    const byB = u.as(B, (s) =>
      submitUpdate(s, {
        requestId: req(),
        code: u.code,
        action: 'stop',
        at: '2026-03-02T09:05',
        reason: 'Rút hồ sơ',
        version: seenByB.version,
      }),
    );
    expect(stale(byB)).toContain(
      `Trạng thái “Đã tiếp nhận” → “Đã có kết quả”; Ngày có kết quả đã thay đổi (${A}, 02/03/2026 09:00)`,
    );
    expect(u.as(A, (s) => submitUpdate(s, step))).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
    const actions = u.run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      return log
        .getRange(2, 4, log.getLastRow() - 1, 1)
        .getValues()
        .map((r) => r[0]);
    });
    expect(actions).toEqual(['Tiếp nhận hồ sơ', 'Có kết quả giải quyết']);
  });
});

describe('the version check', () => {
  it('costs no service call: a submit with it makes exactly the calls of one without', () => {
    const calls = (withVersion: boolean) => {
      const u = twoOfficers();
      const seen = u.open(A);
      u.world.runtime.resetCounters();
      const answer = u.as(A, (s) =>
        submitUpdate(s, {
          requestId: 'same-request-id',
          code: u.code,
          action: 'record-result',
          at: '2026-03-02T09:00',
          tables: seen.tablesVersion,
          ...(withVersion ? { version: seen.version } : {}),
        }),
      );
      expect(answer).toMatchObject({ ok: true });
      return { ...u.world.runtime.counters };
    };
    const without = calls(false);
    expect(calls(true)).toEqual(without);
    expect(Object.values(without.calls).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });
});

const register = (ss: Spreadsheet) => ss.getSheetByName(TABS.register)!;

describe('a stale update form after a hand edit', () => {
  describe('a stale update form', () => {
    it('after the Mã yêu cầu cell was cleared by hand is told so, not that a step was recorded by whoever closed the year', () => {
      const u = unit2025();
      const code = u.intake('2025-12-29T08:00'); // still open when 2025 is closed
      u.close('2026-01-05T08:00');
      const seen = u.run((s) => lookupDossier(s, code));
      if (!seen.ok) throw new Error(seen.message);
      u.run((_s, ss) => register(ss).getRange(2, col('Mã yêu cầu')).setValue(''));
      u.at('2026-01-05T09:00');
      const answer = u.run((s) =>
        submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-01-05T09:00', version: seen.dossier.version }),
      );
      expect(answer).toEqual({
        ok: false,
        errors: {
          version: `Hồ sơ ${code} vừa được cập nhật sau khi anh/chị mở: Mã yêu cầu đã thay đổi (sửa trực tiếp trong sổ). Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`,
        },
      });
    });
  });
});
