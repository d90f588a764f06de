/**
 * The one place where civil dates of Asia/Ho_Chi_Minh meet spreadsheet `Date` cells: conversion
 * with the spreadsheet's time zone through `Utilities.formatDate`, never the host's zone.
 */
import { type CivilDate, type CivilDateTime, parseCivilDateTime, ymd } from '../core/civil';
import type { UtilitiesService } from '../gas/services';

const HOUR_MS = 3600000;

/** Deadlines, receipts and "now" are Vietnamese wall time (domain.md §9). */
export const UNIT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VIETNAM_FIXED_SINCE_MS = Date.UTC(1976, 0, 1);

export class ZoneConverter {
  /** Offsets by UTC hour: zones change offset on hour boundaries, so one lookup serves the hour. */
  private readonly offsets = new Map<number, number>();

  constructor(
    private readonly utilities: UtilitiesService,
    readonly timeZone: string,
  ) {}

  private offsetMs(instantMs: number): number {
    // Vietnam has kept UTC+7, without daylight saving, since 13/6/1975 (tz database): no call needed.
    if (this.timeZone === UNIT_TIME_ZONE && instantMs >= VIETNAM_FIXED_SINCE_MS) return 7 * HOUR_MS;
    const bucket = Math.floor(instantMs / HOUR_MS);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      const z = this.utilities.formatDate(new Date(bucket * HOUR_MS), this.timeZone, 'Z'); // "+0700"
      const sign = z.startsWith('-') ? -1 : 1;
      offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The civil wall time of an instant in the spreadsheet's zone. */
  toCivil(date: Date): CivilDateTime {
    const shifted = new Date(date.getTime() + this.offsetMs(date.getTime()));
    const text = `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}-${String(shifted.getUTCDate()).padStart(2, '0')} ${String(shifted.getUTCHours()).padStart(2, '0')}:${String(shifted.getUTCMinutes()).padStart(2, '0')}`;
    const civil = parseCivilDateTime(text);
    if (!civil) throw new RangeError(`Ngày giờ không hợp lệ: ${text}`);
    return civil;
  }

  /** The instant a civil wall time names in the spreadsheet's zone. */
  toDate(at: CivilDateTime): Date {
    const [y, m, d] = ymd(at.date);
    const wallAsUtc = Date.UTC(y, m - 1, d, Math.floor(at.minute / 60), at.minute % 60);
    let instant = wallAsUtc - this.offsetMs(wallAsUtc);
    instant = wallAsUtc - this.offsetMs(instant);
    return new Date(instant);
  }

  dateOnly(date: CivilDate): Date {
    return this.toDate({ date, minute: 0 });
  }
}
