/**
 * The periodic report (Biểu 06/VPCP/KSTT; domain.md §6): dossiers received, resolved early / on
 * time / late, in progress within deadline / overdue, and the residual (stopped, withdrawn), per
 * unit, per field and in total, each line balancing, with rates that name their denominator.
 * Classification is `classifyForPeriod` (design.md §5); this only counts.
 */
import { qualifiedAgency } from './adminLevels';
import type { CivilDate } from './civil';
import { compareVietnamese } from './collation';
import type { Channel } from './dossier';
import { formatPercentVi } from './format';
import {
  addServiceCounts,
  addServiceSlots,
  emptyServiceCounts,
  INTAKE_SERVICE_FIELDS,
  RESULT_SERVICE_FIELDS,
  type ServiceCounts,
  serviceCountsByValue,
  type ServiceSlots,
  serviceSlots,
  type ServiceValues,
} from './serviceFields';
import { classifyForPeriod, type PeriodClassification, type PeriodRecord } from './timeliness';

/** A register row as the report needs it: no applicant's data. */
export interface SummaryRecord extends PeriodRecord {
  readonly unit: string;
  readonly field: string;
  readonly procedureName: string;
  readonly supplementCount: number;
  /** `Cơ quan giải quyết`: centres receive dossiers of other agencies and other communes (Decree 118/2025). */
  readonly agency?: string;
  /** The service index's fields the row records (core/serviceFields.ts). */
  readonly service?: ServiceValues;
}

export interface Counts {
  readonly received: { total: number; online: number; inPersonOrPostal: number; carriedOver: number };
  readonly resolved: { total: number; early: number; onTime: number; late: number };
  readonly inProgress: { total: number; withinDeadline: number; overdue: number };
  readonly other: { total: number };
  /** Early or on time, but with more than one supplement request: late in the 766 index. */
  lateBySupplements: number;
  /** Of resolved (7): the competent agency's refusals after review, a written reply (`Từ chối giải quyết`). */
  refusedAfterReview: number;
  /**
   * The service index's fields: channel, online level, digitised components and online fee of the
   * dossiers received in the period; result delivery and digitised result of those resolved with a result.
   */
  readonly service: ServiceCounts;
}

