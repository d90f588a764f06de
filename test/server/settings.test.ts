import { submitIntake, intakeContext } from '../../src/server/intake';
import { CALENDAR_HEADERS, TABS } from '../../src/sheets/schema';
import { escapeHtml } from '../../src/core/html';
import { intakeInput, readyUnit } from '../helpers';

describe("the unit's own tables", () => {
  it('lets the Ngày nghỉ tab add a day off (24/11/2026) that moves appointments', () => {
    const { run, world } = readyUnit(new Date('2026-11-23T03:00:00Z'));
    const opened = run((s) => intakeContext(s));
    const submit = (tables?: string) =>
      run((s) =>
        submitIntake(
          s,
          intakeInput({ procedureCode: '1.004873', receivedAt: '2026-11-23T08:00', ...(tables ? { tables } : {}) }),
        ),
      );
    const before = submit(opened.tablesVersion);
    expect(before.ok && before.appointment).toBe('17 giờ 00, ngày 26/11/2026'); // 3 working days: 24, 25, 26
    run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.calendar)!;
      const row = sheet.getLastRow() + 1;
      sheet.getRange(row, 1, 1, CALENDAR_HEADERS.length).setValues([['24/11/2026', 'Nghỉ lễ', 'Ngày Văn hóa Việt Nam']]);
    });
    world.clock.advance(60000);
    // The form opened before the edit submits with the tables it showed (what the officer saw)...
    const open = submit(opened.tablesVersion);
    expect(open.ok && open.appointment).toBe('17 giờ 00, ngày 26/11/2026');
    // ...another officer opening a form meanwhile does not change that copy...
    const reopened = run((s) => intakeContext(s));
    expect(reopened.calendarTable).toContainEqual({ date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam' });
    expect(reopened.tablesVersion).not.toBe(opened.tablesVersion);
    const stillOpen = submit(opened.tablesVersion);
    expect(stillOpen.ok && stillOpen.appointment).toBe('17 giờ 00, ngày 26/11/2026');
    // ...a form opened after the edit uses the new day off,
    const after = submit(reopened.tablesVersion);
    expect(after.ok && after.appointment).toBe('17 giờ 00, ngày 27/11/2026');
    // ...and so does any submit once the form's copy has left the cache (10 minutes).
    world.clock.advance(11 * 60000);
    const later = submit(opened.tablesVersion);
    expect(later.ok && later.appointment).toBe('17 giờ 00, ngày 27/11/2026');
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
