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
      'Đã thêm 1 hồ sơ chỉ có trên hệ thống tỉnh vào sổ (ghi chú “Nhập từ hệ thống tỉnh”). 1 hồ sơ đã có trong sổ được giữ nguyên như cán bộ đã ghi; chọn Đối chiếu với hệ thống tỉnh để xem chỗ khác nhau. 1 dòng không đọc được, không nhập (dòng 4: Ngày tiếp nhận không đúng dạng ngày (dd/MM/yyyy HH:mm)).',
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
        ['MaHoSo', 'TenThuTuc', 'NgayTiepNhan', 'TenTrangThaiHoSo', 'HoTenNguoiNop', 'SoCCCD', 'DiaChi', 'SoDienThoai', 'Email'],
        [
          '000.17.22.H56-260303-0007',
          'Đăng ký khai sinh',
          '03/03/2026 09:10',
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
