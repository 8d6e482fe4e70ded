import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { eventSignups, lectureFeedback, lectures } from "../../db/schema/index.js";
import { parseLocalDateTime } from "../../time.js";

/**
 * An attendee's rating, 1–5 (the database refuses anything else too). Only a person checked in
 * at the lecture may rate it; rating again replaces the stars. False: not an attendee.
 */
export async function saveRating(db: Database, input: { lectureId: number; userId: number; rating: number; at: Date }): Promise<boolean> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return false;
  const [attended] = await db
    .select({ id: eventSignups.id })
    .from(lectures)
    .innerJoin(eventSignups, eq(eventSignups.eventId, lectures.eventId))
    .where(and(eq(lectures.id, input.lectureId), eq(eventSignups.userId, input.userId), eq(eventSignups.status, "attended")));
  if (!attended) return false;
  await db
    .insert(lectureFeedback)
    .values({ lectureId: input.lectureId, userId: input.userId, rating: input.rating, createdAt: input.at, updatedAt: input.at })
    .onConflictDoUpdate({ target: [lectureFeedback.lectureId, lectureFeedback.userId], set: { rating: input.rating, updatedAt: input.at } });
  return true;
}

/** The comment that follows a rating (none without one). */
export async function saveComment(db: Database, input: { lectureId: number; userId: number; comment: string; at: Date }): Promise<boolean> {
  const rows = await db
    .update(lectureFeedback)
    .set({ comment: input.comment, updatedAt: input.at })
    .where(and(eq(lectureFeedback.lectureId, input.lectureId), eq(lectureFeedback.userId, input.userId)))
    .returning();
  return rows.length > 0;
}

export interface LectureFigures {
  lectureId: number;
  title: string;
  startsAt: Date;
  /** Registrations that held a seat (cancelled and waiting ones not counted). */
  registered: number;
  attended: number;
  walkIns: number;
  /** Registered, the lecture over, never checked in. */
  noShows: number;
  ratings: number;
  /** Null without ratings. */
  averageRating: number | null;
}

/**
 * Per lecture of the community starting in [from, to): registered, attended, walk-ins,
 * no-shows (once it is over) and the average rating, in one statement.
 */
export async function lectureFigures(
  db: Database,
  input: { communityId: number; from: Date; to: Date; at: Date; lectureId?: number },
): Promise<LectureFigures[]> {
  const rows = await queryRows<{
    id: string;
    title: string;
    starts_at: string | Date;
    registered: number;
    attended: number;
    walk_ins: number;
    no_shows: number;
    ratings: number;
    average: string | number | null;
  }>(
    db,
    sql`select l.id::text, e.title, e.starts_at, l.walk_ins,
          (select count(*)::int from event_signups s where s.event_id = e.id and s.status in ('confirmed', 'offered', 'attended', 'no_show')) as registered,
          (select count(*)::int from event_signups s where s.event_id = e.id and s.status = 'attended') as attended,
          case when e.ends_at <= ${input.at.toISOString()}::timestamptz
               then (select count(*)::int from event_signups s where s.event_id = e.id and s.status in ('confirmed', 'no_show')) else 0 end as no_shows,
          (select count(*)::int from lecture_feedback f where f.lecture_id = l.id) as ratings,
          (select round(avg(f.rating)::numeric, 2) from lecture_feedback f where f.lecture_id = l.id) as average
        from lectures l join events e on e.id = l.event_id
        where l.community_id = ${input.communityId} and e.status <> 'cancelled'
          and e.starts_at >= ${input.from.toISOString()}::timestamptz and e.starts_at < ${input.to.toISOString()}::timestamptz
          ${input.lectureId === undefined ? sql`` : sql`and l.id = ${input.lectureId}`}
        order by e.starts_at, l.id`,
  );
  return rows.map((r) => ({
    lectureId: Number(r.id),
    title: r.title,
    startsAt: new Date(r.starts_at),
    registered: Number(r.registered),
    attended: Number(r.attended),
    walkIns: Number(r.walk_ins),
    noShows: Number(r.no_shows),
    ratings: Number(r.ratings),
    averageRating: r.average === null ? null : Number(r.average),
  }));
}

/** The comments of one lecture, oldest first. */
export async function lectureComments(db: Database, lectureId: number): Promise<Array<{ rating: number; comment: string }>> {
  const rows = await db
    .select({ rating: lectureFeedback.rating, comment: lectureFeedback.comment })
    .from(lectureFeedback)
    .where(and(eq(lectureFeedback.lectureId, lectureId), sql`${lectureFeedback.comment} is not null`))
    .orderBy(asc(lectureFeedback.createdAt));
  return rows.map((r) => ({ rating: r.rating, comment: r.comment! }));
}

/** "2026-Q2" → the quarter's first and next quarter's first day at midnight in the zone; undefined when not a quarter. */
export function quarterOf(text: string, timezone: string): { from: Date; to: Date; label: string } | undefined {
  const match = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const month = (quarter - 1) * 3 + 1;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, "0")}-01`;
  const from = parseLocalDateTime(`${year}-${String(month).padStart(2, "0")}-01 00:00`, timezone);
  const to = parseLocalDateTime(`${next} 00:00`, timezone);
  return from && to ? { from, to, label: `${year}-Q${quarter}` } : undefined;
}
