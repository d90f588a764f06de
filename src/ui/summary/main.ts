/** The report dialog: the official periods (cut off on the 14th) or any range, this register or all of `Đơn vị`. */
import { byId, el } from '../shared/dom';
import { call } from '../shared/rpc';

const period = byId<HTMLSelectElement>('period');
const status = byId('status');
const build = byId<HTMLButtonElement>('build');
let ranges = new Map<string, { from: string; to: string }>();

function show(text: string, kind: 'ok' | 'fail' | 'busy'): void {
  status.textContent = text;
  status.className = `banner ${kind === 'busy' ? '' : kind}`;
  status.hidden = false;
}

period.addEventListener('change', () => {
  byId('custom').hidden = period.value !== 'custom';
});

void call('getSummaryOptions').then(
  (options) => {
    ranges = new Map(options.periods.map((p) => [p.key, { from: p.from, to: p.to }]));
    period.replaceChildren(
      ...options.periods.map((p) => el('option', { text: `${p.label} (${p.fromText} – ${p.toText})`, attrs: { value: p.key } })),
      el('option', { text: 'Khoảng ngày khác…', attrs: { value: 'custom' } }),
    );
    byId<HTMLInputElement>('scopeUnits').disabled = !options.hasUnits;
  },
  (error: Error) => show(error.message, 'fail'),
);

byId<HTMLFormElement>('report').addEventListener('submit', (event) => {
  event.preventDefault();
  const range =
    period.value === 'custom'
      ? { from: byId<HTMLInputElement>('from').value, to: byId<HTMLInputElement>('to').value }
      : ranges.get(period.value);
  if (!range?.from || !range.to) {
    show('Hãy chọn ngày bắt đầu và ngày kết thúc.', 'fail');
    return;
  }
  const scope = (document.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value ?? 'this') as 'this' | 'units';
  build.disabled = true;
  show('Đang lập báo cáo… (có thể mất vài phút khi đọc nhiều sổ; tiến độ hiện ở góc dưới bảng tính)', 'busy');
  const official = byId<HTMLInputElement>('official').checked;
  const groupBy = byId<HTMLSelectElement>('groupBy').value === 'agency' ? 'agency' : 'field';
  call('buildSummary', { ...range, scope, ...(official ? { official, groupBy } : {}) }).then(
    (answer) => {
      build.disabled = false;
      show(answer.message, answer.ok ? 'ok' : 'fail');
    },
    (error: Error) => {
      build.disabled = false;
      show(error.message, 'fail');
    },
  );
});
