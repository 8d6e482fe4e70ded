import { parseFutureLocalTime, parseLocalDateTime, zoned, type FutureTimeParse } from "../../time.js";

/**
 * What an organiser types when creating or editing an event, read strictly: plain values in,
 * plain values or a reason out (the conversation turns a reason into a polite re-ask).
 */
export const TITLE_MAX = 80;
export const PLACE_MAX = 200;
export const SLOT_NAME_MAX = 30;
export const SLOTS_MAX = 10;
export const SLOT_CAPACITY_MAX = 10_000;
/** An event lasts at most this long (a two-day lecture is two events). */
export const EVENT_HOURS_MAX = 24;
/** An event starts at most this far ahead. */
export const START_DAYS_MAX = 366;

/** "2026-12-10 19:00" in the community's zone, in the future and at most a year ahead. */
export function parseStart(input: string, tz: string, now: Date): FutureTimeParse {
  return parseFutureLocalTime(input, tz, now, START_DAYS_MAX);
}

export type EndParse = { ok: true; endsAt: Date } | { ok: false; reason: "format" | "before-start" | "too-long" };

const HOURS = /^(\d{1,2}(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours|小时|个小时|钟头|个钟头)$/i;
const MINUTES = /^(\d{1,4})\s*(?:m|min|mins|minute|minutes|分|分钟)$/i;
const HOURS_MINUTES = /^(\d{1,2})\s*(?:h|hr|hrs|hours?|小时|个小时)\s*(\d{1,2})\s*(?:m|min|mins|minutes?|分|分钟)?$/i;
const CLOCK = /^(\d{1,2})[:：](\d{2})$/;

/**
 * How long, or when it ends: "2h", "1.5 小时", "90 min", "2h30", an end time on the start's day
 * ("21:00") or a full "2026-12-10 21:00". At most EVENT_HOURS_MAX after the start.
 */
export function parseEnd(input: string, startsAt: Date, tz: string): EndParse {
  const text = input.trim().replace(/\s+/g, " ");
  const minutes = durationMinutes(text);
  let endsAt: Date | undefined;
  if (minutes !== undefined) endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  else {
    const clock = CLOCK.exec(text);
    const day = zoned(startsAt, tz).format("YYYY-MM-DD");
    endsAt = clock ? parseLocalDateTime(`${day} ${clock[1]!.padStart(2, "0")}:${clock[2]}`, tz) : parseLocalDateTime(text, tz);
  }
  if (!endsAt) return { ok: false, reason: "format" };
  if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, reason: "before-start" };
  if (endsAt.getTime() - startsAt.getTime() > EVENT_HOURS_MAX * 3600_000) return { ok: false, reason: "too-long" };
  return { ok: true, endsAt };
}

function durationMinutes(text: string): number | undefined {
  const both = HOURS_MINUTES.exec(text);
  if (both) return Number(both[1]) * 60 + Number(both[2]);
  const hours = HOURS.exec(text);
  if (hours) return Math.round(Number(hours[1]) * 60);
  const minutes = MINUTES.exec(text);
  return minutes ? Number(minutes[1]) : undefined;
}

export interface SlotInput {
  name: string;
  /** null: as many as come. */
  capacity: number | null;
}

export type SlotsParse =
  | { ok: true; slots: SlotInput[] }
  | { ok: false; reason: "format" | "too-many" | "bad-capacity" | "name-too-long" | "duplicate"; name?: string };

/** Words for "no limit", for one role ("观众 不限") or the whole line. */
const NO_LIMIT_WORDS = "no limit|unlimited|any number|不限人数|不限名额|不限|无限制";
const NO_LIMIT = new RegExp(`^(?:${NO_LIMIT_WORDS})$`, "i");
const OPEN_SLOT = new RegExp(`^(.*?)\\s*(?:${NO_LIMIT_WORDS})$`, "i");
/** "鼓手 12", "鼓手12人", "Drummers x 12", "引导：3". */
const SLOT = /^(.*?[^\d\s])\s*(?:[×*:：]|\s[xX]\s?)?\s*(\d+)\s*(?:人|名|个|位|people|persons?|seats?)?$/i;

/**
 * Role slots as one line: "鼓手 12, 引导 3" (commas, 、, ; or new lines between them). A role
 * without a number, or with "不限", has no limit; the whole line "no limit" gives one open slot.
 */
export function parseSlots(input: string): SlotsParse {
  const text = input.trim();
  if (NO_LIMIT.test(text)) return { ok: true, slots: [] };
  const items = text
    .split(/[,，、;；\n]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) return { ok: false, reason: "format" };
  if (items.length > SLOTS_MAX) return { ok: false, reason: "too-many" };
  const slots: SlotInput[] = [];
  for (const item of items) {
    const open = OPEN_SLOT.exec(item);
    const numbered = SLOT.exec(item);
    let slot: SlotInput;
    if (open && open[1]!.trim() !== "") slot = { name: open[1]!.trim(), capacity: null };
    else if (numbered) slot = { name: numbered[1]!.trim(), capacity: Number(numbered[2]) };
    else if (!/\d/.test(item)) slot = { name: item, capacity: null };
    else return { ok: false, reason: "format", name: item };
    if (slot.name.length > SLOT_NAME_MAX) return { ok: false, reason: "name-too-long", name: slot.name };
    if (slot.capacity !== null && (slot.capacity < 1 || slot.capacity > SLOT_CAPACITY_MAX)) return { ok: false, reason: "bad-capacity", name: slot.name };
    if (slots.some((s) => s.name.toLowerCase() === slot.name.toLowerCase())) return { ok: false, reason: "duplicate", name: slot.name };
    slots.push(slot);
  }
  return { ok: true, slots };
}

/** A new number of seats: a whole number from 1, or "no limit" (null). */
export function parseCapacity(input: string): { ok: true; capacity: number | null } | { ok: false } {
  const text = input.trim();
  if (NO_LIMIT.test(text)) return { ok: true, capacity: null };
  if (!/^\d{1,6}$/.test(text)) return { ok: false };
  const capacity = Number(text);
  return capacity >= 1 && capacity <= SLOT_CAPACITY_MAX ? { ok: true, capacity } : { ok: false };
}
