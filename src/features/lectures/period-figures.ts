import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { Translate } from "../../i18n.js";

/** Lectures in a period, for the daily report and /stats (JSON-safe: the daily record stores it). */
export interface LecturePeriodFigures {
  /** Lectures (not cancelled) that started in the period. */
  lectures: number;
  registered: number;
  attended: number;
  walkIns: number;
  /** Registered, the lecture over by the period's end, never checked in. */
  noShows: number;
  ratings: number;
  average: number | null;
}

/**
 * The period's lectures by their start: who registered (held a seat), came, walked in or did not
 * come, and the ratings they gave. `to` is exclusive (a day not over yet is cut there).
 */
export async function lecturePeriodFigures(db: Database, communityId: number, from: string, to: string): Promise<LecturePeriodFigures> {
  const [row] = await queryRows<{
    lectures: number;
    registered: number;
    attended: number;
    walk_ins: number;
    no_shows: number;
    ratings: number;
    average: string | null;
  }>(
    db,
    sql`with held as (
          select l.id, l.event_id, l.walk_ins, e.ends_at from lectures l join events e on e.id = l.event_id
          where l.community_id = ${communityId} and e.status <> 'cancelled' and e.starts_at >= ${from}::timestamptz and e.starts_at < ${to}::timestamptz)
        select (select count(*)::int from held) as lectures,
          (select count(*)::int from held h join event_signups s on s.event_id = h.event_id where s.status in ('confirmed', 'offered', 'attended', 'no_show')) as registered,
          (select count(*)::int from held h join event_signups s on s.event_id = h.event_id where s.status = 'attended') as attended,
          (select coalesce(sum(walk_ins), 0)::int from held) as walk_ins,
          (select count(*)::int from held h join event_signups s on s.event_id = h.event_id
            where h.ends_at <= ${to}::timestamptz and s.status in ('confirmed', 'no_show')) as no_shows,
          (select count(*)::int from held h join lecture_feedback f on f.lecture_id = h.id) as ratings,
          (select round(avg(f.rating)::numeric, 1)::text from held h join lecture_feedback f on f.lecture_id = h.id) as average`,
  );
  return {
    lectures: Number(row?.lectures ?? 0),
    registered: Number(row?.registered ?? 0),
    attended: Number(row?.attended ?? 0),
    walkIns: Number(row?.walk_ins ?? 0),
    noShows: Number(row?.no_shows ?? 0),
    ratings: Number(row?.ratings ?? 0),
    average: row?.average == null ? null : Number(row.average),
  };
}

/** The lectures line of the daily report and /stats: none for a period without lectures, nor for a record kept before it. */
export function lectureLines(figures: LecturePeriodFigures | undefined, t: Translate): string[] {
  if (!figures || figures.lectures === 0) return [];
  return [
    "",
    t("evaluation-lectures", {
      lectures: figures.lectures,
      registered: figures.registered,
      attended: figures.attended,
      walkins: figures.walkIns,
      noshows: figures.noShows,
      people: figures.attended + figures.walkIns,
      rating: figures.average === null ? "—" : figures.average.toFixed(1),
    }),
  ];
}
