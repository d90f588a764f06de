/**
 * The clerk's formula baseline of `npm run bench` on two small registers whose figures were counted
 * by hand: the workbook it writes (without LibreOffice), how it compares with MotCua, and — when
 * `soffice` is installed — LibreOffice recalculating it to MotCua's figures. Skipped locally without
 * it, never under CI=true (.ci/run installs libreoffice-calc-nogui).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { benchFormulaBaseline } from '../../src/local/cli/benchBaseline';
import {
  BASELINE_COLUMNS,
  baselineDifferences,
  clerkRegisterFromCsv,
  readBaselineCsv,
  STALE,
  writeClerkWorkbook,
} from '../../src/local/cli/formulaBaseline';
import { LibreOffice, libreOfficeVersion } from '../../src/local/cli/libreOffice';
import { summaryCommand } from '../../src/local/cli/summary';

const dir = mkdtempSync(join(tmpdir(), 'motcua-baseline-'));
const FROM = '2026-03-01';
const TO = '2026-03-31';

// Each row says what design.md §5 makes of it for 01/03–31/03/2026.
const TAM_HONG = [
  'Mã hồ sơ,Đơn vị tiếp nhận,Hình thức nộp,Thời điểm tiếp nhận,Hạn trả kết quả,Hạn trả mới,Trạng thái,Ngày có kết quả,Ngày trả kết quả,Ghi chú',
  'A01,UBND xã Tam Hồng,Trực tuyến,2026-03-02 08:00,2026-03-06 17:00,,Đã trả kết quả,2026-03-05,2026-03-06,online; early',
  'A02,UBND xã Tam Hồng,Trực tiếp,2026-03-02 09:00,2026-03-06 17:00,,Đã có kết quả,2026-03-06 16:30,,on time: result on the due day',
  'A03,UBND xã Tam Hồng,Bưu chính,03/03/2026 10:00,2026-03-05 17:00,2026-03-10 17:00,Đã trả kết quả,2026-03-09,,late despite the re-appointment',
  'A04,UBND xã Tam Hồng,Trực tiếp,2026-03-03,2026-03-10 17:00,,Đã trả kết quả,,2026-03-10,on time by the hand-over date',
  'A05,UBND xã Tam Hồng,,2026-03-04 14:00,12/03/2026,,Từ chối giải quyết,2026-03-13,,no channel = in person; refused after review: late',
  'A06,UBND xã Tam Hồng,Trực tiếp,2026-02-20 08:00,2026-03-04 17:00,,Đã trả kết quả,2026-03-02,,carried over; early',
  'A07,UBND xã Tam Hồng,Trực tuyến,2026-02-25 08:00,2026-02-27 17:00,,Đã trả kết quả,2026-02-27,,ended before the period: not counted',
  'A08,UBND xã Tam Hồng,Trực tiếp,2026-02-26 08:00,2026-03-02 17:00,,Đã có kết quả,2026-03-01,,carried over (ended on the first day); early',
  'A09,UBND xã Tam Hồng,Trực tiếp,2026-02-10 08:00,2026-02-20 17:00,,Đang giải quyết,,,carried over; overdue',
  'A10,UBND xã Tam Hồng,Trực tiếp,2026-03-10 08:00,2026-03-20 17:00,,Chờ bổ sung,,,waiting for a supplement past its deadline: within deadline (design.md §5)',
  'A11,UBND xã Tam Hồng,Trực tuyến,2026-03-25 08:00,2026-04-03 17:00,,Chờ bổ sung,,,waiting for a supplement: within deadline',
  'A12,UBND xã Tam Hồng,Trực tiếp,2026-03-16 08:00,2026-03-31 17:00,,Đang giải quyết,,,due on the last day and open at its 24:00: overdue',
  'A13,UBND xã Tam Hồng,Trực tiếp,2026-03-16 08:00,2026-03-30 17:00,,Đã tiếp nhận,,,overdue',
  'A14,UBND xã Tam Hồng,Trực tiếp,2026-03-05 08:00,2026-03-19 17:00,,Dừng giải quyết,,2026-03-11,withdrawn by the applicant: residual',
  'A15,UBND xã Tam Hồng,Trực tiếp,2026-02-15 08:00,2026-03-01 17:00,,Dừng giải quyết,,2026-03-03,carried over; stopped: residual',
  'A16,UBND xã Tam Hồng,Trực tiếp,2026-03-31 16:45,2026-04-07 17:00,,Đang giải quyết,,,received on the last day: within deadline',
  'A17,UBND xã Tam Hồng,Trực tuyến,2026-04-01 07:30,2026-04-03 17:00,,Đang giải quyết,,,received after the period: not counted',
  'A18,UBND xã Tam Hồng,Trực tiếp,2026-03-20 08:00,2026-03-27 17:00,,Đã có kết quả,2026-04-02,,result after the period: overdue',
  'A19,UBND xã Tam Hồng,Trực tiếp,2026-03-27 08:00,2026-04-06 17:00,,Đã trả kết quả,2026-04-03,,result after the period: within deadline',
  'A20,UBND xã Tam Hồng,Trực tiếp,2026-03-01 00:00,2026-03-03 17:00,,Đã trả kết quả,2026-03-31,,late; received and ended on the edges',
  'A21,UBND xã Tam Hồng,Bưu chính,2026-02-27 08:00,31/03/2026,,Dừng giải quyết,2026-04-01,,carried over; stopped after the period; due on its last day: overdue',
  'A22,UBND xã Tam Hồng,Trực tiếp,2026-01-10 08:00,2026-01-20 17:00,,Dừng giải quyết,,2026-02-01,stopped before the period: not counted',
  'A23,UBND xã Tam Hồng,Trực tiếp,2026-03-12 15:30,2026-03-12 17:00,,Đã có kết quả,2026-03-12,,same day: on time',
  'A24,UBND xã Tam Hồng,Trực tuyến,2026-03-18 08:00,2026-03-25,,Đang giải quyết,2026-03-24,,a result date typed on an open dossier: overdue',
].join('\n');

// No `Đơn vị tiếp nhận` (the unit is the file's name) and no `Ngày trả kết quả` column.
const YEN_DONG = [
  'Mã hồ sơ,Trạng thái,Thời điểm tiếp nhận,Hạn trả kết quả,Hình thức nộp,Ngày có kết quả',
  'B1,Đã trả kết quả,2026-03-09 08:00,2026-03-13 17:00,Trực tuyến,2026-03-13',
  'B2,Đang giải quyết,2026-02-27 08:00,2026-03-05 17:00,Trực tiếp,',
  'B3,Đã tiếp nhận,2026-03-30 08:00,2026-04-02 17:00,Trực tuyến,',
  'B4,Dừng giải quyết,2026-03-02 08:00,2026-03-04 17:00,Trực tiếp,2026-03-03',
].join('\n');

const files = [join(dir, 'tam-hong.csv'), join(dir, 'xa-yen-dong.csv')];
writeFileSync(files[0]!, `${TAM_HONG}\n`);
writeFileSync(files[1]!, `${YEN_DONG}\n`);

// Counted by hand from the rows' notes, in BASELINE_COLUMNS' order: (3)–(13), then the residual.
const EXPECTED: Record<string, number[]> = {
  'UBND xã Tam Hồng': [21, 3, 13, 5, 9, 3, 3, 3, 10, 4, 6, 2],
  'xa-yen-dong': [4, 2, 1, 1, 1, 0, 1, 0, 2, 1, 1, 1],
  'Tổng cộng': [25, 5, 14, 6, 10, 3, 4, 3, 12, 5, 7, 3],
};

async function motcuaJson(): Promise<string> {
  const out = await summaryCommand(['--from', FROM, '--to', TO, '--json', ...files]);
  expect(out.stderr).toBe(''); // every row is one MotCua classifies
  return out.stdout;
}

/** The summary tab as LibreOffice writes it, from figures. */
const csvOf = (lines: Record<string, number[]>, rows: Record<string, number>) =>
  [
    'Từ ngày,01/03/2026',
    'Đến ngày,31/03/2026',
    '',
    ['Đơn vị', ...BASELINE_COLUMNS.map(([label]) => label), 'Số dòng trong sổ (kiểm tra tính lại)'].join(','),
    ...Object.entries(lines).map(([unit, figures]) => [unit, ...figures, rows[unit] ?? 0].join(',')),
  ].join('\n');

