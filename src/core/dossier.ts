/** The dossier as the core sees it: the register row's meaning, free of any spreadsheet detail. */
import type { CivilDate, CivilDateTime } from './civil';

export const DOSSIER_STATUSES = [
  'Đã tiếp nhận',
  'Đang giải quyết',
  'Chờ bổ sung',
  'Đã có kết quả',
  'Đã trả kết quả',
  'Từ chối giải quyết',
  'Dừng giải quyết',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const CHANNELS = ['Trực tiếp', 'Trực tuyến', 'Bưu chính'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SATISFACTION_LEVELS = ['Rất hài lòng', 'Hài lòng', 'Không hài lòng'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export interface Dossier {
  readonly code: string;
  readonly procedureCode: string;
  readonly channel: Channel;
  readonly status: DossierStatus;
  readonly receivedAt: CivilDateTime;
  /** The original appointment: it alone decides timeliness. */
  readonly dueAt: CivilDateTime;
  /** The single re-appointment after an apology (Mẫu 04). */
  readonly newDueAt?: CivilDateTime;
  readonly delayReason?: string;
  readonly supplementCount: number;
  /** Date processing ended: result ready, refusal after review, or stop. */
  readonly resultDate?: CivilDate;
  readonly returnedDate?: CivilDate;
  readonly satisfaction?: Satisfaction;
}

/** Statuses after which the dossier no longer runs against its deadline. */
export const ENDED_STATUSES: readonly DossierStatus[] = [
  'Đã có kết quả',
  'Đã trả kết quả',
  'Từ chối giải quyết',
  'Dừng giải quyết',
];

export function isEnded(status: DossierStatus): boolean {
  return ENDED_STATUSES.includes(status);
}
