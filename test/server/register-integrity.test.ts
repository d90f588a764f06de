/**
 * A register that people also edit by hand: title rows, cleared or renamed headers, copied rows,
 * a sort between an update's read and write, a damaged log, retried submits, another time zone.
 * No dossier is lost, no code or register number reissued, no other dossier's row touched, and
 * each refusal names the problem in Vietnamese.
 */
import type { LocalRange } from '../../src/local/gas/range';
import type { LocalSpreadsheet } from '../../src/local/gas/spreadsheet';
import { submitIntake, intakeContext } from '../../src/server/intake';
import { formHtml } from '../../src/server/forms/gather';
import { runSetup } from '../../src/server/setup';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit, registerColumn, setCataloguePeriod, snapshot, unitWithDossiers } from '../helpers';

const col = registerColumn;
let n = 0;
const req = () => `integrity-${String((n += 1)).padStart(5, '0')}`;

describe('a register edited by hand', () => {
  it('keeps working under a title row: setup finds the header, no second header, no code or number reissued', () => {
    const { run, codes } = unitWithDossiers(2);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertRowsAfter(0, 2);
      sheet.getRange(1, 1).setValue('SỔ THEO DÕI HỒ SƠ NĂM 2026 – UBND XÃ YÊN LẠC');
    });
    const setup = run((s) => runSetup(s));
    expect(setup.message).not.toContain('Cột bổ sung');
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      expect(sheet.getLastColumn()).toBe(REGISTER_COLUMNS.length); // no second set of headers to the right
      expect(sheet.getFrozenRows()).toBe(3);
    });
    const third = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' })));
    expect(third).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3, rowNumber: 6 });
    const found = run((s) => lookupDossier(s, codes[0]));
    expect(found.ok && found.dossier).toMatchObject({ rowNumber: 4, applicantName: 'Người 1' });
    const moved = run((s) => submitUpdate(s, { requestId: req(), code: codes[1]!, action: 'transfer', at: '2026-03-02T08:50' }));
    expect(moved).toMatchObject({ ok: true, dossier: { rowNumber: 5, status: 'Đang giải quyết' } });
  });

  it('refuses setup, intake and update when the header row was cleared, and writes nothing', () => {
    const { run, world, book, codes } = unitWithDossiers(1);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(1, 1, 1, REGISTER_COLUMNS.length).clearContent());
    const before = snapshot(world, book.id);
    expect(() => run((s) => runSetup(s))).toThrow(
      'Không tìm thấy dòng tiêu đề của trang “Sổ theo dõi hồ sơ” trong 2 dòng đầu (cần một dòng có cột “Mã hồ sơ” và các cột khác của trang).',
    );
    const intake = run((s) => submitIntake(s, intakeInput()));
    expect(intake.ok === false && intake.errors.form).toContain('Không tìm thấy dòng tiêu đề của trang “Sổ theo dõi hồ sơ”');
    const update = run((s) => submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:50' }));
    expect(update.ok).toBe(false);
    expect(snapshot(world, book.id)).toBe(before);
  });

  it.each(['Người nộp', 'Số giấy tờ tùy thân', 'STT'] as const)(
    'refuses an intake whose column “%s” was renamed, naming it, and writes nothing',
    (header) => {
      const { run, world, book } = unitWithDossiers(1);
      run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(1, col(header)).setValue(`${header} (sửa)`));
      const before = snapshot(world, book.id);
      expect(run((s) => submitIntake(s, intakeInput()))).toEqual({
        ok: false,
        errors: {
          form: `Trang “Sổ theo dõi hồ sơ” không có cột “${header}” (có thể đã bị đổi tên hoặc xóa). Nếu cột đã bị đổi tên, hãy đặt lại đúng tên tiêu đề; nếu đã bị xóa, chạy Một cửa › Thiết lập sổ để thêm lại cột. Chưa có gì được ghi.`,
        },
      });
      expect(snapshot(world, book.id)).toBe(before);
    },
  );

  it('refuses to look up or update a code that a copied row put on two rows', () => {
    const { run, world, book, codes } = unitWithDossiers(1);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.getRange(3, 1, 1, REGISTER_COLUMNS.length).setValues(sheet.getRange(2, 1, 1, REGISTER_COLUMNS.length).getValues());
    });
    const before = snapshot(world, book.id);
    const message = `Mã hồ sơ “${codes[0]}” trùng ở dòng 2 và 3; hãy xóa hoặc sửa dòng sao chép rồi thử lại. Chưa có gì được ghi.`;
    expect(run((s) => lookupDossier(s, codes[0]))).toEqual({ ok: false, message });
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:50' })),
    ).toEqual({
      ok: false,
      errors: { code: message },
    });
    expect(snapshot(world, book.id)).toBe(before);
  });

  it('checks the event log before writing: a damaged log header stops intake and update with nothing written, and a retry after the repair writes once', () => {
    const { run, world, book, codes } = unitWithDossiers(1);
    run((_s, ss) => ss.getSheetByName(TABS.log)!.getRange(1, 4).setValue('Việc'));
    const before = snapshot(world, book.id);
    const input = intakeInput({ receivedAt: '2026-03-02T08:40' });
    const refused = run((s) => submitIntake(s, input));
    expect(refused.ok === false && refused.errors.form).toBe(
      'Không tìm thấy dòng tiêu đề của trang “Nhật ký xử lý” trong 10 dòng đầu (cần một dòng có cột “Thao tác” và các cột khác của trang). Hãy khôi phục dòng tiêu đề (Chỉnh sửa › Hoàn tác, hoặc Tệp › Lịch sử phiên bản) rồi thử lại; chưa có gì được ghi.',
    );
    const update = { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:50' };
    expect(run((s) => submitUpdate(s, update)).ok).toBe(false);
    expect(snapshot(world, book.id)).toBe(before);
    run((_s, ss) => ss.getSheetByName(TABS.log)!.getRange(1, 4).setValue('Thao tác'));
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0002' });
    expect(run((s) => submitUpdate(s, update))).toMatchObject({ ok: true });
    expect(run((s) => submitUpdate(s, update))).toMatchObject({ ok: true });
    run((_s, ss) => {
      expect(ss.getSheetByName(TABS.register)!.getLastRow()).toBe(3);
      expect(ss.getSheetByName(TABS.log)!.getLastRow()).toBe(4); // two intakes, one transfer
    });
  });

  it.each([
    ['after the form showed the dossier', 'SpreadsheetApp.getActiveSpreadsheet'],
    ['while the update reads the log', 'Range.getValues'],
  ])('writes an update to the dossier’s row when someone sorts the register %s', (_when, atCall) => {
    const { run, world, book, codes } = unitWithDossiers(3);
    const shown = run((s) => lookupDossier(s, codes[0]!));
    expect(shown.ok && shown.dossier.rowNumber).toBe(2);
    let sorted = false;
    // A person sorts by applicant name, newest first (sorting takes no lock).
    world.runtime.onCall = (name) => {
      if (sorted || name !== atCall) return;
      sorted = true;
      world.run({ spreadsheetId: book.id }, (s) => {
        const range = s.spreadsheetApp
          .getActiveSpreadsheet()!
          .getSheetByName(TABS.register)!
          .getRange(2, 1, 3, REGISTER_COLUMNS.length);
        (range as LocalRange).sort({ column: col('Người nộp'), ascending: false });
      });
    };
    const result = run((s) => submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:50' }));
    world.runtime.onCall = undefined;
    expect(sorted).toBe(true);
    expect(result).toMatchObject({ ok: true, dossier: { code: codes[0], rowNumber: 4, status: 'Đang giải quyết' } });
    run((_s, ss) => {
      const rows = ss.getSheetByName(TABS.register)!.getRange(2, 1, 3, REGISTER_COLUMNS.length).getValues();
      const statusOf = (code: string) => rows.find((r) => r[col('Mã hồ sơ') - 1] === code)![col('Trạng thái') - 1];
      expect([statusOf(codes[0]!), statusOf(codes[1]!), statusOf(codes[2]!)]).toEqual([
        'Đang giải quyết',
        'Đã tiếp nhận',
        'Đã tiếp nhận',
      ]);
      expect(rows.map((r) => r[col('Người nộp') - 1])).toEqual(['Người 3', 'Người 2', 'Người 1']);
    });
  });

  it('writes only the cells a step changes: a person’s formula in a register column survives an update', () => {
    const { run, codes } = unitWithDossiers(1);
    run((_s, ss) =>
      ss
        .getSheetByName(TABS.register)!
        .getRange(2, col('Ghi chú'))
        .setNumberFormat('General') // a person made this cell a formula cell
        .setValue('=HYPERLINK("https://dichvucong.gov.vn","Hồ sơ trực tuyến")'),
    );
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code: codes[0]!, action: 'transfer', at: '2026-03-02T08:50' })),
    ).toMatchObject({ ok: true });
    run((_s, ss) =>
      expect(ss.getSheetByName(TABS.register)!.getRange(2, col('Ghi chú')).getFormulas()[0]![0]).toBe(
        '=HYPERLINK("https://dichvucong.gov.vn","Hồ sơ trực tuyến")',
      ),
    );
  });

  it('never reissues a code or register number after rows are deleted by hand', () => {
    const { run } = unitWithDossiers(2);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, 1, 2, REGISTER_COLUMNS.length).clearContent());
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:45' })))).toMatchObject({
      ok: true,
      code: '000.17.22.H56-260302-0003',
      registerNumber: 3,
    });
  });

  it('counts codes found anywhere in the sheet once setup has seen them', () => {
    const { run } = readyUnit();
    run((_s, ss) =>
      ss
        .getSheetByName(TABS.register)!
        .getRange(5, REGISTER_COLUMNS.length + 0)
        .setValue('000.17.22.H56-260302-0007'),
    );
    run((s) => runSetup(s));
    expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0008' });
  });
});

