import { formHtml } from '../../src/server/forms/gather';
import { intakeContext, rememberReceiverName, submitIntake } from '../../src/server/intake';
import { archiveLockDescription } from '../../src/sheets/archive';
import { TABS, REGISTER_COLUMNS } from '../../src/sheets/schema';
import { intakeInput, readyUnit, setConfig } from '../helpers';

const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h);

describe('intake', () => {
  it('appends the dossier with its code, register number and appointment, and logs one event', () => {
    const { run } = readyUnit();
    const result = run((s) => submitIntake(s, intakeInput()));
    expect(result).toEqual({
      ok: true,
      code: '000.17.22.H56-260302-0001',
      registerNumber: 1,
      dueAt: '2026-03-11T17:00',
      appointment: '17 giờ 00, ngày 11/03/2026',
      rowNumber: 2,
      warnings: [],
    });
    run((_s, ss) => {
      const row = ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getDisplayValues()[0]!;
      expect(row[col('Mã hồ sơ')]).toBe('000.17.22.H56-260302-0001');
      expect(row[col('STT')]).toBe('1');
      expect(row[col('Tên thủ tục')]).toBe('Đăng ký thường trú');
      expect(row[col('Thời điểm tiếp nhận')]).toBe('02/03/2026 08:30');
      expect(row[col('Hạn trả kết quả')]).toBe('11/03/2026 17:00');
      expect(row[col('Trạng thái')]).toBe('Đã tiếp nhận');
      expect(row[col('Số giấy tờ tùy thân')]).toBe('001099012345'); // leading zeros kept
      // The receipt is signed by a person: the officer's name, not an e-mail address.
      expect(row[col('Người tiếp nhận')]).toBe('Lê Thị Thu');
      const log = ss.getSheetByName(TABS.log)!.getRange(2, 1, 1, 7).getDisplayValues()[0]!;
      expect(log[0]).toBe('02/03/2026 08:30:00'); // when the step happened
      expect(log.slice(1)).toEqual([
        'canbo@example.gov.vn',
        '000.17.22.H56-260302-0001',
        'Tiếp nhận hồ sơ',
        '',
        'Đã tiếp nhận',
        '1.004194 – hẹn 17 giờ 00, ngày 11/03/2026',
      ]);
      // The log holds no personal data of the applicant.
      expect(log.join(' ')).not.toMatch(/Nguyễn Thị Hoa|001099012345|0912|hoa@example|Thôn Đông/);
    });
  });

  it('records the catalogue’s competent agency: a residence dossier goes to the commune police, a civil-status one to the commune', () => {
    const { run } = readyUnit();
    const residence = run((s) => submitIntake(s, intakeInput()));
    const civil = run((s) => submitIntake(s, intakeInput({ procedureCode: '1.003583' })));
    expect([residence.ok, civil.ok]).toEqual([true, true]);
    run((_s, ss) => {
      const catalogue = ss.getSheetByName(TABS.catalogue)!.getDataRange().getDisplayValues();
      const agency = catalogue[0]!.indexOf('Cơ quan giải quyết');
      expect(catalogue.find((r) => r[0] === '1.004194')![agency]).toBe('Công an xã');
      const rows = ss.getSheetByName(TABS.register)!.getRange(2, 1, 2, REGISTER_COLUMNS.length).getDisplayValues();
      expect(rows.map((r) => r[col('Cơ quan giải quyết')])).toEqual(['Công an xã', 'UBND xã Yên Lạc']);
    });
  });

  it('keeps no ID number or address for a unit that says so in Cấu hình: empty cells, not asked, not printed', () => {
    const { run } = readyUnit();
    const setKeep = (value: string) =>
      run((_s, ss) => {
        const config = ss.getSheetByName(TABS.config)!;
        const keys = config
          .getRange(1, 1, config.getLastRow(), 1)
          .getValues()
          .map((r) => String(r[0]));
        config.getRange(keys.indexOf('Lưu số giấy tờ và địa chỉ người nộp') + 1, 2).setValue(value);
      });
    expect(run((s) => intakeContext(s).keepIdAndAddress)).toBe(true);
    setKeep('Không');
    expect(run((s) => intakeContext(s).keepIdAndAddress)).toBe(false);
    // A form that still sends them (an old sidebar, a hand-made call): nothing of them is stored.
    const result = run((s) => submitIntake(s, intakeInput()));
    if (!result.ok) throw new Error(JSON.stringify(result));
    run((_s, ss) => {
      const row = ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length).getDisplayValues()[0]!;
      expect([row[col('Người nộp')], row[col('Số giấy tờ tùy thân')], row[col('Địa chỉ')]]).toEqual(['Nguyễn Thị Hoa', '', '']);
      expect(JSON.stringify(ss.getSheetByName(TABS.register)!.getDataRange().getValues())).not.toMatch(/001099012345|Thôn Đông/);
    });
    const receipt = run((s) => formHtml(s, result.code, 'receipt'));
    expect(receipt).not.toContain('Địa chỉ');
    expect(receipt).toContain('Nguyễn Thị Hoa');
    // A typo keeps them, and says so where the officer sees the unit's problems.
    setKeep('Khôg');
    const context = run((s) => intakeContext(s));
    expect(context.keepIdAndAddress).toBe(true);
    expect(context.problems.join('\n')).toContain('“Khôg” phải là “Có” hoặc “Không”; MotCua vẫn lưu cho đến khi sửa.');
  });

  it('offers 24/11 in Ngày nghỉ to opt into: the appointment moves a day only once the unit changes its Loại to Nghỉ lễ', () => {
    const { run } = readyUnit(new Date('2026-11-20T02:00:00Z'));
    const rows = () => run((_s, ss) => ss.getSheetByName(TABS.calendar)!.getDataRange().getDisplayValues().slice(1));
    const offered = rows().find((r) => r[0] === '24/11/2026')!;
    expect(offered.slice(1)).toEqual([
      'Không áp dụng',
      'Ngày Văn hóa Việt Nam (Nghị quyết 28/2026/QH16; năm 2026 nghỉ theo Công văn 10065/VPCP-KGVX): đổi Loại thành “Nghỉ lễ” nếu đơn vị nghỉ ngày này',
    ]);
    // 2027's schedule is announced: its rows are plain.
    expect(rows().find((r) => r[0] === '04/02/2027')![2]).toBe('Tết Nguyên đán');
    // A register set up in 2027 seeds 2028, whose schedule is not announced yet: its rows say so.
    const later = readyUnit(new Date('2027-03-01T02:00:00Z'));
    const tet2028 = later.run((_s, ss) =>
      ss
        .getSheetByName(TABS.calendar)!
        .getDataRange()
        .getDisplayValues()
        .find((r) => r[0] === '25/01/2028'),
    );
    expect(tet2028?.[2]).toBe('Tết Nguyên đán (theo Bộ luật Lao động; lịch nghỉ năm 2028 chưa công bố)');
    // Đăng ký tạm trú, 3 working days, received Fri 20/11: Mon 23, Tue 24, Wed 25.
    const take = () => run((s) => submitIntake(s, intakeInput({ procedureCode: '1.004222', receivedAt: '2026-11-20T08:30' })));
    expect(take()).toMatchObject({ ok: true, appointment: '17 giờ 00, ngày 25/11/2026' });
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      const at = sheet
        .getDataRange()
        .getDisplayValues()
        .findIndex((r) => r[0] === '24/11/2026');
      sheet.getRange(at + 1, 2).setValue('Nghỉ lễ');
    });
    expect(take()).toMatchObject({ ok: true, appointment: '17 giờ 00, ngày 26/11/2026' });
  });

  it('numbers dossiers within each day and the register continuously within the year', () => {
    const { run } = readyUnit();
    const codes = run((s) => [
      submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })),
      submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:40' })),
      submitIntake(s, intakeInput({ receivedAt: '2026-02-27T15:00' })),
    ]);
    expect(codes.map((r) => r.ok && [r.code, r.registerNumber])).toEqual([
      ['000.17.22.H56-260302-0001', 1],
      ['000.17.22.H56-260302-0002', 2],
      ['000.17.22.H56-260227-0001', 3],
    ]);
  });

  it('refuses with Vietnamese field errors and writes nothing', () => {
    const { run } = readyUnit();
    const result = run((s) =>
      submitIntake(
        s,
        intakeInput({
          applicantName: '  ',
          idNumber: '12345',
          phone: 'abc',
          email: 'không-phải-email',
          channel: 'Fax',
          receivedAt: '2026-03-02',
        }),
      ),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        applicantName: 'Cần ghi họ và tên người nộp.',
        idNumber: 'Số giấy tờ tùy thân gồm 12 chữ số (CCCD), 9 chữ số (CMND) hoặc số hộ chiếu.',
        phone: 'Số điện thoại không đúng (ví dụ 0912 345 678 hoặc +84 912 345 678).',
        email: 'Địa chỉ email không đúng (ví dụ ten@example.vn).',
        channel: 'Hãy chọn hình thức nộp: Trực tiếp, Trực tuyến hoặc Bưu chính.',
        receivedAt: 'Thời điểm tiếp nhận phải có ngày và giờ.',
      },
    });
    expect(run((s) => submitIntake(s, intakeInput({ procedureCode: '9.999999' })))).toEqual({
      ok: false,
      errors: { procedureCode: 'Không tìm thấy thủ tục mã “9.999999” đang áp dụng trong Danh mục TTHC.' },
    });
    expect(run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T10:00' })))).toEqual({
      ok: false,
      errors: { receivedAt: 'Thời điểm tiếp nhận không được sau thời điểm hiện tại.' },
    });
    run((_s, ss) => expect(ss.getSheetByName(TABS.register)!.getLastRow()).toBe(1));
  });

  it('cannot issue codes before the unit identifier is set in Cấu hình', () => {
    const { run } = readyUnit();
    run((_s, ss) => ss.getSheetByName(TABS.config)!.getRange(3, 2).setValue(''));
    expect(run((s) => submitIntake(s, intakeInput()))).toEqual({
      ok: false,
      errors: {
        form: 'Chưa khai báo “Mã định danh đơn vị” đúng dạng (ví dụ 000.17.22.H56) trong trang Cấu hình; chưa thể cấp mã hồ sơ.',
      },
    });
  });

  it('answers a repeated request (a double click) with the first dossier instead of a second one', () => {
    const { run } = readyUnit();
    const input = intakeInput();
    const first = run((s) => submitIntake(s, input));
    const second = run((s) => submitIntake(s, input));
    expect(second).toEqual(first);
    run((_s, ss) => expect(ss.getSheetByName(TABS.register)!.getLastRow()).toBe(2));
  });

  it('stores every text field of the intake form as the literal text people typed', () => {
    const { run } = readyUnit();
    const risky = {
      applicantName: '=IMPORTXML("http://evil.example","//a")',
      idNumber: '001099012345',
      address: '@x, +1 ngõ 2',
      phone: '+84 912 345 678',
      email: '-1@x.vn',
      handler: '-1',
      documents: '=HYPERLINK("http://evil.example","Bấm")',
      note: "'quoted",
    };
    const result = run((s) => submitIntake(s, intakeInput(risky)));
    expect(result.ok).toBe(true);
    run((_s, ss) => {
      const range = ss.getSheetByName(TABS.register)!.getRange(2, 1, 1, REGISTER_COLUMNS.length);
      expect(range.getFormulas()[0]!.every((f) => f === '')).toBe(true);
      const values = range.getValues()[0]!;
      expect(values[col('Người nộp')]).toBe(risky.applicantName);
      expect(values[col('Số giấy tờ tùy thân')]).toBe(risky.idNumber);
      expect(values[col('Địa chỉ')]).toBe(risky.address);
      expect(values[col('Điện thoại')]).toBe(risky.phone);
      expect(values[col('Email')]).toBe(risky.email);
      expect(values[col('Cán bộ xử lý')]).toBe(risky.handler);
      expect(values[col('Giấy tờ đã nhận')]).toBe(risky.documents);
      expect(values[col('Ghi chú')]).toBe(risky.note);
    });
  });

  it('gives the sidebar the catalogue, the officers and the unit calendar', () => {
    const { run } = readyUnit();
    run((s) => submitIntake(s, intakeInput({ handler: 'Lê Thị Mai' })));
    expect(run((s) => intakeContext(s)).receiverName).toBe('');
    // The sidebar asks the server to remember the officer's own name for their next forms.
    expect(run((s) => rememberReceiverName(s, '  Lê Thị Thu '))).toEqual({ ok: true });
    expect(run((s) => rememberReceiverName(s, 'Lê\u0000Thu'))).toEqual({ ok: false });
    const ctx = run((s) => intakeContext(s));
    expect(ctx).toMatchObject({
      receiverName: 'Lê Thị Thu',
      zoneWarning: '',
      unitName: 'UBND xã Yên Lạc',
      unitIdentifier: '000.17.22.H56',
      now: '2026-03-02T09:00',
      officers: ['Lê Thị Mai'],
      problems: [],
    });
    expect(ctx.procedures.map((p) => p.code)).toContain('1.001193');
    expect(ctx.calendarTable).toContainEqual({
      date: '2026-04-27',
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    });
  });

  describe('codes issued by the provincial system (Cấu hình: Mã hồ sơ do hệ thống tỉnh cấp)', () => {
    const OFFICIAL = 'Mã hồ sơ do hệ thống tỉnh cấp';
    const registerRows = (run: ReturnType<typeof readyUnit>['run']) =>
      run((_s, ss) => {
        const sheet = ss.getSheetByName(TABS.register)!;
        return sheet.getLastRow() < 2
          ? []
          : sheet.getRange(2, 1, sheet.getLastRow() - 1, REGISTER_COLUMNS.length).getDisplayValues();
      });

    it('is off by default: the sidebar asks for no code and MotCua issues its own', () => {
      const { run } = readyUnit();
      const config = run((_s, ss) => ss.getSheetByName(TABS.config)!.getDataRange().getDisplayValues());
      expect(config.find((r) => r[0] === OFFICIAL)?.[1]).toBe('Không');
      expect(run((s) => intakeContext(s).officialCodes)).toBe(false);
      expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001' });
      // A form that still sends a code (opened while the setting said Có) is refused, not half-obeyed.
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260302-0975' })))).toEqual({
        ok: false,
        errors: {
          form: 'Đơn vị đang để MotCua tự cấp mã hồ sơ (Cấu hình: “Mã hồ sơ do hệ thống tỉnh cấp” là “Không”), nên không nhận mã nhập tay; hãy tải lại biểu mẫu.',
        },
      });
    });

    it('takes the code typed, pasted or scanned from the receipt, keeps its own STT and never issues a code', () => {
      const { run } = readyUnit();
      setConfig(run, OFFICIAL, 'Có');
      expect(run((s) => intakeContext(s))).toMatchObject({ officialCodes: true, problems: [] });
      expect(run((s) => submitIntake(s, intakeInput()))).toEqual({
        ok: false,
        errors: {
          officialCode: 'Cần nhập mã hồ sơ do hệ thống tỉnh cấp, dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).',
        },
      });
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-26030-0975' })))).toEqual({
        ok: false,
        errors: {
          officialCode:
            'Mã hồ sơ “H15.50.05.13-26030-0975” không đúng dạng <mã cơ quan>-YYMMDD-NNNN (ví dụ H15.50.05.13-261008-0975).',
        },
      });
      // The unit identifier is not needed: MotCua makes no code from it.
      run((_s, ss) => ss.getSheetByName(TABS.config)!.getRange(3, 2).setValue(''));
      const scanned = intakeInput({
        officialCode: 'https://dichvucong.phutho.gov.vn/tra-cuu-ho-so?maHoSo=H15.50.05.13-260302-0975',
      });
      const first = run((s) => submitIntake(s, scanned));
      expect(first).toEqual({
        ok: true,
        code: 'H15.50.05.13-260302-0975',
        registerNumber: 1,
        dueAt: '2026-03-11T17:00',
        appointment: '17 giờ 00, ngày 11/03/2026',
        rowNumber: 2,
        warnings: [],
      });
      // A double click, or the same form sent again: the same dossier.
      expect(run((s) => submitIntake(s, scanned))).toEqual(first);
      const typed = run((s) =>
        submitIntake(s, intakeInput({ officialCode: 'h15.50.05.13 - 260302 - 0976', receivedAt: '2026-03-02T08:40' })),
      );
      expect(typed).toMatchObject({ ok: true, code: 'H15.50.05.13-260302-0976', registerNumber: 2, rowNumber: 3 });
      const rows = registerRows(run);
      expect(rows.map((r) => [r[col('STT')], r[col('Mã hồ sơ')]])).toEqual([
        ['1', 'H15.50.05.13-260302-0975'],
        ['2', 'H15.50.05.13-260302-0976'],
      ]);
      run((_s, ss) => {
        const log = ss.getSheetByName(TABS.log)!.getDataRange().getDisplayValues().slice(1);
        expect(log.map((r) => r[2])).toEqual(['H15.50.05.13-260302-0975', 'H15.50.05.13-260302-0976']);
      });
      // A code already in the register, whatever the form it is typed in, is refused with its row.
      const again = run((s) => submitIntake(s, intakeInput({ officialCode: 'Mã hồ sơ: H15.50.05.13-260302-0975' })));
      expect(again).toEqual({
        ok: false,
        errors: {
          officialCode:
            'Mã hồ sơ H15.50.05.13-260302-0975 đã có ở dòng 2 của sổ. Mỗi mã chỉ dùng cho một hồ sơ; hãy kiểm tra lại mã trên giấy tiếp nhận.',
        },
      });
      expect(registerRows(run)).toHaveLength(2);
      expect(JSON.stringify(registerRows(run))).not.toContain('000.17.22.H56');
    });

    it('refuses a code MotCua issued before the switch; MotCua switched back numbers above every typed code', () => {
      const { run } = readyUnit();
      expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ code: '000.17.22.H56-260302-0001' });
      setConfig(run, OFFICIAL, 'Có');
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: '000.17.22.H56-260302-0001' })))).toEqual({
        ok: false,
        errors: {
          officialCode:
            'Mã hồ sơ 000.17.22.H56-260302-0001 đã có ở dòng 2 của sổ. Mỗi mã chỉ dùng cho một hồ sơ; hãy kiểm tra lại mã trên giấy tiếp nhận.',
        },
      });
      // The province's agency code may be the unit's own identifier: its sequence is the province's.
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: '000.17.22.H56-260302-0007' })))).toMatchObject({
        ok: true,
        code: '000.17.22.H56-260302-0007',
        registerNumber: 2,
      });
      setConfig(run, OFFICIAL, 'Không');
      expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({
        ok: true,
        code: '000.17.22.H56-260302-0008',
        registerNumber: 3,
      });
    });

    it('refuses a code of a year-end archive or of an event whose row was deleted, naming where it is', () => {
      const { run } = readyUnit();
      setConfig(run, OFFICIAL, 'Có');
      run((s, ss) => {
        // Closed at the end of 2025 (an archive is known by its lock and the closing's record): a few of the register's columns are enough to find a code.
        const archive = ss.insertSheet('Lưu trữ 2025');
        archive.protect().setDescription(archiveLockDescription(2025, 'register'));
        const id = archive.getSheetId();
        s.propertiesService
          .getDocumentProperties()!
          .setProperty('motcua.yearEnd.2025', JSON.stringify({ tabs: [id], archive: { register: id, log: id } }));
        archive.getRange(1, 1, 3, 5).setValues([
          ['STT', 'Mã hồ sơ', 'Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Trạng thái'],
          [
            1203,
            'H15.50.05.13-251230-0041',
            new Date('2025-12-30T01:00:00Z'),
            new Date('2026-01-08T10:00:00Z'),
            'Đã trả kết quả',
          ],
          [
            1204,
            'H15.50.05.13-251230-0042',
            new Date('2025-12-30T01:30:00Z'),
            new Date('2026-01-08T10:00:00Z'),
            'Đã trả kết quả',
          ],
        ]);
      });
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-251230-0042' })))).toEqual({
        ok: false,
        errors: { officialCode: 'Mã hồ sơ H15.50.05.13-251230-0042 đã có ở dòng 3 của trang “Lưu trữ 2025”.' },
      });
      const taken = run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260302-0001' })));
      expect(taken).toMatchObject({ ok: true, registerNumber: 1 });
      run((_s, ss) => ss.getSheetByName(TABS.register)!.deleteRows(2, 1));
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260302-0001' })))).toEqual({
        ok: false,
        errors: {
          officialCode:
            'Mã hồ sơ H15.50.05.13-260302-0001 đã có ở dòng 2 của trang Nhật ký xử lý (dòng của nó trong sổ đã bị xóa hoặc sửa); hãy kiểm tra lại.',
        },
      });
    });

    it('warns when the code’s day is not the day of receipt typed', () => {
      const { run } = readyUnit();
      setConfig(run, OFFICIAL, 'Có');
      expect(run((s) => submitIntake(s, intakeInput({ officialCode: 'H15.50.05.13-260227-0031' })))).toMatchObject({
        ok: true,
        code: 'H15.50.05.13-260227-0031',
        warnings: ['Mã hồ sơ ghi ngày tiếp nhận 27/02/2026, khác ngày tiếp nhận đã nhập (02/03/2026); hãy kiểm tra lại.'],
      });
    });

    it('keeps issuing its own codes when the setting is mistyped, and says so', () => {
      const { run } = readyUnit();
      setConfig(run, OFFICIAL, 'Cóo');
      const context = run((s) => intakeContext(s));
      expect(context.officialCodes).toBe(false);
      expect(context.problems).toContain(
        'Cấu hình, dòng 13: “Cóo” phải là “Có” hoặc “Không”; MotCua vẫn tự cấp mã hồ sơ cho đến khi sửa.',
      );
      expect(run((s) => submitIntake(s, intakeInput()))).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0001' });
    });
  });
});

describe('intake: a field of the wrong type is refused in Vietnamese, under its name', () => {
  it('a number for the phone, nothing for the name (was “Invalid input”)', () => {
    const { run } = readyUnit();
    const input: Record<string, unknown> = { ...intakeInput(), phone: 0 };
    delete input.applicantName;
    const r = run((s) => submitIntake(s, input));
    expect(r).toEqual({
      ok: false,
      errors: {
        phone: 'Số điện thoại: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.',
        applicantName: 'Họ tên người nộp: thiếu hoặc không phải chữ; hãy tải lại biểu mẫu rồi nhập lại.',
      },
    });
  });

  it('no form at all (null) is refused as a whole', () => {
    const { run } = readyUnit();
    expect(run((s) => submitIntake(s, null))).toEqual({
      ok: false,
      errors: { form: 'Biểu mẫu gửi lên không đúng dạng; hãy tải lại biểu mẫu rồi nhập lại.' },
    });
  });
});
