/**
 * The data behind a local spreadsheet: workbooks, their sheets and cells, with no Apps Script API on
 * top (that is `LocalSpreadsheet`, `LocalSheet` and `LocalRange`). `.xlsx` files load into it.
 */
import type { GridArea } from './a1';
import type { RawValue } from './cellFormat';
import { googleError } from './errors';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
/** Google's limit on the cells of one spreadsheet. */
export const MAX_CELLS = 10_000_000;
/** What a formula cell reads back as: the local services do not evaluate formulas. */
export const FORMULA_RESULT = '#ERROR!';

export type Area = GridArea;

export interface ProtectionData {
  kind: 'RANGE' | 'SHEET';
  area?: Area;
  description: string;
  warningOnly: boolean;
  /**
   * Who may edit it; absent until a script first changes the list: until then the protection
   * mirrors the spreadsheet's own permissions (Google), so it protects nothing.
   */
  editors?: string[];
  domainEdit?: boolean;
  /** A protected sheet's ranges open to everyone ("except certain cells"). */
  unprotected?: Area[];
}

export interface ValidationData {
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ConditionalRuleData {
  formula: string;
  background: string | null;
  fontColor: string | null;
  areas: Area[];
}

export interface ChartData {
  type: 'column' | 'bar' | 'pie' | 'line';
  areas: Area[];
  position: { row: number; column: number };
  options: Record<string, unknown>;
}

export interface SheetData {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  /** rows[r-1][c-1]; missing = empty. */
  rows: RawValue[][];
  formulas: Map<string, string>;
  formats: Map<string, string>;
  backgrounds: Map<string, string>;
  fontWeights: Map<string, string>;
  /** Cells whose text wraps. */
  wraps: Set<string>;
  validations: Map<string, ValidationData>;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: Map<number, number>;
  tabColor: string | null;
  hidden?: boolean;
  protections: ProtectionData[];
  conditionalRules: ConditionalRuleData[];
  charts: ChartData[];
  filter: Area | null;
}

export interface WorkbookData {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  editors: string[];
  viewers: string[];
  /**
   * Shared for editing with everyone of the owner's Workspace domain: a new protection then lets the
   * domain edit (`canDomainEdit()` true) until a script turns it off, as Google's sample does.
   */
  domainEditable?: boolean;
  /**
   * Editors no script can take off a protection (their access comes from a group or an admin rule
   * Google keeps): a test's way to make Google leave someone an editor after a lock.
   */
  protectionKeeps?: string[];
  /** Addresses a domain's sharing policy refuses (`addViewers` fails as a whole when one is among them). */
  shareRefused?: string[];
  /** Drive's "Editors can change permissions and share" turned off by the owner: only the owner shares. */
  onlyOwnerShares?: boolean;
  /** The document's properties (`PropertiesService.getDocumentProperties()`): they belong to the workbook. */
  documentProperties?: Record<string, string>;
  sheets: SheetData[];
  nextSheetId: number;
  /** What the user has selected (local only, not saved). */
  selection?: { sheetId: number; area: Area };
}

export function newSheetData(id: number, name: string): SheetData {
  return {
    id,
    name,
    maxRows: DEFAULT_ROWS,
    maxColumns: DEFAULT_COLUMNS,
    rows: [],
    formulas: new Map(),
    formats: new Map(),
    backgrounds: new Map(),
    fontWeights: new Map(),
    wraps: new Set(),
    validations: new Map(),
    frozenRows: 0,
    frozenColumns: 0,
    columnWidths: new Map(),
    tabColor: null,
    protections: [],
    conditionalRules: [],
    charts: [],
    filter: null,
  };
}

export function newWorkbookData(id: string, name: string, owner: string, timeZone = 'Asia/Ho_Chi_Minh'): WorkbookData {
  return {
    id,
    name,
    timeZone,
    locale: 'vi_VN',
    owner,
    editors: [owner],
    viewers: [],
    sheets: [newSheetData(0, 'Trang tính1')],
    nextSheetId: 1,
  };
}

/** The key of cell (row, column) in a sheet's per-cell maps (formulas, formats, validations...). */
export const cellKey = (r: number, c: number): string => `${r}:${c}`;

/** The row and column of a `cellKey`. */
export function cellOfKey(k: string): [number, number] {
  // Unary + rather than map(Number): called per cell when rows move; no global looked up (jest's sandbox makes that slow).
  const at = k.indexOf(':');
  return [+k.slice(0, at), +k.slice(at + 1)];
}

export function cellCount(book: WorkbookData): number {
  return book.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

/** Google's refusal of a change that would take a workbook past `MAX_CELLS`. */
export function tooManyCells(): Error {
  return googleError(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
}

export function lastRowOf(sheet: SheetData): number {
  let last = 0;
  for (const k of sheet.formulas.keys()) {
    const r = +k.slice(0, k.indexOf(':'));
    if (r > last) last = r;
  }
  for (let r = sheet.rows.length; r > last; r -= 1) {
    const row = sheet.rows[r - 1];
    if (row && row.some((v) => v !== null && v !== undefined)) return r;
  }
  return last;
}

export function lastColumnOf(sheet: SheetData): number {
  let last = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = row.length; c > last; c -= 1) {
      const v = row[c - 1];
      if (v !== null && v !== undefined) {
        last = c;
        break;
      }
    }
  }
  return last;
}
