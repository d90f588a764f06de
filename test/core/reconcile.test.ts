import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../src/core/civil';
import { exportDateTimeOf, NATIONAL_STATUS_CODES, statusOfExport } from '../../src/core/provincialExport';
import { type ReconcileRecord, readExportRows, reconcile } from '../../src/core/reconcile';

const U = '000.17.22.H56';

describe('reading a provincial export', () => {
  it('finds columns by their synonyms and reads dd/MM/yyyy HH:mm, Excel serials and status codes 1–10', () => {
    const rows = [
      ['DANH SÁCH HỒ SƠ'],
      ['STT', 'MaHoSo', 'TenThuTuc', 'NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'TenTrangThaiHoSo', 'Hình thức nộp'],
      ['1', `${U}-261201-0001`, 'Chứng thực bản sao', '01/12/2026 08:15', '03/12/2026 17:00', '', '4', 'Trực tuyến'],
      ['2', `${U}-261201-0002`, 'Đăng ký khai sinh', 46357.375, 46358, 46358.5, 'Đã trả kết quả', 'Trực tiếp'],
    ];
    const { records, problems } = readExportRows('xuat.csv', rows);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ code: `${U}-261201-0001`, status: 'Đang giải quyết', appointment: '2026-12-03', row: 3 });
    expect(records[0]?.receivedAt).toEqual({ date: '2026-12-01', minute: 8 * 60 + 15 });
    // Excel serial 46357.375 = 1/12/2026 09:00.
    expect(records[1]).toMatchObject({
      status: 'Đã trả kết quả',
      appointment: '2026-12-02',
      returnedAt: '2026-12-02',
      channel: 'Trực tiếp',
    });
    expect(records[1]?.receivedAt).toEqual({ date: '2026-12-01', minute: 9 * 60 });
  });

  it('names each malformed row (file, row, reason) and keeps reading the rest', () => {
    const rows = [
      ['Mã hồ sơ', 'Trạng thái', 'Ngày hẹn trả'],
      ['', 'Đang xử lý', '03/12/2026'],
      [`${U}-261201-0001`, 'Không rõ', '03/12/2026'],
      [`${U}-261201-0002`, '4', '31/02/2026'],
      [`${U}-261201-0003`, '4', '03/12/2026'],
      [`${U}-261201-0003`, '9', '03/12/2026'],
    ];
    const { records, problems } = readExportRows('xuat.csv', rows);
    expect(records.map((r) => r.code)).toEqual([`${U}-261201-0003`]);
    expect(problems).toEqual([
      { file: 'xuat.csv', row: 2, reason: 'thiếu mã hồ sơ' },
      { file: 'xuat.csv', row: 3, reason: 'trạng thái “Không rõ” không nhận ra được' },
      { file: 'xuat.csv', row: 4, reason: 'Ngày hẹn trả không đúng dạng ngày (dd/MM/yyyy HH:mm)' },
      { file: 'xuat.csv', row: 6, reason: `mã hồ sơ ${U}-261201-0003 đã có ở dòng 5` },
    ]);
  });

  it('maps every national synchronisation code and its printed name to the same status', () => {
    for (const [code, { name, status }] of Object.entries(NATIONAL_STATUS_CODES)) {
      expect(statusOfExport(code)).toBe(status);
      expect(statusOfExport(name.toUpperCase())).toBe(status);
    }
    expect(statusOfExport('11')).toBeUndefined();
  });

  it('reads an Excel serial as the same civil date as dd/MM/yyyy, for any day', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') }), (n) => {
        const date = fromDayNumber(n);
        const [y, m, d] = date.split('-');
        expect(exportDateTimeOf(n + 25569)).toEqual({ date, minute: 0 });
        expect(exportDateTimeOf(`${d}/${m}/${y} 16:45`)).toEqual({ date, minute: 16 * 60 + 45 });
      }),
    );
  });
});

