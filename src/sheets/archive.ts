/**
 * Year-end archives (Circular 01/2018/TT-VPCP Art. 10: the register is closed at year end): the tab
 * `Lưu trữ YYYY` holds the dossiers closed with year YYYY (received by its end, finished), with the
 * register's own columns, and `Lưu trữ YYYY – Nhật ký` their events. Tabs of the same workbook
 * rather than another spreadsheet: no Drive scope, one file to share, copy and back up, and reports
 * and the CLI find them beside the register (a unit's ~5,000 dossiers a year take ~0.4 million of
 * the workbook's 10 million cells with their events).
 *
 * A name is not proof: anyone may add a tab called `Lưu trữ 2025`, and a head may rename the real one.
 * In Google an archive is known by its lock, whose description names its year and kind (an officer's
 * copy has none, a renamed archive keeps it); the closing itself also records in the document's
 * properties (which no one edits from the Sheets editor) the ids of the tabs it wrote and of the
 * archive it committed, and deletes or replaces only those. A file read outside Google (the CLI's
 * .xlsx, whose export keeps no protection) is read by the tabs' names.
 */
import { array, int, object, optional, safeParse, string } from 'zod/mini';
import type { Properties, Sheet, Spreadsheet, SpreadsheetAppService } from '../gas/services';

export const archiveName = (year: number): string => `Lưu trữ ${year}`;
export const archiveLogName = (year: number): string => `${archiveName(year)} – Nhật ký`;

export type ArchiveKind = 'register' | 'log';

/** The description of an archive's lock: its year and kind, so a renamed archive is still known. */
export const archiveLockDescription = (year: number, kind: ArchiveKind): string =>
  `MotCua: ${kind === 'register' ? 'sổ' : 'nhật ký'} năm ${year} đã khóa`;
const LOCK_DESCRIPTION = /^MotCua: (sổ|nhật ký) năm (\d{4}) đã khóa$/;
/** What versions before December 2026 wrote: the year and kind come from the tab's name. */
const EARLIER_LOCK_DESCRIPTION = 'MotCua: sổ đã khóa';
const ARCHIVE_NAME = /^Lưu trữ (\d{4})( – Nhật ký)?$/;

export interface ArchiveTab {
  readonly name: string;
  readonly sheet: Sheet;
  readonly year: number;
  readonly kind: ArchiveKind;
}

/**
 * How archives are recognised: in Google by their lock, whatever their name (the app's enum is needed
 * to ask for sheet protections); `named` for a workbook read from a file, whose export kept no
 * protection.
 */
export type ArchiveTrust = { readonly sheetProtection: GoogleAppsScript.Spreadsheet.ProtectionType } | 'named';

/** Archives as Google holds them: known by their locks. */
export const lockedArchives = (app: SpreadsheetAppService): ArchiveTrust => ({ sheetProtection: app.ProtectionType.SHEET });

/** Every archive tab of a workbook (registers and logs), oldest year first, registers before logs. */
export function archiveTabs(spreadsheet: Spreadsheet, trust: ArchiveTrust): ArchiveTab[] {
  const found: ArchiveTab[] = [];
  if (trust === 'named') {
    for (const sheet of spreadsheet.getSheets()) {
      const name = sheet.getName();
      const m = ARCHIVE_NAME.exec(name);
      if (m) found.push({ name, sheet, year: Number(m[1]), kind: m[2] ? 'log' : 'register' });
    }
  } else {
    // One call for every lock of the workbook; a warning lets everyone through, so it is no archive's.
    for (const protection of spreadsheet.getProtections(trust.sheetProtection)) {
      if (protection.isWarningOnly()) continue;
      const description = protection.getDescription();
      const ours = LOCK_DESCRIPTION.exec(description);
      if (!ours && description !== EARLIER_LOCK_DESCRIPTION) continue;
      const sheet = protection.getRange()?.getSheet();
      if (!sheet) continue;
      const name = sheet.getName();
      const earlier = ours ? null : ARCHIVE_NAME.exec(name);
      if (ours) found.push({ name, sheet, year: Number(ours[2]), kind: ours[1] === 'sổ' ? 'register' : 'log' });
      else if (earlier) found.push({ name, sheet, year: Number(earlier[1]), kind: earlier[2] ? 'log' : 'register' });
    }
  }
  return found.sort(
    (a, b) => a.year - b.year || (a.kind === b.kind ? (a.name < b.name ? -1 : 1) : a.kind === 'register' ? -1 : 1),
  );
}

/** The register archives of a workbook, oldest first. */
export function archiveSheets(spreadsheet: Spreadsheet, trust: ArchiveTrust): ArchiveTab[] {
  return archiveTabs(spreadsheet, trust).filter((a) => a.kind === 'register');
}

/** The first year from `year` to before `until` whose register is closed: a dossier of a year up to it can no longer be added. */
export function closedYear(spreadsheet: Spreadsheet, trust: ArchiveTrust, year: number, until: number): ArchiveTab | undefined {
  return archiveSheets(spreadsheet, trust).find((a) => a.year >= year && a.year < until);
}

const YearEndRecord = object({
  /** Tabs the closing wrote (temporary or committed): the only ones it may replace or delete. */
  tabs: array(int()),
  /** The committed archive: set once both tabs are written, read back and locked. */
  archive: optional(object({ register: int(), log: int() })),
  /** Temporary names claimed before their tab is made: a run stopped between the two is recognised. */
  claimed: optional(array(string())),
});
export type YearEndRecord = { tabs: number[]; archive?: { register: number; log: number }; claimed?: string[] };

const recordKey = (year: number) => `motcua.yearEnd.${year}`;

/** What the closing of `year` recorded (an unreadable record is no record). */
export function readYearEndRecord(properties: Properties, year: number): YearEndRecord {
  const text = properties.getProperty(recordKey(year));
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = safeParse(YearEndRecord, json);
  if (!parsed.success) return { tabs: [] };
  const { tabs, archive, claimed } = parsed.data;
  return { tabs, ...(archive ? { archive } : {}), ...(claimed ? { claimed } : {}) };
}

export function writeYearEndRecord(properties: Properties, year: number, record: YearEndRecord): void {
  properties.setProperty(recordKey(year), JSON.stringify(record));
}
