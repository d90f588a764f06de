/**
 * Hand-edited register rows (issue 12, item 4c): random values typed into the register's cells the
 * way Sheets takes typed input (strings parsed by the spreadsheet's locale: formulas, numbers, dates,
 * times, booleans; plain-text columns keep them as typed; numbers, Dates and booleans as such), then
 * the dossier lookup, an update, the daily deadline check and the report over them. For every case:
 * no crash (only Vietnamese reaches a person), a row that cannot be read is named by its number,
 * and a text typed into a text column is read back as the same text.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/gas/services';
import { buildSummary } from '../../src/server/summary/build';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { runDeadlineCheck } from '../../src/server/warnings/check';
import { textOf } from '../../src/sheets/cells';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { CASES, counted, hostileShortString, oddDateTime, vietnameseProblems } from './arbitraries';
import { ACTION_FIELDS, checkRefusal, restoreBook, saveBook, throughGuard, updateUnit } from './world';

afterAll(() => {
  console.log(`hostile hand-edit cases:\n${[...CASES.entries()].map(([name, n]) => `${name}: ${n}`).join('\n')}`);
});

/** What a person may type or paste into a cell. */
const typed: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: hostileShortString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '=1/0',
      '=A1',
      '=NOW()',
      '=IMPORTXML("http://evil.example","//a")',
      '+84 912 345 678',
      '-1',
      '00123',
      '1,5',
      '08:30',
      '24:00',
      '29/02/2025',
      '31/04/2026',
      '02/03/2026 08:30',
      '03/02/2026',
      '2026-03-02',
      "'=1+1",
      'TRUE',
      'Đã trả kết quả',
      'Chờ bổ sung',
      'Dừng giải quyết',
      'Trực tuyến',
      '',
    ),
  },
  { weight: 1, arbitrary: oddDateTime },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -100, max: 60_000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })) },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
  },
);

const edit = fc.record({ row: fc.integer({ min: 2, max: 8 }), column: fc.nat(REGISTER_COLUMNS.length - 1), value: typed });

const editCase = fc.record({
  edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
  dossier: fc.nat(5),
  action: fc.constantFrom(...Object.keys(ACTION_FIELDS)),
});

describe('hand-edited register rows', () => {
  it('lookup, update, the daily check and the report: no crash, rows named, text kept', () => {
    const unit = updateUnit();
    const saved = saveBook(unit);
    let n = 0;
    fc.assert(
      fc.property(
        editCase,
        counted('hand edits: lookup, update, daily check, report', (c) => {
          restoreBook(unit, saved);
          n += 1;
          const lastRow = unit.run((_s, ss) => {
            const sheet = ss.getSheetByName(TABS.register)!;
            for (const e of c.edits) sheet.getRange(e.row, e.column + 1).setValue(e.value);
            return Math.max(sheet.getLastRow(), 8);
          });

          // The lookup: the dossier, or a Vietnamese sentence (a bad row is named by its number).
          const code = unit.codes[c.dossier]!;
          const found = throughGuard('findDossier', () => unit.run((s) => lookupDossier(s, code)));
          if (!('value' in found)) throw new Error(found.message);
          const lookup = found.value;
          if (!lookup.ok) expect(vietnameseProblems(lookup.message)).toEqual([]);
          else {
            // Text typed into the name column reads back as typed.
            const typedName = c.edits
              .filter((e) => REGISTER_COLUMNS[e.column] === 'Người nộp' && e.row === lookup.dossier.rowNumber)
              .pop();
            if (typeof typedName?.value === 'string' && !typedName.value.startsWith("'")) {
              expect(lookup.dossier.applicantName).toBe(textOf(typedName.value));
            }
          }

          // An update of that dossier: done, or refused in Vietnamese under a field of the form.
          const updated = throughGuard('saveUpdate', () =>
            unit.run((s) =>
              submitUpdate(s, {
                requestId: `edit-${String(n).padStart(6, '0')}`,
                code,
                action: c.action,
                at: '2026-03-02T08:55',
                ...ACTION_FIELDS[c.action],
              }),
            ),
          );
          if (!('value' in updated)) throw new Error(`update threw “${updated.message}”`);
          if (!updated.value.ok)
            checkRefusal(updated.value.errors, ['code', 'at', 'action', ...Object.keys(ACTION_FIELDS[c.action]!)]);

          // The daily check: every row it cannot read is named in its Cảnh báo cell, in Vietnamese.
          const checked = throughGuard('checkDeadlinesNow', () =>
            unit.run((s) => runDeadlineCheck(s, { mail: false, startedMs: 0 })),
          );
          if ('value' in checked) {
            const warnings = unit.run((_s, ss) => {
              const sheet = ss.getSheetByName(TABS.register)!;
              const column = REGISTER_COLUMNS.indexOf('Cảnh báo') + 1;
              return sheet
                .getRange(2, column, lastRow - 1, 1)
                .getValues()
                .map((r) => r[0]);
            });
            // What the person typed into the column themselves (below the dossiers) is theirs, not the check's.
            const typedThere = c.edits.filter((e) => REGISTER_COLUMNS[e.column] === 'Cảnh báo').map((e) => textOf(e.value));
            const unreadable = warnings.filter(
              (w) =>
                typeof w === 'string' && textOf(w) !== '' && !typedThere.includes(textOf(w)) && vietnameseProblems(w).length > 0,
            );
            expect(unreadable).toEqual([]);
            expect(checked.value.unreadable).toBeLessThanOrEqual(lastRow - 1);
          }

          // The report: made (each unclassifiable row listed with its number) or refused in Vietnamese.
          const report = throughGuard('buildSummary', () =>
            unit.run((s) => buildSummary(s, { from: '2026-01-01', to: '2026-03-31', scope: 'this' })),
          );
          if ('value' in report) {
            expect(vietnameseProblems(report.value.message)).toEqual([]);
            if (report.value.ok) {
              const quality = unit.run((_s, ss) => {
                const sheet = ss.getSheetByName('Tổng hợp giám sát')!;
                const values = sheet.getRange(1, 1, sheet.getLastRow(), Math.min(sheet.getLastColumn(), 6)).getValues();
                const start = values.findIndex((r) => String(r[0]).startsWith('Chất lượng dữ liệu'));
                return start < 0 ? [] : values.slice(start + 1).filter((r) => r[0] !== '(không có)' && r[0] !== '');
              });
              for (const r of quality) {
                const rowNumber = r.find((v) => typeof v === 'number');
                if (typeof rowNumber !== 'number' || rowNumber < 2 || rowNumber > lastRow) {
                  throw new Error(`a data-quality line without the row's number: ${JSON.stringify(r).slice(0, 200)}`);
                }
              }
              CASES.set('hand edits: report rows named', (CASES.get('hand edits: report rows named') ?? 0) + quality.length);
            }
          }
        }),
      ),
      { seed: 20261213, numRuns: 500 },
    );
  });
});
