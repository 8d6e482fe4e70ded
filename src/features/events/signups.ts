import { and, asc, eq, lt, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups, eventSlots, teamMembers, teams, userRoles, type EventSignup } from "../../db/schema/index.js";
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

/** Stepping back once the event has begun: the organiser marks who came and who did not. */
export type CancelRefusal = SignupRefusal | "started";

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
 * Four round trips, the lock held for the last two: the first statement locks the slot's row and
 * reads, as they are now, what may refuse the press (the event gone, cancelled or closed, the
 * person not among those who may join: staff may change it all until this moment); the second
 * counts the seats taken and the line, and writes the sign-up (a statement after the lock sees
 * every sign-up committed before it), so however many press at once, on however many instances,
 * no slot ever holds more than its seats; then COMMIT.
 */
export type Held = { ok: true; signupId: number; eventId: number; startsAt: Date; status: "confirmed" | "waitlisted"; position: number | null };

export async function signUp(
  db: Database,
  /**
   * `again`: this press is a rerun of one that may have written the seat before its process died
   * (the update's second attempt). Then the seat already held is the answer, not a refusal, so
   * the person still hears where they stand and gets the calendar file.
   */
  input: { slotId: number; userId: number; at: Date; again?: boolean },
  tell?: Tell,
): Promise<Held | Refused> {
  const seat = nextSignupStatus(null, "seat");
  const wait = nextSignupStatus(null, "wait");
  const at = input.at.toISOString();
  const result = await db.transaction(async (tx) => {
    const [locked] = await queryRows<{
      event_id: string;
      starts_at: string | Date;
      capacity: number | null;
      cancelled: boolean;
      closed: boolean;
      joinable: boolean;
    }>(
      tx,
      sql`select e.id::text as event_id, e.starts_at, s.capacity, e.status = 'cancelled' as cancelled,
                 coalesce(e.signup_deadline, e.starts_at) <= ${at}::timestamptz as closed,
                 ${joinableSql({ audience: sql`e.audience`, teamId: sql`e.team_id`, communityId: sql`e.community_id` }, input.userId)} as joinable
          from ${eventSlots} s join ${events} e on e.id = s.event_id where s.id = ${input.slotId} for update of s`,
    );
    if (!locked) return "not-found" as const;
    if (locked.cancelled) return "event-cancelled" as const;
    if (locked.closed) return "deadline-passed" as const;
    if (!locked.joinable) return "not-allowed" as const;
    const eventId = Number(locked.event_id);
    // A second live sign-up of the same person (a double tap, another slot) meets the unique
    // index and adds nothing. The place in line is counted here too: only sign-ups under this
    // lock join or leave the line.
    const [inserted] = await queryRows<{ id: string; status: "confirmed" | "waitlisted"; ahead: number }>(
      tx,
      sql`with counted as (
            select count(*) filter (where status in ${statusList(seatHolding)})::int as taken,
                   count(*) filter (where status = 'waitlisted')::int as waiting
            from ${eventSignups} where slot_id = ${input.slotId})
          insert into ${eventSignups} (event_id, slot_id, user_id, status, created_at, updated_at)
          select ${eventId}, ${input.slotId}, ${input.userId},
                 case when ${locked.capacity}::int is null or taken < ${locked.capacity}::int then ${seat} else ${wait} end,
                 ${at}::timestamptz, ${at}::timestamptz
          from counted
          on conflict (event_id, user_id) where status in ${statusList(liveStatuses)} do nothing
          returning id::text, status, (select waiting from counted) as ahead`,
    );
    if (inserted?.status === "confirmed") await tell?.(tx, [{ kind: "confirmed", signupId: Number(inserted.id), userId: input.userId, eventId }]);
    return inserted ? { ...inserted, eventId, startsAt: new Date(locked.starts_at) } : undefined;
  });
  if (typeof result === "string") return { ok: false, reason: result };
  if (!result) return (input.again && (await heldSeat(db, input.slotId, input.userId))) || { ok: false, reason: "already-signed-up" };
  const position = result.status === "waitlisted" ? Number(result.ahead) + 1 : null;
  return { ok: true, signupId: Number(result.id), eventId: result.eventId, startsAt: result.startsAt, status: result.status, position };
}

