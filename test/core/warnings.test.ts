import fc from 'fast-check';
import { WorkingCalendar } from '../../src/core/calendar';
import { addDays, type CivilDate } from '../../src/core/civil';
import { DOSSIER_STATUSES, type DossierStatus } from '../../src/core/dossier';
import { officerDigestMail } from '../../src/core/warningMail';
import { digestsOf, warningOf, type WatchedDossier } from '../../src/core/warnings';

const calendar = new WorkingCalendar();
const dossier = (due: CivilDate, overrides: Partial<WatchedDossier> = {}): WatchedDossier => ({
  rowNumber: 2,
  code: '000.17.22.H56-260302-0001',
  procedureName: 'Đăng ký thường trú',
  handler: 'Trần Văn Nam',
  status: 'Đang giải quyết',
  dueAt: { date: due, minute: 17 * 60 },
  ...overrides,
});

describe('a dossier’s warning', () => {
  it('counts working days across Tết 2026 (16–20 February off)', () => {
    // Due Monday 23 February; on Friday 13 February only Friday … Monday: the five Tết days do not count.
    const w = warningOf(dossier('2026-02-23'), '2026-02-13', calendar, 2)!;
    expect(w.state).toBe('due-soon');
    expect(w.workingDays).toBe(1);
    expect(w.apologyBy).toBe('2026-02-13');
    const late = warningOf(dossier('2026-02-13'), '2026-02-24', calendar, 2)!;
    expect(late.text).toBe('Quá hạn – trễ 2 ngày làm việc so với hẹn 17 giờ 00, ngày 13/02/2026');
  });

  it('follows the re-appointment after an apology and no longer asks for one', () => {
    const w = warningOf(dossier('2026-03-04', { newDueAt: { date: '2026-03-12', minute: 17 * 60 } }), '2026-03-11', calendar, 2)!;
    expect(w.state).toBe('due-soon');
    expect(w.apologyBy).toBeUndefined();
    expect(w.text).toBe('Sắp đến hạn – còn 1 ngày làm việc, hẹn 17 giờ 00, ngày 12/03/2026');
  });

  it('never calls a dossier waiting for the applicant’s supplement overdue, and says nothing of an ended one', () => {
    expect(warningOf(dossier('2026-01-05', { status: 'Chờ bổ sung' }), '2026-03-11', calendar, 2)?.state).toBe(
      'awaiting-supplement',
    );
    expect(warningOf(dossier('2026-01-05', { status: 'Đã trả kết quả' }), '2026-03-11', calendar, 2)).toBeUndefined();
  });

  it('is overdue exactly after its day, due today on it, due soon within the lead time (property)', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2018-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 5 }), (recorded, offset, lead) => {
        // An appointment recorded on a day off falls due on the next working day (Civil Code Art. 148).
        const due = calendar.workingDayOnOrAfter(recorded);
        const today = addDays(due, offset);
        const w = warningOf(dossier(recorded), today, calendar, lead)!;
        if (today > due) return w.state === 'overdue' && w.workingDays === calendar.workingDaysBetween(due, today);
        if (today === due) return w.state === 'due-today';
        const left = calendar.workingDaysBetween(today, due);
        return w.state === (left <= lead ? 'due-soon' : 'within-deadline');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the digests', () => {
  it('put each mailed dossier in exactly one officer’s digest, most urgent first (property)', () => {
    const status = fc.constantFrom<DossierStatus>(...DOSSIER_STATUSES);
    const row = fc.record({
      handler: fc.constantFrom('Nam', 'Mai', 'Hùng', ''),
      offset: fc.integer({ min: -10, max: 15 }),
      status,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const today = '2026-03-09';
        const warnings = rows.flatMap(
          (r, i) =>
            warningOf(
              dossier(addDays(today, r.offset), { rowNumber: i + 2, handler: r.handler, status: r.status }),
              today,
              calendar,
              2,
            ) ?? [],
        );
        const digests = digestsOf(warnings);
        const mailed = warnings.filter((w) => ['overdue', 'due-today', 'due-soon'].includes(w.state));
        const listed = digests.flatMap((d) => d.items);
        const rank = { overdue: 0, 'due-today': 1, 'due-soon': 2 } as Record<string, number>;
        return (
          listed.length === mailed.length &&
          new Set(listed.map((w) => w.dossier.rowNumber)).size === listed.length &&
          new Set(digests.map((d) => d.handler)).size === digests.length &&
          digests.every((d) => d.items.every((w, i) => i === 0 || rank[d.items[i - 1]!.state]! <= rank[w.state]!)) &&
          digests.every((d) => d.counts.overdue + d.counts['due-today'] + d.counts['due-soon'] === d.items.length)
        );
      }),
      { numRuns: 500 },
    );
  });

  it('mail the code, procedure and appointment, escaped in HTML', () => {
    const w = warningOf(dossier('2026-03-04', { procedureName: 'Cấp <b>giấy</b> & “bản sao”' }), '2026-03-09', calendar, 2)!;
    const mail = officerDigestMail(digestsOf([w])[0]!, {
      unitName: 'UBND xã Yên Lạc',
      today: '2026-03-09',
      rowLink: (r) => `https://x/#gid=0&range=A${r}`,
    });
    expect(mail.subject).toBe('[UBND xã Yên Lạc] Hồ sơ cần xử lý ngày 09/03/2026: 1 quá hạn');
    expect(mail.body).toContain('Cấp <b>giấy</b> & “bản sao”');
    expect(mail.htmlBody).toContain('Cấp &lt;b&gt;giấy&lt;/b&gt; &amp; “bản sao”');
    expect(mail.htmlBody).toContain('<a href="https://x/#gid=0&amp;range=A2">000.17.22.H56-260302-0001</a>');
  });
});
