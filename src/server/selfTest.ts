/**
 * Menu `Tự kiểm tra trên Google`: every assumption the local services make that the product relies
 * on, tried on Google itself. The checks run on a throwaway spreadsheet MotCua made for them (kept and
 * reused: deleting a file needs a Google Drive scope MotCua does not ask for), never on the register;
 * the answers go to the tab `Tự kiểm tra trên Google` of the unit's workbook and to the log. The same
 * self-test runs in CI on the local services, where every line says "ok": a line saying "khác" on
 * Google is a defect of the local services, to fix with a test.
 */
import { formatDateTimeVi } from '../core/format';
import type { CellValue, Services, Sheet, Spreadsheet } from '../gas/services';
import { logLayout, writeEvent } from '../sheets/eventLog';
import { SheetProblem } from '../sheets/layout';
import { archiveTabs, lockedArchives } from '../sheets/archive';
import { lockGap, lockHolds, lockProtection } from '../sheets/protect';
import { TABS } from '../sheets/schema';
import { currentUserEmail, headEmails } from './access';
import { documentProperties, openUnit, withDocumentLock } from './unitContext';

export const SELF_TEST_TAB = 'Tự kiểm tra trên Google';
const SCRATCH_PROPERTY = 'motcua.selftest.scratch';
const SCRATCH_NAME = 'MotCua – bảng tính tự kiểm tra (xóa được)';
/** The one-shot trigger's handler: does nothing (src/server/index.ts). */
const SELF_TEST_TRIGGER_HANDLER = 'selfTestTick';

