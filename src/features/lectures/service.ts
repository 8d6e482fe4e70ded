import { randomInt } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import {
  events,
  eventSignups,
  eventSlots,
  lectureInterests,
  lectureRegistrations,
  lectures,
  lectureTopics,
  type Event,
  type Lecture,
} from "../../db/schema/index.js";
import { CHECK_IN_ALPHABET, createEvent, type EventInputError } from "../events/service.js";
import { seatHolding } from "../events/signup-lifecycle.js";
import { signUp, type SignupRefusal, type Tell } from "../events/signups.js";
import type { Translated } from "../../translated.js";

export interface NewLecture {
  communityId: number;
  title: string;
  topicId: number | null;
  speaker: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  location?: { latitude: number; longitude: number } | null;
  posterFileId?: string | null;
  description?: string | null;
  /** Seats for the audience; null: as many as come. */
  seats: number | null;
  registrationRequired: boolean;
  /** Lecture-duty slots for volunteers (签到 2, 引导 3); none: no duty event. */
  duty: Array<{ name: string; capacity: number | null }>;
  createdBy: number | null;
}

/**
 * Saves a lecture as the core knows events: an event of kind "lecture" whose one slot is the
 * audience (everyone may register; the seats, if any, are the slot's), a lecture-duty event for
 * the volunteers when there are duty slots, and the lecture's own row, in one transaction.
 */
export async function createLecture(
  db: Database,
  input: NewLecture,
  at: Date,
): Promise<{ ok: true; lectureId: number; eventId: number; dutyEventId: number | null } | { ok: false; reason: EventInputError }> {
  return db.transaction(async (tx) => {
    const base = {
      communityId: input.communityId,
      title: input.title,
      description: input.description ?? null,
      place: input.place,
      location: input.location ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: input.createdBy,
    };
    const audience = await createEvent(tx, { ...base, kind: "lecture", audience: "everyone", slots: [{ name: "", capacity: input.seats }] }, at);
    if (!audience.ok) return audience;
    let dutyEventId: number | null = null;
    if (input.duty.length > 0) {
      const duty = await createEvent(tx, { ...base, kind: "lecture_duty", audience: "volunteers", slots: input.duty }, at);
      if (!duty.ok) throw new Error(`lecture duty refused after its lecture was accepted: ${duty.reason}`);
      dutyEventId = duty.eventId;
    }
    const [row] = await tx
      .insert(lectures)
      .values({
        eventId: audience.eventId,
        communityId: input.communityId,
        topicId: input.topicId,
        speaker: input.speaker.trim(),
        posterFileId: input.posterFileId ?? null,
        registrationRequired: input.registrationRequired,
        dutyEventId,
        createdAt: at,
      })
      .returning({ id: lectures.id });
    return { ok: true, lectureId: row!.id, eventId: audience.eventId, dutyEventId } as const;
  });
}

export interface LectureFacts {
  lecture: Lecture;
  event: Event;
  slotId: number;
  topic: { name: Translated } | null;
  seats: number | null;
  taken: number;
  waiting: number;
}

/** What the door poster shows of a lecture. */
export const posterFacts = (facts: LectureFacts) => ({
  id: facts.lecture.id,
  title: facts.event.title,
  startsAt: facts.event.startsAt,
  endsAt: facts.event.endsAt,
  place: facts.event.place,
  checkInCode: facts.event.checkInCode,
});

/** A lecture with its event, its audience slot and the seats taken; undefined when it is not in the community. */
export async function lectureFacts(db: Database, lectureId: number, communityId?: number): Promise<LectureFacts | undefined> {
  const [row] = await db
    .select({ lecture: lectures, event: events, slot: eventSlots, topic: { name: lectureTopics.name } })
    .from(lectures)
    .innerJoin(events, eq(events.id, lectures.eventId))
    .innerJoin(eventSlots, eq(eventSlots.eventId, events.id))
    .leftJoin(lectureTopics, eq(lectureTopics.id, lectures.topicId))
    .where(and(eq(lectures.id, lectureId), communityId === undefined ? undefined : eq(lectures.communityId, communityId)))
    .limit(1);
  if (!row) return undefined;
  const counts = await db
    .select({ status: eventSignups.status, n: sql<number>`count(*)::int` })
    .from(eventSignups)
    .where(eq(eventSignups.slotId, row.slot.id))
    .groupBy(eventSignups.status);
  const count = (statuses: readonly string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  return {
    lecture: row.lecture,
    event: row.event,
    slotId: row.slot.id,
    topic: row.topic?.name ? row.topic : null,
    seats: row.slot.capacity,
    taken: count(seatHolding),
    waiting: count(["waitlisted"]),
  };
}

export type RegisterRefusal = SignupRefusal | "no-registration";

export type RegisterResult =
  | { ok: true; signupId: number; eventId: number; startsAt: Date; status: "confirmed" | "waitlisted"; position: number | null; code: string }
  | { ok: false; reason: RegisterRefusal };

/**
 * A resident registers: the core's sign-up for the audience slot (a seat, or the waitlist in
 * arrival order when the seats are set and taken), then the registration's code.
 */
export async function registerForLecture(
  db: Database,
  input: { lectureId: number; userId: number; at: Date; again?: boolean },
  tell?: Tell,
): Promise<RegisterResult> {
  const facts = await lectureFacts(db, input.lectureId);
  if (!facts) return { ok: false, reason: "not-found" };
  if (!facts.lecture.registrationRequired) return { ok: false, reason: "no-registration" };
  // The code is drawn in the seat's own transaction, before its reminders are written: they carry it.
  const withCode: Tell = async (tx, news) => {
    for (const item of news) if (item.kind === "confirmed") await ensureCode(tx, { signupId: item.signupId, lectureId: facts.lecture.id, at: input.at });
    await tell?.(tx, news);
  };
  const signed = await signUp(db, { slotId: facts.slotId, userId: input.userId, at: input.at, again: input.again }, withCode);
  if (!signed.ok) return signed;
  const code = await ensureCode(db, { signupId: signed.signupId, lectureId: facts.lecture.id, at: input.at });
  return {
    ok: true,
    signupId: signed.signupId,
    eventId: signed.eventId,
    startsAt: facts.event.startsAt,
    status: signed.status,
    position: signed.position,
    code,
  };
}

/** Registration codes: 4 characters that cannot be misread (31^4 ≈ 920,000 per lecture). */
export const REGISTRATION_CODE_LENGTH = 4;

const drawCode = () => Array.from({ length: REGISTRATION_CODE_LENGTH }, () => CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]).join("");

