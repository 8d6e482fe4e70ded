import { eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, users } from "../../db/schema/index.js";
import type { Deliverer } from "../../outbox/sender.js";
import { timezoneOf } from "../accounts/service.js";
import { sendBulk, type BulkRules } from "../broadcasts/bulk.js";
import { joinKeyboard } from "./keyboards.js";
import { findEvent } from "./roster-service.js";
import { seatsOf } from "./service.js";
import { renderOpenEvent } from "./views.js";

/** The outbox kind of one person's announcement of an event (rendered in their language when sent). */
export const EVENT_ANNOUNCEMENT = "event.announcement";

export interface EventAnnouncementPayload {
  eventId: number;
}

/**
 * Who may sign up for the event and has not: everyone in the community, the people with a role
 * there (volunteers' duties, as the sign-up decides), or the team's members and leader; people
 * who blocked the bot are left out (sendBulk counts them as skipped anyway).
 */
export async function announcementAudience(db: Database, eventId: number): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct u.id::text from ${events} e join ${users} u on true
        where e.id = ${eventId} and u.blocked_at is null
          and case e.audience
                when 'everyone' then u.community_id = e.community_id
                when 'team' then exists (select 1 from team_members m where m.team_id = e.team_id and m.user_id = u.id and m.status = 'approved')
                              or exists (select 1 from teams t where t.id = e.team_id and t.leader_id = u.id)
                else exists (select 1 from user_roles r where r.user_id = u.id and r.community_id = e.community_id)
              end
          and not exists (select 1 from event_signups s where s.event_id = e.id and s.user_id = u.id and s.status <> 'cancelled')
        order by 1`,
  );
  return rows.map((r) => Number(r.id));
}

export type AnnounceEventResult = { ok: true; recipients: number } | { ok: false; reason: "not-found" | "cancelled" | "started" | "already" };

/**
 * Announces an event once to those who may sign up, through the broadcast machinery (its pace,
 * quiet hours, progress message with Stop, /broadcasts): one outbox row per person, each
 * rendered when sent with a Sign up button per slot. The bulk's key is the event's, so a second
 * press (or the same press handled twice) announces nothing.
 */
export async function announceEvent(
  db: Database,
  input: { eventId: number; communityId: number; staffId: number; at: Date; rules: BulkRules },
): Promise<AnnounceEventResult> {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, input.eventId, input.communityId);
    if (!event) return { ok: false, reason: "not-found" } as const;
    if (event.status === "cancelled") return { ok: false, reason: "cancelled" } as const;
    if (event.startsAt <= input.at || (event.signupDeadline && event.signupDeadline <= input.at)) return { ok: false, reason: "started" } as const;
    const people = await announcementAudience(tx, event.id);
    const payload: EventAnnouncementPayload = { eventId: event.id };
    const bulk = await sendBulk(tx, {
      communityId: input.communityId,
      createdBy: input.staffId,
      label: event.title,
      urgent: false,
      runAt: input.at,
      progressChatId: input.staffId,
      clientKey: `event:${event.id}:announce`,
      recipients: people.map((userId) => ({ userId, kind: EVENT_ANNOUNCEMENT, payload })),
      rules: input.rules,
      at: input.at,
    });
    if (!bulk.created) return { ok: false, reason: "already" } as const;
    return { ok: true, recipients: people.length } as const;
  });
}

/**
 * One person's announcement, rendered when it is sent: the event as it is then (seats left per
 * slot) in their language, with a Sign up button per slot. An event cancelled or closed for
 * sign-ups meanwhile is not sent.
 */
export function eventAnnouncementDeliverer(db: Database): Deliverer {
  return async (message, { api, t, now }) => {
    const { eventId } = message.payload as EventAnnouncementPayload;
    const [event] = await db.select().from(events).where(eq(events.id, eventId));
    if (!event || event.status === "cancelled" || (event.signupDeadline ?? event.startsAt) <= now) return;
    const open = { event, slots: await seatsOf(db, eventId), mine: null };
    const text = [t("events-announcement"), renderOpenEvent(open, await timezoneOf(db, event.communityId), t)].join("\n\n");
    const keyboard = joinKeyboard(open, t);
    await api.sendMessage(message.chatId, text, keyboard ? { reply_markup: keyboard } : {});
  };
}
