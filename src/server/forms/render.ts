/**
 * The printed forms, each the one in force on its step's date (core/formKinds.ts): the slips the
 * counter hands over (receipt Mẫu 01, supplement request Mẫu 02, refusal of reception Mẫu 03, the
 * process-control slip that goes with the dossier) and the competent agency's letters (apology and
 * request to extend, notice of stopping, the reply refusing after review), which carry the agency's
 * number, signer and seal line instead of the applicant's signature. A5, printed from the browser.
 * Every value is escaped: it comes from the sheet or from a person.
 */
import { type CivilDateTime, compareDates } from '../../core/civil';
import { formatAppointmentVi, formatDateTimeVi, formatDateVi } from '../../core/format';
import { escapeHtml } from '../../core/html';
import { letterHeading } from '../../core/adminLevels';
import { DECREE_118_FROM, FORM_KINDS, type FormKind, formOf } from '../../core/formKinds';
import { ACTION_LABELS } from '../../core/lifecycle';

export { FORM_KINDS, type FormKind };

/** One line of the process-control slip: a step of the dossier, from the log. */
interface ControlStep {
  readonly at: CivilDateTime;
  readonly action: string;
  readonly note: string;
}

export interface FormData {
  readonly kind: FormKind;
  readonly unitName: string;
  readonly parentUnit: string;
  /** The competent agency (`Cơ quan giải quyết`), whose letters these are. */
  readonly agency: string;
  /** Empty for a refusal of reception: the dossier is not received and gets no code. */
  readonly code: string;
  readonly registerNumber?: number;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly applicantName: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  readonly receivedAt?: CivilDateTime;
  readonly dueAt?: CivilDateTime;
  readonly newDueAt?: CivilDateTime;
  readonly returnPlace: string;
  readonly receivedBy: string;
  /** Documents received (receipt), missing documents (supplement) or the reason (others). */
  readonly details: string;
  readonly reason: string;
  readonly issuedAt: CivilDateTime;
  /** The dossier's steps, for the process-control slip. */
  readonly steps?: readonly ControlStep[];
  /** The QR encoder's `<script>` (dist/qr.html), for a receipt. */
  readonly qrScript?: string;
}

/** The QR content: dossier and procedure codes and the dates, no personal data (Circular 01/2023 fields that apply). */
function qrContent(data: { code: string; procedureCode: string; receivedAt: CivilDateTime; dueAt: CivilDateTime }): string {
  const compact = (at: CivilDateTime) =>
    `${at.date.replace(/-/g, '')}${String(Math.floor(at.minute / 60)).padStart(2, '0')}${String(at.minute % 60).padStart(2, '0')}`;
  return `MHS:${data.code};MTTHC:${data.procedureCode};NTN:${compact(data.receivedAt)};NHT:${compact(data.dueAt)}`;
}

const STYLE = `
  @page { size: A5; margin: 12mm; }
  body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 13px; color: #000; margin: 0; }
  .form { max-width: 148mm; margin: 0 auto; padding: 8px; }
  .head { display: flex; justify-content: space-between; text-align: center; gap: 8px; }
  .head div { flex: 1; }
  .bold { font-weight: bold; }
  .number { text-align: right; font-style: italic; }
  h1 { font-size: 15px; text-align: center; margin: 14px 0 4px; }
  .code { text-align: center; margin-bottom: 10px; }
  table.fields { width: 100%; border-collapse: collapse; }
  table.fields td { padding: 2px 0; vertical-align: top; }
  table.fields td:first-child { width: 38%; }
  table.grid { width: 100%; border-collapse: collapse; margin-top: 8px; }
  table.grid th, table.grid td { border: 1px solid #000; padding: 3px; vertical-align: top; }
  .details { white-space: pre-wrap; border-left: 2px solid #999; padding-left: 6px; }
  .sign { display: flex; justify-content: space-between; text-align: center; margin-top: 18px; }
  .recipients { text-align: left; font-size: 11px; }
  .qr { width: 84px; height: 84px; float: right; margin-left: 8px; }
  .qr + table.fields { width: calc(100% - 92px); }
  .actions { text-align: center; margin: 12px 0; }
  @media print { .actions { display: none; } }
`;

function row(label: string, value: string): string {
  return `<tr><td>${escapeHtml(label)}:</td><td>${escapeHtml(value)}</td></tr>`;
}

const upper = (s: string) => escapeHtml(s.toUpperCase());

