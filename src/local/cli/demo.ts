/**
 * `npm run demo`: the whole product on the local services, through the same server functions as
 * the menu, the sidebars and the triggers, as a province lives it in 2026 (two levels of local
 * government since 1/7/2025): the registers of the public administration service centres of the five
 * communes that replaced the district of Yên Lạc (Phú Thọ) set up; a counter's work from 20/04 to the
 * end of the reported month, across the 30/4–1/5 break (intakes on every channel, refusals at the
 * counter, transfers, supplements, apologies, refusals, results early, on time and late, hand-overs);
 * the daily deadline checks each morning with their e-mails; each commune's report and its read-only
 * copy for its own HĐND xã; the provincial office's oversight report across the five registers; and
 * `summary.html`.
 */
import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { addDays, type CivilDate } from '../../core/civil';
import { formatDateVi, formatNumberVi } from '../../core/format';
import type { FormKind } from '../../core/formKinds';
import { SAMPLE_CATALOGUE } from '../../core/procedures';
import { WorkingCalendar } from '../../core/calendar';
import type { Services } from '../../gas/services';
import { formHtml } from '../../server/forms/gather';
import { submitIntake } from '../../server/intake';
import { submitReceptionRefusal } from '../../server/receptionRefusal';
import { buildMenu } from '../../server/menu';
import { runSetup } from '../../server/setup';
import { buildSummary, continueSummary, UNITS_HEADERS } from '../../server/summary/build';
import { shareWithCouncil } from '../../server/summary/council';
import { lookupDossier, submitUpdate } from '../../server/update';
import { continueDailyWarnings, enableDailyWarnings, runDailyWarnings } from '../../server/warnings/schedule';
import { TABS } from '../../sheets/schema';
import { seededRandom } from '../gas/interleave';
import { LocalWorld } from '../gas/world';
import { saveXlsx } from '../gas/xlsx';
import { ensureDist } from './dist';
import { prepareOutDir } from './outDir';
import { readRegisterFile } from './registers';
import { summaryPage } from './summaryHtml';
import { summarize } from '../../core/summary';
import { outputLines, Progress, type BarStream } from './progress';
import { parseOptions, UsageError } from './usage';

const GIVEN = ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Hoàng Văn', 'Vũ Thị', 'Đặng Văn', 'Bùi Thị'];
const NAMES = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quang', 'Thảo'];
const VILLAGES = ['Thôn Đông', 'Thôn Đoài', 'Thôn Nam', 'Thôn Bắc', 'Xóm Mới'];
const HANDLERS = ['Trần Văn Nam', 'Lê Thị Mai', 'Phạm Quốc Huy'];

export interface DemoUnit {
  readonly name: string;
  readonly slug: string;
  readonly level: 'Cấp xã';
  readonly identifier: string;
  readonly officer: string;
  readonly head: string;
  /** Dossiers a working day, about. */
  readonly perDay: number;
}

/**
 * The five communes that replaced the district of Yên Lạc on 1/7/2025, now in Phú Thọ: Resolution
 * 202/2025/QH15 (Vĩnh Phúc merged into Phú Thọ) and Resolution 1676/NQ-UBTVQH15 (Yên Lạc, Tề Lỗ, Liên
 * Châu, Tam Hồng, Nguyệt Đức). Identifiers are made up in the national pattern, not the communes' own.
 */
export const DEMO_UNITS: readonly DemoUnit[] = [
  ['UBND xã Yên Lạc', 'xa-yen-lac', '000.16.22.H56', 'yenlac', 5],
  ['UBND xã Tam Hồng', 'xa-tam-hong', '000.17.22.H56', 'tamhong', 4],
  ['UBND xã Tề Lỗ', 'xa-te-lo', '000.18.22.H56', 'telo', 4],
  ['UBND xã Liên Châu', 'xa-lien-chau', '000.19.22.H56', 'lienchau', 3],
  ['UBND xã Nguyệt Đức', 'xa-nguyet-duc', '000.20.22.H56', 'nguyetduc', 3],
].map(([name, slug, identifier, mailbox, perDay]) => ({
  name: String(name),
  slug: String(slug),
  level: 'Cấp xã' as const,
  identifier: String(identifier),
  officer: `trungtam.${String(mailbox)}@example.gov.vn`,
  head: `chutich.${String(mailbox)}@example.gov.vn`,
  perDay: Number(perDay),
}));
const PROVINCE = 'UBND tỉnh Phú Thọ';
/** The provincial office that consolidates the communes' registers (its `Đơn vị` tab). */
const PROVINCE_OFFICE = { name: 'Văn phòng UBND tỉnh Phú Thọ', mail: 'kstthc.vanphong@example.gov.vn' };
/** Each commune's own People's Council: its read-only copy goes there, not to a district's. */
const councilOf = (unit: DemoUnit) => `hdnd.${unit.slug}@example.gov.vn`;

