/**
 * The register's column rules — dropdowns, number formats, deadline colours, warning-only
 * protections — over every row of the sheet. Google does not extend them to rows added at the
 * bottom, so setup applies them to the whole sheet and intake applies them again when it adds rows.
 */
import { ENDED_STATUSES } from '../core/dossier';
import { DEADLINE_STATE_LABELS } from '../core/timeliness';
import type { Sheet, SpreadsheetAppService } from '../gas/services';
import { columnLetter } from './a1';
import type { SheetLayout } from './layout';
import { COMPUTED_HEADERS, REGISTER_DROPDOWNS, REGISTER_WRAPPED, type RegisterHeader, registerFormat } from './schema';

const PROTECTION_PREFIX = 'MotCua: cột tính tự động';

/**
 * Row colours (conditional formats, not script writes, so sorting and typing keep them): red overdue,
 * orange due today, yellow due soon — exactly what the daily check wrote in `Cảnh báo`, whose label
 * they follow. The check alone knows the supplement pause, a new appointment (`Hạn trả mới`) and an
 * appointment on a day off; a formula of its own would paint red a row the check calls paused or in
 * time. A row whose status says it ended loses its colour at once.
 */
export function deadlineRules(columns: ReadonlyMap<string, number>, firstRow: number): { formula: string; background: string }[] {
  const at = (h: string) => `$${columnLetter(columns.get(h) ?? 1)}${firstRow}`;
  const status = at('Trạng thái');
  const warning = at('Cảnh báo');
  const open = `${status}<>""${ENDED_STATUSES.map((s) => `,${status}<>"${s}"`).join('')}`;
  const labelled = (label: string) => `=AND(${open},LEFT(${warning},${label.length})="${label}")`;
  return [
    { formula: labelled(DEADLINE_STATE_LABELS.overdue), background: '#f4c7c3' },
    { formula: labelled(DEADLINE_STATE_LABELS['due-today']), background: '#fce8b2' },
    { formula: labelled(DEADLINE_STATE_LABELS['due-soon']), background: '#fff2cc' },
  ];
}

/** Formulas MotCua's colour rules may have had (any first row, earlier versions too), so they are replaced and not doubled. */
function isDeadlineRule(formula: string): boolean {
  return /^=AND\(\$[A-Z]+\d+<>""/.test(formula) && /TODAY\(\)|"Sắp đến hạn"|"Quá hạn"|"Đến hạn hôm nay"/.test(formula);
}

/** A dropdown of fixed values in each listed column, from `firstRow` to the sheet's last row; other values refused. */
export function applyDropdowns(
  app: SpreadsheetAppService,
  sheet: Sheet,
  columns: ReadonlyMap<string, number>,
  dropdowns: Partial<Record<string, readonly string[]>>,
  firstRow: number,
): void {
  const rows = sheet.getMaxRows() - firstRow + 1;
  if (rows < 1) return;
  for (const [header, values] of Object.entries(dropdowns)) {
    const column = columns.get(header);
    if (!column || !values) continue;
    const rule = app
      .newDataValidation()
      .requireValueInList([...values], true)
      .setAllowInvalid(false)
      .setHelpText(`Chọn một trong: ${values.join(', ')}`)
      .build();
    sheet.getRange(firstRow, column, rows, 1).setDataValidation(rule);
  }
}

/** Applies every column rule to the data rows of the register, from below the header to the last row of the sheet. */
export function applyRegisterRules(app: SpreadsheetAppService, layout: SheetLayout<RegisterHeader>): void {
  const { sheet, headerRow, columns } = layout;
  const firstRow = headerRow + 1;
  const rows = sheet.getMaxRows() - headerRow;
  if (rows < 1) return;
  const width = Math.max(layout.lastColumn, ...columns.values());

  applyDropdowns(app, sheet, columns, REGISTER_DROPDOWNS, firstRow);

  // Number formats, one call per run of adjacent columns sharing a format.
  const formatted = [...columns.entries()]
    .map(([h, c]) => ({ column: c, format: registerFormat(h) }))
    .sort((a, b) => a.column - b.column);
  for (let i = 0; i < formatted.length;) {
    let j = i;
    const first = formatted[i];
    if (!first) break;
    while (
      j + 1 < formatted.length &&
      formatted[j + 1]?.format === first.format &&
      formatted[j + 1]?.column === (formatted[j]?.column ?? 0) + 1
    )
      j += 1;
    sheet.getRange(firstRow, first.column, rows, j - i + 1).setNumberFormat(first.format);
    i = j + 1;
  }

  for (const header of REGISTER_WRAPPED) {
    const column = columns.get(header);
    if (column) sheet.getRange(firstRow, column, rows, 1).setWrap(true);
  }

  const protections = sheet.getProtections(app.ProtectionType.RANGE);
  for (const header of COMPUTED_HEADERS) {
    const column = columns.get(header);
    if (!column) continue;
    const description = `${PROTECTION_PREFIX} — ${header}`;
    const range = sheet.getRange(firstRow, column, rows, 1);
    // A run stopped between protect() and naming it left a bare protection on this very column: the retry finishes it.
    const existing =
      protections.find((p) => p.getDescription() === description) ??
      protections.find((p) => p.getDescription() === '' && p.getRange()?.getA1Notation() === range.getA1Notation());
    // Warning only, necessarily: the script runs as the officer at the sidebar, so a real protection
    // would refuse MotCua's own writes of the code, STT and deadline made as them. A hand edit asks
    // for confirmation; people can still sort and filter (SECURITY.md).
    const protection = existing?.setRange(range) ?? range.protect();
    if (!protection.isWarningOnly()) protection.setWarningOnly(true);
    if (protection.getDescription() !== description) protection.setDescription(description);
  }

  const others = sheet.getConditionalFormatRules().filter((rule) => {
    const formula = rule.getBooleanCondition()?.getCriteriaValues()[0];
    return !(typeof formula === 'string' && isDeadlineRule(formula));
  });
  const area = sheet.getRange(firstRow, 1, rows, width);
  const ours = deadlineRules(columns, firstRow).map((r) =>
    app.newConditionalFormatRule().whenFormulaSatisfied(r.formula).setBackground(r.background).setRanges([area]).build(),
  );
  sheet.setConditionalFormatRules([...others, ...ours]);
}
