import dayjs, { type Dayjs } from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat.js";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/**
 * Local time in an IANA zone, for the hot paths. dayjs's timezone plugin builds a new ICU
 * formatter on every `.tz()` call (through toLocaleString), which cost about 5% of the whole
 * CPU of a /report conversation; one cached formatter per zone gives the same answers.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at that instant, in minutes (Shanghai: 480). */
export function utcOffsetMinutes(at: Date | number, tz: string): number {
  const ms = typeof at === "number" ? at : at.getTime();
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(wholeSecond)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return Math.round((asUtc - wholeSecond) / 60_000);
}

/** `at` as a dayjs in the zone's local time (format, hour(), …); same as dayjs(at).tz(tz). */
export function zoned(at: Date | string | number, tz: string): Dayjs {
  const instant = dayjs(at);
  return instant.utcOffset(utcOffsetMinutes(instant.valueOf(), tz));
}

/**
 * "YYYY-MM-DD HH:mm" as typed in the zone's local time, read strictly: any other shape, or a day
 * that does not exist (2026-02-30, which dayjs would roll over into March), gives undefined.
 */
export function parseLocalDateTime(input: string, tz: string): Date | undefined {
  const text = input.trim().replace(/\s+/g, " ");
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) return undefined;
  const local = dayjs.tz(text, "YYYY-MM-DD HH:mm", tz);
  if (!local.isValid() || local.format("YYYY-MM-DD HH:mm") !== text) return undefined;
  return local.toDate();
}

export type FutureTimeParse = { ok: true; at: Date } | { ok: false; reason: "format" | "past" | "too-far" };

/** parseLocalDateTime, strictly after `now` and at most `maxDays` after it. */
export function parseFutureLocalTime(input: string, tz: string, now: Date, maxDays: number): FutureTimeParse {
  const at = parseLocalDateTime(input, tz);
  if (!at) return { ok: false, reason: "format" };
  if (at.getTime() <= now.getTime()) return { ok: false, reason: "past" };
  if (at.getTime() > now.getTime() + maxDays * 24 * 3600_000) return { ok: false, reason: "too-far" };
  return { ok: true, at };
}

/** The same local time `days` later in the zone: a weekly rehearsal stays at 19:00 across a clock change. */
export function addLocalDays(at: Date, days: number, tz: string): Date {
  const wall = zoned(at, tz).add(days, "day").format("YYYY-MM-DD HH:mm:ss.SSS");
  return dayjs.tz(wall, "YYYY-MM-DD HH:mm:ss.SSS", tz).toDate();
}

/** The start of the local day `at` falls in. */
export function startOfLocalDay(at: Date, tz: string): Date {
  return dayjs.tz(zoned(at, tz).format("YYYY-MM-DD"), "YYYY-MM-DD", tz).toDate();
}

/** The community's time zone when none is set: the one place that names it. */
export const DEFAULT_TIMEZONE = "Asia/Shanghai";
