/**
 * Hostile input at every sidebar field (issue 12, item 4a): the intake form, every update action,
 * the dossier lookup, the receiver's remembered name, the printed forms and the report dialog, each
 * called through `guarded` as google.script.run calls it. For every case: no crash, a refusal keyed
 * by the field with a Vietnamese message, nothing written on a refusal, and every text an officer
 * typed read back from the sheet as the same string (never a formula, number or date).
 */
import fc from 'fast-check';
import { submitIntake, rememberReceiverName } from '../../src/server/intake';
import { lookupDossier, submitUpdate } from '../../src/server/update';
import { buildSummary } from '../../src/server/summary/build';
import { formHtml } from '../../src/server/forms/gather';
import { TABS } from '../../src/sheets/schema';
import { intakeInput, readyUnit, unitWithDossiers } from '../helpers';
import { asStored, CASES, counted, hostileString, oddDateTime, vietnameseProblems, wrongType } from './arbitraries';
import {
  ACTION_FIELDS,
  checkRefusal,
  formulaCount,
  logRows,
  registerRow,
  restoreBook,
  saveBook,
  throughGuard,
  type Unit,
  updateUnit,
} from './world';

afterAll(() => {
  const lines = [...CASES.entries()].map(([name, n]) => `${name}: ${n}`);
  console.log(`hostile sidebar cases:\n${lines.join('\n')}`);
});

const INTAKE_FIELDS = [
  'requestId',
  'tables',
  'procedureCode',
  'applicantName',
  'idNumber',
  'address',
  'phone',
  'email',
  'channel',
  'receivedAt',
  'receiverName',
  'handler',
  'documents',
  'note',
] as const;
type IntakeFieldName = (typeof INTAKE_FIELDS)[number];

/** Where each text field lands in the register, and whether it may hold line breaks. */
const STORED_AT: Partial<Record<IntakeFieldName, { header: string; multiLine: boolean }>> = {
  applicantName: { header: 'Người nộp', multiLine: false },
  idNumber: { header: 'Số giấy tờ tùy thân', multiLine: false },
  address: { header: 'Địa chỉ', multiLine: false },
  phone: { header: 'Điện thoại', multiLine: false },
  email: { header: 'Email', multiLine: false },
  receiverName: { header: 'Người tiếp nhận', multiLine: false },
  handler: { header: 'Cán bộ xử lý', multiLine: false },
  documents: { header: 'Giấy tờ đã nhận', multiLine: true },
  note: { header: 'Ghi chú', multiLine: true },
};

/** Values that pass validation yet are exactly what formula injection and type guessing feed on. */
const TRICKY_VALID: Partial<Record<IntakeFieldName, fc.Arbitrary<string>>> = {
  idNumber: fc.constantFrom('', '001099012345', '012345678', 'B1234567', ' 000000000000 '),
  phone: fc.constantFrom('', '+84 912 345 678', '0912.345.678', '+84912345678', '0000000000'),
  email: fc.constantFrom('', '=a@b.vn', '+x@y.vn', '-x@y.vn', '@x@y.vn'.slice(1), 'a@b.c'),
  channel: fc.constantFrom('Trực tiếp', 'Trực tuyến', 'Bưu chính', 'Trực tiếp ', 'trực tiếp', 'Tru\u031bc tiê\u0301p'),
  procedureCode: fc.constantFrom('1.004194', ' 1.004194', '1.004194\u200b', '1.000000', '=1.004194'),
  requestId: fc.constantFrom('short', 'x'.repeat(65), 'abc def ghi', 'req-ünïcode', 'abcdefgh'),
};

type FieldChoice = { kind: 'keep' } | { kind: 'missing' } | { kind: 'value'; value: unknown };

