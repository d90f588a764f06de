/**
 * The register and the log as the consistency check reads them: the columns it needs (read by the
 * caller, each run of adjacent columns in one call to the grid's end: a constant number of calls,
 * whatever the size), turned into the core's rows and events. A row the report cannot read is a
 * finding of its own.
 */
import type { CheckEvent, CheckRow, CheckRows, Finding } from '../core/consistency';
import { CHANNELS, DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import { matchValue } from '../core/typedValues';
import { looksLikeFormula } from '../core/formulaText';
import type { CellValue, Sheet } from '../gas/services';
import { type CellColumn, columnReader, dateOf, dateTimeOf, integerOf, type Mutable, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { detailsOf } from './eventLog';
import { locateLayout, requireColumns, type SheetLayout } from './layout';
import { problemText, REPORT_COLUMNS, reportRecordsOf } from './periodRecords';
import { type LogHeader, REGISTER_COLUMNS, type RegisterHeader } from './schema';

/** What the check reads: the report's columns and those its rules need, then every other register column, scanned for text a spreadsheet would run. */
export const CHECK_COLUMNS: readonly RegisterHeader[] = [
  ...new Set<RegisterHeader>([...REPORT_COLUMNS, 'STT', 'Mã TTHC', 'Hạn trả mới', 'Mã yêu cầu', ...REGISTER_COLUMNS]),
];

/** The register's layout for the check: a column it never reads may be doubled; the report's three are required. */
export function checkLayout(sheet: Sheet, tab: string): SheetLayout<RegisterHeader> {
  const layout = locateLayout(sheet, tab, CHECK_COLUMNS, 'Thời điểm tiếp nhận');
  requireColumns(layout, REPORT_COLUMNS.slice(0, 3));
  return layout;
}

/** The register's rows (data index 0 is sheet row `headerRow + 1`), and the rows that do not read as a dossier. */
export function checkRowsOf(
  read: ReadonlyMap<RegisterHeader, CellColumn>,
  headerRow: number,
  zone: ZoneConverter,
  /** The header row's cells: a header typed as a formula runs too. */
  headerCells: readonly CellValue[] = [],
): { rows: CheckRows; findings: Finding[]; count: number } {
  const { readable, problems } = reportRecordsOf(read, headerRow, zone, '', false, new Set(), 'problems');
  const bad = new Set(problems.map((p) => p.row));
  const column = (h: RegisterHeader): CellColumn => read.get(h) ?? [];
  // Each column's readings made once per value (a register repeats its days and statuses).
  const reader = <T>(h: RegisterHeader, read: (value: CellValue) => T) => columnReader(column(h), read);
  const validAt = (v: CellValue) => {
    const at = dateTimeOf(v, zone);
    return at === 'invalid' ? undefined : at;
  };
  const validDay = (v: CellValue) => {
    const day = dateOf(v, zone);
    return day === 'invalid' ? undefined : day;
  };
  const codeAt = reader('Mã hồ sơ', textOf);
  const [receivedAt, dueAt, newDueAt] = (['Thời điểm tiếp nhận', 'Hạn trả kết quả', 'Hạn trả mới'] as const).map((h) =>
    reader(h, validAt),
  );
  const [resultDate, returnedDate] = (['Ngày có kết quả', 'Ngày trả kết quả'] as const).map((h) => reader(h, validDay));
  const supplementsAt = reader('Số lần yêu cầu bổ sung', integerOf);
  const [keysAt, procedureAt] = (['Mã yêu cầu', 'Mã TTHC'] as const).map((h) => reader(h, textOf));
  const channelAt = reader('Hình thức nộp', (v) => (matchValue(textOf(v), CHANNELS) ?? 'Trực tiếp') as 'Trực tiếp');
  const statusAt = reader('Trạng thái', (v) => (matchValue(textOf(v), DOSSIER_STATUSES) ?? textOf(v)) as DossierStatus);
  const length = Math.max(...CHECK_COLUMNS.map((h) => column(h).length));
  // Each row made when the check asks for it, none kept (a CSV of 200,000 rows).
  const rowAt = (i: number): CheckRow | undefined => {
    const row = headerRow + 1 + i;
    const code = codeAt(i);
    const received = receivedAt!(i);
    const due = dueAt!(i);
    const dossierRead = !bad.has(row) && received && due;
    if (!code && !dossierRead) return undefined;
    if (!dossierRead) return { row, code, keys: keysAt!(i) };
    const supplements = supplementsAt(i);
    const dossier: Mutable<NonNullable<CheckRow['dossier']>> = {
      code,
      procedureCode: procedureAt!(i),
      channel: channelAt(i),
      status: statusAt(i),
      receivedAt: received,
      dueAt: due,
      supplementCount: typeof supplements === 'number' ? supplements : 0,
    };
    const newDue = newDueAt!(i);
    const result = resultDate!(i);
    const returned = returnedDate!(i);
    if (newDue) dossier.newDueAt = newDue;
    if (result) dossier.resultDate = result;
    if (returned) dossier.returnedDate = returned;
    return { row, code, keys: keysAt!(i), dossier };
  };
  const rows: CheckRows = { length, codeAt, rowAt };
  const findings: Finding[] = problems.map((p) => ({
    tab: 'register',
    row: p.row,
    code: p.code,
    kind: 'unreadable',
    facts: [problemText(p)],
  }));
  // Text that Excel or Sheets would run once the register is exported and opened (never quoted: it may be a citizen's).
  headerCells.forEach((v, c) => {
    if (typeof v === 'string' && looksLikeFormula(v))
      findings.push({ tab: 'register', row: headerRow, code: '', kind: 'formula-text', facts: [`thứ ${c + 1} (ô tiêu đề)`] });
  });
  for (const [header, cells] of read) {
    const formulaAt = columnReader(cells, (v) => typeof v === 'string' && looksLikeFormula(v));
    for (let i = 0; i < cells.length; i += 1) {
      if (formulaAt(i)) {
        findings.push({ tab: 'register', row: headerRow + 1 + i, code: codeAt(i), kind: 'formula-text', facts: [header] });
      }
    }
  }
  return { rows, findings, count: readable + problems.length };
}

/** The log's events from its columns (data index 0 is sheet row `headerRow + 1`). */
export function checkEventsOf(
  read: ReadonlyMap<LogHeader, readonly CellValue[]>,
  headerRow: number,
  zone: ZoneConverter,
): CheckEvent[] {
  const column = (h: LogHeader) => (read.get(h) ?? []).map(textOf);
  const [codes, actions, froms, tos, details, keys] = (
    ['Mã hồ sơ', 'Thao tác', 'Trạng thái trước', 'Trạng thái sau', 'Chi tiết', 'Mã yêu cầu'] as const
  ).map(column);
  const times = read.get('Thời điểm') ?? [];
  return (codes ?? []).map((code, i) => {
    const at = dateTimeOf(times[i] ?? '', zone);
    return {
      row: headerRow + 1 + i,
      code,
      action: actions?.[i] ?? '',
      from: froms?.[i] ?? '',
      to: tos?.[i] ?? '',
      key: keys?.[i] ?? '',
      details: () => detailsOf(details?.[i] ?? ''),
      ...(at && at !== 'invalid' ? { at } : {}),
    };
  });
}