interface SelfTestLine {
  readonly assumption: string;
  readonly answer: string;
  readonly ok: boolean;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `fn`; a throw is an answer too (recorded, and not what was assumed). */
function attempt(assumption: string, fn: () => { answer: string; ok: boolean }): SelfTestLine {
  try {
    return { assumption, ...fn() };
  } catch (error) {
    return { assumption, answer: `Lỗi: ${messageOf(error)}`, ok: false };
  }
}

/** What a call throws, or '' when it does not. */
function thrown(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (error) {
    return messageOf(error);
  }
}

const show = (values: readonly CellValue[]) =>
  values.map((v) => (v instanceof Date ? `Date(${v.toISOString()})` : JSON.stringify(v))).join(', ');

function scratchSheet(services: Services): Spreadsheet {
  const properties = documentProperties(services);
  const known = properties.getProperty(SCRATCH_PROPERTY);
  let scratch: Spreadsheet | undefined;
  try {
    scratch = known ? services.spreadsheetApp.openById(known) : undefined;
  } catch {
    scratch = undefined; // deleted by someone since: made again
  }
  scratch ??= services.spreadsheetApp.create(SCRATCH_NAME);
  properties.setProperty(SCRATCH_PROPERTY, scratch.getId());
  return scratch;
}

/** A clean first tab of the scratch spreadsheet, `rows` × 5, with no rule, format or protection left. */
function freshTab(services: Services, scratch: Spreadsheet, rows: number): Sheet {
  const sheet = scratch.getSheets()[0]!;
  for (const extra of scratch.getSheets().slice(1)) scratch.deleteSheet(extra);
  for (const p of sheet.getProtections(services.spreadsheetApp.ProtectionType.RANGE)) p.remove();
  for (const p of sheet.getProtections(services.spreadsheetApp.ProtectionType.SHEET)) p.remove();
  sheet.clear();
  sheet.setConditionalFormatRules([]);
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  sheet.getRange(1, 1, rows, 5).setDataValidation(null);
  sheet.getRange(1, 1, rows, 5).setNumberFormat('General');
  return sheet;
}

function checks(services: Services, scratch: Spreadsheet, me: string): SelfTestLine[] {
  const lines: SelfTestLine[] = [];
  const typed = ['=x', '001', '+84 912', '1,5', '08:30'];

  lines.push(
    attempt('Ô định dạng văn bản thuần (@) giữ nguyên =x, 001, +84 912, 1,5 và 08:30 như đã gõ', () => {
      const sheet = freshTab(services, scratch, 10);
      const range = sheet.getRange(1, 1, 1, typed.length);
      range.setNumberFormat('@');
      range.setValues([typed]);
      const back = range.getValues()[0] ?? [];
      return { answer: show(back), ok: back.every((v, i) => v === typed[i]) };
    }),
  );

  lines.push(
    attempt('appendRow vào dòng đã định dạng @ giữ nguyên văn bản', () => {
      const sheet = freshTab(services, scratch, 10);
      sheet.getRange(1, 1, 10, typed.length).setNumberFormat('@');
      sheet.getRange(1, 1).setValue('đầu');
      sheet.appendRow(typed);
      const back = sheet.getRange(2, 1, 1, typed.length).getValues()[0] ?? [];
      return { answer: show(back), ok: back.every((v, i) => v === typed[i]) };
    }),
  );

  lines.push(
    attempt('Ô ngày giờ đọc lại đúng thời điểm theo múi giờ của bảng tính (Asia/Ho_Chi_Minh)', () => {
      scratch.setSpreadsheetTimeZone('Asia/Ho_Chi_Minh');
      const sheet = freshTab(services, scratch, 10);
      const at = new Date(Date.UTC(2026, 2, 2, 1, 30)); // 08:30 ngày 02/03/2026 giờ Việt Nam
      const cell = sheet.getRange(1, 1);
      cell.setNumberFormat('dd/mm/yyyy hh:mm');
      cell.setValue(at);
      const value = cell.getValue();
      const display = cell.getDisplayValues()[0]?.[0] ?? '';
      const ok = value instanceof Date && value.getTime() === at.getTime() && display === '02/03/2026 08:30';
      return { answer: `${show([value])}, hiển thị “${display}”`, ok };
    }),
  );

  lines.push(
    attempt('insertRowsAfter chèn giữa vùng: dòng mới có danh sách chọn, định dạng số và màu điều kiện của vùng', () => {
      const sheet = freshTab(services, scratch, 10);
      const area = sheet.getRange(2, 1, 3, 1);
      area.setNumberFormat('@');
      area.setDataValidation(services.spreadsheetApp.newDataValidation().requireValueInList(['có', 'không'], true).build());
      sheet.setConditionalFormatRules([
        services.spreadsheetApp
          .newConditionalFormatRule()
          .whenFormulaSatisfied('=$A2="không"')
          .setBackground('#f4cccc')
          .setRanges([area])
          .build(),
      ]);
      sheet.insertRowsAfter(2, 1);
      const validation = sheet.getRange(3, 1).getDataValidations()[0]?.[0] ?? null;
      const format = sheet.getRange(3, 1).getNumberFormats()[0]?.[0] ?? '';
      const rules = sheet.getConditionalFormatRules().flatMap((r) => r.getRanges().map((x) => x.getA1Notation()));
      const ok = validation !== null && format === '@' && rules.join() === 'A2:A5';
      return {
        answer: `danh sách chọn: ${validation ? 'có' : 'không'}; định dạng: “${format}”; màu điều kiện: ${rules.join(', ')}`,
        ok,
      };
    }),
  );

  lines.push(
    attempt('Khóa một vùng như MotCua khóa (thêm mình, bỏ người khác, đọc lại): chỉ còn chủ sở hữu và người chạy', () => {
      const sheet = freshTab(services, scratch, 10);
      const protection = sheet.getRange(1, 1, 2, 2).protect().setDescription('MotCua tự kiểm tra');
      const fresh = protection.getEditors().map((u) => u.getEmail());
      const left = lockProtection(protection, scratch, me, []);
      const after = protection.getEditors().map((u) => u.getEmail().toLowerCase());
      const owner = scratch.getOwner()?.getEmail().toLowerCase() ?? '';
      const ok = lockHolds(left) && after.length > 0 && after.every((e) => e === owner || e === me.toLowerCase());
      return {
        answer: `vùng mới khóa: ${fresh.length} người sửa (MotCua không dựa vào số này); sau khi khóa: ${after.join(', ') || '(trống)'}`,
        ok,
      };
    }),
  );

  lines.push(
    attempt('Khóa cả trang có vùng để ngỏ cho mọi người (“trừ một số ô”): MotCua đóng vùng đó và đọc lại không còn', () => {
      const sheet = freshTab(services, scratch, 10);
      const protection = sheet.protect().setDescription('MotCua tự kiểm tra');
      protection.setUnprotectedRanges([sheet.getRange(1, 1, 2, 2)]);
      const before = protection.getUnprotectedRanges().map((r) => r.getA1Notation());
      const left = lockProtection(protection, scratch, me, []);
      const after = protection.getUnprotectedRanges().length;
      protection.remove();
      return {
        answer: `vùng để ngỏ trước: ${before.join(', ') || '(không)'}; sau khi khóa: ${after} vùng${lockHolds(left) ? '' : `; ${lockGap(left)}`}`,
        ok: before.length === 1 && after === 0 && lockHolds(left),
      };
    }),
  );

  lines.push(
    attempt('Thuộc tính: 9 KB chữ có dấu (3.072 chữ “ệ”, 9.216 byte) ghi được', () => {
      const properties = documentProperties(services);
      const key = 'motcua.selftest.size';
      properties.setProperty(key, 'ệ'.repeat(3072));
      const over = thrown(() => properties.setProperty(key, 'ệ'.repeat(3073)));
      properties.deleteProperty(key);
      // MotCua keeps its values under 8 KB in UTF-8 bytes: either answer to the 3.073rd is safe.
      return { answer: `9.216 byte: được; 9.219 byte: ${over ? `“${over}”` : 'cũng được (Google đếm theo chữ)'}`, ok: true };
    }),
  );

  lines.push(
    attempt('Thuộc tính 9 KB ghi được; 1 byte hơn thì Google từ chối', () => {
      const properties = documentProperties(services);
      const key = 'motcua.selftest.size';
      properties.setProperty(key, 'x'.repeat(9 * 1024));
      const over = thrown(() => properties.setProperty(key, 'x'.repeat(9 * 1024 + 1)));
      properties.deleteProperty(key);
      return { answer: over ? `9 KB: được; 9 KB + 1: “${over}”` : '9 KB + 1 cũng ghi được', ok: over !== '' };
    }),
  );

  lines.push(
    attempt('Bộ nhớ đệm nhận giá trị 100 KB; 1 byte hơn thì Google từ chối', () => {
      const cache = services.cacheService.getDocumentCache() ?? services.cacheService.getScriptCache();
      const key = 'motcua.selftest.size';
      cache.put(key, 'x'.repeat(100 * 1024), 60);
      const kept = cache.get(key)?.length === 100 * 1024;
      const over = thrown(() => cache.put(key, 'x'.repeat(100 * 1024 + 1), 60));
      cache.remove(key);
      return {
        answer: `100 KB: ${kept ? 'được' : 'không giữ lại'}; 100 KB + 1: ${over ? `“${over}”` : 'cũng được'}`,
        ok: kept && over !== '',
      };
    }),
  );

  lines.push(
    attempt('Khóa tài liệu lấy được rồi nhả được', () => {
      const lock = services.lockService.getDocumentLock() ?? services.lockService.getScriptLock();
      const got = lock.tryLock(10_000);
      const held = lock.hasLock();
      lock.releaseLock();
      return { answer: `lấy: ${got}, đang giữ: ${held}, sau khi nhả: ${lock.hasLock()}`, ok: got && held && !lock.hasLock() };
    }),
  );

  lines.push(
    attempt('Tạo rồi xóa được một trình kích hoạt chạy một lần', () => {
      const trigger = services.scriptApp
        .newTrigger(SELF_TEST_TRIGGER_HANDLER)
        .timeBased()
        .after(60 * 60 * 1000)
        .create();
      const listed = services.scriptApp.getProjectTriggers().some((t) => t.getUniqueId() === trigger.getUniqueId());
      services.scriptApp.deleteTrigger(trigger);
      const gone = !services.scriptApp.getProjectTriggers().some((t) => t.getUniqueId() === trigger.getUniqueId());
      return { answer: `có trong danh sách: ${listed}; đã xóa: ${gone}`, ok: listed && gone };
    }),
  );

  lines.push(
    attempt('Hạn mức thư trong ngày đọc được (một số không âm)', () => {
      const left = services.mailApp.getRemainingDailyQuota();
      return { answer: String(left), ok: Number.isInteger(left) && left >= 0 };
    }),
  );

  lines.push(
    attempt('Biết người đang chạy: getEffectiveUser có địa chỉ (getActiveUser có thể trống)', () => {
      const active = services.session.getActiveUser().getEmail();
      const effective = services.session.getEffectiveUser().getEmail();
      return { answer: `getActiveUser: “${active}”; getEffectiveUser: “${effective}”`, ok: effective !== '' };
    }),
  );

  lines.push(
    attempt('Lời báo lỗi của Google khi đọc ngoài lưới và khi ghi sai kích thước', () => {
      const sheet = freshTab(services, scratch, 10);
      const outside = thrown(() => sheet.getRange(sheet.getMaxRows() + 1, 1));
      const shape = thrown(() => sheet.getRange(1, 1, 2, 1).setValues([['một']]));
      const ok =
        /coordinates of the range are outside the dimensions of the sheet/i.test(outside) &&
        /number of rows in the data does not match the number of rows in the range/i.test(shape);
      return { answer: `ngoài lưới: “${outside}”; sai kích thước: “${shape}”`, ok };
    }),
  );
  return lines;
}

/**
 * Read only, on the unit's own workbook: `Cấu hình` and every archive are locked for real (no
 * warning only, no range open to everyone, no domain-wide editing, no editor but the owner and the
 * heads): what the closing and the setup read back, read again later, after anyone changed sharing.
 */
function workbookLocks(services: Services, spreadsheet: Spreadsheet, heads: readonly string[]): SelfTestLine {
  return attempt('Trang Cấu hình và các trang Lưu trữ của sổ này khóa thật: chỉ chủ sở hữu và thủ trưởng sửa được', () => {
    const owner = spreadsheet.getOwner()?.getEmail().toLowerCase() ?? '';
    const allowed = new Set([owner, ...heads]);
    // The archives by their locks (a renamed one too) and by their names (one whose lock was removed).
    const archives = [
      ...archiveTabs(spreadsheet, lockedArchives(services.spreadsheetApp, documentProperties(services))),
      ...archiveTabs(spreadsheet, 'named'),
    ];
    const names = [TABS.config, ...new Set(archives.map(({ name }) => name))];
    const gaps = names.flatMap((name) => {
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) return [];
      const protection = sheet.getProtections(services.spreadsheetApp.ProtectionType.SHEET)[0];
      if (!protection) return [`“${name}”: chưa khóa`];
      if (protection.isWarningOnly()) return [`“${name}”: chỉ cảnh báo, ai cũng sửa được`];
      const editors = protection
        .getEditors()
        .map((u) => u.getEmail().toLowerCase())
        .filter((e) => e !== '');
      // A lock MotCua made lists at least the owner: an empty list is a protection whose editors never
      // changed (it mirrors the spreadsheet and protects nothing), or one Google will not describe.
      if (editors.length === 0) return [`“${name}”: không thấy ai trong danh sách người sửa (có thể chưa khóa thật)`];
      const others = editors.filter((e) => !allowed.has(e));
      const open = protection.getUnprotectedRanges().map((r) => r.getA1Notation());
      return [
        ...(others.length > 0 ? [`“${name}”: ${others.join(', ')} vẫn sửa được`] : []),
        ...(open.length > 0 ? [`“${name}”: vùng ${open.join(', ')} để ngỏ`] : []),
        ...(protection.canDomainEdit() ? [`“${name}”: cả tên miền sửa được`] : []),
      ];
    });
    return {
      answer:
        gaps.length > 0
          ? gaps.join('; ')
          : `đã đọc ${names.filter((n) => spreadsheet.getSheetByName(n)).length} trang: khóa đúng`,
      ok: gaps.length === 0,
    };
  });
}

