import { compareRequestKeys, formatRowKeys, parseRowKeys, requestKey, withApplied } from '../../src/core/requestKey';

const key = (id: string, payload: unknown = { action: 'transfer' }) => requestKey('update', id, payload);

describe('request keys', () => {
  it('hash the payload whatever the order of its fields, and tell a retry from a changed payload', () => {
    const a = requestKey('update', 'req-00000001', { code: 'X', at: '2026-03-02T09:00' });
    const b = requestKey('update', 'req-00000001', { at: '2026-03-02T09:00', code: 'X' });
    const c = requestKey('update', 'req-00000001', { at: '2026-03-02T09:05', code: 'X' });
    expect(compareRequestKeys(a, b)).toBe('same');
    expect(compareRequestKeys(a, c)).toBe('conflict');
    expect(compareRequestKeys(a, requestKey('intake', 'req-00000001', { code: 'X', at: '2026-03-02T09:00' }))).toBe('other');
  });
});

describe('a row’s keys', () => {
  it('keep the three newest applied keys on one line, newest first', () => {
    let keys = parseRowKeys('');
    for (const id of ['req-00000001', 'req-00000002', 'req-00000003', 'req-00000004']) keys = withApplied(keys, key(id));
    const text = formatRowKeys(keys);
    expect(text).not.toContain('\n');
    expect(parseRowKeys(text).applied.map((k) => k.id)).toEqual(['req-00000004', 'req-00000003', 'req-00000002']);
  });

  it('read a pending mark only in first place, and ignore what is not a key (a cell typed over by hand)', () => {
    const pending = key('req-00000009');
    const text = formatRowKeys({ pending, applied: [key('req-00000001')] });
    expect(text).toMatch(/^chờ:update:req-00000009:\S+ update:req-00000001:\S+$/);
    expect(parseRowKeys(text)).toEqual({ pending, applied: [key('req-00000001')] });
    expect(parseRowKeys(`update:req-00000001:abc chờ:${text.split(' ')[0]!.slice(4)}`).pending).toBeUndefined();
    expect(parseRowKeys('đã sửa tay, xem ghi chú')).toEqual({ applied: [] });
    // An intake's key (the one a new row carries) reads as applied.
    expect(parseRowKeys(' intake:abcdefgh-1:xyz ').applied).toEqual([{ space: 'intake', id: 'abcdefgh-1', hash: 'xyz' }]);
  });

  it('drop the pending mark once the step is applied', () => {
    const pending = key('req-00000009');
    expect(withApplied({ pending, applied: [key('req-00000001')] }, pending)).toEqual({
      applied: [pending, key('req-00000001')],
    });
  });
});
