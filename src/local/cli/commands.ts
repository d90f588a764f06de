/** The `due` and `calendar` commands (design.md §8, contract). */
import { type CivilDateTime, formatIsoDateTime, parseCivilDateTime, parseClock, weekday } from '../../core/civil';
import { exceptionSource, WorkingCalendar } from '../../core/calendar';
import { computeDue, DEFAULT_CUTOFF_MINUTE, type Period } from '../../core/appointment';
import { DEFAULT_OFFICE_HOURS } from '../../core/officeHours';
import { announcementSource, cultureDayOffer, EXCEPTION_KIND_LABELS, isAnnounced } from '../../core/holidays';
import { formatAppointmentVi, formatDateVi, weekdayNameVi } from '../../core/format';
import { isSupportedDate, isSupportedYear, SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR } from '../../core/supportedRange';
import { readCalendarFile } from './calendarFile';
import { parseOptions, SUPPORTED_RANGE_VI, UsageError } from './usage';

/** The longest period `due` takes, in working days or working hours. */
const MAX_PERIOD = 3650;

function calendarFrom(file: string | undefined): WorkingCalendar {
  return new WorkingCalendar(
    file ? exceptionSource({ table: readCalendarFile(file), mode: 'replace-all' }) : exceptionSource({}),
  );
}

function parsePeriod(text: string, cutoff: string | undefined): Period {
  const m = /^(\d+)([dh])$/.exec(text.trim());
  if (text.trim() === 'same-day') {
    const cutoffMinute = cutoff === undefined ? DEFAULT_CUTOFF_MINUTE : parseClock(cutoff);
    if (cutoffMinute === undefined) throw new UsageError(`Giờ chốt “${cutoff}” không đúng dạng HH:mm.`);
    return { unit: 'trong ngày', value: 0, cutoffMinute };
  }
  if (!m) throw new UsageError(`Thời hạn “${text}” không hợp lệ: dùng Nd (ngày làm việc), Nh (giờ làm việc) hoặc same-day.`);
  if (cutoff !== undefined) throw new UsageError('--cutoff chỉ dùng với --period same-day.');
  const value = Number(m[1]);
  if (value < 1) throw new UsageError(`Thời hạn ${text} không hợp lệ: cần ít nhất 1 (trả trong ngày thì dùng same-day).`);
  if (value > MAX_PERIOD) throw new UsageError(`Thời hạn ${text} quá lớn: tối đa ${MAX_PERIOD}.`);
  return { unit: m[2] === 'd' ? 'ngày làm việc' : 'giờ làm việc', value };
}

function parseReceived(text: string): CivilDateTime {
  const receivedAt = parseCivilDateTime(text);
  if (!receivedAt) throw new UsageError(`Thời điểm tiếp nhận “${text}” không đúng dạng YYYY-MM-DD HH:mm.`);
  if (!isSupportedDate(receivedAt.date)) {
    throw new UsageError(`Thời điểm tiếp nhận “${text}” nằm ngoài khoảng ngày được hỗ trợ (${SUPPORTED_RANGE_VI}).`);
  }
  return receivedAt;
}

/** 24/11 as the CLI names it: its law, and the year's public-sector day off where announced. */
function cultureDayNote(date: string): string {
  return `Ngày Văn hóa Việt Nam, Nghị quyết 28/2026/QH16${date.startsWith('2026-') ? '; năm 2026 cơ quan nhà nước nghỉ theo Công văn 10065/VPCP-KGVX' : ''}`;
}

