/**
 * Intake (`Một cửa › Tiếp nhận hồ sơ`): the sidebar's data and its submit. The server validates
 * again, checks every tab it will write, then under the document lock allocates `Mã hồ sơ` and
 * `STT`, writes the row's cells and the event, and answers with the code and the appointment.
 * The request's key is reserved with its code in the year's marks before the row is written, so a
 * retried submit (among the recent requests the marks hold) is completed and answered from the
 * sheet — never from a cache Google may have evicted — and a changed payload under a known id is refused.
 */
import { compareVietnamese } from '../core/collation';
import { safeParse } from 'zod/mini';
import { computeDue, periodOf } from '../core/appointment';
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime } from '../core/civil';
import { CHANNELS } from '../core/dossier';
import { datePartOf, isValidUnitIdentifier, parseDossierCode, readOfficialCode } from '../core/dossierCode';
import { formatAppointmentVi, formatDateVi } from '../core/format';
import type { CalendarException } from '../core/holidays';
import {
  checkStepTime,
  type FieldErrors,
  type IntakeField,
  type IntakeInput,
  intakeSchema,
  intakeServiceValues,
  serviceInputOf,
  validate,
} from '../core/input';
import { serviceValuesProblem } from '../core/serviceFields';
import { ACTION_LABELS } from '../core/lifecycle';
import type { OfficeHours } from '../core/officeHours';
import type { Procedure } from '../core/procedures';
import { formatRequestKey, requestKey } from '../core/requestKey';
import { archiveSheets, closedYear } from '../sheets/archive';
import { dateTimeOf, integerOf, textOf } from '../sheets/cells';
import { type LogLayout, logLayout, writeEvent } from '../sheets/eventLog';
import { type ColumnsRead, readColumn, readColumnsToEnd, readRow, requireColumns, SheetProblem } from '../sheets/layout';
import { allocate, allocateNumber, readMarks, reserve, reusedId, takenBy } from '../sheets/numbering';
import { reportLayout } from '../sheets/periodRecords';
import { dossierCells, registerLayout, type RegisterLayout } from '../sheets/register';
import { applyRegisterRules } from '../sheets/registerRules';
import { REGISTER_EMPTY_ROWS, type RegisterHeader, registerFormat } from '../sheets/schema';
import { cell } from '../sheets/table';
import { growRows, writeCells } from '../sheets/write';
import type { CellValue, Services } from '../gas/services';
import { openUnit, TABLES_CHANGED_WARNING, type UnitContext, withDocumentLock } from './unitContext';

export interface IntakeContextView {
  readonly unitName: string;
  readonly unitIdentifier: string;
  readonly now: string;
  readonly channels: readonly string[];
  readonly procedures: readonly Procedure[];
  readonly officers: readonly string[];
  readonly receiverName: string;
  readonly calendarTable: readonly CalendarException[];
  readonly officeHours: OfficeHours;
  readonly appointmentMinute: number | null;
  readonly problems: readonly string[];
  readonly zoneWarning: string;
  /** The version of the unit's tables this form shows; its submit uses the same. */
  readonly tablesVersion: string;
  /** False: the form does not ask for the ID number and address (the unit keeps neither). */
  readonly keepIdAndAddress: boolean;
  /** True: the form asks for the code the provincial system issued, and MotCua issues none (Cấu hình). */
  readonly officialCodes: boolean;
}

/** Where an officer's own name is remembered between intakes (it is printed where they sign). */
const RECEIVER_NAME_PROPERTY = 'motcua.receiverName';

/** What the intake sidebar needs to compute appointments in the browser as the officer types. */
export function intakeContext(services: Services): IntakeContextView {
  const unit = openUnit(services);
  const layout = registerLayout(unit.spreadsheet, unit.knownRegister);
  const officers = [...new Set(readColumn(layout, 'Cán bộ xử lý').map(textOf).filter(Boolean))].sort(compareVietnamese);
  return {
    unitName: unit.settings.unitName,
    unitIdentifier: unit.settings.unitIdentifier,
    now: formatIsoDateTime(unit.now),
    channels: CHANNELS,
    procedures: unit.procedures.filter((p) => p.active),
    officers,
    receiverName: services.propertiesService.getUserProperties().getProperty(RECEIVER_NAME_PROPERTY) ?? '',
    calendarTable: unit.exceptions,
    officeHours: unit.settings.officeHours,
    appointmentMinute: unit.settings.appointmentMinute ?? null,
    problems: unit.problems.map((p) => `${p.tab}, dòng ${p.row}: ${p.message}`),
    zoneWarning: unit.zoneWarning ?? '',
    tablesVersion: unit.tablesVersion,
    keepIdAndAddress: unit.settings.keepIdAndAddress,
    officialCodes: unit.settings.officialCodes,
  };
}

