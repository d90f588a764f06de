import { changesSince, dossierVersion } from '../../src/core/dossierVersion';

const cells = (overrides: Record<string, unknown> = {}) => ({
  'Trạng thái': 'Đang giải quyết',
  'Hạn trả kết quả': '2026-03-11T17:00',
  'Lý do chậm': '',
  '': 'update:r-0001:abc',
  ...overrides,
});

describe('a dossier’s version', () => {
  it('is four characters a cell, the same for the same cells', () => {
    expect(dossierVersion(cells())).toMatch(/^[0-9a-z]{16}$/);
    expect(dossierVersion(cells())).toBe(dossierVersion(cells()));
    expect(dossierVersion(cells({ 'Lý do chậm': 'x' }))).not.toBe(dossierVersion(cells()));
  });

  it('names the cells that changed since, with the status it was made with', () => {
    const seen = dossierVersion(cells());
    expect(changesSince(seen, cells())).toEqual({ headers: [] });
    expect(changesSince(seen, cells({ 'Trạng thái': 'Đã có kết quả', '': 'update:r-0002:def' }))).toEqual({
      headers: ['Trạng thái', ''],
      status: 'Đang giải quyết',
    });
    expect(changesSince(seen, cells({ 'Hạn trả kết quả': '2026-03-12T17:00' }))).toEqual({ headers: ['Hạn trả kết quả'] });
  });
});
