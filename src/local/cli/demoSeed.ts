/**
 * `npm run demo -- --scale seed`: the seed report's scale and outcomes (domain.md §6) — the district
 * of Yên Lạc (12,160 dossiers) and its 17 communes (194,597) from 01/01/2018 to 30/06/2020 — as
 * registers imported into Sheets (typed in, not taken at a counter one by one), then the district's
 * report across them in Sheets, the council's copy, and `summary.html` showing the seed's figures.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { addDays, type CivilDate } from '../../core/civil';
import { formatNumberVi } from '../../core/format';
import { summarize, type SummaryRecord } from '../../core/summary';
import type { Services } from '../../gas/services';
import { runSetup } from '../../server/setup';
import { buildSummary, continueSummary, UNITS_HEADERS } from '../../server/summary/build';
import { shareWithCouncil } from '../../server/summary/council';
import { REGISTER_COLUMNS, TABS } from '../../sheets/schema';
import { LocalWorld } from '../gas/world';
import { saveXlsx, saveXlsxValues } from '../gas/xlsx';
import { outputLines, type Progress } from './progress';
import { summaryPage } from './summaryHtml';

const COMMUNES = [
  'Thị trấn Yên Lạc',
  'Tam Hồng',
  'Yên Đồng',
  'Đồng Văn',
  'Trung Nguyên',
  'Bình Định',
  'Đồng Cương',
  'Tề Lỗ',
  'Trung Kiên',
  'Nguyệt Đức',
  'Văn Tiến',
  'Yên Phương',
  'Hồng Phương',
  'Trung Hà',
  'Liên Châu',
  'Đại Tự',
  'Hồng Châu',
];
const FROM: CivilDate = '2018-01-01';
const TO: CivilDate = '2020-06-30';
const OFFICE = 'vanphong.huyen@example.gov.vn';

interface Outcomes {
  early: number;
  onTime: number;
  late: number;
  open: number;
  stopped: number;
}

/** The seed's outcomes: the district's, and the communes' shared out among the 17. */
function seedUnits(): { name: string; level: string; outcomes: Outcomes }[] {
  const communes: Outcomes = { early: 22_292, onTime: 172_171, late: 5, open: 100, stopped: 29 };
  const share = (total: number, i: number) => Math.floor(total / 17) + (i < total % 17 ? 1 : 0);
  return [
    { name: 'UBND huyện Yên Lạc', level: 'Cấp huyện', outcomes: { early: 1_297, onTime: 10_834, late: 0, open: 20, stopped: 9 } },
    ...COMMUNES.map((name, i) => ({
      name: name.startsWith('Thị trấn') ? `UBND thị trấn ${name.slice('Thị trấn '.length)}` : `UBND xã ${name}`,
      level: 'Cấp xã',
      outcomes: {
        early: share(communes.early, i),
        onTime: share(communes.onTime, i),
        late: share(communes.late, i),
        open: share(communes.open, i),
        stopped: share(communes.stopped, i),
      },
    })),
  ];
}

