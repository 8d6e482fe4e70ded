import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { eventSignups, events, lectures, outboxMessages } from "../../db/schema/index.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { FEEDBACK_KEY_PREFIX, feedbackNotice } from "./door.js";

/** The job that asks a lecture's attendees for their rating once it is over. */
export const LECTURE_FEEDBACK_JOB = "lectures.feedback";

/** A lecture over longer than this is not asked about any more (a bot that was down a week stays quiet). */
const ASK_WITHIN_MS = 24 * 3600_000;

/**
 * Everyone checked in at a lecture that has ended (within a day) is asked for a rating, however
 * they were checked in: at the door (which writes the question at once, for the end), through
 * the QR poster's link or /checkin with the event's code, a shared location, or the roster's
 * "present". Organisers often mark the roster after the lecture, so each run asks whoever is
 * checked in and not asked yet: the question's outbox key says who was (a question written at
 * the door, or by an earlier run, is not written again; two instances at once write it once).
 * feedback_asked_at keeps when a lecture's attendees were first asked.
 */
export async function askAttendeesForFeedback(db: Database, at: Date): Promise<number> {
  const since = new Date(at.getTime() - ASK_WITHIN_MS);
  const due = await queryRows<{ lecture_id: string; title: string; user_id: string }>(
    db,
    sql`select l.id::text as lecture_id, e.title, s.user_id::text as user_id
        from ${lectures} l join ${events} e on e.id = l.event_id
          join ${eventSignups} s on s.event_id = e.id and s.status = 'attended'
        where e.status <> 'cancelled' and e.ends_at <= ${at.toISOString()}::timestamptz and e.ends_at > ${since.toISOString()}::timestamptz
          and not exists (select 1 from ${outboxMessages} o where o.dedupe_key = ${FEEDBACK_KEY_PREFIX}::text || l.id::text || '/' || s.user_id::text)
        order by l.id, s.id`,
  );
  if (due.length === 0) return 0;
  const asked = due.map((row) => ({ lectureId: Number(row.lecture_id), title: row.title, userId: Number(row.user_id) }));
  await db.transaction(async (tx) => {
    await enqueueMessages(
      tx,
      asked.map((a) => feedbackNotice({ ...a, runAt: at })),
      at,
    );
    const ids = [...new Set(asked.map((a) => a.lectureId))];
    await tx.execute(
      sql`update ${lectures} set feedback_asked_at = coalesce(feedback_asked_at, ${at.toISOString()}::timestamptz) where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  });
  return asked.length;
}
