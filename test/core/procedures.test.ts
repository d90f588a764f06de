import { safeParse } from 'zod/mini';
import { searchProcedures, SAMPLE_CATALOGUE, procedureSchema } from '../../src/core/procedures';

describe('procedure catalogue', () => {
  it('finds procedures without diacritics and validates rows in Vietnamese', () => {
    expect(searchProcedures(SAMPLE_CATALOGUE, 'khai sinh').map((p) => p.name)).toEqual(['Đăng ký khai sinh']);
    expect(searchProcedures(SAMPLE_CATALOGUE, 'chung thuc').length).toBe(3);
    const bad = safeParse(procedureSchema, { ...SAMPLE_CATALOGUE[0], periodUnit: 'tuần' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Đơn vị thời hạn phải là “ngày làm việc”, “giờ làm việc” hoặc “trong ngày”.');
  });
});
