/**
 * `Một cửa › Khóa sổ cuối năm` (Circular 01/2018/TT-VPCP Art. 10: the register is closed at year
 * end). Closing year Y moves every finished dossier received by 31/12/Y — a refusal, a stop, or a
 * result handed over: no step can follow — to the protected tab `Lưu trữ Y`, with its events to
 * `Lưu trữ Y – Nhật ký`; the rest stay in the register until the next closing, so it stays small.
 * A result not yet handed over stays too: its hand-over is still to be recorded. Codes and
 * register numbers move with their rows; intake refuses a closed year, so none is issued again.
 *
 * Safe to run again after a fault at any call: the archive is written under a temporary name,
 * read back and compared, protected, recorded, then renamed (the commit); only then are rows deleted
 * from the register and the log, each one only where it equals its archived copy and is finished.
 * A tab of an archive's name that the closing did not write (made by hand) is never trusted, replaced
 * or deleted: the closing is refused until it is renamed. Reports read the archives
 * and count a dossier found in both places once, so they are the same before, during and after.
 */
import { compareDates } from '../core/civil';
import { formatNumberVi } from '../core/format';
import { allowedActions } from '../core/lifecycle';
import type { CellValue, Properties, Services, Sheet, Spreadsheet } from '../gas/services';
import {
  type ArchiveKind,
  archiveLockDescription,
  archiveLogName,
  archiveName,
  closedYear,
  readYearEndRecord,
  tabNamed,
  writeYearEndRecord,
  type YearEndRecord,
} from '../sheets/archive';
import { textOf } from '../sheets/cells';
import { logLayout, writeEvent } from '../sheets/eventLog';
import { type LayoutParts, partsOf, SheetProblem, type SheetLayout } from '../sheets/layout';
import { lockGap, lockHolds, lockProtection } from '../sheets/protect';
import { dossierOfRow, registerLayout } from '../sheets/register';
import {
  LOG_COLUMNS,
  type LogHeader,
  logFormat,
  REGISTER_COLUMNS,
  type RegisterHeader,
  registerFormat,
  TEXT_FORMAT,
} from '../sheets/schema';
import { cell } from '../sheets/table';
import { staysTextWhenTyped } from '../sheets/write';
import { headEmails, requireUnitHead } from './access';
import { documentProperties, openUnit, type UnitContext, withDocumentLock } from './unitContext';

type Rows = CellValue[][];

/** A row as a comparable key: its cells up to the last filled one, dates by instant. */
const keyOf = (row: readonly CellValue[]) => {
  const cells = row.map((v) => (v instanceof Date ? `\u0001${v.getTime()}` : v));
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return JSON.stringify(cells);
};

/** The rows below the header, as wide as anything is written (a tab's grid is often wider). */
const dataOf = (layout: SheetLayout<string>): Rows =>
  layout.lastRow > layout.headerRow
    ? layout.sheet.getRange(layout.headerRow + 1, 1, layout.lastRow - layout.headerRow, layout.sheet.getLastColumn()).getValues()
    : [];

/** Indexes of `rows` that equal a row of `archived` (each archived row matches once). */
function matching(rows: Rows, archived: Rows): number[] {
  const left = new Map<string, number>();
  for (const row of archived) left.set(keyOf(row), (left.get(keyOf(row)) ?? 0) + 1);
  return rows.flatMap((row, i) => {
    const n = left.get(keyOf(row)) ?? 0;
    if (n === 0) return [];
    left.set(keyOf(row), n - 1);
    return [i];
  });
}

interface Table {
  readonly layout: SheetLayout<string>;
  readonly rows: Rows;
  /** The rows to move (before the archive exists) or to delete (after). */
  readonly picked: number[];
}

interface Plan {
  readonly register: Table;
  readonly log: Table;
  /** What the closing of the year recorded: the tabs it wrote, and the archive once committed. */
  readonly record: YearEndRecord;
  /** The committed archive's tabs as they are now (a head may have renamed them; gone if deleted). */
  readonly archive?: { readonly register: Sheet | undefined; readonly log: Sheet | undefined };
  /** Dossiers received by the year's end that stay: not finished yet. */
  readonly staying: number;
  /** The tabs' layouts, found again in one header read each. */
  readonly parts: { readonly register: LayoutParts<RegisterHeader>; readonly log: LayoutParts<LogHeader> };
}

