/**
 * What the national service index (Decision 766/QĐ-TTg, 2022: the "digitisation" and "online
 * services" groups) and the reporting under Decree 118/2025 count of each dossier, beyond the
 * contract columns: the online level of the service (full or partial online public service, the
 * terms of Decree 42/2022/NĐ-CP), the channel it came by, whether the result was delivered
 * electronically, whether its components and its result were digitised, whether its fee was paid
 * online. Each is an optional register column with a dropdown: a row without it is "not recorded",
 * never guessed, and the report counts the recorded values with that rest shown.
 *
 * The lists are MotCua's reading of those indicators: the official indicator definitions could not
 * be read (see README, "What the national service index counts").
 */
import type { Channel } from './dossier';

export const SERVICE_FIELDS = {
  'Kênh nộp': ['Trực tiếp', 'Bưu chính', 'Cổng Dịch vụ công quốc gia', 'Ứng dụng VNeID', 'Cổng Dịch vụ công tỉnh'],
  'Mức độ trực tuyến': ['Toàn trình', 'Một phần'],
  'Số hóa thành phần hồ sơ': ['Có', 'Không'],
  'Thanh toán trực tuyến': ['Có', 'Không', 'Không thu phí'],
  'Hình thức trả kết quả': ['Bản điện tử', 'Bản giấy', 'Bản điện tử và bản giấy'],
  'Số hóa kết quả': ['Có', 'Không'],
} as const;

export type ServiceField = keyof typeof SERVICE_FIELDS;
export const SERVICE_FIELD_NAMES = Object.keys(SERVICE_FIELDS) as ServiceField[];

/** Recorded at intake (the first four) or with the result (the last two). */
export const INTAKE_SERVICE_FIELDS: readonly ServiceField[] = [
  'Kênh nộp',
  'Mức độ trực tuyến',
  'Số hóa thành phần hồ sơ',
  'Thanh toán trực tuyến',
];
export const RESULT_SERVICE_FIELDS: readonly ServiceField[] = ['Hình thức trả kết quả', 'Số hóa kết quả'];

/** What a row's cells say, where recorded. */
export type ServiceValues = Partial<Record<ServiceField, string>>;

/** The contract `Hình thức nộp` a channel belongs to. */
function channelGroup(channel: string): Channel | undefined {
  if (channel === 'Trực tiếp' || channel === 'Bưu chính') return channel;
  return (SERVICE_FIELDS['Kênh nộp'] as readonly string[]).includes(channel) ? 'Trực tuyến' : undefined;
}

/**
 * Why these values cannot go together, in Vietnamese, with the field to correct, or undefined: each
 * value from its list, the channel within `Hình thức nộp`, an online level only for an online dossier.
 */
export function serviceValuesProblem(
  submission: string,
  values: ServiceValues,
): { readonly field: ServiceField; readonly message: string } | undefined {
  for (const field of SERVICE_FIELD_NAMES) {
    const value = values[field];
    if (value && !(SERVICE_FIELDS[field] as readonly string[]).includes(value)) {
      return { field, message: `${field} “${value}” không thuộc danh mục (${SERVICE_FIELDS[field].join(', ')}).` };
    }
  }
  const channel = values['Kênh nộp'];
  if (channel && channelGroup(channel) !== submission) {
    return {
      field: 'Kênh nộp',
      message: `Kênh nộp “${channel}” không khớp hình thức nộp “${submission}” (${channelGroup(channel) ?? ''}).`,
    };
  }
  if (values['Mức độ trực tuyến'] && submission !== 'Trực tuyến') {
    return {
      field: 'Mức độ trực tuyến',
      message: 'Chỉ hồ sơ nộp trực tuyến mới có mức độ trực tuyến (toàn trình hoặc một phần); hãy để trống.',
    };
  }
  return undefined;
}

export const NOT_RECORDED = '(chưa ghi)';
/**
 * The online level of a dossier not submitted online (at the counter, by post): there is none to
 * record, so it is not "not recorded" (the index counts online levels over online dossiers only).
 */
const NOT_APPLICABLE = '(không áp dụng)';
/** A value typed by hand that is not in the field's list: counted apart, never taken for one of them. */
export const OTHER_VALUE = '(không thuộc danh mục)';