describe('request ids', () => {
  it('refuses a different payload under an intake id already used, and keeps the first dossier', () => {
    const { run } = readyUnit();
    const input = intakeInput();
    const first = run((s) => submitIntake(s, input));
    expect(first.ok).toBe(true);
    const corrected = run((s) => submitIntake(s, { ...input, applicantName: 'Nguyễn Thị Hòa' }));
    expect(corrected).toEqual({
      ok: false,
      errors: {
        form: 'Yêu cầu này đã được ghi thành hồ sơ 000.17.22.H56-260302-0001 với nội dung khác. Nếu cần sửa thông tin, hãy sửa trực tiếp trên dòng của hồ sơ đó trong sổ; để tiếp nhận hồ sơ mới, hãy mở lại biểu mẫu.',
      },
    });
  });

  it('keeps intake and update ids apart: an intake’s id reused for an update is a new request', () => {
    const { run } = readyUnit();
    const input = intakeInput();
    const intake = run((s) => submitIntake(s, input));
    const code = intake.ok ? intake.code : '';
    const update = run((s) => submitUpdate(s, { requestId: input.requestId, code, action: 'transfer', at: '2026-03-02T08:50' }));
    expect(update).toMatchObject({ ok: true, message: `Chuyển xử lý: hồ sơ ${code} nay “Đang giải quyết” (02/03/2026).` });
  });

  it('answers a retry from the sheet when Google’s cache has evicted the first answer: one dossier, one event', () => {
    const { run, world } = readyUnit();
    const input = intakeInput();
    const first = run((s) => submitIntake(s, input));
    world.evictCaches();
    expect(run((s) => submitIntake(s, input))).toEqual(first.ok ? { ...first, warnings: [] } : first);
    const code = first.ok ? first.code : '';
    const step = { requestId: req(), code, action: 'record-result', at: '2026-03-02T08:50' };
    const recorded = run((s) => submitUpdate(s, step));
    world.evictCaches();
    expect(recorded.ok).toBe(true);
    expect(run((s) => submitUpdate(s, step))).toEqual(recorded);
    expect(run((s) => submitUpdate(s, { ...step, at: '2026-03-02T08:55' }))).toEqual({
      ok: false,
      errors: {
        form: 'Yêu cầu này đã được ghi với nội dung khác. Hãy tìm lại hồ sơ để xem trạng thái hiện tại rồi nhập bước mới.',
      },
    });
    run((_s, ss) => {
      expect(ss.getSheetByName(TABS.register)!.getLastRow()).toBe(2);
      expect(ss.getSheetByName(TABS.log)!.getLastRow()).toBe(3);
    });
  });
});