/**
 * Remembers the officer's own name for their next forms (the sidebar calls this after an intake
 * whose name differs from the one it was given, outside the intake's own time).
 */
export function rememberReceiverName(services: Services, name: unknown): { readonly ok: boolean } {
  const checked = safeParse(intakeSchema.shape.receiverName, name);
  if (!checked.success) return { ok: false };
  services.propertiesService.getUserProperties().setProperty(RECEIVER_NAME_PROPERTY, checked.data);
  return { ok: true };
}

export type IntakeResult =
  | {
      readonly ok: true;
      readonly code: string;
      readonly registerNumber: number;
      readonly dueAt: string;
      readonly appointment: string;
      readonly rowNumber: number;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: FieldErrors<IntakeField | 'form'> };

function refused(errors: FieldErrors<IntakeField | 'form'>): IntakeResult {
  return { ok: false, errors };
}

export function submitIntake(services: Services, input: unknown): IntakeResult {
  const checked = validate(intakeSchema, input);
  if (!checked.ok) return refused(checked.errors);
  const data = checked.data;
  try {
    return intake(services, data);
  } catch (error) {
    if (error instanceof SheetProblem) return refused({ form: error.message });
    throw error;
  }
}

function intake(services: Services, data: IntakeInput): IntakeResult {
  const unit = openUnit(services, data.tables ? { tables: data.tables } : {});
  // A unit whose codes come from the provincial system types each one; MotCua never makes one up.
  let officialCode: string | undefined;
  if (unit.settings.officialCodes) {
    const read = readOfficialCode(data.officialCode ?? '');
    if (!read.ok) return refused({ officialCode: read.message });
    officialCode = read.code;
  } else if (data.officialCode) {
    return refused({
      form: `Đơn vị đang để MotCua tự cấp mã hồ sơ (Cấu hình: “Mã hồ sơ do hệ thống tỉnh cấp” là “Không”), nên không nhận mã nhập tay; hãy tải lại biểu mẫu.`,
    });
  } else if (!isValidUnitIdentifier(unit.settings.unitIdentifier)) {
    return refused({
      form: 'Chưa khai báo “Mã định danh đơn vị” đúng dạng (ví dụ 000.17.22.H56) trong trang Cấu hình; chưa thể cấp mã hồ sơ.',
    });
  }
  const procedure = unit.procedures.find((p) => p.code === data.procedureCode && p.active);
  if (!procedure) {
    return refused({ procedureCode: `Không tìm thấy thủ tục mã “${data.procedureCode}” đang áp dụng trong Danh mục TTHC.` });
  }
  const receivedAt = parseCivilDateTime(data.receivedAt);
  if (!receivedAt) return refused({ receivedAt: 'Thời điểm tiếp nhận không phải ngày giờ có thật.' });
  const service = intakeServiceValues(data);
  const serviceProblem = serviceValuesProblem(data.channel, service);
  if (serviceProblem) return refused({ [serviceInputOf(serviceProblem.field)]: serviceProblem.message });
  const timing = checkStepTime(receivedAt, unit.now, 'Thời điểm tiếp nhận');
  if (timing.error) return refused({ receivedAt: timing.error });
  const officialDay = officialCode ? parseDossierCode(officialCode)?.datePart : undefined;
  const warnings = [
    ...(timing.warning ? [timing.warning] : []),
    ...(officialDay && officialDay !== datePartOf(receivedAt.date)
      ? [
          `Mã hồ sơ ghi ngày tiếp nhận ${formatDatePart(officialDay)}, khác ngày tiếp nhận đã nhập (${formatDateVi(receivedAt.date)}); hãy kiểm tra lại.`,
        ]
      : []),
    ...(unit.zoneWarning ? [unit.zoneWarning] : []),
    ...(unit.tablesChanged ? [TABLES_CHANGED_WARNING] : []),
  ];
  const dueAt = computeDue(periodOf(procedure), receivedAt, unit.schedule);
  // Which tables the form showed is not part of what the request asks.
  const { requestId, tables: _tables, ...payload } = data;
  // The code read, not the text it was read from: pasted or typed, the same dossier.
  const key = requestKey('intake', requestId, officialCode ? { ...payload, officialCode } : payload);

  const keyText = formatRequestKey(key);
  const cells: Partial<Record<RegisterHeader, CellValue>> = {
    ...dossierCells(
      {
        code: '',
        procedureCode: procedure.code,
        channel: data.channel,
        status: 'Đã tiếp nhận',
        receivedAt,
        dueAt,
        supplementCount: 0,
      },
      unit.zone,
    ),
    STT: 0,
    'Tên thủ tục': procedure.name,
    'Lĩnh vực': procedure.field,
    'Đơn vị tiếp nhận': unit.settings.unitName,
    // The catalogue's agency (the commune police for residence), else the unit itself.
    'Cơ quan giải quyết': procedure.agency || unit.settings.unitName,
    'Người nộp': data.applicantName,
    // A unit that keeps neither (Cấu hình) never stores them, whatever the form sent.
    'Số giấy tờ tùy thân': unit.settings.keepIdAndAddress ? data.idNumber : '',
    'Địa chỉ': unit.settings.keepIdAndAddress ? data.address : '',
    'Điện thoại': data.phone,
    Email: data.email,
    'Người tiếp nhận': data.receiverName,
    'Cán bộ xử lý': data.handler,
    'Ghi chú': data.note,
    'Giấy tờ đã nhận': data.documents,
    ...service,
    'Cập nhật lúc': unit.zone.toDate(receivedAt),
    // Written empty so that, in the register's own layout, the row is one block.
    'Cảnh báo': '',
    'Mã yêu cầu': keyText,
  };
  const step: IntakeStep = {
    unit,
    cells,
    keyText,
    procedureCode: procedure.code,
    receivedAt,
    dueAt,
    warnings,
    ...(officialCode ? { officialCode } : {}),
  };

  const result = withDocumentLock(services, () => {
    for (let attempt = 0; attempt < MOVED_ROW_ATTEMPTS; attempt += 1) {
      const answer = intakeOnce(services, step);
      if (answer !== 'retry') return answer;
    }
    return refused({ form: 'Sổ đang được người khác gõ thêm dòng nên chưa ghi được; chưa có gì thay đổi. Vui lòng bấm lại.' });
  });
  return result;
}

