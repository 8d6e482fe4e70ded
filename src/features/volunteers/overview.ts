import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { events, eventSignups, teamMembers, teams, userRoles, users, volunteerProfiles } from "../../db/schema/index.js";
import { servedMinutes, volunteerDuty } from "../events/attendance.js";

export interface VolunteerLine {
  userId: number;
  /** The name they show, and their Telegram name (staff only see both). */
  name: string;
  realName: string;
  phone: string | null;
  /** Teams they lead or belong to, by name. */
  teams: string[];
  /** Minutes this month (the community's calendar) and in all; events attended in all. */
  monthMinutes: number;
  allMinutes: number;
  attended: number;
  /** Marked absent by the organiser; the rate is absent / (attended + absent), null before any. */
  noShows: number;
  noShowRate: number | null;
}

/**
 * Every volunteer of the community (and anyone else who came to one of its events) with their
 * teams, hours and no-show rate, most hours this month first. Events that have not started do
 * not count; hours are credited minutes or the times, as /hours counts them.
 */
export async function volunteerOverview(db: Database, input: { communityId: number; at: Date; timezone: string }): Promise<VolunteerLine[]> {
  const at = input.at.toISOString();
  const tz = input.timezone;
  const rows = await queryRows<{
    user_id: string;
    name: string;
    first_name: string | null;
    last_name: string | null;
    phone: string | null;
    teams: string[] | null;
    month_minutes: number;
    all_minutes: number;
    attended: number;
    no_shows: number;
  }>(
    db,
    sql`with people as (
          select user_id from ${userRoles} where community_id = ${input.communityId} and role = 'volunteer'
          union
          select s.user_id from ${eventSignups} s join ${events} e on e.id = s.event_id
          where e.community_id = ${input.communityId} and s.status in ('attended', 'no_show') and ${volunteerDuty}
        ),
        served as (
          select s.user_id, s.status, e.starts_at, ${servedMinutes} as minutes
          from ${eventSignups} s join ${events} e on e.id = s.event_id
          where e.community_id = ${input.communityId} and s.status in ('attended', 'no_show') and e.starts_at <= ${at}::timestamptz and ${volunteerDuty}
        )
        select p.user_id::text, coalesce(v.display_name, u.first_name, '') as name, u.first_name, u.last_name, v.phone,
               (select array_agg(t.name order by t.name) from ${teams} t
                 where t.community_id = ${input.communityId}
                   and (t.leader_id = p.user_id or exists (select 1 from ${teamMembers} m where m.team_id = t.id and m.user_id = p.user_id and m.status = 'approved'))) as teams,
               coalesce(round(sum(d.minutes) filter (where d.status = 'attended'
                 and date_trunc('month', d.starts_at at time zone ${tz}) = date_trunc('month', ${at}::timestamptz at time zone ${tz}))), 0)::int as month_minutes,
               coalesce(round(sum(d.minutes) filter (where d.status = 'attended')), 0)::int as all_minutes,
               count(*) filter (where d.status = 'attended')::int as attended,
               count(*) filter (where d.status = 'no_show')::int as no_shows
        from people p join ${users} u on u.id = p.user_id
        left join ${volunteerProfiles} v on v.user_id = p.user_id
        left join served d on d.user_id = p.user_id
        group by p.user_id, v.display_name, u.first_name, u.last_name, v.phone
        order by month_minutes desc, all_minutes desc, p.user_id`,
  );
  return rows.map((r) => {
    const attended = Number(r.attended);
    const noShows = Number(r.no_shows);
    return {
      userId: Number(r.user_id),
      name: r.name,
      realName: [r.first_name, r.last_name].filter(Boolean).join(" "),
      phone: r.phone,
      teams: r.teams ?? [],
      monthMinutes: Number(r.month_minutes),
      allMinutes: Number(r.all_minutes),
      attended,
      noShows,
      noShowRate: attended + noShows === 0 ? null : noShows / (attended + noShows),
    };
  });
}

export interface MonthHours {
  userId: number;
  name: string;
  realName: string;
  /** YYYY-MM in the community's calendar (the month the event started). */
  month: string;
  minutes: number;
  events: number;
}

/** Hours per volunteer per month, for the export: one row per person and month they served in, oldest month first. */
export async function hoursByMonth(db: Database, input: { communityId: number; at: Date; timezone: string }): Promise<MonthHours[]> {
  const rows = await queryRows<{
    user_id: string;
    name: string;
    first_name: string | null;
    last_name: string | null;
    month: string;
    minutes: number;
    events: number;
  }>(
    db,
    sql`select s.user_id::text, coalesce(v.display_name, u.first_name, '') as name, u.first_name, u.last_name,
               to_char(e.starts_at at time zone ${input.timezone}, 'YYYY-MM') as month,
               round(sum(${servedMinutes}))::int as minutes, count(*)::int as events
        from ${eventSignups} s join ${events} e on e.id = s.event_id join ${users} u on u.id = s.user_id
        left join ${volunteerProfiles} v on v.user_id = s.user_id
        where e.community_id = ${input.communityId} and s.status = 'attended' and ${volunteerDuty} and e.starts_at <= ${input.at.toISOString()}::timestamptz
        group by s.user_id, v.display_name, u.first_name, u.last_name, month
        order by month, s.user_id`,
  );
  return rows.map((r) => ({
    userId: Number(r.user_id),
    name: r.name,
    realName: [r.first_name, r.last_name].filter(Boolean).join(" "),
    month: r.month,
    minutes: Number(r.minutes),
    events: Number(r.events),
  }));
}
