/**
 * Reconciliation of the register with the provincial system's export, keyed on `Mã hồ sơ`: the
 * provincial system is the record, so each difference says which side is probably wrong and what
 * to do there. Pure: records in, findings out; nothing is written anywhere.
 */
import type { CivilDate } from './civil';
import { type DossierStatus, isEnded } from './dossier';
import {
  APPLICANT_FIELDS,
  type ApplicantField,
  EXPORT_HEADER_SYNONYMS,
  type ExportField,
  channelOfExport,
  exportDateTimeOf,
  exportStatusName,
  fold,
  isNotReceived,
  statusOfExport,
} from './provincialExport';
import { formatDateVi, formatNumberVi } from './format';
import { dossierCodeKey, quoted, readExportCode } from './dossierCode';

/** One dossier as both sides can state it. */
export interface ReconcileRecord {
  readonly code: string;
  readonly status: DossierStatus;
  readonly appointment?: CivilDate;
  readonly resultAt?: CivilDate;
  readonly returnedAt?: CivilDate;
  /** Where it was read: a register row or an export row (1-based, as a spreadsheet shows it). */
  readonly row: number;
}

export interface ExportRecord extends ReconcileRecord {
  readonly procedureName: string;
  readonly receivedAt?: { readonly date: CivilDate; readonly minute: number };
  readonly channel?: 'Trực tiếp' | 'Trực tuyến' | 'Bưu chính';
  readonly statusText: string;
  /** The appointment's minute of the day when the export gives an hour (absent for a day alone or 00:00). */
  readonly appointmentMinute?: number;
  /** The applicant's columns the export has, non-empty only; never part of a finding. */
  readonly applicant: Partial<Record<ApplicantField, string>>;
}

export interface ExportProblem {
  readonly file: string;
  readonly row: number;
  readonly reason: string;
}

type DifferenceField = 'status' | 'appointment' | 'resultAt' | 'returnedAt';

export interface Difference {
  readonly code: string;
  readonly field: DifferenceField;
  readonly register: string | null;
  readonly export: string | null;
  /** Which side is probably wrong. */
  readonly fix: 'export' | 'register';
  readonly advice: string;
}

export interface Reconciliation {
  readonly onlyInRegister: { code: string; row: number; advice: string }[];
  readonly onlyInExport: { code: string; row: number; advice: string }[];
  readonly different: Difference[];
  readonly summary: {
    register: number;
    export: number;
    both: number;
    onlyInRegister: number;
    onlyInExport: number;
    different: number;
    /** Finished in the register, still open in the export: the false-late dossiers. */
    finishedInRegisterOpenInExport: number;
  };
}

/** The export's columns, by synonym; the code column is required. */
function exportColumns(header: readonly string[]): Map<ExportField, number> {
  const folded = header.map((h) => fold(String(h)));
  const columns = new Map<ExportField, number>();
  for (const [field, names] of Object.entries(EXPORT_HEADER_SYNONYMS) as [ExportField, readonly string[]][]) {
    const index = folded.findIndex((h) => names.some((n) => fold(n) === h));
    if (index >= 0) columns.set(field, index);
  }
  return columns;
}

/**
 * Columns only a MotCua register has (its own bookkeeping; an export may well have `Cán bộ xử lý`): a header holding two
 * of them is a register given where the export was expected — the files swapped.
 */
const REGISTER_ONLY_HEADERS = ['Hạn trả mới', 'Số lần yêu cầu bổ sung', 'Cảnh báo', 'Cập nhật lúc', 'Mã yêu cầu'].map(fold);

/** Whether a header row is a MotCua register's rather than a provincial export's. */
function isRegisterHeader(header: readonly (string | number)[]): boolean {
  const folded = new Set(header.map((h) => fold(String(h))));
  return REGISTER_ONLY_HEADERS.filter((h) => folded.has(h)).length >= 2;
}

/** Google Sheets holds at most 50,000 characters in a cell: a longer one cannot be imported. */
const CELL_LIMIT = 50_000;

const DATE_FIELDS = ['receivedAt', 'appointment', 'resultAt', 'returnedAt'] as const;