const choice = (field: IntakeFieldName): fc.Arbitrary<FieldChoice> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant<FieldChoice>({ kind: 'keep' }) },
    { weight: 3, arbitrary: hostileString.map<FieldChoice>((value) => ({ kind: 'value', value })) },
    {
      weight: 1,
      arbitrary: (field === 'receivedAt' ? oddDateTime : (TRICKY_VALID[field] ?? hostileString)).map<FieldChoice>((value) => ({
        kind: 'value',
        value,
      })),
    },
    { weight: 1, arbitrary: wrongType.map<FieldChoice>((value) => ({ kind: 'value', value })) },
    { weight: 1, arbitrary: fc.constant<FieldChoice>({ kind: 'missing' }) },
  );

const intakeCase = fc.record({
  fields: fc.record(
    Object.fromEntries(INTAKE_FIELDS.map((f) => [f, choice(f)])) as Record<IntakeFieldName, fc.Arbitrary<FieldChoice>>,
  ),
  extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileString, wrongType), { maxKeys: 2 }),
  textOnly: fc.boolean(),
  whole: fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: wrongType }),
});

type IntakeCase = typeof intakeCase extends fc.Arbitrary<infer T> ? T : never;

function intakeOf(c: IntakeCase): { input: unknown; changed: IntakeFieldName[] } {
  if (c.whole !== undefined) return { input: c.whole, changed: [...INTAKE_FIELDS] };
  const input: Record<string, unknown> = { ...c.extra, ...intakeInput() };
  const changed: IntakeFieldName[] = [];
  for (const f of INTAKE_FIELDS) {
    const ch = c.fields[f];
    if (ch.kind === 'keep') continue;
    // Half the cases tamper only with the free-text fields, so that many are taken and read back.
    if (c.textOnly && !(f in STORED_AT && !['idNumber', 'phone', 'email'].includes(f))) continue;
    changed.push(f);
    if (ch.kind === 'missing') delete input[f];
    else input[f] = ch.value;
  }
  return { input, changed };
}

const registerRows = (unit: Unit) => unit.run((_s, ss) => ss.getSheetByName(TABS.register)!.getLastRow());

describe('the intake form under hostile input', () => {
  it('never crashes, refuses by field in Vietnamese, and keeps every text as text', () => {
    let unit = readyUnit();
    let taken = 0;
    fc.assert(
      fc.property(
        intakeCase,
        counted('intake: every field (submitIntake)', (c) => {
          if (taken >= 150) {
            unit = readyUnit();
            taken = 0;
          }
          const { input, changed } = intakeOf(c);
          const rowsBefore = registerRows(unit);
          const answer = throughGuard('saveIntake', () => unit.run((s) => submitIntake(s, input)));
          if (!('value' in answer)) throw new Error(`intake threw “${answer.message}” instead of answering {ok:false}`);
          const r = answer.value;
          if (!r.ok) {
            checkRefusal(r.errors, INTAKE_FIELDS);
            // Only the fields that were tampered with are blamed (the form as a whole when it was no object).
            if (typeof c.whole === 'undefined') {
              for (const key of Object.keys(r.errors)) {
                if (key !== 'form' && !changed.includes(key as IntakeFieldName)) throw new Error(`blamed untouched ${key}`);
              }
              if (r.errors.form !== undefined && changed.length === 0) throw new Error(`form refused: ${r.errors.form}`);
            }
            expect(registerRows(unit)).toBe(rowsBefore);
            return;
          }
          taken += 1;
          CASES.set('intake: taken and read back', (CASES.get('intake: taken and read back') ?? 0) + 1);
          for (const w of r.warnings) expect(vietnameseProblems(w)).toEqual([]);
          const row = registerRow(unit, r.rowNumber);
          const sent = input as Record<string, unknown>;
          for (const [field, where] of Object.entries(STORED_AT)) {
            const value = row[where.header];
            expect(typeof value).toBe('string');
            expect(value).toBe(asStored(String(sent[field] ?? ''), where.multiLine));
          }
          expect(row['Mã hồ sơ']).toBe(r.code);
          expect(formulaCount(unit)).toBe(0);
        }),
      ),
      { seed: 20261201, numRuns: 2500 },
    );
  });

  it('the remembered receiver name: any value is refused or stored as typed', () => {
    const unit = readyUnit();
    fc.assert(
      fc.property(
        fc.oneof(hostileString, wrongType),
        counted('intake: remembered receiver name (rememberReceiverName)', (name) => {
          const answer = throughGuard('rememberReceiverName', () => unit.run((s) => rememberReceiverName(s, name)));
          if (!('value' in answer)) throw new Error(answer.message);
          if (answer.value.ok) {
            const stored = unit.run((s) => s.propertiesService.getUserProperties().getProperty('motcua.receiverName'));
            expect(stored).toBe(asStored(String(name), false));
          }
        }),
      ),
      { seed: 20261202, numRuns: 500 },
    );
  });
});

