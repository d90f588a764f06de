/**
 * `Một cửa › Chia sẻ cho HĐND`: the council's read-only copy. A separate spreadsheet (made once,
 * refreshed after) holding the `Tổng hợp giám sát` sheet as values only — no formula, no link back,
 * nothing of an applicant (the summary holds none) — shared view-only with the council addresses
 * of `Cấu hình` (Google notifies them), those no longer listed removed, and each share logged.
 * Only the unit head named in `Cấu hình` may share.
 */
import { formatDateTimeVi } from '../../core/format';
import { describeGoogleFault } from '../../core/googleFaults';
import type { Services, Spreadsheet } from '../../gas/services';
import { logLayout, writeEvent } from '../../sheets/eventLog';
import { SheetProblem } from '../../sheets/layout';
import { TABS } from '../../sheets/schema';
import { layoutSummarySheet } from '../../sheets/summarySheet';
import { isEmailAddress } from '../../sheets/settings';
import { headEmails, requireUnitHead } from '../access';
import { documentProperties, openUnit, withDocumentLock } from '../unitContext';

const COPY_PROPERTY = 'motcua.council.copy';
/** Who made the copy: the only one sure to open it (the other heads are added as its editors). */
const COPY_MAKER_PROPERTY = 'motcua.council.copyBy';
const SHARE_ACTION = 'Chia sẻ cho HĐND';

const lower = (email: string) => email.trim().toLowerCase();

/** Whether `user` may change `copy` (its owner or an editor); a refused question means no. */
function canChange(copy: Spreadsheet, user: string): boolean {
  try {
    return lower(copy.getOwner()?.getEmail() ?? '') === user || copy.getEditors().some((u) => lower(u.getEmail()) === user);
  } catch (error) {
    if (describeGoogleFault(error)) throw error; // a passing fault says nothing of the rights
    return false;
  }
}