/**
 * The export's rows read into records; each bad row named with its file, row and reason (quoting the
 * bad value, naming each bad field), never guessed and never fatal. The header is the first of the top
 * 10 rows naming a code column. Codes are read as intake reads them (readExportCode): one spelling per
 * dossier, whatever case, spaces or invisible characters the export put in.
 */
export function readExportRows(
  file: string,
  rows: readonly (readonly (string | number)[])[],
): {
  records: ExportRecord[];
  problems: ExportProblem[];
  headerFound: boolean;
  /** The header is a MotCua register's: the register was given as the export. */
  looksLikeRegister: boolean;
  /** Refused at the counter (national status 3): never received, so no dossier of the register. */
  notReceived: { code: string; row: number }[];
} {
  const headerIndex = rows.slice(0, 10).findIndex((r) => exportColumns(r.map(String)).has('code'));
  if (headerIndex < 0) return { records: [], problems: [], headerFound: false, looksLikeRegister: false, notReceived: [] };
  const header = rows[headerIndex] ?? [];
  if (isRegisterHeader(header)) return { records: [], problems: [], headerFound: true, looksLikeRegister: true, notReceived: [] };
  const notReceived: { code: string; row: number }[] = [];
  const columns = exportColumns(header.map(String));
  const columnList = [...columns];
  const headerName = (f: ExportField) => String(header[columns.get(f) ?? -1] ?? EXPORT_HEADER_SYNONYMS[f][0]).trim();
  const records: ExportRecord[] = [];
  const problems: ExportProblem[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i += 1) {
    const cells = rows[i] ?? [];
    const row = i + 1;
    const cell = (f: ExportField): string | number => {
      const c = columns.get(f);
      return c === undefined ? '' : (cells[c] ?? '');
    };
    const text = (f: ExportField) => String(cell(f)).normalize('NFC').trim();
    if (cells.every((c) => String(c).trim() === '')) continue;
    const fail = (reason: string) => problems.push({ file, row, reason });
    // A cell Sheets cannot hold is one bad row, not the end of the import.
    let long: ExportField | undefined;
    for (const [f, c] of columnList) {
      const v = cells[c];
      if (typeof v === 'string' && v.length > CELL_LIMIT) long = f;
    }
    if (long) {
      fail(
        `ô “${headerName(long)}” dài ${formatNumberVi(String(cell(long)).length)} ký tự, quá ${formatNumberVi(CELL_LIMIT)} ký tự một ô của Google Sheets`,
      );
      continue;
    }
    const codeText = String(cell('code')).trim();
    if (!codeText) {
      fail('thiếu mã hồ sơ');
      continue;
    }
    const codeRead = readExportCode(codeText);
    if (!codeRead.ok) {
      fail(codeRead.message);
      continue;
    }
    const code = codeRead.code;
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      fail(`mã hồ sơ ${code} đã có ở dòng ${earlier}`);
      continue;
    }
    const statusText = text('status');
    // Not received (Mẫu 03 at the counter, Decree 118): no register number, not in the report's (3).
    if (isNotReceived(statusText)) {
      notReceived.push({ code, row });
      continue;
    }
    const status = statusOfExport(statusText);
    let bad: string[] | undefined;
    if (!status)
      (bad ??= []).push(statusText ? `${headerName('status')} ${quoted(statusText)} không nhận ra được` : 'thiếu trạng thái');
    const dates: Partial<Record<(typeof DATE_FIELDS)[number], { date: CivilDate; minute: number }>> = {};
    for (const f of DATE_FIELDS) {
      const v = exportDateTimeOf(cell(f));
      if (v === 'invalid')
        (bad ??= []).push(`${headerName(f)} ${quoted(String(cell(f)))} không phải ngày dd/MM/yyyy HH:mm (năm 1901–2099)`);
      else if (v) dates[f] = v;
    }
    const channelText = text('channel');
    const channel = channelOfExport(channelText);
    if (channelText && !channel) (bad ??= []).push(`${headerName('channel')} ${quoted(channelText)} không nhận ra được`);
    if (bad || !status) {
      fail((bad ?? []).join('; '));
      continue;
    }
    seen.set(dossierCodeKey(code), row);
    const applicant: Partial<Record<ApplicantField, string>> = {};
    for (const f of APPLICANT_FIELDS) if (columns.has(f) && text(f) !== '') applicant[f] = text(f);
    records.push({
      applicant,
      code,
      row,
      status,
      statusText,
      procedureName: text('procedureName'),
      ...(dates.receivedAt ? { receivedAt: dates.receivedAt } : {}),
      ...(dates.appointment ? { appointment: dates.appointment.date } : {}),
      ...(dates.appointment?.minute ? { appointmentMinute: dates.appointment.minute } : {}),
      ...(dates.resultAt ? { resultAt: dates.resultAt.date } : {}),
      ...(dates.returnedAt ? { returnedAt: dates.returnedAt.date } : {}),
      ...(channel ? { channel } : {}),
    });
  }
  return { records, problems, headerFound: true, looksLikeRegister: false, notReceived };
}

