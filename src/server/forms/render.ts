/**
 * The printed forms of Circular 01/2018/TT-VPCP (numbering of Circular 03/2025 where it differs):
 * receipt and appointment (Mẫu 01), supplement request (Mẫu 02), refusal (Mẫu 03), apology and new
 * appointment (Mẫu 04), notice of stopped processing (Mẫu 05). A5, printed from the browser.
 * Every value is escaped: it comes from the sheet or from a person.
 */
import type { CivilDateTime } from '../../core/civil';
import { formatAppointmentVi, formatDateTimeVi, formatDateVi } from '../../core/format';
import { escapeHtml } from '../../core/html';
import { FORM_KINDS, FORM_TITLES, type FormKind } from '../../core/formKinds';

export { FORM_KINDS, FORM_TITLES, type FormKind };

export interface FormData {
  readonly kind: FormKind;
  readonly unitName: string;
  readonly parentUnit: string;
  readonly code: string;
  readonly registerNumber?: number;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly applicantName: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  readonly receivedAt: CivilDateTime;
  readonly dueAt: CivilDateTime;
  readonly newDueAt?: CivilDateTime;
  readonly returnPlace: string;
  readonly receivedBy: string;
  /** Documents received (receipt), missing documents (supplement) or the reason (others). */
  readonly details: string;
  readonly reason: string;
  readonly issuedAt: CivilDateTime;
  /** The QR encoder's `<script>` (dist/qr.html), for a receipt. */
  readonly qrScript?: string;
}

/** The QR content: dossier and procedure codes and the dates, no personal data (Circular 01/2023 fields that apply). */
function qrContent(data: Pick<FormData, 'code' | 'procedureCode' | 'receivedAt' | 'dueAt'>): string {
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
  .details { white-space: pre-wrap; border-left: 2px solid #999; padding-left: 6px; }
  .sign { display: flex; justify-content: space-between; text-align: center; margin-top: 18px; }
  .qr { width: 84px; height: 84px; float: right; margin-left: 8px; }
  .qr + table.fields { width: calc(100% - 92px); }
  .actions { text-align: center; margin: 12px 0; }
  @media print { .actions { display: none; } }
`;

function row(label: string, value: string): string {
  return `<tr><td>${escapeHtml(label)}:</td><td>${escapeHtml(value)}</td></tr>`;
}

export function renderForm(data: FormData): string {
  const { number, title } = FORM_TITLES[data.kind];
  const lines: string[] = [
    row('Mã hồ sơ', data.code),
    ...(data.registerNumber !== undefined ? [row('Số thứ tự trong sổ', String(data.registerNumber))] : []),
    row('Thủ tục', `${data.procedureName} (${data.procedureCode})`),
    row('Người nộp', data.applicantName),
    row('Địa chỉ', data.address),
    row('Điện thoại', data.phone),
    ...(data.email ? [row('Email', data.email)] : []),
    row('Thời điểm tiếp nhận', formatDateTimeVi(data.receivedAt)),
  ];
  let body = '';
  switch (data.kind) {
    case 'receipt':
      lines.push(row('Hẹn trả kết quả', formatAppointmentVi(data.dueAt)), row('Nơi trả kết quả', data.returnPlace));
      body = `<p class="bold">Giấy tờ đã nhận:</p><div class="details">${escapeHtml(data.details || '(không ghi)')}</div>`;
      break;
    case 'supplement':
      body = `<p>Hồ sơ của Ông/Bà chưa đầy đủ, hợp lệ. Đề nghị bổ sung, hoàn thiện các nội dung sau:</p>
        <div class="details">${escapeHtml(data.details)}</div><p>Lý do: ${escapeHtml(data.reason)}</p>`;
      break;
    case 'refusal':
      body = `<p>Cơ quan tiếp nhận không giải quyết hồ sơ vì lý do sau:</p><div class="details">${escapeHtml(data.reason)}</div>`;
      break;
    case 'apology':
      lines.push(row('Hẹn trả kết quả ban đầu', formatAppointmentVi(data.dueAt)));
      body = `<p>Cơ quan giải quyết thành thật xin lỗi Ông/Bà vì hồ sơ chưa giải quyết xong đúng hẹn.</p>
        <p>Lý do: ${escapeHtml(data.reason)}</p>
        <p class="bold">Xin hẹn lại: ${escapeHtml(data.newDueAt ? formatAppointmentVi(data.newDueAt) : '')}</p>`;
      break;
    case 'stop':
      body = `<p>Hồ sơ được dừng giải quyết vì lý do sau:</p><div class="details">${escapeHtml(data.reason)}</div>`;
      break;
  }
  // Drawn in the dialog by the script `qrScript` adds (dist/qr.html), from this attribute.
  const qr =
    data.kind === 'receipt'
      ? `<div class="qr" role="img" aria-label="Mã QR hồ sơ" data-qr="${escapeHtml(qrContent(data))}"></div>`
      : '';
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><div class="form">
  <div class="number">${escapeHtml(number)}</div>
  <div class="head">
    <div>${escapeHtml(data.parentUnit.toUpperCase())}<br><span class="bold">${escapeHtml(data.unitName.toUpperCase())}</span></div>
    <div class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><span>Độc lập - Tự do - Hạnh phúc</span></div>
  </div>
  <h1>${escapeHtml(title)}</h1>
  <div class="code">Mã hồ sơ: <span class="bold">${escapeHtml(data.code)}</span></div>
  ${qr}
  <table class="fields">${lines.join('')}</table>
  ${body}
  <div class="sign">
    <div><br>NGƯỜI NỘP HỒ SƠ<br><i>(Ký, ghi rõ họ tên)</i></div>
    <div><i>Ngày ${escapeHtml(formatDateVi(data.issuedAt.date))}</i><br>NGƯỜI TIẾP NHẬN<br><i>(Ký, ghi rõ họ tên)</i><br><br>${escapeHtml(data.receivedBy)}</div>
  </div>
  <div class="actions"><button onclick="window.print()">In phiếu</button></div>
</div>${data.qrScript ?? ''}</body></html>`;
}
