import { InlineKeyboard } from "grammy";
import { and, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { lectures, users } from "../../db/schema/index.js";
import type { Deliverer } from "../../outbox/sender.js";
import { timezoneOf } from "../accounts/service.js";
import type { BulkRules } from "../broadcasts/bulk.js";
import { announcementButtons } from "./keyboards.js";
import { sendToLectureAudience } from "./lecture-bulk.js";
import { lectureFacts } from "./service.js";
import { lectureVars, renderLecture } from "./views.js";

/** The outbox kind of one resident's announcement (rendered in their language, with their name). */
export const LECTURE_ANNOUNCEMENT = "lecture.announcement";

export interface AnnouncementPayload {
  lectureId: number;
}

/**
 * Who hears about a lecture: the subscribers of its topic and those who chose every lecture
 * (and, when staff ask for it, every resident of the community), each once.
 */
export async function audienceOf(db: Database, input: { lectureId: number; everyone: boolean }): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct u.id::text from ${lectures} l join ${users} u on u.community_id = l.community_id
        where l.id = ${input.lectureId} and u.blocked_at is null and (
          ${input.everyone}
          or exists (select 1 from lecture_subscriptions s where s.user_id = u.id and s.topic_id = l.topic_id)
          or exists (select 1 from lecture_preferences p where p.user_id = u.id and p.community_id = l.community_id and p.all_topics))
        order by 1`,
  );
  return rows.map((r) => Number(r.id));
}

export type AnnounceResult = { ok: true; recipients: number; bulkId: number } | { ok: false; reason: "not-found" | "already" | "over" };

/**
 * Announces a lecture once, through the broadcast machinery (its pace, quiet hours, progress
 * message and Stop): one outbox row per recipient of LECTURE_ANNOUNCEMENT, in one transaction
 * with the lecture's "announced" mark, so a second press announces nothing.
 */
export async function announceLecture(
  db: Database,
  input: { lectureId: number; communityId: number; staffId: number; everyone: boolean; at: Date; rules: BulkRules },
): Promise<AnnounceResult> {
  const facts = await lectureFacts(db, input.lectureId, input.communityId);
  if (!facts) return { ok: false, reason: "not-found" };
  if (facts.event.status === "cancelled" || facts.event.endsAt <= input.at) return { ok: false, reason: "over" };
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(lectures)
      .set({ announcedAt: input.at })
      .where(and(eq(lectures.id, input.lectureId), isNull(lectures.announcedAt)))
      .returning({ id: lectures.id });
    if (marked.length === 0) return { ok: false, reason: "already" } as const;
    const people = await audienceOf(tx, { lectureId: input.lectureId, everyone: input.everyone });
    const payload: AnnouncementPayload = { lectureId: input.lectureId };
    const bulk = await sendToLectureAudience(tx, input, {
      title: facts.event.title,
      clientKey: `lecture:${input.lectureId}:announce`,
      kind: LECTURE_ANNOUNCEMENT,
      payload,
      people,
    });
    return { ok: true, recipients: people.length, bulkId: bulk.id } as const;
  });
}

/**
 * One resident's announcement, rendered when it is sent: their name, the lecture as it is then
 * (seats left), in their language; the poster as a photo when there is one; Register (when
 * registration is needed), Interested and "stop these". A lecture cancelled meanwhile is not sent.
 */
export function lectureAnnouncementDeliverer(db: Database): Deliverer {
  return async (message, { api, t, locale }) => {
    const { lectureId } = message.payload as AnnouncementPayload;
    const facts = await lectureFacts(db, lectureId);
    if (!facts || facts.event.status === "cancelled") return;
    const [person] = await db.select({ firstName: users.firstName }).from(users).where(eq(users.id, message.chatId));
    const tz = await timezoneOf(db, facts.lecture.communityId);
    const text = [
      t("lectures-announcement", { name: person?.firstName ?? "", title: lectureVars(facts, tz, locale).title }),
      renderLecture(facts, tz, locale, t),
    ].join("\n\n");
    const keyboard = announcementButtons(lectureId, facts.lecture.registrationRequired).reduce(
      (board, row) => row.reduce((b, button) => b.text(t(button.key), button.data), board).row(),
      new InlineKeyboard(),
    );
    if (facts.lecture.posterFileId && text.length <= 1024) {
      await api.sendPhoto(message.chatId, facts.lecture.posterFileId, { caption: text, reply_markup: keyboard });
      return;
    }
    await api.sendMessage(message.chatId, text, { reply_markup: keyboard });
  };
}
