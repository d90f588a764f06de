import { submitIntake, intakeContext } from '../../src/server/intake';
import { CALENDAR_HEADERS, TABS } from '../../src/sheets/schema';
import { escapeHtml } from '../../src/core/html';
import { intakeInput, readyUnit } from '../helpers';

describe("the unit's own tables", () => {
  it('lets the Ngày nghỉ tab add a day off (24/11/2026) that moves appointments', () => {
    const { run, world } = readyUnit(new Date('2026-11-23T03:00:00Z'));
    const before = run((s) => submitIntake(s, intakeInput({ procedureCode: '1.004873', receivedAt: '2026-11-23T08:00' })));
    expect(before.ok && before.appointment).toBe('17 giờ 00, ngày 26/11/2026'); // 3 working days: 24, 25, 26
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      const row = sheet.getLastRow() + 1;
      sheet.getRange(row, 1, 1, CALENDAR_HEADERS.length).setValues([['24/11/2026', 'Nghỉ lễ', 'Ngày Văn hóa Việt Nam']]);
    });
    world.clock.advance(60000);
    // A form already open keeps the tables it was opened with (what the officer sees)...
    const open = run((s) => submitIntake(s, intakeInput({ procedureCode: '1.004873', receivedAt: '2026-11-23T08:00' })));
    expect(open.ok && open.appointment).toBe('17 giờ 00, ngày 26/11/2026');
    // ...a form opened after the edit uses the new day off,
    expect(run((s) => intakeContext(s)).calendarTable).toContainEqual({
      date: '2026-11-24',
      kind: 'holiday',
      name: 'Ngày Văn hóa Việt Nam',
    });
    const after = run((s) => submitIntake(s, intakeInput({ procedureCode: '1.004873', receivedAt: '2026-11-23T08:00' })));
    expect(after.ok && after.appointment).toBe('17 giờ 00, ngày 27/11/2026');
    // ...and so does any submit once the kept copy is 10 minutes old.
    run((_s, ss) => ss.getSheetByName(TABS.calendar)!.getRange(2, 1, 1, 1).setValue('25/11/2026'));
    world.clock.advance(11 * 60000);
    const later = run((s) => submitIntake(s, intakeInput({ procedureCode: '1.004873', receivedAt: '2026-11-23T08:00' })));
    expect(later.ok && later.appointment).toBe('17 giờ 00, ngày 30/11/2026');
  });

  it('reports bad settings, catalogue and calendar rows with where they are, and keeps working', () => {
    const { run } = readyUnit();
    run((_s, ss) => {
      const config = ss.getSheetByName(TABS.config)!;
      config.getRange(5, 2).setValue('7g30 đến 17g');
      const catalogue = ss.getSheetByName(TABS.catalogue)!;
      catalogue.getRange(3, 6).setValue('tuần');
      const calendar = ss.getSheetByName(TABS.calendar)!;
      calendar.getRange(2, 2).setValue('Nghỉ Tết');
    });
    const ctx = run((s) => intakeContext(s));
    expect(ctx.problems).toEqual([
      'Cấu hình, dòng 5: Khoảng giờ làm việc “7g30 đến 17g” không hợp lệ; ví dụ hợp lệ: 07:30-11:30, 13:30-17:00.',
      'Danh mục TTHC, dòng 3: Đơn vị thời hạn phải là “ngày làm việc”, “giờ làm việc” hoặc “trong ngày”.',
      'Ngày nghỉ, dòng 2: Loại ngày “Nghỉ Tết” phải là Nghỉ lễ, Nghỉ bù, Nghỉ hoán đổi hoặc Làm bù.',
    ]);
    // The default office hours stand in, and the other procedures still work.
    expect(ctx.officeHours).toEqual([
      { start: 450, end: 690 },
      { start: 810, end: 1020 },
    ]);
    expect(ctx.procedures.map((p) => p.code)).not.toContain('1.000894');
  });
});

describe('escapeHtml', () => {
  it('escapes everything that could open a tag, an attribute or a template', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
    expect(escapeHtml(undefined)).toBe('');
  });
});