const ACTIONS = [
  'transfer',
  'request-supplement',
  'receive-supplement',
  'apologise',
  'record-result',
  'refuse',
  'hand-over',
  'stop',
] as const;
type Action = (typeof ACTIONS)[number];
const UPDATE_FIELDS = [
  'requestId',
  'tables',
  'code',
  'action',
  'at',
  'department',
  'missing',
  'reason',
  'newDueAt',
  'satisfaction',
];

const updateCase = fc.record({
  action: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom<unknown>(...ACTIONS) },
    { weight: 1, arbitrary: fc.oneof(hostileString, wrongType) },
  ),
  dossier: fc.nat(5),
  code: fc.oneof(
    { weight: 12, arbitrary: fc.constant<unknown>(undefined) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: wrongType },
  ),
  at: fc.oneof(
    { weight: 6, arbitrary: fc.constant<unknown>(undefined) },
    { weight: 2, arbitrary: oddDateTime },
    { weight: 1, arbitrary: wrongType },
  ),
  fieldValues: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(undefined) },
      { weight: 3, arbitrary: hostileString },
      { weight: 1, arbitrary: oddDateTime },
      { weight: 1, arbitrary: wrongType },
      { weight: 1, arbitrary: fc.constant<unknown>('missing') },
    ),
    { minLength: 2, maxLength: 2 },
  ),
  extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileString, wrongType), { maxKeys: 2 }),
});