interface IntakeStep {
  readonly unit: UnitContext;
  readonly cells: Partial<Record<RegisterHeader, CellValue>>;
  readonly keyText: string;
  readonly procedureCode: string;
  readonly receivedAt: CivilDateTime;
  readonly dueAt: CivilDateTime;
  readonly warnings: readonly string[];
  /** The code the provincial system issued (Cấu hình), taken instead of one MotCua would issue. */
  readonly officialCode?: string;
}

/** Attempts when a person types a row at the bottom between the read and the write. */
const MOVED_ROW_ATTEMPTS = 3;

/**
 * One locked attempt. The request's key is looked for in the year's marks: a request that already
 * took a code (it may have stopped before its row or its event) is completed with that code; the
 * same id with another payload is refused. Otherwise a code and number are allocated above
 * everything the register holds and everything ever issued, reserved in the marks, then the row and
 * the event are written.
 */
function intakeOnce(services: Services, step: IntakeStep): IntakeResult | 'retry' {
  const { unit, cells, keyText } = step;
  const year = Number(step.receivedAt.date.slice(0, 4));
  // Every tab this action writes is checked before anything is written.
  const log = logLayout(unit.spreadsheet, unit.knownLog);
  const properties = services.propertiesService.getDocumentProperties();
  const marks = readMarks(properties, year);
  const reused = reusedId(marks, keyText);
  const register = registerLayout(unit.spreadsheet, unit.knownRegister);
  requireColumns(
    register,
    (Object.keys(cells) as RegisterHeader[]).filter((h) => cells[h] !== ''),
  );
  // Whole columns: a code or number typed by hand anywhere in the register counts.
  const read = readColumnsToEnd(register, ['STT', 'Mã hồ sơ']);
  const codes = (read.columns.get('Mã hồ sơ') ?? []).map(textOf);
  if (reused !== undefined) {
    // A first send stopped after reserving its code, before its row and event, recorded nothing: the
    // form pressed again after a correction (same day) takes the code over — no dossier lost, no gap.
    const recorded = codes.includes(reused.code) || readColumn(log, 'Mã hồ sơ').map(textOf).includes(reused.code);
    if (!recorded && step.officialCode !== undefined) {
      // The corrected form may carry a corrected official code: its own code, the reserved number.
      const taking = { code: step.officialCode, registerNumber: reused.registerNumber };
      if (taking.code !== reused.code) {
        const duplicate = officialCodeHolder(unit, taking.code, codes, register, log);
        if (duplicate) return refused({ officialCode: duplicate });
      }
      reserve(properties, marks, year, keyText, taking);
      return completeIntake(services, step, register, log, taking, codes, read);
    }
    if (!recorded && parseDossierCode(reused.code)?.datePart === step.receivedAt.date.slice(2).replace(/-/g, '')) {
      reserve(properties, marks, year, keyText, reused);
      return completeIntake(services, step, register, log, reused, codes, read);
    }
    return refused({
      form: `Yêu cầu này đã được ghi thành hồ sơ ${reused.code} với nội dung khác. Nếu cần sửa thông tin, hãy sửa trực tiếp trên dòng của hồ sơ đó trong sổ; để tiếp nhận hồ sơ mới, hãy mở lại biểu mẫu.`,
    });
  }
  const taken = takenBy(marks, keyText);
  if (taken) return completeIntake(services, step, register, log, taken, codes, read);
  // A closed year's register takes no more dossiers (its numbers left with its rows). Asked under the
  // lock, after the same request's retry is answered: a closing that ran meanwhile is seen.
  const closed = closedYear(unit.spreadsheet, unit.archives, year, Number(unit.now.date.slice(0, 4)));
  if (closed) return refused({ receivedAt: `Sổ năm ${closed.year} đã khóa: hãy kiểm tra lại ngày tiếp nhận.` });

  const numbers = registerNumbersOf(read.columns, codes, year);
  let allocation: { code: string; registerNumber: number };
  if (step.officialCode !== undefined) {
    // Checked under the lock: two counters typing the same code cannot both record it.
    const duplicate = officialCodeHolder(unit, step.officialCode, codes, register, log);
    if (duplicate) return refused({ officialCode: duplicate });
    allocation = { code: step.officialCode, registerNumber: allocateNumber(marks, step.receivedAt.date, numbers) };
  } else {
    allocation = allocate(marks, unit.settings.unitIdentifier, step.receivedAt.date, codes, numbers);
  }
  const place = placeNewRow(services, register, read);
  if (place === 'retry') return 'retry';
  reserve(properties, marks, year, keyText, allocation);
  place.make();
  // The code's block first: once it is there, a retry finds this row by its code.
  writeCells(
    register,
    place.rowNumber,
    { ...cells, 'Mã hồ sơ': allocation.code, STT: allocation.registerNumber },
    registerFormat,
    {
      first: 'Mã hồ sơ',
    },
  );
  writeEvent(
    log,
    receiveEvent(
      unit,
      allocation.code,
      step.procedureCode,
      step.receivedAt,
      step.dueAt,
      keyText,
      step.officialCode !== undefined,
    ),
  );
  return { ...answer(allocation.code, allocation.registerNumber, step.dueAt, place.rowNumber), warnings: step.warnings };
}