describe('wrong results', () => {
  it('takes "now" in Vietnam whatever the spreadsheet zone, warns while it differs, and setup sets it back', () => {
    const { run, book } = unitWithDossiers(1);
    run((_s, ss) => ss.setSpreadsheetTimeZone('Europe/London'));
    // 09:00 in Vietnam is 02:00 in London: a receipt at 08:30 is not in the future.
    const result = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:30' })));
    const warning =
      'Múi giờ của bảng tính là “Europe/London”, không phải giờ Việt Nam (Asia/Ho_Chi_Minh): hàm TODAY() và màu cảnh báo hạn sẽ lệch. Hãy chạy Một cửa › Thiết lập sổ để đặt lại múi giờ.';
    expect(result).toMatchObject({ ok: true, warnings: [warning] });
    expect(run((s) => intakeContext(s))).toMatchObject({ now: '2026-03-02T09:00', zoneWarning: warning });
    const shown = () =>
      run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Thời điểm tiếp nhận'), 2, 1).getDisplayValues());
    const before = shown();
    expect(run((s) => runSetup(s)).message).toContain('Đã đặt múi giờ của bảng tính từ “Europe/London” về Asia/Ho_Chi_Minh.');
    expect(book.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(shown()).toEqual(before); // what people see does not move
    expect(shown()).toEqual([['02/03/2026 08:00'], ['02/03/2026 08:30']]);
  });

  it('covers row 5,000 with the dropdowns, formats, colours and protections when the register grows', () => {
    const { run } = readyUnit();
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.insertRowsAfter(sheet.getMaxRows(), 4900);
      // 4,998 hand-entered rows of an older register (codes of another day).
      const rows = Array.from({ length: 4998 }, (_, i) => {
        const row: (string | number)[] = Array(REGISTER_COLUMNS.length).fill('');
        row[col('Mã hồ sơ') - 1] = `000.17.22.H56-250102-${String(i + 1).padStart(4, '0')}`;
        row[col('Trạng thái') - 1] = 'Đã trả kết quả';
        return row;
      });
      sheet.getRange(2, 1, rows.length, REGISTER_COLUMNS.length).setValues(rows);
    });
    run((s) => runSetup(s));
    const r = run((s) => submitIntake(s, intakeInput()));
    expect(r).toMatchObject({ ok: true, rowNumber: 5000 });
    run((s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      expect(sheet.getRange(5000, col('Trạng thái')).getDataValidations()[0]![0]!.getCriteriaValues()[0]).toContain(
        'Đã tiếp nhận',
      );
      expect(sheet.getRange(5000, col('Hạn trả kết quả')).getNumberFormats()[0]![0]).toBe('dd/mm/yyyy hh:mm');
      expect(sheet.getRange(5000, col('Số giấy tờ tùy thân')).getNumberFormats()[0]![0]).toBe('@');
      for (const rule of sheet.getConditionalFormatRules()) {
        expect(rule.getRanges()[0]!.getLastRow()).toBeGreaterThanOrEqual(5000);
      }
      const protections = sheet.getProtections(s.spreadsheetApp.ProtectionType.RANGE);
      expect(protections).toHaveLength(6);
      for (const p of protections) expect(p.getRange()!.getLastRow()).toBeGreaterThanOrEqual(5000);
    });
    // Then the sheet fills up: intake adds rows and the rules follow them.
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const filler = Array.from({ length: sheet.getMaxRows() - 5000 }, (_, i) => {
        const row: string[] = Array(REGISTER_COLUMNS.length).fill('');
        row[col('Mã hồ sơ') - 1] = `000.17.22.H56-250103-${String(i + 1).padStart(4, '0')}`;
        row[col('Trạng thái') - 1] = 'Đã trả kết quả';
        return row;
      });
      if (filler.length > 0) sheet.getRange(5001, 1, filler.length, REGISTER_COLUMNS.length).setValues(filler);
    });
    const grown = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:45' })));
    expect(grown.ok).toBe(true);
    const row = grown.ok ? grown.rowNumber : 0;
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      expect(sheet.getRange(row, col('Trạng thái')).getDataValidations()[0]![0]).not.toBeNull();
      for (const rule of sheet.getConditionalFormatRules()) expect(rule.getRanges()[0]!.getLastRow()).toBe(sheet.getMaxRows());
    });
  });

  it('refuses receipts that cannot be right and warns on a late entry', () => {
    const { run } = readyUnit();
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '1899-12-30T08:00' })))).toEqual({
      ok: false,
      errors: { receivedAt: 'Thời điểm tiếp nhận 30/12/1899 08:00 trước năm 2000; hãy kiểm tra lại năm.' },
    });
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '0001-01-01T08:00' }))).ok).toBe(false);
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-01-05T08:00' })))).toMatchObject({
      ok: true,
      dueAt: '2026-01-13T17:00', // 7 working days, the make-up Saturday 10/01 among them
      warnings: ['Thời điểm tiếp nhận 05/01/2026 08:00 cách hôm nay 56 ngày: hồ sơ được ghi sổ muộn, hãy kiểm tra lại ngày.'],
    });
  });

  it('refuses a catalogue period of 0 working days instead of appointing the receipt day', () => {
    const { run } = readyUnit();
    setCataloguePeriod(run, '1.004194', 0);
    const ctx = run((s) => intakeContext(s));
    expect(ctx.procedures.map((p) => p.code)).not.toContain('1.004194');
    expect(ctx.problems.join('\n')).toContain(
      'Thời hạn theo ngày hoặc giờ làm việc phải từ 1 trở lên (thủ tục trả trong ngày: chọn đơn vị “trong ngày”).',
    );
    expect(run((s) => submitIntake(s, intakeInput())).ok).toBe(false);
  });

  it('prints a supplement reason that reads like the note’s wording as the reason, not as a missing document', () => {
    const { run, codes } = unitWithDossiers(1);
    const reason = 'Ảnh mờ. Cần bổ sung: ảnh rõ hơn';
    expect(
      run((s) =>
        submitUpdate(s, {
          requestId: req(),
          code: codes[0]!,
          action: 'request-supplement',
          at: '2026-03-02T08:50',
          missing: 'Ảnh 4x6',
          reason,
        }),
      ),
    ).toMatchObject({ ok: true, form: 'supplement' });
    const html = run((s) => formHtml(s, codes[0]!, 'supplement'));
    expect(html).toContain('<div class="details">Ảnh 4x6</div><p>Lý do: Ảnh mờ. Cần bổ sung: ảnh rõ hơn</p>');
  });
});

