import fc from 'fast-check';
import { nextDossierCode, nextRegisterNumber, parseDossierCode } from '../../src/core/dossierCode';
import { formatAppointmentVi, formatNumberVi, formatPercentVi } from '../../src/core/format';
import { classifyForPeriod, deadlineState, type PeriodRecord } from '../../src/core/timeliness';
import { WorkingCalendar } from '../../src/core/calendar';
import { searchProcedures, SAMPLE_CATALOGUE, procedureSchema } from '../../src/core/procedures';
import { safeParse } from 'zod/mini';

describe('dossier codes', () => {
  it('numbers each day from 0001 per unit, the day in YYMMDD', () => {
    const existing = [
      '000.17.22.H56-210531-0001',
      '000.17.22.H56-210531-0002',
      '000.17.22.H56-210530-0007',
      'H15.50.05.13-210531-0975',
    ];
    expect(nextDossierCode('000.17.22.H56', '2021-05-31', existing)).toBe('000.17.22.H56-210531-0003');
    expect(nextDossierCode('000.17.22.H56', '2021-06-01', existing)).toBe('000.17.22.H56-210601-0001');
    expect(nextDossierCode('H15.50.05.13', '2026-10-08', ['H15.50.05.13-261008-0974'])).toBe('H15.50.05.13-261008-0975');
    expect(() => nextDossierCode('xã Yên Lạc', '2026-10-08', [])).toThrow(
      'Mã định danh đơn vị “xã Yên Lạc” không đúng dạng (ví dụ: 000.17.22.H56).',
    );
  });

  it('never reuses a code, whatever codes already exist', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9998 }), { maxLength: 40 }), (sequences) => {
        const codes = sequences.map((n) => `000.17.22.H56-260302-${String(n).padStart(4, '0')}`);
        const next = nextDossierCode('000.17.22.H56', '2026-03-02', codes);
        expect(codes).not.toContain(next);
        expect(parseDossierCode(next)?.sequence).toBe(Math.max(0, ...sequences) + 1);
      }),
    );
  });

  it('runs one register number per year', () => {
    const rows = [
      { year: 2025, number: 1204 },
      { year: 2026, number: 3 },
      { year: 2026, number: 7 },
    ];
    expect(nextRegisterNumber(2026, rows)).toBe(8);
    expect(nextRegisterNumber(2027, rows)).toBe(1);
  });
});

describe('vi-VN formatting', () => {
  it('prints dates, numbers and percentages the Vietnamese way', () => {
    expect(formatAppointmentVi({ date: '2026-02-20', minute: 14 * 60 })).toBe('14 giờ 00, ngày 20/02/2026');
    expect(formatNumberVi(12160)).toBe('12.160');
    expect(formatNumberVi(194597)).toBe('194.597');
    expect(formatPercentVi(1297 / 12160)).toBe('10,67%');
    expect(formatPercentVi(10834 / 12160)).toBe('89,10%');
    expect(formatPercentVi(172171 / 194597)).toBe('88,48%');
    expect(formatPercentVi(undefined)).toBe('—');
  });
});

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
        { ...base, status: 'Chờ bổ sung', endDate: undefined, dueDate: '2026-03-05' },
        '2026-03-01',
        '2026-03-31',
      ),
    ).toMatchObject({ inProgress: 'overdue' });
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

describe('procedure catalogue', () => {
  it('finds procedures without diacritics and validates rows in Vietnamese', () => {
    expect(searchProcedures(SAMPLE_CATALOGUE, 'khai sinh').map((p) => p.name)).toEqual(['Đăng ký khai sinh']);
    expect(searchProcedures(SAMPLE_CATALOGUE, 'chung thuc').length).toBe(3);
    const bad = safeParse(procedureSchema, { ...SAMPLE_CATALOGUE[0], periodUnit: 'tuần' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Đơn vị thời hạn phải là “ngày làm việc”, “giờ làm việc” hoặc “trong ngày”.');
  });
});