function plan(unit: UnitContext, properties: Properties, year: number, known?: Plan['parts']): Plan {
  const ss = unit.spreadsheet;
  const register = registerLayout(ss, known?.register);
  const log = logLayout(ss, known?.log);
  const rows = dataOf(register);
  const events = dataOf(log);
  let staying = 0;
  // A code on two rows (a copied row) stays: reports skip a register row whose code an archive holds.
  const seen = new Map<string, number>();
  for (const row of rows) {
    const code = textOf(cell(register, row, 'Mã hồ sơ'));
    seen.set(code, (seen.get(code) ?? 0) + 1);
  }
  const finished = rows.flatMap((row, i) => {
    const found = dossierOfRow(register, register.headerRow + 1 + i, row, unit.zone);
    if (!found.ok || found.entry.dossier.receivedAt.date > `${year}-12-31`) return [];
    if ((seen.get(found.entry.dossier.code) ?? 0) > 1) {
      staying += 1;
      return [];
    }
    const d = found.entry.dossier;
    const end = d.resultDate ?? d.returnedDate;
    // Only rows the report classifies move, so that it reads them the same in the archive.
    if (end && allowedActions(d).length === 0 && compareDates(end, d.receivedAt.date) >= 0) return [i];
    staying += 1;
    return [];
  });
  const codeOf = (row: readonly CellValue[]) => textOf(cell(register, row, 'Mã hồ sơ'));
  const record = readYearEndRecord(properties, year);
  const parts = { register: partsOf(register), log: partsOf(log) };
  if (!record.archive) {
    const codes = new Set(finished.map((i) => codeOf(rows[i] ?? [])));
    const pickedEvents = events.flatMap((e, i) => (codes.has(textOf(cell(log, e, 'Mã hồ sơ'))) ? [i] : []));
    return {
      register: { layout: register, rows, picked: finished },
      log: { layout: log, rows: events, picked: pickedEvents },
      record,
      staying,
      parts,
    };
  }
  // Committed: what is left is to delete the rows equal to their archived copies that are finished
  // (an archive never takes an open dossier out of the register), and the events of its dossiers.
  const sheets = ss.getSheets();
  const byId = (id: number) => sheets.find((sh) => sh.getSheetId() === id);
  const archive = { register: byId(record.archive.register), log: byId(record.archive.log) };
  const archivedRows = archive.register ? archive.register.getDataRange().getValues().slice(1) : [];
  const done = new Set(finished);
  const codes = new Set(archivedRows.map(codeOf));
  return {
    register: { layout: register, rows, picked: matching(rows, archivedRows).filter((i) => done.has(i)) },
    log: {
      layout: log,
      rows: events,
      picked: archive.log
        ? matching(events, archive.log.getDataRange().getValues().slice(1)).filter((i) =>
            codes.has(textOf(cell(log, events[i] ?? [], 'Mã hồ sơ'))),
          )
        : [],
    },
    record,
    archive,
    staying,
    parts,
  };
}

/** The format of an archive column: the register's or the log's own (their shared headers agree). */
const formatOf = (h: string): string | undefined =>
  (REGISTER_COLUMNS as readonly string[]).includes(h)
    ? registerFormat(h as RegisterHeader)
    : (LOG_COLUMNS as readonly string[]).includes(h)
      ? logFormat(h as LogHeader)
      : undefined;

/**
 * Writes rows under a temporary name (recorded, so a stopped run's tab is replaced, never a tab made by
 * hand), reads them back and compares, and locks the tab with a description naming its year and kind
 * so that only the owner, the head(s) and whoever closes may change it; refused (nothing deleted from
 * the register yet) when Google leaves anyone else an editor.
 */
