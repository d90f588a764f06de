/**
 * `npm run demo`: the main job on the local services, through the same server functions as the
 * menu and the sidebars: set up the unit's register, take in a week of dossiers, move them through
 * their steps, print a receipt, and save the workbook as .xlsx.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalWorld } from '../gas/world';
import { saveXlsx } from '../gas/xlsx';
import { buildMenu } from '../../server/menu';
import { runSetup } from '../../server/setup';
import { TABS } from '../../sheets/schema';
import { prepareOutDir } from './outDir';
import { parseOptions, UsageError } from './usage';
import { seededRandom } from '../gas/interleave';
import { submitIntake } from '../../server/intake';
import { submitUpdate } from '../../server/update';
import { formHtml } from '../../server/forms/gather';
import { ensureDist } from './dist';
import { SAMPLE_CATALOGUE } from '../../core/procedures';
import { formatDateVi } from '../../core/format';
import type { Services } from '../../gas/services';
import { continueDailyWarnings, enableDailyWarnings, runDailyWarnings } from '../../server/warnings/schedule';

const GIVEN = ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Hoàng Văn', 'Vũ Thị', 'Đặng Văn', 'Bùi Thị'];
const NAMES = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quang', 'Thảo'];
const VILLAGES = ['Thôn Đông', 'Thôn Đoài', 'Thôn Nam', 'Thôn Bắc', 'Xóm Mới'];
const HANDLERS = ['Trần Văn Nam', 'Lê Thị Mai', 'Phạm Quốc Huy'];

/** One week of a commune's counter: intakes each day, then the later steps of earlier dossiers. */
function runWeek(
  world: LocalWorld,
  bookId: string,
  officer: string,
  log: (line: string) => void,
): { codes: string[]; steps: number } {
  const random = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const as = <T>(fn: (s: Services) => T) => world.run({ user: officer, context: 'sidebar', spreadsheetId: bookId }, fn);
  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
  const codes: string[] = [];
  let steps = 0;
  let request = 0;
  for (const [d, day] of days.entries()) {
    world.clock.set(new Date(`${day}T10:30:00Z`)); // 17:30 in Hà Nội: the day's counter is closed
    const count = 5 + Math.floor(random() * 4);
    for (let i = 0; i < count; i += 1) {
      const procedure = pick(SAMPLE_CATALOGUE);
      const minute = 450 + Math.floor(random() * 540);
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      const result = as((s) =>
        submitIntake(s, {
          requestId: `demo-intake-${(request += 1)}`,
          procedureCode: procedure.code,
          applicantName: `${pick(GIVEN)} ${pick(NAMES)}`,
          idNumber: `0010${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          address: `${pick(VILLAGES)}, xã Yên Lạc`,
          phone: `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          email: '',
          channel: pick(['Trực tiếp', 'Trực tiếp', 'Trực tuyến', 'Bưu chính']),
          receivedAt: `${day}T${time}`,
          receiverName: 'Nguyễn Thị Lan',
          handler: pick(HANDLERS),
          documents: 'Tờ khai theo mẫu\nBản sao giấy tờ tùy thân',
          note: '',
        }),
      );
      if (result.ok) codes.push(result.code);
      else log(`      Không tiếp nhận được: ${JSON.stringify(result.errors)}`);
    }
    // Later steps for the dossiers of earlier days.
    for (const code of codes.slice(0, Math.max(0, codes.length - count))) {
      const roll = random();
      const at = `${day}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:15`;
      const update = (input: Record<string, string>) => {
        const r = as((s) => submitUpdate(s, { requestId: `demo-update-${(request += 1)}`, code, at, ...input }));
        if (r.ok) steps += 1;
        return r.ok;
      };
      if (roll < 0.35)
        update({ action: 'transfer', department: 'Công chức chuyên môn' }) ||
          update({ action: 'record-result' }) ||
          update({ action: 'hand-over', satisfaction: pick(['Rất hài lòng', 'Hài lòng', 'Hài lòng', 'Không hài lòng']) });
      else if (roll < 0.45 && d < 3)
        update({
          action: 'request-supplement',
          missing: 'Bản sao có chứng thực giấy khai sinh',
          reason: 'Thiếu giấy tờ theo quy định',
        });
      else if (roll < 0.5) update({ action: 'receive-supplement' });
      else if (roll < 0.53) update({ action: 'stop', reason: 'Người nộp xin rút hồ sơ' });
    }
    log(`      ${formatDateVi(day)}: ${count} hồ sơ tiếp nhận, tổng ${codes.length}`);
  }
  return { codes, steps };
}

const DEMO_UNITS = [
  {
    name: 'UBND xã Yên Lạc',
    identifier: '000.17.22.H56',
    officer: 'motcua.yenlac@example.gov.vn',
    head: 'chutich.yenlac@example.gov.vn',
  },
] as const;

