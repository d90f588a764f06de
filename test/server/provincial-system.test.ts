/**
 * Beside the provincial system, in the workbook: the export brought into the tab `Xuất từ hệ thống
 * tỉnh`, `Nhập từ hệ thống tỉnh` adding what the register lacks (never over an officer's row, nothing
 * twice) and `Đối chiếu với hệ thống tỉnh` listing what differs, with what to do.
 */
import { importFromProvince, reconcileWithProvince, EXPORT_TAB, RECONCILIATION_TAB } from '../../src/server/provincialSheet';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { MENU_ITEMS } from '../../src/server/menu';
import { checkData } from '../../src/server/consistency';
import { closeYear } from '../../src/server/yearEnd';
import { TABS, REGISTER_COLUMNS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';
import { setConfig } from './registerFixture';
import { KEEP_ID_AND_ADDRESS } from '../../src/sheets/schema';

const HEADER = [
  'STT',
  'MaHoSo',
  'TenThuTuc',
  'NgayTiepNhan',
  'NgayHenTra',
  'NgayCoKetQua',
  'NgayTra',
  'TenTrangThaiHoSo',
  'HinhThucNop',
];

/** A unit with one dossier received and returned on 2/3/2026, and the province's export in its tab. */
function unitWithExport(rows: (string | number | Date)[][]) {
  const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
  const taken = unit.run((s) => submitIntake(s, intakeInput({ procedureCode: '1.003583', receivedAt: '2026-03-02T08:30' })));
  if (!taken.ok) throw new Error(JSON.stringify(taken));
  for (const action of ['record-result', 'hand-over'])
    unit.run((s) =>
      submitUpdate(s, { requestId: `p-${action}`, code: taken.code, at: '2026-03-02T15:00', action, satisfaction: 'Hài lòng' }),
    );
  unit.run((_s, ss) => {
    const tab = ss.insertSheet(EXPORT_TAB);
    const all = [HEADER, ...rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace('{code}', taken.code) : v)))];
    tab.getRange(1, 1, all.length, HEADER.length).setValues(all);
  });
  const register = () =>
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      return sheet.getRange(2, 1, sheet.getLastRow() - 1, REGISTER_COLUMNS.length).getDisplayValues();
    });
  return { ...unit, code: taken.code, register };
}
const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h);

