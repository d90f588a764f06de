/**
 * The daily trigger and the menu items around it. An installable trigger runs as the person who
 * made it and spends their mail quota, so there is one, its owner is recorded and shown, and only
 * they can turn it off. Google allows 20 triggers per user per script (an Editor add-on: one clock
 * trigger per user per document, at most hourly): MotCua keeps one daily trigger, and a one-shot
 * follow-up only while a run is being continued.
 */
import { formatDateVi } from '../../core/format';
import { describeGoogleFault } from '../../core/googleFaults';
import type { Services } from '../../gas/services';
import { logLayout, writeEvent } from '../../sheets/eventLog';
import { SheetProblem } from '../../sheets/layout';
import { UNIT_TIME_ZONE } from '../../sheets/dates';
import { documentProperties, openUnit, withDocumentLock } from '../unitContext';
import { CHECK_ACTION, type CheckReport, runDeadlineCheck } from './check';
import { FOLLOW_UP_HANDLER } from './mailing';

const DAILY_HANDLER = 'runDailyWarnings';
const OWNER_PROPERTY = 'motcua.warnings.owner';
/** When the daily check last ran (or was turned on): an owner whose trigger is gone is replaced after two days. */
const HEARTBEAT_PROPERTY = 'motcua.warnings.lastRun';
const STALE_OWNER_MS = 2 * 24 * 3600_000;

function me(services: Services): string {
  return services.session.getEffectiveUser().getEmail() || services.session.getActiveUser().getEmail();
}

/** Who runs the daily check ('' when it is off), for the menu. */
export function warningsOwner(services: Services): string {
  return documentProperties(services).getProperty(OWNER_PROPERTY) ?? '';
}