/**
 * The sign-up's code, drawn once. Two registrations drawing the same code at once meet the
 * unique index on (lecture, code): the loser draws again, so codes stay unique under any
 * concurrency, on any number of instances. Safe to call again: the first code stays.
 */
export async function ensureCode(db: Database, input: { signupId: number; lectureId: number; at: Date }): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [inserted] = await db
      .insert(lectureRegistrations)
      .values({ signupId: input.signupId, lectureId: input.lectureId, code: drawCode(), createdAt: input.at })
      .onConflictDoNothing()
      .returning({ code: lectureRegistrations.code });
    if (inserted) return inserted.code;
    const [existing] = await db.select({ code: lectureRegistrations.code }).from(lectureRegistrations).where(eq(lectureRegistrations.signupId, input.signupId));
    if (existing) return existing.code;
  }
  throw new Error("no free registration code after 20 draws");
}

/** "Interested" under an announcement: once per person, counted for staff. */
export async function markInterested(db: Database, input: { lectureId: number; userId: number; at: Date }): Promise<boolean> {
  const facts = await lectureFacts(db, input.lectureId);
  if (!facts || facts.event.status === "cancelled") return false;
  await db.insert(lectureInterests).values({ lectureId: input.lectureId, userId: input.userId, createdAt: input.at }).onConflictDoNothing();
  return true;
}

/** Upcoming lectures of the community (not cancelled, not over), soonest first, with their seats. */
export async function upcomingLectures(db: Database, communityId: number, at: Date, limit = 5): Promise<LectureFacts[]> {
  const rows = await db
    .select({ id: lectures.id })
    .from(lectures)
    .innerJoin(events, eq(events.id, lectures.eventId))
    .where(and(eq(lectures.communityId, communityId), ne(events.status, "cancelled"), gt(events.endsAt, at)))
    .orderBy(asc(events.startsAt), asc(lectures.id))
    .limit(limit);
  return (await Promise.all(rows.map((r) => lectureFacts(db, r.id)))).filter((f): f is LectureFacts => f !== undefined);
}

/** The last lectures that took place, newest first. */
export async function pastLectures(
  db: Database,
  communityId: number,
  at: Date,
  limit = 5,
): Promise<Array<{ lectureId: number; title: string; startsAt: Date; materials: number }>> {
  return db
    .select({
      lectureId: lectures.id,
      title: events.title,
      startsAt: events.startsAt,
      // Files that went out to the attendees, offered to anyone under the past lecture.
      materials: sql<number>`(select count(*)::int from lecture_materials m where m.lecture_id = ${lectures.id} and m.sent_at is not null)`.mapWith(Number),
    })
    .from(lectures)
    .innerJoin(events, eq(events.id, lectures.eventId))
    .where(and(eq(lectures.communityId, communityId), ne(events.status, "cancelled"), lte(events.endsAt, at)))
    .orderBy(desc(events.startsAt))
    .limit(limit);
}

export interface MyLecture {
  lectureId: number;
  signupId: number;
  title: string;
  startsAt: Date;
  place: string | null;
  status: string;
  code: string | null;
}

/** A person's registrations to lectures not over yet (and offered seats), soonest first, with their codes. */
export async function myLectures(db: Database, userId: number, at: Date): Promise<MyLecture[]> {
  return db
    .select({
      lectureId: lectures.id,
      signupId: eventSignups.id,
      title: events.title,
      startsAt: events.startsAt,
      place: events.place,
      status: eventSignups.status,
      code: lectureRegistrations.code,
    })
    .from(eventSignups)
    .innerJoin(lectures, eq(lectures.eventId, eventSignups.eventId))
    .innerJoin(events, eq(events.id, eventSignups.eventId))
    .leftJoin(lectureRegistrations, eq(lectureRegistrations.signupId, eventSignups.id))
    .where(and(eq(eventSignups.userId, userId), inArray(eventSignups.status, ["confirmed", "waitlisted", "offered", "attended"]), gt(events.endsAt, at)))
    .orderBy(asc(events.startsAt));
}
