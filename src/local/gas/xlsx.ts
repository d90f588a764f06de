/** Loads and saves local spreadsheets as .xlsx with exceljs, so LibreOffice and Excel open them. */
import type ExcelJS from 'exceljs';
import { a1Of, parseA1 } from './a1';
import { isDateFormat, type RawValue } from './cellFormat';
import { cellKey, cellOfKey, newSheetData, type ProtectionData, type SheetData, type WorkbookData } from './workbookData';

/** exceljs takes a third of a second to load: it is loaded when a workbook is first read or written, not for a CSV. */
let excelModule: typeof ExcelJS | undefined;
function excel(): typeof ExcelJS {
  return (excelModule ??= require('exceljs') as typeof ExcelJS);
}

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function serialFromExcelDate(d: Date): number {
  // exceljs hands serial dates over as UTC instants of the wall time.
  return (d.getTime() - SERIAL_EPOCH_UTC) / 86400000;
}

function excelDateFromSerial(serial: number): Date {
  return new Date(Math.round(serial * 86400000) + SERIAL_EPOCH_UTC);
}

const DEFAULT_COLUMN_PX = 100;
/** A line of 10-point text, in points, and the lines a row grows to at most. */
const LINE_POINTS = 13;
const MAX_LINES = 8;
/** An average character of Vietnamese text at 10 points, in pixels, and a cell's inner padding. */
const CHAR_PX = 6.5;
const PADDING_PX = 6;

/** The lines `text` takes wrapped at word boundaries in a column `widthPx` wide (an estimate: no font metrics). */
function wrappedLines(text: string, widthPx: number): number {
  const perLine = Math.max(1, Math.floor((widthPx - PADDING_PX) / CHAR_PX));
  let total = 0;
  for (const paragraph of text.split('\n')) {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const length = [...word].length;
      if (used > 0 && used + 1 + length > perLine) {
        lines += 1;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + length;
      while (used > perLine) {
        lines += 1;
        used -= perLine;
      }
    }
    total += lines;
  }
  return total;
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function workbookToExcel(data: WorkbookData): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'MotCua';
  wb.title = data.name;
  wb.description = JSON.stringify({
    motcua: 1,
    id: data.id,
    timeZone: data.timeZone,
    locale: data.locale,
    owner: data.owner,
    editors: data.editors,
    viewers: data.viewers,
    // Google's protections have no faithful .xlsx form: kept here, so a register saved and opened again keeps them.
    protections: Object.fromEntries(data.sheets.filter((s) => s.protections.length > 0).map((s) => [s.name, s.protections])),
    // Google keeps a tab's id and the document's properties; the year-end closing's record relies on both.
    // By position too: Excel cuts a tab's name to 31 characters, Google allows 100.
    sheetIdList: data.sheets.map((s) => s.id),
    sheetNameList: data.sheets.map((s) => s.name),
    protectionList: data.sheets.map((s) => s.protections),
    sheetIds: Object.fromEntries(data.sheets.map((s) => [s.name, s.id])),
    ...(data.documentProperties ? { documentProperties: data.documentProperties } : {}),
  });
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views:
        sheet.frozenRows > 0 || sheet.frozenColumns > 0
          ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenColumns }]
          : [],
      ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
    });
    for (const [col, width] of sheet.columnWidths) ws.getColumn(col).width = Math.max(4, Math.round(width / 7));
    sheet.rows.forEach((row, ri) => {
      if (!row) return;
      row.forEach((v, ci) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(ri + 1, ci + 1);
        const format = sheet.formats.get(cellKey(ri + 1, ci + 1));
        cell.value = typeof v === 'number' && format && isDateFormat(format) ? excelDateFromSerial(v) : v;
      });
    });
    for (const [k, formula] of sheet.formulas) {
      const [r, c] = cellOfKey(k);
      ws.getCell(r, c).value = { formula: formula.slice(1) } as ExcelJS.CellFormulaValue;
    }
    for (const [k, format] of sheet.formats) {
      const [r, c] = cellOfKey(k);
      if (format) ws.getCell(r, c).numFmt = format;
    }
    for (const [k, color] of sheet.backgrounds) {
      const [r, c] = cellOfKey(k);
      ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } };
    }
    const lines = new Map<number, number>();
    for (const k of sheet.wraps) {
      const [r, c] = cellOfKey(k);
      // Only cells people see: a wrap over a whole column would write a thousand empty styled cells.
      const value = sheet.rows[r - 1]?.[c - 1];
      if (value === undefined && !sheet.formulas.has(k)) continue;
      const cell = ws.getCell(r, c);
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
      if (typeof value === 'string') {
        const n = wrappedLines(value, sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_PX);
        if (n > (lines.get(r) ?? 1)) lines.set(r, n);
      }
    }
    // Google Sheets grows a row to its wrapped text; an .xlsx row keeps its stored height (LibreOffice
    // and Excel do not re-measure on opening), so wrapped text would overlap the next row.
    for (const [r, n] of lines) ws.getRow(r).height = Math.min(n, MAX_LINES) * LINE_POINTS + 3;
    for (const [k, weight] of sheet.fontWeights) {
      const [r, c] = cellOfKey(k);
      // The default font's name and size too: a bare `bold` makes LibreOffice fall back to a serif.
      if (weight === 'bold') ws.getCell(r, c).font = { name: 'Calibri', size: 11, family: 2, bold: true };
    }
    for (const [k, v] of sheet.validations) {
      const [r, c] = cellOfKey(k);
      ws.getCell(r, c).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${v.values.join(',')}"`],
        showErrorMessage: !v.allowInvalid,
        ...(v.helpText ? { prompt: v.helpText, showInputMessage: true } : {}),
      };
    }
    for (const rule of sheet.conditionalRules) {
      for (const a of rule.areas) {
        ws.addConditionalFormatting({
          ref: a1Of(a),
          rules: [
            {
              type: 'expression',
              priority: 1,
              formulae: [rule.formula.slice(1)],
              style: rule.background
                ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(rule.background) } } }
                : {},
            },
          ],
        });
      }
    }
    if (sheet.filter) {
      ws.autoFilter = a1Of(sheet.filter);
    }
  }
  return wb;
}

