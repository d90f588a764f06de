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
export type ArchiveTrust =
  | {
      readonly sheetProtection: GoogleAppsScript.Spreadsheet.ProtectionType;
      /**
       * The workbook's own document properties, when it is the active one: then only the tabs its
       * closings recorded count (a lock any editor can type is not enough). Another unit's workbook,
       * read for a consolidated report, is known by its locks alone: forging one gives an officer no
       * more than typing rows in that unit's register would.
       */
      readonly properties?: Properties;
    }
  | 'named';

/** Archives as Google holds them: known by their locks, and by the closings' record when it is at hand. */
export const lockedArchives = (app: SpreadsheetAppService, properties?: Properties | null): ArchiveTrust => ({
  sheetProtection: app.ProtectionType.SHEET,
  ...(properties ? { properties } : {}),
});

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
    const records = new Map<number, YearEndRecord>();
    const recorded = (year: number, id: number) => {
      if (!trust.properties) return true;
      if (!records.has(year)) records.set(year, readYearEndRecord(trust.properties, year));
      const archive = records.get(year)?.archive;
      return archive !== undefined && (archive.register === id || archive.log === id);
    };
    // One call for every lock of the workbook; a warning lets everyone through, so it is no archive's.
    for (const protection of spreadsheet.getProtections(trust.sheetProtection)) {
      if (protection.isWarningOnly()) continue;
      const ours = LOCK_DESCRIPTION.exec(protection.getDescription());
      if (!ours) continue;
      const sheet = protection.getRange()?.getSheet();
      const year = Number(ours[2]);
      if (!sheet || !recorded(year, sheet.getSheetId())) continue;
      found.push({ name: sheet.getName(), sheet, year, kind: ours[1] === 'sổ' ? 'register' : 'log' });
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

/**
 * The first year from `year` to before `until` whose register is closed: a dossier of a year up to it
 * can no longer be added. A year the record says was closed stays closed when its tab was deleted.
 */
export function closedYear(
  spreadsheet: Spreadsheet,
  trust: ArchiveTrust,
  year: number,
  until: number,
): { readonly year: number; readonly name: string } | undefined {
  const found = archiveSheets(spreadsheet, trust).find((a) => a.year >= year && a.year < until);
  if (found || trust === 'named' || !trust.properties) return found;
  for (let y = year; y < until && y < year + 10; y += 1)
    if (readYearEndRecord(trust.properties, y).archive) return { year: y, name: archiveName(y) };
  return undefined;
}

/** The tab called `name` whatever its case (Google refuses two names differing only in case). */
export function tabNamed(spreadsheet: Spreadsheet, name: string): Sheet | undefined {
  const wanted = name.toLowerCase();
  return spreadsheet.getSheets().find((sh) => sh.getName().toLowerCase() === wanted);
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
