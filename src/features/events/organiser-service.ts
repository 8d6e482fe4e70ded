import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, type Event, type SignupStatus } from "../../db/schema/index.js";
import { addLocalDays } from "../../time.js";
import { recordAudit } from "../staff/audit.js";
import { seatHolding } from "./signup-lifecycle.js";
import { DEFAULT_SIGNUP_RULES, move, offerNext, type SignupNews, type SignupRules, type Tell } from "./signups.js";

/** What the people signed up for an event hear when its organiser changes it (told inside the transaction). */
export type EventNews =
  | { kind: "event-cancelled"; eventId: number; userIds: number[] }
  | {
      kind: "event-moved";
      eventId: number;
      from: Date;
      /** `since`: when the sign-up last changed state (for a confirmed seat, when it was taken). */
      people: Array<{ signupId: number; userId: number; status: SignupStatus; since: Date }>;
    };

/** The organiser's changes tell people through these: sign-up news (reminders, offers) and event news. */
export interface OrganiserTell {
  signups: Tell;
  event: (tx: Database, news: EventNews) => Promise<void>;
}

/** Sign-ups that are still on: the people to tell about a change. */
const liveBeforeStart = ["confirmed", "waitlisted", "offered"] as const satisfies readonly SignupStatus[];

/**
 * The event's row, then its slots' rows, locked in that order: a sign-up (which locks its slot)
 * waits for the change and then sees it, and the two never wait for each other in a circle.
 */
async function lockEvent(tx: Database, eventId: number, communityId: number): Promise<Event | undefined> {
  const [event] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.communityId, communityId)))
    .for("update");
  if (event) await tx.select({ id: eventSlots.id }).from(eventSlots).where(eq(eventSlots.eventId, eventId)).orderBy(asc(eventSlots.id)).for("update");
  return event;
}

async function liveSignups(tx: Database, eventId: number) {
  return tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), inArray(eventSignups.status, [...liveBeforeStart])))
    .orderBy(asc(eventSignups.id))
    .for("update");
}

export type CancelEventResult = { ok: true; told: number } | { ok: false; reason: "not-found" | "already-cancelled" | "over" };

/**
 * Cancels an event: every sign-up still on (signed up, waiting, offered a seat) moves to
 * cancelled through the state machine, their reminders are dropped and each person is told.
 */
export async function cancelEvent(
  db: Database,
  input: { eventId: number; communityId: number; at: Date; actorId?: number | null },
  tell?: OrganiserTell,
): Promise<CancelEventResult> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId, input.communityId);
    if (!event) return { ok: false, reason: "not-found" } as const;
    if (event.status === "cancelled") return { ok: false, reason: "already-cancelled" } as const;
    if (event.endsAt <= input.at) return { ok: false, reason: "over" } as const;
    const news: SignupNews[] = [];
    for (const signup of await liveSignups(tx, event.id)) {
      if (await move(tx, signup, "cancel", input.at, { offeredUntil: null })) {
        news.push({ kind: "cancelled", signupId: signup.id, userId: signup.userId, eventId: event.id });
      }
    }
    await tx.update(events).set({ status: "cancelled", updatedAt: input.at }).where(eq(events.id, event.id));
    const userIds = [...new Set(news.map((n) => n.userId))];
    await tell?.signups(tx, news);
    await tell?.event(tx, { kind: "event-cancelled", eventId: event.id, userIds });
    await audit(tx, input, "event.cancel", event, { title: event.title, startsAt: event.startsAt.toISOString() }, { told: userIds.length });
    return { ok: true, told: userIds.length } as const;
  });
}

export type CapacityResult =
  | { ok: true; eventId: number; offered: number }
  | { ok: false; reason: "not-found" | "event-cancelled" | "over" }
  | { ok: false; reason: "below-taken"; taken: number };

/**
 * A slot's seats changed (null: no limit). Fewer seats than people holding one is refused with
 * their number; more seats go to the waitlist, first in line first, as offers.
 */
export async function changeCapacity(
  db: Database,
  input: { slotId: number; communityId: number; capacity: number | null; at: Date; actorId?: number | null },
  rules: SignupRules = DEFAULT_SIGNUP_RULES,
  tell?: Tell,
): Promise<CapacityResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ slot: eventSlots, event: events })
      .from(eventSlots)
      .innerJoin(events, eq(events.id, eventSlots.eventId))
      .where(and(eq(eventSlots.id, input.slotId), eq(events.communityId, input.communityId)))
      .for("update", { of: eventSlots });
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.event.status === "cancelled") return { ok: false, reason: "event-cancelled" } as const;
    if (row.event.endsAt <= input.at) return { ok: false, reason: "over" } as const;
    const taken = await tx.$count(eventSignups, and(eq(eventSignups.slotId, input.slotId), inArray(eventSignups.status, [...seatHolding])));
    if (input.capacity !== null && input.capacity < taken) return { ok: false, reason: "below-taken", taken } as const;
    await tx.update(eventSlots).set({ capacity: input.capacity }).where(eq(eventSlots.id, input.slotId));
    const news: SignupNews[] = [];
    const free = input.capacity === null ? Number.POSITIVE_INFINITY : input.capacity - taken;
    for (let seat = 0; seat < free; seat++) {
      const offered = await offerNext(tx, input.slotId, input.at, rules);
      if (offered.length === 0) break;
      news.push(...offered);
    }
    await tell?.(tx, news);
    await audit(
      tx,
      input,
      "event.seats",
      row.event,
      { capacity: row.slot.capacity },
      { title: row.event.title, slot: row.slot.name, capacity: input.capacity, offered: news.length },
    );
    return { ok: true, eventId: row.event.id, offered: news.length } as const;
  });
}

