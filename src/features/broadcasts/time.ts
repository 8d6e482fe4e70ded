import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat.js";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { parseFutureLocalTime, zoned, type FutureTimeParse } from "../../time.js";
import type { QuietHours } from "./config.js";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** A schedule may be at most this far ahead. */
export const MAX_SCHEDULE_DAYS = 90;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the quiet hours of zone `tz`. */
export function inQuietHours(at: Date, tz: string, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const local = zoned(at, tz);
  const m = local.hour() * 60 + local.minute();
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start > end ? m >= start || m < end : m >= start && m < end;
}

/** The end of the quiet period `at` is in (the next local `end` time). */
export function quietEndAfter(at: Date, tz: string, quiet: QuietHours): Date {
  const local = zoned(at, tz);
  let end = dayjs.tz(`${local.format("YYYY-MM-DD")} ${quiet.end}`, "YYYY-MM-DD HH:mm", tz);
  if (!end.isAfter(at)) end = dayjs.tz(`${local.add(1, "day").format("YYYY-MM-DD")} ${quiet.end}`, "YYYY-MM-DD HH:mm", tz);
  return end.toDate();
}

export type ScheduleParse = FutureTimeParse;

/** "YYYY-MM-DD HH:mm" in the community's zone, strictly in the future and at most 90 days ahead. */
export function parseScheduleTime(input: string, tz: string, now: Date): ScheduleParse {
  return parseFutureLocalTime(input, tz, now, MAX_SCHEDULE_DAYS);
}

export function formatLocal(at: Date | string, tz: string): string {
  return zoned(at, tz).format("YYYY-MM-DD HH:mm");
}
