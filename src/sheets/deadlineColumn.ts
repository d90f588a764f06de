/**
 * The register as the daily deadline check sees it: the few columns it needs, read once to the
 * end of the grid, and the whole `Cảnh báo` column written back in one call.
 */
import { DOSSIER_STATUSES, type DossierStatus } from '../core/dossier';
import type { WatchedDossier } from '../core/warnings';
import type { CellValue } from '../gas/services';
import { dateTimeOf, textOf } from './cells';
import type { ZoneConverter } from './dates';
import { readColumn, readColumnsToEnd, requireColumns } from './layout';
import type { RegisterLayout } from './register';
import type { RegisterHeader } from './schema';
import { normalizeHeader } from './table';

const WATCHED_COLUMNS: readonly RegisterHeader[] = [
  'Mã hồ sơ',
  'Tên thủ tục',
  'Cán bộ xử lý',
  'Trạng thái',
  'Hạn trả kết quả',
  'Hạn trả mới',
];

export interface WatchedRegister {
  /** The register's codes as read, by data index (to check nothing moved before writing). */
  readonly codes: readonly string[];
  readonly dossiers: readonly WatchedDossier[];
  /** Rows with a code that cannot be checked, and why: their cell says so. */
  readonly unreadable: readonly { readonly index: number; readonly text: string }[];
}

export function readWatchedRegister(register: RegisterLayout, zone: ZoneConverter): WatchedRegister {
  requireColumns(register, ['Cảnh báo', 'Trạng thái', 'Hạn trả kết quả']);
  const read = readColumnsToEnd(register, WATCHED_COLUMNS).columns;
  const column = (h: RegisterHeader): readonly CellValue[] => read.get(h) ?? [];
  const codes = column('Mã hồ sơ').map(textOf);
  const length = Math.max(...WATCHED_COLUMNS.map((h) => column(h).length));
  const dossiers: WatchedDossier[] = [];
  const unreadable: { index: number; text: string }[] = [];
  for (let i = 0; i < length; i += 1) {
    const code = codes[i] ?? '';
    if (!code) continue;
    const status = textOf(column('Trạng thái')[i] ?? '') as DossierStatus;
    const dueAt = dateTimeOf(column('Hạn trả kết quả')[i] ?? '', zone);
    const newDueAt = dateTimeOf(column('Hạn trả mới')[i] ?? '', zone);
    if (!DOSSIER_STATUSES.includes(status)) {
      // The value is not quoted: whatever was typed there (a name pasted one column off) stays in the row.
      unreadable.push({ index: i, text: 'Không kiểm tra được hạn: trạng thái không thuộc danh mục (xem cột Trạng thái).' });
    } else if (!dueAt || dueAt === 'invalid' || newDueAt === 'invalid') {
      unreadable.push({ index: i, text: 'Không kiểm tra được hạn: ô hạn trả kết quả trống hoặc không đúng dạng ngày giờ.' });
    } else {
      dossiers.push({
        rowNumber: register.headerRow + 1 + i,
        code,
        procedureName: textOf(column('Tên thủ tục')[i] ?? ''),
        handler: textOf(column('Cán bộ xử lý')[i] ?? ''),
        status,
        dueAt,
        ...(newDueAt ? { newDueAt } : {}),
      });
    }
  }
  return { codes: codes.slice(0, length), dossiers, unreadable };
}

/** Whether the code column still reads as it did and `Cảnh báo` is still where it was (no sort, no row or column moved since). */
export function codesUnchanged(register: RegisterLayout, codes: readonly string[]): boolean {
  const column = register.columns.get('Cảnh báo');
  if (column === undefined) return false;
  if (normalizeHeader(register.sheet.getRange(register.headerRow, column).getValues()[0]?.[0] ?? '') !== 'Cảnh báo') return false;
  const now = readColumn(register, 'Mã hồ sơ').map(textOf);
  return now.length === codes.length && now.every((c, i) => c === codes[i]);
}

/** Writes the whole `Cảnh báo` column, one text a data row, in one call. */
export function writeWarningColumn(register: RegisterLayout, texts: readonly string[]): void {
  const column = register.columns.get('Cảnh báo');
  if (column === undefined || texts.length === 0) return;
  register.sheet.getRange(register.headerRow + 1, column, texts.length, 1).setValues(texts.map((t) => [t]));
}