/** A unit's register rows: receipt days spread over the period, due five days later, ends as the outcome says. */
function registerRows(unit: string, o: Outcomes): { row: (string | Date)[]; record: SummaryRecord }[] {
  const c = (h: (typeof REGISTER_COLUMNS)[number]) => REGISTER_COLUMNS.indexOf(h);
  const rows: { row: (string | Date)[]; record: SummaryRecord }[] = [];
  const span = 900;
  const add = (kind: keyof Outcomes, count: number) => {
    for (let i = 0; i < count; i += 1) {
      const n = rows.length;
      const received = kind === 'open' ? addDays(TO, -1) : addDays(FROM, n % span);
      const due = addDays(received, 5);
      const end =
        kind === 'early'
          ? addDays(received, 2)
          : kind === 'onTime'
            ? due
            : kind === 'late'
              ? addDays(due, 3)
              : kind === 'stopped'
                ? addDays(received, 1)
                : undefined;
      const status = kind === 'open' ? 'Đang giải quyết' : kind === 'stopped' ? 'Dừng giải quyết' : 'Đã trả kết quả';
      const channel = n % 4 === 0 ? 'Trực tuyến' : n % 9 === 0 ? 'Bưu chính' : 'Trực tiếp';
      const row: (string | Date)[] = Array(REGISTER_COLUMNS.length).fill('');
      row[c('Mã hồ sơ')] = `SEED-${n + 1}`;
      row[c('Tên thủ tục')] = 'Đăng ký khai sinh';
      row[c('Lĩnh vực')] = 'Hộ tịch';
      row[c('Đơn vị tiếp nhận')] = unit;
      row[c('Hình thức nộp')] = channel;
      row[c('Thời điểm tiếp nhận')] = new Date(`${received}T01:00:00Z`);
      row[c('Hạn trả kết quả')] = new Date(`${due}T10:00:00Z`);
      row[c('Trạng thái')] = status;
      if (end) row[c('Ngày có kết quả')] = new Date(`${end}T00:00:00Z`);
      rows.push({
        row,
        record: {
          unit,
          field: 'Hộ tịch',
          procedureName: 'Đăng ký khai sinh',
          status: status as SummaryRecord['status'],
          channel: channel as SummaryRecord['channel'],
          receivedDate: received,
          dueDate: due,
          ...(end ? { endDate: end } : {}),
          supplementCount: 0,
        },
      });
    }
  };
  for (const kind of ['early', 'onTime', 'late', 'open', 'stopped'] as const) add(kind, o[kind]);
  return rows;
}

