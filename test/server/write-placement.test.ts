/**
 * Where intake and update write, and what they read to get there: a new dossier goes on a row
 * inserted below the last numbered one, a new event below the log's last row, a step's keys stay on
 * its row, and neither action reads more than the columns it needs.
 */
import { intakeContext, submitIntake } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { failOnce, intakeInput, readyUnit, registerColumn as col, unitWithDossiers } from '../helpers';

let n = 0;
const req = () => `placement-${String((n += 1)).padStart(6, '0')}`;

describe('a new dossier’s row', () => {
  it('is inserted below the last numbered row: a row a person typed below it moves down, untouched', () => {
    const { run, codes } = unitWithDossiers(2);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      sheet.getRange(4, col('Người nộp')).setValue('Bà Tư (chưa vào sổ)');
      sheet.getRange(4, col('Ghi chú')).setValue('gõ tay');
    });
    const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T09:00' })));
    expect(r).toMatchObject({ ok: true, code: '000.17.22.H56-260302-0003', registerNumber: 3, rowNumber: 4 });
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const rows = sheet.getRange(2, 1, 4, REGISTER_COLUMNS.length).getValues();
      expect(rows.map((row) => row[col('Mã hồ sơ') - 1])).toEqual([codes[0], codes[1], r.ok ? r.code : '', '']);
      expect(rows[3]![col('Người nộp') - 1]).toBe('Bà Tư (chưa vào sổ)');
      expect(rows[3]![col('Ghi chú') - 1]).toBe('gõ tay');
      // The inserted row took the register's dropdowns from the rows around it.
      expect(sheet.getRange(4, col('Trạng thái')).getDataValidations()[0]![0]).not.toBeNull();
    });
  });

  it('goes on the first data row of an empty register, and its event below the log’s last', () => {
    const { run } = readyUnit();
    const first = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
    const second = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:10' })));
    expect(first).toMatchObject({ ok: true, rowNumber: 2 });
    expect(second).toMatchObject({ ok: true, rowNumber: 3 });
    run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      expect(log.getRange(2, 3, 2, 1).getValues().flat()).toEqual([first.ok && first.code, second.ok && second.code]);
    });
  });
});

