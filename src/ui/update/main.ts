/** The update sidebar: one dossier, the steps the lifecycle allows it, each written once. */
import type { FormKind } from '../../core/formKinds';
import { SERVICE_FIELDS } from '../../core/serviceFields';
import { byId, echoDateTimeVi, el, fillServiceSelects, formValues, showFieldErrors } from '../shared/dom';
import { call, type DossierView, newRequestId } from '../shared/rpc';

let current: DossierView | undefined;
let requestId = newRequestId();
let printKind: FormKind | undefined;

const updateForm = byId<HTMLFormElement>('update');
const action = byId<HTMLSelectElement>('action');
const save = byId<HTMLButtonElement>('save');
fillServiceSelects(updateForm, SERVICE_FIELDS);

function showFieldsFor(type: string): void {
  for (const block of Array.from(updateForm.querySelectorAll<HTMLElement>('[data-for]'))) {
    const on = (block.dataset.for ?? '').split(' ').includes(type);
    block.hidden = !on;
    for (const input of Array.from(block.querySelectorAll<HTMLInputElement>('input, textarea, select'))) input.disabled = !on;
  }
}

function render(dossier: DossierView): void {
  current = dossier;
  byId('dCode').textContent = dossier.code;
  byId('dProcedure').textContent = dossier.procedureName;
  byId('dApplicant').textContent = dossier.applicantName;
  byId('dStatus').textContent = dossier.deadline ? `${dossier.status} · ${dossier.deadline}` : dossier.status;
  byId('dReceived').textContent = dossier.receivedAt;
  byId('dAppointment').textContent = dossier.appointment;
  byId('dNew').textContent = dossier.newAppointment;
  byId('dNew').hidden = byId('dNewLabel').hidden = !dossier.newAppointment;
  byId('dossier').hidden = false;
  const chosen = action.value;
  action.replaceChildren(...dossier.actions.map((a) => el('option', { text: a.label, attrs: { value: a.type } })));
  if (dossier.actions.some((a) => a.type === chosen)) action.value = chosen;
  byId('noAction').hidden = dossier.actions.length > 0;
  save.hidden = action.disabled = dossier.actions.length === 0;
  byId<HTMLInputElement>('at').value = dossier.now;
  for (const id of ['at', 'newDueAt']) echoDateTimeVi(id);
  const warnings = byId('warnings');
  warnings.replaceChildren(...(dossier.zoneWarning ? [el('div', { text: dossier.zoneWarning })] : []));
  warnings.hidden = !dossier.zoneWarning;
  showFieldsFor(action.value);
  // A fresh view: a refusal of the older one no longer applies (what was typed stays).
  showFieldErrors(updateForm, {});
  byId('reload').hidden = true;
  updateForm.hidden = false;
}

async function find(): Promise<void> {
  const findError = byId('findError');
  findError.hidden = true;
  try {
    const found = await call('findDossier', byId<HTMLInputElement>('code').value);
    if (!found.ok) {
      findError.textContent = found.message;
      findError.hidden = false;
      byId('dossier').hidden = updateForm.hidden = true;
      return;
    }
    byId<HTMLInputElement>('code').value = found.dossier.code;
    render(found.dossier);
  } catch (error) {
    findError.textContent = `Không tìm được hồ sơ: ${(error as Error).message}`;
    findError.hidden = false;
  }
}

byId<HTMLFormElement>('find').addEventListener('submit', (event) => {
  event.preventDefault();
  void find();
});
action.addEventListener('change', () => showFieldsFor(action.value));
for (const id of ['at', 'newDueAt']) byId(id).addEventListener('input', () => echoDateTimeVi(id));

updateForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!current || save.disabled) return;
  showFieldErrors(updateForm, {});
  // The version shown goes back: the server refuses the step if the dossier changed since.
  const input = {
    ...formValues(updateForm),
    code: current.code,
    requestId,
    tables: current.tablesVersion,
    version: current.version,
  };
  save.disabled = true;
  save.textContent = 'Đang ghi…';
  call('saveUpdate', input)
    .then((result) => {
      if (!result.ok) {
        showFieldErrors(updateForm, result.errors);
        byId('reload').hidden = !result.errors.version;
        return;
      }
      requestId = newRequestId();
      byId('saved').textContent = result.message;
      byId('saved').hidden = false;
      const warnings = byId('warnings');
      warnings.replaceChildren(...result.warnings.map((w) => el('div', { text: w })));
      warnings.hidden = result.warnings.length === 0;
      printKind = result.form;
      const print = byId('printForm');
      print.textContent = result.formLabel ?? '';
      print.hidden = !result.form;
      for (const id of ['missing', 'reason', 'department', 'newDueAt']) byId<HTMLInputElement>(id).value = '';
      render(result.dossier);
    })
    .catch((error: Error) =>
      showFieldErrors(updateForm, { form: `Chưa nhận được trả lời của máy chủ: ${error.message} Hãy bấm lại.` }),
    )
    .finally(() => {
      save.disabled = false;
      save.textContent = 'Ghi vào sổ';
    });
});

// After a refusal as out of date: the same dossier read again, the fields typed kept.
byId('reload').addEventListener('click', () => {
  if (!current) return;
  byId<HTMLInputElement>('code').value = current.code;
  byId('saved').hidden = true;
  void find();
});

byId('reprintReceipt').addEventListener('click', () => {
  if (current) void call('openPrintForm', current.code, 'receipt');
});

byId('printForm').addEventListener('click', () => {
  if (current && printKind) void call('openPrintForm', current.code, printKind);
});

void find();
