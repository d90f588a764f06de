import fc from 'fast-check';
import { addDays } from '../../src/core/civil';
import { CHANNELS, DOSSIER_STATUSES } from '../../src/core/dossier';
import { officialLines } from '../../src/core/officialReport';
import { NOT_RECORDED, serviceCountsByValue } from '../../src/core/serviceFields';
import { classifyForPeriod } from '../../src/core/timeliness';
import {
  addCounts,
  countsJson,
  emptyCounts,
  mergeSummaries,
  summarize,
  summaryOfParts,
  summaryPart,
  type SummaryRecord,
} from '../../src/core/summary';

const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-01-01', n));
const record: fc.Arbitrary<SummaryRecord> = fc
  .record({
    unit: fc.constantFrom('Xã A', 'Xã B', 'Huyện'),
    field: fc.constantFrom('Hộ tịch', 'Đất đai', 'Chứng thực'),
    status: fc.constantFrom(...DOSSIER_STATUSES),
    channel: fc.constantFrom(...CHANNELS),
    received: day,
    dueOffset: fc.integer({ min: 0, max: 20 }),
    endOffset: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    supplementCount: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => ({
    unit: r.unit,
    field: r.field,
    procedureName: 'Thủ tục',
    status: r.status,
    channel: r.channel,
    receivedDate: r.received,
    dueDate: addDays(r.received, r.dueOffset),
    ...(r.endOffset !== undefined ? { endDate: addDays(r.received, r.endOffset) } : {}),
    supplementCount: r.supplementCount,
  }));

const balanced = (c: ReturnType<typeof emptyCounts>) =>
  c.received.total === c.received.online + c.received.inPersonOrPostal + c.received.carriedOver &&
  c.resolved.total === c.resolved.early + c.resolved.onTime + c.resolved.late &&
  c.inProgress.total === c.inProgress.withinDeadline + c.inProgress.overdue &&
  c.received.total === c.resolved.total + c.inProgress.total + c.other.total;

describe('the periodic report', () => {
  it('balances every line, per unit and per field, and the total is the sum of the units (property)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 200 }), day, fc.integer({ min: 0, max: 60 }), (records, from, length) => {
        const s = summarize(records, from, addDays(from, length));
        const sum = emptyCounts();
        for (const u of s.units) addCounts(sum, u.counts);
        const byField = emptyCounts();
        for (const f of s.fields) addCounts(byField, f.counts);
        return (
          balanced(s.total) &&
          s.units.every((u) => balanced(u.counts)) &&
          s.fields.every((f) => balanced(f.counts)) &&
          JSON.stringify(sum) === JSON.stringify(s.total) &&
          JSON.stringify(byField) === JSON.stringify(s.total)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on how the registers are split or ordered (property)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 150 }), fc.integer({ min: 0, max: 150 }), (records, cut) => {
        const whole = summarize(records, '2026-02-01', '2026-03-31').total;
        const parts = summarize([...records.slice(cut), ...records.slice(0, cut)], '2026-02-01', '2026-03-31').total;
        return JSON.stringify(whole) === JSON.stringify(parts);
      }),
      { numRuns: 200 },
    );
  });

  it('is the same whether the registers are counted together or as parts added up in their order, a part sent between threads included (property)', () => {
    const withDetails = fc
      .tuple(
        record,
        fc.option(fc.constantFrom('UBND xã A', 'Công an xã', 'Xã B'), { nil: undefined }),
        fc.constantFrom('', 'Rất hài lòng', 'Hài lòng'),
        fc.constantFrom('', 'Thiếu hồ sơ'),
      )
      .map(([r, agency, satisfaction, delayReason]) => ({ ...r, ...(agency ? { agency } : {}), satisfaction, delayReason }));
    fc.assert(
      fc.property(
        fc.array(withDetails, { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
        fc.constantFrom([], ['Xã B'], ['Huyện', 'Xã C']),
        (records, cuts, known) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), records.length];
          const parts = bounds
            .slice(1)
            .map((end, k) => summaryPart(records.slice(bounds[k], end), '2026-02-01', '2026-03-31'))
            .map((part) => structuredClone(part));
          const together = summarize(records, '2026-02-01', '2026-03-31', known);
          const added = summaryOfParts(parts, '2026-02-01', '2026-03-31', known);
          expect(added).toEqual(together);
          // Key order too: the report lists units, satisfaction levels… in the order first met.
          expect(JSON.stringify(added)).toBe(JSON.stringify(together));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts each record once in its unit’s, its field’s and its agency’s line and in the total, units in the order first met (property)', () => {
    const withAgency = fc
      .tuple(record, fc.option(fc.constantFrom('UBND xã A', 'Công an xã'), { nil: undefined }))
      .map(([r, agency]) => ({ ...r, ...(agency ? { agency } : {}) }));
    // The figures counted straight from each record's classification: the oracle of every line.
    const figures = (records: readonly SummaryRecord[], from: string, to: string) => {
      const classes = records.map((r) => classifyForPeriod(r, from, to)).filter((c) => c.receivedInPeriod || c.carriedOver);
      const count = (test: (c: (typeof classes)[number]) => boolean) => classes.filter(test).length;
      return {
        received: classes.length,
        carriedOver: count((c) => c.carriedOver),
        early: count((c) => c.resolved === 'early'),
        onTime: count((c) => c.resolved === 'on-time'),
        late: count((c) => c.resolved === 'late'),
        overdue: count((c) => c.inProgress === 'overdue'),
        withinDeadline: count((c) => c.inProgress === 'within-deadline'),
      };
    };
    const shown = (c: ReturnType<typeof emptyCounts>) => ({
      received: c.received.total,
      carriedOver: c.received.carriedOver,
      early: c.resolved.early,
      onTime: c.resolved.onTime,
      late: c.resolved.late,
      overdue: c.inProgress.overdue,
      withinDeadline: c.inProgress.withinDeadline,
    });
    fc.assert(
      fc.property(fc.array(withAgency, { maxLength: 150 }), day, fc.integer({ min: 0, max: 60 }), (records, from, length) => {
        const to = addDays(from, length);
        const s = summarize(records, from, to);
        const inPeriod = records.filter((r) => figures([r], from, to).received === 1);
        expect(s.units.map((u) => u.unit)).toEqual([...new Set(inPeriod.map((r) => r.unit))]);
        expect(shown(s.total)).toEqual(figures(records, from, to));
        for (const u of s.units)
          expect(shown(u.counts)).toEqual(
            figures(
              inPeriod.filter((r) => r.unit === u.unit),
              from,
              to,
            ),
          );
        for (const f of s.fields) {
          const own = inPeriod.filter((r) => r.unit === f.unit && r.field === f.field);
          expect(shown(f.counts)).toEqual(figures(own, from, to));
        }
        for (const a of s.agencies) {
          const own = inPeriod.filter((r) => r.unit === a.unit && (r.agency || r.unit) === a.name);
          expect(shown(a.counts)).toEqual(figures(own, from, to));
        }
      }),
      { numRuns: 300 },
    );
  });

  /** Registers with the seed report's outcomes (domain.md §6), every dossier received in the period. */
  function seedUnit(unit: string, counts: { early: number; onTime: number; late: number; open: number; stopped: number }) {
    const rows: SummaryRecord[] = [];
    const add = (n: number, status: SummaryRecord['status'], end: string | undefined) => {
      for (let i = 0; i < n; i += 1) {
        rows.push({
          unit,
          field: 'Hộ tịch',
          procedureName: 'Đăng ký khai sinh',
          status,
          channel: i % 3 === 0 ? 'Trực tuyến' : 'Trực tiếp',
          receivedDate: '2019-03-04',
          dueDate: '2019-03-08',
          ...(end ? { endDate: end } : {}),
          supplementCount: 0,
        });
      }
    };
    add(counts.early, 'Đã trả kết quả', '2019-03-06');
    add(counts.onTime, 'Đã trả kết quả', '2019-03-08');
    add(counts.late, 'Đã trả kết quả', '2019-03-11');
    add(counts.open, 'Đang giải quyết', undefined);
    add(counts.stopped, 'Dừng giải quyết', '2019-03-05');
    return rows;
  }

  it('rebuilds the seed report’s figures, with the residuals it did not show', () => {
    const district = seedUnit('Huyện Yên Lạc', { early: 1297, onTime: 10834, late: 0, open: 20, stopped: 9 });
    const communes = seedUnit('Các xã', { early: 22292, onTime: 172171, late: 5, open: 100, stopped: 29 });
    const s = summarize([...district, ...communes], '2018-01-01', '2020-06-30');
    const [d, c] = s.units.map((u) => countsJson(u.counts));
    expect(d!.received.total).toBe(12160);
    expect(d!.ratesText.earlyOfReceived).toBe('10,67%');
    expect(d!.ratesText.onTimeOfReceived).toBe('89,10%');
    expect(d!.received.total - d!.resolved.early - d!.resolved.onTime).toBe(29);
    expect(c!.received.total).toBe(194597);
    expect(c!.ratesText.earlyOfReceived).toBe('11,46%');
    expect(c!.ratesText.onTimeOfReceived).toBe('88,48%');
    expect(c!.resolved.late).toBe(5);
    expect(c!.inProgress.total + c!.other.total).toBe(129);
    // The balance the article's figures leave out: received = resolved + in progress + stopped.
    expect(c!.received.total).toBe(c!.resolved.total + c!.inProgress.total + c!.other.total);
  });

  it('counts a dossier with more than one supplement request as late in the 766 index only', () => {
    const one = seedUnit('Xã', { early: 1, onTime: 0, late: 0, open: 0, stopped: 0 }).map((r) => ({ ...r, supplementCount: 2 }));
    const j = countsJson(summarize(one, '2019-03-01', '2019-03-31').total);
    expect(j.resolved.early).toBe(1);
    expect(j.ratesText.timeliness766).toBe('0,00%');
  });
});

