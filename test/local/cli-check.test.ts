/**
 * `check FILE` (design.md §8) on a workbook with its log, catalogue and calendar: the menu's consistency
 * rules, by row. The command line runs in-process (run.ts, as main.ts runs it), the first case as the
 * real process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveXlsx } from '../../src/local/gas/xlsx';
import { checkCommand } from '../../src/local/cli/summary';
import { submitIntake } from '../../src/server/intake';
import { submitUpdate } from '../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit } from '../helpers';
import { runCli, runCommand, SLOW } from './runCli';
import { closeYear } from '../../src/server/yearEnd';
import { setConfig } from '../server/registerFixture';

const dir = mkdtempSync(join(tmpdir(), 'motcua-check-'));
const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;

/** Two dossiers received on 29/04/2026 (7 working days, across 30/4–1/5: due 12/05), one transferred. */
async function workbook(
  name: string,
  edit?: (unit: ReturnType<typeof readyUnit>) => void,
): Promise<{ path: string; codes: string[] }> {
  const unit = readyUnit(new Date('2026-04-29T03:00:00Z'));
  const codes = ['2026-04-29T08:00', '2026-04-29T09:00'].map((receivedAt) => {
    const r = unit.run((s) => submitIntake(s, intakeInput({ receivedAt })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.code;
  });
  const moved = unit.run((s) =>
    submitUpdate(s, { requestId: 'cli-check-0001', code: codes[0], action: 'transfer', at: '2026-04-29T09:30' }),
  );
  if (!moved.ok) throw new Error(JSON.stringify(moved));
  edit?.(unit);
  const path = join(dir, name);
  await saveXlsx(unit.world.spreadsheets.get(unit.book.id)!, path);
  return { path, codes };
}

describe('check FILE.xlsx', () => {
  it(
    'finds nothing in a register kept through the forms, and lists each hand edit by row with its reason, exit code 1',
    async () => {
      const clean = await workbook('sach.xlsx');
      expect(await runCli(['check', clean.path])).toEqual({
        code: 0,
        stdout: `${clean.path}: 2 dòng hồ sơ, không có dòng lỗi.\n`,
        stderr: '',
      });

      const edited = await workbook('sua-tay.xlsx', (unit) =>
        unit.run((_s, ss) => {
          const reg = ss.getSheetByName(TABS.register)!;
          reg.getRange(2, col('Trạng thái')).setValue('Đã tiếp nhận');
          reg.getRange(3, col('Hạn trả kết quả')).setValue('13/05/2026 17:00');
          reg.getRange(4, 1, 1, 2).setValues([[3, '000.17.22.H56-260429-0004']]);
          reg.getRange(4, col('Thời điểm tiếp nhận'), 1, 2).setValues([['29/04/2026 10:00', '12/05/2026 17:00']]);
          reg.getRange(4, col('Trạng thái')).setValue('Đã tiếp nhận');
        }),
      );
      const [a, b] = edited.codes;
      const r = await runCommand(['check', edited.path]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        `${edited.path}: 3 dòng lỗi trên 3 dòng hồ sơ.`,
        `${edited.path}, dòng 2 (mã ${a}): Khác với bước cuối trong Nhật ký xử lý (“Chuyển xử lý” lúc 29/04/2026 09:30): Trạng thái là Đã tiếp nhận, nhật ký ghi Đang giải quyết. Cách xử lý: Nếu ô đã bị sửa tay, trả lại giá trị nhật ký ghi; nếu việc đó thật sự đã xảy ra, ghi bước đó bằng Một cửa › Cập nhật hồ sơ.`,
        `${edited.path}, dòng 3 (mã ${b}): Hạn trả kết quả 13/05/2026 17:00 không khớp với thời hạn của thủ tục và lịch làm việc: tính lại được 12/05/2026 17:00, đúng như Nhật ký xử lý ghi khi tiếp nhận. Cách xử lý: Có thể sửa tự động (nút “Sửa các lỗi chắc chắn”; mỗi lần sửa được ghi vào Nhật ký xử lý).`,
        `${edited.path}, dòng 4 (mã 000.17.22.H56-260429-0004): Hồ sơ không có bước nào trong Nhật ký xử lý (dòng gõ tay, hoặc lần tiếp nhận bị ngắt giữa chừng). Cách xử lý: Nếu lần tiếp nhận vừa bị lỗi, mở lại đúng biểu mẫu đó và bấm lưu lại (không ghi hai lần); nếu dòng được gõ tay, đối chiếu hồ sơ giấy và ghi lý do vào cột Ghi chú.`,
        `${edited.path}, dòng 4 (mã 000.17.22.H56-260429-0004): Dòng chưa ghi Mã TTHC nên không kiểm tra được hạn trả kết quả. Cách xử lý: Sửa mã TTHC cho đúng, hoặc thêm thủ tục vào trang Danh mục TTHC.`,
        `${edited.path}, dòng 4 (mã 000.17.22.H56-260429-0004): Số thứ tự hồ sơ ngày 29/04/2026 bị thiếu 0003 trước mã này (không có trong sổ, nhật ký hay lưu trữ). Cách xử lý: Nếu dòng bị xóa, khôi phục từ Tệp › Lịch sử phiên bản; nếu lần tiếp nhận bị ngắt, lưu lại đúng biểu mẫu đó; nếu số bị bỏ qua, ghi lý do vào cột Ghi chú.`,
      ]);
    },
    SLOW,
  );
});

describe('check FILE.csv', () => {
  it(
    'checks a register alone: duplicated codes and dates out of order (a day’s numbering needs the log and the archives)',
    async () => {
      const path = join(dir, 'xuat.csv');
      writeFileSync(
        path,
        'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Ngày có kết quả,Ngày trả kết quả\n' +
          'H56-260302-0001,Đã trả kết quả,02/03/2026 08:00,11/03/2026 17:00,05/03/2026,04/03/2026\n' +
          'H56-260302-0001,Đang giải quyết,02/03/2026 08:00,11/03/2026 17:00,,\n' +
          'H56-260302-0003,Đang giải quyết,02/03/2026 09:00,01/03/2026 17:00,,\n',
      );
      const r = await runCommand(['check', path]);
      expect(r.code).toBe(1);
      expect(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.replace(/ Cách xử lý: .*$/, '')),
      ).toEqual([
        `${path}: 3 dòng lỗi trên 3 dòng hồ sơ.`,
        `${path}, dòng 2 (mã H56-260302-0001): Mã hồ sơ trùng với dòng 3.`,
        `${path}, dòng 2 (mã H56-260302-0001): Ngày trả kết quả (04/03/2026) trước ngày có kết quả (05/03/2026).`,
        `${path}, dòng 3 (mã H56-260302-0001): Mã hồ sơ trùng với dòng 2.`,
        `${path}, dòng 4 (mã H56-260302-0003): Hạn trả kết quả (01/03/2026 17:00) trước thời điểm tiếp nhận (02/03/2026 09:00).`,
      ]);
    },
    SLOW,
  );
});

