/**
 * A dossier's version, as an update form saw it: a short hash of each cell a step reads or writes
 * and of the row's last request key. A submit made from an older view is refused instead of being
 * written over what someone recorded meanwhile, and the refusal names the cells that changed. It
 * costs no read: the submit has the row already.
 */
import { DOSSIER_STATUSES, type DossierStatus } from './dossier';
import { hash53 } from './requestKey';

/** Four base-36 characters a cell: a changed cell goes unnoticed once in 1.7 million. */
const short = (value: unknown) =>
  hash53(JSON.stringify(value) ?? '')
    .slice(-4)
    .padStart(4, '0');

/** `cells`: the cells by header, the status first, always in the same order. */
export function dossierVersion(cells: Readonly<Record<string, unknown>>): string {
  return Object.values(cells).map(short).join('');
}

/** The headers whose cells differ from `version`, and the status it was made with when it differs. */
export function changesSince(
  version: string,
  cells: Readonly<Record<string, unknown>>,
): { readonly headers: string[]; readonly status?: DossierStatus } {
  const headers = Object.keys(cells).filter((h, i) => version.slice(i * 4, i * 4 + 4) !== short(cells[h]));
  const status = DOSSIER_STATUSES.find((s) => short(s) === version.slice(0, 4));
  return { headers, ...(status && status !== cells['Trạng thái'] ? { status } : {}) };
}
