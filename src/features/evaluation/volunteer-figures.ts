import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups } from "../../db/schema/index.js";
import { servedMinutes, volunteerDuty } from "../events/attendance.js";
import type { Translate } from "../../i18n.js";

/** Volunteering in a period (JSON-safe: the daily record stores it as it is). */
export interface VolunteerFigures {
  /** Sign-ups made in the period (seats and waitlist places; steps back later included). */
  signups: number;
  /** Events (not cancelled) that started in the period, and who came to them or did not. */
  events: number;
  attended: number;
  noShows: number;
  /** Hours served at those events (credited minutes or the times), as /hours counts them. */
  minutes: number;
}

/**
 * The period's volunteering for the daily report and /stats: sign-ups by when they were made,
 * attendance and hours by the event's start, of volunteer duties only (a lecture's audience is
 * counted in the lectures' own line). `to` is exclusive (a day not over yet is cut there).
 */
export async function volunteerFigures(db: Database, communityId: number, from: string, to: string): Promise<VolunteerFigures> {
  const [row] = await queryRows<{ signups: number; events: number; attended: number; no_shows: number; minutes: number }>(
    db,
    sql`select
          (select count(*)::int from ${eventSignups} s join ${events} e on e.id = s.event_id
            where e.community_id = ${communityId} and ${volunteerDuty} and s.created_at >= ${from}::timestamptz and s.created_at < ${to}::timestamptz) as signups,
          (select count(*)::int from ${events} e
            where e.community_id = ${communityId} and ${volunteerDuty} and e.status <> 'cancelled'
              and e.starts_at >= ${from}::timestamptz and e.starts_at < ${to}::timestamptz) as events,
          count(*) filter (where s.status = 'attended')::int as attended,
          count(*) filter (where s.status = 'no_show')::int as no_shows,
          coalesce(round(sum(${servedMinutes}) filter (where s.status = 'attended')), 0)::int as minutes
        from ${eventSignups} s join ${events} e on e.id = s.event_id
        where e.community_id = ${communityId} and ${volunteerDuty} and e.starts_at >= ${from}::timestamptz and e.starts_at < ${to}::timestamptz
          and s.status in ('attended', 'no_show')`,
  );
  return {
    signups: Number(row?.signups ?? 0),
    events: Number(row?.events ?? 0),
    attended: Number(row?.attended ?? 0),
    noShows: Number(row?.no_shows ?? 0),
    minutes: Number(row?.minutes ?? 0),
  };
}

/**
 * The volunteering lines of the daily report and /stats: none for a period with no sign-up and no
 * event (as a category with nothing to count is left out), nor for a record kept before they existed.
 */
export function volunteerLines(figures: VolunteerFigures | undefined, t: Translate): string[] {
  if (!figures || (figures.signups === 0 && figures.events === 0)) return [];
  return [
    "",
    t("evaluation-volunteering", {
      signups: figures.signups,
      events: figures.events,
      attended: figures.attended,
      noShows: figures.noShows,
      hours: (Math.round(figures.minutes / 6) / 10).toFixed(1),
    }),
  ];
}