function writeArchive(
  ss: Spreadsheet,
  properties: Properties,
  year: number,
  kind: ArchiveKind,
  table: Table,
  me: string,
  heads: readonly string[],
) {
  const name = `${kind === 'register' ? archiveName(year) : archiveLogName(year)}${WRITING}`;
  // Claimed before the tab is made, recorded right after: a run stopped between the two leaves a tab
  // the next run still knows as its own.
  const before = readYearEndRecord(properties, year);
  const record = { ...before, claimed: [...new Set([...(before.claimed ?? []), name])] };
  writeYearEndRecord(properties, year, record);
  const leftover = ss.getSheetByName(name);
  if (leftover) ss.deleteSheet(leftover); // a stopped run's: the caller refused one of this name it did not write
  const existing = new Set(ss.getSheets().map((sh) => sh.getSheetId()));
  const sheet = ss.insertSheet(name);
  writeYearEndRecord(properties, year, {
    ...record,
    tabs: [...record.tabs.filter((id) => existing.has(id)), sheet.getSheetId()],
  });
  const rows = table.picked.map((i) => table.rows[i] ?? []);
  const width = table.layout.headerCells.reduce<number>((w, h, c) => (h === '' ? w : c + 1), table.rows[0]?.length ?? 1);
  const header = Array.from({ length: width }, (_, c) => textOf(table.layout.headerCells[c] ?? ''));
  const all = [header, ...rows];
  if (all.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), all.length - sheet.getMaxRows());
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, 1, width).setNumberFormat(TEXT_FORMAT);
  // A column people added keeps text as text, and dates as dates; adjacent columns of one format
  // are set in one call (a call per column is a dozen more on a register with the service index).
  const formats = header.map(
    (h, c) => formatOf(h) ?? (rows.some((r) => r[c] instanceof Date) ? 'dd/mm/yyyy hh:mm' : TEXT_FORMAT),
  );
  for (let c = 0; c < width && rows.length > 0;) {
    let end = c + 1;
    while (end < width && formats[end] === formats[c]) end += 1;
    sheet.getRange(2, c + 1, rows.length, end - c).setNumberFormat(formats[c] ?? TEXT_FORMAT);
    c = end;
  }
  const range = sheet.getRange(1, 1, all.length, width);
  range.setValues(all);
  sheet.setFrozenRows(1);
  const back = range.getValues();
  const wrong = all.findIndex((row, r) => keyOf(row) !== keyOf(back[r] ?? []));
  if (wrong >= 0) throw new SheetProblem(`Dòng ${wrong + 1} của trang “${name}” ghi ra không khớp với sổ; sổ chưa thay đổi.`);
  const left = lockProtection(sheet.protect().setDescription(archiveLockDescription(year, kind)), ss, me, heads);
  if (!lockHolds(left)) {
    ss.deleteSheet(sheet); // made by this run, and open to others: not left behind
    throw new SheetProblem(
      `Không khóa được trang “${name}”: ${lockGap(left)}, nên sổ chưa xóa hồ sơ nào. Hãy báo cán bộ phụ trách CNTT và gửi họ báo cáo của mục Tự kiểm tra trên Google.`,
    );
  }
  return sheet;
}

/** The suffix of a tab being written: renamed to the archive's name once committed. */
const WRITING = ' (đang ghi)';

/** The rows now equal to those `table` picked: where a sort or a row typed since moved them. */
function relocate(table: Table, layout: SheetLayout<string>): Table {
  const rows = dataOf(layout);
  return {
    layout: table.layout,
    rows,
    picked: matching(
      rows,
      table.picked.map((i) => table.rows[i] ?? []),
    ),
  };
}

/**
 * Takes the picked rows out with a constant number of calls (one `deleteRows` per run of rows was
 * hundreds of structural calls on a big log): from the first picked row down, the kept rows are
 * written back in one block, moved up, with blank rows below them; then that trailing block, now
 * blank, is deleted. The one write of values is the commit: a fault before it changes nothing, a fault
 * after it leaves blank rows only (a re-run finds nothing left to delete). Values move; a colour an
 * officer painted on a cell stays with the row position (README, year-end closing).
 */