export type RescheduleResult =
  | { ok: true; startsAt: Date; endsAt: Date; told: number; events: number }
  | { ok: false; reason: "not-found" | "event-cancelled" | "started" | "past" | "unchanged" };

/** A weekly series' events after this one that can still move: not cancelled, not started. */
export async function laterInSeries(db: Database, input: { eventId: number; communityId: number; at: Date }): Promise<Event[]> {
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, input.eventId), eq(events.communityId, input.communityId)));
  if (event?.seriesId == null) return [];
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.seriesId, event.seriesId),
        ne(events.id, event.id),
        ne(events.status, "cancelled"),
        gt(events.startsAt, event.startsAt),
        gt(events.startsAt, input.at),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
}

/**
 * Moves an event to a new start; its end (and sign-up deadline) move by as much. Reminders
 * follow the new time and everyone signed up is told, in the same transaction. With `series`,
 * every later event of its weekly series that has not started moves too, each to the same
 * local time on its own day (addLocalDays: a week stays a week across a clock change), all in
 * one transaction: either the whole series moves or none of it.
 */
export async function rescheduleEvent(
  db: Database,
  input: { eventId: number; communityId: number; startsAt: Date; at: Date; actorId?: number | null; series?: { timezone: string } | null },
  tell?: OrganiserTell,
): Promise<RescheduleResult> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId, input.communityId);
    if (!event) return { ok: false, reason: "not-found" } as const;
    if (event.status === "cancelled") return { ok: false, reason: "event-cancelled" } as const;
    if (event.startsAt <= input.at) return { ok: false, reason: "started" } as const;
    if (input.startsAt <= input.at) return { ok: false, reason: "past" } as const;
    if (input.startsAt.getTime() === event.startsAt.getTime()) return { ok: false, reason: "unchanged" } as const;
    const told = new Set<number>();
    const endsAt = await moveOne(tx, event, input.startsAt, input.at, told, tell);
    let moved = 1;
    if (input.series) {
      for (const later of await laterInSeries(tx, input)) {
        const locked = await lockEvent(tx, later.id, input.communityId);
        if (!locked || locked.status === "cancelled" || locked.startsAt <= input.at) continue;
        const days = Math.round((locked.startsAt.getTime() - event.startsAt.getTime()) / 86_400_000);
        await moveOne(tx, locked, addLocalDays(input.startsAt, days, input.series.timezone), input.at, told, tell);
        moved++;
      }
    }
    await audit(
      tx,
      input,
      "event.reschedule",
      event,
      { title: event.title, startsAt: event.startsAt.toISOString() },
      { startsAt: input.startsAt.toISOString(), events: moved },
    );
    return { ok: true, startsAt: input.startsAt, endsAt, told: told.size, events: moved } as const;
  });
}

/** One locked event to a new start: the end and deadline by as much, its people told (added to `told`). */
async function moveOne(tx: Database, event: Event, startsAt: Date, at: Date, told: Set<number>, tell?: OrganiserTell): Promise<Date> {
  const shift = startsAt.getTime() - event.startsAt.getTime();
  const endsAt = new Date(event.endsAt.getTime() + shift);
  await tx
    .update(events)
    .set({ startsAt, endsAt, signupDeadline: event.signupDeadline ? new Date(event.signupDeadline.getTime() + shift) : null, updatedAt: at })
    .where(eq(events.id, event.id));
  const people = (await liveSignups(tx, event.id)).map((s) => ({ signupId: s.id, userId: s.userId, status: s.status, since: s.updatedAt }));
  for (const p of people) told.add(p.userId);
  await tell?.event(tx, { kind: "event-moved", eventId: event.id, from: event.startsAt, people });
  return endsAt;
}

/** An organiser's change, audited in its transaction (a change made by no one in particular, a job's, is not). */
async function audit(
  tx: Database,
  input: { communityId: number; at: Date; actorId?: number | null },
  action: string,
  event: Event,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  if (input.actorId === undefined || input.actorId === null) return;
  await recordAudit(tx, {
    communityId: input.communityId,
    actorId: input.actorId,
    action,
    subject: `event:${event.id}`,
    before,
    after: { title: event.title, ...after },
    at: input.at,
  });
}
