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

/** The words that open a place's name in a unit's name: `UBND xã Tam Hồng` → `xã` + `Tam Hồng`. */
const PLACE = /(?:^|\s)(xã|phường|đặc khu|thị trấn|thị xã|huyện|quận|thành phố|tỉnh)\s+(\S.*)$/iu;

/** The levels of a commune-level unit since 1/7/2025 (and the town of before). */
const COMMUNE_LEVELS = ['xã', 'phường', 'đặc khu', 'thị trấn'];

/** The place a unit's name names (`UBND tỉnh Phú Thọ` → `tỉnh Phú Thọ`); undefined when it names none. */
function placeOf(unit: string): { level: string; place: string } | undefined {
  const found = PLACE.exec(unit.trim());
  return found ? { level: found[1] ?? '', place: found[2] ?? '' } : undefined;
}

/**
 * An agency's name qualified by its unit's place: `Công an xã` of `UBND xã Tam Hồng` → `Công an xã
 * Tam Hồng` (the level word is not repeated); `Phòng Kinh tế` → `Phòng Kinh tế (xã Tam Hồng)`; a unit
 * whose name names no place qualifies by its whole name.
 */
export function qualifiedAgency(agency: string, unit: string): string {
  const name = agency.trim();
  const found = placeOf(unit);
  if (!found) return unit.trim() ? `${name} (${unit.trim()})` : name;
  if (name === found.level || name.endsWith(` ${found.level}`)) return `${name} ${found.place}`;
  // The catalogue's `Công an xã` is the commune-level police of whatever the unit is: a ward's is
  // `Công an phường …`, a special zone's `Công an đặc khu …`.
  const generic = /^công an (xã|phường|đặc khu|thị trấn)$/iu.exec(name);
  if (generic && COMMUNE_LEVELS.includes(found.level.toLowerCase())) return `Công an ${found.level} ${found.place}`;
  return `${name} (${found.level} ${found.place})`;
}

const POLICE = /^công an(\s|$)/iu;
const PEOPLES_COMMITTEE = /^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)(\s|$)/iu;

/**
 * The heading of a letter, by who signs it (Decree 30/2020/NĐ-CP, Annex I: the governing body's
 * name above the issuing body's): a People's Committee alone (`UBND xã Tam Hồng`); the commune
 * police under the province's police (`CÔNG AN TỈNH PHÚ THỌ` / `CÔNG AN XÃ TAM HỒNG`: the People's
 * Public Security is governed by the Ministry, not by the commune); any other agency or department
 * under the unit whose register it is. A name without its place (`Công an xã`) is given the unit's.
 */
export function letterHeading(agency: string, unitName: string, parentUnit: string): { superior?: string; issuer: string } {
  const own = agency.trim() || unitName.trim();
  const named = placeOf(own) ? own : POLICE.test(own) ? qualifiedAgency(own, unitName) : own;
  if (PEOPLES_COMMITTEE.test(named)) return { issuer: named };
  if (POLICE.test(named)) {
    const province = placeOf(parentUnit);
    return province && /^tỉnh|^thành phố$/iu.test(province.level)
      ? { superior: `Công an ${province.level} ${province.place}`, issuer: named }
      : { issuer: named };
  }
  return named === unitName.trim() || !unitName.trim() ? { issuer: named } : { superior: unitName.trim(), issuer: named };
}