describe('check FILE.txt, FILE.tsv', () => {
  it(
    'checks a register saved as Unicode Text (UTF-16 with tabs) or tab-separated, as summary reads it, and says so in its usage',
    async () => {
      const rows =
        'Mã hồ sơ\tTrạng thái\tThời điểm tiếp nhận\tHạn trả kết quả\n' +
        'H56-260302-0001\tĐang giải quyết\t02/03/2026 08:00\t11/03/2026 17:00\n' +
        'H56-260302-0001\tĐang giải quyết\t02/03/2026 08:00\t11/03/2026 17:00\n';
      const txt = join(dir, 'xuat-unicode.txt');
      writeFileSync(txt, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]));
      const tsv = join(dir, 'xuat.tsv');
      writeFileSync(tsv, rows);
      for (const path of [txt, tsv]) {
        const r = await runCommand(['check', path]);
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n')[0]).toBe(`${path}: 2 dòng lỗi trên 2 dòng hồ sơ.`);
      }
      const help = await runCommand(['check', '--help']);
      expect(help.stdout).toContain('Kiểm tra một sổ (.xlsx, hoặc bảng văn bản .csv, .txt, .tsv)');
    },
    SLOW,
  );
});

const vn = (at: string) => new Date(`${at}:00+07:00`);