function myTriggers(services: Services, handler: string) {
  return services.scriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/** `Một cửa › Bật cảnh báo hằng ngày`: one daily trigger at the hour of `Cấu hình`, never a second. */
export function enableDailyWarnings(services: Services): string {
  const unit = openUnit(services);
  const user = me(services);
  const hour = unit.settings.warningHour;
  return withDocumentLock(services, () => {
    const owner = warningsOwner(services);
    const mine = myTriggers(services, DAILY_HANDLER);
    const properties = documentProperties(services);
    const lastRun = Number(properties.getProperty(HEARTBEAT_PROPERTY) ?? '0');
    // Only its owner can remove a trigger; one that has not run for two days is gone (the owner left,
    // or deleted it), and someone else may take over.
    const stale = services.clock.now().getTime() - lastRun > STALE_OWNER_MS;
    if (owner && owner !== user && mine.length === 0 && !stale) {
      return `Cảnh báo hằng ngày đã được ${owner} bật: thư nhắc gửi từ hộp thư và theo hạn mức của ${owner}. Muốn đổi người gửi, hãy nhờ ${owner} chọn Một cửa › Tắt cảnh báo hằng ngày, rồi bật lại.`;
    }
    const takeover =
      owner && owner !== user && mine.length === 0 ? ` (thay ${owner}: cảnh báo đã không chạy từ hơn hai ngày)` : '';
    for (const t of mine) services.scriptApp.deleteTrigger(t);
    services.scriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(hour).inTimezone(UNIT_TIME_ZONE).create();
    properties.setProperty(OWNER_PROPERTY, user);
    properties.setProperty(HEARTBEAT_PROPERTY, String(services.clock.now().getTime()));
    return `Đã bật cảnh báo hằng ngày${takeover}: mỗi ngày, trong khoảng ${hour} giờ – ${hour + 1} giờ (giờ Việt Nam), MotCua kiểm tra hạn, ghi cột Cảnh báo và, vào ngày làm việc, gửi thư nhắc. Trình kích hoạt chạy dưới tên ${user}: thư gửi từ hộp thư và theo hạn mức gửi thư của ${user}.`;
  });
}

/** `Một cửa › Tắt cảnh báo hằng ngày`: only the owner's own triggers can be removed (Google's rule). */
export function disableDailyWarnings(services: Services): string {
  const user = me(services);
  return withDocumentLock(services, () => {
    const owner = warningsOwner(services);
    const mine = [...myTriggers(services, DAILY_HANDLER), ...myTriggers(services, FOLLOW_UP_HANDLER)];
    for (const t of mine) services.scriptApp.deleteTrigger(t);
    if (owner && owner !== user) {
      return `Cảnh báo hằng ngày do ${owner} bật; chỉ ${owner} tắt được (Google chỉ cho người tạo xóa trình kích hoạt của mình).`;
    }
    documentProperties(services).deleteProperty(OWNER_PROPERTY);
    return mine.length > 0 ? 'Đã tắt cảnh báo hằng ngày.' : 'Cảnh báo hằng ngày chưa được bật.';
  });
}

/** What the menu item `Kiểm tra hạn ngay` tells the officer. */
function reportText(report: CheckReport): string {
  const c = report.counts;
  const lines = [
    `Kiểm tra hạn ngày ${formatDateVi(report.today)}: ${c.overdue} quá hạn, ${c['due-today']} đến hạn hôm nay, ${c['due-soon']} sắp đến hạn, ${c['within-deadline']} trong hạn, ${c['awaiting-supplement']} chờ bổ sung. Cột Cảnh báo đã được cập nhật.`,
  ];
  if (report.unreadable > 0) lines.push(`${report.unreadable} dòng không kiểm tra được (xem cột Cảnh báo).`);
  const d = report.delivery;
  if (!report.workingDay) lines.push('Hôm nay là ngày nghỉ theo lịch của đơn vị: không gửi thư nhắc.');
  else if (d) {
    lines.push(`Đã gửi ${d.sent} thư nhắc.`);
    if (d.waiting > 0) lines.push(`${d.waiting} thư chưa gửi vì hết hạn mức gửi thư trong ngày; sẽ gửi ở lần kiểm tra sau.`);
    if (d.unaddressed > 0) lines.push(`${d.unaddressed} cán bộ chưa có email trong trang Cấu hình (dòng “Cán bộ: …”).`);
    if (d.continues) lines.push('Còn thư chưa gửi: MotCua gửi tiếp sau ít phút.');
    if (d.failures.length > 0) lines.push(`Không gửi được ${d.failures.length} thư (xem Nhật ký xử lý).`);
  }
  return lines.join('\n');
}

/** `Một cửa › Kiểm tra hạn ngay`. */
export function checkDeadlinesNow(services: Services): string {
  return reportText(runDeadlineCheck(services, { mail: true, startedMs: services.clock.now().getTime() }));
}

/**
 * A trigger's run: a failure never passes silently. It goes to the execution log, to the event log,
 * and by e-mail to the spreadsheet's owner, in Vietnamese.
 */
function triggeredRun(services: Services, followUp: boolean): void {
  const startedMs = services.clock.now().getTime();
  try {
    // The follow-up deletes itself first (Google keeps a spent one-shot trigger); a failure here is reported too.
    if (followUp) for (const t of myTriggers(services, FOLLOW_UP_HANDLER)) services.scriptApp.deleteTrigger(t);
    documentProperties(services).setProperty(HEARTBEAT_PROPERTY, String(startedMs));
    const report = runDeadlineCheck(services, { mail: true, startedMs, followUp });
    const failures = report.delivery?.failures ?? [];
    if (failures.length > 0) {
      reportFailure(services, new SheetProblem(`Không gửi được ${failures.length} thư nhắc: ${failures.join('; ')}.`), false);
    }
  } catch (error) {
    console.error('MotCua: the daily deadline check failed', error);
    reportFailure(services, error, true);
  }
}

export function runDailyWarnings(services: Services): void {
  triggeredRun(services, false);
}

/** The one-shot follow-up: deletes itself, then continues the day's mailing. */
export function continueDailyWarnings(services: Services): void {
  triggeredRun(services, true);
}

function reportFailure(services: Services, error: unknown, log: boolean): void {
  const fault = describeGoogleFault(error);
  const cause =
    error instanceof SheetProblem
      ? error.message
      : fault
        ? `${fault}; thư đã gửi không gửi lại, lần chạy sau gửi tiếp phần còn lại.`
        : 'Lỗi kỹ thuật (chi tiết trong nhật ký thực thi Apps Script).';
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  let day = '';
  try {
    const unit = openUnit(services);
    day = formatDateVi(unit.now.date);
    if (log)
      withDocumentLock(services, () =>
        writeEvent(logLayout(unit.spreadsheet), {
          at: unit.zone.toDate(unit.now),
          user: unit.user,
          code: '',
          action: `${CHECK_ACTION} – lỗi`,
          from: '',
          to: '',
          note: cause,
          details: {},
          requestKey: '',
        }),
      );
  } catch (logError) {
    console.error('MotCua: the failure could not be written to the log', logError);
  }
  try {
    const owner = spreadsheet?.getOwner()?.getEmail() || me(services);
    services.mailApp.sendEmail({
      to: owner,
      subject: log
        ? `MotCua: kiểm tra hạn hằng ngày không chạy được${day ? ` ngày ${day}` : ''}`
        : `MotCua: có thư nhắc hạn không gửi được${day ? ` ngày ${day}` : ''}`,
      body: [
        log
          ? `Lần kiểm tra hạn hằng ngày của sổ “${spreadsheet?.getName() ?? ''}” không chạy được, nên cột Cảnh báo chưa được cập nhật và thư nhắc chưa được gửi.`
          : `Lần kiểm tra hạn hằng ngày của sổ “${spreadsheet?.getName() ?? ''}” đã chạy, nhưng có thư nhắc không gửi được (đã ghi vào Nhật ký xử lý).`,
        '',
        `Nguyên nhân: ${cause}`,
        '',
        'Việc cần làm: mở sổ, sửa theo hướng dẫn trên, rồi chọn Một cửa › Kiểm tra hạn ngay. Nếu lỗi lặp lại, hãy báo người quản trị MotCua của đơn vị.',
      ].join('\n'),
      name: 'MotCua',
    });
  } catch (mailError) {
    console.error('MotCua: the failure notice could not be mailed', mailError);
  }
}