describe('text as people typed it', () => {
  it('refuses control characters and invisible-only names with field messages, and stores NFC', () => {
    const { run } = readyUnit();
    expect(
      run((s) =>
        submitIntake(s, intakeInput({ applicantName: 'Nguyễn\u0000Hoa', address: 'Thôn \u001b[31mĐông', note: 'a\u0007' })),
      ),
    ).toEqual({
      ok: false,
      errors: {
        applicantName: 'Họ tên người nộp có ký tự điều khiển hoặc xuống dòng; hãy gõ lại trên một dòng.',
        address: 'Địa chỉ có ký tự điều khiển hoặc xuống dòng; hãy gõ lại trên một dòng.',
        note: 'Ghi chú có ký tự điều khiển không in được (như NUL, ESC); hãy gõ lại.',
      },
    });
    expect(run((s) => submitIntake(s, intakeInput({ applicantName: '\u200b\u200b\u200b' })))).toEqual({
      ok: false,
      errors: { applicantName: 'Họ tên người nộp chỉ gồm ký tự vô hình; hãy gõ lại.' },
    });
    const nfd = 'Nguye\u0302\u0303n Thi\u0323 Hoa';
    const r = run((s) => submitIntake(s, intakeInput({ applicantName: nfd })));
    expect(r.ok).toBe(true);
    run((_s, ss) => {
      const name = ss.getSheetByName(TABS.register)!.getRange(2, col('Người nộp')).getValue();
      expect(name).toBe('Nguyễn Thị Hoa');
      expect(name).toBe(nfd.normalize('NFC'));
    });
  });

  it('prints the receiving officer’s name on the receipt, not an e-mail', () => {
    const { run, codes } = unitWithDossiers(1);
    const html = run((s) => formHtml(s, codes[0]!, 'receipt'));
    expect(html).toContain('(Ký, ghi rõ họ tên)</i><br><br>Lê Thị Thu</div>');
    expect(html).not.toContain('canbo@example.gov.vn');
  });

  it('finds the selected row’s dossier after the sheet gained a title row', () => {
    const { run, world, book, codes } = unitWithDossiers(1);
    run((_s, ss) => ss.getSheetByName(TABS.register)!.insertRowsAfter(0, 1));
    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) => {
      (s.spreadsheetApp.getActiveSpreadsheet() as LocalSpreadsheet).select(TABS.register, 'D3');
      const selected = lookupDossier(s);
      expect(selected.ok && selected.dossier.code).toBe(codes[0]);
    });
  });
});

