/**
 * `npm run demo -- --scale seed`: the 2018–2020 seed report at its scale (206,757 dossiers in 18 registers), its
 * figures and residuals in summary.html.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerOf } from './registerRows';
import { runCli, SLOW } from './runCli';

describe('npm run demo -- --scale seed', () => {
  describe('npm run demo -- --scale seed', () => {
    it(
      'imports the seed report’s 206,757 dossiers in 18 registers and shows its figures in summary.html, residuals included',
      async () => {
        const out = mkdtempSync(join(tmpdir(), 'motcua-seed-'));
        const run = await runCli(['demo', '--scale', 'seed', '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('(18/18 sổ; 206.757 hồ sơ tiếp nhận)');
        // Not a terminal: no bar redrawn in place, a line at each quarter of the report's registers.
        expect(run.stdout).not.toMatch(/\r|█/);
        expect(run.stdout).toContain('Đọc sổ: 9/18');
        // Every register as .xlsx, with the report and the council's copy, as the output list says.
        const files = readdirSync(out).sort();
        const registers = files.filter(
          (f) => f.endsWith('.xlsx') && f !== 'tong-hop-huyen-yen-lac.xlsx' && f !== 'ban-chi-xem-hdnd.xlsx',
        );
        expect(registers).toHaveLength(18);
        expect(registers).toContain('xa-dong-van.xlsx');
        expect(files).toEqual(expect.arrayContaining(['tong-hop-huyen-yen-lac.xlsx', 'ban-chi-xem-hdnd.xlsx', 'summary.html']));
        expect(run.stdout).toContain('18 sổ theo dõi hồ sơ (.xlsx, 206.757 hồ sơ): huyen-yen-lac.xlsx');
        const district = await registerOf(join(out, 'huyen-yen-lac.xlsx'));
        expect(district).toHaveLength(12_160);
        expect(district.filter((r) => r['Trạng thái'] === 'Dừng giải quyết')).toHaveLength(9);
        const html = readFileSync(join(out, 'summary.html'), 'utf8');
        const line = (label: string) =>
          html.slice(html.indexOf(`<th>${label}</th>`), html.indexOf('</tr>', html.indexOf(`<th>${label}</th>`)));
        // District: 1,297 early and 10,834 on time of 12,160 received; 29 in progress or stopped.
        expect(line('UBND huyện Yên Lạc')).toContain('<td>12.160</td>');
        expect(line('UBND huyện Yên Lạc')).toContain('<td>10,67%</td><td>89,10%</td>');
        // Communes: 22,292 early and 172,171 on time of 194,597; 5 late; 129 in progress or stopped.
        const communes = line('Cộng Cấp xã');
        expect(communes).toContain('<td>194.597</td>');
        expect(communes).toContain('<td>11,46%</td><td>88,48%</td>');
        expect(communes).toContain('<td>5</td>');
      },
      SLOW,
    );
  });
});
