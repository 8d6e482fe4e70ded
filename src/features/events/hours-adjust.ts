import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { eventSignups, users } from "../../db/schema/index.js";
import { recordAudit } from "../staff/audit.js";
import { findEvent } from "./roster-service.js";
import { lockSignup } from "./signups.js";

/** Staff credit at most a day's hours for one event; more is a typing slip. */
export const CREDIT_HOURS_MAX = 24;
/** A reason is required: a word at least (两字 such as 迟到), at most a short sentence. */
export const REASON_MIN = 2;
export const REASON_MAX = 200;

/** Hours as staff type them ("2", "1.5", "2,5", "3h", "3小时") in minutes; undefined when unreadable or out of range. */
export function parseCreditHours(typed: string): number | undefined {
  const text = typed
    .trim()
    .replace(",", ".")
    .replace(/\s*(h|小时|个小时)$/i, "");
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(text)) return undefined;
  const hours = Number(text);
  if (hours < 0 || hours > CREDIT_HOURS_MAX) return undefined;
  return Math.round(hours * 60);
}

export type ReasonCheck = { ok: true; reason: string } | { ok: false; problem: "too-short" | "too-long" };

export function checkReason(typed: string): ReasonCheck {
  const reason = typed.trim();
  if ([...reason].length < REASON_MIN) return { ok: false, problem: "too-short" };
  if ([...reason].length > REASON_MAX) return { ok: false, problem: "too-long" };
  return { ok: true, reason };
}

export interface SignupHours {
  signupId: number;
  userId: number;
  name: string;
  eventId: number;
  title: string;
  status: string;
  /** What the times give (check-in, or the start, to the end), and what staff credited (null: none). */
  fromTimes: number;
  credited: number | null;
}

/** Minutes the times give an attended sign-up: from check-in (or the start, if earlier) to the end. */
export function minutesFromTimes(event: { startsAt: Date; endsAt: Date }, checkedInAt: Date | null): number {
  const from = Math.max(event.startsAt.getTime(), checkedInAt?.getTime() ?? event.startsAt.getTime());
  return Math.max(0, Math.floor((event.endsAt.getTime() - from) / 60_000));
}

/** A sign-up of the community as an hours adjustment shows it, or undefined. */
export async function signupHours(db: Database, signupId: number, communityId: number): Promise<SignupHours | undefined> {
  const [signup] = await db.select().from(eventSignups).where(eq(eventSignups.id, signupId));
  const event = signup && (await findEvent(db, signup.eventId, communityId));
  if (!signup || !event) return undefined;
  const [person] = await db.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, signup.userId));
  return {
    signupId,
    userId: signup.userId,
    name: [person?.firstName, person?.lastName].filter(Boolean).join(" "),
    eventId: event.id,
    title: event.title,
    status: signup.status,
    fromTimes: minutesFromTimes(event, signup.checkedInAt),
    credited: signup.creditedMinutes,
  };
}

export type AdjustResult =
  | { ok: true; userId: number; title: string; before: number; after: number }
  | { ok: false; reason: "not-found" | "not-attended" | "out-of-range" | "no-reason" };

/**
 * Staff set the minutes one attended sign-up counts for, with a reason: the change and the
 * audit entry (who, when, before, after, why) are one transaction, so no adjustment is ever
 * without its record. Only people who came count hours; someone marked absent is marked
 * present first.
 */
export async function adjustHours(
  db: Database,
  input: { signupId: number; communityId: number; minutes: number; reason: string; actorId: number; at: Date },
): Promise<AdjustResult> {
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > CREDIT_HOURS_MAX * 60) return { ok: false, reason: "out-of-range" };
  const reason = checkReason(input.reason);
  if (!reason.ok) return { ok: false, reason: "no-reason" };
  return db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.signupId);
    const event = signup && (await findEvent(tx, signup.eventId, input.communityId));
    if (!signup || !event) return { ok: false, reason: "not-found" } as const;
    if (signup.status !== "attended") return { ok: false, reason: "not-attended" } as const;
    const before = signup.creditedMinutes ?? minutesFromTimes(event, signup.checkedInAt);
    await tx.update(eventSignups).set({ creditedMinutes: input.minutes, updatedAt: input.at }).where(eq(eventSignups.id, signup.id));
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: "hours.adjust",
      subject: `user:${signup.userId}`,
      before: { minutes: before },
      after: { minutes: input.minutes, reason: reason.reason, eventId: event.id, title: event.title },
      at: input.at,
    });
    return { ok: true, userId: signup.userId, title: event.title, before, after: input.minutes } as const;
  });
}
