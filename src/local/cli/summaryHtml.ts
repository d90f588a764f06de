/**
 * `summary.html`: the periodic report as a page a person would rather look at than read — the
 * Biểu 06 table, the rates naming their denominators, charts drawn as inline SVG (it works offline
 * and prints on A4 landscape), and the rows that could not be classified. Every value is escaped.
 */
import { formatNumberVi, formatPercentVi, formatDateVi } from '../../core/format';
import { escapeHtml } from '../../core/html';
import { addCounts, type Counts, emptyCounts, formFigures, onTime766, ratesOf, type Summary } from '../../core/summary';

export interface PageOptions {
  readonly title: string;
  readonly sources: readonly {
    readonly name: string;
    readonly problems: readonly { row: number; code: string; reason: string }[];
  }[];
  readonly levels?: ReadonlyMap<string, string>;
}

const n = (v: number) => formatNumberVi(v);
const COLOURS = { early: '#34a853', onTime: '#4285f4', late: '#ea4335', within: '#a8c7fa', overdue: '#f4b400' };

function row(label: string, sub: string, c: Counts, strong = false): string {
  const r = ratesOf(c);
  const cells = formFigures(c).map((v) => `<td>${n(v)}</td>`);
  const rates = [r.earlyOfReceived, r.onTimeOfReceived, r.lateOfReceived, r.onTimeOfResolved, r.timeliness766].map(
    (v) => `<td>${escapeHtml(formatPercentVi(v))}</td>`,
  );
  return `<tr${strong ? ' class="total"' : ''}><th>${escapeHtml(label)}</th><td class="sub">${escapeHtml(sub)}</td>${cells.join('')}${rates.join('')}</tr>`;
}

/** The table's two header rows; `second` names column B (the unit's level, or the field). */
const head = (
  second: string,
) => `<tr><th rowspan="2">Đơn vị</th><th rowspan="2">${second}</th><th colspan="4">Tiếp nhận</th><th colspan="4">Đã giải quyết</th><th colspan="3">Đang giải quyết</th><th rowspan="2">Dừng, rút</th><th colspan="3">Tỷ lệ trên tổng tiếp nhận (3)</th><th>Trên đã giải quyết (7)</th><th rowspan="2" class="wide">Đúng hạn theo Chỉ số 766 (trên (3))</th></tr>
<tr><th>Tổng (3)</th><th>Trực tuyến (4)</th><th>Trực tiếp, bưu chính (5)</th><th>Kỳ trước (6)</th><th>Tổng (7)</th><th>Trước hạn (8)</th><th>Đúng hạn (9)</th><th>Quá hạn (10)</th><th>Tổng (11)</th><th>Trong hạn (12)</th><th>Quá hạn (13)</th><th>Trước hạn</th><th>Đúng hạn</th><th>Quá hạn</th><th>Đúng hạn</th></tr>`;

