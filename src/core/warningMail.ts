/**
 * The deadline e-mails: one digest per handling officer and one summary for the unit head, each as
 * plain text and HTML (every value escaped). Only what an officer needs to act: the dossier code,
 * the procedure, the appointment and the working days left or late — never the applicant's name,
 * ID number, address, phone or e-mail, which stay in the unit's workbook.
 */
import type { CivilDate } from './civil';
import { formatDateVi } from './format';
import { escapeHtml } from './html';
import { type Digest, type DossierWarning, type ProvincialStale, WARNING_LABELS } from './warnings';

export interface Mail {
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string;
}

export interface MailContext {
  readonly unitName: string;
  readonly today: CivilDate;
  /** A link that opens the register on a row. */
  readonly rowLink: (rowNumber: number) => string;
}

function whenText(w: DossierWarning): string {
  if (w.state === 'overdue') return `trễ ${w.workingDays} ngày làm việc`;
  if (w.state === 'due-today') return 'đến hạn hôm nay';
  return `còn ${w.workingDays} ngày làm việc`;
}

function apologyText(w: DossierWarning): string {
  return w.apologyBy ? `Nếu không kịp: gửi Mẫu 04 (xin lỗi, hẹn lại) chậm nhất ngày ${formatDateVi(w.apologyBy)}.` : '';
}

