/**
 * The periodic report (Biểu 06/VPCP/KSTT; domain.md §6): dossiers received, resolved early / on
 * time / late, in progress within deadline / overdue, and the residual (stopped, withdrawn), per
 * unit, per field and in total, each line balancing, with rates that name their denominator.
 * Classification is `classifyForPeriod` (design.md §5); this only counts.
 */
import type { CivilDate } from './civil';
import type { Channel } from './dossier';
import { formatPercentVi } from './format';
import { classifyForPeriod, type PeriodClassification, type PeriodRecord } from './timeliness';

/** A register row as the report needs it: no applicant's data. */
export interface SummaryRecord extends PeriodRecord {
  readonly unit: string;
  readonly field: string;
  readonly procedureName: string;
  readonly supplementCount: number;
}

export interface Counts {
  readonly received: { total: number; online: number; inPersonOrPostal: number; carriedOver: number };
  readonly resolved: { total: number; early: number; onTime: number; late: number };
  readonly inProgress: { total: number; withinDeadline: number; overdue: number };
  readonly other: { total: number };
  /** Early or on time, but with more than one supplement request: late in the 766 index. */
  lateBySupplements: number;
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
  };
}

const ONLINE: Channel = 'Trực tuyến';

/** Adds one classified dossier to `counts`. */
function tally(counts: Counts, c: PeriodClassification, record: PeriodRecord & { supplementCount?: number }): void {
  const { received, resolved, inProgress, other } = counts;
  received.total += 1;
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

export function addCounts(into: Counts, more: Counts): void {
  for (const group of ['received', 'resolved', 'inProgress', 'other'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [k, v] of Object.entries(more[group])) target[k] = (target[k] ?? 0) + v;
  }
  into.lateBySupplements += more.lateBySupplements;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : 0);

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
    timeliness766: ratio(c.resolved.early + c.resolved.onTime - c.lateBySupplements + c.inProgress.withinDeadline, r),
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
  /** Per unit, per field (lĩnh vực), in the order first met. */
  readonly fields: readonly { readonly unit: string; readonly field: string; readonly counts: Counts }[];
  readonly total: Counts;
  /** Late dossiers (resolved late, or open and overdue) by procedure, most first. */
  readonly lateByProcedure: readonly { readonly procedure: string; readonly count: number }[];
  /** Late reasons as written (`Lý do chậm`), most first. */
  readonly lateReasons: readonly { readonly reason: string; readonly count: number }[];
  /** Handled dossiers with at least one supplement request, and those with more than one. */
  readonly supplements: { readonly atLeastOne: number; readonly moreThanOne: number };
  readonly satisfaction: Readonly<Record<string, number>>;
}

export function summarize(
  records: Iterable<SummaryRecord & { readonly delayReason?: string; readonly satisfaction?: string }>,
  from: CivilDate,
  to: CivilDate,
  /** Units that have a line even with nothing in the period ("none" is not "not reported"), in this order. */
  knownUnits: readonly string[] = [],
): Summary {
  const units = new Map<string, Counts>(knownUnits.map((u) => [u, emptyCounts()]));
  const fields = new Map<string, { unit: string; field: string; counts: Counts }>();
  const total = emptyCounts();
  const late = new Map<string, number>();
  const reasons = new Map<string, number>();
  const satisfaction: Record<string, number> = {};
  const supplements = { atLeastOne: 0, moreThanOne: 0 };
  for (const record of records) {
    const c = classifyForPeriod(record, from, to);
    if (!c.receivedInPeriod && !c.carriedOver) continue;
    let unit = units.get(record.unit);
    if (!unit) units.set(record.unit, (unit = emptyCounts()));
    const fieldKey = `${record.unit}\u0000${record.field}`;
    let field = fields.get(fieldKey);
    if (!field) fields.set(fieldKey, (field = { unit: record.unit, field: record.field, counts: emptyCounts() }));
    tally(unit, c, record);
    tally(field.counts, c, record);
    tally(total, c, record);
    if (c.resolved === 'late' || c.inProgress === 'overdue') {
      late.set(record.procedureName, (late.get(record.procedureName) ?? 0) + 1);
      const reason = record.delayReason?.trim() || '(không ghi lý do)';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (record.supplementCount > 0) supplements.atLeastOne += 1;
    if (record.supplementCount > 1) supplements.moreThanOne += 1;
    if (record.satisfaction) satisfaction[record.satisfaction] = (satisfaction[record.satisfaction] ?? 0) + 1;
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')).map(([key, count]) => ({ key, count }));
  return {
    from,
    to,
    units: [...units.entries()].map(([unit, counts]) => ({ unit, counts })),
    fields: [...fields.values()],
    total,
    lateByProcedure: ranked(late).map(({ key, count }) => ({ procedure: key, count })),
    lateReasons: ranked(reasons).map(({ key, count }) => ({ reason: key, count })),
    supplements,
    satisfaction,
  };
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
  };
}

/** One summary from the summaries of several registers of the same period (they add up). */
export function mergeSummaries(
  parts: readonly Summary[],
  from: CivilDate,
  to: CivilDate,
  knownUnits: readonly string[] = [],
): Summary {
  const units = new Map<string, Counts>(knownUnits.map((u) => [u, emptyCounts()]));
  const fields = new Map<string, { unit: string; field: string; counts: Counts }>();
  const total = emptyCounts();
  const late = new Map<string, number>();
  const reasons = new Map<string, number>();
  const satisfaction: Record<string, number> = {};
  const supplements = { atLeastOne: 0, moreThanOne: 0 };
  for (const part of parts) {
    for (const u of part.units) {
      const into = units.get(u.unit) ?? emptyCounts();
      units.set(u.unit, into);
      addCounts(into, u.counts);
    }
    for (const f of part.fields) {
      const key = `${f.unit}\u0000${f.field}`;
      const into = fields.get(key) ?? { unit: f.unit, field: f.field, counts: emptyCounts() };
      fields.set(key, into);
      addCounts(into.counts, f.counts);
    }
    addCounts(total, part.total);
    for (const p of part.lateByProcedure) late.set(p.procedure, (late.get(p.procedure) ?? 0) + p.count);
    for (const r of part.lateReasons) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + r.count);
    for (const [k, v] of Object.entries(part.satisfaction)) satisfaction[k] = (satisfaction[k] ?? 0) + v;
    supplements.atLeastOne += part.supplements.atLeastOne;
    supplements.moreThanOne += part.supplements.moreThanOne;
  }
  const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
  return {
    from,
    to,
    units: [...units.entries()].map(([unit, counts]) => ({ unit, counts })),
    fields: [...fields.values()],
    total,
    lateByProcedure: ranked(late).map(([procedure, count]) => ({ procedure, count })),
    lateReasons: ranked(reasons).map(([reason, count]) => ({ reason, count })),
    supplements,
    satisfaction,
  };
}