function deletePicked({ layout, rows, picked }: Table): void {
  if (picked.length === 0) return;
  const first = Math.min(...picked);
  const width = rows[0]?.length ?? 0;
  const range = layout.sheet.getRange(layout.headerRow + 1 + first, 1, rows.length - first, width);
  const formats = range.getNumberFormats();
  const gone = new Set(picked);
  const kept = rows.flatMap((row, i) => (i < first || gone.has(i) ? [] : [{ row, formats: formats[i - first] ?? [] }]));
  const moved = [...kept, ...picked.map(() => ({ row: Array<CellValue>(width).fill(''), formats: [] as string[] }))];
  // A value keeps the format of the place it lands (columns share theirs), unless that would change
  // it: a text that format would read as a number, a date or a formula gets plain text; a date or a
  // number landing in a plain-text cell brings its own format.
  const wanted = moved.map(({ row, formats: own }, r) =>
    row.map((v, c) => {
      const here = formats[r]?.[c] ?? '';
      if (typeof v === 'string') return v === '' || here === TEXT_FORMAT || staysTextWhenTyped(v) ? here : TEXT_FORMAT;
      return here === TEXT_FORMAT && own[c] !== undefined && own[c] !== TEXT_FORMAT ? own[c] : here;
    }),
  );
  // Column by column, and only where a format changes: writing formats is as dear as writing values.
  for (let c = 0; c < width; c += 1) {
    if (wanted.every((row, r) => row[c] === formats[r]?.[c])) continue;
    layout.sheet
      .getRange(layout.headerRow + 1 + first, c + 1, wanted.length, 1)
      .setNumberFormats(wanted.map((row) => [row[c] ?? '']));
  }
  range.setValues(moved.map(({ row }) => row));
  // Google refuses to delete every row below the frozen header: one empty row is kept.
  const trailing = picked.length === rows.length ? picked.length - 1 : picked.length;
  if (trailing > 0) layout.sheet.deleteRows(layout.headerRow + 1 + rows.length - trailing, trailing);
}

