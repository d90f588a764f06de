/** Small DOM helpers. Data is only ever put in with textContent or value, never innerHTML. */
import { parseCivilDateTime, weekday } from '../../core/civil';
import { formatAppointmentVi, weekdayNameVi } from '../../core/format';

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Missing #${id}`);
  return el as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) node.appendChild(child);
  return node;
}

/** Shows each field's error under it, clears the others; returns whether any was shown. */
export function showFieldErrors(form: HTMLElement, errors: Partial<Record<string, string>>): boolean {
  let shown = false;
  for (const slot of Array.from(form.querySelectorAll<HTMLElement>('[data-error-for]'))) {
    const message = errors[slot.dataset.errorFor ?? ''];
    slot.textContent = message ?? '';
    slot.hidden = !message;
    const input = form.querySelector<HTMLElement>(`[name="${slot.dataset.errorFor ?? ''}"]`);
    input?.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message) shown = true;
  }
  return shown;
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const element of Array.from(form.elements)) {
    const input = element as HTMLInputElement;
    if (input.name && !input.disabled) out[input.name] = input.value;
  }
  return out;
}

/**
 * Writes a date-time field's value in Vietnamese in `#<id>Vi` under it (`Thứ Sáu, 09 giờ 30, ngày
 * 08/05/2026`): the field itself is drawn in the browser's language, where 05/08/2026 reads 5 August.
 */
export function echoDateTimeVi(id: string): void {
  const at = parseCivilDateTime(byId<HTMLInputElement>(id).value);
  const echo = byId(`${id}Vi`);
  echo.textContent = at ? `${weekdayNameVi(weekday(at.date))}, ${formatAppointmentVi(at)}` : '';
  echo.hidden = !at;
}

/**
 * Fills each `<select data-service="<register column>">` with that field's values (core/serviceFields.ts),
 * after an empty choice: the service index's fields are optional.
 */
export function fillServiceSelects(root: ParentNode, values: Readonly<Record<string, readonly string[]>>): void {
  for (const select of Array.from(root.querySelectorAll<HTMLSelectElement>('select[data-service]'))) {
    const list = values[select.dataset.service ?? ''] ?? [];
    select.replaceChildren(
      el('option', { text: '(chưa ghi)', attrs: { value: '' } }),
      ...list.map((v) => el('option', { text: v, attrs: { value: v } })),
    );
  }
}
