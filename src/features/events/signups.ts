import { and, asc, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, userRoles, type EventSignup } from "../../db/schema/index.js";
import { isTeamMember } from "../volunteers/teams.js";
import { IllegalSignupMove, nextSignupStatus, seatHolding, type SignupAction } from "./signup-lifecycle.js";

export type SignupRefusal =
  | "not-found"
  | "event-cancelled"
  | "deadline-passed"
  | "already-signed-up"
  | "not-allowed"
  | "not-yours"
  | "offer-expired"
  | "illegal-move";

export type Refused = { ok: false; reason: SignupRefusal };

/**
 * A change the people concerned must hear about (an offer, reminders to write or drop), told
 * inside the transaction, where the events feature writes its outbox messages.
 */
export type SignupNews =
  | { kind: "offered"; signupId: number; userId: number; eventId: number; offeredUntil: Date }
  | { kind: "confirmed"; signupId: number; userId: number; eventId: number }
  | { kind: "cancelled"; signupId: number; userId: number; eventId: number };

export interface SignupRules {
  /** How long a waitlisted person has to take a freed seat (shorter when the event is near). */
  offerHours: number;
}

export const DEFAULT_SIGNUP_RULES: SignupRules = { offerHours: 12 };

export type Tell = (tx: Database, news: SignupNews[]) => Promise<void>;

/**
 * Signs a person up for a slot: a seat if one is free, else the waitlist in arrival order.
 * What cannot change under a press (the event, its deadline, the person's role, an earlier
 * sign-up) is checked first; then the slot's row is locked and one statement counts the seats
 * taken and writes the sign-up, so however many press at once, on however many instances, no
 * slot ever holds more than its seats, and the lock is held for two statements only.
 */
export async function signUp(
  db: Database,
  input: { slotId: number; userId: number; at: Date },
  tell?: Tell,
): Promise<{ ok: true; signupId: number; eventId: number; status: "confirmed" | "waitlisted"; position: number | null } | Refused> {
  const [row] = await db
    .select({ slot: eventSlots, event: events })
    .from(eventSlots)
    .innerJoin(events, eq(events.id, eventSlots.eventId))
    .where(eq(eventSlots.id, input.slotId));
  if (!row) return { ok: false, reason: "not-found" };
  const { slot, event } = row;
  if (event.status === "cancelled") return { ok: false, reason: "event-cancelled" };
  if (input.at >= (event.signupDeadline ?? event.startsAt)) return { ok: false, reason: "deadline-passed" };
  if (!(await mayJoin(db, event, input.userId))) return { ok: false, reason: "not-allowed" };

  const seat = nextSignupStatus(null, "seat");
  const wait = nextSignupStatus(null, "wait");
  const at = input.at.toISOString();
  const created = await db.transaction(async (tx) => {
    // The seats, the event's state and its deadline as they are now, under the lock: staff may
    // change the seats, move or cancel the event between the checks above and this moment.
    const [locked] = await queryRows<{ capacity: number | null; cancelled: boolean; closed: boolean }>(
      tx,
      sql`select s.capacity, e.status = 'cancelled' as cancelled, coalesce(e.signup_deadline, e.starts_at) <= ${at}::timestamptz as closed
          from ${eventSlots} s join ${events} e on e.id = s.event_id where s.id = ${slot.id} for update of s`,
    );
    if (!locked) return "not-found" as const;
    if (locked.cancelled) return "event-cancelled" as const;
    if (locked.closed) return "deadline-passed" as const;
    const capacity = locked.capacity;
    // A statement after the lock sees every sign-up committed before it; a second live sign-up
    // of the same person (a double tap, another slot) meets the unique index and adds nothing.
    const [inserted] = await queryRows<{ id: string; status: "confirmed" | "waitlisted" }>(
      tx,
      sql`insert into ${eventSignups} (event_id, slot_id, user_id, status, created_at, updated_at)
          select ${event.id}, ${slot.id}, ${input.userId},
                 case when ${capacity}::int is null
                        or (select count(*) from ${eventSignups} where slot_id = ${slot.id} and status in ${statusList(seatHolding)}) < ${capacity}::int
                      then ${seat} else ${wait} end,
                 ${at}::timestamptz, ${at}::timestamptz
          on conflict (event_id, user_id) where status in ${statusList(liveStatuses)} do nothing
          returning id::text, status`,
    );
    if (inserted?.status === "confirmed") await tell?.(tx, [{ kind: "confirmed", signupId: Number(inserted.id), userId: input.userId, eventId: event.id }]);
    return inserted;
  });
  if (typeof created === "string") return { ok: false, reason: created };
  if (!created) return { ok: false, reason: "already-signed-up" };
  const signupId = Number(created.id);
  const position = created.status === "waitlisted" ? await waitlistPosition(db, slot.id, signupId) : null;
  return { ok: true, signupId, eventId: event.id, status: created.status, position };
}