describe('reconciling the register with the export', () => {
  const reg = (code: string, over: Partial<ReconcileRecord> = {}): ReconcileRecord => ({
    code: `${U}-${code}`,
    status: 'Đang giải quyết',
    appointment: '2026-05-14',
    row: 2,
    ...over,
  });

  it('lists a dossier on one side only, and each differing field with the side to fix', () => {
    const register = [
      reg('260510-0001', { status: 'Đã trả kết quả', resultAt: '2026-05-11', returnedAt: '2026-05-12' }),
      reg('260510-0002'),
      reg('260510-0003', { appointment: '2026-05-15' }),
    ];
    const exported = readExportRows('tinh.csv', [
      ['Mã hồ sơ', 'Trạng thái', 'Ngày hẹn trả', 'Ngày có kết quả', 'Ngày trả kết quả'],
      [`${U}-260510-0001`, 'Đang xử lý', '14/05/2026', '11/05/2026', ''],
      [`${U}-260510-0003`, 'Được tiếp nhận', '14/05/2026', '', ''],
      [`${U}-260510-0004`, 'Được tiếp nhận', '20/05/2026', '', ''],
    ]).records;
    const result = reconcile(register, exported);
    expect(result.onlyInRegister.map((r) => r.code)).toEqual([`${U}-260510-0002`]);
    expect(result.onlyInExport.map((r) => [r.code, r.row])).toEqual([[`${U}-260510-0004`, 4]]);
    expect(result.different.map((d) => [d.code.slice(-4), d.field, d.register, d.export, d.fix])).toEqual([
      ['0001', 'status', 'Đã trả kết quả', 'Đang giải quyết', 'export'],
      ['0001', 'returnedAt', '2026-05-12', null, 'export'],
      ['0003', 'appointment', '2026-05-15', '2026-05-14', 'register'],
    ]);
    expect(result.different[0]?.advice).toBe(
      'đã trả kết quả trong sổ ngày 12/05/2026 nhưng hệ thống tỉnh vẫn “Đang xử lý”: cập nhật trên hệ thống tỉnh để không bị tính trễ hạn',
    );
    expect(result.summary).toMatchObject({ register: 3, export: 3, both: 2, different: 3, finishedInRegisterOpenInExport: 1 });
  });

  it('finds nothing when both sides agree, whatever the order of rows', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 50 }), (numbers) => {
        const register = numbers.map((n) => reg(`260510-${String(n).padStart(4, '0')}`));
        const exported = [...register].reverse().map((r) => ({ ...r, procedureName: '', statusText: '4', applicant: {} }));
        const result = reconcile(register, exported);
        expect(result.onlyInRegister.length + result.onlyInExport.length + result.different.length).toBe(0);
        expect(result.summary.both).toBe(numbers.length);
      }),
    );
  });

  it('matches a code typed in lower case, with an en dash or full-width digits on one side, to the same dossier on the other', () => {
    const register = [reg('260510-0001'), reg('260510-0002')];
    const exported = [
      {
        ...reg('260510\u20130001'),
        code: ` ${U.toLowerCase()}-260510\u20130001`,
        procedureName: '',
        statusText: '4',
        applicant: {},
      },
      { ...reg('260510-0002'), code: `${U}-２６０５１０-0002`, procedureName: '', statusText: '4', applicant: {} },
    ];
    const result = reconcile(register, exported);
    expect([result.onlyInRegister, result.onlyInExport, result.different]).toEqual([[], [], []]);
    expect(result.summary.both).toBe(2);
  });

  it('leaves out a dossier refused at the counter (status 3, “Không được tiếp nhận”): it never entered the register', () => {
    const rows = [
      ['MaHoSo', 'TenTrangThaiHoSo', 'NgayTiepNhan'],
      ['000.17.22.H56-261101-0001', '3', '01/11/2026 08:00'],
      ['000.17.22.H56-261101-0002', 'Không được tiếp nhận', '01/11/2026 08:30'],
      ['000.17.22.H56-261101-0003', 'Đang xử lý', '01/11/2026 09:00'],
    ];
    const read = readExportRows('xuat.csv', rows);
    expect(read.records.map((r) => r.code)).toEqual(['000.17.22.H56-261101-0003']);
    expect(read.notReceived).toEqual([
      { code: '000.17.22.H56-261101-0001', row: 2 },
      { code: '000.17.22.H56-261101-0002', row: 3 },
    ]);
    expect(read.problems).toEqual([]);
    // Nor is it "only on the provincial side" in the reconciliation.
    expect(reconcile([], read.records).onlyInExport.map((r) => r.code)).toEqual(['000.17.22.H56-261101-0003']);
  });
});
