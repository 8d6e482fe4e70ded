import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, events, lectureRegistrations } from "../../db/schema/index.js";
import { cancelMessage, enqueueMessages, type OutboxDraft } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { formatTime } from "../reports/views.js";
import { cantComeButtons, offerButtons } from "./keyboards.js";
import type { SignupNews, Tell } from "./signups.js";

/** Reminders before an event, in hours (24 h and 2 h, as the office asked). */
export const REMINDER_HOURS = [24, 2] as const;

/**
 * Reminders per kind of event, in hours before the start: duties as above; a lecture the day
 * before and one hour before, each with the person's registration code (LECTURE_REMINDERS).
 */
export interface Reminders {
  event: readonly number[];
  lecture: readonly number[];
}

export const DEFAULT_REMINDERS: Reminders = { event: REMINDER_HOURS, lecture: [24, 1] };

/** The reminders as configured: EVENT_REMINDERS replaces the duties', LECTURE_REMINDERS the lectures', when set. */
export const remindersOf = (config: { EVENT_REMINDERS?: readonly number[]; LECTURE_REMINDERS?: readonly number[] }): Reminders => ({
  event: config.EVENT_REMINDERS ?? DEFAULT_REMINDERS.event,
  lecture: config.LECTURE_REMINDERS ?? DEFAULT_REMINDERS.lecture,
});

/** The hours before an event of this kind when its people are reminded. */
export const reminderHoursOf = (reminders: Reminders, kind: string): readonly number[] => (kind === "lecture" ? reminders.lecture : reminders.event);

/** A plan for one kind only (a moved event's reminders still due). */
export const onlyHours = (hours: readonly number[]): Reminders => ({ event: hours, lecture: hours });

/**
 * Outbox dedupe keys: one reminder of each kind and one offer per sign-up, ever. Whole hours
 * keep the key they always had; a configured lead in minutes is keyed in minutes.
 */
export const reminderKey = (signupId: number, hours: number) =>
  Number.isInteger(hours) ? `reminder/${signupId}/${hours}` : `reminder/${signupId}/${Math.round(hours * 60)}m`;
const offerKey = (signupId: number) => `offer/${signupId}`;

/**
 * What the people of a sign-up hear, written into the outbox in the sign-up's transaction: an
 * offered seat with Take / Decline; reminders before the event with "I can't come" for a
 * confirmed seat (dropped again when it is cancelled).
 */
export function signupMessages(at: () => Date, reminders: Reminders = DEFAULT_REMINDERS): Tell {
  return async (tx, news) => {
    const drafts: OutboxDraft[] = [];
    for (const item of news) {
      if (item.kind === "cancelled") {
        for (const hours of new Set([...reminders.event, ...reminders.lecture])) await cancelMessage(tx, reminderKey(item.signupId, hours));
        continue;
      }
      const event = await eventFacts(tx, item.eventId);
      if (!event) continue;
      drafts.push(...(await draftsFor(tx, item, event, at(), reminderHoursOf(reminders, event.kind))));
    }
    await enqueueMessages(tx, drafts, at());
  };
}

async function eventFacts(tx: Database, eventId: number) {
  const [row] = await tx
    .select({ title: events.title, kind: events.kind, place: events.place, startsAt: events.startsAt, timezone: communities.timezone })
    .from(events)
    .innerJoin(communities, eq(communities.id, events.communityId))
    .where(eq(events.id, eventId));
  return row;
}

async function draftsFor(
  tx: Database,
  news: SignupNews,
  event: NonNullable<Awaited<ReturnType<typeof eventFacts>>>,
  now: Date,
  reminderHours: readonly number[],
): Promise<OutboxDraft[]> {
  const vars = { title: event.title, time: formatTime(event.startsAt.toISOString(), event.timezone), place: event.place ?? "—" };
  if (news.kind === "offered") {
    const until = formatTime(news.offeredUntil.toISOString(), event.timezone);
    return [
      notice(news.userId, { key: "events-offer", vars: { ...vars, until }, buttons: offerButtons(news.signupId) }, { dedupeKey: offerKey(news.signupId) }),
    ];
  }
  const due = reminderHours.map((hours) => ({ hours, runAt: new Date(event.startsAt.getTime() - hours * 3600_000) })).filter((r) => r.runAt > now);
  // A lecture's reminder carries the registration code the person shows at the door.
  const code = event.kind === "lecture" && due.length > 0 ? await registrationCode(tx, news.signupId) : undefined;
  return due.map((r) =>
    notice(
      news.userId,
      code === undefined
        ? // "in 2 hours", or "in 30 minutes" for a configured lead shorter than whole hours.
          Number.isInteger(r.hours)
          ? { key: "events-reminder", vars: { ...vars, hours: r.hours }, buttons: cantComeButtons(news.signupId) }
          : { key: "events-reminder-minutes", vars: { ...vars, minutes: lead(r.hours).minutes }, buttons: cantComeButtons(news.signupId) }
        : { key: "events-lecture-reminder", vars: { ...vars, ...lead(r.hours), code }, buttons: cantComeButtons(news.signupId) },
      { dedupeKey: reminderKey(news.signupId, r.hours), runAt: r.runAt },
    ),
  );
}

/** How long before: whole hours as hours, anything shorter in minutes (hours 0). */
const lead = (hours: number) => (Number.isInteger(hours) ? { hours, minutes: hours * 60 } : { hours: 0, minutes: Math.round(hours * 60) });

/** The lecture registration's code ("—" before it is drawn: the person reads it in /mylectures). */
async function registrationCode(tx: Database, signupId: number): Promise<string> {
  const [row] = await tx.select({ code: lectureRegistrations.code }).from(lectureRegistrations).where(eq(lectureRegistrations.signupId, signupId));
  return row?.code ?? "—";
}
