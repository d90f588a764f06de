/**
 * The demo as a user runs it (`npm run demo`), and `warn` on its workbook: the e-mails it leaves
 * are read with a real MIME parser (mailparser), and none holds an applicant's data. The demo, one
 * `warn` and the closed pipes run as the real process; the other calls run the command line
 * in-process (run.ts, as main.ts runs it).
 */
import ExcelJS from 'exceljs';
import { DEMO_UNITS } from '../../src/local/cli/demo';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { REGISTER_COLUMNS, TABS } from '../../src/sheets/schema';
import { loadXlsx } from '../../src/local/gas/xlsx';
import { registerOf } from './registerRows';
import { runCli, runCliStdoutClosed, runCommand, SLOW } from './runCli';

const PERSONAL = ['Người nộp', 'Số giấy tờ tùy thân', 'Địa chỉ', 'Điện thoại', 'Email'] as const;

/**
 * Evaluates a colour rule's formula as Sheets would for one row, for the shapes MotCua writes:
 * AND of comparisons (`=`, `<>`) between cells of the row, text, and LEFT(cell, n).
 */
function evaluate(formula: string, cell: (ref: string) => string): boolean {
  let pos = 1; // after '='
  const peek = () => formula[pos] ?? '';
  const expect_ = (ch: string) => {
    if (formula[pos] !== ch) throw new Error(`${formula}: ${ch} expected at ${pos}`);
    pos += 1;
  };
  const term = (): string | number | boolean => {
    if (peek() === '"') {
      const end = formula.indexOf('"', pos + 1);
      const text = formula.slice(pos + 1, end);
      pos = end + 1;
      return text;
    }
    const name = /^[$A-Z0-9]+/.exec(formula.slice(pos))![0];
    pos += name.length;
    if (/^\d+$/.test(name)) return Number(name);
    if (peek() !== '(') return cell(name);
    expect_('(');
    const args: (string | number | boolean)[] = [];
    while (peek() !== ')') {
      args.push(comparison());
      if (peek() === ',') pos += 1;
    }
    expect_(')');
    if (name === 'AND') return args.every(Boolean);
    if (name === 'LEFT') return String(args[0]).slice(0, Number(args[1]));
    throw new Error(`${formula}: ${name} is not evaluated here`);
  };
  const comparison = (): string | number | boolean => {
    const left = term();
    if (formula.startsWith('<>', pos)) {
      pos += 2;
      return left !== term();
    }
    if (peek() === '=') {
      pos += 1;
      return left === term();
    }
    return left;
  };
  return Boolean(comparison());
}