const sameCode = (a: CellValue, code: string) => textOf(a).toUpperCase() === code;

/**
 * Where a code typed from the provincial system is already recorded, as a Vietnamese refusal: a
 * row of the register (whoever issued it, MotCua included), of a year-end archive, or only an event
 * of the log (its row deleted by hand). Undefined when it is new.
 */
function officialCodeHolder(
  unit: UnitContext,
  code: string,
  codes: readonly string[],
  register: RegisterLayout,
  log: LogLayout,
): string | undefined {
  const index = codes.findIndex((c) => sameCode(c, code));
  if (index >= 0) {
    return `Mã hồ sơ ${code} đã có ở dòng ${register.headerRow + 1 + index} của sổ. Mỗi mã chỉ dùng cho một hồ sơ; hãy kiểm tra lại mã trên giấy tiếp nhận.`;
  }
  for (const { name, sheet } of archiveSheets(unit.spreadsheet, unit.archives)) {
    const layout = reportLayout(sheet, name);
    const archived = (readColumnsToEnd(layout, ['Mã hồ sơ']).columns.get('Mã hồ sơ') ?? []).findIndex((c) => sameCode(c, code));
    if (archived >= 0) return `Mã hồ sơ ${code} đã có ở dòng ${layout.headerRow + 1 + archived} của trang “${name}”.`;
  }
  const logged = readColumn(log, 'Mã hồ sơ').findIndex((c) => sameCode(c, code));
  if (logged >= 0) {
    return `Mã hồ sơ ${code} đã có ở dòng ${log.headerRow + 1 + logged} của trang Nhật ký xử lý (dòng của nó trong sổ đã bị xóa hoặc sửa); hãy kiểm tra lại.`;
  }
  return undefined;
}

