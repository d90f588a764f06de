/**
 * LibreOffice Calc, headless, as the formula baseline's spreadsheet engine. It runs with a private
 * user profile (never the machine user's, so a Calc someone has open neither receives our file nor
 * changes our settings) in which loading an .xlsx always recalculates: Calc's default for OOXML
 * files is to trust the cached results they carry (a formula written with a wrong cached value
 * shows that value, measured with 7.4), and the baseline must measure the engine computing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

export const INSTALL_HINT = 'apt-get install libreoffice-calc-nogui';

/** `soffice --version`'s first line, or undefined when there is no such command. */
export function libreOfficeVersion(command = 'soffice'): string | undefined {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (run.error || run.status !== 0) return undefined;
  return run.stdout.trim().split('\n')[0];
}

/** Recalculation on load: 0 = always (the settings' "Always recalculate"), for .xlsx and .ods. */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export class LibreOffice {
  private readonly profile: string;

  /** `dir` holds the private profile (created on the first run, which is slower). */
  constructor(
    private readonly command: string,
    dir: string,
  ) {
    mkdirSync(join(dir, 'user'), { recursive: true });
    writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
    this.profile = pathToFileURL(dir).href;
  }

  /**
   * Opens `workbook`, recalculates it, writes its first sheet as UTF-8 CSV into `outDir`, exits:
   * the path of the CSV and the wall time of the whole process, start-up included.
   */
  toCsv(workbook: string, outDir: string): { csv: string; ms: number } {
    const csv = join(outDir, `${basename(workbook, extname(workbook))}.csv`);
    rmSync(csv, { force: true }); // a CSV left by an earlier run proves nothing
    const t = performance.now();
    const run = spawnSync(
      this.command,
      [
        '--headless',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=${this.profile}`,
        // Comma, double quotes, UTF-8 (76), from line 1.
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        outDir,
        workbook,
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    const ms = performance.now() - t;
    if (run.error || run.status !== 0 || !existsSync(csv)) {
      throw new Error(`LibreOffice could not convert ${workbook}: ${run.error?.message ?? run.stderr.trim()}`);
    }
    return { csv, ms };
  }
}