/** Runs the self-test and writes its report; the head, or the spreadsheet's owner (who installed it), may. */
export function runSelfTest(services: Services): string {
  const unit = openUnit(services);
  const user = currentUserEmail(services);
  const owner = unit.spreadsheet.getOwner()?.getEmail().toLowerCase() ?? '';
  if (!headEmails(unit.settings.headEmail).includes(user) && user !== owner) {
    throw new SheetProblem(
      `Chỉ thủ trưởng đơn vị hoặc chủ sở hữu bảng tính (${owner || 'chưa rõ'}) được chạy Tự kiểm tra; bạn đang đăng nhập là ${user || 'chưa rõ'}.`,
    );
  }
  const scratch = scratchSheet(services);
  const lines = checks(services, scratch, services.session.getEffectiveUser().getEmail());
  // Not an assumption about Google but a finding about this workbook: counted and advised apart.
  const locks = workbookLocks(services, unit.spreadsheet, headEmails(unit.settings.headEmail));
  freshTab(services, scratch, 10);
  const different = lines.filter((l) => !l.ok).length;
  const summary = `Tự kiểm tra trên Google lúc ${formatDateTimeVi(unit.now)}: ${lines.length - different}/${lines.length} đúng như MotCua giả định${different ? `, ${different} khác` : ''}.`;
  withDocumentLock(services, () => {
    const ss = unit.spreadsheet;
    const tab = ss.getSheetByName(SELF_TEST_TAB) ?? ss.insertSheet(SELF_TEST_TAB);
    tab.clear();
    const values: CellValue[][] = [
      ['Điều MotCua giả định', 'Google trả lời', 'Kết quả'],
      ...lines.map((l) => [l.assumption, l.answer, l.ok ? 'ok' : 'khác']),
      [locks.assumption, locks.answer, locks.ok ? 'ok' : 'chưa khóa đúng'],
      [summary, `Bảng tính dùng để thử: ${scratch.getUrl()}`, ''],
    ];
    const range = tab.getRange(1, 1, values.length, 3);
    range.setNumberFormat('@');
    range.setValues(values);
    writeEvent(logLayout(ss, unit.knownLog), {
      at: unit.zone.toDate(unit.now),
      user,
      code: '',
      action: 'Tự kiểm tra trên Google',
      from: '',
      to: '',
      note: summary,
      details: {},
      requestKey: '',
    });
  });
  console.log(`MotCua: ${summary}`);
  const lockAdvice = locks.ok
    ? ''
    : ` Sổ này chưa khóa đúng (${locks.answer}): hãy để thủ trưởng chạy lại Thiết lập sổ, rồi xem Dữ liệu > Trang tính và dải ô được bảo vệ.`;
  return different
    ? `${summary}${lockAdvice} Hãy gửi trang “${SELF_TEST_TAB}” cho người triển khai MotCua: mỗi dòng “khác” là chỗ bản chạy thử trên máy chưa giống Google.`
    : `${summary}${lockAdvice} Kết quả ở trang “${SELF_TEST_TAB}”.`;
}
