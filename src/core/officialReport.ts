/**
 * The official report form, besides MotCua's analytic sheet: Biểu số II.06a/VPCP/KSTT of the
 * reporting regime of the Government Office (Circular 01/2020/TT-VPCP of 21/10/2020, "Quy định chế
 * độ báo cáo định kỳ …", thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Thong-tu-01-2020-TT-VPCP-…-455746.aspx),
 * the form provincial systems print for a centre's results (as in the provincial software found at
 * github, `BaoCao06a`: "Biểu số II.06a/VPCP/KSTT", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH
 * CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "- Đơn vị báo cáo:", "- Đơn vị nhận báo cáo:", "Kỳ báo
 * cáo: … (Từ ngày … đến ngày …)", "Đơn vị tính: Số hồ sơ TTHC.", its 13 numbered columns below).
 * The Circular's annex itself could not be read here: the number, title, header lines and the 13
 * numbered columns are those of that software (checked against two of its report files); the column
 * texts are MotCua's where the software's differ: it heads (3)–(6) "Tiếp nhận", writes (12) "Trong hạn
 * (Bao gồm cả hồ sơ chờ bổ sung và hồ sơ khác)" and lists "chờ Bổ sung" as well as "Trả lại/Xin rút"
 * under (9). MotCua keeps a dossier waiting for a supplement in (11)–(13) (design.md §5), so its (9)
 * holds only the residual (see `RESIDUAL_NOTE`).
 *
 * Dossiers stopped or withdrawn have no result: the form has no column for them. The provincial
 * systems put them in (9) "Đúng hạn (bao gồm cả hồ sơ … Trả lại/Xin rút)", so (7) = (8) + (9) + (10)
 * and (3) = (7) + (11) hold; the sheet says how many of (9) they are, in a footnote.
 */
import type { CivilDate } from './civil';
import { formatDateVi, formatNumberVi } from './format';
import type { Counts, Summary } from './summary';

export const OFFICIAL_FORM = {
  number: 'Biểu số II.06a/VPCP/KSTT',
  title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
  source: 'Chế độ báo cáo theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ',
  unit: 'Đơn vị tính: Số hồ sơ TTHC.',
} as const;

/** Column (2)'s heading by how the lines are grouped: the published one by field, the agency's otherwise. */
export function officialHeader(grouping: 'field' | 'agency'): readonly (readonly string[])[] {
  return grouping === 'agency'
    ? OFFICIAL_HEADER.map((r, i) => (i === 0 ? r.map((c, j) => (j === 1 ? 'Cơ quan giải quyết' : c)) : r))
    : OFFICIAL_HEADER;
}

/** The column headers in their three levels, and the numbers (1)–(13) under them. */
export const OFFICIAL_HEADER: readonly (readonly string[])[] = [
  [
    'TT',
    'Lĩnh vực, công việc giải quyết theo cấp',
    'Số hồ sơ nhận giải quyết',
    '',
    '',
    '',
    'Số lượng hồ sơ đã giải quyết',
    '',
    '',
    '',
    'Số lượng hồ sơ đang giải quyết',
    '',
    '',
  ],
  [
    '',
    '',
    'Tổng số',
    'Trong đó',
    '',
    'Từ kỳ trước',
    'Tổng số',
    'Trước hạn',
    'Đúng hạn (*)',
    'Quá hạn',
    'Tổng số',
    'Trong hạn',
    'Quá hạn',
  ],
  ['', '', '', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính', '', '', '', '', '', '', '', ''],
  ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)'],
];

export type OfficialGrouping = 'field' | 'agency';

export interface OfficialLine {
  /** `1`, `2`… for a line; empty for a unit's heading and the total. */
  readonly tt: string;
  readonly label: string;
  /** Columns (3)–(13), the residual already in (7) and (9). */
  readonly figures: readonly number[];
  /** How many of (9) are stopped or withdrawn dossiers. */
  readonly residual: number;
  readonly kind: 'line' | 'heading' | 'total';
}

/** Columns (3)–(13) of a line: the residual (stopped, withdrawn) counted in (7) and (9). */
function officialFigures(c: Counts): number[] {
  const residual = c.other.total;
  return [
    c.received.total,
    c.received.online,
    c.received.inPersonOrPostal,
    c.received.carriedOver,
    c.resolved.total + residual,
    c.resolved.early,
    c.resolved.onTime + residual,
    c.resolved.late,
    c.inProgress.total,
    c.inProgress.withinDeadline,
    c.inProgress.overdue,
  ];
}

const line = (tt: string, label: string, c: Counts, kind: OfficialLine['kind']): OfficialLine => ({
  tt,
  label,
  figures: officialFigures(c),
  residual: c.other.total,
  kind,
});

/**
 * The form's lines: by field (under each unit's heading when there are several units) or by
 * competent agency (`Cơ quan giải quyết`), then the total.
 */
export function officialLines(summary: Summary, grouping: OfficialGrouping): OfficialLine[] {
  const lines: OfficialLine[] = [];
  if (grouping === 'agency') {
    summary.agencies.forEach((a, i) => lines.push(line(String(i + 1), a.agency, a.counts, 'line')));
  } else {
    const several = summary.units.length > 1;
    let n = 0;
    for (const u of summary.units) {
      if (several) lines.push(line('', u.unit, u.counts, 'heading'));
      for (const f of summary.fields.filter((f) => f.unit === u.unit))
        lines.push(line(String((n += 1)), f.field, f.counts, 'line'));
    }
  }
  lines.push(line('', 'Tổng cộng', summary.total, 'total'));
  return lines;
}

/** The footnotes: where the residual went, and what column (3) leaves out. */
export function officialNotes(summary: Summary): string[] {
  const n = formatNumberVi;
  return [
    `(*) Cột (9) gồm ${n(summary.total.other.total)} hồ sơ dừng giải quyết hoặc rút hồ sơ (không có kết quả giải quyết), ` +
      'đặt vào cột đúng hạn như hệ thống một cửa của các tỉnh ghi “Đúng hạn (bao gồm cả hồ sơ Trả lại/Xin rút)”; vì vậy (3) = (7) + (11).',
    `Cột (7) gồm ${n(summary.total.refusedAfterReview)} hồ sơ cơ quan có thẩm quyền từ chối giải quyết sau khi xem xét (có văn bản trả lời, nêu rõ lý do).`,
    `Không tính vào cột (3): ${n(summary.receptionRefusals)} hồ sơ bị từ chối tiếp nhận tại nơi tiếp nhận hồ sơ (Mẫu số 03), không được tiếp nhận và không có mã hồ sơ.`,
  ];
}

/**
 * The form's title: as published for one centre; for a report consolidating several units, the
 * centres in the plural and the consolidating body named (the published title names one centre, and a
 * consolidated report must not read as one commune's).
 */
export function officialTitle(consolidatedBy?: string): string {
  const body = consolidatedBy?.trim();
  if (body === undefined) return OFFICIAL_FORM.title;
  const plural = OFFICIAL_FORM.title.replace('TẠI TRUNG TÂM', 'TẠI CÁC TRUNG TÂM');
  return body ? `${plural} DO ${body.toUpperCase()} TỔNG HỢP` : plural;
}

export function officialPeriodText(from: CivilDate, to: CivilDate): string {
  return `Kỳ báo cáo: từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`;
}
