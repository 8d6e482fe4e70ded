import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { communities, events, outboxMessages } from "../../db/schema/index.js";
import { cancelMessage, enqueueMessages, rescheduleMessage } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { formatTime } from "../reports/views.js";
import { DEFAULT_REMINDERS, onlyHours, reminderHoursOf, reminderKey, signupMessages, type Reminders } from "./messages.js";
import type { OrganiserTell } from "./organiser-service.js";

/** Outbox dedupe keys: one cancellation notice per person and event, one move notice per new time. */
const cancelledNoticeKey = (eventId: number, userId: number) => `event-cancelled/${eventId}/${userId}`;
const movedNoticeKey = (eventId: number, userId: number, startsAt: Date) => `event-moved/${eventId}/${userId}/${startsAt.getTime()}`;

/**
 * What people signed up for an event hear when its organiser cancels or moves it, written into
 * the outbox in the change's transaction and rendered in each person's language when sent.
 * A move also moves each confirmed seat's reminders: one whose new time has passed is dropped,
 * one not yet written (the event moved further away) is written.
 */
export function organiserMessages(at: () => Date, reminders: Reminders = DEFAULT_REMINDERS): OrganiserTell {
  const signups = signupMessages(at, reminders);
  return {
    signups,
    event: async (tx, news) => {
      const [event] = await tx
        .select({
          title: events.title,
          kind: events.kind,
          place: events.place,
          startsAt: events.startsAt,
          endsAt: events.endsAt,
          timezone: communities.timezone,
        })
        .from(events)
        .innerJoin(communities, eq(communities.id, events.communityId))
        .where(eq(events.id, news.eventId));
      if (!event) return;
      const time = formatTime(event.startsAt.toISOString(), event.timezone);
      const vars = { title: event.title, time, place: event.place ?? "—" };
      if (news.kind === "event-cancelled") {
        const drafts = news.userIds.map((userId) =>
          notice(userId, { key: "events-cancelled-notice", vars }, { dedupeKey: cancelledNoticeKey(news.eventId, userId) }),
        );
        await enqueueMessages(tx, drafts, at());
        return;
      }
      const was = formatTime(news.from.toISOString(), event.timezone);
      const end = formatTime(event.endsAt.toISOString(), event.timezone).slice(11);
      const userIds = [...new Set(news.people.map((p) => p.userId))];
      const drafts = userIds.map((userId) =>
        notice(userId, { key: "events-moved-notice", vars: { ...vars, end, was } }, { dedupeKey: movedNoticeKey(news.eventId, userId, event.startsAt) }),
      );
      await enqueueMessages(tx, drafts, at());
      const confirmed = news.people.filter((p) => p.status === "confirmed");
      const reminderHours = reminderHoursOf(reminders, event.kind);
      for (const person of confirmed) {
        for (const hours of reminderHours) {
          const key = reminderKey(person.signupId, hours);
          const runAt = new Date(event.startsAt.getTime() - hours * 3600_000);
          if (runAt <= at()) await cancelMessage(tx, key);
          else if (await rescheduleMessage(tx, key, runAt)) await retime(tx, key, time);
        }
      }
      // Reminders that were never written (too late for them before the move) are written now;
      // the ones moved above keep their place (an enqueue under a used key does nothing). A
      // reminder whose time came while the person held the seat has been sent: it is not sent
      // again for the new time, even once its outbox row is pruned and its key free.
      for (const person of confirmed) {
        const due = reminderHours.filter((hours) => {
          const oldRun = news.from.getTime() - hours * 3600_000;
          return !(person.since.getTime() < oldRun && oldRun <= at().getTime());
        });
        if (due.length === 0) continue;
        await signupMessages(at, onlyHours(due))(tx, [{ kind: "confirmed", signupId: person.signupId, userId: person.userId, eventId: news.eventId }]);
      }
    },
  };
}

/**
 * A moved reminder says the new time: the reminder's text is rendered from its stored values
 * when it is sent, and rescheduleMessage moves only when.
 */
async function retime(tx: Database, dedupeKey: string, time: string): Promise<void> {
  await tx
    .update(outboxMessages)
    .set({ payload: sql`jsonb_set(${outboxMessages.payload}, '{vars,time}', to_jsonb(${time}::text))` })
    .where(and(eq(outboxMessages.dedupeKey, dedupeKey), eq(outboxMessages.status, "pending")));
}
