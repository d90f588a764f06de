/**
 * `summary` over several registers: each dossier counted once, a row met again told apart as a
 * repeat (counted once) or a conflict (listed; a person decides).
 */
import { basename, extname } from 'node:path';
import { dossierCodeKey } from '../../core/dossierCode';
import { foldText } from '../../core/typedValues';
import type { ReportRecord } from '../../sheets/periodRecords';
import type { RegisterFile } from './registers';

/** A dossier met a second time: in the same file or another, the same in every field the report reads, or not. */
export interface Repeat {
  /** '' for a row without a code, known by its whole content. */
  readonly code: string;
  readonly first: { readonly file: string; readonly row: number };
  readonly again: { readonly file: string; readonly row: number };
  readonly same: boolean;
  /** The two units, when the code is the same but the units' registers differ (two units cannot share a code). */
  readonly units?: readonly [string, string];
}

/**
 * Each dossier counted once across every input. A row whose code (dossierCodeKey: case, dashes,
 * full-width forms and spaces aside) was met before is left out, as a
 * repeat when it says the same (a file given twice, a copy, a row pasted twice) or as a conflict
 * when it does not, or when it is another unit's (the first is counted; which is right is for a
 * person to say). A row without a code is known by its whole content (`copyKey`): one that repeats
 * a row of an earlier file is that row in a copy of the register, counted once; within one file,
 * two such rows are two dossiers (nothing else tells them apart).
 */
export function countOnce(registers: readonly RegisterFile[]): {
  records: ReportRecord[];
  repeats: Repeat[];
  /**
   * Every unit a register reports for, in the order met, with or without a dossier in the period
   * ("none" is not "not reported"): those of its counted or conflicting rows, or a register without
   * a dossier by its file's name. A copy's rows add none (a copy has no line of its own).
   */
  units: string[];
} {
  const units = new Set<string>();
  // The first row of each code, by its place in two arrays (no object a row: 200,000 rows in a report).
  const seen = new Map<string, number>();
  const firstFiles: string[] = [];
  const firstRecords: ReportRecord[] = [];
  // Codeless rows counted from the files already read: each matches at most one row of each later file.
  const earlier = new Map<string, { file: string; row: number }[]>();
  const records: ReportRecord[] = [];
  const repeats: Repeat[] = [];
  for (const { file, records: rows } of registers) {
    if (rows.length === 0) units.add(basename(file, extname(file)));
    const mine: [string, { file: string; row: number }][] = [];
    const used = new Map<string, number>();
    for (const record of rows) {
      if (record.code === '') {
        const key = record.copyKey ?? '';
        // The n-th such row of this file is a copy of the n-th counted one before it (a third copy too).
        const n = used.get(key) ?? 0;
        used.set(key, n + 1);
        const match = earlier.get(key)?.[n];
        if (match) repeats.push({ code: '', first: match, again: { file, row: record.row }, same: true });
        else {
          records.push(record);
          units.add(record.unit);
          mine.push([key, { file, row: record.row }]);
        }
        continue;
      }
      const key = dossierCodeKey(record.code);
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, firstRecords.length);
        firstFiles.push(file);
        firstRecords.push(record);
        records.push(record);
        units.add(record.unit);
        continue;
      }
      const first = { file: firstFiles[at]!, record: firstRecords[at]! };
      const differ = unitsDiffer(first.record, record);
      const same = !differ && contentOf(first.record) === contentOf(record);
      if (!same) units.add(record.unit);
      repeats.push({
        code: record.code,
        first: { file: first.file, row: first.record.row },
        again: { file, row: record.row },
        same,
        ...(differ ? { units: differ } : {}),
      });
    }
    for (const [key, at] of mine) earlier.set(key, [...(earlier.get(key) ?? []), at]);
  }
  return { records, repeats, units: [...units] };
}

/** Units compared as typed in `Đơn vị tiếp nhận` (case, accents' encoding and spaces aside); without that column a unit is only a file's name. */
function unitsDiffer(a: ReportRecord, b: ReportRecord): readonly [string, string] | undefined {
  if (!a.typedUnit || !b.typedUnit) return undefined;
  return foldText(a.typedUnit) === foldText(b.typedUnit) ? undefined : [a.typedUnit, b.typedUnit];
}

/** What the report reads of a row, to tell a repeat from a conflict; the unit is compared apart (unitsDiffer). */
function contentOf(r: ReportRecord): string {
  return [
    r.status,
    r.channel,
    r.receivedDate,
    r.dueDate,
    r.endDate ?? '',
    r.field,
    r.procedureName,
    r.supplementCount,
    r.delayReason,
    r.satisfaction,
  ].join('\u0001');
}

/** Why a row met again was not counted (stderr, and the `--out` workbook's list of left-out rows). */
export function repeatText(r: Repeat): string {
  const first = `${r.first.file}, dòng ${r.first.row}`;
  if (r.same)
    return r.code ? `giống hệt ${first} — tính một lần` : `giống hệt từng ô với ${first} (bản sao của sổ) — tính một lần`;
  if (r.units) {
    return `cùng mã với ${first} nhưng của đơn vị khác (“${r.units[0]}” và “${r.units[1]}”), mà hai đơn vị không thể dùng chung một mã — chỉ tính dòng trước; hãy sửa mã sai rồi lập lại báo cáo`;
  }
  return `cùng mã nhưng khác ${first} — chỉ tính dòng trước; hãy sửa một trong hai rồi lập lại báo cáo`;
}
