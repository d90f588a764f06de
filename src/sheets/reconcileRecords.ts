/**
 * The register's side of the reconciliation with the provincial system: code, status and the three
 * dates, with the row each came from. A row that cannot be read is listed with its reason, never
 * compared on a guess.
 */
import { DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import type { ReconcileRecord } from '../core/reconcile';
import type { CellValue } from '../gas/services';
import { dateOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import type { RowProblem } from './periodRecords';
import type { RegisterHeader } from './schema';

export const RECONCILE_COLUMNS: readonly RegisterHeader[] = [
  'Mã hồ sơ',
  'Trạng thái',
  'Hạn trả kết quả',
  'Ngày có kết quả',
  'Ngày trả kết quả',
];

export function reconcileRecordsOf(
  read: ReadonlyMap<RegisterHeader, readonly CellValue[]>,
  headerRow: number,
  zone: ZoneConverter,
): { records: ReconcileRecord[]; problems: RowProblem[] } {
  const column = (h: RegisterHeader): readonly CellValue[] => read.get(h) ?? [];
  const length = Math.max(...RECONCILE_COLUMNS.map((h) => column(h).length));
  const records: ReconcileRecord[] = [];
  const problems: RowProblem[] = [];
  for (let i = 0; i < length; i += 1) {
    const row = headerRow + 1 + i;
    const code = textOf(column('Mã hồ sơ')[i] ?? '');
    const status = textOf(column('Trạng thái')[i] ?? '');
    if (!code) {
      if (status) problems.push({ row, code, reason: 'thiếu mã hồ sơ' });
      continue;
    }
    const due = dateOf(column('Hạn trả kết quả')[i] ?? '', zone);
    const result = dateOf(column('Ngày có kết quả')[i] ?? '', zone);
    const returned = dateOf(column('Ngày trả kết quả')[i] ?? '', zone);
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
