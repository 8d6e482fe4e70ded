import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { Translated } from "../../translated.js";
import type { SeriesFigures } from "./charts/figures.js";
import { addDays, type Day } from "./days.js";
import type { Stats } from "./stats.js";

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

/** The community's report categories, retired ones too (old reports keep theirs), in their usual order. */
export function reportCategories(db: Database, communityId: number): Promise<Array<{ id: number; icon: string; name: Translated }>> {
  return queryRows(db, sql`select id, icon, name from report_categories where community_id = ${communityId} order by sort_order, id`);
}