/**
 * 20/04–14/05/2026: across the 30/4–1/5 break, up to the last day of the reported month, so that the
 * report is made once its period has ended ("in progress at `to`", design.md §5, is then a fact, not a
 * forecast that counts dossiers not yet due as overdue).
 */
const FIRST_DAY: CivilDate = '2026-04-20';
const LAST_DAY: CivilDate = '2026-05-14';
/** The official month 5/2026 (15/04–14/05), cut off on the 14th. */
const PERIOD = { from: '2026-04-15', to: '2026-05-14' };

/** The printed form each step offers, and its file name in the demo's folder (Circular 03/2025's numbers). */
const FORM_OF_ACTION: Partial<Record<string, FormKind>> = {
  transfer: 'control',
  'request-supplement': 'supplement',
  refuse: 'refusal',
  apologise: 'apology',
  stop: 'stop',
};
const FORM_FILE: Record<FormKind, string> = {
  receipt: 'giay-tiep-nhan',
  supplement: 'mau-02-yeu-cau-bo-sung',
  refusal: 'thong-bao-khong-giai-quyet',
  apology: 'mau-04-xin-loi-de-nghi-gia-han',
  stop: 'mau-05-dung-giai-quyet',
  control: 'mau-06-kiem-soat-qua-trinh',
  'reception-refusal': 'mau-03-tu-choi-tiep-nhan',
};

/** The official calendar the demo's officers plan with (the registers' `Ngày nghỉ` holds the same). */
const CALENDAR = new WorkingCalendar();

const DEMO_SCALES = ['small', 'seed'] as const;

/** The unit's settings, its officers' e-mail addresses and the head's, as its officer types them into `Cấu hình`. */
function configure(s: Services, unit: DemoUnit): void {
  const config = s.spreadsheetApp.getActiveSpreadsheet()?.getSheetByName(TABS.config);
  if (!config) return;
  const keys = config
    .getRange(1, 1, config.getLastRow(), 1)
    .getValues()
    .map((r) => String(r[0]));
  const set = (key: string, value: string) => config.getRange(keys.indexOf(key) + 1, 2).setValue(value);
  set('Tên đơn vị', unit.name);
  set('Mã định danh đơn vị', unit.identifier);
  set('Đơn vị cấp trên', PROVINCE);
  set('Email thủ trưởng', unit.head);
  set('Email HĐND (bản chỉ xem)', councilOf(unit));
  HANDLERS.forEach((name, i) => config.appendRow([`Cán bộ: ${name}`, `canbo${i + 1}.${unit.slug}@example.gov.vn`]));
}

/** `Nguyễn Văn An` → `nguyenvanan`: a made-up mailbox name from a made-up applicant. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/**
 * The national service index's fields as a 2026 counter records them (Decree 118/2025, Decision
 * 766/QĐ-TTg), chosen from the request number rather than the random draws, so that the demo's
 * dossiers stay the same.
 */
function serviceAtIntake(channel: string, fee: string, request: number): Record<string, string> {
  const online = channel === 'Trực tuyến';
  const portals = ['Cổng Dịch vụ công quốc gia', 'Ứng dụng VNeID', 'Cổng Dịch vụ công tỉnh'] as const;
  return {
    submissionChannel: online ? portals[request % portals.length]! : channel,
    ...(online ? { onlineLevel: request % 4 === 0 ? 'Một phần' : 'Toàn trình' } : {}),
    componentsDigitised: request % 5 === 0 ? 'Không' : 'Có',
    feePaidOnline: fee === 'Không' ? 'Không thu phí' : online ? 'Có' : 'Không',
  };
}

function serviceWithResult(request: number): Record<string, string> {
  return { resultDelivery: request % 3 === 0 ? 'Bản điện tử' : 'Bản giấy', resultDigitised: 'Có' };
}

/** Each dossier's competent agency, from the catalogue, for its transfer. */
const agencyOf = new Map<string, string>();