/** The unit's officers' e-mail addresses and the head's, as its officer types them into `Cấu hình`. */
function addressBook(world: LocalWorld, bookId: string, officer: string, head: string): void {
  world.run({ user: officer, context: 'editor', spreadsheetId: bookId }, (s) => {
    const config = s.spreadsheetApp.getActiveSpreadsheet()?.getSheetByName(TABS.config);
    if (!config) return;
    const keys = config
      .getRange(1, 1, config.getLastRow(), 1)
      .getValues()
      .map((r) => String(r[0]));
    config.getRange(keys.indexOf('Email thủ trưởng') + 1, 2).setValue(head);
    HANDLERS.forEach((name, i) => config.appendRow([`Cán bộ: ${name}`, `canbo${i + 1}.yenlac@example.gov.vn`]));
  });
}

/** The `--scale` values; `seed` (design.md §8) is refused until the demo has a seed-sized run. */
const DEMO_SCALES = ['small'] as const;

export async function demoCommand(args: string[], log: (line: string) => void): Promise<void> {
  const values = parseOptions('demo', args, { out: 'string', scale: 'string' });
  const scale = values.scale?.trim();
  if (scale === 'seed') {
    throw new UsageError('--scale seed chưa có trong bản này: bản chạy thử hiện chỉ có --scale small (một xã, một tuần).');
  }
  if (scale !== undefined && !(DEMO_SCALES as readonly string[]).includes(scale)) {
    throw new UsageError(`--scale “${values.scale}” không hợp lệ: chỉ có --scale small (--scale seed chưa có).`);
  }
  const out = prepareOutDir(values.out ?? 'demo-output', values.out !== undefined);
  const world = new LocalWorld(new Date('2026-03-02T01:00:00Z'));
  world.loadHtmlFiles(ensureDist());
  for (const [i, unit] of DEMO_UNITS.entries()) {
    log(`[${i + 1}/${DEMO_UNITS.length}] Thiết lập sổ cho ${unit.name}...`);
    const book = world.createSpreadsheetData(`Sổ theo dõi hồ sơ – ${unit.name}`, unit.officer);
    world.run({ user: unit.officer, context: 'editor', spreadsheetId: book.id }, (services) => {
      buildMenu(services);
      log(`      ${runSetup(services).message}`);
      // The unit's own settings, as its officer would type them into the Cấu hình tab.
      const config = services.spreadsheetApp.getActiveSpreadsheet()?.getSheetByName(TABS.config);
      config?.getRange(2, 2, 3, 1).setValues([[unit.name], [unit.identifier], ['UBND tỉnh Phú Thọ']]);
    });
    log('      Tiếp nhận và xử lý hồ sơ trong tuần 02–06/03/2026 qua các biểu mẫu...');
    const week = runWeek(world, book.id, unit.officer, log);
    log(`      ${week.codes.length} hồ sơ, ${week.steps} bước xử lý đã ghi vào sổ và nhật ký`);
    const first = week.codes[0];
    if (first) {
      const receipt = world.run({ user: unit.officer, context: 'sidebar', spreadsheetId: book.id }, (s) =>
        formHtml(s, first, 'receipt'),
      );
      const receiptFile = join(out, `giay-tiep-nhan-${first}.html`);
      writeFileSync(receiptFile, receipt);
      log(`      Đã ghi giấy tiếp nhận mẫu 01: ${receiptFile}`);
    }
    // The following week's mornings: the daily trigger checks the deadlines and mails the officers.
    addressBook(world, book.id, unit.officer, unit.head);
    log(`      ${world.run({ user: unit.officer, spreadsheetId: book.id }, (s) => enableDailyWarnings(s))}`);
    const runs = world.runTriggersUntil(new Date('2026-03-13T11:00:00Z'), { runDailyWarnings, continueDailyWarnings });
    for (const run of runs) {
      const day = new Date(run.at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      const sent = world.outbox.filter((m) => new Date(m.sentAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10) === day);
      log(`      Kiểm tra hạn ${formatDateVi(day)}: ${run.error ? `lỗi (${run.error})` : `${sent.length} thư nhắc`}`);
    }
    const mails = world.writeOutbox(join(out, 'thu'));
    log(`      Đã ghi ${mails.length} thư nhắc hạn (.eml) vào ${join(out, 'thu')}`);
    const file = join(out, `${unit.identifier}.xlsx`);
    const data = world.spreadsheets.get(book.id);
    if (data) await saveXlsx(data, file);
    log(`      Đã ghi ${file}`);
  }
  const calls = world.runtime.totalCalls();
  log(`Xong: ${DEMO_UNITS.length} sổ, ${calls} lời gọi dịch vụ Apps Script (mô phỏng), kết quả trong ${out}`);
}
