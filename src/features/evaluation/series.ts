import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/** A period as computeStats bounds it: [fromUtc, toUtc) with the community's time zone for days. */
export interface SeriesPeriod {
  fromUtc: string;
  toUtc: string;
  timezone: string;
}

/** Reports filed per local day and category in the period (days with none are left out). */
export async function reportsPerDay(
  db: Database,
  communityId: number,
  period: SeriesPeriod,
): Promise<Array<{ day: string; categoryId: number; reports: number }>> {
  const rows = await queryRows<{ day: string; category_id: number; reports: number }>(
    db,
    sql`select to_char((r.created_at at time zone ${period.timezone})::date, 'YYYY-MM-DD') as day, r.category_id, count(*)::int as reports
        from reports r
        where r.community_id = ${communityId} and r.created_at >= ${period.fromUtc}::timestamptz and r.created_at < ${period.toUtc}::timestamptz
        group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => ({ day: r.day, categoryId: r.category_id, reports: Number(r.reports) }));
}

/**
 * Hours from report to resolution, per week the reports were filed in (weeks start on Monday):
 * the median and the 90th percentile of those resolved, and how many that is.
 */
export async function resolveHoursPerWeek(
  db: Database,
  communityId: number,
  period: SeriesPeriod,
): Promise<Array<{ week: string; resolved: number; medianHours: number; p90Hours: number }>> {
  const rows = await queryRows<{ week: string; resolved: number; median: number; p90: number }>(
    db,
    sql`select to_char(date_trunc('week', r.created_at at time zone ${period.timezone})::date, 'YYYY-MM-DD') as week,
               count(*)::int as resolved,
               percentile_cont(0.5) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as median,
               percentile_cont(0.9) within group (order by extract(epoch from (r.resolved_at - r.created_at)) / 3600) as p90
        from reports r
        where r.community_id = ${communityId} and r.created_at >= ${period.fromUtc}::timestamptz and r.created_at < ${period.toUtc}::timestamptz
          and r.resolved_at is not null
        group by 1 order by 1`,
  );
  const hours = (value: number) => Math.round(Number(value) * 10) / 10;
  return rows.map((r) => ({ week: r.week, resolved: Number(r.resolved), medianHours: hours(r.median), p90Hours: hours(r.p90) }));
}