/**
 * Why the register cannot hold an export's dossier as a row (register.ts reads a row only with a
 * receipt time and an appointment, and the dates a finished status needs), or undefined. The
 * import refuses such a dossier, naming it, rather than write a row Kiểm tra dữ liệu then reports.
 */
export function unfitForRegister(r: ExportRecord): string | undefined {
  const why: string[] = [];
  if (!r.receivedAt) why.push('thiếu ngày tiếp nhận');
  if (!r.appointment) why.push('thiếu ngày hẹn trả');
  if (r.receivedAt && r.appointment && r.appointment < r.receivedAt.date)
    why.push(`ngày hẹn trả ${formatDateVi(r.appointment)} trước ngày tiếp nhận ${formatDateVi(r.receivedAt.date)}`);
  const shown = exportStatusName(r.statusText, r.status);
  if (r.status === 'Đã trả kết quả' && !r.returnedAt) why.push(`trạng thái “${shown}” nhưng thiếu ngày trả kết quả`);
  if ((r.status === 'Đã có kết quả' || r.status === 'Từ chối giải quyết' || r.status === 'Dừng giải quyết') && !r.resultAt)
    why.push(`trạng thái “${shown}” nhưng thiếu ngày có kết quả`);
  if (r.receivedAt && r.resultAt && r.resultAt < r.receivedAt.date)
    why.push(`ngày có kết quả ${formatDateVi(r.resultAt)} trước ngày tiếp nhận ${formatDateVi(r.receivedAt.date)}`);
  const before = r.resultAt ?? r.receivedAt?.date;
  if (r.returnedAt && before && r.returnedAt < before)
    why.push(
      `ngày trả kết quả ${formatDateVi(r.returnedAt)} trước ngày ${r.resultAt ? 'có kết quả' : 'tiếp nhận'} ${formatDateVi(before)}`,
    );
  return why.length > 0 ? `sổ không ghi được hồ sơ này: ${why.join('; ')}` : undefined;
}

const FIELD_NAMES: Record<DifferenceField, string> = {
  status: 'trạng thái',
  appointment: 'ngày hẹn trả',
  resultAt: 'ngày có kết quả',
  returnedAt: 'ngày trả kết quả',
};

const day = (d: CivilDate | undefined) => (d ? formatDateVi(d) : 'trống');

/**
 * How far a dossier has gone: open, then decided (a result, a refusal, a stop), then handed over. The
 * side further along is the one that recorded a step the other has not yet.
 */
function progress(s: DossierStatus): number {
  if (s === 'Đã trả kết quả') return 2;
  return isEnded(s) ? 1 : 0;
}

function statusAdvice(r: ReconcileRecord, e: ExportRecord): Pick<Difference, 'fix' | 'advice'> {
  const theirs = exportStatusName(e.statusText, e.status);
  // The register further along (returned there, only "Đã xử lý xong" on the province): the province lags.
  if (progress(r.status) > progress(e.status)) {
    const when = r.status === 'Đã trả kết quả' ? (r.returnedAt ?? r.resultAt) : r.resultAt;
    return {
      fix: 'export',
      advice:
        `${r.status === 'Đã trả kết quả' ? 'đã trả kết quả' : r.status.toLowerCase()} trong sổ${when ? ` ngày ${formatDateVi(when)}` : ''}` +
        ` nhưng hệ thống tỉnh vẫn “${theirs}”: cập nhật trên hệ thống tỉnh${isEnded(e.status) ? '' : ' để không bị tính trễ hạn'}`,
    };
  }
  return {
    fix: 'register',
    advice: `hệ thống tỉnh ghi “${theirs}”, sổ ghi “${r.status}”: cập nhật sổ theo hệ thống tỉnh (hệ thống tỉnh là bản gốc)`,
  };
}

