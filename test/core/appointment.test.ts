import fc from 'fast-check';
import { compareDateTimes, fromDayNumber, parseCivilDateTime, toDayNumber } from '../../src/core/civil';
import { WorkingCalendar } from '../../src/core/calendar';
import { computeDue, DEFAULT_CUTOFF_MINUTE, dueAfterSupplement, reappointmentRefusal } from '../../src/core/appointment';
import { DEFAULT_OFFICE_HOURS } from '../../src/core/officeHours';
import { formatAppointmentVi } from '../../src/core/format';

const calendar = new WorkingCalendar();
const ctx = { calendar, officeHours: DEFAULT_OFFICE_HOURS };
const at = (text: string) => {
  const parsed = parseCivilDateTime(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('appointment dates', () => {
  it('puts a 5-working-day dossier received Friday 24/01/2025 after the whole Tết 2025 break', () => {
    const due = computeDue({ unit: 'ngày làm việc', value: 5 }, at('2025-01-24 09:30'), ctx);
    // Tết off 25/1–2/2: Mon 3/2 is the first counted day, the fifth is Fri 7/2.
    expect(due).toEqual(at('2025-02-07 17:00'));
    expect(formatAppointmentVi(due)).toBe('17 giờ 00, ngày 07/02/2025');
  });

  it('moves a same-day certification received at 15:10 to the next working day, and keeps 14:59 on the day', () => {
    const period = { unit: 'trong ngày' as const, value: 0, cutoffMinute: DEFAULT_CUTOFF_MINUTE };
    expect(computeDue(period, at('2026-03-06 15:10'), ctx).date).toBe('2026-03-09'); // Fri → Mon
    expect(computeDue(period, at('2026-03-06 14:59'), ctx).date).toBe('2026-03-06');
    expect(computeDue(period, at('2026-04-24 15:30'), ctx).date).toBe('2026-04-28'); // Fri → Tue (27/4 off)
  });

  it('counts working hours inside office hours, over lunch and nights', () => {
    const period = { unit: 'giờ làm việc' as const, value: 4 };
    expect(computeDue(period, at('2026-03-10 10:00'), ctx)).toEqual(at('2026-03-10 16:00'));
    expect(computeDue(period, at('2026-03-10 16:00'), ctx)).toEqual(at('2026-03-11 10:30'));
    expect(computeDue(period, at('2026-03-10 18:00'), ctx)).toEqual(at('2026-03-11 11:30'));
    // The default office day holds 7.5 working hours, so 8 hours spill into the next morning.
    expect(computeDue({ unit: 'giờ làm việc', value: 8 }, at('2026-03-10 07:30'), ctx)).toEqual(at('2026-03-11 08:00'));
    expect(computeDue({ unit: 'giờ làm việc', value: 3 }, at('2026-03-10 14:00'), ctx)).toEqual(at('2026-03-10 17:00'));
  });

  it('never gives an appointment on a day off or before the receipt', () => {
    const receipts = fc
      .tuple(fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2031-12-31') }), fc.integer({ min: 0, max: 1439 }))
      .map(([d, minute]) => ({ date: fromDayNumber(d), minute }));
    const periods = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((value) => ({ unit: 'ngày làm việc' as const, value })),
      fc.integer({ min: 0, max: 40 }).map((value) => ({ unit: 'giờ làm việc' as const, value })),
      fc.constant({ unit: 'trong ngày' as const, value: 0, cutoffMinute: DEFAULT_CUTOFF_MINUTE }),
    );
    fc.assert(
      fc.property(receipts, periods, (receivedAt, period) => {
        const due = computeDue(period, receivedAt, ctx);
        if (period.value > 0 || period.unit === 'trong ngày') expect(calendar.isWorkingDay(due.date)).toBe(true);
        expect(compareDateTimes(due, receivedAt) >= 0 || due.date >= receivedAt.date).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('restarts the period after a supplement under “tính lại”, and adds the waiting days under “tạm dừng”', () => {
    const period = { unit: 'ngày làm việc' as const, value: 7 };
    const receivedAt = at('2026-03-02 08:00'); // Mon
    const currentDue = computeDue(period, receivedAt, ctx);
    expect(currentDue.date).toBe('2026-03-11');
    const requestedAt = at('2026-03-04 09:00');
    const arrivedAt = at('2026-03-09 10:00'); // 3 working days later (5, 6, 9)
    expect(dueAfterSupplement({ rule: 'tính lại', period, currentDue, requestedAt, arrivedAt, ctx }).date).toBe('2026-03-18');
    expect(dueAfterSupplement({ rule: 'tạm dừng', period, currentDue, requestedAt, arrivedAt, ctx }).date).toBe('2026-03-16');
  });

  it('allows one re-appointment, sent at least one working day before the original appointment', () => {
    const base = { originalDue: '2026-03-11', alreadyReappointed: false, newDue: '2026-03-16', calendar };
    expect(reappointmentRefusal({ ...base, requestDate: '2026-03-10' })).toBeUndefined();
    expect(reappointmentRefusal({ ...base, requestDate: '2026-03-11' })).toBe(
      'Văn bản xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả 11/03/2026 (tức là ngày 10/03/2026).',
    );
    expect(reappointmentRefusal({ ...base, requestDate: '2026-03-09', alreadyReappointed: true })).toBe(
      'Hồ sơ đã được xin lỗi và hẹn lại một lần; chỉ được hẹn lại một lần.',
    );
    expect(reappointmentRefusal({ ...base, requestDate: '2026-03-09', newDue: '2026-03-14' })).toBe(
      'Ngày hẹn mới 14/03/2026 không phải ngày làm việc.',
    );
  });
});
