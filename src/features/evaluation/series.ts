import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { analyticalRows } from "./analytical-query.js";
import type { Translated } from "../../translated.js";
import type { SeriesFigures } from "./charts/figures.js";
import { addDays, type Day } from "./days.js";
import { computeStats, periodBounds, type Stats, type StatsPeriod } from "./stats.js";

/** A period as computeStats bounds it: [fromUtc, toUtc) with the community's time zone for days. */
export interface SeriesPeriod {
  fromUtc: string;
  toUtc: string;
  timezone: string;
}

/**
 * The period cut into the community's local days or weeks (weeks start on Monday; the first may
 * begin before the period), each with its bounds in UTC clipped to the period. The reports of
 * each piece are then read by a range of reports_created_idx: on a year of a million-report
 * community that took 74 ms where converting every report's time to its local day and grouping
 * by it took 390 ms (bench:staff), and the bounds stay right across daylight-saving changes.
 */
function localPieces(period: SeriesPeriod, unit: "day" | "week"): SQL {
  const tz = period.timezone;
  const from = sql`${period.fromUtc}::timestamptz`;
  const to = sql`${period.toUtc}::timestamptz`;
  const first = unit === "day" ? sql`(${from} at time zone ${tz})::date::timestamp` : sql`date_trunc('week', ${from} at time zone ${tz})`;
  const step = unit === "day" ? sql`interval '1 day'` : sql`interval '1 week'`;
  return sql`select to_char(local_start, 'YYYY-MM-DD') as label,
                    greatest(local_start at time zone ${tz}, ${from}) as starts,
                    least((local_start + ${step}) at time zone ${tz}, ${to}) as ends
             from generate_series(${first}, (${to} - interval '1 microsecond') at time zone ${tz}, ${step}) local_start`;
}

/** Reports filed per local day and category in the period (days with none are left out). */
export async function reportsPerDay(
  db: Database,
  communityId: number,
  period: SeriesPeriod,
): Promise<Array<{ day: string; categoryId: number; reports: number }>> {
  const rows = await analyticalRows<{ day: string; category_id: number; reports: number }>(
    db,
    sql`select p.label as day, x.category_id, x.reports
        from (${localPieces(period, "day")}) p
        cross join lateral (
          select r.category_id, count(*)::int as reports
          from reports r
          where r.community_id = ${communityId} and r.created_at >= p.starts and r.created_at < p.ends
          group by r.category_id
        ) x
        order by 1, 2`,
  );
  return rows.map((r) => ({ day: r.day, categoryId: r.category_id, reports: Number(r.reports) }));
}

/**
 * Hours from report to resolution, per week the reports were filed in (weeks start on Monday):
 * the median and the 90th percentile of those resolved, and how many that is. Each week's
 * reports are sorted on their own (a lateral query per week), not all of the period's at once.
 */
export async function resolveHoursPerWeek(
  db: Database,
  communityId: number,
  period: SeriesPeriod,
): Promise<Array<{ week: string; resolved: number; medianHours: number; p90Hours: number }>> {
  const rows = await analyticalRows<{ week: string; resolved: number; median: number; p90: number }>(
    db,
    sql`select p.label as week, x.resolved, x.pct[1] / 3600 as median, x.pct[2] / 3600 as p90
        from (${localPieces(period, "week")}) p
        cross join lateral (
          -- One sort for both percentiles, of float8 seconds (date_part): extract() gives numeric,
          -- and two percentile_cont calls sorted each week twice (a year: 214 -> 112 ms).
          select count(*)::int as resolved,
                 percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', r.resolved_at - r.created_at)) as pct
          from reports r
          where r.community_id = ${communityId} and r.created_at >= p.starts and r.created_at < p.ends and r.resolved_at is not null
        ) x
        where x.resolved > 0
        order by 1`,
  );
  const hours = (value: number) => Math.round(Number(value) * 10) / 10;
  return rows.map((r) => ({ week: r.week, resolved: Number(r.resolved), medianHours: hours(r.median), p90Hours: hours(r.p90) }));
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The series the charts of a /stats period need, for the period computeStats bounded. */
export async function periodSeries(db: Database, stats: Pick<Stats, "communityId" | "period" | "fromUtc" | "toUtc" | "timezone">): Promise<SeriesFigures> {
  const bounds = { fromUtc: stats.fromUtc, toUtc: stats.toUtc, timezone: stats.timezone };
  const [perDay, perWeek] = await Promise.all([reportsPerDay(db, stats.communityId, bounds), resolveHoursPerWeek(db, stats.communityId, bounds)]);
  return { days: daysOf(stats.period.from, stats.period.to), perDay, perWeek };
}

/**
 * A period's figures and its charts' series together, as the dashboard shows them: the bounds
 * once, then both at the same time (Postgres runs their queries side by side).
 */
export async function statsWithSeries(db: Database, communityId: number, period: StatsPeriod, now: Date): Promise<{ stats: Stats; series: SeriesFigures }> {
  const bounds = await periodBounds(db, communityId, period);
  const [stats, series] = await Promise.all([computeStats(db, communityId, period, now, bounds), periodSeries(db, { communityId, period, ...bounds })]);
  return { stats, series };
}

/** The community's report categories, retired ones too (old reports keep theirs), in their usual order. */
export function reportCategories(db: Database, communityId: number): Promise<Array<{ id: number; icon: string; name: Translated }>> {
  return queryRows(db, sql`select id, icon, name from report_categories where community_id = ${communityId} order by sort_order, id`);
}
