/**
 * The update form's optimistic check on the sheet (core/dossierVersion.ts): the cells of a row a
 * version is made of, and the refusal of a submit made from an older view, saying what changed and
 * who recorded it when.
 */
import { formatIsoDateTime } from '../core/civil';
import type { Dossier } from '../core/dossier';
import { changesSince } from '../core/dossierVersion';
import { formatDateTimeVi } from '../core/format';
import { formatRequestKey, parseRowKeys, type RequestKey } from '../core/requestKey';
import { dateTimeOf } from '../sheets/cells';
import type { ZoneConverter } from '../sheets/dates';
import { loggedStepAt, type LogLayout, readLogIndex } from '../sheets/eventLog';
import { dossierCells, type RegisterEntry, type RegisterLayout } from '../sheets/register';
import { cell } from '../sheets/table';
import type { CellValue } from '../gas/services';

export type VersionCells = Record<string, CellValue>;

/** The cells a step reads or writes (the status first), and under '' the row's last request key. */
export function versionCells(dossier: Dossier, zone: ZoneConverter, department: string, updatedAt: string, last: string) {
  return {
    'Trạng thái': dossier.status,
    ...dossierCells(dossier, zone),
    'Cơ quan giải quyết': department,
    'Cập nhật lúc': updatedAt,
    '': last,
  } as VersionCells;
}

/** The version cells of a row as read; a step pending on it counts as its last request. */
export function stateOf(register: RegisterLayout, entry: RegisterEntry, zone: ZoneConverter): VersionCells {
  const keys = parseRowKeys(entry.text['Mã yêu cầu']);
  const last = keys.pending ?? keys.applied[0];
  const updated = dateTimeOf(cell(register, entry.values, 'Cập nhật lúc'), zone);
  return versionCells(
    entry.dossier,
    zone,
    entry.text['Cơ quan giải quyết'],
    updated && updated !== 'invalid' ? formatIsoDateTime(updated) : entry.text['Cập nhật lúc'],
    last ? formatRequestKey(last) : '',
  );
}

/**
 * Why a submit made from `version` is refused now that the row holds `state`, or undefined when
 * this very request is in the log (its key gone from the row after three more steps): it is then
 * answered as done. Only here, after the row was found changed, is the log read.
 */
export function staleRefusal(
  log: LogLayout,
  zone: ZoneConverter,
  key: RequestKey,
  dossier: Dossier,
  state: VersionCells,
  version: string,
): string | undefined {
  const index = readLogIndex(log);
  if (index.keys.includes(formatRequestKey(key))) return undefined;
  const { headers, status } = changesSince(version, state);
  // A request wrote the row (its key changed): its event says who, and when; else it was typed (a cleared key too).
  const last = headers.includes('') && state[''] ? index.keys.lastIndexOf(String(state[''])) : -2;
  const event = last >= 0 ? loggedStepAt(log, last, zone) : undefined;
  const others = headers
    .filter((h) => (h || last < -1) && h !== 'Trạng thái' && !(event && h === 'Cập nhật lúc'))
    .map((h) => h || 'Mã yêu cầu');
  const what = [
    ...(status ? [`Trạng thái “${status}” → “${dossier.status}”`] : []),
    ...(others.length > 0 ? [`${others.join(', ')} đã thay đổi`] : []),
  ];
  const who = event ? ` (${event.user}, ${formatDateTimeVi(event.at)})` : last < -1 ? ' (sửa trực tiếp trong sổ)' : '';
  return `Hồ sơ ${dossier.code} vừa được cập nhật sau khi anh/chị mở: ${what.join('; ') || 'có bước mới được ghi'}${who}. Chưa có gì được ghi. Hãy tải lại hồ sơ, xem lại rồi nhập bước mới.`;
}
