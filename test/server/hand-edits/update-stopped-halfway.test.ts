/**
 * Hostile edits and faults (from adversarial reviews) against the update's write order: the step's
 * key marked pending on the row, then its event, then the row's cells with its key last.
 */
import { submitIntake } from '../../../src/server/intake';
import { formHtml } from '../../../src/server/forms/gather';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit } from '../../helpers';

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