export async function saveXlsx(data: WorkbookData, file: string): Promise<void> {
  await workbookToExcel(data).xlsx.writeFile(file);
}

/**
 * A large workbook as values, number formats, column widths and frozen rows only, streamed row by row
 * (exceljs's WorkbookWriter), so 200,000 rows are written in seconds without a second copy in memory.
 * For imported registers: what they hold is data, not the colours, dropdowns and rules `saveXlsx` keeps.
 */
export async function saveXlsxValues(data: WorkbookData, file: string): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'MotCua';
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    });
    for (const [col, width] of sheet.columnWidths) ws.getColumn(col).width = Math.max(4, Math.round(width / 7));
    sheet.rows.forEach((values, ri) => {
      if (!values) return;
      const row = ws.getRow(ri + 1);
      values.forEach((v, ci) => {
        if (v === null || v === undefined) return;
        const cell = row.getCell(ci + 1);
        const format = sheet.formats.get(cellKey(ri + 1, ci + 1));
        cell.value = typeof v === 'number' && format && isDateFormat(format) ? excelDateFromSerial(v) : v;
        if (format) cell.numFmt = format;
      });
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
}

function rawOf(value: ExcelJS.CellValue): { raw: RawValue; formula?: string; isDate?: boolean } {
  if (value === null || value === undefined) return { raw: null };
  if (value instanceof Date) return { raw: serialFromExcelDate(value), isDate: true };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { raw: value };
  if (typeof value === 'object') {
    if ('formula' in value && value.formula) return { raw: null, formula: `=${value.formula}` };
    if ('sharedFormula' in value) return { raw: null };
    if ('richText' in value) return { raw: value.richText.map((t) => t.text).join('') };
    if ('text' in value && typeof value.text === 'string') return { raw: value.text };
    if ('error' in value) return { raw: String(value.error) };
  }
  return { raw: String(value) };
}

interface StoredMeta {
  id?: string;
  timeZone?: string;
  locale?: string;
  owner?: string;
  editors?: string[];
  viewers?: string[];
  protections?: Record<string, ProtectionData[]>;
  sheetIds?: Record<string, number>;
  sheetIdList?: number[];
  sheetNameList?: string[];
  protectionList?: ProtectionData[][];
  documentProperties?: Record<string, string>;
}

/** The colour of a conditional format's fill, as `#rrggbb`. */
function backgroundOf(style: Partial<ExcelJS.Style> | undefined): string | null {
  const fill = style?.fill;
  const color = fill && fill.type === 'pattern' ? (fill.bgColor?.argb ?? fill.fgColor?.argb) : undefined;
  return color ? `#${color.slice(-6).toLowerCase()}` : null;
}

export async function loadXlsx(file: string | Buffer, fallbackId: string, fallbackName: string): Promise<WorkbookData> {
  const wb = new (excel().Workbook)();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ArrayBuffer);
  let meta: StoredMeta = {};
  try {
    const parsed: unknown = JSON.parse(wb.description || '{}');
    if (parsed && typeof parsed === 'object') meta = parsed as StoredMeta;
  } catch {
    meta = {};
  }
  const owner = meta.owner ?? 'admin@example.gov.vn';
  const data: WorkbookData = {
    id: meta.id ?? fallbackId,
    name: wb.title || fallbackName,
    timeZone: meta.timeZone ?? 'Asia/Ho_Chi_Minh',
    locale: meta.locale ?? 'vi_VN',
    owner,
    editors: meta.editors ?? [owner],
    viewers: meta.viewers ?? [],
    sheets: [],
    nextSheetId: Math.max(0, ...[...(meta.sheetIdList ?? []), ...Object.values(meta.sheetIds ?? {})].map((id) => id + 1)),
    ...(meta.documentProperties ? { documentProperties: { ...meta.documentProperties } } : {}),
  };
  let position = 0;
  wb.eachSheet((ws) => {
    const at = position++;
    // The whole name where Excel cut it to 31 characters (only when it is that name's start).
    const full = meta.sheetNameList?.[at];
    const name = full !== undefined && full.startsWith(ws.name) ? full : ws.name;
    const sheet: SheetData = newSheetData(meta.sheetIdList?.[at] ?? meta.sheetIds?.[ws.name] ?? data.nextSheetId++, name);
    sheet.maxRows = Math.max(sheet.maxRows, ws.rowCount);
    sheet.maxColumns = Math.max(sheet.maxColumns, ws.columnCount);
    const frozen = (ws.views ?? []).find((v) => v.state === 'frozen');
    sheet.frozenRows = frozen && 'ySplit' in frozen ? (frozen.ySplit ?? 0) : 0;
    sheet.frozenColumns = frozen && 'xSplit' in frozen ? (frozen.xSplit ?? 0) : 0;
    ws.columns?.forEach((column, i) => {
      // exceljs widths are in characters; Google's in pixels (about 7 a character).
      if (column.width) sheet.columnWidths.set(i + 1, Math.round(column.width * 7));
    });
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const { raw, formula, isDate } = rawOf(cell.value);
        const k = cellKey(r, c);
        if (formula) sheet.formulas.set(k, formula);
        else if (raw !== null) {
          (sheet.rows[r - 1] ??= [])[c - 1] = raw;
        }
        const numFmt = cell.numFmt;
        if (numFmt) sheet.formats.set(k, numFmt);
        else if (isDate) sheet.formats.set(k, 'dd/MM/yyyy HH:mm:ss');
        if (cell.font?.bold) sheet.fontWeights.set(k, 'bold');
        if (cell.alignment?.wrapText) sheet.wraps.add(k);
      });
    });
    // Validations live apart from cell values (empty cells have them too), keyed by address or range.
    const model =
      (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation> } }).dataValidations?.model ?? {};
    for (const [address, dv] of Object.entries(model)) {
      if (!dv || dv.type !== 'list' || !dv.formulae?.[0]) continue;
      const values = String(dv.formulae[0]).replace(/^"|"$/g, '').split(',');
      const validation = { values, showDropdown: true, allowInvalid: !dv.showErrorMessage, helpText: dv.prompt ?? null };
      for (const part of address.replace(/^range:/, '').split(/\s+/)) {
        const area = parseA1(part, sheet.maxRows, sheet.maxColumns);
        if (!area) continue;
        for (let r = area.row; r < area.row + area.numRows; r += 1) {
          for (let c = area.column; c < area.column + area.numColumns; c += 1) sheet.validations.set(cellKey(r, c), validation);
        }
      }
    }
    // The colour rules of the register (overdue, due today, due soon): a custom formula and a fill.
    for (const cf of (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings ?? []) {
      const areas = cf.ref
        .split(/\s+/)
        .map((part) => parseA1(part, sheet.maxRows, sheet.maxColumns))
        .filter((a): a is NonNullable<typeof a> => a !== undefined);
      for (const rule of cf.rules) {
        if (rule.type !== 'expression' || !rule.formulae?.[0]) continue;
        sheet.conditionalRules.push({
          formula: `=${String(rule.formulae[0])}`,
          background: backgroundOf(rule.style),
          fontColor: null,
          areas,
        });
      }
    }
    sheet.protections = structuredClone(meta.protectionList?.[at] ?? meta.protections?.[ws.name] ?? []);
    data.sheets.push(sheet);
  });
  if (data.sheets.length === 0) data.sheets.push(newSheetData(data.nextSheetId++, 'Trang tính1'));
  return data;
}
