/**
 * The register's side of the reconciliation with the provincial system: code, status and the three
 * dates, with the row each came from. A row that cannot be read is listed with its reason, never
 * compared on a guess.
 */
import { DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import type { ReconcileRecord } from '../core/reconcile';
import { type CellColumn, columnReader, dateOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import type { RowProblem } from './periodRecords';
import type { RegisterHeader } from './schema';

type DateReading = ReturnType<typeof dateOf>;

export const RECONCILE_COLUMNS: readonly RegisterHeader[] = [
  'Mã hồ sơ',
  'Trạng thái',
  'Hạn trả kết quả',
  'Ngày có kết quả',
  'Ngày trả kết quả',
];

export function reconcileRecordsOf(
  read: ReadonlyMap<RegisterHeader, CellColumn>,
  headerRow: number,
  zone: ZoneConverter,
): { records: ReconcileRecord[]; problems: RowProblem[] } {
  const column = (h: RegisterHeader): CellColumn => read.get(h) ?? [];
  const length = Math.max(...RECONCILE_COLUMNS.map((h) => column(h).length));
  // Each column's readings made once per value (a register repeats its statuses and days).
  const [codeAt, statusAt] = (['Mã hồ sơ', 'Trạng thái'] as const).map((h) => columnReader(column(h), textOf)) as [
    (i: number) => string,
    (i: number) => string,
  ];
  const [dueAt, resultAt, returnedAt] = (['Hạn trả kết quả', 'Ngày có kết quả', 'Ngày trả kết quả'] as const).map((h) =>
    columnReader(column(h), (v) => dateOf(v, zone)),
  ) as [(i: number) => DateReading, (i: number) => DateReading, (i: number) => DateReading];
  const records: ReconcileRecord[] = [];
  const problems: RowProblem[] = [];
  for (let i = 0; i < length; i += 1) {
    const row = headerRow + 1 + i;
    const code = codeAt(i);
    const status = statusAt(i);
    if (!code) {
      if (status) problems.push({ row, code, reason: 'thiếu mã hồ sơ' });
      continue;
    }
    const due = dueAt(i);
    const result = resultAt(i);
    const returned = returnedAt(i);
    if (!DOSSIER_STATUSES.includes(status as DossierStatus)) {
      problems.push({ row, code, reason: status ? 'trạng thái không thuộc danh mục' : 'thiếu trạng thái' });
    } else if (due === 'invalid' || result === 'invalid' || returned === 'invalid') {
      problems.push({ row, code, reason: 'hạn trả, ngày có kết quả hoặc ngày trả kết quả không đúng dạng ngày' });
    } else {
      records.push({
        code,
        row,
        status: status as DossierStatus,
        ...(due ? { appointment: due } : {}),
        ...(result ? { resultAt: result } : {}),
        ...(returned ? { returnedAt: returned } : {}),
      });
    }
  }
  return { records, problems };
}