describe('every update action under hostile input', () => {
  it('never crashes, refuses by field in Vietnamese, and keeps every reason and department as text', () => {
    const unit = updateUnit();
    const saved = saveBook(unit);
    let n = 0;
    fc.assert(
      fc.property(
        updateCase,
        counted('update: every action and field (submitUpdate)', (c) => {
          // Put back every 10 cases: in between, dossiers move on from the states earlier cases left.
          if (n % 10 === 0) restoreBook(unit, saved);
          n += 1;
          const action = c.action;
          const base: Record<string, unknown> = {
            ...c.extra,
            requestId: `hostile-${String(n).padStart(6, '0')}`,
            code: unit.codes[c.dossier],
            action,
            at: '2026-03-02T08:50',
          };
          const changed: string[] = [];
          if (c.code !== undefined) ((base.code = c.code), changed.push('code'));
          if (c.at !== undefined) ((base.at = c.at), changed.push('at'));
          const fields: Record<string, string> = (typeof action === 'string' && ACTION_FIELDS[action]) || {};
          Object.keys(fields).forEach((f, i) => {
            const v = c.fieldValues[i];
            base[f] = fields[f];
            if (v === undefined) return;
            changed.push(f);
            if (v === 'missing') delete base[f];
            else base[f] = v;
          });
          if (!ACTIONS.includes(action as Action)) changed.push('action');
          const logBefore = logRows(unit).length;
          const answer = throughGuard('saveUpdate', () => unit.run((s) => submitUpdate(s, base)));
          if (!('value' in answer)) throw new Error(`update threw “${answer.message}” instead of answering {ok:false}`);
          const r = answer.value;
          if (!r.ok) {
            checkRefusal(r.errors, UPDATE_FIELDS);
            for (const key of Object.keys(r.errors)) {
              if (key !== 'form' && !changed.includes(key))
                throw new Error(`blamed untouched ${key}: ${r.errors[key as 'code']}`);
            }
            expect(logRows(unit).length).toBe(logBefore);
            return;
          }
          CASES.set('update: recorded and read back', (CASES.get('update: recorded and read back') ?? 0) + 1);
          expect(vietnameseProblems(r.message)).toEqual([]);
          for (const w of r.warnings) expect(vietnameseProblems(w)).toEqual([]);
          const events = logRows(unit).slice(logBefore);
          expect(events).toHaveLength(1);
          const texts = events[0]!.filter((v): v is string => typeof v === 'string');
          for (const f of ['reason', 'missing', 'department']) {
            if (typeof base[f] !== 'string' || base[f] === '') continue;
            const stored = asStored(base[f] as string, f !== 'department');
            if (!texts.some((t) => t.includes(stored))) throw new Error(`${f} “${stored.slice(0, 80)}” not in the event`);
          }
          const row = registerRow(unit, r.dossier.rowNumber);
          // The department is the log's; the row's competent agency is the catalogue's, whatever is typed.
          if (action === 'transfer') expect(row['Cơ quan giải quyết']).toBe('Công an xã');
          if (action === 'apologise') expect(row['Lý do chậm']).toBe(asStored(base.reason as string, true));
          expect(formulaCount(unit)).toBe(0);
        }),
      ),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('the dossier lookup and the printed forms: any code or form kind is answered in Vietnamese', () => {
    const unit = updateUnit();
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          wrongType,
          fc.constantFrom<unknown>(...unit.codes, ` ${unit.codes[0]} `, `${unit.codes[0]}\u200b`),
        ),
        fc.oneof(
          fc.constantFrom<unknown>('receipt', 'supplement', 'refusal', 'apology', 'stop', 'nope'),
          hostileString,
          wrongType,
        ),
        counted('update: dossier lookup and printed form (findDossier, getPrintForm)', (code: unknown, kind: unknown) => {
          const text = (v: unknown) => (typeof v === 'string' ? v : '');
          const found = throughGuard('findDossier', () => unit.run((s) => lookupDossier(s, text(code))));
          if (!('value' in found)) throw new Error(found.message);
          if (!found.value.ok) expect(vietnameseProblems(found.value.message)).toEqual([]);
          const form = throughGuard('getPrintForm', () => unit.run((s) => formHtml(s, text(code), text(kind))));
          if ('value' in form) {
            // Whatever was typed is in the page as text: no tag of it survives unescaped.
            expect(form.value).not.toMatch(/<script>alert|<img src=x/);
          }
        }),
      ),
      { seed: 20261204, numRuns: 400 },
    );
  });
});

describe('the report dialog under hostile input', () => {
  it('any period and scope: a report, or a Vietnamese refusal', () => {
    const unit = unitWithDossiers(3);
    const day = fc.oneof(
      fc.constantFrom(
        '2026-01-01',
        '2026-03-02',
        '2025-12-15',
        '2026-02-29',
        '2026-04-31',
        '0000-01-01',
        '9999-12-31',
        '1999-12-31',
      ),
      oddDateTime,
      hostileString,
      wrongType,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          {
            weight: 12,
            arbitrary: fc.record(
              { from: day, to: day, scope: fc.oneof(fc.constantFrom<unknown>('this', 'units', 'all'), wrongType) },
              { requiredKeys: [] },
            ),
          },
          { weight: 1, arbitrary: wrongType },
        ),
        counted('report dialog: period and scope (buildSummary)', (input) => {
          const answer = throughGuard('buildSummary', () => unit.run((s) => buildSummary(s, input)));
          // A missing `Đơn vị` tab is a SheetProblem: the person reads its Vietnamese sentence.
          if (!('value' in answer)) return;
          expect(vietnameseProblems(answer.value.message)).toEqual([]);
        }),
      ),
      { seed: 20261205, numRuns: 1000 },
    );
  });
});
