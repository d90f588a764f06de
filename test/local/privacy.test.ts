/**
 * Privacy (SECURITY.md): the whole demo, run in-process, and every personal value of every register
 * it leaves (applicant's name, ID number, address, phone, e-mail) looked for in everything the
 * product sends or writes outside the unit's workbook: each e-mail (decoded by a MIME parser), the
 * console (the Apps Script execution log of the server code, and the CLI's own lines), the
 * council's copy and the oversight workbook (every part of the .xlsx, and the spreadsheets as the
 * local Google holds them: cells, sheet names, chart options), and summary.html — plus, as README
 * promises, each unit's own `Nhật ký xử lý`. The same collectors must find the values where they do
 * belong (the registers, a receipt, a message carrying them), so the check can fail.
 *
 * Values are compared normalised (NFC, lower case, whitespace collapsed); values shorter than 6
 * characters are not checked (a fragment that short appears in ordinary text by chance).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DEMO_UNITS } from '../../src/local/cli/demo';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { demoCommand } from '../../src/local/cli/demo';
import type { WorkbookData } from '../../src/local/gas/workbookData';
import { LocalWorld } from '../../src/local/gas/world';
import { TABS } from '../../src/sheets/schema';

const PERSONAL = ['Người nộp', 'Số giấy tờ tùy thân', 'Địa chỉ', 'Điện thoại', 'Email'] as const;
const MIN_LENGTH = 6;
const UNITS = DEMO_UNITS.map((u) => u.slug);

const norm = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** One thing the product leaves, as the texts a person or a program can read out of it. */
interface Output {
  readonly name: string;
  readonly texts: readonly string[];
}

/** The values (normalised) found in an output. */
function found(output: Output, values: readonly string[]): string[] {
  // One search per value over the texts joined by a character no value holds: a match never spans
  // two texts, so this finds what searching each text would, without values × texts searches.
  const haystacks = output.texts.map(norm);
  const haystack = haystacks.join('\u0000');
  return values.filter((v) => (v.includes('\u0000') ? haystacks.some((h) => h.includes(v)) : haystack.includes(v)));
}

/** Every part of a zip archive (an .xlsx), inflated: a small reader of the central directory. */
function zipParts(buf: Buffer): { name: string; data: Buffer }[] {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip archive');
  const parts = [];
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i += 1) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    parts.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), data: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return parts;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : (ENTITIES[e] ?? whole),
  );

/**
 * XML or HTML as text: without its tags (a value split over rich-text runs joins up), with tags as
 * spaces (cells stay apart), and whole (values in attributes: sheet names, titles, properties).
 */
const markupTexts = (markup: string) => [
  decodeEntities(markup.replace(/<[^>]*>/g, '')),
  decodeEntities(markup.replace(/<[^>]*>/g, ' ')),
  decodeEntities(markup),
];

function xlsxOutput(file: string): Output {
  const parts = zipParts(readFileSync(file));
  return { name: file.split('/').pop()!, texts: parts.flatMap((p) => [p.name, ...markupTexts(p.data.toString('utf8'))]) };
}

function htmlOutput(file: string): Output {
  return { name: file.split('/').pop()!, texts: markupTexts(readFileSync(file, 'utf8')) };
}

/** An .eml as a mail client shows it: headers decoded (RFC 2047), bodies decoded (base64, quoted-printable). */
async function emlOutput(file: string): Promise<Output> {
  const mail = await simpleParser(readFileSync(file));
  return {
    name: file.split('/').pop()!,
    texts: [
      mail.subject ?? '',
      mail.text ?? '',
      ...markupTexts(typeof mail.html === 'string' ? mail.html : ''),
      ...[...mail.headers.values()].map((v) => JSON.stringify(v)),
      ...mail.attachments.map((a) => a.content.toString('utf8')),
    ],
  };
}

