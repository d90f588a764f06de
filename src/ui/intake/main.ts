/** The intake sidebar: search the catalogue, show the appointment live, submit once. */
import { computeDue, periodOf } from '../../core/appointment';
import { unitCalendar, type WorkingCalendar } from '../../core/calendar';
import { parseCivilDateTime } from '../../core/civil';
import { readOfficialCode } from '../../core/dossierCode';
import { formatAppointmentVi } from '../../core/format';
import { checkStepTime, intakeSchema, receptionRefusalSchema, validate } from '../../core/input';
import { type Procedure, searchProcedures } from '../../core/procedures';
import { SERVICE_FIELDS } from '../../core/serviceFields';
import { byId, echoDateTimeVi, el, fillServiceSelects, formValues, showFieldErrors } from '../shared/dom';
import { call, type IntakeContextView, newRequestId } from '../shared/rpc';

let context: IntakeContextView | undefined;
let calendar: WorkingCalendar | undefined;
let chosen: Procedure | undefined;
let requestId = newRequestId();
let lastCode = '';
let lastSlip = '';

const form = byId<HTMLFormElement>('intake');
const search = byId<HTMLInputElement>('procedureSearch');
const results = byId('procedureResults');
const appointment = byId('appointment');
const submit = byId<HTMLButtonElement>('submit');
const officialCode = byId<HTMLInputElement>('officialCode');
fillServiceSelects(form, SERVICE_FIELDS);

function periodText(p: Procedure): string {
  if (p.periodUnit === 'trong ngày') return p.cutoff ? 'trong ngày (sau 15 giờ: ngày làm việc tiếp theo)' : 'trong ngày';
  return `${p.periodValue} ${p.periodUnit}`;
}

/** Says at once when the receipt time is in the future, before 2000, or long ago (a late entry). */
function updateReceiptWarning(): void {
  const box = byId('receivedAtWarning');
  const receivedAt = parseCivilDateTime(byId<HTMLInputElement>('receivedAt').value);
  const now = context ? parseCivilDateTime(context.now) : undefined;
  const check = receivedAt && now ? checkStepTime(receivedAt, now, 'Thời điểm tiếp nhận') : {};
  box.textContent = check.error ?? check.warning ?? '';
  box.hidden = !box.textContent;
}

function updateAppointment(): void {
  updateReceiptWarning();
  echoDateTimeVi('receivedAt');
  const receivedAt = parseCivilDateTime(byId<HTMLInputElement>('receivedAt').value);
  if (!chosen || !context || !calendar) {
    appointment.textContent = 'Hẹn trả: chọn thủ tục để tính hạn';
    return;
  }
  if (!receivedAt) {
    appointment.textContent = 'Hẹn trả: nhập thời điểm tiếp nhận để tính hạn';
    return;
  }
  const due = computeDue(periodOf(chosen), receivedAt, {
    calendar,
    officeHours: context.officeHours,
    ...(context.appointmentMinute !== null ? { appointmentMinute: context.appointmentMinute } : {}),
  });
  appointment.textContent = `Hẹn trả: ${formatAppointmentVi(due)}`;
}

function choose(p: Procedure): void {
  chosen = p;
  byId<HTMLInputElement>('procedureCode').value = p.code;
  const box = byId('procedureChosen');
  box.replaceChildren(
    el('strong', { text: p.name }),
    el('div', { className: 'hint', text: `${p.code} · ${p.field} · ${periodText(p)}` }),
  );
  box.hidden = false;
  results.hidden = true;
  search.value = '';
  updateAppointment();
}

function renderResults(): void {
  if (!context) return;
  const found = searchProcedures(context.procedures, search.value, 30);
  results.replaceChildren(
    ...found.map((p) => {
      const button = el(
        'button',
        { attrs: { type: 'button', role: 'option' } },
        el('span', { text: p.name }),
        el('div', { className: 'hint', text: `${p.code} · ${periodText(p)}` }),
      );
      button.addEventListener('click', () => choose(p));
      return button;
    }),
  );
  if (found.length === 0) results.replaceChildren(el('div', { className: 'hint', text: 'Không có thủ tục nào khớp.' }));
  results.hidden = false;
}

