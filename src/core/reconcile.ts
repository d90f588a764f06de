/**
 * Reconciliation of the register with the provincial system's export, keyed on `Mã hồ sơ`: the
 * provincial system is the record, so each difference says which side is probably wrong and what
 * to do there. Pure: records in, findings out; nothing is written anywhere.
 */
import type { CivilDate } from './civil';
import { type DossierStatus, isEnded } from './dossier';
import { dossierCodeKey } from './dossierCode';
import {
  APPLICANT_FIELDS,
  type ApplicantField,
  EXPORT_HEADER_SYNONYMS,
  type ExportField,
  channelOfExport,
  exportDateTimeOf,
  fold,
  isNotReceived,
  statusOfExport,
} from './provincialExport';
import { formatDateVi } from './format';

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
 * The export's rows read into records; each bad row named with its file, row and reason, never
 * guessed and never fatal. The header is the first of the top 10 rows naming a code column.
 */
export function readExportRows(
  file: string,
  rows: readonly (readonly (string | number)[])[],
): {
  records: ExportRecord[];
  problems: ExportProblem[];
  headerFound: boolean;
  /** Refused at the counter (national status 3): never received, so no dossier of the register. */
  notReceived: { code: string; row: number }[];
} {
  const headerIndex = rows.slice(0, 10).findIndex((r) => exportColumns(r.map(String)).has('code'));
  if (headerIndex < 0) return { records: [], problems: [], headerFound: false, notReceived: [] };
  const notReceived: { code: string; row: number }[] = [];
  const columns = exportColumns((rows[headerIndex] ?? []).map(String));
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
    const code = text('code');
    if (!code) {
      fail('thiếu mã hồ sơ');
      continue;
    }
    const earlier = seen.get(dossierCodeKey(code));
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
    if (!status) {
      fail(statusText ? `trạng thái “${statusText}” không nhận ra được` : 'thiếu trạng thái');
      continue;
    }
    const dates: Partial<Record<'receivedAt' | 'appointment' | 'resultAt' | 'returnedAt', { date: CivilDate; minute: number }>> =
      {};
    let bad: string | undefined;
    for (const f of ['receivedAt', 'appointment', 'resultAt', 'returnedAt'] as const) {
      const v = exportDateTimeOf(cell(f));
      if (v === 'invalid') bad = `${EXPORT_HEADER_SYNONYMS[f][0]} không đúng dạng ngày (dd/MM/yyyy HH:mm)`;
      else if (v) dates[f] = v;
    }
    if (bad) {
      fail(bad);
      continue;
    }
    const channelText = text('channel');
    const channel = channelOfExport(channelText);
    if (channelText && !channel) {
      fail(`hình thức nộp “${channelText}” không nhận ra được`);
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
      ...(dates.resultAt ? { resultAt: dates.resultAt.date } : {}),
      ...(dates.returnedAt ? { returnedAt: dates.returnedAt.date } : {}),
      ...(channel ? { channel } : {}),
    });
  }
  return { records, problems, headerFound: true, notReceived };
}

const FIELD_NAMES: Record<DifferenceField, string> = {
  status: 'trạng thái',
  appointment: 'ngày hẹn trả',
  resultAt: 'ngày có kết quả',
  returnedAt: 'ngày trả kết quả',
};

const day = (d: CivilDate | undefined) => (d ? formatDateVi(d) : 'trống');

function statusAdvice(r: ReconcileRecord, e: ExportRecord): Pick<Difference, 'fix' | 'advice'> {
  if (isEnded(r.status) && !isEnded(e.status)) {
    const when = r.returnedAt ?? r.resultAt;
    const shown = e.statusText || e.status;
    return {
      fix: 'export',
      advice:
        `${r.status === 'Đã trả kết quả' ? 'đã trả kết quả' : r.status.toLowerCase()} trong sổ${when ? ` ngày ${formatDateVi(when)}` : ''}` +
        ` nhưng hệ thống tỉnh vẫn “${shown}”: cập nhật trên hệ thống tỉnh để không bị tính trễ hạn`,
    };
  }
  return {
    fix: 'register',
    advice: `hệ thống tỉnh ghi “${e.statusText || e.status}”, sổ ghi “${r.status}”: cập nhật sổ theo hệ thống tỉnh (hệ thống tỉnh là bản gốc)`,
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

/** Both sides compared by code; every list sorted by code so that two runs print the same. */
export function reconcile(register: readonly ReconcileRecord[], exported: readonly ExportRecord[]): Reconciliation {
  const byCode = new Map<string, ExportRecord>();
  // Codes compared as dossierCodeKey: `yl-…` or an en dash in one file is the same dossier as `YL-…`.
  for (const e of exported) byCode.set(dossierCodeKey(e.code), e);
  const registerCodes = new Set<string>();
  const onlyInRegister: Reconciliation['onlyInRegister'] = [];
  const different: Difference[] = [];
  let finishedOpen = 0;
  let both = 0;
  for (const r of register) {
    registerCodes.add(dossierCodeKey(r.code));
    const e = byCode.get(dossierCodeKey(r.code));
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
    .filter((e) => !registerCodes.has(dossierCodeKey(e.code)))
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