const RATE_KEYS = [
  'earlyOfReceived',
  'onTimeOfReceived',
  'lateOfReceived',
  'earlyOfResolved',
  'onTimeOfResolved',
  'lateOfResolved',
  'timeliness766',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export function emptyCounts(): Counts {
  return {
    received: { total: 0, online: 0, inPersonOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
    other: { total: 0 },
    lateBySupplements: 0,
    refusedAfterReview: 0,
    service: emptyServiceCounts(),
  };
}

const ONLINE: Channel = 'Trực tuyến';

/** Adds one classified dossier to `counts`. */
function tally(
  counts: Counts,
  c: PeriodClassification,
  record: PeriodRecord & { supplementCount?: number },
  slots: ServiceSlots,
): void {
  const { received, resolved, inProgress, other } = counts;
  received.total += 1;
  if (c.receivedInPeriod) addServiceSlots(counts.service, INTAKE_SERVICE_FIELDS, slots);
  if (c.resolved && record.status === 'Từ chối giải quyết') counts.refusedAfterReview += 1;
  else if (c.resolved) addServiceSlots(counts.service, RESULT_SERVICE_FIELDS, slots);
  if (c.carriedOver) received.carriedOver += 1;
  else if (record.channel === ONLINE) received.online += 1;
  else received.inPersonOrPostal += 1;
  if (c.resolved) {
    resolved.total += 1;
    if (c.resolved === 'early') resolved.early += 1;
    else if (c.resolved === 'on-time') resolved.onTime += 1;
    else resolved.late += 1;
    if (c.resolved !== 'late' && (record.supplementCount ?? 0) > 1) counts.lateBySupplements += 1;
  } else if (c.stopped) other.total += 1;
  else if (c.inProgress) {
    inProgress.total += 1;
    if (c.inProgress === 'overdue') inProgress.overdue += 1;
    else inProgress.withinDeadline += 1;
  }
}

/** The figures of a Biểu 06 line in the form's order: (3)–(6), (7)–(10), (11)–(13), then the residual. */
export function formFigures(c: Counts): number[] {
  return [
    c.received.total,
    c.received.online,
    c.received.inPersonOrPostal,
    c.received.carriedOver,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.inProgress.total,
    c.inProgress.withinDeadline,
    c.inProgress.overdue,
    c.other.total,
  ];
}

export function addCounts(into: Counts, more: Counts): void {
  for (const group of ['received', 'resolved', 'inProgress', 'other'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [k, v] of Object.entries(more[group])) target[k] = (target[k] ?? 0) + v;
  }
  into.lateBySupplements += more.lateBySupplements;
  into.refusedAfterReview += more.refusedAfterReview ?? 0;
  addServiceCounts(into.service, more.service ?? emptyServiceCounts());
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : 0);

/** The 766 index's numerator: finished early or on time with at most one supplement request, and open within deadline. */
export function onTime766(c: Counts): number {
  return c.resolved.early + c.resolved.onTime - c.lateBySupplements + c.inProgress.withinDeadline;
}

/**
 * The rates, each with its denominator in its name: of all received (carried over included, as the
 * report's column 3), of resolved; and the 766 index's timeliness: dossiers finished early or on
 * time (at most one supplement request) and open ones within deadline, of all handled. No
 * denominator gives 0.
 */
export function ratesOf(c: Counts): Record<RateKey, number> {
  const r = c.received.total;
  const s = c.resolved.total;
  return {
    earlyOfReceived: ratio(c.resolved.early, r),
    onTimeOfReceived: ratio(c.resolved.onTime, r),
    lateOfReceived: ratio(c.resolved.late, r),
    earlyOfResolved: ratio(c.resolved.early, s),
    onTimeOfResolved: ratio(c.resolved.onTime, s),
    lateOfResolved: ratio(c.resolved.late, s),
    timeliness766: ratio(onTime766(c), r),
  };
}

function ratesTextOf(rates: Record<RateKey, number>): Record<RateKey, string> {
  return Object.fromEntries(RATE_KEYS.map((k) => [k, formatPercentVi(rates[k])])) as Record<RateKey, string>;
}

export interface Summary {
  readonly from: CivilDate;
  readonly to: CivilDate;
  /** Units in the order first met. */
  readonly units: readonly { readonly unit: string; readonly counts: Counts }[];
  /** Per unit (in the order of `units`), per field (lĩnh vực) by name. */
  readonly fields: readonly { readonly unit: string; readonly field: string; readonly counts: Counts }[];
  /**
   * Per competent agency (`Cơ quan giải quyết`, else the unit), by name: `agency` is the line's label,
   * qualified by its commune when the same name stands for agencies of several units (every commune
   * has its `Công an xã`); `name` and `unit` are what the rows said, for merging.
   */
  readonly agencies: readonly {
    readonly agency: string;
    readonly name?: string;
    readonly unit?: string;
    readonly counts: Counts;
  }[];
  /** Refusals at the counter (Mẫu 03) in the period: not received, so in none of the counts. */
  readonly receptionRefusals: number;
  readonly total: Counts;
  /** Late dossiers (resolved late, or open and overdue) by procedure, most first. */
  readonly lateByProcedure: readonly { readonly procedure: string; readonly count: number }[];
  /** Late reasons as written (`Lý do chậm`), most first. */
  readonly lateReasons: readonly { readonly reason: string; readonly count: number }[];
  /** Handled dossiers with at least one supplement request, and those with more than one. */
  readonly supplements: { readonly atLeastOne: number; readonly moreThanOne: number };
  readonly satisfaction: Readonly<Record<string, number>>;
}

/**
 * The agencies' lines by label: a name used under one unit only, or a unit's own name (`UBND xã Yên
 * Lạc` receiving at another commune's centre is still one agency), stays as it is; any other name
 * shared by several units is a different agency in each (`Công an xã`), qualified by its commune.
 */
function agencyLines(
  lines: readonly { unit: string; name: string; counts: Counts }[],
  units: readonly string[],
): Summary['agencies'] {
  const unitsOf = new Map<string, Set<string>>();
  for (const l of lines) unitsOf.set(l.name, (unitsOf.get(l.name) ?? new Set()).add(l.unit));
  const unitNames = new Set(units);
  const merged = new Map<string, { agency: string; name: string; unit: string; counts: Counts }>();
  for (const l of lines) {
    const shared = (unitsOf.get(l.name)?.size ?? 0) > 1 && !unitNames.has(l.name);
    const agency = shared ? qualifiedAgency(l.name, l.unit) : l.name;
    const line = merged.get(agency) ?? { agency, name: l.name, unit: l.unit, counts: emptyCounts() };
    addCounts(line.counts, l.counts);
    merged.set(agency, line);
  }
  return [...merged.values()].sort((a, b) => compareVietnamese(a.agency, b.agency));
}

/**
 * A part of a summary counted on its own (a register read on another thread): plain data, so it
 * can travel between threads, and parts added in the order of their registers make the summary
 * of all their records (summaryOfParts).
 */
export interface SummaryPart {
  /** Units in the order first met. */
  readonly units: readonly (readonly [string, Counts])[];
  readonly fields: readonly (readonly [string, string, Counts])[];
  /** By unit and agency name, in the order first met. */
  readonly agencies: readonly (readonly [string, string, Counts])[];
  readonly total: Counts;
  readonly late: readonly (readonly [string, number])[];
  readonly reasons: readonly (readonly [string, number])[];
  /** In the order first met (the report lists them so). */
  readonly satisfaction: readonly (readonly [string, number])[];
  readonly supplements: { readonly atLeastOne: number; readonly moreThanOne: number };
}

/** Lines kept by unit, then by a name within it (a field, an agency), in the order first met. */
class LinesByUnit {
  readonly byUnit = new Map<string, Map<string, Counts>>();

  get(unit: string, name: string): Counts {
    let names = this.byUnit.get(unit);
    if (!names) this.byUnit.set(unit, (names = new Map()));
    let counts = names.get(name);
    if (!counts) names.set(name, (counts = emptyCounts()));
    return counts;
  }

  entries(): [string, string, Counts][] {
    return [...this.byUnit].flatMap(([unit, names]) =>
      [...names].map(([name, counts]): [string, string, Counts] => [unit, name, counts]),
    );
  }
}

/** What a summary is gathered into: the lines by unit and field, the totals, the lists. */
class SummaryBuilder {
  readonly units: Map<string, Counts>;
  readonly fields = new LinesByUnit();
  /** An agency is one per unit: the same name under two units may be two agencies (each commune's police). */
  readonly agencies = new LinesByUnit();
  readonly total = emptyCounts();
  readonly late = new Map<string, number>();
  readonly reasons = new Map<string, number>();
  readonly satisfaction = new Map<string, number>();
  readonly supplements = { atLeastOne: 0, moreThanOne: 0 };

  /**
   * Records are counted once each, in their finest line (unit, field, agency); the unit, field and
   * agency lines and the total are sums of these, added up when asked (settle). Four tallies a row
   * were most of a report's counting; the lines are few (units × fields × agencies).
   */
  private readonly finest = new Map<string, Map<string, Map<string, Counts>>>();
  /** The finest lines in the order first met: added up in this order, every line keeps its place. */
  private unsettled: { unit: string; field: string; agency: string; counts: Counts }[] = [];
  /** The last record's finest line: rows of a register mostly follow one another in the same one. */
  private lastLine: { unit: string; field: string; agency: string; counts: Counts } | undefined;

  /** `knownUnits` have a line even with nothing in the period ("none" is not "not reported"), in this order. */
  constructor(knownUnits: readonly string[]) {
    this.units = new Map(knownUnits.map((u) => [u, emptyCounts()]));
  }

  unit(name: string): Counts {
    let counts = this.units.get(name);
    if (!counts) this.units.set(name, (counts = emptyCounts()));
    return counts;
  }

  static add(map: Map<string, number>, key: string, count: number): void {
    map.set(key, (map.get(key) ?? 0) + count);
  }

  record(
    record: SummaryRecord & { readonly delayReason?: string; readonly satisfaction?: string },
    from: CivilDate,
    to: CivilDate,
  ): void {
    const c = classifyForPeriod(record, from, to);
    if (!c.receivedInPeriod && !c.carriedOver) return;
    const slots = serviceSlots(record.service, record.channel === ONLINE);
    tally(this.finestLine(record.unit, record.field, record.agency || record.unit), c, record, slots);
    if (c.resolved === 'late' || c.inProgress === 'overdue') {
      SummaryBuilder.add(this.late, record.procedureName, 1);
      SummaryBuilder.add(this.reasons, record.delayReason?.trim() || '(không ghi lý do)', 1);
    }
    if (record.supplementCount > 0) this.supplements.atLeastOne += 1;
    if (record.supplementCount > 1) this.supplements.moreThanOne += 1;
    if (record.satisfaction) SummaryBuilder.add(this.satisfaction, record.satisfaction, 1);
  }

  private finestLine(unit: string, field: string, agency: string): Counts {
    const last = this.lastLine;
    if (last && last.unit === unit && last.field === field && last.agency === agency) return last.counts;
    let fields = this.finest.get(unit);
    if (!fields) this.finest.set(unit, (fields = new Map()));
    let agencies = fields.get(field);
    if (!agencies) fields.set(field, (agencies = new Map()));
    let counts = agencies.get(agency);
    if (!counts) {
      agencies.set(agency, (counts = emptyCounts()));
      this.unsettled.push({ unit, field, agency, counts });
    }
    this.lastLine = { unit, field, agency, counts };
    return counts;
  }

  /** The finest lines added to the unit, field and agency lines and the total, in the order first met. */
  private settle(): void {
    if (this.unsettled.length === 0) return;
    for (const { unit, field, agency, counts } of this.unsettled) {
      addCounts(this.unit(unit), counts);
      addCounts(this.fields.get(unit, field), counts);
      addCounts(this.agencies.get(unit, agency), counts);
      addCounts(this.total, counts);
    }
    // Counted from here on in lines of their own: a record after a settle is added by the next one.
    this.unsettled = [];
    this.finest.clear();
    this.lastLine = undefined;
  }

  part(): SummaryPart {
    this.settle();
    return {
      units: [...this.units],
      fields: this.fields.entries(),
      agencies: this.agencies.entries(),
      total: this.total,
      late: [...this.late],
      reasons: [...this.reasons],
      satisfaction: [...this.satisfaction],
      supplements: this.supplements,
    };
  }

  addPart(part: SummaryPart): void {
    this.settle();
    for (const [unit, counts] of part.units) addCounts(this.unit(unit), counts);
    for (const [unit, field, counts] of part.fields) addCounts(this.fields.get(unit, field), counts);
    for (const [unit, name, counts] of part.agencies) addCounts(this.agencies.get(unit, name), counts);
    addCounts(this.total, part.total);
    for (const [k, n] of part.late) SummaryBuilder.add(this.late, k, n);
    for (const [k, n] of part.reasons) SummaryBuilder.add(this.reasons, k, n);
    for (const [k, n] of part.satisfaction) SummaryBuilder.add(this.satisfaction, k, n);
    this.supplements.atLeastOne += part.supplements.atLeastOne;
    this.supplements.moreThanOne += part.supplements.moreThanOne;
  }

  build(from: CivilDate, to: CivilDate, receptionRefusals = 0): Summary {
    this.settle();
    const units = [...this.units.keys()];
    const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || compareVietnamese(a[0], b[0]));
    return {
      from,
      to,
      units: [...this.units.entries()].map(([unit, counts]) => ({ unit, counts })),
      // By name, not as first met: a report must not change when people sort the register or rows move to an archive.
      fields: this.fields
        .entries()
        .map(([unit, field, counts]) => ({ unit, field, counts }))
        .sort((a, b) => units.indexOf(a.unit) - units.indexOf(b.unit) || compareVietnamese(a.field, b.field)),
      agencies: agencyLines(
        this.agencies.entries().map(([unit, name, counts]) => ({ unit, name, counts })),
        units,
      ),
      receptionRefusals,
      total: this.total,
      lateByProcedure: ranked(this.late).map(([procedure, count]) => ({ procedure, count })),
      lateReasons: ranked(this.reasons).map(([reason, count]) => ({ reason, count })),
      supplements: this.supplements,
      satisfaction: Object.fromEntries(this.satisfaction),
    };
  }
}

type ReportedRecord = SummaryRecord & { readonly delayReason?: string; readonly satisfaction?: string };

export function summarize(
  records: Iterable<ReportedRecord>,
  from: CivilDate,
  to: CivilDate,
  knownUnits: readonly string[] = [],
): Summary {
  const b = new SummaryBuilder(knownUnits);
  for (const record of records) b.record(record, from, to);
  return b.build(from, to);
}

/** The part of a summary that records make, counted one by one as they come (none kept). */
export function partTally(from: CivilDate, to: CivilDate): { add(record: ReportedRecord): void; part(): SummaryPart } {
  const b = new SummaryBuilder([]);
  return { add: (record) => b.record(record, from, to), part: () => b.part() };
}

/** The part of a summary that `records` make (summaryOfParts adds the parts up). */
export function summaryPart(records: Iterable<ReportedRecord>, from: CivilDate, to: CivilDate): SummaryPart {
  const tally = partTally(from, to);
  for (const record of records) tally.add(record);
  return tally.part();
}

/** The summary of parts counted apart, added in order: the same as `summarize` over all their records. */
export function summaryOfParts(
  parts: readonly SummaryPart[],
  from: CivilDate,
  to: CivilDate,
  knownUnits: readonly string[] = [],
): Summary {
  const b = new SummaryBuilder(knownUnits);
  for (const part of parts) b.addPart(part);
  return b.build(from, to);
}

/** The CLI's JSON (design.md §8, contract) for one unit's or the total's counts. */
export function countsJson(c: Counts) {
  const rates = ratesOf(c);
  return {
    received: { ...c.received },
    resolved: { ...c.resolved },
    inProgress: { ...c.inProgress },
    other: { ...c.other },
    rates,
    ratesText: ratesTextOf(rates),
    // Keys added to design.md §8's shape: refusals after review among (7), and the service index's fields.
    refusedAfterReview: c.refusedAfterReview,
    service: serviceCountsByValue(c.service),
  };
}

/** One summary from the summaries of several registers of the same period (they add up). */
export function mergeSummaries(
  parts: readonly Summary[],
  from: CivilDate,
  to: CivilDate,
  knownUnits: readonly string[] = [],
): Summary {
  const b = new SummaryBuilder(knownUnits);
  let receptionRefusals = 0;
  for (const part of parts) {
    for (const u of part.units) addCounts(b.unit(u.unit), u.counts);
    for (const f of part.fields) addCounts(b.fields.get(f.unit, f.field), f.counts);
    // A checkpoint written by an older version has no agencies (its units stand for them), or
    // agencies without their unit (a part is one register: its unit).
    const partUnit = part.units.length === 1 ? (part.units[0]?.unit ?? '') : '';
    for (const a of part.agencies ?? part.units.map((u) => ({ agency: u.unit, unit: u.unit, counts: u.counts }))) {
      addCounts(b.agencies.get(a.unit ?? partUnit, a.name ?? a.agency), a.counts);
    }
    receptionRefusals += part.receptionRefusals ?? 0;
    addCounts(b.total, part.total);
    for (const p of part.lateByProcedure) SummaryBuilder.add(b.late, p.procedure, p.count);
    for (const r of part.lateReasons) SummaryBuilder.add(b.reasons, r.reason, r.count);
    for (const [k, v] of Object.entries(part.satisfaction)) SummaryBuilder.add(b.satisfaction, k, v);
    b.supplements.atLeastOne += part.supplements.atLeastOne;
    b.supplements.moreThanOne += part.supplements.moreThanOne;
  }
  return b.build(from, to, receptionRefusals);
}