/** Sign-ups that count: one per person per event (a unique index says so too). */
const liveStatuses = ["confirmed", "waitlisted", "offered", "attended", "no_show"] as const;

/** ('a', 'b') for SQL; statuses are our own constants. */
const statusList = (statuses: readonly string[]) => sql.raw(`(${statuses.map((st) => `'${st}'`).join(", ")})`);

/** Everyone may join an "everyone" event; volunteers' duties need the volunteer role (or staff). */
export async function mayJoin(tx: Database, event: { communityId: number; audience: string; teamId: number | null }, userId: number): Promise<boolean> {
  if (event.audience === "everyone") return true;
  // A team's rehearsal is for its members (and its leader).
  if (event.audience === "team") return event.teamId !== null && (await isTeamMember(tx, event.teamId, userId));
  const roles = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.communityId, event.communityId)));
  return roles.length > 0;
}

/** 1 for the first in line. */
async function waitlistPosition(tx: Database, slotId: number, signupId: number): Promise<number> {
  return tx.$count(eventSignups, and(eq(eventSignups.slotId, slotId), eq(eventSignups.status, "waitlisted"), sql`${eventSignups.id} <= ${signupId}`));
}

/** The slot's row, locked, then the sign-up: the same order as signUp, so the two never deadlock. */
export async function lockSignup(tx: Database, signupId: number): Promise<EventSignup | undefined> {
  const [found] = await tx.select({ slotId: eventSignups.slotId }).from(eventSignups).where(eq(eventSignups.id, signupId));
  if (!found) return undefined;
  await tx.select({ id: eventSlots.id }).from(eventSlots).where(eq(eventSlots.id, found.slotId)).for("update");
  const [signup] = await tx.select().from(eventSignups).where(eq(eventSignups.id, signupId)).for("update");
  return signup;
}

export async function move(tx: Database, signup: EventSignup, action: SignupAction, at: Date, extra: Partial<EventSignup> = {}): Promise<boolean> {
  try {
    const status = nextSignupStatus(signup.status, action);
    await tx
      .update(eventSignups)
      .set({ status, updatedAt: at, ...extra })
      .where(eq(eventSignups.id, signup.id));
    return true;
  } catch (error) {
    if (error instanceof IllegalSignupMove) return false;
    throw error;
  }
}

/**
 * The first in line is offered the freed seat, for a time that ends well before the event:
 * offerHours, or half the time left, but at least 15 minutes.
 */