const HEAD = 'truong@yenlac.gov.vn';

function closedUnit() {
  const u = readyUnit(vn('2025-12-01T08:00'));
  setConfig(u.run, { 'Email thủ trưởng': HEAD });
  u.book.editors.push(HEAD);
  const codes = ['2025-12-02T08:00', '2025-12-02T09:00'].map((at) => {
    u.world.clock.set(vn(at));
    const r = u.run((s) => submitIntake(s, intakeInput({ receivedAt: at })));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.code;
  });
  for (const [action, at] of [
    ['record-result', '2025-12-03T09:00'],
    ['hand-over', '2025-12-03T10:00'],
  ] as const) {
    u.world.clock.set(vn(at));
    const r = u.run((s) => submitUpdate(s, { requestId: `r12a-cli-${action}`, code: codes[0], action, at }));
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  u.world.clock.set(vn('2026-01-05T09:00'));
  u.world.ui.answers.push('YES');
  u.world.run({ user: HEAD, spreadsheetId: u.book.id }, (s) => closeYear(s));
  return { ...u, codes };
}

describe('check on a register whose year was closed', () => {
  describe('check on a register whose year was closed', () => {
    it(
      'finds nothing in the workbook, nor in its register tab exported as CSV (the archive is not in the file: no gap claimed)',
      async () => {
        const u = closedUnit();
        const xlsx = join(dir, 'da-khoa.xlsx');
        await saveXlsx(u.world.spreadsheets.get(u.book.id)!, xlsx);
        // File › Download › CSV: the register tab alone, dates as shown.
        const rows = u.run((_s, ss) => ss.getSheetByName(TABS.register)!.getDataRange().getDisplayValues());
        const csv = join(dir, 'da-khoa.csv');
        writeFileSync(
          csv,
          rows
            .filter((r) => r.some((v) => v !== ''))
            .map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(','))
            .join('\n'),
        );
        expect(await runCommand(['check', xlsx])).toEqual({
          code: 0,
          stdout: `${xlsx}: 1 dòng hồ sơ, không có dòng lỗi.\n`,
          stderr: '',
        });
        expect(await runCommand(['check', csv])).toEqual({
          code: 0,
          stdout: `${csv}: 1 dòng hồ sơ, không có dòng lỗi.\n`,
          stderr: '',
        });
      },
      SLOW,
    );
  });
});

describe('check on cells a spreadsheet would run', () => {
  it(
    'names by row and column every text that opens as a formula in Excel or Sheets, DDE payloads and tab-led ones too, and leaves phones and amounts alone',
    async () => {
      const csv = join(dir, 'cong-thuc.csv');
      writeFileSync(
        csv,
        [
          'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Người nộp,Điện thoại,Địa chỉ,Ghi chú',
          'X-1,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,Nguyễn Văn A,+84 912 345 678,@ thôn 3,-1',
          'X-2,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,"=HYPERLINK(""http://x.invalid"",""bấm"")",0912,Thôn 1,',
          'X-3,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,Trần Thị B,0913,Thôn 2,@SUM(A1:A9)',
          'X-4,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,Lê C,+A1*2,Thôn 4,',
          `X-5,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,Phạm D,0914,Thôn 5,"-2+3+cmd|' /C calc'!A0"`,
          'X-6,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,"\t=1+1",0915,Thôn 6,',
          'X-7,Đang giải quyết,02/03/2026 08:00,09/03/2026 17:00,Võ E,0916,@ thôn 7,-',
        ].join('\n'),
      );
      const r = await runCommand(['check', csv]);
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe(`${csv}: 7 dòng lỗi trên 7 dòng hồ sơ.`);
      expect(lines.slice(1).map((l) => /dòng (\d+) \(mã (X-\d)\): Ô cột “([^”]+)”/.exec(l)?.slice(1))).toEqual([
        // An address led by @ becomes #NAME? in Excel: flagged too (the rule is the first character).
        ['2', 'X-1', 'Địa chỉ'],
        ['3', 'X-2', 'Người nộp'],
        ['4', 'X-3', 'Ghi chú'],
        ['5', 'X-4', 'Điện thoại'],
        ['6', 'X-5', 'Ghi chú'],
        ['7', 'X-6', 'Người nộp'],
        ['8', 'X-7', 'Địa chỉ'],
      ]);
      // The cell itself is never quoted (it may be a citizen's name or a link).
      expect(r.stdout).not.toContain('HYPERLINK');
      expect(lines[2]).toContain('Cách xử lý: Nếu là gõ nhầm, sửa lại ô');
    },
    SLOW,
  );
});