async function parsedMails(dir: string) {
  return Promise.all(
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map(async (f) => ({ file: f, mail: await simpleParser(readFileSync(join(dir, f))) })),
  );
}

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  let run: Awaited<ReturnType<typeof runCli>>;
  // Called from outside the project, as a user may: the demo finds its built files from its own place.
  const elsewhere = mkdtempSync(join(tmpdir(), 'motcua-demo-cwd-'));
  beforeAll(async () => {
    run = await runCli(['demo', '--out', out], {}, elsewhere);
  }, SLOW);

  it('runs five communes’ counters from 20/04 to the end of the reported month, across the 30/4–1/5 break, with a check and its e-mails each working morning', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('25/04/2026: ngày nghỉ, 0 thư nhắc'); // Saturday
    expect(run.stdout).toContain('27/04/2026: ngày nghỉ, 0 thư nhắc'); // compensatory day for Hùng Kings' day
    expect(run.stdout).toContain('30/04/2026: ngày nghỉ, 0 thư nhắc');
    expect(run.stdout).toMatch(/04\/05\/2026: [1-9]\d* hồ sơ tiếp nhận, [1-9]\d* thư nhắc/);
    expect(run.stdout).toMatch(
      /Đã lập báo cáo từ 15\/04\/2026 đến 14\/05\/2026 trong trang “Tổng hợp giám sát” \(5\/5 sổ; \d+ hồ sơ tiếp nhận\)/,
    );
    expect(run.stdout).toContain('Đã tạo bản chỉ xem cho HĐND');
    // Where each output went, counted; no bar drawn in place outside a terminal.
    expect(run.stdout).toContain(`Kết quả trong ${out}:`);
    // design.md §8: workbooks, e-mails and the oversight summary as a page.
    expect(existsSync(join(out, 'summary.html'))).toBe(true);
    expect(run.stdout).toContain(
      '5 sổ theo dõi hồ sơ (.xlsx): xa-yen-lac.xlsx, xa-tam-hong.xlsx, xa-te-lo.xlsx, … xa-nguyet-duc.xlsx',
    );
    const mails = readdirSync(join(out, 'thu')).length;
    expect(run.stdout).toContain(`${mails} thư nhắc hạn và thư tổng hợp: thu/*.eml`);
    expect(run.stdout).not.toMatch(/\r|█/);
  });

  it('runs from any folder: started outside the project, it loads the built forms and leaves nothing where it was started', () => {
    expect(run.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('giay-tiep-nhan-') && f.endsWith('.html'))).toHaveLength(5);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it(
    'writes summary.html with the figures `summary` gives on the demo’s own registers',
    async () => {
      const files = DEMO_UNITS.map((u) => u.slug).map((f) => join(out, `${f}.xlsx`));
      const cli = await runCommand(['summary', '--from', '2026-04-15', '--to', '2026-05-14', '--json', ...files]);
      expect(cli.code).toBe(0);
      const total = (JSON.parse(cli.stdout) as { total: Record<string, Record<string, number>> }).total;
      const html = readFileSync(join(out, 'summary.html'), 'utf8');
      const cells = [
        total.received!.total,
        total.received!.online,
        total.received!.inPersonOrPostal,
        total.received!.carriedOver,
        total.resolved!.total,
        total.resolved!.early,
        total.resolved!.onTime,
        total.resolved!.late,
        total.inProgress!.total,
        total.inProgress!.withinDeadline,
        total.inProgress!.overdue,
        total.other!.total,
      ].map((v) => `<td>${v!.toLocaleString('de-DE')}</td>`);
      expect(html).toContain(`<tr class="total"><th>Tổng cộng</th><td class="sub"></td>${cells.join('')}`);
      expect(html).toContain('<svg');
      expect(total.received!.total).toBeGreaterThan(150);
      // Each headline rate says what it is over: its numerator and the received total (3), never "đã xử lý".
      const rates = (JSON.parse(cli.stdout) as { total: { rates: Record<string, number>; ratesText: Record<string, string> } })
        .total;
      const received = total.received!.total!;
      const vi = (v: number) => v.toLocaleString('de-DE');
      for (const [label, key, numerator] of [
        ['Trước hạn (8) / tổng tiếp nhận (3)', 'earlyOfReceived', total.resolved!.early!],
        ['Đúng hạn (9) / tổng tiếp nhận (3)', 'onTimeOfReceived', total.resolved!.onTime!],
        ['Đúng hạn theo Chỉ số 766 / tổng tiếp nhận (3)', 'timeliness766', Math.round(rates.rates.timeliness766! * received)],
      ] as const) {
        expect(html).toContain(
          `<div class="card">${label}<b>${rates.ratesText[key]}</b>${vi(numerator)} / ${vi(received)}</div>`,
        );
      }
      expect(html).not.toContain('đã xử lý');
    },
    SLOW,
  );

  it('leaves e-mails a mail client opens (a MIME parser reads both parts, in Vietnamese) with no applicant’s data', async () => {
    const mails = await parsedMails(join(out, 'thu'));
    expect(mails.length).toBeGreaterThan(20);
    const registers = await Promise.all(DEMO_UNITS.map((u) => u.slug).map((f) => registerOf(join(out, `${f}.xlsx`))));
    const secrets = registers.flat().flatMap((r) => PERSONAL.map((h) => r[h] ?? '').filter((v) => v.length >= 4));
    expect(secrets.length).toBeGreaterThan(300);
    // The council's copy too: no applicant's value in any cell.
    const council = new ExcelJS.Workbook();
    await council.xlsx.readFile(join(out, 'ban-chi-xem-hdnd-xa-tam-hong.xlsx'));
    const councilText: string[] = [];
    council.eachSheet((ws) => ws.eachRow((row) => councilText.push(JSON.stringify(row.values))));
    const councilAll = councilText.join('\n');
    expect(councilAll).toContain('Tổng cộng');
    // Every secret looked for; the ones found are listed (one assertion, not one per secret).
    expect(secrets.filter((secret) => councilAll.includes(secret))).toEqual([]);
    for (const { file, mail } of mails) {
      expect(mail.subject).toMatch(/^\[UBND xã [^\]]+\] (Hồ sơ cần xử lý|Tổng hợp hạn xử lý hồ sơ) ngày \d\d\/0[45]\/2026/);
      if (mail.subject?.includes('Hồ sơ cần xử lý')) {
        expect(mail.text).toContain('Mở sổ: https://docs.google.com/spreadsheets/d/');
        expect(mail.html).toContain('<table');
      } else {
        expect(mail.text).toContain('Theo cán bộ xử lý:');
        expect(mail.html).toContain('<ul><li>');
      }
      const everything = `${mail.subject}\n${mail.text}\n${mail.html}`;
      expect(secrets.filter((secret) => everything.includes(secret)).map((leaked) => ({ file, leaked }))).toEqual([]);
    }
  });

  it(
    'warn on the demo’s workbook writes the same kind of e-mails and the Cảnh báo column',
    async () => {
      const warned = mkdtempSync(join(tmpdir(), 'motcua-warn-'));
      const r = await runCli(['warn', join(out, 'xa-tam-hong.xlsx'), '--date', '2026-05-15', '--out', warned]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Kiểm tra hạn ngày 15\/05\/2026: \d+ quá hạn/);
      const mails = await parsedMails(join(warned, 'thu-2026-05-15'));
      expect(mails.map((m) => (m.mail.to && 'text' in m.mail.to ? m.mail.to.text : ''))).toContain(
        'chutich.tamhong@example.gov.vn',
      );
      const rows = await registerOf(join(warned, 'xa-tam-hong-canh-bao-2026-05-15.xlsx'));
      const warnings = rows.map((row) => row['Cảnh báo'] ?? '');
      expect(warnings.some((w) => w.startsWith('Quá hạn – trễ'))).toBe(true);
      expect(REGISTER_COLUMNS).toContain('Cảnh báo');
    },
    SLOW,
  );

  it(
    'warn into the register’s own folder two days running: the register read is untouched, day 1’s e-mails stay, each day’s register keeps the colour rules, dropdowns, protections and tabs',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-warn-in-place-'));
      const register = join(dir, 'xa.xlsx');
      copyFileSync(join(out, 'xa-tam-hong.xlsx'), register);
      const original = readFileSync(register);
      const day1 = await runCommand(['warn', register, '--date', '2026-05-20', '--out', dir]);
      expect(day1).toMatchObject({ code: 0, stderr: '' });
      const firstMails = readdirSync(join(dir, 'thu-2026-05-20')).sort();
      expect(firstMails.length).toBeGreaterThan(0);
      const day2 = await runCommand(['warn', register, '--date', '2026-05-21', '--out', dir]);
      expect(day2).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(register).equals(original)).toBe(true);
      expect(readdirSync(join(dir, 'thu-2026-05-20')).sort()).toEqual(firstMails);
      expect(readdirSync(dir).sort()).toEqual(
        ['thu-2026-05-20', 'thu-2026-05-21', 'xa-canh-bao-2026-05-20.xlsx', 'xa-canh-bao-2026-05-21.xlsx', 'xa.xlsx'].sort(),
      );
      const shape = async (file: string) => {
        const data = await loadXlsx(file, 'x', 'x');
        return data.sheets.map((s) => ({
          tab: s.name,
          rules: s.conditionalRules.map((r) => r.formula),
          dropdowns: s.validations.size > 0,
          protections: s.protections.map((p) => p.description),
          frozen: s.frozenRows,
        }));
      };
      const before = await shape(register);
      expect(before.find((t) => t.tab === TABS.register)!.rules).toHaveLength(3);
      expect(await shape(join(dir, 'xa-canh-bao-2026-05-21.xlsx'))).toEqual(before);
      // Asked to update in place: a backup first, beside it.
      const inPlace = await runCommand(['warn', register, '--date', '2026-05-22', '--out', dir, '--in-place']);
      expect(inPlace).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(join(dir, 'xa.truoc-canh-bao-2026-05-22.xlsx')).equals(original)).toBe(true);
      expect(await shape(register)).toEqual(before);
    },
    SLOW,
  );

  it(
    'a reader that closes at once (`warn … | head -1`) never cuts a write short: the register updated in place, the new register and the e-mails are whole, exit 0',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-warn-closed-pipe-'));
      const register = join(dir, 'xa.xlsx');
      copyFileSync(join(out, 'xa-tam-hong.xlsx'), register);
      const original = readFileSync(register);
      // The same day written with stdout open, to compare with.
      const open = await runCommand(['warn', register, '--date', '2026-05-20', '--out', join(dir, 'mo')]);
      expect(open).toMatchObject({ code: 0, stderr: '' });
      const expected = await registerOf(join(dir, 'mo', 'xa-canh-bao-2026-05-20.xlsx'));
      const expectedMails = readdirSync(join(dir, 'mo', 'thu-2026-05-20')).sort();
      expect(expected.filter((r) => (r['Cảnh báo'] ?? '').startsWith('Quá hạn')).length).toBeGreaterThan(0);

      const newFile = await runCliStdoutClosed(['warn', register, '--date', '2026-05-20', '--out', join(dir, 'dong')]);
      expect(newFile).toEqual({ code: 0, stderr: '' });
      expect(await registerOf(join(dir, 'dong', 'xa-canh-bao-2026-05-20.xlsx'))).toEqual(expected);
      expect(readdirSync(join(dir, 'dong', 'thu-2026-05-20')).sort()).toEqual(expectedMails);

      const inPlace = await runCliStdoutClosed([
        'warn',
        register,
        '--date',
        '2026-05-20',
        '--in-place',
        '--out',
        join(dir, 'tai-cho'),
      ]);
      expect(inPlace).toEqual({ code: 0, stderr: '' });
      expect(await registerOf(register)).toEqual(expected);
      expect(readFileSync(join(dir, 'xa.truoc-canh-bao-2026-05-20.xlsx')).equals(original)).toBe(true);
      const mails = await parsedMails(join(dir, 'tai-cho', 'thu-2026-05-20'));
      expect(mails.map((m) => m.file)).toEqual(expectedMails);
      // No temporary file is left beside the register.
      expect(readdirSync(dir).sort()).toEqual(['dong', 'mo', 'tai-cho', 'xa.truoc-canh-bao-2026-05-20.xlsx', 'xa.xlsx']);
    },
    SLOW,
  );

  it(
    'warn --in-place on a read-only register is refused before the check, in Vietnamese (exit 2): no e-mail, no backup, no folder, the register as it was',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-warn-read-only-'));
      const register = join(dir, 'xa.xlsx');
      copyFileSync(join(out, 'xa-tam-hong.xlsx'), register);
      chmodSync(register, 0o444);
      const original = readFileSync(register);
      const r = await runCommand(['warn', register, '--date', '2026-05-20', '--in-place', '--out', join(dir, 'ket-qua')]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `Lỗi: Sổ “${register}” chỉ đọc: không cập nhật tại chỗ được; bỏ --in-place để ghi ra tệp mới.\n`,
      });
      expect(readdirSync(dir)).toEqual(['xa.xlsx']);
      expect(readFileSync(register).equals(original)).toBe(true);
    },
    SLOW,
  );

  it(
    'warn writes its e-mails only inside the day’s new folder: an address with ../ in Cấu hình, a link or a dangling link named as that folder change nothing outside',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-warn-paths-'));
      const outside = join(dir, 'ngoai');
      mkdirSync(outside);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, 'xa-tam-hong.xlsx'));
      const config = wb.getWorksheet('Cấu hình')!;
      const row = config.getColumn(1).values.findIndex((v) => v === 'Email thủ trưởng');
      config.getCell(row, 2).value = `x/${'../'.repeat(12)}${outside.slice(1)}/PWNED@evil.com`;
      const evil = join(dir, 'so-la.xlsx');
      await wb.xlsx.writeFile(evil);
      const linked = join(dir, 'ra');
      mkdirSync(linked);
      symlinkSync(outside, join(linked, 'thu-2026-05-12'));
      symlinkSync(join(dir, 'khong-co'), join(linked, 'thu-2026-05-13'));
      for (const [register, date] of [
        [evil, '2026-05-12'],
        [join(out, 'xa-tam-hong.xlsx'), '2026-05-12'],
        [join(out, 'xa-tam-hong.xlsx'), '2026-05-13'],
      ] as const) {
        const r = await runCommand(['warn', register, '--date', date, '--out', linked]);
        expect(r).toMatchObject({ code: 0, stderr: '' });
      }
      expect(readdirSync(outside)).toEqual([]);
      expect(existsSync(join(dir, 'khong-co'))).toBe(false);
      const days = readdirSync(linked)
        .filter((f) => f.startsWith('thu-'))
        .sort();
      expect(days).toEqual([
        'thu-2026-05-12',
        'thu-2026-05-12 (2)',
        'thu-2026-05-12 (3)',
        'thu-2026-05-13',
        'thu-2026-05-13 (2)',
      ]);
      const evilMails = readdirSync(join(linked, 'thu-2026-05-12 (2)'));
      expect(evilMails.some((f) => f.includes('PWNED@evil.com') && !f.includes('/'))).toBe(true);
    },
    SLOW,
  );

  it(
    'warn twice for the same day into the same folder: the second run says the day’s register and e-mails are there and writes nothing; another register’s run that day gets new names beside them',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-warn-twice-'));
      const register = join(out, 'xa-tam-hong.xlsx');
      const first = await runCommand(['warn', register, '--date', '2026-05-20', '--out', dir]);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      const mailDir = join(dir, 'thu-2026-05-20');
      const mails = readdirSync(mailDir)
        .sort()
        .map((f) => [f, readFileSync(join(mailDir, f), 'utf8')]);
      const second = await runCommand(['warn', register, '--date', '2026-05-20', '--out', dir]);
      expect(second).toMatchObject({ code: 0, stderr: '' });
      expect(second.stdout.split('\n').slice(1)).toEqual([
        `Sổ cập nhật ngày 20/05/2026 đã có: ${join(dir, 'xa-tam-hong-canh-bao-2026-05-20.xlsx')} — giữ nguyên, không ghi lại.`,
        `Thư ngày 20/05/2026 đã có trong ${mailDir} — giữ nguyên, không ghi lại.`,
        '',
      ]);
      expect(readdirSync(dir).sort()).toEqual(['thu-2026-05-20', 'xa-tam-hong-canh-bao-2026-05-20.xlsx']);
      const mailsNow = () =>
        readdirSync(mailDir)
          .sort()
          .map((f) => [f, readFileSync(join(mailDir, f), 'utf8')]);
      expect(mailsNow()).toEqual(mails);
      // Another commune's register of the same name, the same day, into the same folder: its own new
      // names beside the first's, which stay as they were.
      const other = join(mkdtempSync(join(tmpdir(), 'motcua-warn-other-')), 'xa-tam-hong.xlsx');
      copyFileSync(join(out, 'xa-te-lo.xlsx'), other);
      const third = await runCommand(['warn', other, '--date', '2026-05-20', '--out', dir]);
      expect(third).toMatchObject({ code: 0, stderr: '' });
      expect(third.stdout).toContain(`(tệp mới, sổ gốc giữ nguyên): ${join(dir, 'xa-tam-hong-canh-bao-2026-05-20 (2).xlsx')}`);
      expect(third.stdout).toMatch(new RegExp(`\\n[1-9]\\d* thư \\(\\.eml\\) trong ${join(dir, 'thu-2026-05-20 \\(2\\)')}\\n$`));
      expect(readdirSync(dir).sort()).toEqual([
        'thu-2026-05-20',
        'thu-2026-05-20 (2)',
        'xa-tam-hong-canh-bao-2026-05-20 (2).xlsx',
        'xa-tam-hong-canh-bao-2026-05-20.xlsx',
      ]);
      expect(mailsNow()).toEqual(mails);
      expect((await registerOf(join(dir, 'xa-tam-hong-canh-bao-2026-05-20 (2).xlsx'))).map((r) => r['Mã hồ sơ'])).toEqual(
        (await registerOf(other)).map((r) => r['Mã hồ sơ']),
      );
    },
    SLOW,
  );

  it(
    'paints each row as the daily check labels it, on several dates, for every status: paused, re-appointed and days off included',
    async () => {
      const seen = new Set<string>();
      for (const date of ['2026-05-15', '2026-05-26']) {
        const dir = mkdtempSync(join(tmpdir(), `motcua-colours-${date}-`));
        for (const unit of DEMO_UNITS.map((u) => u.slug)) {
          const r = await runCommand(['warn', join(out, `${unit}.xlsx`), '--date', date, '--out', dir]);
          expect(r).toMatchObject({ code: 0, stderr: '' });
          const data = await loadXlsx(join(dir, `${unit}-canh-bao-${date}.xlsx`), 'x', 'x');
          const sheet = data.sheets.find((t) => t.name === TABS.register)!;
          const header = sheet.rows[0]!.map(String);
          const at = (row: unknown[], h: string) => String(row[header.indexOf(h)] ?? '');
          sheet.rows.slice(1).forEach((row, i) => {
            if (!row || at(row, 'Mã hồ sơ') === '') return;
            const label = at(row, 'Cảnh báo');
            const expected = label.startsWith('Quá hạn')
              ? '#f4c7c3'
              : label.startsWith('Đến hạn hôm nay')
                ? '#fce8b2'
                : label.startsWith('Sắp đến hạn')
                  ? '#fff2cc'
                  : null;
            const cell = (ref: string) => {
              const m = /^\$?([A-Z]+)\$?\d+$/.exec(ref)!;
              const column = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
              return String(row[column - 1] ?? '');
            };
            const painted = sheet.conditionalRules.find((rule) => evaluate(rule.formula, cell))?.background ?? null;
            seen.add(`${at(row, 'Trạng thái')}${at(row, 'Hạn trả mới') ? ' + hẹn lại' : ''}`);
            expect({ unit, date, row: i + 2, label, painted }).toEqual({ unit, date, row: i + 2, label, painted: expected });
          });
        }
      }
      expect([...seen]).toEqual(expect.arrayContaining(['Chờ bổ sung', 'Đã tiếp nhận', 'Đã trả kết quả']));
      expect([...seen].some((s) => s.endsWith('+ hẹn lại'))).toBe(true);
    },
    SLOW,
  );

  it(
    'summary over every workbook of the demo folder leaves out the council’s copy with a note, and counts what the registers hold',
    async () => {
      const all = readdirSync(out)
        .filter((f) => f.endsWith('.xlsx'))
        .map((f) => join(out, f));
      const registers = DEMO_UNITS.map((u) => u.slug).map((u) => join(out, `${u}.xlsx`));
      const period = ['--from', '2026-04-15', '--to', '2026-05-14', '--json'];
      const everything = await runCommand(['summary', ...period, ...all]);
      const only = await runCommand(['summary', ...period, ...registers]);
      expect(everything.code).toBe(0);
      expect(everything.stderr).toContain(
        `${join(out, 'ban-chi-xem-hdnd-xa-tam-hong.xlsx')}: là bản báo cáo (trang “Tổng hợp giám sát”, như bản chỉ xem cho HĐND), không phải sổ theo dõi hồ sơ: không tính vào báo cáo.`,
      );
      expect(JSON.parse(everything.stdout).total).toEqual(JSON.parse(only.stdout).total);
      // The council's copies alone: no register to report on, refused rather than a report of zeros.
      const copies = all.filter((f) => f.includes('ban-chi-xem-hdnd-'));
      const none = await runCommand(['summary', ...period, ...copies]);
      expect(none.code).toBe(2);
      expect(none.stdout).toBe('');
      expect(none.stderr).toMatch(
        new RegExp(
          `^Lỗi: Không có sổ theo dõi hồ sơ nào để lập báo cáo: cả ${copies.length} tệp đã cho đều bị bỏ qua \\(“.+ban-chi-xem-hdnd-xa-lien-chau\\.xlsx” là bản báo cáo .+\\); hãy chỉ ra tệp sổ \\(\\.xlsx có trang “Sổ theo dõi hồ sơ”, hoặc \\.csv, \\.txt\\) rồi chạy lại\\.\\n$`,
        ),
      );
    },
    SLOW,
  );

  it(
    'gives every dossier it resolved late the reason and the new appointment of an apology sent before (Mẫu 04)',
    async () => {
      let late = 0;
      for (const unit of DEMO_UNITS.map((u) => u.slug)) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(out, `${unit}.xlsx`));
        const ws = wb.getWorksheet(TABS.register)!;
        const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
        const cell = (row: ExcelJS.Row, h: string) => row.getCell(header.indexOf(h) + 1).value;
        // exceljs hands a date cell over as its wall time in UTC.
        const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : '');
        ws.eachRow((row, n) => {
          if (n === 1) return;
          // Resolved (a result, or a refusal after review); a stopped dossier is the residual, never late.
          if (!['Đã có kết quả', 'Đã trả kết quả', 'Từ chối giải quyết'].includes(String(cell(row, 'Trạng thái')))) return;
          const result = day(cell(row, 'Ngày có kết quả'));
          if (!result || result <= day(cell(row, 'Hạn trả kết quả'))) return;
          late += 1;
          expect({
            unit,
            row: n,
            reason: String(cell(row, 'Lý do chậm') ?? '') !== '',
            newDue: day(cell(row, 'Hạn trả mới')) !== '',
          }).toEqual({
            unit,
            row: n,
            reason: true,
            newDue: true,
          });
        });
      }
      expect(late).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'warn refuses a bad call in Vietnamese with exit code 2',
    async () => {
      const missing = await runCommand(['warn', join(out, 'khong-co.xlsx'), '--date', '2026-05-15']);
      expect(missing).toMatchObject({ code: 2, stderr: `Lỗi: Không tìm thấy tệp “${join(out, 'khong-co.xlsx')}”.\n` });
      const badDate = await runCommand(['warn', join(out, 'xa-tam-hong.xlsx'), '--date', '2026-02-30']);
      expect(badDate).toMatchObject({
        code: 2,
        stderr: 'Lỗi: Ngày “2026-02-30” không đúng dạng YYYY-MM-DD hoặc không có thật.\n',
      });
    },
    SLOW,
  );
});