describe('the provincial system’s export in the workbook', () => {
  it('puts both actions in the Một cửa menu', () => {
    expect(MENU_ITEMS.map((i) => i.caption)).toEqual(
      expect.arrayContaining(['Nhập từ hệ thống tỉnh', 'Đối chiếu với hệ thống tỉnh']),
    );
  });

  it('says how to bring the export in when its tab is missing, and writes nothing', () => {
    const unit = readyUnit();
    expect(() => unit.run((s) => importFromProvince(s))).toThrow(
      `Chưa có trang “${EXPORT_TAB}”: tải tệp xuất của hệ thống tỉnh về, chọn Tệp › Nhập › Chèn trang tính mới, rồi đổi tên trang thành “${EXPORT_TAB}”.`,
    );
  });

  it('adds only the dossier the register lacks, marked imported, keeps the officer’s row, and adds nothing the second time', () => {
    const unit = unitWithExport([
      [1, '{code}', 'Cấp bản sao trích lục hộ tịch', '02/03/2026 08:30', '02/03/2026 17:00', '', '', 'Đang xử lý', 'Trực tiếp'],
      // Sheets read the date the officer imported as a date cell: its wall time counts, in any zone.
      [
        2,
        '000.17.22.H56-260303-0007',
        'Đăng ký khai sinh',
        new Date('2026-03-03T02:10:00Z'),
        '06/03/2026 17:00',
        '',
        '',
        '4',
        'Trực tuyến',
      ],
      [3, 'không phải mã', 'x', 'hôm qua', '', '', '', 'Đang xử lý', ''],
    ]);
    const before = unit.register()[0]!;
    const message = unit.run((s) => importFromProvince(s));
    expect(message).toBe(
      'Đã thêm 1 hồ sơ chỉ có trên hệ thống tỉnh vào sổ (ghi chú “Nhập từ hệ thống tỉnh”). 1 hồ sơ đã có trong sổ được giữ nguyên như cán bộ đã ghi; chọn Đối chiếu với hệ thống tỉnh để xem chỗ khác nhau. 1 dòng không đọc được, không nhập (dòng 4: mã hồ sơ “không phải mã” không đúng dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975)).',
    );
    const rows = unit.register();
    expect(rows[0]).toEqual(before);
    const added = rows[1]!;
    expect([
      added[col('Mã hồ sơ')],
      added[col('Thời điểm tiếp nhận')],
      added[col('Hạn trả kết quả')],
      added[col('Trạng thái')],
    ]).toEqual(['000.17.22.H56-260303-0007', '03/03/2026 09:10', '06/03/2026 17:00', 'Đang giải quyết']);
    expect(added[col('Ghi chú')]).toBe(`Nhập từ hệ thống tỉnh: trang “${EXPORT_TAB}”, dòng 3`);
    // The catalogue names the procedure as the export does: its code and field are filled in.
    expect([added[col('Mã TTHC')], added[col('Lĩnh vực')]]).toEqual(['1.001193', 'Hộ tịch']);
    expect(unit.run((s) => importFromProvince(s))).toMatch(/^Không có hồ sơ nào mới để thêm\. 2 hồ sơ đã có trong sổ/);
    expect(unit.register()).toHaveLength(2);
  });

  it('lists a dossier returned in the register but still open in the province, with what to do, in its own tab only', () => {
    const unit = unitWithExport([
      [1, '{code}', 'Cấp bản sao trích lục hộ tịch', '02/03/2026 08:30', '02/03/2026 17:00', '', '', 'Đang xử lý', 'Trực tiếp'],
      [
        2,
        '000.17.22.H56-260303-0007',
        'Đăng ký khai sinh',
        '03/03/2026 09:10',
        '06/03/2026 17:00',
        '',
        '',
        'Đang xử lý',
        'Trực tuyến',
      ],
    ]);
    const before = unit.register();
    const message = unit.run((s) => reconcileWithProvince(s));
    expect(message).toBe(
      `Đối chiếu xong (trang “${RECONCILIATION_TAB}”): 0 hồ sơ chỉ có trong sổ, 1 chỉ có trên hệ thống tỉnh, ${message.match(/, (\d+) chỗ khác nhau/)![1]} chỗ khác nhau (1 hồ sơ đã xong trong sổ nhưng hệ thống tỉnh còn mở: cập nhật trên hệ thống tỉnh để không bị tính trễ hạn).`,
    );
    const lines = unit.run((_s, ss) =>
      ss
        .getSheetByName(RECONCILIATION_TAB)!
        .getDataRange()
        .getValues()
        .map((r) => String(r[0])),
    );
    expect(
      lines.some((l) => l.startsWith(`${unit.code}: trạng thái khác nhau (sổ: Đã trả kết quả; hệ thống tỉnh: Đang giải quyết)`)),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('000.17.22.H56-260303-0007 (tệp xuất, dòng 3)'))).toBe(true);
    expect(unit.register()).toEqual(before);
  });
});

describe('the applicant’s columns of the export', () => {
  const exportWithApplicant = (keep: 'Có' | 'Không') => {
    const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
    setConfig(unit.run, { [KEEP_ID_AND_ADDRESS]: keep });
    unit.run((_s, ss) => {
      const rows = [
        [
          'MaHoSo',
          'TenThuTuc',
          'NgayTiepNhan',
          'NgayHenTra',
          'TenTrangThaiHoSo',
          'HoTenNguoiNop',
          'SoCCCD',
          'DiaChi',
          'SoDienThoai',
          'Email',
        ],
        [
          '000.17.22.H56-260303-0007',
          'Đăng ký khai sinh',
          '03/03/2026 09:10',
          '06/03/2026 17:00',
          '4',
          'Nguyễn Thị Hoa',
          '026190001234',
          'Thôn Đông, xã Yên Lạc',
          '0912345678',
          '=HYPERLINK("http://x")',
        ],
      ];
      const tab = ss.insertSheet(EXPORT_TAB);
      tab.getRange(1, 1, rows.length, rows[0]!.length).setNumberFormat('@').setValues(rows);
    });
    unit.run((s) => importFromProvince(s));
    return unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const row = sheet.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues()[0]!;
      return (['Người nộp', 'Số giấy tờ tùy thân', 'Địa chỉ', 'Điện thoại', 'Email'] as const).map((h) => row[col(h)]);
    });
  };

  it('brings the applicant’s name, phone and e-mail with the dossier (typed once, in the province), a formula as text', () => {
    expect(exportWithApplicant('Có')).toEqual([
      'Nguyễn Thị Hoa',
      '026190001234',
      'Thôn Đông, xã Yên Lạc',
      '0912345678',
      '=HYPERLINK("http://x")',
    ]);
  });

  it('leaves the ID number and the address out when Cấu hình keeps neither', () => {
    expect(exportWithApplicant('Không')).toEqual(['Nguyễn Thị Hoa', '', '', '0912345678', '=HYPERLINK("http://x")']);
  });
});

