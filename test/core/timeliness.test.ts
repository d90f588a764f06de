import fc from 'fast-check';
import { classifyForPeriod, deadlineState, type PeriodRecord } from '../../src/core/timeliness';
import { WorkingCalendar } from '../../src/core/calendar';

describe('timeliness', () => {
  const calendar = new WorkingCalendar();
  it('tells due soon, due today and overdue for open dossiers', () => {
    expect(deadlineState('2026-03-11', '2026-03-12', calendar, 1)).toBe('overdue');
    expect(deadlineState('2026-03-11', '2026-03-11', calendar, 1)).toBe('due-today');
    expect(deadlineState('2026-03-11', '2026-03-10', calendar, 1)).toBe('due-soon');
    expect(deadlineState('2026-03-16', '2026-03-13', calendar, 1)).toBe('due-soon'); // Fri → Mon: one working day
    expect(deadlineState('2026-03-11', '2026-03-05', calendar, 1)).toBe('within-deadline');
  });

  const base: PeriodRecord = {
    status: 'Đã trả kết quả',
    channel: 'Trực tiếp',
    receivedDate: '2026-03-02',
    dueDate: '2026-03-11',
    endDate: '2026-03-11',
  };
  it('ends a period at 24:00 of its last day: an appointment during that day has passed for a dossier still open then', () => {
    const open: PeriodRecord = {
      status: 'Đang giải quyết',
      channel: 'Trực tiếp',
      receivedDate: '2020-05-04',
      dueDate: '2020-05-14',
    };
    // Due 14/05/2020 (14:27): open at the end of 14/05, or resolved on 15/05 — overdue at the period's end.
    expect(classifyForPeriod(open, '2020-04-15', '2020-05-14').inProgress).toBe('overdue');
    expect(
      classifyForPeriod({ ...open, status: 'Đã có kết quả', endDate: '2020-05-15' }, '2020-04-15', '2020-05-14').inProgress,
    ).toBe('overdue');
    // Due the next morning: still within deadline at the end of 14/05.
    expect(classifyForPeriod({ ...open, dueDate: '2020-05-15' }, '2020-04-15', '2020-05-14').inProgress).toBe('within-deadline');
    // Waiting for a supplement: within deadline until its deadline is recomputed.
    expect(classifyForPeriod({ ...open, status: 'Chờ bổ sung' }, '2020-04-15', '2020-05-14').inProgress).toBe('within-deadline');
  });

  it('classifies a dossier for a period as design.md §5 says', () => {
    expect(classifyForPeriod(base, '2026-03-01', '2026-03-31')).toEqual({
      receivedInPeriod: true,
      carriedOver: false,
      resolved: 'on-time',
      stopped: false,
    });
    expect(classifyForPeriod({ ...base, endDate: '2026-03-12' }, '2026-03-01', '2026-03-31').resolved).toBe('late');
    expect(classifyForPeriod({ ...base, endDate: '2026-03-12' }, '2026-03-05', '2026-03-31')).toMatchObject({
      carriedOver: true,
      resolved: 'late',
    });
    // Open at the end of a period that closed before the result.
    expect(classifyForPeriod(base, '2026-03-01', '2026-03-10')).toMatchObject({ inProgress: 'within-deadline' });
    expect(classifyForPeriod({ ...base, endDate: '2026-03-20' }, '2026-03-01', '2026-03-15')).toMatchObject({
      inProgress: 'overdue',
    });
    expect(
      classifyForPeriod({ ...base, status: 'Dừng giải quyết', endDate: '2026-03-04' }, '2026-03-01', '2026-03-31'),
    ).toMatchObject({ stopped: true });
    expect(
      classifyForPeriod(
        { status: 'Chờ bổ sung', channel: base.channel, receivedDate: base.receivedDate, dueDate: '2026-03-05' },
        '2026-03-01',
        '2026-03-31',
      ),
    ).toMatchObject({ inProgress: 'within-deadline' }); // waiting: within deadline until recomputed (design.md §5)
  });

  it('keeps every handled dossier in exactly one of resolved, stopped or in progress', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    const status = fc.constantFrom(
      'Đã tiếp nhận',
      'Đang giải quyết',
      'Chờ bổ sung',
      'Đã có kết quả',
      'Đã trả kết quả',
      'Từ chối giải quyết',
      'Dừng giải quyết' as const,
    );
    fc.assert(
      fc.property(status, day, day, day, day, day, (st, received, due, end, from, to) => {
        fc.pre(from <= to && received <= end);
        const c = classifyForPeriod(
          { status: st, channel: 'Trực tuyến', receivedDate: received, dueDate: due, endDate: end },
          from,
          to,
        );
        const handled = c.receivedInPeriod || c.carriedOver;
        const buckets = [c.resolved !== undefined, c.stopped, c.inProgress !== undefined].filter(Boolean).length;
        expect(buckets).toBe(handled ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });
});
