/**
 * The register's invariants, checked on a unit workbook as stored (no service call, so no fault and
 * no clock): no code twice, no gap in a day's numbering or in the year's STT, every row with its
 * events and every event with its row, each row's status the one its last event left, no request
 * written twice. A run stopped by a fault may leave one step *in flight* — a code reserved in the
 * year's marks whose row or event is not written yet, or an update's pending mark (`chờ:`) on its
 * row — which the same request's retry (or, for an update, the next step on that dossier) completes;
 * `inFlight: true` accepts exactly those, and reports them.
 */
import type { RawValue } from '../../../src/local/gas/cellFormat';
import type { LocalWorld } from '../../../src/local/gas/world';
import { parseDossierCode } from '../../../src/core/dossierCode';
import { ACTION_LABELS } from '../../../src/core/lifecycle';
import { formatRequestKey, parseRowKeys } from '../../../src/core/requestKey';
import { readMarks } from '../../../src/sheets/numbering';
import { TABS } from '../../../src/sheets/schema';

type Row = Record<string, RawValue | undefined>;

export interface Tables {
  readonly register: readonly Row[];
  readonly log: readonly Row[];
}

function rowsOf(world: LocalWorld, id: string, tab: string): Row[] {
  const sheet = world.spreadsheets.get(id)?.sheets.find((s) => s.name === tab);
  if (!sheet) return [];
  const [header = [], ...rows] = sheet.rows;
  return rows
    .filter((r) => r && r.some((v) => v !== null && v !== undefined && v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h ?? ''), r[i] ?? ''])));
}

/** The register's and the log's rows as stored, by header (row 1, as `Thiết lập sổ` lays them out). */
export function tablesOf(world: LocalWorld, id: string): Tables {
  return { register: rowsOf(world, id, TABS.register), log: rowsOf(world, id, TABS.log) };
}

const without = (rows: readonly Row[], omit: readonly string[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([h]) => !omit.includes(h))));

/**
 * A stable text of the tables, for "unchanged" and "the same as a clean run" comparisons. Request
 * keys are left out (each fixture's requests have their own ids; an update's pending mark is
 * judged by `checkRegister`), and so are the log columns in `omitLogColumns`.
 */
export function picture(tables: Tables, omitLogColumns: readonly string[] = []): string {
  return JSON.stringify({
    register: without(tables.register, ['Mã yêu cầu']),
    log: without(tables.log, ['Mã yêu cầu', ...omitLogColumns]),
  });
}

const text = (v: RawValue | undefined) => (v === null || v === undefined ? '' : String(v));

/** Codes reserved by requests in the year's marks (their row or event may still be on its way). */
function reservedCodes(world: LocalWorld, id: string, years: readonly number[]): Set<string> {
  return world.run({ spreadsheetId: id }, (s) => {
    const properties = s.propertiesService.getDocumentProperties();
    return new Set(years.flatMap((y) => readMarks(properties, y).requests.map(([, code]) => code)));
  });
}

export interface Check {
  readonly problems: string[];
  /** Steps a retry completes: a reserved code without its row or event, a pending mark. */
  readonly inFlight: string[];
}

/** The test units' identifier (test/helpers.ts readyUnit): the codes MotCua itself issues. */
const OWN_UNIT = '000.17.22.H56';

function gaps(numbers: readonly number[]): number[] {
  const present = new Set(numbers);
  const max = Math.max(0, ...numbers);
  return Array.from({ length: max }, (_, i) => i + 1).filter((n) => !present.has(n));
}

export function checkRegister(world: LocalWorld, id: string, options: { inFlight: boolean }): Check {
  const { register, log } = tablesOf(world, id);
  const problems: string[] = [];
  const inFlight: string[] = [];
  const codes = register.map((r) => text(r['Mã hồ sơ'])).filter(Boolean);
  const parsed = codes.map((c) => ({ code: c, p: parseDossierCode(c) }));
  const years = [...new Set(parsed.flatMap(({ p }) => (p ? [2000 + Number(p.datePart.slice(0, 2))] : [])))];
  const reserved = reservedCodes(world, id, years.length > 0 ? years : [2026]);
  const allow = (what: string, ok: boolean) => {
    if (options.inFlight && ok) inFlight.push(what);
    else problems.push(what);
  };

  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) problems.push(`mã ${c} ở hai dòng`);
    seen.add(c);
  }
  // A day's sequence and the year's STT: a missing number is in flight only if its code is reserved.
  const byDay = new Map<string, number[]>();
  for (const { p } of parsed) {
    // Only the codes MotCua issues run without gaps: a code typed from the provincial system has its sequence.
    if (!p || p.unit !== OWN_UNIT) continue;
    const day = `${p.unit}-${p.datePart}`;
    byDay.set(day, [...(byDay.get(day) ?? []), p.sequence]);
  }
  const reservedParsed = [...reserved].map((c) => parseDossierCode(c));
  for (const [day, numbers] of byDay) {
    if (new Set(numbers).size !== numbers.length) problems.push(`số thứ tự trùng trong ngày ${day}`);
    const dayReserved = reservedParsed.filter((p) => p && `${p.unit}-${p.datePart}` === day).map((p) => p!.sequence);
    for (const n of gaps([...numbers, ...dayReserved])) problems.push(`ngày ${day} thiếu số ${n}`);
    for (const n of dayReserved.filter((n) => !numbers.includes(n))) allow(`ngày ${day}: số ${n} đã giữ, chưa có dòng`, true);
  }
  const stt = register.map((r) => r['STT']).filter((v): v is number => typeof v === 'number');
  if (new Set(stt).size !== stt.length) problems.push('STT trùng');
  if (gaps(stt).length > 1 || (gaps(stt).length === 1 && !options.inFlight)) problems.push(`STT thiếu ${gaps(stt).join(', ')}`);

  // Rows and events.
  const events = new Map<string, Row[]>();
  for (const e of log) {
    const code = text(e['Mã hồ sơ']);
    if (!code) continue;
    events.set(code, [...(events.get(code) ?? []), e]);
    if (!seen.has(code)) problems.push(`sự kiện “${text(e['Thao tác'])}” của ${code} không có dòng`);
  }
  const keys = log.map((e) => text(e['Mã yêu cầu'])).filter(Boolean);
  if (new Set(keys).size !== keys.length) problems.push('một yêu cầu được ghi hai lần vào nhật ký');
  for (const r of register) {
    const code = text(r['Mã hồ sơ']);
    if (!code) continue;
    const mine = events.get(code) ?? [];
    if (!mine.some((e) => text(e['Thao tác']) === ACTION_LABELS.receive)) {
      allow(`dòng ${code} không có sự kiện tiếp nhận`, reserved.has(code));
      continue;
    }
    const last = mine.at(-1)!;
    const marked = parseRowKeys(text(r['Mã yêu cầu'])).pending;
    const pending = marked ? formatRequestKey(marked) : '';
    if (text(r['Trạng thái']) !== text(last['Trạng thái sau'])) {
      allow(
        `dòng ${code} “${text(r['Trạng thái'])}” nhưng nhật ký “${text(last['Trạng thái sau'])}”`,
        pending !== '' && pending === text(last['Mã yêu cầu']),
      );
    } else if (pending) allow(`dòng ${code} còn dấu “chờ”`, true);
  }
  return { problems, inFlight };
}
