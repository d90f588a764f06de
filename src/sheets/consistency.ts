/**
 * The register and the log as the consistency check reads them: the columns it needs (read by the
 * caller, each run of adjacent columns in one call to the grid's end: a constant number of calls,
 * whatever the size), turned into the core's rows and events. A row the report cannot read is a
 * finding of its own.
 */
import type { CheckEvent, CheckRow, Finding } from '../core/consistency';
import { CHANNELS, DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import { matchValue } from '../core/typedValues';
import { looksLikeFormula } from '../core/formulaText';
import type { CellValue, Sheet } from '../gas/services';
import { dateOf, dateTimeOf, integerOf, textOf } from './cells';
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
  read: ReadonlyMap<RegisterHeader, readonly CellValue[]>,
  headerRow: number,
  zone: ZoneConverter,
  /** The header row's cells: a header typed as a formula runs too. */
  headerCells: readonly CellValue[] = [],
): { rows: CheckRow[]; findings: Finding[]; count: number } {
  const { records, problems } = reportRecordsOf(read, headerRow, zone, '');
  const bad = new Set(problems.map((p) => p.row));
  const column = (h: RegisterHeader) => read.get(h) ?? [];
  const at = (h: RegisterHeader, i: number) => {
    const v = dateTimeOf(column(h)[i] ?? '', zone);
    return v === 'invalid' ? undefined : v;
  };
  const day = (h: RegisterHeader, i: number) => {
    const v = dateOf(column(h)[i] ?? '', zone);
    return v === 'invalid' ? undefined : v;
  };
  const rows: CheckRow[] = [];
  const length = Math.max(...CHECK_COLUMNS.map((h) => column(h).length));
  for (let i = 0; i < length; i += 1) {
    const row = headerRow + 1 + i;
    const text = (h: RegisterHeader) => textOf(column(h)[i] ?? '');
    const code = text('Mã hồ sơ');
    const receivedAt = at('Thời điểm tiếp nhận', i);
    const dueAt = at('Hạn trả kết quả', i);
    const newDueAt = at('Hạn trả mới', i);
    const resultDate = day('Ngày có kết quả', i);
    const returnedDate = day('Ngày trả kết quả', i);
    const supplements = integerOf(column('Số lần yêu cầu bổ sung')[i] ?? '');
    const readable = !bad.has(row) && receivedAt && dueAt;
    if (!code && !readable) continue;
    rows.push({
      row,
      code,
      keys: text('Mã yêu cầu'),
      ...(readable
        ? {
            dossier: {
              code,
              procedureCode: text('Mã TTHC'),
              channel: (matchValue(text('Hình thức nộp'), CHANNELS) ?? 'Trực tiếp') as 'Trực tiếp',
              status: (matchValue(text('Trạng thái'), DOSSIER_STATUSES) ?? text('Trạng thái')) as DossierStatus,
              receivedAt,
              dueAt,
              ...(newDueAt ? { newDueAt } : {}),
              supplementCount: typeof supplements === 'number' ? supplements : 0,
              ...(resultDate ? { resultDate } : {}),
              ...(returnedDate ? { returnedDate } : {}),
            },
          }
        : {}),
    });
  }
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
  for (const [header, values] of read) {
    values.forEach((v, i) => {
      if (typeof v === 'string' && looksLikeFormula(v)) {
        findings.push({
          tab: 'register',
          row: headerRow + 1 + i,
          code: textOf(column('Mã hồ sơ')[i] ?? ''),
          kind: 'formula-text',
          facts: [header],
        });
      }
    });
  }
  return { rows, findings, count: records.length + problems.length };
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