/** One working day at one counter: the day's intakes, then the next steps of earlier dossiers. */
function counterDay(
  world: LocalWorld,
  bookId: string,
  unit: DemoUnit,
  day: CivilDate,
  codes: string[],
  random: () => number,
  counter: { request: number; steps: number },
  onIntake: () => void,
  /** The first dossier of each printed form's step (Mẫu 02–05), to print that form. */
  forms: Map<FormKind, string>,
): number {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const as = <T>(fn: (s: Services) => T) => world.run({ user: unit.officer, context: 'sidebar', spreadsheetId: bookId }, fn);
  const count = unit.perDay - 1 + Math.floor(random() * 3);
  let taken = 0;
  for (let i = 0; i < count; i += 1) {
    const procedure = pick(SAMPLE_CATALOGUE);
    const minute = 450 + Math.floor(random() * 540);
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    // Drawn in the same order as always, so the demo's dossiers stay the same.
    const applicantName = `${pick(GIVEN)} ${pick(NAMES)}`;
    const idNumber = `0010${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    const address = `${pick(VILLAGES)}, ${unit.name.replace('UBND ', '')}`;
    const phone = `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    const channel = pick(['Trực tiếp', 'Trực tiếp', 'Trực tuyến', 'Bưu chính']);
    // About one dossier in sixty is refused at the counter (Mẫu 03): not received, no code, no row.
    if ((counter.request + 1) % 60 === 0) {
      const refused = as((s) =>
        submitReceptionRefusal(s, {
          requestId: `demo-${unit.slug}-${(counter.request += 1)}`,
          procedureCode: procedure.code,
          applicantName,
          idNumber,
          address,
          phone,
          email: '',
          channel: 'Trực tiếp',
          receivedAt: `${day}T${time}`,
          receiverName: 'Nguyễn Thị Lan',
          // Every procedure drawn is in the commune's catalogue, so never "out of competence" (the
          // server refuses that reason): the applicant brought copies without the originals to compare.
          reason: 'Người nộp không xuất trình được bản chính giấy tờ để đối chiếu theo quy định',
        }),
      );
      if (refused.ok && !forms.has('reception-refusal')) forms.set('reception-refusal', refused.slip);
      continue;
    }
    const result = as((s) =>
      submitIntake(s, {
        requestId: `demo-${unit.slug}-${(counter.request += 1)}`,
        procedureCode: procedure.code,
        applicantName,
        idNumber,
        address,
        phone,
        // Online applicants leave an address to be reached at (a privacy test looks for it everywhere).
        email: channel === 'Trực tuyến' ? `${asciiName(applicantName)}.${idNumber.slice(-4)}@example.com` : '',
        channel,
        receivedAt: `${day}T${time}`,
        receiverName: 'Nguyễn Thị Lan',
        handler: pick(HANDLERS),
        documents: 'Tờ khai theo mẫu\nBản sao giấy tờ tùy thân',
        note: '',
        ...serviceAtIntake(channel, procedure.fee ?? '', counter.request),
      }),
    );
    onIntake();
    if (result.ok) {
      codes.push(result.code);
      agencyOf.set(result.code, procedure.agency ?? unit.name);
      taken += 1;
      // Same-day procedures are mostly done before the counter closes.
      if (procedure.periodUnit === 'trong ngày' && random() < 0.85) {
        const done = as((s) =>
          submitUpdate(s, {
            requestId: `demo-${unit.slug}-${(counter.request += 1)}`,
            code: result.code,
            at: `${day}T16:45`,
            action: 'record-result',
            ...serviceWithResult(counter.request),
          }),
        );
        if (done.ok) counter.steps += 1;
      }
    }
  }
  // Later steps for earlier dossiers: most are resolved within a few days, some late, a few refused or stopped.
  for (const code of codes.slice(0, Math.max(0, codes.length - taken))) {
    const at = `${day}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:15`;
    const step = (input: Record<string, string>) => {
      const r = as((s) => submitUpdate(s, { requestId: `demo-${unit.slug}-${(counter.request += 1)}`, code, at, ...input }));
      if (r.ok) counter.steps += 1;
      const form = r.ok ? FORM_OF_ACTION[input.action ?? ''] : undefined;
      if (form && !forms.has(form)) forms.set(form, code);
      return r.ok;
    };
    const roll = random();
    // A result or a refusal after the appointment is late, and the law asks for an apology with its
    // reason and a new appointment first (Mẫu 04): an officer who sent none keeps the dossier open.
    const lateWithoutApology = () => {
      const seen = as((s) => lookupDossier(s, code));
      return seen.ok && seen.dossier.deadline === 'Quá hạn' && seen.dossier.newAppointment === '';
    };
    if (roll < 0.45) {
      if (!lateWithoutApology())
        step({ action: 'record-result', ...serviceWithResult(counter.request) }) ||
          step({ action: 'hand-over', satisfaction: pick(['Rất hài lòng', 'Hài lòng', 'Hài lòng', 'Không hài lòng']) });
    } else if (roll < 0.52)
      // Transferred to the agency that decides it: the commune police for residence, else the commune.
      step({ action: 'transfer', department: agencyOf.get(code) ?? unit.name });
    else if (roll < 0.56)
      step({
        action: 'request-supplement',
        missing: 'Bản sao có chứng thực giấy khai sinh',
        reason: 'Thiếu giấy tờ theo quy định',
      });
    else if (roll < 0.6) step({ action: 'receive-supplement' });
    else if (roll < 0.66) {
      // As in the update sidebar: the officer reads the appointment, and one that will not be kept is
      // apologised for with a new one, a working day after it (the server refuses any other).
      const seen = as((s) => lookupDossier(s, code));
      const due = seen.ok ? /(\d{2})\/(\d{2})\/(\d{4})$/.exec(seen.dossier.appointment) : null;
      if (seen.ok && due && seen.dossier.deadline !== 'Trong hạn' && seen.dossier.actions.some((a) => a.type === 'apologise')) {
        const dueDate = `${due[3]}-${due[2]}-${due[1]}`;
        const newDue = CALENDAR.addWorkingDays(dueDate > day ? dueDate : day, 3);
        step({ action: 'apologise', newDueAt: `${newDue}T17:00`, reason: 'Chờ ý kiến cơ quan chuyên môn' });
      }
    } else if (roll < 0.675) {
      // Declined on the merits after review: the commune's own procedures are within its competence.
      if (!lateWithoutApology()) step({ action: 'refuse', reason: 'Không đủ điều kiện giải quyết theo quy định' });
    } else if (roll < 0.685) step({ action: 'stop', reason: 'Người nộp xin rút hồ sơ' });
  }
  return taken;
}