function countsText(d: Digest): string {
  return [
    d.counts.overdue ? `${d.counts.overdue} quá hạn` : '',
    d.counts['due-today'] ? `${d.counts['due-today']} đến hạn hôm nay` : '',
    d.counts['due-soon'] ? `${d.counts['due-soon']} sắp đến hạn` : '',
    d.provincial?.length ? `${d.provincial.length} cần cập nhật trên hệ thống tỉnh` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Dossiers listed in one message, the most urgent first: Google refuses a message body over 200 KB
 * (a Gmail account), and a list this long is read in the register's `Cảnh báo` column anyway.
 */
const MAX_LISTED = 150;

function moreText(items: readonly DossierWarning[]): string {
  return items.length > MAX_LISTED ? `… và ${items.length - MAX_LISTED} hồ sơ khác: xem cột Cảnh báo trong sổ.` : '';
}

function itemLines(all: readonly DossierWarning[], ctx: MailContext): string[] {
  const items = all.slice(0, MAX_LISTED);
  const more = moreText(all);
  return [
    ...items.map((w) =>
      [
        `- [${WARNING_LABELS[w.state]}] ${w.dossier.code} – ${w.dossier.procedureName}`,
        `  Hẹn trả: ${formatAppointmentOf(w)} (${whenText(w)}). ${apologyText(w)}`.trimEnd(),
        `  Mở sổ: ${ctx.rowLink(w.dossier.rowNumber)}`,
      ].join('\n'),
    ),
    ...(more ? [more] : []),
  ];
}

function formatAppointmentOf(w: DossierWarning): string {
  const minute = w.target.minute;
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return `${hh} giờ ${mm}, ngày ${formatDateVi(w.target.date)}`;
}

const STATE_COLOURS: Record<string, string> = { overdue: '#f4c7c3', 'due-today': '#fce8b2', 'due-soon': '#fff2cc' };

function itemTable(all: readonly DossierWarning[], ctx: MailContext): string {
  const more = moreText(all);
  const rows = all
    .slice(0, MAX_LISTED)
    .map(
      (w) =>
        `<tr style="background:${STATE_COLOURS[w.state] ?? '#ffffff'}"><td>${escapeHtml(WARNING_LABELS[w.state])}</td>` +
        `<td><a href="${escapeHtml(ctx.rowLink(w.dossier.rowNumber))}">${escapeHtml(w.dossier.code)}</a></td>` +
        `<td>${escapeHtml(w.dossier.procedureName)}</td><td>${escapeHtml(formatAppointmentOf(w))}</td>` +
        `<td>${escapeHtml(whenText(w))}</td><td>${escapeHtml(apologyText(w))}</td></tr>`,
    )
    .join('');
  return (
    '<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">' +
    '<tr><th>Tình trạng</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Hẹn trả kết quả</th><th>Thời gian</th><th>Ghi chú</th></tr>' +
    `${rows}</table>${more ? `<p>${escapeHtml(more)}</p>` : ''}`
  );
}

const FOOTER = 'Thư tự động của MotCua (sổ theo dõi hồ sơ một cửa). Không có thông tin cá nhân của người nộp trong thư này.';

const PROVINCIAL_INTRO =
  'Đã xong trong sổ nhưng hệ thống tỉnh (tệp xuất nhập gần nhất) vẫn còn mở: cập nhật trên hệ thống tỉnh để hồ sơ không bị tính trễ hạn.';

function provincialLines(stale: readonly ProvincialStale[], ctx: MailContext): string[] {
  return [
    PROVINCIAL_INTRO,
    ...stale
      .slice(0, MAX_LISTED)
      .map((s) => `- ${s.code} – ${s.procedureName}: hệ thống tỉnh ghi “${s.exportStatus}”. Mở sổ: ${ctx.rowLink(s.rowNumber)}`),
    ...(stale.length > MAX_LISTED ? [`… và ${stale.length - MAX_LISTED} hồ sơ khác: xem trang Đối chiếu hệ thống tỉnh.`] : []),
  ];
}

/** The digest for one officer. */
export function officerDigestMail(digest: Digest, ctx: MailContext): Mail {
  const day = formatDateVi(ctx.today);
  const subject = `[${ctx.unitName}] Hồ sơ cần xử lý ngày ${day}: ${countsText(digest)}`;
  const greeting = `Kính gửi ${digest.handler || 'cán bộ xử lý'},`;
  const intro = `Các hồ sơ anh/chị đang xử lý cần chú ý hôm nay (${countsText(digest)}):`;
  const stale = digest.provincial ?? [];
  const provincial = stale.length > 0 ? ['', ...provincialLines(stale, ctx)] : [];
  const due = digest.items.length > 0 ? itemLines(digest.items, ctx) : [];
  const body = [greeting, '', intro, '', ...due, ...provincial, '', FOOTER].join('\n');
  const provincialHtml =
    stale.length > 0
      ? `<p>${escapeHtml(PROVINCIAL_INTRO)}</p><ul>${provincialLines(stale, ctx)
          .slice(1)
          .map((l) => `<li>${escapeHtml(l.replace(/^- /, ''))}</li>`)
          .join('')}</ul>`
      : '';
  const htmlBody =
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>${digest.items.length > 0 ? itemTable(digest.items, ctx) : ''}${provincialHtml}` +
    `<p style="color:#666;font-size:small">${escapeHtml(FOOTER)}</p>`;
  return { subject, body, htmlBody };
}

export interface HeadSummary {
  readonly digests: readonly Digest[];
  /** Officers with due work but no e-mail address in `Cấu hình`: their dossiers are listed here. */
  readonly unaddressed: readonly Digest[];
  /** Digests that were due but not sent today (the day's mail quota ran out): sent at the next run. */
  readonly waiting: readonly Digest[];
  /** Rows of the register whose deadline could not be checked, and why. */
  readonly unreadable: readonly { readonly rowNumber: number; readonly code: string; readonly reason: string }[];
  /** Said when the summary goes to the spreadsheet's owner because `Cấu hình` names no head. */
  readonly note?: string;
}

/** The unit head's summary: counts per officer, and in full what reached nobody. */
export function headSummaryMail(summary: HeadSummary, ctx: MailContext): Mail {
  const day = formatDateVi(ctx.today);
  const total = (key: 'overdue' | 'due-today' | 'due-soon') => summary.digests.reduce((n, d) => n + d.counts[key], 0);
  const overall = `${total('overdue')} quá hạn, ${total('due-today')} đến hạn hôm nay, ${total('due-soon')} sắp đến hạn`;
  const subject = `[${ctx.unitName}] Tổng hợp hạn xử lý hồ sơ ngày ${day}: ${overall}`;
  const perOfficer = summary.digests.map((d) => `- ${d.handler || '(chưa giao cán bộ)'}: ${countsText(d)}`);
  const sections: { title: string; digests: readonly Digest[] }[] = [
    {
      title: 'Hồ sơ của cán bộ chưa có địa chỉ email trong trang Cấu hình (hoặc chưa giao cán bộ), chưa ai được nhắc:',
      digests: summary.unaddressed,
    },
    {
      title: 'Thư nhắc chưa gửi được hôm nay vì đã hết hạn mức gửi thư trong ngày; sẽ gửi ở lần kiểm tra sau:',
      digests: summary.waiting,
    },
  ].filter((s) => s.digests.length > 0);
  const unreadable = summary.unreadable.slice(0, MAX_LISTED).map((u) => `- Dòng ${u.rowNumber} (${u.code}): ${u.reason}`);
  const unreadableTitle = 'Dòng trong sổ không kiểm tra được hạn (hãy sửa để hồ sơ được nhắc):';
  const body = [
    ...(summary.note ? [summary.note, ''] : []),
    `Hồ sơ cần chú ý ngày ${day}: ${overall}.`,
    '',
    'Theo cán bộ xử lý:',
    ...perOfficer,
    ...sections.flatMap((s) => [
      '',
      s.title,
      ...s.digests.flatMap((d) => [`${d.handler || '(chưa giao cán bộ)'}:`, ...itemLines(d.items, ctx)]),
    ]),
    ...(unreadable.length > 0 ? ['', unreadableTitle, ...unreadable] : []),
    '',
    FOOTER,
  ].join('\n');
  const htmlBody =
    (summary.note ? `<p><b>${escapeHtml(summary.note)}</b></p>` : '') +
    `<p>${escapeHtml(`Hồ sơ cần chú ý ngày ${day}: ${overall}.`)}</p><p>Theo cán bộ xử lý:</p><ul>` +
    summary.digests.map((d) => `<li>${escapeHtml(`${d.handler || '(chưa giao cán bộ)'}: ${countsText(d)}`)}</li>`).join('') +
    '</ul>' +
    sections
      .map(
        (s) =>
          `<p><b>${escapeHtml(s.title)}</b></p>` +
          s.digests.map((d) => `<p>${escapeHtml(d.handler || '(chưa giao cán bộ)')}</p>${itemTable(d.items, ctx)}`).join(''),
      )
      .join('') +
    (unreadable.length > 0
      ? `<p><b>${escapeHtml(unreadableTitle)}</b></p><ul>${unreadable.map((u) => `<li>${escapeHtml(u.slice(2))}</li>`).join('')}</ul>`
      : '') +
    `<p style="color:#666;font-size:small">${escapeHtml(FOOTER)}</p>`;
  return { subject, body, htmlBody };
}