/** The file name of a unit's register: `UBND xã Tam Hồng` → `xa-tam-hong.xlsx`, as in the small demo. */
function registerFile(unit: string): string {
  const slug = unit
    .replace(/^UBND /, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.xlsx`;
}

export async function seedDemo(out: string, progress: Progress): Promise<void> {
  const log = (line: string) => progress.line(line);
  const world = new LocalWorld(new Date('2020-07-01T02:00:00Z'));
  const units = seedUnits();
  const records: SummaryRecord[] = [];
  const ids: string[] = [];
  log(`[1/4] ${units.length} sổ nhập từ dữ liệu 01/01/2018–30/06/2020 (theo số liệu của báo cáo gốc), mỗi sổ ghi ra .xlsx:`);
  const registerFiles: string[] = [];
  const importing = progress.bar('Nhập sổ', units.length, true);
  for (const [i, unit] of units.entries()) {
    importing.update(i, unit.name);
    const rows = registerRows(unit.name, unit.outcomes);
    records.push(...rows.map((r) => r.record));
    const book = world.createSpreadsheetData(`Sổ theo dõi hồ sơ – ${unit.name}`, OFFICE);
    world.run({ user: OFFICE, spreadsheetId: book.id }, (s: Services) => {
      const sheet = s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
      sheet.setName(TABS.register);
      sheet.insertColumnsAfter(sheet.getMaxColumns(), REGISTER_COLUMNS.length - sheet.getMaxColumns());
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 1 - sheet.getMaxRows() + 20);
      sheet.getRange(1, 1, 1, REGISTER_COLUMNS.length).setValues([[...REGISTER_COLUMNS]]);
      sheet.getRange(2, 1, rows.length, REGISTER_COLUMNS.length).setValues(rows.map((r) => r.row));
    });
    ids.push(book.id);
    const file = join(out, registerFile(unit.name));
    importing.update(i, `${unit.name}: ghi ${basename(file)}`);
    await saveXlsxValues(world.spreadsheets.get(book.id)!, file);
    registerFiles.push(file);
    log(`      [${i + 1}/${units.length}] ${unit.name}: ${formatNumberVi(rows.length)} hồ sơ → ${basename(file)}`);
  }
  importing.end();
  log('[2/4] Báo cáo tổng hợp của Văn phòng huyện trong Google Sheets (mô phỏng)...');
  const hub = world.createSpreadsheetData('Tổng hợp giám sát – huyện Yên Lạc', OFFICE);
  const hubRun = <T>(fn: (s: Services) => T) => world.run({ user: OFFICE, context: 'editor', spreadsheetId: hub.id }, fn);
  hubRun((s) => {
    runSetup(s);
    const ss = s.spreadsheetApp.getActiveSpreadsheet()!;
    const config = ss.getSheetByName(TABS.config)!;
    const keys = config
      .getRange(1, 1, config.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0]));
    const set = (key: string, value: string) => config.getRange(keys.indexOf(key) + 1, 2).setValue(value);
    set('Tên đơn vị', 'UBND huyện Yên Lạc');
    set('Email thủ trưởng', OFFICE);
    set('Email HĐND (bản chỉ xem)', 'hdnd.huyen@example.gov.vn');
    const tab = ss.insertSheet(TABS.units);
    tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
    tab.getRange(2, 1, units.length, 3).setValues(units.map((u, i) => [u.name, u.level, ids[i] ?? '']));
  });
  const startMs = world.clock.nowMs();
  world.runtime.resetCounters();
  const reading = progress.bar('Đọc sổ', units.length);
  world.runtime.onToast = (text) => {
    const at = /(\d+)\/\d+: (.*)$/.exec(text);
    if (at) reading.update(Number(at[1]) - 1, at[2]);
  };
  const report = hubRun((s) => buildSummary(s, { from: FROM, to: TO, scope: 'units' }));
  world.runtime.onToast = undefined;
  reading.end();
  const simulated = ((world.clock.nowMs() - startMs) / 1000).toFixed(1).replace('.', ',');
  const calls = world.runtime.totalCalls();
  const cells = world.runtime.counters.cellsRead;
  // Past the 6-minute limit a follow-up trigger would go on from the checkpoint.
  world.runTriggersUntil(new Date(world.clock.nowMs() + 3600_000), { continueSummary });
  log(`      ${report.message}`);
  log(
    `      ${formatNumberVi(calls)} lời gọi dịch vụ, ${formatNumberVi(cells)} ô đọc, ${simulated} giây Apps Script (mô phỏng) trong một lần chạy`,
  );
  log('[3/4] Bản chỉ xem cho HĐND huyện...');
  log(`      ${hubRun((s) => shareWithCouncil(s))}`);
  log('[4/4] Ghi kết quả...');
  const summary = summarize(
    records,
    FROM,
    TO,
    units.map((u) => u.name),
  );
  const page = join(out, 'summary.html');
  writeFileSync(
    page,
    summaryPage(summary, {
      title: 'Tình hình giải quyết thủ tục hành chính – huyện Yên Lạc, 01/01/2018–30/06/2020',
      sources: units.map((u) => ({ name: u.name, problems: [] })),
      levels: new Map(units.map((u) => [u.name, u.level])),
    }),
  );
  const hubFile = join(out, 'tong-hop-huyen-yen-lac.xlsx');
  await saveXlsx(world.spreadsheets.get(hub.id)!, hubFile);
  const council = [...world.spreadsheets.values()].find((d) => d.name.startsWith('Báo cáo giải quyết TTHC cho HĐND'));
  const councilFiles: string[] = [];
  if (council) {
    councilFiles.push(join(out, 'ban-chi-xem-hdnd.xlsx'));
    await saveXlsx(council, councilFiles[0]!);
  }
  for (const line of outputLines(out, [
    {
      label: `sổ theo dõi hồ sơ (.xlsx, ${formatNumberVi(records.length)} hồ sơ)`,
      files: registerFiles.map((f) => basename(f)),
    },
    { label: 'báo cáo tổng hợp (trang “Tổng hợp giám sát”)', files: [basename(hubFile)] },
    { label: 'bản chỉ xem cho HĐND', files: councilFiles.map((f) => basename(f)) },
    { label: 'báo cáo dạng trang web (mở ngoại tuyến, in A4 ngang)', files: [basename(page)] },
  ]))
    log(line);
  log(`Xong: ${units.length} sổ, ${formatNumberVi(records.length)} hồ sơ, kết quả trong ${out}`);
}