describe('a failure halfway', () => {
  it('completes an intake whose event was not written when the same request is sent again', () => {
    const { run, world } = readyUnit();
    const input = intakeInput();
    // The row is one block in the register's own layout, then the event is appended: fail that once.
    failOnce(world, 'Sheet.appendRow');
    expect(() => run((s) => submitIntake(s, input))).toThrow('Service Spreadsheets timed out');
    world.evictCaches();
    expect(run((s) => submitIntake(s, input))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001', registerNumber: 1 });
    run((_s, ss) => {
      expect(ss.getSheetByName(TABS.register)!.getLastRow()).toBe(2);
      const log = ss.getSheetByName(TABS.log)!;
      expect(log.getLastRow()).toBe(2);
      expect(log.getRange(2, 3, 1, 2).getValues()[0]).toEqual(['000.17.22.H56-260302-0001', 'Tiếp nhận hồ sơ']);
    });
  });

  it('completes an update whose row was not written when the same request is sent again, and never repeats an older step', () => {
    const { run, world, codes } = unitWithDossiers(1);
    const code = codes[0]!;
    const step = {
      requestId: req(),
      code,
      action: 'request-supplement',
      at: '2026-03-02T08:50',
      missing: 'Ảnh',
      reason: 'Thiếu ảnh',
    };
    // The step's key is marked pending on the row, then its event appended: fail the row's cells after them.
    failOnce(world, 'Range.setValues', 2);
    expect(() => run((s) => submitUpdate(s, step))).toThrow('Service Spreadsheets timed out');
    world.evictCaches();
    expect(run((s) => submitUpdate(s, step))).toMatchObject({ ok: true, dossier: { status: 'Chờ bổ sung', supplementCount: 1 } });
    // After later steps, the old request once more changes nothing (no second supplement request).
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code, action: 'receive-supplement', at: '2026-03-02T09:00' })),
    ).toMatchObject({
      ok: true,
    });
    world.evictCaches();
    expect(run((s) => submitUpdate(s, step))).toMatchObject({
      ok: true,
      dossier: { status: 'Đang giải quyết', supplementCount: 1 },
    });
    run((_s, ss) => {
      expect(ss.getSheetByName(TABS.log)!.getLastRow()).toBe(4); // intake, supplement request, supplement received
      expect(ss.getSheetByName(TABS.register)!.getRange(2, col('Số lần yêu cầu bổ sung')).getValue()).toBe(1);
    });
  });
});