/** `261008` as `08/10/2026`. */
function formatDatePart(datePart: string): string {
  return `${datePart.slice(4, 6)}/${datePart.slice(2, 4)}/20${datePart.slice(0, 2)}`;
}

/**
 * Where a new dossier's row goes: right below the last numbered row. When rows follow it in the
 * grid, an empty row is inserted there (`make`, with the writes): it takes the register's rules from
 * the rows around it, and nothing a person typed below can be written over, so the row needs no
 * read. Otherwise (an empty register, or a full grid) the row is read, and must be empty.
 */
function placeNewRow(
  services: Services,
  register: RegisterLayout,
  read: ColumnsRead<RegisterHeader>,
): { rowNumber: number; make: () => void } | 'retry' {
  const filled = Math.max(...[...read.columns.values()].map((values) => values.length), 0);
  const lastFilledRow = register.headerRow + filled;
  const rowNumber = lastFilledRow + 1;
  if (filled > 0 && filled < read.gridRows) {
    return { rowNumber, make: () => register.sheet.insertRowsAfter(lastFilledRow, 1) };
  }
  // No numbered row yet: below whatever people typed (a title, a note), as the sheet says it ends.
  if (filled === 0) return placeAfterLastRow(services, register, Math.max(register.lastRow, register.headerRow) + 1);
  return placeAfterLastRow(services, register, rowNumber);
}

function placeAfterLastRow(
  services: Services,
  register: RegisterLayout,
  rowNumber: number,
): { rowNumber: number; make: () => void } | 'retry' {
  if (growRows(register.sheet, rowNumber, REGISTER_EMPTY_ROWS)) applyRegisterRules(services.spreadsheetApp, register);
  // Typing takes no lock: the row must still be empty just before writing (the last read).
  if (readRow(register, rowNumber).some((v) => v !== '')) return 'retry';
  return { rowNumber, make: () => undefined };
}

/** A register number's year is its code's (YYMMDD); a row without a readable code counts for this year (a gap at worst, never a reissue). */
function registerNumbersOf(read: ReadonlyMap<RegisterHeader, CellValue[]>, codes: readonly string[], year: number) {
  return (read.get('STT') ?? []).flatMap((value, i) => {
    const n = integerOf(value);
    const parsed = parseDossierCode(codes[i] ?? '');
    return typeof n === 'number' ? [{ year: parsed ? 2000 + Number(parsed.datePart.slice(0, 2)) : year, number: n }] : [];
  });
}

/**
 * The same request again, which already took `taken`: whatever the first run did not write — its
 * row, some cells of it, its event — is written now with that code and number; nothing twice.
 */
