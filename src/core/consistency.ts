/**
 * The consistency check (`Một cửa › Kiểm tra dữ liệu`, the CLI's `check`): what hand edits or an
 * interrupted run can leave in a register and its log, found row by row from parsed rows and
 * events (no spreadsheet here). A finding carries facts, not sentences: the Vietnamese texts are in
 * `consistencyText.ts`, which the dialog and the CLI load (Apps Script's bundle stays small). A
 * repair is offered only where the right answer is certain.
 */
import { computeDue, periodOf, type ScheduleContext } from './appointment';
import { type CivilDateTime, compareDates, compareDateTimes, formatIsoDateTime } from './civil';
import type { Dossier } from './dossier';
import { formatDateTimeVi } from './format';
import { parseDossierCode } from './dossierCode';
import { HashSet } from './hashSet';
import { IMPORTED_ACTION } from './provincialExport';
import { ACTION_LABELS, type EventDetails } from './lifecycle';
import type { Procedure } from './procedures';
import { cyrb53, formatRequestKey, parseRowKeys } from './requestKey';

/** A register row: its dossier when the row reads as one (else only its code, for duplicates and numbering). */
export interface CheckRow {
  readonly row: number;
  readonly code: string;
  readonly dossier?: Dossier;
  /** `Mã yêu cầu` as text. */
  readonly keys: string;
}

export interface CheckEvent {
  readonly row: number;
  readonly at?: CivilDateTime;
  readonly code: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly key: string;
  /** `Chi tiết`, parsed only when needed (a log holds many). */
  readonly details: () => EventDetails;
}

type FindingKind =
  | 'unreadable'
  | 'duplicate'
  | 'no-events'
  | 'no-row'
  | 'differs'
  | 'chain'
  | 'order'
  | 'due'
  | 'received'
  | 'archived'
  | 'procedure'
  | 'pending'
  | 'pending-edited'
  | 'gap'
  | 'formula-text';

/** A certain repair, and the note the log keeps of it. */
type Repair = ({ readonly type: 'due'; readonly dueAt: string } | { readonly type: 'pending' }) & { readonly note: string };

export interface Finding {
  readonly tab: 'register' | 'log';
  readonly row: number;
  readonly code: string;
  readonly kind: FindingKind;
  /** The facts the message quotes, by kind (dates ISO): see `consistencyText.ts`. */
  readonly facts: readonly string[];
  readonly repair?: Repair;
}

/**
 * The register's rows made as they are asked for (a CSV of 200,000 rows is checked without holding an
 * object a row): each row's code, and the row itself, or undefined for a row with neither a dossier
 * nor a code (a blank or note row).
 */
export interface CheckRows {
  readonly length: number;
  codeAt(i: number): string;
  rowAt(i: number): CheckRow | undefined;
}

const rowsOfArray = (rows: readonly CheckRow[]): CheckRows => ({
  length: rows.length,
  codeAt: (i) => rows[i]!.code,
  rowAt: (i) => rows[i],
});

export interface CheckInput {
  readonly rows: readonly CheckRow[] | CheckRows;
  /** The log's events; undefined when there is no log (a CSV export): the rules that need it are skipped. */
  readonly events?: readonly CheckEvent[];
  /** The catalogue and calendar; undefined (or no procedure) skips the deadline rule. */
  readonly procedures?: readonly Procedure[];
  readonly schedule?: ScheduleContext;
  /** Codes kept elsewhere (an archive of closed years): not missing from the numbering, not rows without events. */
  readonly archived?: ReadonlySet<string>;
  /** Findings made while reading (rows that do not read as a dossier), listed in row order with the rest. */
  readonly unreadable?: readonly Finding[];
}

/** The action written to the log for each repair the check applies. */
export const REPAIR_ACTION = 'Sửa theo kiểm tra dữ liệu';

const LIFECYCLE: readonly string[] = Object.values(ACTION_LABELS);
/** A row without events in the log (a CSV has no log): nothing to replay. */
const NO_STEPS: readonly CheckEvent[] = [];

const iso = (at: CivilDateTime | undefined) => (at ? formatIsoDateTime(at) : '');

