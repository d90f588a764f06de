/**
 * `Spreadsheet` over local workbook data (`workbookData.ts`); its sheets are `LocalSheet`s
 * (`sheet.ts`) and their ranges `LocalRange`s (`range.ts`). Strict where Google is: grid bounds,
 * value shapes, typed input, Date cells in the spreadsheet's time zone.
 */
import type * as S from '../../gas/services';
import { parseA1 } from './a1';
import { googleError } from './errors';
import { assertWritable, protectionOf } from './protection';
import { LocalRange } from './range';
import type { CostKind, Runtime } from './runtime';
import { LocalSheet } from './sheet';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  MAX_CELLS,
  cellCount,
  newSheetData,
  tooManyCells,
  type WorkbookData,
} from './workbookData';

// LocalSheet and LocalRange live in sheet.ts and range.ts; code that took their types from here still may.
export type { LocalRange } from './range';
export type { LocalSheet } from './sheet';

export class LocalSpreadsheet implements S.Spreadsheet {
  constructor(
    readonly data: WorkbookData,
    readonly runtime: Runtime,
  ) {}

  private charge(name: string, kind: CostKind) {
    this.runtime.charge(`Spreadsheet.${name}`, kind);
  }

  getId(): string {
    this.charge('getId', 'handle');
    return this.data.id;
  }
  getName(): string {
    this.charge('getName', 'sheetMetadata');
    return this.data.name;
  }
  getUrl(): string {
    this.charge('getUrl', 'handle');
    return `https://docs.google.com/spreadsheets/d/${this.data.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.charge('getSpreadsheetTimeZone', 'sheetMetadata');
    return this.data.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.charge('setSpreadsheetTimeZone', 'formatting');
    this.data.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    this.charge('getSpreadsheetLocale', 'sheetMetadata');
    return this.data.locale;
  }
  /**
   * A range by A1 notation with its tab (`'Sổ theo dõi hồ sơ'!1:10`), without looking the tab up
   * first: a handle, like Sheet.getRange. A tab that does not exist, or a range outside its grid,
   * is Google's "Range not found".
   */
  getRange(a1Notation: string): LocalRange {
    // Resolving the tab by name is the same question as getSheetByName: charged like it (no source says cheaper).
    this.charge('getRange', 'sheetMetadata');
    const m = /^(?:'((?:[^']|'')+)'|([^!'][^!]*))!(.+)$/.exec(a1Notation);
    const name = m ? (m[1] ?? '').replace(/''/g, "'") || (m[2] ?? '') : undefined;
    const data = name === undefined ? this.data.sheets[0] : this.data.sheets.find((sh) => sh.name === name);
    if (!data) throw googleError('Range not found');
    const area = parseA1(m ? (m[3] ?? '') : a1Notation, data.maxRows, data.maxColumns);
    if (!area || area.row + area.numRows - 1 > data.maxRows || area.column + area.numColumns - 1 > data.maxColumns) {
      throw googleError('Range not found');
    }
    return new LocalRange(new LocalSheet(data, this), area);
  }
  getSheetByName(name: string): LocalSheet | null {
    this.charge('getSheetByName', 'sheetMetadata');
    const sheet = this.data.sheets.find((s) => s.name === name);
    return sheet ? new LocalSheet(sheet, this) : null;
  }
  getSheets(): LocalSheet[] {
    this.charge('getSheets', 'sheetMetadata');
    return this.data.sheets.map((s) => new LocalSheet(s, this));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): S.Protection[] {
    this.charge('getProtections', 'sheetMetadata');
    const kind = String(type) === 'SHEET' ? 'SHEET' : 'RANGE';
    return this.data.sheets.flatMap((s) => {
      const sheet = new LocalSheet(s, this);
      return s.protections.filter((p) => p.kind === kind).map((p) => protectionOf(p, sheet));
    });
  }
  insertSheet(sheetName: string): LocalSheet {
    this.charge('insertSheet', 'formatting');
    if (this.data.sheets.some((s) => s.name.toLowerCase() === sheetName.toLowerCase())) {
      throw googleError(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    if (cellCount(this.data) + DEFAULT_ROWS * DEFAULT_COLUMNS > MAX_CELLS) throw tooManyCells();
    const data = newSheetData(this.data.nextSheetId++, sheetName);
    this.data.sheets.push(data);
    return new LocalSheet(data, this);
  }
  deleteSheet(sheet: S.Sheet): void {
    this.charge('deleteSheet', 'formatting');
    assertWritable(sheet as LocalSheet);
    if (this.data.sheets.length === 1) throw googleError("You can't remove all the sheets in a document.");
    this.data.sheets = this.data.sheets.filter((s) => s.id !== sheet.getSheetId());
  }
  getActiveSheet(): LocalSheet {
    this.charge('getActiveSheet', 'handle');
    const first = this.data.sheets[0];
    if (!first) throw googleError('The spreadsheet has no sheets.');
    const selected = this.data.sheets.find((s) => s.id === this.data.selection?.sheetId);
    return new LocalSheet(selected ?? first, this);
  }
  /** Test and demo helper: what the user has selected. */
  select(sheetName: string, a1: string): void {
    const sheet = this.data.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`No sheet ${sheetName}`);
    const area = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    if (!area) throw new Error(`Bad range ${a1}`);
    this.data.selection = { sheetId: sheet.id, area };
  }
  getActiveRange(): LocalRange | null {
    this.charge('getActiveRange', 'handle');
    const selection = this.data.selection;
    const sheet = this.data.sheets.find((s) => s.id === selection?.sheetId);
    if (!sheet || !selection) return null;
    return new LocalRange(new LocalSheet(sheet, this), selection.area);
  }
  addViewer(emailAddress: string): LocalSpreadsheet {
    return this.addViewers([emailAddress]);
  }
  /**
   * Fails as a whole, adding no one, when one address is refused: malformed, or outside what the
   * domain's sharing policy allows (Google's wording for the latter is not documented; MotCua relies
   * only on the call failing).
   */
  addViewers(emailAddresses: string[]): LocalSpreadsheet {
    this.charge('addViewers', 'formatting');
    this.assertMayShareWith(emailAddresses);
    for (const email of emailAddresses) {
      if (!this.data.viewers.includes(email) && !this.data.editors.includes(email)) this.data.viewers.push(email);
    }
    return this;
  }
  /** As addViewers, for editors: refused as a whole when one address is. */
  addEditors(emailAddresses: string[]): LocalSpreadsheet {
    this.charge('addEditors', 'formatting');
    this.assertMayShareWith(emailAddresses);
    for (const email of emailAddresses) {
      if (
        email.toLowerCase() === this.data.owner.toLowerCase() ||
        this.data.editors.some((e) => e.toLowerCase() === email.toLowerCase())
      )
        continue;
      this.data.viewers = this.data.viewers.filter((v) => v.toLowerCase() !== email.toLowerCase());
      this.data.editors.push(email);
    }
    return this;
  }
  /**
   * Sharing is an editor's act, and the owner's alone when they turned off "Editors can change
   * permissions and share"; Google's wording for the refusal is not documented (MotCua relies only on
   * the call failing).
   */
  private assertMayShareWith(emailAddresses: readonly string[]): void {
    this.assertMayShare();
    for (const email of emailAddresses) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw googleError(`Invalid email: ${email}`);
      if ((this.data.shareRefused ?? []).some((r) => r.toLowerCase() === email.toLowerCase())) {
        throw googleError(`Sharing with ${email} is not allowed by your organization's sharing settings.`);
      }
    }
  }
  private assertMayShare(): void {
    if (!this.runtime.hasExecution()) return;
    const user = this.runtime.execution.user.toLowerCase();
    const owner = user === this.data.owner.toLowerCase();
    const editor = this.data.editors.some((e) => e.toLowerCase() === user);
    if (!owner && (!editor || this.data.onlyOwnerShares)) throw googleError('You do not have permission to perform that action.');
  }
  removeViewer(emailAddress: string): LocalSpreadsheet {
    this.charge('removeViewer', 'formatting');
    this.assertMayShare();
    this.data.viewers = this.data.viewers.filter((v) => v.toLowerCase() !== emailAddress.toLowerCase());
    return this;
  }
  getViewers(): S.User[] {
    this.charge('getViewers', 'sheetMetadata');
    return this.data.viewers.map((email) => ({ getEmail: () => email }));
  }
  getEditors(): S.User[] {
    this.charge('getEditors', 'sheetMetadata');
    return [...new Set([this.data.owner, ...this.data.editors])].map((email) => ({ getEmail: () => email }));
  }
  getOwner(): S.User | null {
    this.charge('getOwner', 'sheetMetadata');
    const owner = this.data.owner;
    return owner ? { getEmail: () => owner } : null;
  }
  toasts: string[] = [];
  toast(msg: string, title: string, _timeoutSeconds: number): void {
    this.charge('toast', 'ui');
    this.toasts.push(`${title}: ${msg}`);
    this.runtime.onToast?.(msg);
  }
}