describe('the official form (Biểu số II.06a/VPCP/KSTT) and the service index', () => {
  const withAgency = fc
    .tuple(record, fc.option(fc.constantFrom('UBND xã A', 'Công an xã', 'Văn phòng đăng ký đất đai'), { nil: undefined }))
    .map(([r, agency]): SummaryRecord => ({ ...r, ...(agency ? { agency } : {}) }));

  it('balances every line of the official form, by field and by agency, the residual counted in (7) and (9) (property)', () => {
    fc.assert(
      fc.property(fc.array(withAgency, { maxLength: 150 }), day, fc.integer({ min: 0, max: 60 }), (records, from, length) => {
        const s = summarize(records, from, addDays(from, length));
        return (['field', 'agency'] as const).every((grouping) =>
          officialLines(s, grouping).every((l) => {
            const [c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13] = l.figures as number[];
            return c3 === c4! + c5! + c6! && c7 === c8! + c9! + c10! && c11 === c12! + c13! && c3 === c7! + c11!;
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('counts each agency’s dossiers once: the agencies add up to the total, a row without one counting for its unit (property)', () => {
    fc.assert(
      fc.property(fc.array(withAgency, { maxLength: 150 }), (records) => {
        const s = summarize(records, '2026-02-01', '2026-03-31');
        const sum = emptyCounts();
        for (const a of s.agencies) addCounts(sum, a.counts);
        const named = new Set(records.map((r) => r.agency ?? r.unit));
        return JSON.stringify(sum) === JSON.stringify(s.total) && s.agencies.every((a) => named.has(a.name ?? a.agency));
      }),
      { numRuns: 200 },
    );
  });

  it('gives each commune’s police its own line, `Công an xã Tam Hồng`, while a commune UBND received at another centre stays one agency', () => {
    const base = {
      field: 'Đăng ký, quản lý cư trú',
      procedureName: 'Đăng ký tạm trú',
      supplementCount: 0,
      status: 'Đang giải quyết',
      channel: 'Trực tiếp',
      receivedDate: '2026-03-02',
      dueDate: '2026-03-05',
    } as const;
    const records: SummaryRecord[] = [
      { ...base, unit: 'UBND xã Tam Hồng', agency: 'Công an xã' },
      { ...base, unit: 'UBND xã Tam Hồng', agency: 'Công an xã' },
      { ...base, unit: 'UBND xã Yên Lạc', agency: 'Công an xã' },
      { ...base, unit: 'UBND thị xã Phúc Yên', agency: 'Công an thị xã' },
      { ...base, unit: 'UBND phường Vĩnh Yên', agency: 'Công an thị xã' },
      { ...base, unit: 'UBND xã Yên Lạc', agency: 'Phòng Kinh tế' },
      { ...base, unit: 'UBND xã Tam Hồng', agency: 'Phòng Kinh tế' },
      { ...base, unit: 'UBND xã Yên Lạc' },
      // Another commune's dossier received at Tam Hồng's centre: the same UBND xã Yên Lạc.
      { ...base, unit: 'UBND xã Tam Hồng', agency: 'UBND xã Yên Lạc' },
      { ...base, unit: 'UBND xã Tam Hồng', agency: 'Văn phòng đăng ký đất đai' },
    ];
    const lines = (s: ReturnType<typeof summarize>) => s.agencies.map((a) => [a.agency, a.counts.received.total]);
    const expected = [
      ['Công an thị xã (phường Vĩnh Yên)', 1],
      ['Công an thị xã Phúc Yên', 1],
      ['Công an xã Tam Hồng', 2],
      ['Công an xã Yên Lạc', 1],
      ['Phòng Kinh tế (xã Tam Hồng)', 1],
      ['Phòng Kinh tế (xã Yên Lạc)', 1],
      ['UBND xã Yên Lạc', 2],
      ['Văn phòng đăng ký đất đai', 1],
    ];
    const whole = summarize(records, '2026-03-01', '2026-03-31');
    expect(lines(whole)).toEqual(expected);
    expect(officialLines(whole, 'agency').map((l) => l.label)).toEqual([...expected.map((e) => e[0]), 'Tổng cộng']);
    // One register per commune, merged as the oversight report does: the same lines.
    const byUnit = [...new Set(records.map((r) => r.unit))].map((u) =>
      summarize(
        records.filter((r) => r.unit === u),
        '2026-03-01',
        '2026-03-31',
      ),
    );
    expect(lines(mergeSummaries(byUnit, '2026-03-01', '2026-03-31'))).toEqual(expected);
    // A name used by one unit only is left as it is.
    expect(lines(summarize(records.slice(0, 2), '2026-03-01', '2026-03-31'))).toEqual([['Công an xã', 2]]);
  });

  it('counts each service field over the dossiers received in the period, a row without it as “(chưa ghi)”', () => {
    const base = { unit: 'Xã A', field: 'Hộ tịch', procedureName: 'Thủ tục', supplementCount: 0, dueDate: '2026-03-10' };
    const s = summarize(
      [
        {
          ...base,
          status: 'Đang giải quyết',
          channel: 'Trực tuyến',
          receivedDate: '2026-03-02',
          service: { 'Kênh nộp': 'Ứng dụng VNeID' },
        },
        {
          ...base,
          status: 'Đã có kết quả',
          channel: 'Trực tiếp',
          receivedDate: '2026-03-02',
          endDate: '2026-03-05',
          service: { 'Hình thức trả kết quả': 'Bản giấy' },
        },
        // Carried over: not received in the period, so not in the intake fields.
        { ...base, status: 'Đang giải quyết', channel: 'Trực tiếp', receivedDate: '2026-01-20', dueDate: '2026-03-20' },
      ],
      '2026-02-15',
      '2026-03-14',
    );
    const service = serviceCountsByValue(s.total.service);
    expect(service['Kênh nộp']).toMatchObject({ 'Ứng dụng VNeID': 1, [NOT_RECORDED]: 1, 'Trực tiếp': 0 });
    expect(service['Hình thức trả kết quả']).toMatchObject({ 'Bản giấy': 1, [NOT_RECORDED]: 0 });
    expect(countsJson(s.total)).toMatchObject({ refusedAfterReview: 0, service: { 'Kênh nộp': { 'Ứng dụng VNeID': 1 } } });
  });
});
