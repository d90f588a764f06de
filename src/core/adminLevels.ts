/**
 * Levels of local government, as data: three (province, district, commune) until 30/6/2025, two
 * (province; commune, ward or special zone) from 1/7/2025, when districts ceased to exist
 * (Law 72/2025/QH15 on the Organisation of Local Government, in force 1/7/2025). Registers of
 * the years before keep their district (the seed's 2018–2020 history is three-level).
 */
import { type CivilDate, compareDates } from './civil';
import { foldVietnamese } from './procedures';

export const TWO_LEVELS_FROM: CivilDate = '2025-07-01';

const THREE_LEVELS = ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'] as const;
const TWO_LEVELS = ['Cấp tỉnh', 'Cấp xã'] as const;

/** The levels a unit may have on `date` (`Cấp xã` covers wards and special zones). */
export function levelsOn(date: CivilDate): readonly string[] {
  return compareDates(date, TWO_LEVELS_FROM) >= 0 ? TWO_LEVELS : THREE_LEVELS;
}

/**
 * Why `level` (the `Cấp` a unit is given in `Đơn vị`) cannot be that of a period starting on `from`,
 * in Vietnamese; undefined when it can, or when it is not a level MotCua knows (left as written).
 */
export function levelProblem(level: string, from: CivilDate): string | undefined {
  const folded = foldVietnamese(level).replace(/^cap\s+/, '');
  if (!['huyen', 'quan', 'thi xa', 'thanh pho thuoc tinh'].includes(folded)) return undefined;
  if (compareDates(from, TWO_LEVELS_FROM) < 0) return undefined;
  return `Cấp “${level}”: từ 01/07/2025 không còn cấp huyện (Luật Tổ chức chính quyền địa phương số 72/2025/QH15); trang “Đơn vị” nên ghi “Cấp tỉnh” hoặc “Cấp xã” cho kỳ báo cáo này.`;
}
