import { zoned } from "../../time.js";

/** A calendar day as staff type and read it: "2026-05-01". */
export type Day = string;

export { DEFAULT_TIMEZONE } from "../../time.js";

/**
 * True for a real calendar day written YYYY-MM-DD (2026-02-30 is not one). Years before 2000 or
 * after 2999 are refused too: nothing was recorded then, and Postgres dates stay in range.
 */
export function isDay(text: string): text is Day {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  if (year < 2000 || year > 2999) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** The calendar day `at` falls on in the time zone. */
export function dayIn(at: Date, tz: string): Day {
  return zoned(at, tz).format("YYYY-MM-DD");
}

/** The local hour (0–23) of `at` in the time zone. */
export function hourIn(at: Date, tz: string): number {
  return zoned(at, tz).hour();
}

/** `day` moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to` inclusive (1 for the same day). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Monday of the week `day` is in (weeks start on Monday in China). */
export function startOfWeek(day: Day): Day {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export function startOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function startOfQuarter(day: Day): Day {
  const month = Number(day.slice(5, 7));
  const first = month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, "0")}-01`;
}
