import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, events } from "../../db/schema/index.js";
import { cancelMessage, enqueueMessages, type OutboxDraft } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { formatTime } from "../reports/views.js";
import { cantComeButtons, offerButtons } from "./keyboards.js";
import type { SignupNews, Tell } from "./signups.js";

/** Reminders before an event, in hours (24 h and 2 h, as the office asked). */
export const REMINDER_HOURS = [24, 2] as const;

/** Outbox dedupe keys: one reminder of each kind and one offer per sign-up, ever. */
export const reminderKey = (signupId: number, hours: number) => `reminder/${signupId}/${hours}`;
const offerKey = (signupId: number) => `offer/${signupId}`;

/**
 * What the people of a sign-up hear, written into the outbox in the sign-up's transaction: an
 * offered seat with Take / Decline; reminders before the event with "I can't come" for a
 * confirmed seat (dropped again when it is cancelled).
 */
export function signupMessages(at: () => Date, reminderHours: readonly number[] = REMINDER_HOURS): Tell {
  return async (tx, news) => {
    const drafts: OutboxDraft[] = [];
    for (const item of news) {
      if (item.kind === "cancelled") {
        for (const hours of reminderHours) await cancelMessage(tx, reminderKey(item.signupId, hours));
        continue;
      }
      const event = await eventFacts(tx, item.eventId);
      if (!event) continue;
      drafts.push(...draftsFor(item, event, at(), reminderHours));
    }
    await enqueueMessages(tx, drafts, at());
  };
}

async function eventFacts(tx: Database, eventId: number) {
  const [row] = await tx
    .select({ title: events.title, place: events.place, startsAt: events.startsAt, timezone: communities.timezone })
    .from(events)
    .innerJoin(communities, eq(communities.id, events.communityId))
    .where(eq(events.id, eventId));
  return row;
}

function draftsFor(news: SignupNews, event: NonNullable<Awaited<ReturnType<typeof eventFacts>>>, now: Date, reminderHours: readonly number[]): OutboxDraft[] {
  const vars = { title: event.title, time: formatTime(event.startsAt.toISOString(), event.timezone), place: event.place ?? "—" };
  if (news.kind === "offered") {
    const until = formatTime(news.offeredUntil.toISOString(), event.timezone);
    return [
      notice(news.userId, { key: "events-offer", vars: { ...vars, until }, buttons: offerButtons(news.signupId) }, { dedupeKey: offerKey(news.signupId) }),
    ];
  }
  return reminderHours
    .map((hours) => ({ hours, runAt: new Date(event.startsAt.getTime() - hours * 3600_000) }))
    .filter((r) => r.runAt > now)
    .map((r) =>
      notice(
        news.userId,
        { key: "events-reminder", vars: { ...vars, hours: r.hours }, buttons: cantComeButtons(news.signupId) },
        {
          dedupeKey: reminderKey(news.signupId, r.hours),
          runAt: r.runAt,
        },
      ),
    );
}