/**
 * Per field, how many dossiers hold each value: the list's values in order, then `NOT_RECORDED`,
 * then `OTHER_VALUE` (then `NOT_APPLICABLE` for the online level). Arrays, so that the report's 200,000 rows are counted by index, not by text.
 */
export type ServiceCounts = Record<ServiceField, number[]>;

/** Fields that apply to online dossiers only: a counter or postal dossier's blank is "không áp dụng". */
const ONLINE_ONLY: readonly ServiceField[] = ['Mức độ trực tuyến'];

const labelsOf = (field: ServiceField): readonly string[] => [
  ...SERVICE_FIELDS[field],
  NOT_RECORDED,
  OTHER_VALUE,
  ...(ONLINE_ONLY.includes(field) ? [NOT_APPLICABLE] : []),
];

export function emptyServiceCounts(): ServiceCounts {
  return Object.fromEntries(SERVICE_FIELD_NAMES.map((f) => [f, labelsOf(f).map(() => 0)])) as Record<ServiceField, number[]>;
}

/** Where a row's values fall in `ServiceCounts`, one index per field (in `SERVICE_FIELD_NAMES` order). */
export type ServiceSlots = readonly number[];
/** A blank field's slot: "not recorded", or "not applicable" for an online-only field of an offline dossier. */
const blankSlot = (field: ServiceField, online: boolean) =>
  !online && ONLINE_ONLY.includes(field) ? SERVICE_FIELDS[field].length + 2 : SERVICE_FIELDS[field].length;
const NONE_RECORDED_ONLINE: ServiceSlots = SERVICE_FIELD_NAMES.map((f) => blankSlot(f, true));
const NONE_RECORDED_OFFLINE: ServiceSlots = SERVICE_FIELD_NAMES.map((f) => blankSlot(f, false));

/**
 * Found once per row, then added to every line the row counts in. `online`: the row's `Hình thức
 * nộp` is `Trực tuyến` (its online level applies).
 */
export function serviceSlots(values: ServiceValues | undefined, online: boolean): ServiceSlots {
  const none = online ? NONE_RECORDED_ONLINE : NONE_RECORDED_OFFLINE;
  if (!values) return none;
  let any = false;
  const slots = SERVICE_FIELD_NAMES.map((field) => {
    const value = values[field];
    if (!value) return blankSlot(field, online);
    any = true;
    const i = (SERVICE_FIELDS[field] as readonly string[]).indexOf(value);
    return i >= 0 ? i : SERVICE_FIELDS[field].length + 1;
  });
  return any ? slots : none;
}

/**
 * Where each of a list of fields is in `SERVICE_FIELD_NAMES`, found once per list and looked up by the
 * list itself (a report adds 200,000 rows to four lines each; callers pass the same few lists).
 */
const placesOf: { fields: readonly ServiceField[]; places: readonly number[] }[] = [];

function placesFor(fields: readonly ServiceField[]): readonly number[] {
  for (const known of placesOf) if (known.fields === fields) return known.places;
  const places = fields.map((f) => SERVICE_FIELD_NAMES.indexOf(f));
  // Bounded: a caller building its lists on the fly would otherwise grow it without end.
  if (placesOf.length < 8) placesOf.push({ fields, places });
  return places;
}

export function addServiceSlots(into: ServiceCounts, fields: readonly ServiceField[], slots: ServiceSlots): void {
  const places = placesFor(fields);
  for (let i = 0; i < fields.length; i += 1) {
    const counts = into[fields[i]!];
    const slot = slots[places[i]!] ?? 0;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
}

export function addServiceCounts(into: ServiceCounts, more: ServiceCounts): void {
  for (const field of SERVICE_FIELD_NAMES) {
    const counts = into[field];
    (more[field] ?? []).forEach((n, i) => (counts[i] = (counts[i] ?? 0) + n));
  }
}

/** The counts by value, as the report and `summary --json` show them. */
export function serviceCountsByValue(counts: ServiceCounts): Record<ServiceField, Record<string, number>> {
  return Object.fromEntries(
    SERVICE_FIELD_NAMES.map((f) => [f, Object.fromEntries(labelsOf(f).map((label, i) => [label, counts[f]?.[i] ?? 0]))]),
  ) as Record<ServiceField, Record<string, number>>;
}