/**
 * Steps in time order; steps of the same minute (received, result and handed over at 08:00) in the
 * order their statuses chain, not their rows': a log sorted by hand loses the row order.
 */
function chained(sorted: readonly CheckEvent[]): CheckEvent[] {
  const rest = [...sorted];
  const out: CheckEvent[] = [];
  let status = '';
  while (rest.length > 0) {
    const first = rest[0]!;
    const next = rest.find((e) => compareDateTimes(e.at!, first.at!) === 0 && e.from === status) ?? first;
    rest.splice(rest.indexOf(next), 1);
    out.push(next);
    status = next.to;
  }
  return out;
}

export function checkConsistency(input: CheckInput): Finding[] {
  const { events } = input;
  const rows: CheckRows = Array.isArray(input.rows) ? rowsOfArray(input.rows) : (input.rows as CheckRows);
  const findings: Finding[] = [...(input.unreadable ?? [])];
  const add = (
    row: CheckRow | CheckEvent,
    kind: FindingKind,
    facts: string[] = [],
    repair?: Repair,
    tab: Finding['tab'] = 'register',
  ) => findings.push({ tab, row: row.row, code: row.code, kind, facts, ...(repair ? { repair } : {}) });

  // Pushed, not copied: a register of 200,000 rows is checked in well under a second.
  // The codes on more than one row: first by their hashes, then as text for those few (a map of a
  // 200,000-row register's codes was most of the check's time). Two codes alike in hash are only compared.
  const hashes = new Float64Array(rows.length);
  const met = new HashSet(rows.length);
  const metAgain = new HashSet();
  for (let i = 0; i < rows.length; i += 1) {
    const code = rows.codeAt(i);
    if (!code) continue;
    const h = (hashes[i] = cyrb53(code));
    if (met.has(h)) metAgain.add(h);
    else met.add(h);
  }
  // A code's rows, for the codes that may be on several (a code's one row otherwise).
  const byCode = new Map<string, CheckRow | CheckRow[]>();
  for (let i = 0; i < rows.length; i += 1) {
    const code = rows.codeAt(i);
    if (!code || !metAgain.has(hashes[i]!)) continue;
    const r = rows.rowAt(i)!;
    const had = byCode.get(code);
    if (had === undefined) byCode.set(code, r);
    else if (Array.isArray(had)) had.push(r);
    else byCode.set(code, [had, r]);
  }
  /** Whether a code is on a row of the register (asked only with the log: a set of all its codes, once). */
  let codesOnRows: Set<string> | undefined;
  const onARow = (code: string) => {
    if (!codesOnRows) {
      codesOnRows = new Set();
      for (let i = 0; i < rows.length; i += 1) codesOnRows.add(rows.codeAt(i));
    }
    return codesOnRows.has(code);
  };
  const logged = new Map<string, CheckEvent[]>();
  for (const e of events ?? []) {
    if (!e.code) continue;
    const list = logged.get(e.code);
    if (list) list.push(e);
    else logged.set(e.code, [e]);
  }
  const byKey = new Map((events ?? []).filter((e) => e.key).map((e) => [e.key, e]));
  // A register imported without its history has no step at all in the log: its rows are not each "without events".
  const kept = [...logged.values()].some((list) => list.some((e) => LIFECYCLE.includes(e.action)));

  for (let i = 0; i < rows.length; i += 1) {
    const r = rows.rowAt(i);
    if (!r) continue;
    const same = r.code ? byCode.get(r.code) : undefined;
    const onRows = !r.code ? 0 : Array.isArray(same) ? same.length : 1;
    if (Array.isArray(same))
      add(r, 'duplicate', [
        same
          .filter((o) => o.row !== r.row)
          .map((o) => o.row)
          .join(', '),
      ]);
    const d = r.dossier;
    if (!d) continue;
    // Steps of this dossier in time order; repairs do not count.
    const ownEvents = logged.get(r.code);
    const steps = ownEvents
      ? chained(
          ownEvents
            .filter((e) => LIFECYCLE.includes(e.action) && e.at)
            .sort((a, b) => compareDateTimes(a.at!, b.at!) || a.row - b.row),
        )
      : NO_STEPS;
    let pendingEvent: CheckEvent | undefined;
    if (r.keys.startsWith('chờ:')) {
      const pending = parseRowKeys(r.keys).pending;
      pendingEvent = pending ? byKey.get(formatRequestKey(pending)) : undefined;
      if (pendingEvent && (pendingEvent.code !== r.code || !pendingEvent.details().after)) pendingEvent = undefined;
      if (!pending) add(r, 'pending-edited');
      else if (events)
        add(r, 'pending', pendingEvent ? [pendingEvent.action, String(pendingEvent.row)] : [], {
          type: 'pending',
          note: pendingEvent
            ? `Ghi nốt vào sổ bước “${pendingEvent.action}” đã có trong nhật ký (dòng ${pendingEvent.row})`
            : 'Bỏ dấu chờ của một bước không được ghi vào nhật ký',
        });
    }
    // Also in an archive: a closing stopped before its deletes, or a row copied back (reports count the archive's).
    if (input.archived?.has(r.code)) add(r, 'archived');
    else if (kept && onRows === 1 && !logged.has(r.code)) add(r, 'no-events');
    // (Steps looked through only when there are some: a CSV has none, and its rows are many.)
    const supplemented =
      d.supplementCount > 0 || (steps.length > 0 && steps.some((e) => e.action === ACTION_LABELS['receive-supplement']));

    // Replay: each step starts where the one before left the dossier; the last one says where it is now.
    for (let i = 1; i < steps.length; i += 1) {
      const e = steps[i]!;
      const previous = steps[i - 1]!;
      if (e.from !== previous.to) add(e, 'chain', [e.action, e.from, previous.to], undefined, 'log');
    }
    const last = steps[steps.length - 1];
    if (last && !pendingEvent && onRows === 1) {
      const after = last.details().after;
      // [what, on the row, in the log]: `what` is named in consistencyText.ts.
      const pairs = [['status', d.status, last.to]];
      if (after) {
        pairs.push(
          ['due', supplemented ? iso(d.dueAt) : '', supplemented ? iso(after.dueAt) : ''],
          ['newDue', iso(d.newDueAt), iso(after.newDueAt)],
          ['count', `${d.supplementCount}`, `${after.supplementCount}`],
          ['result', d.resultDate ?? '', after.resultDate ?? ''],
          ['returned', d.returnedDate ?? '', after.returnedDate ?? ''],
        );
      }
      const differ = pairs.filter((p) => p[1] !== p[2]);
      if (differ.length > 0) add(r, 'differs', [last.action, iso(last.at), ...differ.flat()]);
    }

    // Dates out of order (`what` named in consistencyText.ts): received ≤ appointment, received ≤ result ≤ hand-over, steps within them.
    // By day: an appointment typed as a date alone (00:00) on the receipt day is a same-day procedure's, not an error.
    if (compareDates(d.dueAt.date, d.receivedAt.date) < 0) add(r, 'order', ['due<received', iso(d.dueAt), iso(d.receivedAt)]);
    // A supplement received after the apology moves the appointment past it (the log's dates are compared above).
    if (d.newDueAt && !supplemented && compareDateTimes(d.newDueAt, d.dueAt) <= 0)
      add(r, 'order', ['newDue<due', iso(d.newDueAt), iso(d.dueAt)]);
    if (d.returnedDate && compareDates(d.returnedDate, d.resultDate ?? d.receivedAt.date) < 0)
      add(r, 'order', [
        d.resultDate ? 'returned<result' : 'returned<received',
        d.returnedDate,
        d.resultDate ?? iso(d.receivedAt),
      ]);
    // The receipt's own time (the receipt printed it): a receipt time typed earlier is found here, not by the order.
    const receipt = steps.length > 0 ? steps.find((e) => e.action === ACTION_LABELS.receive) : undefined;
    if (receipt && iso(receipt.at) !== iso(d.receivedAt)) add(r, 'received', [iso(d.receivedAt), iso(receipt.at)]);
    for (const e of steps) {
      if (e === receipt) continue;
      if (compareDateTimes(e.at!, d.receivedAt) < 0) add(r, 'order', ['step<received', iso(e.at), iso(d.receivedAt), e.action]);
      else if (d.resultDate && compareDates(e.at!.date, d.resultDate) > 0 && e.action !== ACTION_LABELS['hand-over'])
        add(r, 'order', ['result<step', d.resultDate, iso(e.at), e.action]);
    }

    // The appointment: the procedure's period from the receipt, on the unit's calendar. A dossier
    // imported from the provincial export keeps the province's appointment: the record's, not MotCua's.
    if (!input.procedures?.length || !input.schedule || supplemented) continue;
    if ((logged.get(r.code) ?? []).some((e) => e.action === IMPORTED_ACTION)) continue;
    const procedure = input.procedures.find((p) => p.code === d.procedureCode);
    if (!procedure) {
      add(r, 'procedure', [d.procedureCode]);
      continue;
    }
    const expected = computeDue(periodOf(procedure), d.receivedAt, input.schedule);
    const promised = receipt?.details().dueAt ?? '';
    const found = iso(d.dueAt);
    // The receipt's appointment, as computed then, stands even if the catalogue changed since.
    if (found === iso(expected) || found === promised) continue;
    // Certain when the log's appointment and today's catalogue and calendar agree on it.
    const note = `Hạn trả kết quả ${formatDateTimeVi(d.dueAt)} → ${formatDateTimeVi(expected)}, theo thời hạn của thủ tục như nhật ký ghi khi tiếp nhận`;
    add(
      r,
      'due',
      [found, iso(expected), promised],
      promised === iso(expected) ? { type: 'due', dueAt: promised, note } : undefined,
    );
  }

  if (events) {
    for (const [code, list] of logged) {
      if (!onARow(code) && !input.archived?.has(code) && list.some((e) => LIFECYCLE.includes(e.action)))
        add(list[0]!, 'no-row', [String(list.length)], undefined, 'log');
    }
  }

  // A day's numbering: 0001 up to the highest, each code on a row, in the log or in the archive.
  // Without the log (a CSV export) a missing number may be a closed year's archived dossier: not told.
  // A code typed from the provincial system carries the province's sequence: it is on no one's
  // numbering, and MotCua's own codes of that day start above it (a floor for the day).
  const days = new Map<string, Map<number, CheckRow>>();
  const floors = new Map<string, number>();
  // Imported from the provincial export: the province's code too.
  const typed = (code: string) =>
    (logged.get(code) ?? []).some(
      (e) => (e.action === ACTION_LABELS.receive && e.details().officialCode === true) || e.action === IMPORTED_ACTION,
    );
  for (let i = 0; events && i < rows.length; i += 1) {
    const r = rows.rowAt(i);
    if (!r) continue;
    const parsed = parseDossierCode(r.code);
    if (!parsed) continue;
    const day = `${parsed.unit}-${parsed.datePart}`;
    if (typed(r.code)) {
      floors.set(day, Math.max(floors.get(day) ?? 0, parsed.sequence));
      continue;
    }
    const seen = days.get(day) ?? new Map<number, CheckRow>();
    seen.set(parsed.sequence, seen.get(parsed.sequence) ?? r);
    days.set(day, seen);
  }
  for (const [day, seen] of days) {
    const known = (n: number) => {
      const code = `${day}-${String(n).padStart(4, '0')}`;
      return seen.has(n) || logged.has(code) || input.archived?.has(code);
    };
    let missing: number[] = [];
    for (let n = (floors.get(day) ?? 0) + 1; n <= Math.max(...seen.keys()); n += 1) {
      if (!known(n)) missing.push(n);
      else if (missing.length > 0 && seen.has(n)) {
        const p = day.slice(-6);
        add(seen.get(n)!, 'gap', [
          `20${p.slice(0, 2)}-${p.slice(2, 4)}-${p.slice(4)}`,
          missing.map((m) => String(m).padStart(4, '0')).join(', '),
        ]);
        missing = [];
      }
    }
  }
  return findings.sort((a, b) => (a.tab === b.tab ? a.row - b.row : a.tab === 'register' ? -1 : 1));
}