/** A horizontal stacked bar per unit: the parts of a total, each labelled with its count. */
function bars(
  title: string,
  lines: readonly { label: string; parts: readonly { value: number; colour: string; name: string }[] }[],
): string {
  const width = 760;
  const labelWidth = 190;
  const barHeight = 22;
  const max = Math.max(1, ...lines.map((l) => l.parts.reduce((s, p) => s + p.value, 0)));
  const scale = (width - labelWidth - 60) / max;
  const legend = (lines[0]?.parts ?? [])
    .map(
      (p, i) =>
        `<rect x="${labelWidth + i * 130}" y="4" width="12" height="12" fill="${p.colour}"/><text x="${labelWidth + i * 130 + 16}" y="15">${escapeHtml(p.name)}</text>`,
    )
    .join('');
  const body = lines
    .map((line, i) => {
      const y = 28 + i * (barHeight + 8);
      let x = labelWidth;
      const segments = line.parts
        .map((p) => {
          const w = p.value * scale;
          const s = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${p.colour}"><title>${escapeHtml(`${p.name}: ${n(p.value)}`)}</title></rect>`;
          x += w;
          return s;
        })
        .join('');
      const total = line.parts.reduce((s, p) => s + p.value, 0);
      return `<text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeHtml(line.label)}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 16}">${escapeHtml(n(total))}</text>`;
    })
    .join('');
  const height = 36 + lines.length * (barHeight + 8);
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${legend}${body}</svg></figure>`;
}

export function summaryPage(summary: Summary, options: PageOptions): string {
  const levels = options.levels ?? new Map<string, string>();
  const levelNames = [...new Set(summary.units.map((u) => levels.get(u.unit) ?? ''))].filter(Boolean);
  const subtotals = levelNames.map((level) => {
    const c = emptyCounts();
    for (const u of summary.units) if (levels.get(u.unit) === level) addCounts(c, u.counts);
    return row(`Cộng ${level}`, '', c, true);
  });
  const unitRows = [
    ...summary.units.map((u) => row(u.unit, levels.get(u.unit) ?? '', u.counts)),
    ...(summary.units.length > 1 ? subtotals : []),
    row('Tổng cộng', '', summary.total, true),
  ];
  const fieldRows = [...summary.fields.map((f) => row(f.unit, f.field, f.counts)), row('Tổng cộng', '', summary.total, true)];
  const resolvedChart = bars(
    'Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn',
    summary.units.map((u) => ({
      label: u.unit,
      parts: [
        { value: u.counts.resolved.early, colour: COLOURS.early, name: 'Trước hạn' },
        { value: u.counts.resolved.onTime, colour: COLOURS.onTime, name: 'Đúng hạn' },
        { value: u.counts.resolved.late, colour: COLOURS.late, name: 'Quá hạn' },
      ],
    })),
  );
  const openChart = bars(
    'Hồ sơ đang giải quyết cuối kỳ: trong hạn, quá hạn',
    summary.units.map((u) => ({
      label: u.unit,
      parts: [
        { value: u.counts.inProgress.withinDeadline, colour: COLOURS.within, name: 'Trong hạn' },
        { value: u.counts.inProgress.overdue, colour: COLOURS.overdue, name: 'Quá hạn' },
      ],
    })),
  );
  const problems = options.sources.flatMap((s) => s.problems.map((p) => ({ source: s.name, ...p })));
  const list = (items: readonly { label: string; count: number }[]) =>
    items.length === 0
      ? '<p>(không có)</p>'
      : `<table class="list">${items.map((i) => `<tr><td>${escapeHtml(i.label)}</td><td>${n(i.count)}</td></tr>`).join('')}</table>`;
  const t = summary.total;
  const r = ratesOf(t);
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title>
<style>
  @page { size: A4 landscape; margin: 10mm; }
  @media print { body { margin: 0; } }
  body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 12px; color: #202124; margin: 16px; }
  h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 14px; margin: 18px 0 6px; }
  .meta { color: #5f6368; margin: 0 0 10px; }
  .cards { display: flex; gap: 10px; flex-wrap: wrap; margin: 10px 0; }
  .card { border: 1px solid #dadce0; border-radius: 6px; padding: 8px 12px; flex: 1 1 0; min-width: 140px; }
  .card b { display: block; font-size: 20px; }
  table.b06 { border-collapse: collapse; width: 100%; font-size: 11px; }
  table.b06 th, table.b06 td { border: 1px solid #bdc1c6; padding: 3px 5px; }
  table.b06 td { text-align: right; white-space: nowrap; }
  table.b06 td.sub { text-align: left; white-space: normal; min-width: 72px; }
  table.b06 tr th:first-child { text-align: left; white-space: nowrap; }
  table.b06 tr.total { font-weight: bold; background: #f1f3f4; }
  table.b06 th.wide { min-width: 64px; }
  table.b06 + .meta { margin-top: 4px; }
  table.list td { padding: 2px 8px; border-bottom: 1px solid #eee; }
  figure { margin: 8px 0; break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 4px; }
  svg { max-width: 760px; } svg text { font-size: 12px; fill: #202124; }
  .cols { display: flex; gap: 24px; flex-wrap: wrap; } .cols > div { flex: 1; min-width: 300px; }
</style></head><body>
<h1>${escapeHtml(options.title)}</h1>
<p class="meta">Kỳ báo cáo từ ${escapeHtml(formatDateVi(summary.from))} đến ${escapeHtml(formatDateVi(summary.to))} (cả hai ngày) · ${options.sources.length} sổ: ${escapeHtml(options.sources.map((s) => s.name).join(', '))}</p>
<div class="cards">
  <div class="card">Tiếp nhận (3)<b>${n(t.received.total)}</b>gồm ${n(t.received.carriedOver)} kỳ trước chuyển sang</div>
  <div class="card">Đã giải quyết (7)<b>${n(t.resolved.total)}</b>quá hạn ${n(t.resolved.late)}</div>
  <div class="card">Trước hạn (8) / tổng tiếp nhận (3)<b>${escapeHtml(formatPercentVi(r.earlyOfReceived))}</b>${n(t.resolved.early)} / ${n(t.received.total)}</div>
  <div class="card">Đúng hạn (9) / tổng tiếp nhận (3)<b>${escapeHtml(formatPercentVi(r.onTimeOfReceived))}</b>${n(t.resolved.onTime)} / ${n(t.received.total)}</div>
  <div class="card">Đúng hạn theo Chỉ số 766 / tổng tiếp nhận (3)<b>${escapeHtml(formatPercentVi(r.timeliness766))}</b>${n(onTime766(t))} / ${n(t.received.total)}</div>
  <div class="card">Đang giải quyết, quá hạn (13)<b>${n(t.inProgress.overdue)}</b>trên ${n(t.inProgress.total)} đang giải quyết</div>
</div>
<h2>Biểu 06/VPCP/KSTT theo đơn vị</h2>
<table class="b06"><thead>${head(levelNames.length > 0 ? 'Cấp' : '')}</thead><tbody>${unitRows.join('')}</tbody></table>
<p class="meta">Mỗi dòng cân: (3) = (7) + (11) + dừng, rút. Tỷ lệ ghi rõ mẫu số.</p>
${resolvedChart}
${openChart}
<h2>Theo lĩnh vực</h2>
<table class="b06"><thead>${head('Lĩnh vực')}</thead><tbody>${fieldRows.join('')}</tbody></table>
<div class="cols">
<div><h2>Thủ tục có nhiều hồ sơ quá hạn nhất</h2>${list(summary.lateByProcedure.slice(0, 10).map((p) => ({ label: p.procedure, count: p.count })))}</div>
<div><h2>Lý do chậm</h2>${list(summary.lateReasons.slice(0, 20).map((p) => ({ label: p.reason, count: p.count })))}</div>
<div><h2>Yêu cầu bổ sung, mức độ hài lòng</h2>${list([
    { label: 'Có yêu cầu bổ sung', count: summary.supplements.atLeastOne },
    { label: 'Bổ sung quá một lần (766: quá hạn)', count: summary.supplements.moreThanOne },
    ...['Rất hài lòng', 'Hài lòng', 'Không hài lòng'].map((l) => ({ label: l, count: summary.satisfaction[l] ?? 0 })),
  ])}</div>
</div>
<h2>Chất lượng dữ liệu: dòng không phân loại được (không tính vào báo cáo)</h2>
${
  problems.length === 0
    ? '<p>(không có)</p>'
    : `<table class="list">${problems
        .slice(0, 300)
        .map(
          (p) =>
            `<tr><td>${escapeHtml(p.source)}</td><td>dòng ${p.row}</td><td>${escapeHtml(p.code)}</td><td>${escapeHtml(p.reason)}</td></tr>`,
        )
        .join('')}</table>`
}
</body></html>`;
}
