/**
 * `Chia sẻ cho HĐND`: who may share, what never reaches the council (a row quoted by hand), and a copy
 * never made twice when Google times out.
 */
import { buildSummary } from '../../src/server/summary/build';
import { shareWithCouncil } from '../../src/server/summary/council';
import { TABS } from '../../src/sheets/schema';
import { failOnce, readyUnit, registerColumn as col } from '../helpers';
import { fillRegister, setConfig } from './registerFixture';

const vn = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+07:00`);
const PERIOD = { from: '2026-02-15', to: '2026-03-14' };
const councilCopies = (world: ReturnType<typeof readyUnit>['world']) =>
  [...world.spreadsheets.values()].filter((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
const dump = (x: unknown) =>
  JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v));

describe('the council copy, shared by whom and holding what', () => {
  it('the head named with a deputy in Email thủ trưởng (as the warnings allow) may share with the council', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
    setConfig(unit.run, {
      'Email thủ trưởng': 'canbo@example.gov.vn, phochutich@example.gov.vn',
      'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn',
    });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    expect(() => unit.run((s) => shareWithCouncil(s))).not.toThrow();
  });

  it('the council copy holds no quoted row when the data-quality heading was retyped by hand', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) =>
      fillRegister(ss, 'UBND xã Yên Lạc', 5, (row, i) => {
        if (i === 4) row[col('Trạng thái') - 1] = 'Nguyễn Thị Bí Mật 0912345678';
      }),
    );
    setConfig(unit.run, { 'Email thủ trưởng': 'canbo@example.gov.vn', 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    // Someone numbers the sections of the report before printing it: "V. Chất lượng dữ liệu…".
    unit.run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.summary)!;
      const values = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
      const at = values.findIndex((r) => String(r[0]).startsWith('Chất lượng dữ liệu'));
      sheet.getRange(at + 1, 1).setValue(`V. ${String(values[at]![0])}`);
    });
    // Fail closed: the report is made again before it goes to the council; nothing is shared meanwhile.
    expect(() => unit.run((s) => shareWithCouncil(s))).toThrow('đã bị sửa tay (không thấy phần Chất lượng dữ liệu)');
    const text = dump(councilCopies(unit.world));
    expect({ name: text.includes('Bí Mật'), phone: text.includes('0912345678') }).toEqual({ name: false, phone: false });
  });

  it('a Google timeout opening the council copy does not make a second copy shared with the council', () => {
    const unit = readyUnit(vn('2026-03-20', '09:00'));
    unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
    setConfig(unit.run, { 'Email thủ trưởng': 'canbo@example.gov.vn', 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
    unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    unit.run((s) => shareWithCouncil(s));
    failOnce(unit.world, 'SpreadsheetApp.openById');
    try {
      unit.run((s) => shareWithCouncil(s));
    } catch {
      // refusing is fine; making another copy is not
    }
    expect(councilCopies(unit.world)).toHaveLength(1);
  });

  describe('shared by the head, then by the deputy', () => {
    const DEPUTY = 'phochutich@example.gov.vn';
    function twoHeads() {
      const unit = readyUnit(vn('2026-03-20', '09:00'));
      unit.book.editors.push(DEPUTY);
      unit.run((_s, ss) => fillRegister(ss, 'UBND xã Yên Lạc', 5));
      setConfig(unit.run, {
        'Email thủ trưởng': `canbo@example.gov.vn, ${DEPUTY}`,
        'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn, daibieu2@hdnd.vn',
      });
      unit.run((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
      const deputyShares = () => unit.world.run({ user: DEPUTY, spreadsheetId: unit.book.id }, (s) => shareWithCouncil(s));
      return { unit, deputyShares };
    }

    it('the deputy refreshes the head’s copy: one copy, and a council member taken off Cấu hình loses their view', () => {
      const { unit, deputyShares } = twoHeads();
      unit.run((s) => shareWithCouncil(s));
      setConfig(unit.run, { 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
      expect(deputyShares()).toMatch(/^Đã cập nhật bản chỉ xem cho HĐND lúc .*Đã bỏ quyền xem của daibieu2@hdnd\.vn\.$/);
      expect(councilCopies(unit.world).map((c) => ({ owner: c.owner, editors: c.editors, viewers: c.viewers }))).toEqual([
        { owner: 'canbo@example.gov.vn', editors: ['canbo@example.gov.vn', DEPUTY], viewers: ['daibieu1@hdnd.vn'] },
      ]);
    });

    it('a new head, the one who made the copy no longer listed, gets a new copy and is told to ask the old head to unshare the old one', () => {
      const { unit } = twoHeads();
      unit.run((s) => shareWithCouncil(s));
      councilCopies(unit.world)[0]!.editors.length = 0;
      setConfig(unit.run, { 'Email thủ trưởng': DEPUTY });
      expect(unit.world.run({ user: DEPUTY, spreadsheetId: unit.book.id }, (s) => shareWithCouncil(s))).toMatch(
        /^Bản chỉ xem trước không còn mở được \(đã bị xóa hoặc bạn không còn quyền\), nên MotCua tạo bản mới\. Hãy nhờ canbo@example\.gov\.vn \(người tạo bản trước\) thôi chia sẻ bản đó với HĐND\. Đã tạo/,
      );
      expect(councilCopies(unit.world)).toHaveLength(2);
    });

    it('a deputy who is also on the council becomes an editor of the copy, so their share refreshes it', () => {
      const { unit, deputyShares } = twoHeads();
      setConfig(unit.run, { 'Email HĐND (bản chỉ xem)': `daibieu1@hdnd.vn, ${DEPUTY}` });
      unit.run((s) => shareWithCouncil(s));
      expect(councilCopies(unit.world)[0]!.editors).toContain(DEPUTY);
      expect(deputyShares()).toMatch(/^Đã cập nhật bản chỉ xem/);
      expect(councilCopies(unit.world)).toHaveLength(1);
    });

    it('a deputy who cannot open the head’s copy (shared before deputies were added) is refused: no second copy', () => {
      const { unit, deputyShares } = twoHeads();
      unit.run((s) => shareWithCouncil(s));
      councilCopies(unit.world)[0]!.editors.length = 0; // as a copy made by an earlier version
      expect(() => deputyShares()).toThrow(
        'Bản chỉ xem cho HĐND do canbo@example.gov.vn tạo, và bạn chưa được sửa bản đó; MotCua không tạo bản thứ hai (HĐND sẽ có một bản không còn được cập nhật). Hãy nhờ canbo@example.gov.vn chia sẻ lại một lần: MotCua sẽ thêm các thủ trưởng khác làm người sửa bản đó. Chưa có gì thay đổi.',
      );
      expect(councilCopies(unit.world)).toHaveLength(1);
      unit.run((s) => shareWithCouncil(s));
      expect(deputyShares()).toMatch(/^Đã cập nhật bản chỉ xem/);
    });
  });
});

const OWNER = 'canbo@example.gov.vn';

describe('the council copy carries no free text about an applicant', () => {
  describe('the council copy carries no free text an officer typed about an applicant', () => {
    it('a delay reason naming the applicant (`Lý do chậm`) reaches the council as a count, not as its text', () => {
      const unit = readyUnit(new Date('2026-03-20T09:00:00+07:00'));
      const reason = (i: number) => `Chờ bà Công Dân Bí Mật ${i} (CCCD 001099012345, 0987111222) bổ sung sổ hộ khẩu`;
      unit.run((_s, ss) =>
        fillRegister(ss, 'UBND xã Yên Lạc', 4, (row, i) => {
          if (i > 1) return;
          row[col('Trạng thái') - 1] = 'Đã trả kết quả';
          row[col('Ngày có kết quả') - 1] = new Date('2026-03-10T00:00:00+07:00');
          row[col('Ngày trả kết quả') - 1] = new Date('2026-03-10T00:00:00+07:00');
          row[col('Lý do chậm') - 1] = reason(i);
        }),
      );
      setConfig(unit.run, { 'Email thủ trưởng': OWNER, 'Email HĐND (bản chỉ xem)': 'daibieu1@hdnd.vn' });
      unit.run((s) => buildSummary(s, { from: '2026-02-15', to: '2026-03-14', scope: 'this' }));
      unit.run((s) => shareWithCouncil(s));
      const copy = [...unit.world.spreadsheets.values()].find((b) => b.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'))!;
      const cells = copy.sheets.flatMap((s) => s.rows.flat().map((v) => String(v ?? '')));
      // The reasons are in the unit's own report, where the register's readers already see them…
      expect(
        unit.run((_s, ss) =>
          ss
            .getSheetByName(TABS.summary)!
            .getDataRange()
            .getValues()
            .flat()
            .filter((v) => v === reason(0)),
        ),
      ).toHaveLength(1);
      // …but not in the council's copy: neither the name, nor the ID number, nor the phone.
      for (const secret of ['Công Dân Bí Mật', '001099012345', '0987111222'])
        expect(cells.filter((c) => c.includes(secret))).toEqual([]);
      // What the council still learns: two late dossiers, each with its own reason, counted.
      const header = cells.indexOf('Lý do chậm');
      expect(header).toBeGreaterThan(0);
      expect(cells.filter((c) => /^Lý do \d+ \(ghi tay/.test(c))).toHaveLength(2);
    });
  });
});
