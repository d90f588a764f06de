import { formatAppointmentVi, formatNumberVi, formatPercentVi } from '../../src/core/format';

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