/**
 * The issuer in the heading. A slip of the counter dated from 1/7/2025 (Decree 118) names the
 * commune's public administration service centre under its commune, never a district; before, the
 * one-stop unit under its parent as the register's settings say. A letter names the competent agency
 * that signs it, under its governing body (core/adminLevels.ts `letterHeading`).
 */
function issuer(data: FormData, letter: boolean): string {
  if (letter) {
    const { superior, issuer: own } = letterHeading(data.agency, data.unitName, data.parentUnit);
    return `${superior ? `${upper(superior)}<br>` : ''}<span class="bold">${upper(own)}</span><br>Số: ……/……`;
  }
  if (compareDates(data.issuedAt.date, DECREE_118_FROM) >= 0 && !/trung tâm/i.test(data.unitName)) {
    return `${upper(data.unitName)}<br><span class="bold">TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG</span>`;
  }
  return `${upper(data.parentUnit)}<br><span class="bold">${upper(data.unitName)}</span>`;
}

/** A blank `Nơi trả kết quả`: the one-stop unit of the slip's date (Decree 118/2025 from 1/7/2025). */
function defaultReturnPlace(date: string): string {
  return compareDates(date, DECREE_118_FROM) >= 0 ? 'Trung tâm Phục vụ hành chính công' : 'Bộ phận Một cửa';
}

/** The steps that resolve a dossier, whose date is early, on time or late against the appointment. */
const RESOLVING = [ACTION_LABELS['record-result'], ACTION_LABELS.refuse];

function controlTable(data: FormData): string {
  const due = data.dueAt?.date;
  const outcome = (at: CivilDateTime) => {
    if (!due) return '';
    const c = compareDates(at.date, due);
    return c < 0 ? 'Trước hạn' : c === 0 ? 'Đúng hạn' : 'Quá hạn';
  };
  const lines = (data.steps ?? []).map(
    (s, i) =>
      `<tr><td>${i + 1}. ${escapeHtml(s.action)}${s.note ? `<br><i>${escapeHtml(s.note)}</i>` : ''}</td>` +
      `<td>${escapeHtml(formatDateTimeVi(s.at))}<br>Người giao ……… Người nhận ………</td>` +
      `<td>${RESOLVING.includes(s.action) ? escapeHtml(outcome(s.at)) : ''}</td><td></td></tr>`,
  );
  return `<table class="grid"><tr><th>TÊN CƠ QUAN, BƯỚC GIẢI QUYẾT</th><th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th>
    <th>KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)</th><th>GHI CHÚ</th></tr>${lines.join('')}</table>`;
}

function body(data: FormData): { lines: string[]; text: string } {
  const lines: string[] = [];
  // The receipt shows the dossier code once, under its title; the other forms list it with the dossier.
  // A dossier refused at the counter has no code: its slip's number is the applicant's reference.
  if (data.code && data.kind === 'reception-refusal') lines.push(row('Số phiếu từ chối', data.code));
  else if (data.code && data.kind !== 'receipt') lines.push(row('Mã hồ sơ', data.code));
  if (data.registerNumber !== undefined) lines.push(row('Số thứ tự trong sổ', String(data.registerNumber)));
  lines.push(row('Thủ tục', `${data.procedureName} (${data.procedureCode})`));
  if (data.kind !== 'control') {
    // An address the unit does not keep (Cấu hình) is not printed as an empty line.
    lines.push(row('Người nộp', data.applicantName));
    if (data.address) lines.push(row('Địa chỉ', data.address));
    lines.push(row('Điện thoại', data.phone));
    if (data.email) lines.push(row('Email', data.email));
  }
  if (data.receivedAt && data.kind !== 'reception-refusal')
    lines.push(row('Thời điểm tiếp nhận', formatDateTimeVi(data.receivedAt)));
  const reason = escapeHtml(data.reason);
  switch (data.kind) {
    case 'receipt':
      if (data.dueAt) lines.push(row('Hẹn trả kết quả', formatAppointmentVi(data.dueAt)));
      lines.push(row('Nơi trả kết quả', data.returnPlace || defaultReturnPlace(data.issuedAt.date)));
      return {
        lines,
        text: `<p class="bold">Giấy tờ đã nhận:</p><div class="details">${escapeHtml(data.details || '(không ghi)')}</div>`,
      };
    case 'supplement':
      return {
        lines,
        text: `<p>Hồ sơ của Ông/Bà chưa đầy đủ, hợp lệ. Đề nghị bổ sung, hoàn thiện các nội dung sau:</p>
        <div class="details">${escapeHtml(data.details)}</div><p>Lý do: ${reason}</p>`,
      };
    case 'reception-refusal':
      lines.push(row('Thời điểm nộp', formatDateTimeVi(data.issuedAt)));
      return {
        lines,
        text: `<p>Hồ sơ của Ông/Bà không được tiếp nhận vì lý do sau:</p><div class="details">${reason}</div>
        <p>Hồ sơ không được ghi vào sổ theo dõi và không có mã hồ sơ.</p>`,
      };
    case 'control':
      if (data.dueAt) lines.push(row('Hẹn trả kết quả', formatAppointmentVi(data.dueAt)));
      return { lines, text: controlTable(data) };
    case 'apology':
      if (data.dueAt) lines.push(row('Hẹn trả kết quả ban đầu', formatAppointmentVi(data.dueAt)));
      return {
        lines,
        text: `<p>Cơ quan giải quyết thành thật xin lỗi Ông/Bà vì hồ sơ chưa giải quyết xong đúng hẹn.</p>
        <p>Lý do: ${reason}</p>
        <p class="bold">Xin hẹn lại: ${escapeHtml(data.newDueAt ? formatAppointmentVi(data.newDueAt) : '')}</p>`,
      };
    case 'refusal':
      return {
        lines,
        text: `<p>Sau khi xem xét, cơ quan có thẩm quyền không giải quyết hồ sơ của Ông/Bà vì lý do sau:</p><div class="details">${reason}</div>`,
      };
    case 'stop':
      return { lines, text: `<p>Hồ sơ được dừng giải quyết vì lý do sau:</p><div class="details">${reason}</div>` };
  }
}