export async function offerNext(tx: Database, slotId: number, at: Date, rules: SignupRules): Promise<SignupNews[]> {
  const [next] = await tx
    .select({ signup: eventSignups, startsAt: events.startsAt })
    .from(eventSignups)
    .innerJoin(events, eq(events.id, eventSignups.eventId))
    .where(and(eq(eventSignups.slotId, slotId), eq(eventSignups.status, "waitlisted")))
    .orderBy(asc(eventSignups.id))
    .limit(1)
    .for("update", { of: eventSignups });
  if (!next || next.startsAt <= at) return [];
  const windowMs = Math.max(15 * 60_000, Math.min(rules.offerHours * 3600_000, (next.startsAt.getTime() - at.getTime()) / 2));
  const offeredUntil = new Date(at.getTime() + windowMs);
  await move(tx, next.signup, "offer", at, { offeredUntil });
  return [{ kind: "offered", signupId: next.signup.id, userId: next.signup.userId, eventId: next.signup.eventId, offeredUntil }];
}

/**
 * A person steps back (or declines an offer): a seat they held goes to the first waiting.
 * `userId` null: staff or the system acting for them.
 */
export async function cancelSignup(
  db: Database,
  input: { signupId: number; userId: number | null; at: Date },
  rules: SignupRules = DEFAULT_SIGNUP_RULES,
  tell?: Tell,
): Promise<{ ok: true; news: SignupNews[] } | Refused> {
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.signupId);
    if (!signup) return { ok: false, reason: "not-found" } as const;
    if (input.userId !== null && signup.userId !== input.userId) return { ok: false, reason: "not-yours" } as const;
    const heldSeat = seatHolding.includes(signup.status);
    if (!(await move(tx, signup, "cancel", input.at, { offeredUntil: null }))) return { ok: false, reason: "illegal-move" } as const;
    const news: SignupNews[] = [{ kind: "cancelled", signupId: signup.id, userId: signup.userId, eventId: signup.eventId }];
    if (heldSeat) news.push(...(await offerNext(tx, signup.slotId, input.at, rules)));
    await tell?.(tx, news);
    return { ok: true, news } as const;
  });
}

/** The person offered a seat takes it, while the offer stands. */
export async function acceptOffer(
  db: Database,
  input: { signupId: number; userId: number; at: Date },
  tell?: Tell,
): Promise<{ ok: true; eventId: number } | Refused> {
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.signupId);
    if (!signup) return { ok: false, reason: "not-found" } as const;
    if (signup.userId !== input.userId) return { ok: false, reason: "not-yours" } as const;
    if (signup.status === "offered" && signup.offeredUntil && signup.offeredUntil < input.at) return { ok: false, reason: "offer-expired" } as const;
    if (!(await move(tx, signup, "accept", input.at, { offeredUntil: null }))) return { ok: false, reason: "illegal-move" } as const;
    await tell?.(tx, [{ kind: "confirmed", signupId: signup.id, userId: signup.userId, eventId: signup.eventId }]);
    return { ok: true, eventId: signup.eventId } as const;
  });
}

/**
 * Offers not taken in time lapse (cancelled) and pass to the next in line. Safe on several
 * instances at once: each lapse happens under the slot's lock, once.
 */
export async function expireOffers(db: Database, at: Date, rules: SignupRules = DEFAULT_SIGNUP_RULES, tell?: Tell): Promise<SignupNews[]> {
  const due = await db
    .select({ id: eventSignups.id })
    .from(eventSignups)
    .where(and(eq(eventSignups.status, "offered"), lt(eventSignups.offeredUntil, at)))
    .orderBy(asc(eventSignups.offeredUntil));
  const news: SignupNews[] = [];
  for (const { id } of due) {
    const result = await db.transaction(async (tx) => {
      const signup = await lockSignup(tx, id);
      if (signup?.status !== "offered" || !signup.offeredUntil || signup.offeredUntil >= at) return [];
      await move(tx, signup, "cancel", at, { offeredUntil: null });
      const offered = await offerNext(tx, signup.slotId, at, rules);
      await tell?.(tx, [{ kind: "cancelled", signupId: signup.id, userId: signup.userId, eventId: signup.eventId }, ...offered]);
      return offered;
    });
    news.push(...result);
  }
  return news;
}