describe('imported dossiers and Kiểm tra dữ liệu', () => {
  it('finds nothing wrong with dossiers imported from the provincial export (their numbers are the province’s)', () => {
    const unit = unitWithExport([
      [
        1,
        '000.17.22.H56-260303-0007',
        'Đăng ký khai sinh',
        '03/03/2026 09:10',
        '06/03/2026 17:00',
        '',
        '',
        'Đang xử lý',
        'Trực tuyến',
      ],
      [
        2,
        '000.17.22.H56-260304-0975',
        'Đăng ký khai tử',
        '04/03/2026 10:00',
        '09/03/2026 17:00',
        '',
        '',
        'Đã tiếp nhận',
        'Trực tiếp',
      ],
    ]);
    unit.run((s) => importFromProvince(s));
    const found = unit.run((s) => checkData(s));
    expect(JSON.stringify(found)).not.toMatch(/260303-0007|260304-0975/);
  });
});

describe('Nhập từ hệ thống tỉnh: one dossier per code, in its year, as the register holds it', () => {
  const HEAD = [
    'MaHoSo',
    'TenThuTuc',
    'NgayTiepNhan',
    'NgayHenTra',
    'NgayCoKetQua',
    'NgayTra',
    'TenTrangThaiHoSo',
    'HinhThucNop',
  ];
  type Unit = ReturnType<typeof readyUnit>;
  const putExport = (unit: Unit, rows: (string | number)[][]) =>
    unit.run((_s, ss) => {
      const old = ss.getSheetByName(EXPORT_TAB);
      if (old) ss.deleteSheet(old);
      const all = [HEAD, ...rows];
      ss.insertSheet(EXPORT_TAB).getRange(1, 1, all.length, HEAD.length).setNumberFormat('@').setValues(all);
    });
  const registerOf = (unit: Unit) =>
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      return sheet.getLastRow() < 2
        ? []
        : sheet.getRange(2, 1, sheet.getLastRow() - 1, REGISTER_COLUMNS.length).getDisplayValues();
    });
  const receive = (unit: Unit, at: string, finish = false): string => {
    const r = unit.run((s) => submitIntake(s, intakeInput({ procedureCode: '1.003583', receivedAt: at })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    if (finish)
      for (const action of ['record-result', 'hand-over'])
        unit.run((s) =>
          submitUpdate(s, {
            requestId: `f-${action}-${at.replace(/\D/g, '')}`,
            code: r.code,
            at: `${at.slice(0, 10)}T15:00`,
            action,
            satisfaction: 'Hài lòng',
          }),
        );
    return r.code;
  };
  const line = (
    code: string,
    over: Partial<Record<'received' | 'due' | 'result' | 'returned' | 'status' | 'name', string>> = {},
  ) => [
    code,
    over.name ?? 'Cấp bản sao trích lục hộ tịch',
    over.received ?? '03/03/2026 08:30',
    over.due ?? '06/03/2026 17:00',
    over.result ?? '',
    over.returned ?? '',
    over.status ?? 'Đang xử lý',
    'Trực tiếp',
  ];

  it('does not add again a dossier the export spells otherwise (lower case, spaces, invisible character), and writes a new one’s code clean', () => {
    const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
    const code = receive(unit, '2026-03-02T08:30');
    putExport(unit, [
      line(code.toLowerCase(), { received: '02/03/2026 08:30' }),
      line(`${code.slice(0, -5)} - ${code.slice(-4)}\u200b`, { received: '02/03/2026 08:30' }),
      line('000.17.22.h56 - 260303 - 0007\u200b'),
    ]);
    const message = unit.run((s) => importFromProvince(s));
    expect(message).toMatch(/^Đã thêm 1 hồ sơ .* 1 hồ sơ đã có trong sổ được giữ nguyên/);
    expect(message).toContain(`dòng 3: mã hồ sơ ${code} đã có ở dòng 2`);
    expect(registerOf(unit).map((r) => r[col('Mã hồ sơ')])).toEqual([code, '000.17.22.H56-260303-0007']);
  });

  it('does not bring back a dossier closed into Lưu trữ 2025, and refuses a new one received in the closed year', () => {
    const HEAD_EMAIL = 'truong@yenlac.gov.vn';
    const unit = readyUnit(new Date('2025-12-30T02:00:00Z'));
    setConfig(unit.run, { 'Email thủ trưởng': HEAD_EMAIL });
    unit.book.editors.push(HEAD_EMAIL);
    const code = receive(unit, '2025-12-29T08:30', true);
    unit.world.clock.set(new Date('2026-01-05T02:00:00Z'));
    unit.world.ui.answers.push('YES');
    unit.world.run({ user: HEAD_EMAIL, spreadsheetId: unit.book.id }, (s) => closeYear(s, 2025));
    expect(registerOf(unit)).toHaveLength(0);
    putExport(unit, [
      line(code, {
        received: '29/12/2025 08:30',
        due: '07/01/2026 17:00',
        result: '29/12/2025',
        returned: '29/12/2025',
        status: 'Đã trả kết quả',
      }),
      line('000.17.22.H56-251230-0002', { received: '30/12/2025 09:00', due: '05/01/2026 17:00' }),
    ]);
    const message = unit.run((s) => importFromProvince(s));
    expect(message).toBe(
      'Không có hồ sơ nào mới để thêm. 1 hồ sơ đã được lưu trữ khi khóa sổ cuối năm (trang Lưu trữ), không nhập lại. 1 dòng không đọc được, không nhập (dòng 3: tiếp nhận ngày 30/12/2025, thuộc năm 2025 mà sổ năm 2025 đã khóa (trang “Lưu trữ 2025”): không thêm hồ sơ của năm đã khóa sổ).',
    );
    expect(registerOf(unit)).toHaveLength(0);
  });

  it('numbers an imported dossier in its year of receipt, as intake would, after the open dossiers of the year before', () => {
    const unit = readyUnit(new Date('2025-12-30T02:00:00Z'));
    receive(unit, '2025-12-29T08:30');
    receive(unit, '2025-12-29T09:30');
    unit.world.clock.set(new Date('2026-01-05T02:00:00Z'));
    putExport(unit, [
      line('000.17.22.H56-260105-0001', { received: '05/01/2026 08:30', due: '06/01/2026 17:00' }),
      line('000.17.22.H56-251231-0009', { received: '31/12/2025 08:30', due: '06/01/2026 17:00' }),
      line('000.17.22.H56-260105-0002', { received: '05/01/2026 09:30', due: '06/01/2026 17:00' }),
    ]);
    unit.run((s) => importFromProvince(s));
    expect(registerOf(unit).map((r) => [(r[col('Mã hồ sơ')] ?? '').slice(-11), r[col('STT')]])).toEqual([
      [expect.stringMatching(/^251229-000/), '1'],
      [expect.stringMatching(/^251229-000/), '2'],
      ['260105-0001', '1'],
      ['251231-0009', '3'],
      ['260105-0002', '2'],
    ]);
    // The next dossier received at the counter in 2026 takes the number after them, never one again.
    const next = unit.run((s) => submitIntake(s, intakeInput({ procedureCode: '1.003583', receivedAt: '2026-01-05T08:45' })));
    expect(next).toMatchObject({ ok: true, registerNumber: 3 });
  });

  it('keeps the export’s appointment hour, and 17:00 for a day given alone', () => {
    const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
    putExport(unit, [
      line('000.17.22.H56-260303-0001', { due: '03/03/2026 10:00' }),
      line('000.17.22.H56-260303-0002', { due: '04/03/2026' }),
    ]);
    unit.run((s) => importFromProvince(s));
    expect(registerOf(unit).map((r) => r[col('Hạn trả kết quả')])).toEqual(['03/03/2026 10:00', '04/03/2026 17:00']);
  });

  it('refuses, row by row, a dossier the register cannot hold, and what it adds passes Kiểm tra dữ liệu', () => {
    const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
    putExport(unit, [
      line('000.17.22.H56-260303-0001', { status: 'Đã trả kết quả' }),
      line('000.17.22.H56-260303-0002', { received: '', due: '' }),
      line('000.17.22.H56-260303-0003', { due: '02/03/2026 17:00' }),
      line('000.17.22.H56-260303-0004', { result: '04/03/2026', returned: '04/03/2026', status: '10' }),
    ]);
    const message = unit.run((s) => importFromProvince(s));
    expect(message).toBe(
      'Đã thêm 1 hồ sơ chỉ có trên hệ thống tỉnh vào sổ (ghi chú “Nhập từ hệ thống tỉnh”). 3 dòng không đọc được, không nhập (' +
        'dòng 2: sổ không ghi được hồ sơ này: trạng thái “Đã trả kết quả” nhưng thiếu ngày trả kết quả; ' +
        'dòng 3: sổ không ghi được hồ sơ này: thiếu ngày tiếp nhận; thiếu ngày hẹn trả; ' +
        'dòng 4: sổ không ghi được hồ sơ này: ngày hẹn trả 02/03/2026 trước ngày tiếp nhận 03/03/2026).',
    );
    expect(registerOf(unit).map((r) => r[col('Mã hồ sơ')])).toEqual(['000.17.22.H56-260303-0004']);
    expect(JSON.stringify(unit.run((s) => checkData(s)))).not.toMatch(/260303-000/);
  });

  it('refuses a MotCua register pasted into the export’s tab, saying the files look swapped', () => {
    const unit = readyUnit(new Date('2026-03-05T03:00:00Z'));
    receive(unit, '2026-03-02T08:30');
    unit.run((_s, ss) => {
      const values = ss.getSheetByName(TABS.register)!.getDataRange().getDisplayValues();
      const tab = ss.insertSheet(EXPORT_TAB);
      const width = values[0]!.length;
      if (width > tab.getMaxColumns()) tab.insertColumnsAfter(tab.getMaxColumns(), width - tab.getMaxColumns());
      tab.getRange(1, 1, values.length, width).setValues(values);
    });
    const swapped = `Trang “${EXPORT_TAB}” là một sổ MotCua (có cột Hạn trả mới, Cảnh báo…), không phải tệp xuất của hệ thống tỉnh: có lẽ hai tệp bị đổi chỗ hoặc dán nhầm sổ. Hãy dùng tệp xuất tải từ hệ thống tỉnh.`;
    expect(() => unit.run((s) => importFromProvince(s))).toThrow(swapped);
    expect(() => unit.run((s) => reconcileWithProvince(s))).toThrow(swapped);
    expect(registerOf(unit)).toHaveLength(1);
  });
});

describe('Đối chiếu với hệ thống tỉnh: which side to fix', () => {
  it('never advises undoing a hand-over the province has not recorded yet (“Đã xử lý xong”, 9): the province is updated', () => {
    const unit = unitWithExport([
      [1, '{code}', 'Cấp bản sao trích lục hộ tịch', '02/03/2026 08:30', '02/03/2026 17:00', '02/03/2026', '', '9', 'Trực tiếp'],
    ]);
    unit.run((s) => reconcileWithProvince(s));
    const lines = unit.run((_s, ss) =>
      ss
        .getSheetByName(RECONCILIATION_TAB)!
        .getDataRange()
        .getValues()
        .map((r) => String(r[0])),
    );
    expect(lines.filter((l) => l.includes('cập nhật sổ theo hệ thống tỉnh'))).toEqual([]);
    expect(lines).toContain(
      `${unit.code}: trạng thái khác nhau (sổ: Đã trả kết quả; hệ thống tỉnh: Đã có kết quả) — đã trả kết quả trong sổ ngày 02/03/2026 nhưng hệ thống tỉnh vẫn “Đã xử lý xong”: cập nhật trên hệ thống tỉnh.`,
    );
  });
});