/** A spreadsheet as the local Google holds it: name, sheet names, cells, formulas, chart options, notes of protections. */
function workbookOutput(name: string, data: WorkbookData, only?: string): Output {
  const texts: string[] = [data.name];
  for (const sheet of data.sheets) {
    if (only && sheet.name !== only) continue;
    texts.push(sheet.name, ...sheet.formulas.values(), ...sheet.protections.map((p) => p.description));
    texts.push(...sheet.charts.map((c) => JSON.stringify(c.options)));
    for (const row of sheet.rows) if (row) for (const v of row) if (v !== null && v !== undefined) texts.push(String(v));
  }
  return { name, texts };
}

/** Each register's personal values as saved, read by header (normalised, the short ones apart). */
async function personalValues(file: string): Promise<{ values: string[]; short: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(TABS.register)!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v)));
  const columns = PERSONAL.map((h) => header.indexOf(h));
  const all: string[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    for (const c of columns) {
      const v = values[c];
      if (v !== undefined && v !== null && String(v).trim() !== '') all.push(norm(String(v)));
    }
  });
  const distinct = [...new Set(all)];
  return { values: distinct.filter((v) => v.length >= MIN_LENGTH), short: distinct.filter((v) => v.length < MIN_LENGTH) };
}

describe('privacy: no applicant’s data leaves the unit’s workbook (the whole demo)', () => {
  const out = mkdtempSync(join(tmpdir(), 'motcua-privacy-'));
  const consoleLines: string[] = [];
  let cliLines = 0;
  let serverConsole = 0;
  const serverLines = () => serverConsole;
  let world: LocalWorld;
  const registers = new Map<string, string[]>();
  let values: string[] = [];
  let shortValues = 0;
  let outputs: Output[] = [];

  beforeAll(async () => {
    // Everything written to the console while the demo runs: the CLI's lines and the server code's
    // console.log/warn/error, which in Apps Script go to the execution log (Cloud Logging).
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const spies = methods.map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        serverConsole += 1;
        consoleLines.push(format(...args));
      }),
    );
    try {
      world = (await demoCommand(['--out', out], (line) => (consoleLines.push(line), (cliLines += 1))))!;
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const unit of UNITS) {
      const { values: v, short } = await personalValues(join(out, `${unit}.xlsx`));
      registers.set(unit, v);
      shortValues += short.length;
    }
    values = [...new Set([...registers.values()].flat())];
    const mails = readdirSync(join(out, 'thu'))
      .filter((f) => f.endsWith('.eml'))
      .sort();
    const books = [...world.spreadsheets.values()];
    // Each commune's own copy for its own HĐND xã.
    const councils = books.filter((d) => d.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
    expect(councils).toHaveLength(DEMO_UNITS.length);
    const hub = books.find((d) => d.name.startsWith('Tổng hợp giám sát'))!;
    outputs = [
      ...(await Promise.all(mails.map((f) => emlOutput(join(out, 'thu', f))))),
      { name: 'console', texts: consoleLines },
      ...UNITS.map((unit) => xlsxOutput(join(out, `ban-chi-xem-hdnd-${unit}.xlsx`))),
      ...councils.map((council) => workbookOutput(`bản chỉ xem HĐND (Google): ${council.name}`, council)),
      xlsxOutput(join(out, 'tong-hop-tinh-phu-tho.xlsx')),
      workbookOutput('sổ tổng hợp giám sát (Google)', hub),
      htmlOutput(join(out, 'summary.html')),
      ...books
        .filter((d) => d.name.startsWith('Sổ theo dõi hồ sơ – '))
        .map((d) => workbookOutput(`${TABS.log} – ${d.name}`, d, TABS.log)),
    ];
  }, 180_000);

  it('collects the personal values of every register, and finds each of them in its own register', async () => {
    expect(values.length).toBeGreaterThan(600);
    // Every kind is there: names, 12-digit ID numbers, addresses, phones, e-mails.
    expect(values.some((v) => /^\d{12}$/.test(v))).toBe(true);
    expect(values.some((v) => /^09\d{8}$/.test(v))).toBe(true);
    expect(values.some((v) => v.startsWith('thôn '))).toBe(true);
    expect(values.some((v) => v.endsWith('@example.com'))).toBe(true);
    for (const unit of UNITS) {
      const own = registers.get(unit)!;
      const inFile = new Set(found(xlsxOutput(join(out, `${unit}.xlsx`)), own));
      expect({ unit, missed: own.filter((v) => !inFile.has(v)) }).toEqual({ unit, missed: [] });
      const held = [...world.spreadsheets.values()].find((d) => d.name.endsWith(unitName(unit)))!;
      const inSheets = new Set(found(workbookOutput(unit, held), own));
      expect({ unit, missed: own.filter((v) => !inSheets.has(v)) }).toEqual({ unit, missed: [] });
    }
  });

  it('would see a leak: the mail, HTML and console collectors find values planted where they are expected', async () => {
    // A message carrying an applicant's name, ID and address, written as MailApp writes it (base64,
    // RFC 2047): not readable in the raw file, found once decoded.
    const [name, id, address] = [
      values.find((v) => /^[^\d@]+$/.test(v) && !v.startsWith('thôn'))!,
      values.find((v) => /^\d{12}$/.test(v))!,
      values.find((v) => v.startsWith('thôn '))!,
    ];
    const mailWorld = new LocalWorld();
    mailWorld.run({ user: 'canbo@example.gov.vn' }, (s) =>
      s.mailApp.sendEmail({
        to: 'thutruong@example.gov.vn',
        subject: `Hồ sơ của ${name}`,
        body: `Số giấy tờ ${id}`,
        htmlBody: `<p>Địa chỉ: <b>${address.replace(/,/g, '&#44;')}</b></p>`,
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'motcua-planted-'));
    const [file] = mailWorld.writeOutbox(dir);
    expect(norm(readFileSync(file!, 'utf8')).includes(name)).toBe(false);
    expect(found(await emlOutput(file!), values)).toEqual(expect.arrayContaining([name, id, address]));
    // The receipt (Mẫu 01) is the applicant's own paper: it names them, and the HTML collector sees it.
    const receipt = readdirSync(out).find((f) => f.startsWith('giay-tiep-nhan-'))!;
    expect(found(htmlOutput(join(out, receipt)), values).length).toBeGreaterThan(0);
    // The console was captured: the CLI's lines, and the server code's console.* calls if any.
    expect(consoleLines).toContain('[5/5] Ghi kết quả...');
    expect(consoleLines.length).toBe(cliLines + serverLines());
  });

  it('finds none of them in any e-mail, the console, the council’s copy, the oversight workbook, summary.html or the event logs', () => {
    const mails = outputs.filter((o) => o.name.endsWith('.eml'));
    expect(mails.length).toBeGreaterThan(20);
    expect(outputs.find((o) => o.name === 'ban-chi-xem-hdnd-xa-tam-hong.xlsx')!.texts.join('\n')).toContain('Tổng cộng');
    const leaked = outputs.map((o) => ({ output: o.name, leaked: found(o, values) })).filter((l) => l.leaked.length > 0);
    expect(leaked).toEqual([]);
    const figures = {
      personalValues: values.length,
      shorterThan6NotChecked: shortValues,
      outputs: outputs.length,
      emails: mails.length,
      consoleLines: consoleLines.length,
      serverConsoleLines: serverConsole,
      checks: values.length * outputs.length,
      found: 0,
    };
    mkdirSync('reports', { recursive: true });
    writeFileSync('reports/privacy.json', `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(
      `privacy: ${figures.personalValues} personal values × ${figures.outputs} outputs (${figures.emails} e-mails) = ${figures.checks} checks, 0 found\n`,
    );
  });
});

/** The demo's unit as named in its spreadsheet's title. */
function unitName(slug: string): string {
  return DEMO_UNITS.find((u) => u.slug === slug)!.name;
}