describe('formula baseline: the workbook a clerk would build', () => {
  it('holds the registers as date cells, a helper formula a row, and the Biểu 06 line as formulas with no cached result', async () => {
    const file = join(dir, 'clerk.xlsx');
    await writeClerkWorkbook(files.map(clerkRegisterFromCsv), FROM, TO, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'UBND xã Tam Hồng', 'xa-yen-dong']);

    const tam = book.getWorksheet('UBND xã Tam Hồng')!;
    const header = (tam.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('Ngày kết thúc (cột phụ)');
    // Wall times as serials (read back by exceljs as UTC instants): ISO and dd/MM/yyyy alike.
    const col = (h: string) => header.indexOf(h) + 1;
    expect(tam.getRow(2).getCell(col('Thời điểm tiếp nhận')).value).toEqual(new Date(Date.UTC(2026, 2, 2, 8, 0)));
    expect(tam.getRow(4).getCell(col('Thời điểm tiếp nhận')).value).toEqual(new Date(Date.UTC(2026, 2, 3, 10, 0)));
    expect(tam.getRow(6).getCell(col('Hạn trả kết quả')).value).toEqual(new Date(Date.UTC(2026, 2, 12)));
    expect(tam.getRow(2).getCell(col('Mã hồ sơ')).value).toBe('A01');
    expect(tam.getRow(25).getCell(header.length).formula).toMatch(
      /^IF\(OR\(G25="Đã có kết quả",.*INT\(IF\(H25<>"",H25,IF\(I25<>"",I25,D25\)\)\)/,
    );

    // The register without them gets the columns the formulas read, empty.
    const yen = book.getWorksheet('xa-yen-dong')!;
    expect((yen.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã hồ sơ',
      'Trạng thái',
      'Thời điểm tiếp nhận',
      'Hạn trả kết quả',
      'Hình thức nộp',
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Ngày kết thúc (cột phụ)',
    ]);

    const summary = book.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('B1').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(summary.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 2, 31)));
    const line = summary.getRow(5);
    expect(line.getCell(1).value).toBe('UBND xã Tam Hồng');
    const formulas = BASELINE_COLUMNS.map((_, k) => line.getCell(k + 2).value as ExcelJS.CellFormulaValue);
    for (const f of formulas) expect(f.result).toBeUndefined();
    // The clerk's tools: COUNTIFS on dates, SUMPRODUCT where the end date meets the due date's day.
    expect(formulas[1]!.formula).toBe(
      `COUNTIFS('UBND xã Tam Hồng'!$D$2:$D$25,">="&$B$1,'UBND xã Tam Hồng'!$D$2:$D$25,"<"&($B$2+1),'UBND xã Tam Hồng'!$C$2:$C$25,"Trực tuyến")`,
    );
    expect(formulas[6]!.formula).toContain(`*('UBND xã Tam Hồng'!$K$2:$K$25=INT('UBND xã Tam Hồng'!$E$2:$E$25)))`);
    expect(formulas[6]!.formula).toMatch(/^SUMPRODUCT\(/);
    expect(summary.getRow(6).getCell(BASELINE_COLUMNS.length + 2).value).toEqual({
      formula: `COUNT('xa-yen-dong'!$C$2:$C$5)`,
      result: STALE,
    });
    expect(summary.getRow(7).getCell(1).value).toBe('Tổng cộng');
  });

  it('names every figure where the recalculated formulas and MotCua differ', async () => {
    const json = await motcuaJson();
    const rows = { 'UBND xã Tam Hồng': 24, 'xa-yen-dong': 4 };
    expect(baselineDifferences(readBaselineCsv(csvOf(EXPECTED, rows)), json)).toEqual([]);
    const off = { ...EXPECTED, 'xa-yen-dong': [4, 2, 1, 1, 1, 0, 1, 0, 2, 2, 0, 1] };
    expect(baselineDifferences(readBaselineCsv(csvOf(off, rows)), json)).toEqual([
      'xa-yen-dong, (12) Trong hạn: MotCua 1, formulas 2',
      'xa-yen-dong, (13) Quá hạn: MotCua 1, formulas 0',
    ]);
    const { 'xa-yen-dong': _, ...missing } = EXPECTED;
    expect(baselineDifferences(readBaselineCsv(csvOf(missing, rows)), json)).toContain(
      'xa-yen-dong: no line in the formula workbook',
    );
  });

  it('is skipped with the way to install LibreOffice when there is no soffice, without failing the bench', async () => {
    const lines: string[] = [];
    const result = await benchFormulaBaseline(
      { files, from: FROM, to: TO, motcuaJson: '{}', cliMs: 1, aggregationMs: 1 },
      (l) => lines.push(l),
      { soffice: join(dir, 'no-such-soffice') },
    );
    expect(result.ok).toBe(true);
    expect(result.figures).toMatchObject({ install: 'apt-get install libreoffice-calc-nogui' });
    expect(lines).toEqual([
      expect.stringMatching(/skipped, .* not found; install it with `apt-get install libreoffice-calc-nogui`/),
    ]);
  });
});

const version = libreOfficeVersion();
if (!version && process.env.CI === 'true') {
  throw new Error('LibreOffice is required under CI=true but soffice is missing (apt-get install libreoffice-calc-nogui).');
}
(version ? describe : describe.skip)(
  `formula baseline recalculated by ${version ?? 'LibreOffice (not installed: skipped)'}`,
  () => {
    // One LibreOffice profile for the file: made by the first recalculation, then lent to the bench
    // (whose own profile-making start would be another LibreOffice start of several seconds).
    const profile = join(dir, 'lo-profile');
    let recalculated = '';
    beforeAll(async () => {
      const work = mkdtempSync(join(dir, 'lo-'));
      const registers = files.map(clerkRegisterFromCsv);
      const file = join(work, 'clerk.xlsx');
      await writeClerkWorkbook(registers, FROM, TO, file);
      const { csv } = new LibreOffice('soffice', profile).toCsv(file, work);
      recalculated = readFileSync(csv, 'utf8');
    }, 120_000);

    it('gives the hand-counted figures, which are MotCua’s, for each unit and the total', async () => {
      const read = readBaselineCsv(recalculated);
      expect(Object.fromEntries([...read.units, read.total].map((l) => [l.unit, l.figures]))).toEqual(EXPECTED);
      // Written with a cached -1: LibreOffice recalculated on load.
      expect(read.units.map((l) => l.rowsCounted)).toEqual([24, 4]);
      expect(baselineDifferences(read, await motcuaJson())).toEqual([]);
    }, 120_000);

    it('measures itself in the bench and agrees with MotCua', async () => {
      const lines: string[] = [];
      const result = await benchFormulaBaseline(
        { files, from: FROM, to: TO, motcuaJson: await motcuaJson(), cliMs: 100, aggregationMs: 1 },
        (l) => lines.push(l),
        { runs: 1, profile },
      );
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(
        /^Formula baseline .* LibreOffice \d+\.\d+[.\d]* headless\): \d+ ms .*; figures equal MotCua's for all 2 units and the total$/,
      );
      expect(lines[1]).toContain('28 rows in one .xlsx, 39 formula cells in its Tổng hợp');
      expect(result).toMatchObject({ ok: true, figures: { rows: 28, helperFormulas: 28, matchesMotCua: true } });
    }, 120_000);

    it('fails its line, naming each figure, when MotCua says otherwise', async () => {
      const json = JSON.parse(await motcuaJson()) as { units: { unit: string; resolved: { early: number } }[] };
      json.units[0]!.resolved.early += 1;
      const lines: string[] = [];
      const result = await benchFormulaBaseline(
        { files, from: FROM, to: TO, motcuaJson: JSON.stringify(json), cliMs: 100, aggregationMs: 1 },
        (l) => lines.push(l),
        { runs: 1, profile },
      );
      expect(result).toMatchObject({ ok: false, figures: { matchesMotCua: false } });
      expect(lines[0]).toMatch(/FAILED: 1 figure\(s\) differ from MotCua's or were not recalculated$/);
      expect(lines.slice(2)).toEqual([
        '  UBND xã Tam Hồng, (8) Trước hạn: MotCua 4, formulas 3',
        expect.stringMatching(/^ {2}The clerk's workbook: .*\.xlsx$/),
      ]);
    }, 120_000);
  },
);
