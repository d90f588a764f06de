import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../src/core/civil';
import { exportDateTimeOf, NATIONAL_STATUS_CODES, statusOfExport } from '../../src/core/provincialExport';
import { type ExportRecord, type ReconcileRecord, readExportRows, reconcile, unfitForRegister } from '../../src/core/reconcile';

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
      { file: 'xuat.csv', row: 3, reason: 'Trạng thái “Không rõ” không nhận ra được' },
      { file: 'xuat.csv', row: 4, reason: 'Ngày hẹn trả “31/02/2026” không phải ngày dd/MM/yyyy HH:mm (năm 1901–2099)' },
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

describe('an export’s codes, statuses and dates read as intake reads them, never guessed', () => {
  const HEAD = ['MaHoSo', 'TenThuTuc', 'NgayTiepNhan', 'NgayHenTra', 'NgayCoKetQua', 'NgayTra', 'TenTrangThaiHoSo'];
  const row = (code: string | number, over: { status?: string | number; received?: string | number; name?: string } = {}) => [
    code,
    over.name ?? 'Đăng ký khai sinh',
    over.received ?? '01/11/2026 08:00',
    '04/11/2026 17:00',
    '',
    '',
    over.status ?? 'Đang xử lý',
  ];
  const read = (...rows: (string | number)[][]) => readExportRows('xuat.csv', [HEAD, ...rows]);

  it('leaves out status 3 in any numeric form or name it is printed with, never as “Dừng giải quyết”', () => {
    const forms: (string | number)[] = [
      '03',
      '3.0',
      ' 3 ',
      3,
      '003',
      'KHÔNG ĐƯỢC TIẾP NHẬN',
      'Không tiếp nhận',
      'Từ chối tiếp nhận',
    ];
    const r = read(...forms.map((status, i) => row(`${U}-261101-${String(i + 1).padStart(4, '0')}`, { status })));
    expect(r.records).toEqual([]);
    expect(r.notReceived).toHaveLength(forms.length);
    // Other codes keep their meaning in any numeric form.
    expect([statusOfExport('04'), statusOfExport('9.0'), statusOfExport('010')]).toEqual([
      'Đang giải quyết',
      'Đã có kết quả',
      'Đã trả kết quả',
    ]);
  });

  it('stores one clean upper-case code for every spelling of it (case, spaces, dashes, invisible and full-width characters)', () => {
    const spellings = [
      `000.17.22.h56-261101-0001`,
      `000.17.22.H56 - 261101 - 0002`,
      `000.17.22.H56-261101-0003\u200b`,
      `\ufeff000.17.22.H56\u2013261101\u20130004`,
      `０００.17.22.Ｈ56-261101-0005`,
    ];
    const r = read(...spellings.map((c) => row(c)));
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.code)).toEqual([1, 2, 3, 4, 5].map((n) => `${U}-261101-000${n}`));
    // A second spelling of a code already read is the same dossier twice, not a second one.
    expect(read(row(`${U}-261101-0001`), row(`000.17.22.h56-261101-0001 `)).problems).toEqual([
      { file: 'xuat.csv', row: 3, reason: `mã hồ sơ ${U}-261101-0001 đã có ở dòng 2` },
    ]);
  });

  it('compares a register code typed in another spelling with the export’s as one dossier', () => {
    const exported = read(row(`${U}-261101-0001`)).records;
    const register: ReconcileRecord[] = [
      { code: ` ${U.toLowerCase()} - 261101 - 0001`, status: 'Đang giải quyết', appointment: '2026-11-04', row: 2 },
    ];
    const result = reconcile(register, exported);
    expect([result.onlyInRegister, result.onlyInExport, result.summary.both]).toEqual([[], [], 1]);
  });

  it('names a cell that is no dossier code, quoting it (a long one cut short), and reads the rest', () => {
    const long = `${U}-261101-0001${'9'.repeat(5000)}`;
    const r = read(
      row('không phải mã'),
      row(long),
      row(`+${U}-261101-0002`),
      row(`@${U}-261101-0003`),
      row(`${U}-261131-0004`),
      row(`${U}-261101-0000`),
      row('H-261101-0005'),
      row(`${U}-261101-0006`),
    );
    expect(r.records.map((x) => x.code)).toEqual([`${U}-261101-0006`]);
    const form = '<mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975)';
    expect(r.problems.map((p) => [p.row, p.reason])).toEqual([
      [2, `mã hồ sơ “không phải mã” không đúng dạng ${form}`],
      [3, `mã hồ sơ “${long.slice(0, 39)}…” không đúng dạng ${form}`],
      [4, `mã hồ sơ “+${U}-261101-0002” không đúng dạng ${form}`],
      [5, `mã hồ sơ “@${U}-261101-0003” không đúng dạng ${form}`],
      [6, `mã hồ sơ “${U}-261131-0004” có ngày hoặc số thứ tự không có thật (YYMMDD là ngày tiếp nhận, NNNN từ 0001)`],
      [7, `mã hồ sơ “${U}-261101-0000” có ngày hoặc số thứ tự không có thật (YYMMDD là ngày tiếp nhận, NNNN từ 0001)`],
      [8, `mã hồ sơ “H-261101-0005” không đúng dạng ${form}`],
    ]);
  });

  it('reads a serial only as a plausible day, refuses years outside 1901–2099, and quotes each bad date with its column', () => {
    for (const bare of ['2026', 2026, '1', 0, '9999', 9999.5]) expect(exportDateTimeOf(bare)).toBe('invalid');
    for (const out of ['03/12/1800 08:00', '03/12/2150 08:00', '1800-12-03', '3/12/2150', 2958000])
      expect(exportDateTimeOf(out)).toBe('invalid');
    // A five-digit serial, as text or number, is still a day (46357.375 = 01/12/2026 09:00).
    expect(exportDateTimeOf('46357.375')).toEqual({ date: '2026-12-01', minute: 9 * 60 });
    expect(exportDateTimeOf(46357)).toEqual({ date: '2026-12-01', minute: 0 });
    const r = read(row(`${U}-261203-0004`, { received: '2026', status: 'Lạ' }));
    expect(r.problems.map((p) => p.reason)).toEqual([
      'TenTrangThaiHoSo “Lạ” không nhận ra được; NgayTiepNhan “2026” không phải ngày dd/MM/yyyy HH:mm (năm 1901–2099)',
    ]);
    expect(read(row(`${U}-261203-0005`, { received: '31/11/2026 08:00' })).problems[0]?.reason).toContain('“31/11/2026 08:00”');
  });

  it('names a cell longer than a Google Sheets cell holds as one bad row, and reads the others', () => {
    const r = read(row(`${U}-261101-0001`, { name: 'A'.repeat(50_001) }), row(`${U}-261101-0002`));
    expect(r.records.map((x) => x.code)).toEqual([`${U}-261101-0002`]);
    expect(r.problems).toEqual([
      { file: 'xuat.csv', row: 2, reason: 'ô “TenThuTuc” dài 50.001 ký tự, quá 50.000 ký tự một ô của Google Sheets' },
    ]);
  });

  it('knows a MotCua register given as the export (the files swapped)', () => {
    const register = [
      ['STT', 'Mã hồ sơ', 'Tên thủ tục', 'Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Hạn trả mới', 'Trạng thái', 'Cảnh báo'],
    ];
    expect(readExportRows('so.xlsx', register)).toMatchObject({ looksLikeRegister: true, records: [] });
    // An export may name who handles the dossier and why it is late: still an export.
    const export_ = [['MaHoSo', 'TrangThaiHoSo', 'Cán bộ xử lý', 'Lý do chậm', 'Mức độ hài lòng']];
    expect(readExportRows('xuat.csv', export_).looksLikeRegister).toBe(false);
    expect(read(row(`${U}-261101-0001`)).looksLikeRegister).toBe(false);
  });
});

