import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { feedbackNotice } from "./door.js";

/** The job that asks a lecture's attendees for their rating once it is over. */
export const LECTURE_FEEDBACK_JOB = "lectures.feedback";

/** A lecture over longer than this is not asked about any more (a bot that was down a week stays quiet). */
const ASK_WITHIN_MS = 24 * 3600_000;

/**
 * Everyone checked in at a lecture that has ended is asked for a rating, however they were
 * checked in: at the door (which writes the question at once, for the end), through the QR
 * poster's link or /checkin with the event's code, a shared location, or the roster's
 * "present". Each lecture is taken once (feedback_asked_at), under SKIP LOCKED so instances
 * share the work; a question already written at the door is not written again (its key).
 */
export async function askAttendeesForFeedback(db: Database, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{ id: string; title: string }>(
      tx,
      sql`select l.id::text, e.title from lectures l join events e on e.id = l.event_id
          where l.feedback_asked_at is null and e.status <> 'cancelled'
            and e.ends_at <= ${at.toISOString()}::timestamptz and e.ends_at > ${new Date(at.getTime() - ASK_WITHIN_MS).toISOString()}::timestamptz
          for update of l skip locked`,
    );
    let asked = 0;
    for (const lecture of due) {
      const attendees = await queryRows<{ user_id: string }>(
        tx,
        sql`select s.user_id::text from event_signups s join lectures l on l.event_id = s.event_id
            where l.id = ${lecture.id} and s.status = 'attended' order by s.id`,
      );
      await enqueueMessages(
        tx,
        attendees.map((a) => feedbackNotice({ lectureId: Number(lecture.id), title: lecture.title, userId: Number(a.user_id), runAt: at })),
        at,
      );
      await tx.execute(sql`update lectures set feedback_asked_at = ${at.toISOString()}::timestamptz where id = ${lecture.id}`);
      asked += attendees.length;
    }
    return asked;
  });
}