function dateAdvice(
  field: DifferenceField,
  r: CivilDate | undefined,
  e: CivilDate | undefined,
): Pick<Difference, 'fix' | 'advice'> {
  const name = FIELD_NAMES[field];
  if (r && !e && field !== 'appointment') {
    return { fix: 'export', advice: `sổ có ${name} ${day(r)}, hệ thống tỉnh chưa có: cập nhật trên hệ thống tỉnh` };
  }
  return {
    fix: 'register',
    advice: `${name} trong sổ ${day(r)}, hệ thống tỉnh ${day(e)}: sửa sổ theo hệ thống tỉnh (hệ thống tỉnh là bản gốc)`,
  };
}

/**
 * Received and in progress are one phase: the provincial system does not see MotCua's hand-over
 * to the competent department, so that step alone is no difference.
 */
function samePhase(a: DossierStatus, b: DossierStatus): boolean {
  const open = (s: DossierStatus) => (s === 'Đã tiếp nhận' ? 'Đang giải quyết' : s);
  return open(a) === open(b);
}

/** A code already clean (the usual case) is its own key: 200,000 codes take no normalising. */
const CLEAN_CODE = /^[A-Z0-9.]+-\d{6}-\d{4}$/;
export const codeKeyOf = (code: string): string => (CLEAN_CODE.test(code) ? code : dossierCodeKey(code));

/** Both sides compared by code; every list sorted by code so that two runs print the same. */
export function reconcile(register: readonly ReconcileRecord[], exported: readonly ExportRecord[]): Reconciliation {
  // Compared by key: a code typed by hand in another case or with a stray space is the same dossier.
  const byCode = new Map<string, ExportRecord>();
  for (const e of exported) byCode.set(codeKeyOf(e.code), e);
  const registerCodes = new Set<string>();
  const onlyInRegister: Reconciliation['onlyInRegister'] = [];
  const different: Difference[] = [];
  let finishedOpen = 0;
  let both = 0;
  for (const r of register) {
    const key = codeKeyOf(r.code);
    registerCodes.add(key);
    const e = byCode.get(key);
    if (!e) {
      onlyInRegister.push({
        code: r.code,
        row: r.row,
        advice: 'có trong sổ nhưng không có trong tệp xuất: kiểm tra đã nhập hồ sơ này trên hệ thống tỉnh chưa',
      });
      continue;
    }
    both += 1;
    if (isEnded(r.status) && !isEnded(e.status)) finishedOpen += 1;
    if (!samePhase(r.status, e.status))
      different.push({ code: r.code, field: 'status', register: r.status, export: e.status, ...statusAdvice(r, e) });
    for (const field of ['appointment', 'resultAt', 'returnedAt'] as const) {
      const a = r[field];
      const b = e[field];
      if ((a ?? null) !== (b ?? null)) {
        different.push({ code: r.code, field, register: a ?? null, export: b ?? null, ...dateAdvice(field, a, b) });
      }
    }
  }
  const onlyInExport = exported
    .filter((e) => !registerCodes.has(codeKeyOf(e.code)))
    .map((e) => ({
      code: e.code,
      row: e.row,
      advice: 'có trên hệ thống tỉnh nhưng chưa có trong sổ: dùng “Nhập từ hệ thống tỉnh” để thêm vào sổ',
    }));
  const byCodeOrder = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  onlyInRegister.sort(byCodeOrder);
  onlyInExport.sort(byCodeOrder);
  different.sort(byCodeOrder);
  return {
    onlyInRegister,
    onlyInExport,
    different,
    summary: {
      register: register.length,
      export: exported.length,
      both,
      onlyInRegister: onlyInRegister.length,
      onlyInExport: onlyInExport.length,
      different: different.length,
      finishedInRegisterOpenInExport: finishedOpen,
    },
  };
}