async function load(): Promise<void> {
  try {
    context = await call('getIntakeContext');
  } catch (error) {
    byId('unit').textContent = `Không tải được danh mục: ${(error as Error).message}`;
    return;
  }
  calendar = unitCalendar(context.calendarTable);
  byId('unit').textContent = context.unitName
    ? `${context.unitName} (${context.unitIdentifier || 'chưa có mã định danh'})`
    : 'Chưa khai báo tên đơn vị trong trang Cấu hình';
  byId<HTMLInputElement>('receivedAt').value = context.now;
  const receiver = byId<HTMLInputElement>('receiverName');
  if (!receiver.value) receiver.value = context.receiverName;
  // A unit whose codes come from the provincial system (Cấu hình) types each one; else none is asked.
  byId('officialCodeBox').hidden = !context.officialCodes;
  officialCode.disabled = !context.officialCodes;
  if (!context.officialCodes) officialCode.value = '';
  showOfficialCodeRead();
  // A unit that keeps no ID number or address (Cấu hình) is not asked for them.
  byId('idAndAddress').hidden = !context.keepIdAndAddress;
  if (!context.keepIdAndAddress) {
    byId<HTMLInputElement>('idNumber').value = '';
    byId<HTMLInputElement>('address').value = '';
  }
  byId('officers').replaceChildren(...context.officers.map((o) => el('option', { attrs: { value: o } })));
  const box = byId('problems');
  box.replaceChildren(
    ...(context.zoneWarning ? [el('div', { text: context.zoneWarning })] : []),
    ...(context.problems.length > 0
      ? [el('strong', { text: 'Cần sửa trong bảng tính:' }), ...context.problems.map((p) => el('div', { text: p }))]
      : []),
  );
  box.hidden = !context.zoneWarning && context.problems.length === 0;
  updateAppointment();
}

/** Under the code field, the code read from a pasted URL or a scanned QR text, as it will be recorded. */
function showOfficialCodeRead(): void {
  const box = byId('officialCodeRead');
  const read = officialCode.value.trim() ? readOfficialCode(officialCode.value) : undefined;
  box.textContent = read?.ok && read.code !== officialCode.value.trim() ? `Mã đọc được: ${read.code}` : '';
  box.hidden = !box.textContent;
}

officialCode.addEventListener('input', showOfficialCodeRead);
// A barcode or QR scanner types the text then Enter: that Enter moves on, it does not submit.
officialCode.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const read = readOfficialCode(officialCode.value);
  if (!read.ok) return;
  officialCode.value = read.code;
  showOfficialCodeRead();
  const error = form.querySelector<HTMLElement>('[data-error-for="officialCode"]');
  if (error) error.hidden = true;
  officialCode.setAttribute('aria-invalid', 'false');
  (chosen ? byId<HTMLInputElement>('applicantName') : search).focus();
});