/** Closes `year` (by default last year), after the head confirms the year and the counts. */
export function closeYear(services: Services, year?: number): string {
  const unit = openUnit(services);
  requireUnitHead(services, unit.settings.headEmail, 'khóa sổ cuối năm');
  const thisYear = Number(unit.now.date.slice(0, 4));
  const y = year ?? thisYear - 1;
  const tab = archiveName(y);
  if (y >= thisYear) throw new SheetProblem(`Năm ${y} chưa kết thúc: chỉ khóa sổ được từ ngày 01/01/${y + 1}.`);
  const later = closedYear(unit.spreadsheet, unit.archives, y + 1, thisYear);
  const count = (p: Pick<Plan, 'register' | 'log'>) =>
    `${formatNumberVi(p.register.picked.length)} hồ sơ đã xong và ${formatNumberVi(p.log.picked.length)} dòng nhật ký`;
  const properties = documentProperties(services);
  // Asked before the lock: the officers' saves go on while the head reads. What is moved is read
  // again under the lock; the answer says what was done.
  const p = plan(unit, properties, y);
  // The tabs this closing would replace or rename over: one it did not write belongs to someone.
  const handMade = (q: Plan) => {
    // One read of the tabs' names, compared without case (Google refuses two names differing only in case).
    const tabs = unit.spreadsheet.getSheets().map((sheet) => ({ sheet, name: sheet.getName().toLowerCase() }));
    const ours = [...q.record.tabs, q.record.archive?.register, q.record.archive?.log];
    return [archiveName(y), archiveLogName(y), `${archiveLogName(y)}${WRITING}`, `${tab}${WRITING}`].find((name) => {
      const found = tabs.find((t) => t.name === name.toLowerCase());
      return found !== undefined && !ours.includes(found.sheet.getSheetId()) && !(q.record.claimed ?? []).includes(name);
    });
  };
  const refusal = (q: Plan) => {
    if (q.archive && !q.archive.register)
      return new SheetProblem(
        `Sổ năm ${y} đã khóa, nhưng trang lưu trữ của năm đó không còn trong bảng tính (đã bị xóa); không có gì thay đổi. Hãy khôi phục bảng tính từ Lịch sử phiên bản nếu cần.`,
      );
    if (q.archive?.register && q.register.picked.length + q.log.picked.length === 0 && !misnamed(q))
      return new SheetProblem(`Sổ năm ${y} đã khóa (trang “${q.archive.register.getName()}”); không có gì thay đổi.`);
    if (later)
      return new SheetProblem(
        `Sổ năm ${later.year} đã khóa (trang “${later.name}”), nên không khóa sổ năm ${y} được nữa; không có gì thay đổi.`,
      );
    const name = handMade(q);
    return name === undefined
      ? undefined
      : new SheetProblem(
          `Trang “${name}” đã có nhưng không phải do MotCua ghi khi khóa sổ năm ${y} (trang tự lập, hoặc do phiên bản trước tháng 12/2026 ghi), nên chưa khóa sổ và không có gì thay đổi. Hãy đổi tên trang đó (ví dụ thêm “ – bản tự lập”) rồi khóa sổ lại.`,
        );
  };
  /** A committed archive still under its temporary name (a run stopped between the commit and the rename). */
  const misnamed = (q: Plan) => [q.archive?.register, q.archive?.log].some((sh) => sh?.getName().endsWith(WRITING));
  const before = refusal(p);
  if (before) throw before;
  const ui = services.spreadsheetApp.getUi();
  const asked = ui.alert(
    `Khóa sổ năm ${y}: chuyển ${count(p)} (hồ sơ tiếp nhận đến 31/12/${y}) sang trang “${tab}” (chỉ xem); ` +
      `${formatNumberVi(p.staying)} hồ sơ chưa xong ở lại sổ. Sau đó không tiếp nhận thêm hồ sơ năm ${y}. Tiếp tục?`,
    ui.ButtonSet.YES_NO,
  );
  if (asked !== ui.Button.YES) return 'Chưa khóa sổ; không có gì thay đổi.';
  return withDocumentLock(services, () => {
    const ss = unit.spreadsheet;
    // A sort or a row typed meanwhile takes no lock: the tabs are read again.
    let fresh = plan(unit, properties, y, p.parts);
    const meanwhile = refusal(fresh);
    if (meanwhile) throw meanwhile;
    if (!fresh.archive) {
      const me = services.session.getEffectiveUser().getEmail();
      const heads = headEmails(unit.settings.headEmail);
      const log = writeArchive(ss, properties, y, 'log', fresh.log, me, heads);
      const register = writeArchive(ss, properties, y, 'register', fresh.register, me, heads);
      // The commit: both tabs written, read back and locked. From here the rows are deleted.
      const record = readYearEndRecord(properties, y);
      writeYearEndRecord(properties, y, { ...record, archive: { register: register.getSheetId(), log: log.getSheetId() } });
      fresh = { ...fresh, archive: { register, log } };
    }
    // Named as archives once committed (a rename an earlier run did not reach is done now).
    for (const [sheet, name] of [
      [fresh.archive?.log, archiveLogName(y)],
      [fresh.archive?.register, tab],
    ] as const) {
      if (sheet?.getName().endsWith(WRITING) && !tabNamed(ss, name)) sheet.setName(name);
    }
    // Deleted: the rows equal to their archived copies, found where they are now (never by the first read's positions).
    const gone = {
      log: relocate(fresh.log, logLayout(ss, fresh.parts.log)),
      register: relocate(fresh.register, registerLayout(ss, fresh.parts.register)),
    };
    deletePicked(gone.log);
    deletePicked(gone.register);
    const done = `Đã khóa sổ năm ${y}: ${count(gone)} sang trang “${fresh.archive?.register?.getName() ?? tab}”.`;
    writeEvent(logLayout(ss), {
      at: unit.zone.toDate(unit.now),
      user: unit.user,
      code: '',
      action: 'Khóa sổ cuối năm',
      from: '',
      to: '',
      note: done,
      details: {},
      requestKey: '',
    });
    return done;
  });
}