function signatures(data: FormData, letter: boolean): string {
  const day = `<i>Ngày ${escapeHtml(formatDateVi(data.issuedAt.date))}</i>`;
  if (letter) {
    return `<div class="sign"><div class="recipients"><i>Nơi nhận:</i><br>- Như trên;<br>- Lưu: VT.</div>
    <div>${day}<br>THỦ TRƯỞNG CƠ QUAN<br><i>(Ký, ghi rõ họ tên và đóng dấu)</i></div></div>`;
  }
  const receiver = `<div>${day}<br>NGƯỜI TIẾP NHẬN<br><i>(Ký, ghi rõ họ tên)</i><br><br>${escapeHtml(data.receivedBy)}</div>`;
  if (data.kind === 'receipt') {
    return `<div class="sign"><div><br>NGƯỜI NỘP HỒ SƠ<br><i>(Ký, ghi rõ họ tên)</i></div>${receiver}</div>`;
  }
  return `<div class="sign"><div></div>${receiver}</div>`;
}

export function renderForm(data: FormData): string {
  const form = formOf(data.kind, data.issuedAt.date);
  const { lines, text } = body(data);
  const addressee = form.letter ? `<p>Kính gửi: ${escapeHtml(data.applicantName)}</p>` : '';
  // Drawn in the dialog by the script `qrScript` adds (dist/qr.html), from this attribute.
  const qr =
    data.kind === 'receipt' && data.receivedAt && data.dueAt
      ? `<div class="qr" role="img" aria-label="Mã QR hồ sơ" data-qr="${escapeHtml(qrContent({ code: data.code, procedureCode: data.procedureCode, receivedAt: data.receivedAt, dueAt: data.dueAt }))}"></div>`
      : '';
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(form.title)}</title><style>${STYLE}</style></head>
<body><div class="form">
  <div class="number">${escapeHtml(form.number)}${form.number ? '<br>' : ''}<small>${escapeHtml(form.source)}</small></div>
  <div class="head">
    <div>${issuer(data, form.letter)}</div>
    <div class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><span>Độc lập - Tự do - Hạnh phúc</span></div>
  </div>
  <h1>${escapeHtml(form.title)}</h1>
  ${data.kind === 'receipt' ? `<div class="code">Mã hồ sơ: <span class="bold">${escapeHtml(data.code)}</span></div>` : ''}
  ${addressee}
  ${qr}
  <table class="fields">${lines.join('')}</table>
  ${text}
  ${signatures(data, form.letter)}
  <div class="actions"><button onclick="window.print()">In phiếu</button></div>
</div>${data.qrScript ?? ''}</body></html>`;
}
