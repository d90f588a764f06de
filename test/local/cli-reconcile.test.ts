/**
 * `reconcile` as an IT officer runs it: the demo's register against an export in the provincial
 * column style built from that very register, with known differences; and the bad-argument exits.
 * The demo and a missing export run as the real process (the bundled demo is faster than under jest's
 * sandbox); `reconcile` runs the command line in-process (run.ts, as main.ts runs it).
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReconcileRecords } from '../../src/local/cli/registers';
import { type SampleDossier, sampleExportCsv } from '../../src/local/cli/provincialSample';
import { runCli, runCommand, SLOW } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'motcua-reconcile-'));

interface Json {
  onlyInRegister: { code: string }[];
  onlyInExport: { code: string }[];
  different: { code: string; field: string; register: string | null; export: string | null }[];
  summary: Record<string, number>;
}

describe('reconcile on the demo’s register', () => {
  let register: string;
  let dossiers: SampleDossier[];
  beforeAll(async () => {
    const out = join(dir, 'demo');
    const demo = await runCli(['demo', '--out', out]);
    expect(demo.code).toBe(0);
    register = join(out, 'xa-tam-hong.xlsx');
    const { records, problems } = await readReconcileRecords(register);
    expect(problems).toEqual([]);
    dossiers = records.map((r) => ({ ...r, procedureName: 'Thủ tục mẫu', receivedAt: '' }));
  }, SLOW);

  it(
    'finds exactly the dossier missing on each side, the status, the appointment and the return date changed',
    async () => {
      const returned = dossiers.filter((d) => d.status === 'Đã trả kết quả');
      const open = dossiers.filter((d) => d.status === 'Đang giải quyết' || d.status === 'Đã tiếp nhận');
      expect(returned.length).toBeGreaterThan(3);
      expect(open.length).toBeGreaterThan(0);
      const [statusChanged, returnChanged, appointmentChanged, dropped] = returned as [
        SampleDossier,
        SampleDossier,
        SampleDossier,
        SampleDossier,
      ];
      const exported: SampleDossier[] = dossiers
        .filter((d) => d !== dropped)
        .map((d) => {
          if (d === statusChanged) return { ...d, status: 'Đang giải quyết', resultAt: d.resultAt, returnedAt: undefined };
          if (d === returnChanged) return { ...d, returnedAt: '2026-06-30' };
          if (d === appointmentChanged) return { ...d, appointment: '2026-06-29' };
          return d;
        });
      exported.push({
        code: 'H15.50.05.13-260505-0999',
        procedureName: 'Đăng ký khai sinh',
        receivedAt: '2026-05-05 09:00',
        status: 'Đang giải quyết',
        appointment: '2026-05-08',
      });
      const file = join(dir, 'xuat-tinh.csv');
      writeFileSync(file, sampleExportCsv(exported));
      const before = statSync(register).mtimeMs;

      const r = await runCommand(['reconcile', register, file, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout) as Json;
      expect(json.onlyInRegister.map((d) => d.code)).toEqual([dropped.code]);
      expect(json.onlyInExport.map((d) => d.code)).toEqual(['H15.50.05.13-260505-0999']);
      expect(json.different.map((d) => [d.code, d.field, d.register, d.export]).sort()).toEqual(
        [
          [statusChanged.code, 'status', 'Đã trả kết quả', 'Đang giải quyết'],
          [statusChanged.code, 'returnedAt', statusChanged.returnedAt, null],
          [returnChanged.code, 'returnedAt', returnChanged.returnedAt, '2026-06-30'],
          [appointmentChanged.code, 'appointment', appointmentChanged.appointment, '2026-06-29'],
        ].sort(),
      );
      expect(json.summary).toMatchObject({ finishedInRegisterOpenInExport: 1, unreadableRows: 0 });
      expect(statSync(register).mtimeMs).toBe(before);

      const text = await runCommand(['reconcile', register, file]);
      expect(text.stdout).toContain(
        `${statusChanged.code}: trạng thái khác nhau (sổ: Đã trả kết quả; hệ thống tỉnh: Đang giải quyết) — đã trả kết quả trong sổ ngày`,
      );
      expect(text.stdout).toContain(
        'nhưng hệ thống tỉnh vẫn “Đang xử lý”: cập nhật trên hệ thống tỉnh để không bị tính trễ hạn.',
      );
    },
    SLOW,
  );

  it(
    'agrees with an unchanged export (exit 0), read as UTF-16 with tabs as Excel’s “Unicode text” saves it',
    async () => {
      const csv = sampleExportCsv(dossiers)
        .replace(/^\uFEFF/, '')
        .replace(/;/g, '\t');
      const file = join(dir, 'xuat-unicode.txt');
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
      const r = await runCommand(['reconcile', register, file, '--json']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as Json).summary).toMatchObject({ both: dossiers.length, different: 0 });
    },
    SLOW,
  );

  it(
    'finds the “;” header under title lines that have no separator, or a comma',
    async () => {
      const csv = sampleExportCsv(dossiers).replace(/^\uFEFF/, '');
      const file = join(dir, 'xuat-tieu-de.csv');
      writeFileSync(file, `\uFEFFDANH SÁCH HỒ SƠ\r\nXã Tam Hồng, tháng 11, năm 2026\r\n\r\n${csv}`);
      const r = await runCommand(['reconcile', register, file, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as Json).summary).toMatchObject({ both: dossiers.length, different: 0 });
    },
    SLOW,
  );

  it(
    'refuses a register given as the export, or the two files swapped, saying so (exit 2)',
    async () => {
      const same = await runCommand(['reconcile', register, register]);
      expect(same.code).toBe(2);
      expect(same.stderr).toContain(
        `“${register}” là một sổ MotCua (có cột Hạn trả mới, Cảnh báo…), không phải tệp xuất của hệ thống tỉnh: có lẽ hai tệp bị đổi chỗ`,
      );
      const file = join(dir, 'xuat-doi-cho.csv');
      writeFileSync(file, sampleExportCsv(dossiers));
      const swapped = await runCommand(['reconcile', file, register]);
      expect(swapped.code).toBe(2);
      expect(swapped.stderr).toContain(
        `“${file}” là tệp xuất của hệ thống tỉnh, không phải sổ MotCua: có lẽ hai tệp bị đổi chỗ. Sổ (.xlsx) đứng trước, tệp xuất đứng sau.`,
      );
    },
    SLOW,
  );
});

describe('reconcile’s arguments and malformed exports', () => {
  it(
    'exits 2 with a Vietnamese sentence when the export is missing',
    async () => {
      const r = await runCli(['reconcile', join(dir, 'khong-co.xlsx')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Dùng: reconcile SỔ.xlsx TỆP_XUẤT...');
    },
    SLOW,
  );

  it(
    'reads a register saved as text in any of the forms summary reads (.csv, .txt in UTF-16 with tabs, .tsv)',
    async () => {
      const rows =
        'Mã hồ sơ\tThời điểm tiếp nhận\tHạn trả kết quả\tTrạng thái\nX-260505-0001\t2026-05-05 08:00\t2026-05-08\tĐang giải quyết\n';
      const txt = join(dir, 'so-unicode.txt');
      writeFileSync(txt, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]));
      const tsv = join(dir, 'so.tsv');
      writeFileSync(tsv, rows);
      for (const file of [txt, tsv]) {
        const { records, problems } = await readReconcileRecords(file);
        expect(problems).toEqual([]);
        expect(records.map((r) => [r.code, r.status])).toEqual([['X-260505-0001', 'Đang giải quyết']]);
      }
    },
    SLOW,
  );

  it(
    'names a malformed export row (file, row, reason) and still compares the others',
    async () => {
      const reg = join(dir, 'so.csv');
      writeFileSync(
        reg,
        'Mã hồ sơ,Thời điểm tiếp nhận,Hạn trả kết quả,Trạng thái\nH15.50.05.13-260505-0001,2026-05-05 08:00,2026-05-08,Đang giải quyết\n',
      );
      const exp = join(dir, 'xuat-1258.csv');
      // Windows-1258 bytes: "Trạng thái" would not decode as UTF-8; 0xD2 is "Ò"-like, enough to fail UTF-8.
      writeFileSync(
        exp,
        Buffer.concat([
          Buffer.from(
            'MaHoSo;NgayHenTra;TrangThaiHoSo\r\nH15.50.05.13-260505-0001;08/05/2026;4\r\nH15.50.05.13-260505-0002;32/05/2026;4\r\n;;\xd2\r\n',
            'latin1',
          ),
        ]),
      );
      const r = await runCommand(['reconcile', reg, exp]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        `${exp}, dòng 3: NgayHenTra “32/05/2026” không phải ngày dd/MM/yyyy HH:mm (năm 1901–2099) — không đối chiếu.`,
      );
      expect(r.stdout).toContain(`${exp}, dòng 4: thiếu mã hồ sơ — không đối chiếu.`);
      expect(readFileSync(reg, 'utf8')).toContain('H15.50.05.13-260505-0001');
    },
    SLOW,
  );
});