describe('a step’s keys on its row', () => {
  it('recognise a double click after two later steps, and refuse the same id with other data', () => {
    const { run, codes } = unitWithDossiers(1);
    const code = codes[0]!;
    const transfer = { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:30', department: 'Công an xã' };
    expect(run((s) => submitUpdate(s, transfer))).toMatchObject({ ok: true });
    expect(
      run((s) =>
        submitUpdate(s, {
          requestId: req(),
          code,
          action: 'request-supplement',
          at: '2026-03-02T08:40',
          missing: 'Ảnh',
          reason: 'Mờ',
        }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      run((s) => submitUpdate(s, { requestId: req(), code, action: 'receive-supplement', at: '2026-03-02T08:50' })),
    ).toMatchObject({ ok: true });
    // The transfer's request again: answered, nothing written (no second transfer, no refusal of the step order).
    expect(run((s) => submitUpdate(s, transfer))).toMatchObject({ ok: true, dossier: { status: 'Đang giải quyết' } });
    expect(run((s) => submitUpdate(s, { ...transfer, department: 'Phòng khác' }))).toEqual({
      ok: false,
      errors: {
        form: 'Yêu cầu này đã được ghi với nội dung khác. Hãy tìm lại hồ sơ để xem trạng thái hiện tại rồi nhập bước mới.',
      },
    });
    run((_s, ss) => {
      const log = ss.getSheetByName(TABS.log)!;
      expect(log.getLastRow()).toBe(5); // intake, transfer, supplement request, supplement received
      const keys = String(ss.getSheetByName(TABS.register)!.getRange(2, col('Mã yêu cầu')).getValue()).split(' ');
      expect(keys).toHaveLength(3);
      expect(keys.every((k) => k.startsWith('update:'))).toBe(true);
    });
  });

  it('drop the mark of a step whose event was never written: the next step is written as if it had not been tried', () => {
    const { run, world, codes } = unitWithDossiers(1);
    const code = codes[0]!;
    failOnce(world, 'Sheet.appendRow'); // after the pending mark: the event
    expect(() =>
      run((s) => submitUpdate(s, { requestId: req(), code, action: 'record-result', at: '2026-03-02T09:00' })),
    ).toThrow('Service Spreadsheets timed out');
    expect(String(run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Mã yêu cầu')).getValue()))).toMatch(
      /^chờ:update:/,
    );
    const next = run((s) =>
      submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T09:05', department: 'Công an xã' }),
    );
    expect(next).toMatchObject({ ok: true, warnings: [], dossier: { status: 'Đang giải quyết' } });
    run((_s, ss) => {
      expect(String(ss.getSheetByName(TABS.register)!.getRange(2, col('Mã yêu cầu')).getValue())).toMatch(
        /^update:\S+ intake:\S+$/,
      );
      const log = ss.getSheetByName(TABS.log)!;
      const actions = log
        .getRange(2, 4, log.getLastRow() - 1, 1)
        .getValues()
        .flat();
      expect(actions).toEqual(['Tiếp nhận hồ sơ', 'Chuyển xử lý']);
    });
  });
});

describe('what an intake and an update read', () => {
  it('is the register’s numbering columns and one row, not the whole register or the log, at 3,000 dossiers', () => {
    const { run, world, codes } = unitWithDossiers(1);
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      const size = 3000;
      sheet.insertRowsAfter(sheet.getMaxRows(), size);
      const rows = Array.from({ length: size }, (_, i) => {
        const row: (string | number)[] = Array(REGISTER_COLUMNS.length).fill('');
        row[col('STT') - 1] = i + 2;
        row[col('Mã hồ sơ') - 1] = `000.17.22.H56-260201-${String(i + 1).padStart(4, '0')}`;
        row[col('Người nộp') - 1] = `Người ${i}`;
        return row;
      });
      sheet.getRange(3, 1, size, REGISTER_COLUMNS.length).setValues(rows);
    });
    const form = run((s) => intakeContext(s));
    world.runtime.resetCounters();
    const taken = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:20', tables: form.tablesVersion })));
    expect(taken).toMatchObject({ ok: true, registerNumber: 3002, rowNumber: 3003 });
    const maxRows = run((_s, ss) => ss.getSheetByName(TABS.register)!.getMaxRows());
    // Two columns down to the end of the grid, and the first rows of the register to find its header.
    expect(world.runtime.counters.cellsRead).toBeLessThanOrEqual(2 * maxRows + 10 * REGISTER_COLUMNS.length);
    expect(world.runtime.counters.calls['Sheet.getLastRow']).toBeUndefined();

    const shown = run((s) => lookupDossier(s, codes[0]!));
    world.runtime.resetCounters();
    const updated = run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code: codes[0]!,
        action: 'record-result',
        at: '2026-03-02T08:30',
        ...(shown.ok ? { tables: shown.dossier.tablesVersion } : {}),
      }),
    );
    expect(updated).toMatchObject({ ok: true, dossier: { status: 'Đã có kết quả' } });
    // The code column, the dossier's row, the register's first rows: no column of the log.
    expect(world.runtime.counters.cellsRead).toBeLessThanOrEqual(maxRows + 12 * REGISTER_COLUMNS.length);
  });
});

describe('an intake into a register with a hand-typed row', () => {
  describe('an empty register with one hand-typed row', () => {
    it('still takes a dossier (before the change it went below the typed row)', () => {
      const { run } = readyUnit();
      // A section title typed by an officer in row 2 (no STT, no code): "Năm 2026".
      run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Tên thủ tục')).setValue('Năm 2026'));
      const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
      expect(r).toMatchObject({ ok: true, registerNumber: 1 });
      // and the typed row is kept
      expect(run((_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Tên thủ tục')).getValue())).toBe('Năm 2026');
    });
  });
});
