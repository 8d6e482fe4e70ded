import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups } from "../../db/schema/index.js";
import { nextSignupStatus } from "./signup-lifecycle.js";

/** Check-in opens this long before the start (people arrive early to set up). */
export const CHECK_IN_OPENS_MS = 30 * 60_000;

export type CheckInResult =
  | { ok: true; eventId: number; title: string; alreadyIn: boolean }
  | { ok: false; reason: "wrong-code" | "not-signed-up" | "waitlisted" | "too-early" | "over" | "event-cancelled" };

/** A check-in code as people type it: spaces and case do not matter. */
export const normaliseCode = (typed: string): string => typed.replace(/\s+/g, "").toUpperCase();

/**
 * A volunteer checks in with the code the organiser shows, during the event's window (from 30
 * minutes before the start to its end). Checking in twice is harmless.
 */
export async function checkInByCode(db: Database, input: { code: string; userId: number; at: Date }): Promise<CheckInResult> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .select()
      .from(events)
      .where(eq(events.checkInCode, normaliseCode(input.code)));
    if (!event) return { ok: false, reason: "wrong-code" } as const;
    if (event.status === "cancelled") return { ok: false, reason: "event-cancelled" } as const;
    if (input.at.getTime() < event.startsAt.getTime() - CHECK_IN_OPENS_MS) return { ok: false, reason: "too-early" } as const;
    if (input.at > event.endsAt) return { ok: false, reason: "over" } as const;
    const [signup] = await tx
      .select()
      .from(eventSignups)
      .where(
        and(
          eq(eventSignups.eventId, event.id),
          eq(eventSignups.userId, input.userId),
          inArray(eventSignups.status, ["confirmed", "attended", "no_show", "waitlisted", "offered"]),
        ),
      )
      .for("update");
    if (!signup) return { ok: false, reason: "not-signed-up" } as const;
    // Waiting for a seat (or offered one not yet taken) is not holding one: told as such, not "not signed up".
    if (signup.status === "waitlisted" || signup.status === "offered") return { ok: false, reason: "waitlisted" } as const;
    if (signup.status === "attended") return { ok: true, eventId: event.id, title: event.title, alreadyIn: true } as const;
    const status = nextSignupStatus(signup.status, "checkIn");
    await tx.update(eventSignups).set({ status, checkedInAt: input.at, updatedAt: input.at }).where(eq(eventSignups.id, signup.id));
    return { ok: true, eventId: event.id, title: event.title, alreadyIn: false } as const;
  });
}

/**
 * The minutes an attended sign-up `s` counts at its event `e`: what staff credited, else from
 * check-in (or the start, if earlier) to the end. Every hours figure (/hours, /volunteers, the
 * exports, the daily report) reads this one expression.
 */
export const servedMinutes = sql.raw(
  "coalesce(s.credited_minutes, greatest(0, extract(epoch from (e.ends_at - greatest(coalesce(s.checked_in_at, e.starts_at), e.starts_at))) / 60))",
);

/**
 * True for an event `e` that is a volunteer duty: every kind but a lecture, whose sign-ups on the
 * same core are its audience. Whatever counts volunteering (/hours, /volunteers, the hours CSV, the
 * daily report and /stats) counts these events only.
 */
export const volunteerDuty = sql.raw("e.kind <> 'lecture'");

export interface VolunteerHours {
  /** Minutes, this month and this year in the community's time zone, and all time. */
  month: number;
  year: number;
  all: number;
  events: number;
}

/**
 * A volunteer's hours: each attended duty from check-in (or its start, if earlier) to its end,
 * or what staff credited by hand (a lecture they sat in does not count). Months and years are the community's calendar ones.
 */
export async function hoursOf(db: Database, userId: number, at: Date, timezone: string): Promise<VolunteerHours> {
  const [row] = await queryRows<{ month: number; year: number; all: number; events: number }>(
    db,
    sql`with served as (
          select e.starts_at, ${servedMinutes} as minutes
          from ${eventSignups} s join ${events} e on e.id = s.event_id
          where s.user_id = ${userId} and s.status = 'attended' and ${volunteerDuty} and e.starts_at <= ${at.toISOString()}::timestamptz)
        select
          coalesce(sum(minutes) filter (where date_trunc('month', starts_at at time zone ${timezone}) = date_trunc('month', ${at.toISOString()}::timestamptz at time zone ${timezone})), 0)::int as month,
          coalesce(sum(minutes) filter (where date_trunc('year', starts_at at time zone ${timezone}) = date_trunc('year', ${at.toISOString()}::timestamptz at time zone ${timezone})), 0)::int as year,
          coalesce(sum(minutes), 0)::int as all,
          count(*)::int as events
        from served`,
  );
  return { month: Number(row?.month ?? 0), year: Number(row?.year ?? 0), all: Number(row?.all ?? 0), events: Number(row?.events ?? 0) };
}
