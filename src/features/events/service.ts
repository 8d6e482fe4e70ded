import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, teams, type EventKind } from "../../db/schema/index.js";
import { addLocalDays } from "../../time.js";
import { recordAudit } from "../staff/audit.js";
import { seatHolding } from "./signup-lifecycle.js";

export interface NewEvent {
  communityId: number;
  kind: EventKind;
  title: string;
  description?: string | null;
  place?: string | null;
  location?: { latitude: number; longitude: number } | null;
  startsAt: Date;
  endsAt: Date;
  signupDeadline?: Date | null;
  audience?: "volunteers" | "team" | "everyone";
  teamId?: number | null;
  createdBy: number | null;
  /** Role slots with their seats; none given: one slot with no limit. */
  slots: Array<{ name: string; capacity: number | null }>;
  /**
   * Weekly repetition (rehearsals): `weeks` events, one a week at the same local time in the
   * community's zone, sharing a seriesId (the first one's id). Absent or 1: one event.
   */
  series?: { weeks: number; timezone: string } | null;
}

/** A series is at most a year of weekly events. */
export const MAX_SERIES_WEEKS = 52;

export type EventInputError = "ends-before-start" | "no-title" | "bad-capacity" | "deadline-after-start" | "bad-series";

/** What is wrong with an event before it is saved, or null. */
export function checkEvent(input: NewEvent): EventInputError | null {
  if (input.title.trim() === "") return "no-title";
  if (input.endsAt <= input.startsAt) return "ends-before-start";
  if (input.signupDeadline && input.signupDeadline > input.startsAt) return "deadline-after-start";
  if (input.slots.some((s) => s.capacity !== null && (!Number.isInteger(s.capacity) || s.capacity < 1 || s.capacity > 100_000))) return "bad-capacity";
  const weeks = input.series?.weeks ?? 1;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_SERIES_WEEKS) return "bad-series";
  return null;
}

/**
 * Saves an event and its slots in one transaction; a weekly series saves all its events at once,
 * each with its own check-in code. `eventId` and `slotIds` are the first event's.
 */
export async function createEvent(
  db: Database,
  input: NewEvent,
  at: Date,
): Promise<{ ok: true; eventId: number; slotIds: number[]; eventIds: number[] } | { ok: false; reason: EventInputError }> {
  const problem = checkEvent(input);
  if (problem) return { ok: false, reason: problem };
  const weeks = input.series?.weeks ?? 1;
  const lengthMs = input.endsAt.getTime() - input.startsAt.getTime();
  return db.transaction(async (tx) => {
    const eventIds: number[] = [];
    let firstSlotIds: number[] = [];
    for (let week = 0; week < weeks; week++) {
      const startsAt = week === 0 ? input.startsAt : addLocalDays(input.startsAt, 7 * week, input.series!.timezone);
      // One statement per event: each code is drawn against the codes already saved, these included.
      const [event] = await tx
        .insert(events)
        .values({
          checkInCode: sql`${checkInCodeSql}`,
          communityId: input.communityId,
          kind: input.kind,
          title: input.title.trim(),
          description: input.description ?? null,
          place: input.place ?? null,
          latitude: input.location?.latitude ?? null,
          longitude: input.location?.longitude ?? null,
          startsAt,
          endsAt: new Date(startsAt.getTime() + lengthMs),
          signupDeadline: input.signupDeadline ? new Date(input.signupDeadline.getTime() + startsAt.getTime() - input.startsAt.getTime()) : null,
          audience: input.audience ?? "volunteers",
          teamId: input.teamId ?? null,
          seriesId: weeks > 1 ? (eventIds[0] ?? null) : null,
          createdBy: input.createdBy,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: events.id });
      eventIds.push(event!.id);
      const slots = input.slots.length > 0 ? input.slots : [{ name: "", capacity: null }];
      const inserted = await tx
        .insert(eventSlots)
        .values(slots.map((s, position) => ({ eventId: event!.id, name: s.name.trim(), capacity: s.capacity, position })))
        .returning({ id: eventSlots.id });
      if (week === 0) firstSlotIds = inserted.map((s) => s.id);
    }
    // The series is named after its first event, which learns its own id only once saved.
    if (weeks > 1) await tx.update(events).set({ seriesId: eventIds[0]! }).where(eq(events.id, eventIds[0]!));
    // An organiser's creation is audited with the event (a series once); seeded events have no organiser.
    if (input.createdBy !== null) {
      await recordAudit(tx, {
        communityId: input.communityId,
        actorId: input.createdBy,
        action: "event.create",
        subject: `event:${eventIds[0]!}`,
        after: { title: input.title.trim(), startsAt: input.startsAt.toISOString(), count: weeks, kind: input.kind },
        at,
      });
    }
    return { ok: true, eventId: eventIds[0]!, slotIds: firstSlotIds, eventIds } as const;
  });
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const CHECK_IN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/**
 * A fresh 6-character check-in code, drawn in SQL so a clash with another event's code is
 * redrawn in the same statement (31^6 ≈ 900 million codes).
 */
const checkInCodeSql = sql.raw(`(
  select code from (
    select string_agg(substr('${CHECK_IN_ALPHABET}', 1 + floor(random() * ${CHECK_IN_ALPHABET.length})::int, 1), '') as code
    from generate_series(1, 6), generate_series(1, 20) as attempt group by attempt
  ) candidates where not exists (select 1 from events e where e.check_in_code = candidates.code) limit 1)`);

export interface SlotSeats {
  slotId: number;
  name: string;
  capacity: number | null;
  taken: number;
  waiting: number;
}

/** Seats taken and people waiting per slot, in the slots' order. */
export async function seatsOf(db: Database, eventId: number): Promise<SlotSeats[]> {
  const slots = await db.select().from(eventSlots).where(eq(eventSlots.eventId, eventId)).orderBy(asc(eventSlots.position));
  const counts = await db
    .select({ slotId: eventSignups.slotId, status: eventSignups.status, n: sql<number>`count(*)::int` })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), inArray(eventSignups.status, [...seatHolding, "waitlisted"])))
    .groupBy(eventSignups.slotId, eventSignups.status);
  const count = (slotId: number, wanted: (s: string) => boolean) =>
    counts.filter((c) => c.slotId === slotId && wanted(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  return slots.map((s) => ({
    slotId: s.id,
    name: s.name,
    capacity: s.capacity,
    taken: count(s.id, (status) => (seatHolding as readonly string[]).includes(status)),
    waiting: count(s.id, (status) => status === "waitlisted"),
  }));
}

/** The community's standing teams (腰鼓队…), by name: an event may be for one team's members only. */
export async function teamsOf(db: Database, communityId: number): Promise<Array<{ id: number; name: string }>> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.communityId, communityId)).orderBy(asc(teams.name)).limit(20);
}