/**
 * Runs the demo; answers, for tests, the local Google as the small demo left it (nothing for
 * `--scale seed`). `tty`: stdout when it is a terminal, where progress bars are drawn in place.
 */
export async function demoCommand(
  args: string[],
  print: (line: string) => void,
  tty?: BarStream,
): Promise<LocalWorld | undefined> {
  const values = parseOptions('demo', args, { out: 'string', scale: 'string' });
  const scale = values.scale?.trim();
  if (scale !== undefined && !(DEMO_SCALES as readonly string[]).includes(scale)) {
    throw new UsageError(`--scale “${values.scale}” không hợp lệ: chọn --scale small (mặc định) hoặc --scale seed.`);
  }
  const progress = new Progress(print, tty);
  const log = (line: string) => progress.line(line);
  // A folder that already holds files (an earlier run's, or the officer's own) is left as it is.
  const asked = resolve(values.out ?? 'demo-output');
  const out = prepareOutDir(values.out ?? 'demo-output', values.out !== undefined, { fresh: true });
  if (out !== asked) log(`${asked} đã có tệp nên không ghi vào đó; kết quả lần này ở ${out}.`);
  if (scale === 'seed') {
    const { seedDemo } = await import('./demoSeed');
    await seedDemo(out, progress);
    return undefined;
  }
  const world = new LocalWorld(new Date(`${FIRST_DAY}T00:00:00Z`));
  world.loadHtmlFiles(ensureDist());
  const random = seededRandom(2026);
  const counter = { request: 0, steps: 0 };

  log(`[1/5] Thiết lập ${DEMO_UNITS.length} sổ và bật cảnh báo hằng ngày...`);
  const books = DEMO_UNITS.map((unit) => {
    const book = world.createSpreadsheetData(`Sổ theo dõi hồ sơ – ${unit.name}`, unit.officer);
    world.run({ user: unit.officer, context: 'editor', spreadsheetId: book.id }, (s) => {
      buildMenu(s);
      runSetup(s);
      configure(s, unit);
      enableDailyWarnings(s);
    });
    return { unit, id: book.id, codes: [] as string[], forms: new Map<FormKind, string>() };
  });

  log(
    `[2/5] Các ngày làm việc ${formatDateVi(FIRST_DAY)}–${formatDateVi(LAST_DAY)}, đến hết kỳ báo cáo (nghỉ bù Giỗ Tổ 27/4, nghỉ 30/4–1/5), mỗi sáng kiểm tra hạn và gửi thư nhắc:`,
  );
  const days = Math.round((Date.parse(LAST_DAY) - Date.parse(FIRST_DAY)) / 86_400_000) + 1;
  // Each day's line is printed anyway: the bar (on a terminal only) shows the intakes of the day under way.
  const bar = progress.bar('Ngày', days, true);
  let dayIndex = 0;
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1), dayIndex += 1) {
    bar.update(dayIndex, formatDateVi(day));
    // The morning's triggers, then the counter's day, closed at 17:30.
    const morning = world.runTriggersUntil(new Date(`${day}T01:30:00Z`), { runDailyWarnings, continueDailyWarnings });
    // The counter opens on the working days of the official calendar (27/04 makes up for Hùng Kings' day).
    const open = CALENDAR.isWorkingDay(day);
    let taken = 0;
    // The counter's day is entered by its close (17:30): no step is dated in the future.
    world.clock.set(new Date(`${day}T10:30:00Z`));
    if (open)
      for (const b of books)
        taken += counterDay(
          world,
          b.id,
          b.unit,
          day,
          b.codes,
          random,
          counter,
          () => bar.update(dayIndex, `${formatDateVi(day)}: ${b.unit.name}, hồ sơ ${formatNumberVi(b.codes.length + 1)}`),
          b.forms,
        );
    const mails = world.outbox.filter(
      (m) => new Date(m.sentAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10) === day,
    ).length;
    const failed = morning.filter((r) => r.error).length;
    log(
      `      ${formatDateVi(day)}: ${open ? `${taken} hồ sơ tiếp nhận` : 'ngày nghỉ'}, ${mails} thư nhắc${failed ? `, ${failed} lần kiểm tra lỗi` : ''}`,
    );
    world.clock.set(new Date(`${day}T10:30:00Z`));
  }
  bar.end();
  const dossiers = books.reduce((n, b) => n + b.codes.length, 0);
  log(
    `      ${formatNumberVi(dossiers)} hồ sơ, ${formatNumberVi(counter.steps)} bước xử lý, ${formatNumberVi(world.outbox.length)} thư nhắc`,
  );

  log('[3/5] Mỗi xã lập báo cáo tháng 5/2026 (15/04–14/05) và chia sẻ bản chỉ xem cho HĐND xã...');
  const councilCopies: { unit: DemoUnit; id: string }[] = [];
  for (const b of books) {
    const asHead = <T>(fn: (s: Services) => T) => world.run({ user: b.unit.head, context: 'editor', spreadsheetId: b.id }, fn);
    asHead((s) => buildSummary(s, { ...PERIOD, scope: 'this' }));
    log(`      ${b.unit.name}: ${asHead((s) => shareWithCouncil(s))}`);
    const copy = [...world.spreadsheets.values()].find((d) => d.name === `Báo cáo giải quyết TTHC cho HĐND – ${b.unit.name}`);
    if (copy) councilCopies.push({ unit: b.unit, id: copy.id });
  }

  log(`[4/5] Báo cáo tổng hợp của ${PROVINCE_OFFICE.name} từ ${books.length} sổ (trang Đơn vị)...`);
  const hub = world.createSpreadsheetData(`Tổng hợp giám sát – ${PROVINCE}`, PROVINCE_OFFICE.mail);
  for (const b of books) world.spreadsheets.get(b.id)?.viewers.push(PROVINCE_OFFICE.mail);
  const hubRun = <T>(fn: (s: Services) => T) =>
    world.run({ user: PROVINCE_OFFICE.mail, context: 'editor', spreadsheetId: hub.id }, fn);
  hubRun((s) => {
    runSetup(s);
    configure(s, { ...DEMO_UNITS[0]!, name: PROVINCE_OFFICE.name, head: PROVINCE_OFFICE.mail });
    const tab = s.spreadsheetApp.getActiveSpreadsheet()!.insertSheet(TABS.units);
    tab.getRange(1, 1, 1, UNITS_HEADERS.length).setValues([[...UNITS_HEADERS]]);
    tab
      .getRange(2, 1, books.length, UNITS_HEADERS.length)
      .setValues(
        books.map((b) => [b.unit.name, b.unit.level, `https://docs.google.com/spreadsheets/d/${b.id}/edit`, b.unit.head]),
      );
  });
  const report = hubRun((s) => buildSummary(s, { ...PERIOD, scope: 'units' }));
  world.runTriggersUntil(new Date(world.clock.nowMs() + 3600_000), { continueSummary });
  log(`      ${report.message}`);

  log('[5/5] Ghi kết quả...');
  const registersWritten: string[] = [];
  const receipts: string[] = [];
  const otherForms: string[] = [];
  const saving = progress.bar('Ghi sổ', books.length, true);
  for (const [i, b] of books.entries()) {
    saving.update(i, b.unit.name);
    const file = join(out, `${b.unit.slug}.xlsx`);
    const data = world.spreadsheets.get(b.id);
    if (data) await saveXlsx(data, file);
    registersWritten.push(file);
    const first = b.codes[0];
    if (first) {
      const receipt = world.run({ user: b.unit.officer, context: 'sidebar', spreadsheetId: b.id }, (s) =>
        formHtml(s, first, 'receipt'),
      );
      const form = join(out, `giay-tiep-nhan-${first}.html`);
      writeFileSync(form, receipt);
      receipts.push(form);
    }
    // One of each other printed form the unit's steps called for (the sidebar offers it after the step).
    for (const [kind, code] of b.forms) {
      const html = world.run({ user: b.unit.officer, context: 'sidebar', spreadsheetId: b.id }, (s) => formHtml(s, code, kind));
      const form = join(out, `${FORM_FILE[kind]}-${code}.html`);
      writeFileSync(form, html);
      otherForms.push(form);
    }
  }
  saving.end();
  const hubFile = join(out, 'tong-hop-tinh-phu-tho.xlsx');
  await saveXlsx(world.spreadsheets.get(hub.id)!, hubFile);
  const councilFiles: string[] = [];
  for (const { unit, id } of councilCopies) {
    const file = join(out, `ban-chi-xem-hdnd-${unit.slug}.xlsx`);
    await saveXlsx(world.spreadsheets.get(id)!, file);
    councilFiles.push(file);
  }
  // summary.html from the registers as saved: the same figures as `summary` on these files.
  const registers = [];
  for (const file of registersWritten) registers.push(await readRegisterFile(file));
  const summary = summarize(
    registers.flatMap((r) => r.records),
    PERIOD.from,
    PERIOD.to,
  );
  const page = join(out, 'summary.html');
  writeFileSync(
    page,
    summaryPage(summary, {
      title: `Tình hình giải quyết thủ tục hành chính – ${DEMO_UNITS.length} xã, ${PROVINCE}`,
      sources: registers.map((r) => ({ name: r.file.split('/').pop() ?? r.file, problems: r.problems })),
      levels: new Map(DEMO_UNITS.map((u) => [u.name, u.level])),
    }),
  );
  const mails = world.writeOutbox(join(out, 'thu'));
  const names = (files: readonly string[]) => files.map((f) => basename(f));
  for (const line of outputLines(out, [
    { label: 'sổ theo dõi hồ sơ (.xlsx)', files: names(registersWritten) },
    { label: 'báo cáo tổng hợp (trang “Tổng hợp giám sát”)', files: [basename(hubFile)] },
    { label: 'bản chỉ xem cho HĐND của từng xã', files: names(councilFiles), pattern: 'ban-chi-xem-hdnd-*.xlsx' },
    { label: 'giấy tiếp nhận và hẹn trả kết quả (Mẫu 01, in từ trình duyệt)', files: receipts, pattern: 'giay-tiep-nhan-*.html' },
    {
      label: 'phiếu và văn bản theo Thông tư 03/2025/TT-VPCP (Mẫu 02–06) và thông báo không giải quyết',
      files: otherForms,
      pattern: 'mau-0*.html, thong-bao-*.html',
    },
    { label: 'báo cáo dạng trang web (mở ngoại tuyến, in A4 ngang)', files: [basename(page)] },
    { label: 'thư nhắc hạn và thư tổng hợp', files: mails, pattern: 'thu/*.eml' },
  ]))
    log(line);
  log(
    `Xong: ${DEMO_UNITS.length} sổ, ${formatNumberVi(dossiers)} hồ sơ, ${formatNumberVi(world.runtime.totalCalls())} lời gọi dịch vụ Apps Script (mô phỏng), kết quả trong ${out}`,
  );
  return world;
}