describe('check: a header typed as a formula', () => {
  it(
    'names the header cell a spreadsheet would run (exit 1), without quoting it',
    async () => {
      const csv = join(dir, 'tieu-de-cong-thuc.csv');
      writeFileSync(
        csv,
        'Mã hồ sơ,Đơn vị tiếp nhận,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái,"=HYPERLINK(""http://evil"",""x"")"\n' +
          'A1,X,02/11/2026 08:00,05/11/2026 17:00,Đang giải quyết,x\n',
      );
      const r = await runCommand(['check', csv]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${csv}, dòng 1: Ô cột “thứ 6 (ô tiêu đề)” là chữ bắt đầu như một công thức`);
      expect(r.stdout).not.toContain('HYPERLINK');
    },
    SLOW,
  );
});

describe('check: a CSV register with blank lines and line breaks in a code', () => {
  it('names a bad row by the number a spreadsheet shows, blank lines counted (it said dòng 3 before)', async () => {
    const file = join(dir, 'dong-trong.csv');
    // A blank title line, the header, a blank line, a good row, a row whose status is a formula.
    writeFileSync(
      file,
      '\nThời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\n\n02/03/2026 08:30,2026-03-05,Đã tiếp nhận\n02/03/2026 09:00,2026-03-05,=A1\n',
    );
    const out = await checkCommand([file]);
    expect(out.code).toBe(1);
    expect(out.stdout.split('\n')).toEqual([
      `${file}: 1 dòng lỗi trên 2 dòng hồ sơ.`,
      `${file}, dòng 5: trạng thái không thuộc danh mục (ô ghi “=A1”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết). Cách xử lý: Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).`,
      // The status `=A1` would also run as a formula once the file is opened in a spreadsheet.
      `${file}, dòng 5: Ô cột “Trạng thái” là chữ bắt đầu như một công thức: mở bằng Excel hoặc Google Sheets, ô này sẽ chạy như công thức. Cách xử lý: Nếu là gõ nhầm, sửa lại ô; nếu đúng là nội dung cần giữ, đặt định dạng Văn bản thuần (Định dạng › Số › Văn bản thuần) cho ô trước khi sửa, và đừng mở bản xuất CSV của sổ bằng Excel.`,
    ]);
  });

  it('lists a bad row whose code holds a line break on one line (it was split over two)', async () => {
    const file = join(dir, 'ma-hai-dong.csv');
    writeFileSync(
      file,
      'Mã hồ sơ,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\n"H56-1\nH56-2",02/03/2026 09:00,2026-03-05,xong\n',
    );
    const out = await checkCommand([file]);
    expect(out.stdout.split('\n')).toEqual([
      `${file}: 1 dòng lỗi trên 1 dòng hồ sơ.`,
      `${file}, dòng 2 (mã H56-1 H56-2): trạng thái không thuộc danh mục (ô ghi “xong”; cần một trong: Đã tiếp nhận, Đang giải quyết, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối giải quyết, Dừng giải quyết). Cách xử lý: Sửa ô cho đúng danh mục hoặc đúng dạng ngày (dd/MM/yyyy HH:mm).`,
    ]);
  });
});
