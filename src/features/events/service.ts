import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, type EventKind } from "../../db/schema/index.js";
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
}

export type EventInputError = "ends-before-start" | "no-title" | "bad-capacity" | "deadline-after-start";

/** What is wrong with an event before it is saved, or null. */
export function checkEvent(input: NewEvent): EventInputError | null {
  if (input.title.trim() === "") return "no-title";
  if (input.endsAt <= input.startsAt) return "ends-before-start";
  if (input.signupDeadline && input.signupDeadline > input.startsAt) return "deadline-after-start";
  if (input.slots.some((s) => s.capacity !== null && (!Number.isInteger(s.capacity) || s.capacity < 1 || s.capacity > 100_000))) return "bad-capacity";
  return null;
}

/** Saves an event and its slots in one transaction. */
export async function createEvent(db: Database, input: NewEvent, at: Date): Promise<{ ok: true; eventId: number; slotIds: number[] } | { ok: false; reason: EventInputError }> {
  const problem = checkEvent(input);
  if (problem) return { ok: false, reason: problem };
  return db.transaction(async (tx) => {
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
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        signupDeadline: input.signupDeadline ?? null,
        audience: input.audience ?? "volunteers",
        teamId: input.teamId ?? null,
        createdBy: input.createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: events.id });
    const slots = input.slots.length > 0 ? input.slots : [{ name: "", capacity: null }];
    const inserted = await tx
      .insert(eventSlots)
      .values(slots.map((s, position) => ({ eventId: event!.id, name: s.name.trim(), capacity: s.capacity, position })))
      .returning({ id: eventSlots.id });
    return { ok: true, eventId: event!.id, slotIds: inserted.map((s) => s.id) } as const;
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
