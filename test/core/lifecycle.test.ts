import { WorkingCalendar } from '../../src/core/calendar';
import { parseCivilDateTime, type CivilDateTime } from '../../src/core/civil';
import { computeDue } from '../../src/core/appointment';
import type { Dossier } from '../../src/core/dossier';
import { allowedActions, applyAction, type TransitionContext } from '../../src/core/lifecycle';
import { DEFAULT_OFFICE_HOURS } from '../../src/core/officeHours';

const at = (t: string): CivilDateTime => parseCivilDateTime(t)!;
const schedule = { calendar: new WorkingCalendar(), officeHours: DEFAULT_OFFICE_HOURS };
const period = { unit: 'ngày làm việc' as const, value: 7 };
const ctx: TransitionContext = { schedule, period, supplementRule: 'tính lại' };

function received(): Dossier {
  const receivedAt = at('2026-03-02 08:00');
  return {
    code: '000.17.22.H56-260302-0001',
    procedureCode: '1.004194',
    channel: 'Trực tiếp',
    status: 'Đã tiếp nhận',
    receivedAt,
    dueAt: computeDue(period, receivedAt, schedule),
    supplementCount: 0,
  };
}

function step(d: Dossier, action: Parameters<typeof applyAction>[1], c: TransitionContext = ctx): Dossier {
  const r = applyAction(d, action, c);
  if (!r.ok) throw new Error(r.error);
  return r.dossier;
}

describe('dossier lifecycle', () => {
  it('refuses to hand over a result that does not exist yet, in Vietnamese', () => {
    const r = applyAction(received(), { type: 'hand-over', at: at('2026-03-05 09:00') }, ctx);
    expect(r).toEqual({
      ok: false,
      error: 'Chưa có kết quả giải quyết nên không thể trả kết quả (trạng thái hiện tại: “Đã tiếp nhận”).',
    });
  });

  it('walks a dossier from receipt to hand-over, keeping the dates each step needs', () => {
    let d = step(received(), { type: 'transfer', at: at('2026-03-02 09:00'), department: 'Công an xã' });
    expect(d.status).toBe('Đang giải quyết');
    d = step(d, { type: 'record-result', at: at('2026-03-10 15:00') });
    expect(d).toMatchObject({ status: 'Đã có kết quả', resultDate: '2026-03-10' });
    expect(allowedActions(d)).toEqual(['hand-over']);
    d = step(d, { type: 'hand-over', at: at('2026-03-11 08:00'), satisfaction: 'Hài lòng' });
    expect(d).toMatchObject({ status: 'Đã trả kết quả', returnedDate: '2026-03-11', satisfaction: 'Hài lòng' });
    expect(allowedActions(d)).toEqual([]);
  });

  it('restarts the clock when the supplement arrives and records a second request', () => {
    let d = step(received(), {
      type: 'request-supplement',
      at: at('2026-03-03 10:00'),
      missing: 'Bản sao sổ hộ khẩu',
      reason: 'Thiếu giấy tờ',
    });
    expect(d).toMatchObject({ status: 'Chờ bổ sung', supplementCount: 1 });
    d = step(d, { type: 'receive-supplement', at: at('2026-03-06 14:00') });
    expect(d.dueAt.date).toBe('2026-03-17'); // 7 working days from Fri 6/3
    const second = applyAction(
      d,
      { type: 'request-supplement', at: at('2026-03-09 10:00'), missing: 'Ảnh', reason: 'Ảnh mờ' },
      ctx,
    );
    expect(second.ok && second.warnings).toEqual([
      'Yêu cầu bổ sung sau 03 ngày làm việc kể từ ngày tiếp nhận (hạn 05/03/2026); theo quy định, cơ quan phải xin lỗi người nộp hồ sơ.',
      'Hồ sơ yêu cầu bổ sung quá một lần: Chỉ số 766 tính là quá hạn.',
    ]);
  });

  it('pauses the clock under “tạm dừng” by the working days spent waiting', () => {
    const pause: TransitionContext = { ...ctx, supplementRule: 'tạm dừng', supplementRequestedAt: at('2026-03-03 10:00') };
    let d = step(
      received(),
      { type: 'request-supplement', at: at('2026-03-03 10:00'), missing: 'Tờ khai', reason: 'Sai mẫu' },
      pause,
    );
    d = step(d, { type: 'receive-supplement', at: at('2026-03-06 14:00') }, pause);
    expect(d.dueAt.date).toBe('2026-03-16'); // 11/3 + 3 working days (4, 5, 6/3)
  });

  it('allows one apology with a new date and keeps the original appointment', () => {
    const d = step(received(), {
      type: 'apologise',
      at: at('2026-03-09 10:00'),
      newDueAt: at('2026-03-16 17:00'),
      reason: 'Chờ xác minh',
    });
    expect(d).toMatchObject({ dueAt: at('2026-03-11 17:00'), newDueAt: at('2026-03-16 17:00'), delayReason: 'Chờ xác minh' });
    expect(allowedActions(d)).not.toContain('apologise');
    const again = applyAction(
      d,
      { type: 'apologise', at: at('2026-03-10 10:00'), newDueAt: at('2026-03-18 17:00'), reason: 'Lần nữa' },
      ctx,
    );
    expect(again).toEqual({ ok: false, error: 'Hồ sơ đã được xin lỗi và hẹn lại một lần; chỉ được hẹn lại một lần.' });
  });

  it('needs a reason to refuse or stop, and a time not before the receipt', () => {
    expect(applyAction(received(), { type: 'refuse', at: at('2026-03-03 10:00'), reason: '  ' }, ctx)).toEqual({
      ok: false,
      error: 'Cần ghi lý do từ chối.',
    });
    expect(applyAction(received(), { type: 'stop', at: at('2026-03-01 10:00'), reason: 'Rút hồ sơ' }, ctx)).toEqual({
      ok: false,
      error: 'Thời điểm 01/03/2026 10:00 trước thời điểm tiếp nhận hồ sơ 02/03/2026 08:00.',
    });
    const stopped = step(received(), { type: 'stop', at: at('2026-03-04 10:00'), reason: 'Người nộp rút hồ sơ' });
    expect(stopped).toMatchObject({ status: 'Dừng giải quyết', resultDate: '2026-03-04' });
  });
});

describe('event details', () => {
  it('keep the reason and the missing documents as fields, whatever the reason says', () => {
    // A reason that reads like the note's own wording must not leak into the missing documents.
    const reason = 'Thiếu ảnh. Cần bổ sung: không phải giấy tờ';
    const r = applyAction(
      received(),
      { type: 'request-supplement', at: at('2026-03-03 10:00'), missing: 'Ảnh 4x6', reason },
      ctx,
    );
    expect(r.ok && r.event.note).toBe('Lần 1. Lý do: Thiếu ảnh. Cần bổ sung: không phải giấy tờ. Cần bổ sung: Ảnh 4x6');
    expect(r.ok && r.event.details).toEqual({ reason, missing: 'Ảnh 4x6', supplementCount: 1 });
    const stop = applyAction(received(), { type: 'stop', at: at('2026-03-03 10:00'), reason: 'Rút hồ sơ' }, ctx);
    expect(stop.ok && stop.event.details).toEqual({ reason: 'Rút hồ sơ' });
  });
});