export function shareWithCouncil(services: Services): string {
  const unit = openUnit(services);
  const spreadsheet = unit.spreadsheet;
  // The head, or a deputy listed with them (the warnings accept several addresses there too).
  const user = requireUnitHead(services, unit.settings.headEmail, 'chia sẻ báo cáo cho HĐND');
  const council = [...new Set(unit.settings.councilEmails.map(lower))];
  const invalid = council.filter((e) => !isEmailAddress(e));
  if (invalid.length > 0) throw new SheetProblem(`Email HĐND không đúng dạng trong trang Cấu hình: ${invalid.join(', ')}.`);
  if (council.length === 0) throw new SheetProblem('Chưa có “Email HĐND (bản chỉ xem)” trong trang Cấu hình.');
  const source = spreadsheet.getSheetByName(TABS.summary);
  if (!source || source.getLastRow() === 0)
    throw new SheetProblem(`Chưa có trang “${TABS.summary}”: hãy chọn Một cửa › Lập báo cáo tổng hợp trước.`);
  const area = source.getRange(1, 1, source.getLastRow(), source.getLastColumn());
  const all = area.getValues();
  const allFormats = area.getNumberFormats();
  // The data-quality block names rows and quotes what was typed in them (a name pasted into the wrong
  // column would travel with it): the council gets its count only.
  const quality = all.findIndex((r) => String(r[0]).startsWith('Chất lượng dữ liệu'));
  // Fail closed: a report retyped by hand is made again before it goes to the council.
  if (quality < 0) {
    throw new SheetProblem(
      `Trang “${TABS.summary}” đã bị sửa tay (không thấy phần Chất lượng dữ liệu): hãy chọn Một cửa › Lập báo cáo tổng hợp rồi chia sẻ lại.`,
    );
  }
  const cut = quality + 1;
  // Delay reasons are typed by hand and may name the applicant ("chờ bà … bổ sung"): the council
  // gets each one's count, not its text.
  const reasons = all.findIndex((r) => r[0] === 'Lý do chậm');
  for (let i = reasons + 1; reasons >= 0 && i < cut && all[i]?.[0]; i += 1)
    if (!/^\(không (có|ghi lý do)\)$|^… và/.test(String(all[i]![0])))
      all[i]![0] = `Lý do ${i - reasons} (ghi tay: chỉ có trong sổ của đơn vị)`;
  const listedRows = all.slice(cut).filter((r) => r.some((v) => v !== '') && r[0] !== '(không có)').length;
  const width = all[0]?.length ?? 1;
  const note = [
    `${listedRows} mục (dòng không phân loại được, sổ không đọc được): chi tiết chỉ có trong sổ của đơn vị.`,
    ...Array<string>(width - 1).fill(''),
  ];
  // The block's column headings (code, row, reason) would head nothing but the count: its title only.
  const heading = [all[quality]![0] ?? '', ...Array<string>(width - 1).fill('')];
  const values = [...all.slice(0, quality), heading, note];
  const formats = [...allFormats.slice(0, cut), Array<string>(width).fill('@')];

  return withDocumentLock(services, () => {
    const properties = documentProperties(services);
    const knownId = properties.getProperty(COPY_PROPERTY);
    const heads = headEmails(unit.settings.headEmail);
    const maker = lower(properties.getProperty(COPY_MAKER_PROPERTY) ?? '');
    // Another listed head's copy this one cannot change: a second copy would leave the council one never
    // refreshed, still shared with whoever the first listed. A maker no longer listed is no one to ask.
    const askMaker = () =>
      new SheetProblem(
        `Bản chỉ xem cho HĐND do ${maker} tạo, và bạn chưa được sửa bản đó; MotCua không tạo bản thứ hai (HĐND sẽ có một bản không còn được cập nhật). Hãy nhờ ${maker} chia sẻ lại một lần: MotCua sẽ thêm các thủ trưởng khác làm người sửa bản đó. Chưa có gì thay đổi.`,
      );
    const makerListed = maker !== '' && maker !== user && heads.includes(maker);
    let copy;
    let lost: false | 'gone' | 'viewOnly' = false;
    try {
      copy = knownId ? services.spreadsheetApp.openById(knownId) : undefined;
    } catch (error) {
      // One of Google's passing faults must not leave the council with two copies, one of them never
      // refreshed; any other answer (Google words a deleted or unshared file several ways) means the
      // copy is gone for MotCua, and a new one is made.
      if (describeGoogleFault(error)) {
        throw new SheetProblem(
          'Chưa mở được bản chỉ xem đã có (Google tạm thời không trả lời); chưa có gì thay đổi, hãy thử lại sau ít phút.',
        );
      }
      if (makerListed) throw askMaker();
      copy = undefined;
      lost = 'gone';
    }
    // Opened but only to view (a head who is also on the council): writing it would fail half-way.
    if (copy && !canChange(copy, user)) {
      if (makerListed) throw askMaker();
      copy = undefined;
      lost = 'viewOnly';
    }
    const created = !copy;
    copy ??= services.spreadsheetApp.create(
      `Báo cáo giải quyết TTHC cho HĐND – ${unit.settings.unitName || spreadsheet.getName()}`,
    );
    const made = copy;
    const remember = () => {
      properties.setProperty(COPY_PROPERTY, made.getId());
      if (created) properties.setProperty(COPY_MAKER_PROPERTY, user);
    };
    try {
      remember();
    } catch {
      // A copy whose id is not kept is never refreshed, and the next share makes another: a passing
      // error here is tried once more (Google's advice for its server errors).
      remember();
    }
    const sheet = copy.getSheets()[0]!;
    for (const extra of copy.getSheets().slice(1)) copy.deleteSheet(extra);
    sheet.setName(TABS.summary);
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
    if (sheet.getMaxRows() < values.length) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
    if (sheet.getMaxColumns() < (values[0]?.length ?? 0))
      sheet.insertColumnsAfter(sheet.getMaxColumns(), (values[0]?.length ?? 0) - sheet.getMaxColumns());
    const target = sheet.getRange(1, 1, values.length, values[0]?.length ?? 1);
    // Plain text first where the source had it, so nothing becomes a formula; values only.
    target.setNumberFormats(formats);
    target.setValues(values);
    layoutSummarySheet(sheet, values);
    const current = copy.getViewers().map((v) => lower(v.getEmail()));
    const removed = current.filter((e) => !council.includes(e));
    // One address at a time: Google refuses a list as a whole when one address is refused (a domain's
    // sharing policy), and each refusal is told with its address.
    const added: string[] = [];
    const refused: string[] = [];
    for (const email of council.filter((e) => !current.includes(e))) {
      try {
        copy.addViewer(email);
        added.push(email);
      } catch (error) {
        if (describeGoogleFault(error)) throw error;
        refused.push(email);
      }
    }
    for (const email of removed) copy.removeViewer(email);
    // The other heads may refresh it too: editors of the copy (not notified; the copy is theirs to update).
    const editors = copy.getEditors().map((u) => lower(u.getEmail()));
    const unshared: string[] = [];
    for (const head of heads.filter((h) => !editors.includes(h))) {
      try {
        copy.addEditors([head]);
      } catch (error) {
        if (describeGoogleFault(error)) throw error;
        unshared.push(head);
      }
    }
    const when = formatDateTimeVi(unit.now);
    writeEvent(logLayout(spreadsheet, unit.knownLog), {
      at: unit.zone.toDate(unit.now),
      user,
      code: '',
      action: SHARE_ACTION,
      from: '',
      to: '',
      note: `Bản chỉ xem ${copy.getUrl()}: người xem ${council.filter((e) => !refused.includes(e)).join(', ')}${added.length ? `; thêm ${added.join(', ')}` : ''}${removed.length ? `; bỏ ${removed.join(', ')}` : ''}${refused.length ? `; Google từ chối ${refused.join(', ')}` : ''}`,
      details: {},
      requestKey: '',
    });
    return (
      (lost
        ? `${
            lost === 'gone'
              ? 'Bản chỉ xem trước không còn mở được (đã bị xóa hoặc bạn không còn quyền), nên MotCua tạo bản mới.'
              : 'Bạn chỉ được xem bản chỉ xem trước, không sửa được, nên MotCua tạo bản mới.'
          }${maker !== '' && maker !== user ? ` Hãy nhờ ${maker} (người tạo bản trước) thôi chia sẻ bản đó với HĐND.` : ''} `
        : '') +
      `${created ? 'Đã tạo' : 'Đã cập nhật'} bản chỉ xem cho HĐND lúc ${when}: ${copy.getUrl()}. ` +
      `Người xem: ${council.filter((e) => !refused.includes(e)).join(', ') || '(chưa có ai)'}.` +
      (added.length ? ` Google đã gửi thư báo cho ${added.join(', ')}.` : '') +
      (removed.length ? ` Đã bỏ quyền xem của ${removed.join(', ')}.` : '') +
      refused
        .map(
          (e) =>
            ` Google không cho chia sẻ với ${e} (thường do tổ chức của bạn chỉ cho chia sẻ trong tên miền của mình): hãy kiểm tra địa chỉ, hoặc nhờ quản trị Google Workspace cho phép.`,
        )
        .join('') +
      (unshared.length ? ` Google không cho ${unshared.join(', ')} sửa bản chỉ xem: chỉ ${user} cập nhật được bản này.` : '') +
      (created
        ? ' Đừng chuyển bản chỉ xem vào Thùng rác: MotCua không xin quyền Google Drive nên không thấy được việc đó, và HĐND sẽ mất bản xem; muốn thôi chia sẻ, hãy xóa địa chỉ trong Cấu hình rồi chia sẻ lại.'
        : '')
    );
  });
}