function completeIntake(
  services: Services,
  step: IntakeStep,
  register: RegisterLayout,
  log: LogLayout,
  taken: { code: string; registerNumber: number },
  codes: readonly string[],
  read: ColumnsRead<RegisterHeader>,
): IntakeResult | 'retry' {
  const { unit } = step;
  const wanted = { ...step.cells, 'Mã hồ sơ': taken.code, STT: taken.registerNumber };
  const logged = readColumn(log, 'Mã yêu cầu').map(textOf).includes(step.keyText);
  const index = codes.indexOf(taken.code);
  let rowNumber: number;
  let values: readonly CellValue[];
  if (index >= 0) {
    rowNumber = register.headerRow + 1 + index;
    values = readRow(register, rowNumber);
    // A typed code is not reserved against other requests: another dossier may have been recorded
    // under it since this request stopped (its intake key on the row, or its receipt in the log).
    // That row is never completed with this one's data.
    if (step.officialCode !== undefined && recordedByAnother(register, values, log, taken.code, step.keyText)) {
      return refused({
        officialCode: `Mã hồ sơ ${taken.code} đã được ghi cho một hồ sơ khác ở dòng ${rowNumber} của sổ trong lúc lần gửi này bị gián đoạn; không ghi đè. Hãy kiểm tra lại mã trên giấy tiếp nhận.`,
      });
    }
  } else if (logged) {
    // The first run wrote its row and its event; the row no longer holds the code (edited or
    // deleted by hand): nothing is written again.
    return refused({
      form: `Yêu cầu này đã được ghi thành hồ sơ ${taken.code}, nhưng trong sổ không còn dòng nào mang mã đó (có thể đã bị sửa hoặc xóa). Không ghi lại; hãy kiểm tra sổ.`,
    });
  } else {
    const place = placeNewRow(services, register, read);
    if (place === 'retry') return 'retry';
    place.make();
    rowNumber = place.rowNumber;
    values = [];
  }
  // Only what the first run left empty: a cell with a value was written by it, or since (a later
  // step, a person's correction), and is never written over.
  const missing = Object.fromEntries(
    (Object.entries(wanted) as [RegisterHeader, CellValue][]).filter(([h, v]) => cell(register, values, h) === '' && v !== ''),
  ) as Partial<Record<RegisterHeader, CellValue>>;
  writeCells(register, rowNumber, missing, registerFormat, { first: 'Mã hồ sơ' });
  if (!logged) {
    writeEvent(
      log,
      receiveEvent(
        unit,
        taken.code,
        step.procedureCode,
        step.receivedAt,
        step.dueAt,
        step.keyText,
        step.officialCode !== undefined,
      ),
    );
  }
  // The answer the first run gave: the appointment the register holds (it may have been computed
  // before a calendar edit), with the warnings that still apply.
  const held = dateTimeOf(cell(register, values, 'Hạn trả kết quả'), unit.zone);
  const dueAt = held && held !== 'invalid' ? held : step.dueAt;
  return { ...answer(taken.code, taken.registerNumber, dueAt, rowNumber), warnings: step.warnings };
}

/** Whether another intake request than `key` recorded the dossier `code` (the row's or the log's key). */
function recordedByAnother(
  register: RegisterLayout,
  values: readonly CellValue[],
  log: LogLayout,
  code: string,
  key: string,
): boolean {
  const other = (text: string) => text.startsWith('intake:') && text !== key;
  if (
    textOf(cell(register, values, 'Mã yêu cầu'))
      .split(/\s+/)
      .some(other)
  )
    return true;
  const keys = readColumn(log, 'Mã yêu cầu').map(textOf);
  return readColumn(log, 'Mã hồ sơ').some((c, i) => textOf(c) === code && other(keys[i] ?? ''));
}

function answer(
  code: string,
  registerNumber: number,
  dueAt: CivilDateTime,
  rowNumber: number,
): Extract<IntakeResult, { ok: true }> {
  return {
    ok: true,
    code,
    registerNumber,
    dueAt: formatIsoDateTime(dueAt),
    appointment: formatAppointmentVi(dueAt),
    rowNumber,
    warnings: [],
  };
}

function receiveEvent(
  unit: UnitContext,
  code: string,
  procedureCode: string,
  receivedAt: CivilDateTime,
  dueAt: CivilDateTime,
  key: string,
  official: boolean,
) {
  return {
    at: unit.zone.toDate(receivedAt),
    user: unit.user,
    code,
    action: ACTION_LABELS.receive,
    from: '' as const,
    to: 'Đã tiếp nhận' as const,
    // No personal data here: the applicant and the documents stay in the register row.
    note: `${procedureCode} – hẹn ${formatAppointmentVi(dueAt)}`,
    details: { dueAt: formatIsoDateTime(dueAt), ...(official ? { officialCode: true } : {}) },
    requestKey: key,
  };
}