describe('what the register cannot hold is named before import', () => {
  const base = {
    code: `${U}-260303-0001`,
    row: 2,
    procedureName: 'x',
    statusText: 'Đang xử lý',
    applicant: {},
    status: 'Đang giải quyết' as const,
    receivedAt: { date: '2026-03-03', minute: 510 },
    appointment: '2026-03-06',
  };

  it('refuses a returned dossier without its dates, a row without receipt or appointment, an appointment before receipt', () => {
    expect(unfitForRegister(base)).toBeUndefined();
    expect(unfitForRegister({ ...base, status: 'Đã trả kết quả', statusText: '10' })).toBe(
      'sổ không ghi được hồ sơ này: trạng thái “Đã trả kết quả” nhưng thiếu ngày trả kết quả',
    );
    const { receivedAt: _r, appointment: _a, ...bare } = base;
    expect(unfitForRegister(bare)).toBe('sổ không ghi được hồ sơ này: thiếu ngày tiếp nhận; thiếu ngày hẹn trả');
    expect(unfitForRegister({ ...base, appointment: '2026-03-02' })).toBe(
      'sổ không ghi được hồ sơ này: ngày hẹn trả 02/03/2026 trước ngày tiếp nhận 03/03/2026',
    );
    expect(unfitForRegister({ ...base, status: 'Đã có kết quả', statusText: '9' })).toBe(
      'sổ không ghi được hồ sơ này: trạng thái “Đã xử lý xong” nhưng thiếu ngày có kết quả',
    );
  });
});

describe('which side a status difference is to be fixed on', () => {
  const mine: ReconcileRecord = {
    code: `${U}-261101-0001`,
    status: 'Đã trả kết quả',
    resultAt: '2026-11-03',
    returnedAt: '2026-11-04',
    row: 2,
  };
  const theirs = (statusText: string, status: ExportRecord['status']): ExportRecord => ({
    code: `${U}-261101-0001`,
    status,
    statusText,
    resultAt: '2026-11-03',
    returnedAt: '2026-11-04',
    procedureName: 'x',
    applicant: {},
    row: 2,
  });

  it('advises updating the province when the register is further along, naming a bare national code', () => {
    const nine = reconcile([mine], [theirs('9', 'Đã có kết quả')]).different.find((d) => d.field === 'status');
    expect(nine).toMatchObject({
      fix: 'export',
      advice: 'đã trả kết quả trong sổ ngày 04/11/2026 nhưng hệ thống tỉnh vẫn “Đã xử lý xong”: cập nhật trên hệ thống tỉnh',
    });
    const eight = reconcile([mine], [theirs('08', 'Dừng giải quyết')]).different.find((d) => d.field === 'status');
    expect(eight).toMatchObject({ fix: 'export' });
    expect(eight?.advice).toContain('“Dừng xử lý”');
  });

  it('advises updating the register when the province is further along, naming the national status', () => {
    const open: ReconcileRecord = { code: mine.code, status: 'Đang giải quyết', row: 2 };
    const d = reconcile([open], [theirs('10', 'Đã trả kết quả')]).different.find((x) => x.field === 'status');
    expect(d).toMatchObject({
      fix: 'register',
      advice:
        'hệ thống tỉnh ghi “Đã trả kết quả”, sổ ghi “Đang giải quyết”: cập nhật sổ theo hệ thống tỉnh (hệ thống tỉnh là bản gốc)',
    });
  });
});