/** The person's seat or place in line on this slot, as a first press would have answered it. */
async function heldSeat(db: Database, slotId: number, userId: number): Promise<Held | undefined> {
  const [held] = await queryRows<{ id: string; event_id: string; starts_at: string | Date; status: "confirmed" | "waitlisted"; ahead: number }>(
    db,
    sql`select s.id::text, s.event_id::text, e.starts_at, s.status,
               (select count(*)::int from ${eventSignups} w where w.slot_id = s.slot_id and w.status = 'waitlisted' and w.id < s.id) as ahead
        from ${eventSignups} s join ${events} e on e.id = s.event_id
        where s.slot_id = ${slotId} and s.user_id = ${userId} and s.status in ('confirmed', 'waitlisted')`,
  );
  if (!held) return undefined;
  const position = held.status === "waitlisted" ? Number(held.ahead) + 1 : null;
  return { ok: true, signupId: Number(held.id), eventId: Number(held.event_id), startsAt: new Date(held.starts_at), status: held.status, position };
}

/** Sign-ups that count: one per person per event (a unique index says so too). */
const liveStatuses = ["confirmed", "waitlisted", "offered", "attended", "no_show"] as const;

/** ('a', 'b') for SQL; statuses are our own constants. */
const statusList = (statuses: readonly string[]) => sql.raw(`(${statuses.map((st) => `'${st}'`).join(", ")})`);

/**
 * Who may join an event, as SQL over its audience, team and community: everyone an "everyone"
 * event; a team's members and its leader a team's event; a volunteers' duty, people with a role
 * in its community (volunteers, or staff). The press's own check and /events ask this one rule.
 */
function joinableSql(event: { audience: SQL; teamId: SQL; communityId: SQL }, userId: number): SQL {
  return sql`(case ${event.audience}
      when 'everyone' then true
      when 'team' then ${event.teamId} is not null and (
        exists (select 1 from ${teamMembers} m where m.team_id = ${event.teamId} and m.user_id = ${userId} and m.status = 'approved')
        or exists (select 1 from ${teams} t where t.id = ${event.teamId} and t.leader_id = ${userId}))
      else exists (select 1 from ${userRoles} r where r.user_id = ${userId} and r.community_id = ${event.communityId}) end)`;
}

/** Everyone may join an "everyone" event; volunteers' duties need a role (or staff); a team's, its members. */
export async function mayJoin(tx: Database, event: { communityId: number; audience: string; teamId: number | null }, userId: number): Promise<boolean> {
  const [row] = await queryRows<{ yes: boolean }>(
    tx,
    sql`select ${joinableSql({ audience: sql`${event.audience}::text`, teamId: sql`${event.teamId}::bigint`, communityId: sql`${event.communityId}::int` }, userId)} as yes`,
  );
  return row?.yes === true;
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
 * A person steps back (or declines an offer) before the event begins: a seat they held goes to
 * the first waiting. `userId` null: staff or the system acting for them, also later.
 */
export async function cancelSignup(
  db: Database,
  input: { signupId: number; userId: number | null; at: Date },
  rules: SignupRules = DEFAULT_SIGNUP_RULES,
  tell?: Tell,
): Promise<{ ok: true; news: SignupNews[] } | { ok: false; reason: CancelRefusal }> {
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.signupId);
    if (!signup) return { ok: false, reason: "not-found" } as const;
    if (input.userId !== null && signup.userId !== input.userId) return { ok: false, reason: "not-yours" } as const;
    // Once it has begun, a stale "I can't come" or "Step back" would turn a no-show into a
    // cancellation and hand a seat nobody can take any more.
    const [event] = await tx.select({ startsAt: events.startsAt }).from(events).where(eq(events.id, signup.eventId));
    if (input.userId !== null && event && input.at >= event.startsAt) return { ok: false, reason: "started" } as const;
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