search.addEventListener('input', renderResults);
// Enter in the search box picks the first match instead of submitting the form.
search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const first = context ? searchProcedures(context.procedures, search.value, 1)[0] : undefined;
  if (first) choose(first);
});
search.addEventListener('focus', renderResults);
byId('receivedAt').addEventListener('input', updateAppointment);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (submit.disabled) return; // a second click while the first is on its way
  const input: Record<string, string> = {
    ...formValues(form),
    requestId,
    ...(context ? { tables: context.tablesVersion } : {}),
  };
  const local = validate(intakeSchema, input);
  // The provincial code is required only where the unit takes it; what is sent is the code read.
  const read = officialCode.disabled ? undefined : readOfficialCode(officialCode.value);
  if (read?.ok) {
    officialCode.value = read.code;
    input.officialCode = read.code;
    showOfficialCodeRead();
  }
  if (!local.ok || (read && !read.ok)) {
    showFieldErrors(form, {
      ...(local.ok ? {} : local.errors),
      ...(read && !read.ok && !(!local.ok && local.errors.officialCode) ? { officialCode: read.message } : {}),
    });
    return;
  }
  showFieldErrors(form, {});
  submit.disabled = true;
  submit.textContent = 'Đang ghi vào sổ…';
  call('saveIntake', input)
    .then((result) => {
      if (!result.ok) {
        showFieldErrors(form, result.errors);
        return;
      }
      lastCode = result.code;
      // The officer's own name is remembered for the next forms, outside the intake's own time.
      const receiver = byId<HTMLInputElement>('receiverName').value.trim();
      if (context && receiver !== context.receiverName) {
        context = { ...context, receiverName: receiver };
        call('rememberReceiverName', receiver).catch(() => undefined);
      }
      byId('doneMessage').replaceChildren(
        el('div', { text: `Đã tiếp nhận hồ sơ ${result.code}` }),
        el('div', { text: `Số thứ tự trong sổ: ${result.registerNumber}` }),
        el('strong', { text: `Hẹn trả: ${result.appointment}` }),
      );
      const warnings = byId('doneWarnings');
      warnings.replaceChildren(...result.warnings.map((w) => el('div', { text: w })));
      warnings.hidden = result.warnings.length === 0;
      form.hidden = true;
      byId('printReceipt').hidden = false;
      byId('printRefusal').hidden = true;
      byId('done').hidden = false;
    })
    .catch((error: Error) =>
      // The server may have written before it failed: pressing again completes it, never twice.
      showFieldErrors(form, {
        form: `Chưa nhận được trả lời của máy chủ: ${error.message} Dữ liệu đã nhập vẫn còn; hãy bấm lại.`,
      }),
    )
    .finally(() => {
      submit.disabled = false;
      submit.textContent = 'Tiếp nhận hồ sơ';
    });
});

// A refusal at the counter (Mẫu 03): the applicant and procedure as typed, and the reason; nothing enters the register.
byId('refuse').addEventListener('click', () => {
  const button = byId<HTMLButtonElement>('refuse');
  if (button.disabled) return;
  const reason = byId<HTMLTextAreaElement>('refuseReason');
  const input = {
    ...formValues(form),
    reason: reason.value,
    requestId,
    ...(context ? { tables: context.tablesVersion } : {}),
  };
  const local = validate(receptionRefusalSchema, input);
  if (!local.ok) {
    showFieldErrors(form, local.errors);
    return;
  }
  showFieldErrors(form, {});
  button.disabled = true;
  call('refuseReception', input)
    .then((result) => {
      if (!result.ok) {
        showFieldErrors(form, result.errors);
        return;
      }
      lastSlip = result.slip;
      byId('doneMessage').replaceChildren(el('div', { text: result.message }));
      byId('doneWarnings').hidden = true;
      form.hidden = true;
      byId('printReceipt').hidden = true;
      byId('printRefusal').hidden = false;
      byId('done').hidden = false;
    })
    .catch((error: Error) => showFieldErrors(form, { form: `Chưa nhận được trả lời của máy chủ: ${error.message} Hãy bấm lại.` }))
    .finally(() => {
      button.disabled = false;
    });
});
byId('refuseBox').addEventListener('toggle', () => {
  byId<HTMLTextAreaElement>('refuseReason').disabled = !byId<HTMLDetailsElement>('refuseBox').open;
});

byId('printRefusal').addEventListener('click', () => {
  call('openPrintForm', lastSlip, 'reception-refusal').catch((error: Error) => {
    byId('doneMessage').appendChild(el('div', { className: 'error', text: `Không mở được phiếu: ${error.message}` }));
  });
});

byId('printReceipt').addEventListener('click', () => {
  call('openPrintForm', lastCode, 'receipt').catch((error: Error) => {
    byId('doneMessage').appendChild(el('div', { className: 'error', text: `Không mở được phiếu: ${error.message}` }));
  });
});

byId('another').addEventListener('click', () => {
  void load(); // fresh "now" and officer list for the next dossier
  const receiver = byId<HTMLInputElement>('receiverName').value;
  form.reset();
  byId<HTMLInputElement>('receiverName').value = receiver; // the same officer takes the next dossier
  chosen = undefined;
  byId('procedureChosen').hidden = true;
  byId<HTMLInputElement>('procedureCode').value = '';
  requestId = newRequestId();
  form.hidden = false;
  byId('done').hidden = true;
  updateAppointment();
});

void load();
