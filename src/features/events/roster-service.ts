import { and, asc, eq, gte, inArray, ne } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, users, type Event, type SignupStatus } from "../../db/schema/index.js";
import { startOfLocalDay } from "../../time.js";
import { recordAudit } from "../staff/audit.js";
import { CHECK_IN_OPENS_MS } from "./attendance.js";
import { lockSignup, move } from "./signups.js";

/** Events an organiser runs: today's (even when over, to mark who came) and those to come, soonest first. */
export async function eventsToOrganise(db: Database, input: { communityId: number; at: Date; timezone: string; limit?: number }): Promise<Event[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.communityId, input.communityId), ne(events.status, "cancelled"), gte(events.startsAt, startOfLocalDay(input.at, input.timezone))))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(input.limit ?? 10);
}

/** The community's event with this id, or undefined (another community's is as good as none). */
export async function findEvent(db: Database, eventId: number, communityId: number): Promise<Event | undefined> {
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.communityId, communityId)));
  return event;
}

/** The check-in codes of these events, soonest first (a new series, say). */
export async function checkInCodesOf(db: Database, eventIds: readonly number[]): Promise<Array<{ id: number; startsAt: Date; code: string }>> {
  if (eventIds.length === 0) return [];
  return db
    .select({ id: events.id, startsAt: events.startsAt, code: events.checkInCode })
    .from(events)
    .where(inArray(events.id, [...eventIds]))
    .orderBy(asc(events.startsAt), asc(events.id));
}

export interface RosterPerson {
  signupId: number;
  userId: number;
  /** As staff see it: first and last name. */
  name: string;
  status: SignupStatus;
  /** Place in line while waitlisted. */
  position: number | null;
}

export interface RosterSlot {
  slotId: number;
  name: string;
  capacity: number | null;
  /** Seat holders first (confirmed, offered, attended, no-show), then the waitlist in order. */
  people: RosterPerson[];
}

export interface Roster {
  event: Event;
  slots: RosterSlot[];
}

const statusOrder: Record<SignupStatus, number> = { attended: 0, confirmed: 1, no_show: 2, offered: 3, waitlisted: 4, cancelled: 5 };

/** Who is signed up for an event, slot by slot; cancelled sign-ups are left out. */
export async function rosterOf(db: Database, eventId: number, communityId: number): Promise<Roster | undefined> {
  const event = await findEvent(db, eventId, communityId);
  if (!event) return undefined;
  const slots = await db.select().from(eventSlots).where(eq(eventSlots.eventId, eventId)).orderBy(asc(eventSlots.position), asc(eventSlots.id));
  const rows = await db
    .select({ signup: eventSignups, firstName: users.firstName, lastName: users.lastName })
    .from(eventSignups)
    .innerJoin(users, eq(users.id, eventSignups.userId))
    .where(and(eq(eventSignups.eventId, eventId), ne(eventSignups.status, "cancelled")))
    .orderBy(asc(eventSignups.id));
  return {
    event,
    slots: slots.map((slot) => {
      let waiting = 0;
      const people = rows
        .filter((r) => r.signup.slotId === slot.id)
        .map((r) => ({
          signupId: r.signup.id,
          userId: r.signup.userId,
          name: [r.firstName, r.lastName].filter(Boolean).join(" "),
          status: r.signup.status,
          position: r.signup.status === "waitlisted" ? ++waiting : null,
        }))
        .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.signupId - b.signupId);
      return { slotId: slot.id, name: slot.name, capacity: slot.capacity, people };
    }),
  };
}

export type MarkResult =
  | { ok: true; eventId: number; status: SignupStatus; changed: boolean }
  | { ok: false; reason: "not-found" | "event-cancelled" | "too-early" | "illegal-move" };

/**
 * The organiser marks a signed-up person present (checkIn) or absent (markAbsent), from the time
 * check-in opens; what the sign-up's state machine refuses (a waitlisted person, say) is refused.
 * Marked present by the organiser, their hours run from the scheduled start.
 */
export async function markAttendance(
  db: Database,
  input: { signupId: number; communityId: number; present: boolean; at: Date; actorId?: number | null },
): Promise<MarkResult> {
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.signupId);
    const event = signup && (await findEvent(tx, signup.eventId, input.communityId));
    if (!signup || !event) return { ok: false, reason: "not-found" } as const;
    if (event.status === "cancelled") return { ok: false, reason: "event-cancelled" } as const;
    if (input.at.getTime() < event.startsAt.getTime() - CHECK_IN_OPENS_MS) return { ok: false, reason: "too-early" } as const;
    const wanted: SignupStatus = input.present ? "attended" : "no_show";
    if (signup.status === wanted) return { ok: true, eventId: event.id, status: wanted, changed: false } as const;
    if (!(await move(tx, signup, input.present ? "checkIn" : "markAbsent", input.at))) return { ok: false, reason: "illegal-move" } as const;
    if (input.actorId != null) {
      await recordAudit(tx, {
        communityId: input.communityId,
        actorId: input.actorId,
        action: "event.mark",
        subject: `user:${signup.userId}`,
        before: { status: signup.status },
        after: { status: wanted, eventId: event.id, title: event.title },
        at: input.at,
      });
    }
    return { ok: true, eventId: event.id, status: wanted, changed: true } as const;
  });
}
