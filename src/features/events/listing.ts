import { and, asc, eq, gt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, type Event, type SignupStatus } from "../../db/schema/index.js";
import { seatsOf, type SlotSeats } from "./service.js";
import { mayJoin } from "./signups.js";

export interface OpenEvent {
  event: Event;
  slots: SlotSeats[];
  /** The person's live sign-up to it, if any. */
  mine: { signupId: number; slotId: number; status: SignupStatus } | null;
}

/**
 * What a person may join in their community, soonest first: events not cancelled, not started,
 * whose audience includes them (as the sign-up itself decides: everyone; volunteers' duties for
 * people with a role; a team's events for its members).
 */
export async function openEventsFor(db: Database, input: { userId: number; communityId: number; at: Date; limit?: number }): Promise<OpenEvent[]> {
  const candidates = await db
    .select()
    .from(events)
    // A lecture's audience registers in /lectures, where a registration gets its code; its
    // lecture-duty event (kind lecture_duty) is listed here for the volunteers.
    .where(and(eq(events.communityId, input.communityId), ne(events.status, "cancelled"), ne(events.kind, "lecture"), gt(events.startsAt, input.at)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(Math.max(50, (input.limit ?? 10) * 5));
  const rows: Event[] = [];
  for (const event of candidates) {
    if (rows.length >= (input.limit ?? 10)) break;
    if (await mayJoin(db, event, input.userId)) rows.push(event);
  }
  return Promise.all(rows.map(async (event) => ({ event, slots: await seatsOf(db, event.id), mine: await liveSignup(db, event.id, input.userId) })));
}

async function liveSignup(db: Database, eventId: number, userId: number): Promise<OpenEvent["mine"]> {
  const [row] = await db
    .select({ signupId: eventSignups.id, slotId: eventSignups.slotId, status: eventSignups.status })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.userId, userId), ne(eventSignups.status, "cancelled")));
  return row ?? null;
}

export interface MySignup {
  signupId: number;
  status: SignupStatus;
  slotName: string;
  event: Event;
  /** Their place in line while waitlisted. */
  position: number | null;
}

/** A person's sign-ups to events not yet over, soonest first. */
export async function signupsOf(db: Database, userId: number, at: Date): Promise<MySignup[]> {
  const rows = await db
    .select({ signup: eventSignups, slotName: eventSlots.name, event: events })
    .from(eventSignups)
    .innerJoin(events, eq(events.id, eventSignups.eventId))
    .innerJoin(eventSlots, eq(eventSlots.id, eventSignups.slotId))
    .where(and(eq(eventSignups.userId, userId), ne(eventSignups.status, "cancelled"), or(gt(events.endsAt, at), eq(eventSignups.status, "offered"))))
    .orderBy(asc(events.startsAt));
  return Promise.all(
    rows.map(async (r) => ({
      signupId: r.signup.id,
      status: r.signup.status,
      slotName: r.slotName,
      event: r.event,
      position:
        r.signup.status === "waitlisted"
          ? await db.$count(
              eventSignups,
              and(eq(eventSignups.slotId, r.signup.slotId), eq(eventSignups.status, "waitlisted"), sql`${eventSignups.id} <= ${r.signup.id}`),
            )
          : null,
    })),
  );
}
