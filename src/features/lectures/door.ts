import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { events, eventSignups, lectureRegistrations, lectures, users } from "../../db/schema/index.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { CHECK_IN_OPENS_MS, normaliseCode } from "../events/attendance.js";
import { lockSignup, move } from "../events/signups.js";
import { ratingButtons } from "./keyboards.js";

/**
 * At the door: a helper on the lecture's duty (or staff) types the codes people show. Each code
 * gets an answer at once: who it is, already in, not registered, or another lecture's.
 */
export type DoorAnswer =
  | { kind: "checked-in"; name: string }
  | { kind: "already"; name: string }
  | { kind: "waitlisted"; name: string }
  | { kind: "not-registered" }
  | { kind: "another-lecture"; title: string }
  | { kind: "closed" };

/** May this person run the door: on the lecture's duty (signed up, not stepped back)? Staff are checked by role. */
export async function isOnDuty(db: Database, lectureId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: eventSignups.id })
    .from(lectures)
    .innerJoin(eventSignups, eq(eventSignups.eventId, lectures.dutyEventId))
    .where(and(eq(lectures.id, lectureId), eq(eventSignups.userId, userId), inArray(eventSignups.status, ["confirmed", "attended"])))
    .limit(1);
  return row !== undefined;
}

/** The outbox key of an attendee's rating question: "lecture-feedback/<lecture>/<user>" (the feedback job builds it in SQL too). */
export const FEEDBACK_KEY_PREFIX = "lecture-feedback/";
export const feedbackKey = (lectureId: number, userId: number) => `${FEEDBACK_KEY_PREFIX}${lectureId}/${userId}`;

/** The 1–5 question an attendee gets once, after the lecture. */
export const feedbackNotice = (input: { lectureId: number; title: string; userId: number; runAt: Date }) =>
  notice(
    input.userId,
    { key: "lectures-feedback-ask", vars: { title: input.title }, buttons: ratingButtons(input.lectureId) },
    { dedupeKey: feedbackKey(input.lectureId, input.userId), runAt: input.runAt },
  );

/**
 * Checks in the registration with this code at this lecture, during its window (30 minutes
 * before the start to the end). The sign-up moves through the core's state machine, under the
 * same locks as any sign-up change; the attendee's feedback question is written to the outbox
 * for the lecture's end in the same transaction.
 */
export async function checkInAtDoor(db: Database, input: { lectureId: number; code: string; at: Date }): Promise<DoorAnswer> {
  const code = normaliseCode(input.code);
  const [lecture] = await db
    .select({
      id: lectures.id,
      title: events.title,
      communityId: lectures.communityId,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: events.status,
    })
    .from(lectures)
    .innerJoin(events, eq(events.id, lectures.eventId))
    .where(eq(lectures.id, input.lectureId));
  if (!lecture || lecture.status === "cancelled") return { kind: "closed" };
  if (input.at.getTime() < lecture.startsAt.getTime() - CHECK_IN_OPENS_MS || input.at > lecture.endsAt) return { kind: "closed" };
  const [registration] = await db
    .select({ signupId: lectureRegistrations.signupId })
    .from(lectureRegistrations)
    .where(and(eq(lectureRegistrations.lectureId, lecture.id), eq(lectureRegistrations.code, code)));
  if (!registration) {
    // Codes are unique per lecture only: the same code elsewhere is named when it is a lecture of today's window.
    const [other] = await db
      .select({ title: events.title })
      .from(lectureRegistrations)
      .innerJoin(lectures, eq(lectures.id, lectureRegistrations.lectureId))
      .innerJoin(events, eq(events.id, lectures.eventId))
      .where(
        and(
          eq(lectureRegistrations.code, code),
          ne(lectures.id, lecture.id),
          eq(lectures.communityId, lecture.communityId),
          sql`abs(extract(epoch from (${events.startsAt} - ${lecture.startsAt.toISOString()}::timestamptz))) < 7 * 86400`,
        ),
      )
      .limit(1);
    return other ? { kind: "another-lecture", title: other.title } : { kind: "not-registered" };
  }
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, registration.signupId);
    if (!signup) return { kind: "not-registered" } as const;
    const [person] = await tx.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, signup.userId));
    const name = [person?.firstName, person?.lastName].filter(Boolean).join(" ");
    if (signup.status === "attended") return { kind: "already", name } as const;
    if (signup.status === "waitlisted" || signup.status === "offered") return { kind: "waitlisted", name } as const;
    if (!(await move(tx, signup, "checkIn", input.at, { checkedInAt: input.at }))) return { kind: "not-registered" } as const;
    await enqueueMessages(tx, [feedbackNotice({ lectureId: lecture.id, title: lecture.title, userId: signup.userId, runAt: lecture.endsAt })], input.at);
    return { kind: "checked-in", name } as const;
  });
}

/** One more person let in without a registration; the new count. */
export async function addWalkIn(db: Database, lectureId: number): Promise<number> {
  const [row] = await db
    .update(lectures)
    .set({ walkIns: sql`${lectures.walkIns} + 1` })
    .where(eq(lectures.id, lectureId))
    .returning({ walkIns: lectures.walkIns });
  return row?.walkIns ?? 0;
}