export function dueCommand(args: string[]): string {
  const values = parseOptions('due', args, {
    received: 'string',
    period: 'string',
    cutoff: 'string',
    calendar: 'string',
    json: 'boolean',
  });
  if (values.received === undefined) throw new UsageError('Thiếu --received "YYYY-MM-DD HH:mm".');
  if (values.period === undefined) throw new UsageError('Thiếu --period (ví dụ 5d, 4h hoặc same-day).');
  const receivedAt = parseReceived(values.received);
  const period = parsePeriod(values.period, values.cutoff);
  const calendar = calendarFrom(values.calendar);
  let due: CivilDateTime;
  try {
    due = computeDue(period, receivedAt, { calendar, officeHours: DEFAULT_OFFICE_HOURS });
  } catch (e) {
    // Only a calendar file can leave no working day to count (the built-in years all have some).
    if (values.calendar !== undefined && e instanceof RangeError) {
      throw new UsageError(`Không tính được hạn với tệp lịch ${values.calendar}: ${e.message}`);
    }
    throw e;
  }
  if (!isSupportedDate(due.date)) {
    throw new UsageError(
      `Hạn trả kết quả rơi vào ngày ${formatDateVi(due.date)}, ngoài khoảng ngày được hỗ trợ (${SUPPORTED_RANGE_VI}): ` +
        'chọn thời điểm tiếp nhận sớm hơn hoặc thời hạn ngắn hơn.',
    );
  }
  if (values.json) return JSON.stringify({ dueDate: due.date, dueAt: formatIsoDateTime(due) });
  const line = `Hạn trả kết quả: ${formatAppointmentVi(due)} (${weekdayNameVi(weekday(due.date))})`;
  // 24/11 is counted as a working day unless the unit says otherwise: said when it falls in the span.
  const offer = values.calendar === undefined ? cultureDayOffer(Number(due.date.slice(0, 4))) : undefined;
  return offer && receivedAt.date <= offer.date && offer.date <= due.date
    ? `${line}\nLưu ý: đã tính ${formatDateVi(offer.date)} (${cultureDayNote(offer.date)}) là ngày làm việc; nếu đơn vị nghỉ ngày này, thêm nó vào --calendar thì hạn lùi một ngày làm việc.`
    : line;
}

export function calendarCommand(args: string[]): string {
  const values = parseOptions('calendar', args, { year: 'string', calendar: 'string', json: 'boolean' });
  const range = `${SUPPORTED_FIRST_YEAR}–${SUPPORTED_LAST_YEAR}`;
  if (values.year === undefined) throw new UsageError(`Thiếu --year YYYY (năm trong khoảng ${range}).`);
  const year = Number(values.year);
  if (!/^\d{4}$/.test(values.year.trim()) || !isSupportedYear(year)) {
    throw new UsageError(`Năm “${values.year}” không hợp lệ: cần --year YYYY trong khoảng ${range}.`);
  }
  const calendar = calendarFrom(values.calendar);
  const days = calendar.exceptionsOfYear(year).map((e) => ({ date: e.date, kind: e.kind, name: e.name }));
  if (values.json) return JSON.stringify({ year, days });
  // Built-in days of a year with no announced schedule are the statute's: say so (domain.md §4).
  const status =
    values.calendar !== undefined
      ? ` (theo tệp ${values.calendar})`
      : isAnnounced(year)
        ? // The texts the schedule comes from, to check it against; what they leave out is the statute's.
          ` (theo ${announcementSource(year) ?? 'lịch nghỉ đã công bố'}; ngày không nêu trong đó theo Bộ luật Lao động)`
        : ' (lịch nghỉ chính thức chưa công bố: các ngày dưới đây theo Bộ luật Lao động 2019, Điều 111–112)';
  const offer = values.calendar === undefined ? cultureDayOffer(year) : undefined;
  return [
    `Ngày nghỉ và ngày làm bù năm ${year}${status}:`,
    ...days.map(
      (d) =>
        `  ${formatDateVi(d.date)}  ${weekdayNameVi(weekday(d.date)).padEnd(9)} ${EXCEPTION_KIND_LABELS[d.kind].padEnd(14)} ${d.name}`,
    ),
    ...(offer
      ? [`Chưa tính: ${formatDateVi(offer.date)} ${cultureDayNote(offer.date)} — thêm vào --calendar nếu đơn vị nghỉ ngày này.`]
      : []),
  ].join('\n');
}
