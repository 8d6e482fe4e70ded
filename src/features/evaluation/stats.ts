import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { Translated } from "../../translated.js";
import { analyticalRows } from "./analytical-query.js";
import { UnknownCommunityError } from "./daily.js";
import { volunteerFigures, type VolunteerFigures } from "./volunteer-figures.js";
import { lecturePeriodFigures, type LecturePeriodFigures } from "../lectures/period-figures.js";
import { addDays, DEFAULT_TIMEZONE, daysBetween, isDay, startOfMonth, startOfQuarter, startOfWeek, type Day } from "./days.js";

/** Longest period /stats covers: a year (a leap year's too). */
export const MAX_STATS_DAYS = 366;

export interface StatsPeriod {
  /** First and last calendar day, both included, in the community's time zone. */
  from: Day;
  to: Day;
}

export type StatsArgs = { ok: true; period: StatsPeriod } | { ok: false; reason: "usage" | "bad-date" | "reversed" | "future" | "too-long" };

/**
 * /stats arguments: nothing (this month), week, month, quarter (calendar periods up to today;
 * weeks start on Monday), or two days "YYYY-MM-DD YYYY-MM-DD" (both included). A range may not
 * start after today; one that ends after today ends today.
 */
export function parseStatsArgs(text: string, today: Day): StatsArgs {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0] === "month")) return { ok: true, period: { from: startOfMonth(today), to: today } };
  if (words.length === 1 && words[0] === "week") return { ok: true, period: { from: startOfWeek(today), to: today } };
  if (words.length === 1 && words[0] === "quarter") return { ok: true, period: { from: startOfQuarter(today), to: today } };
  if (words.length !== 2) return { ok: false, reason: "usage" };
  const [from, to] = words as [string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return { ok: false, reason: "usage" };
  if (!isDay(from) || !isDay(to)) return { ok: false, reason: "bad-date" };
  if (from > to) return { ok: false, reason: "reversed" };
  if (from > today) return { ok: false, reason: "future" };
  const end = to > today ? today : to;
  if (daysBetween(from, end) > MAX_STATS_DAYS) return { ok: false, reason: "too-long" };
  return { ok: true, period: { from, to: end } };
}

/** Figures for a group of reports (all, one category, one area). */
export interface GroupStats {
  reports: number;
  /** Reports with a resolution (resolved, or closed since). */
  resolved: number;
  /**
   * Resolved by the deadline, among the reports judged on it: not rejected or a duplicate, and
   * either resolved or past their deadline (one still within its time is not judged yet).
   */
  deadline: { judged: number; met: number; share: number | null };
  /** Reports reopened at least once (a "reopened" step in their history), over all reports. */
  reopen: { reports: number; rate: number | null };
  /** Residents' ratings (1–5 stars) of these reports. */
  rating: { count: number; average: number | null };
}

export interface Stats extends GroupStats {
  communityId: number;
  period: StatsPeriod;
  timezone: string;
  /** The period's bounds in UTC. */
  fromUtc: string;
  toUtc: string;
  /** Hours from report to resolution (percentile_cont): median and 90th percentile; null with nothing resolved. */
  medianHours: number | null;
  p90Hours: number | null;
  byCategory: Array<GroupStats & { id: number; icon: string; name: Translated }>;
  byArea: Array<GroupStats & { id: number | null; name: string | null }>;
  /**
   * Per assignee: the period's reports assigned to them now, and the ones they resolved; the
   * deadline share and residents' ratings are of the reports assigned to them.
   */
  inspectors: Array<{ id: number; name: string; assigned: number; resolved: number } & Pick<GroupStats, "deadline" | "rating">>;
  /** Sign-ups, attendance and hours in the period (up to now). */
  volunteering: VolunteerFigures;
  /** The period's lectures (up to now). */
  lectures: LecturePeriodFigures;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

interface Tally {
  reports: number;
  resolved: number;
  judged: number;
  met: number;
  reopened: number;
  ratings: number;
  stars: number;
}
const emptyTally = (): Tally => ({ reports: 0, resolved: 0, judged: 0, met: 0, reopened: 0, ratings: 0, stars: 0 });
function addTo(map: Map<string, Tally>, key: string, row: Partial<Tally>) {
  const tally = map.get(key) ?? emptyTally();
  for (const field of Object.keys(tally) as Array<keyof Tally>) tally[field] += Number(row[field] ?? 0);
  map.set(key, tally);
}
function groupStats(tally: Tally | undefined): GroupStats {
  const t = tally ?? emptyTally();
  return {
    reports: t.reports,
    resolved: t.resolved,
    deadline: { judged: t.judged, met: t.met, share: ratio(t.met, t.judged) },
    reopen: { reports: t.reopened, rate: ratio(t.reopened, t.reports) },
    rating: { count: t.ratings, average: t.ratings === 0 ? null : Math.round((t.stars / t.ratings) * 100) / 100 },
  };
}

/** A period's bounds in UTC, [fromUtc, toUtc), from its local days in the community's time zone. */
export interface PeriodBounds {
  timezone: string;
  fromUtc: string;
  toUtc: string;
}

export async function periodBounds(db: Database, communityId: number, period: StatsPeriod): Promise<PeriodBounds> {
  const [community] = await queryRows<{ timezone: string | null; from_ms: number; to_ms: number }>(
    db,
    sql`select c.timezone,
               extract(epoch from (${period.from}::date::timestamp at time zone coalesce(c.timezone, ${DEFAULT_TIMEZONE})))::float8 * 1000 as from_ms,
               extract(epoch from (${addDays(period.to, 1)}::date::timestamp at time zone coalesce(c.timezone, ${DEFAULT_TIMEZONE})))::float8 * 1000 as to_ms
        from communities c where c.id = ${communityId}`,
  );
  if (!community) throw new UnknownCommunityError(communityId);
  return {
    timezone: community.timezone ?? DEFAULT_TIMEZONE,
    fromUtc: new Date(Number(community.from_ms)).toISOString(),
    toUtc: new Date(Number(community.to_ms)).toISOString(),
  };
}

/**
 * Evaluation figures (考评) for the reports filed in a period (by the day they were filed, in
 * the community's time zone). Three queries, each one pass over the period's reports (an
 * index-only scan of reports_created_idx): the counts by category, area, assignee and resolver
 * (rolled up here), the resolution-time percentiles (percentile_cont), and the ratings; with
 * the volunteering and lecture figures, all at once.
 */
export async function computeStats(db: Database, communityId: number, period: StatsPeriod, now: Date, known?: PeriodBounds): Promise<Stats> {
  const bounds = known ?? (await periodBounds(db, communityId, period));
  const { fromUtc, toUtc } = bounds;
  const upTo = new Date(Math.min(Date.parse(toUtc), now.getTime())).toISOString();
  const at = now.toISOString();
  const inPeriod = sql`r.community_id = ${communityId} and r.created_at >= ${fromUtc}::timestamptz and r.created_at < ${toUtc}::timestamptz`;

  type CountRow = { category_id: number; area_id: number | null; assignee_id: string | null; resolved_by: string | null } & Omit<Tally, "ratings" | "stars">;
  const [counts, percentiles, ratings, categories, areas, volunteering, lectures] = await Promise.all([
    analyticalRows<CountRow>(
      db,
      sql`select r.category_id, r.area_id, r.assignee_id::text as assignee_id, r.resolved_by::text as resolved_by,
                 count(*)::int as reports,
                 count(r.resolved_at)::int as resolved,
                 count(*) filter (where r.status not in ('rejected', 'duplicate')
                                    and (r.resolved_at is not null or r.deadline_at < ${at}::timestamptz))::int as judged,
                 count(*) filter (where r.status not in ('rejected', 'duplicate') and r.resolved_at <= r.deadline_at)::int as met,
                 count(x.report_id)::int as reopened
          from reports r
          left join (
            -- A report is reopened after it was filed: only reopenings since the period began matter.
            select distinct report_id from report_events where to_status = 'reopened' and created_at >= ${fromUtc}::timestamptz
          ) x on x.report_id = r.id
          where ${inPeriod}
          group by r.category_id, r.area_id, r.assignee_id, r.resolved_by`,
    ),
    analyticalRows<{ pct: number[] | string | null }>(
      db,
      sql`select percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', r.resolved_at - r.created_at)) as pct
          from reports r
          where ${inPeriod} and r.resolved_at is not null`,
    ),
    analyticalRows<{ category_id: number; area_id: number | null; assignee_id: string | null; ratings: number; stars: number }>(
      db,
      sql`select r.category_id, r.area_id, r.assignee_id::text as assignee_id, count(*)::int as ratings, sum(g.stars)::int as stars
          from report_ratings g join reports r on r.id = g.report_id
          -- A report is rated after it was filed: ratings from before the period cannot count.
          where ${inPeriod} and g.created_at >= ${fromUtc}::timestamptz
          group by r.category_id, r.area_id, r.assignee_id`,
    ),
    queryRows<{ id: number; icon: string; name: Translated }>(
      db,
      sql`select id, icon, name from report_categories where community_id = ${communityId} order by sort_order, id`,
    ),
    queryRows<{ id: number; name: string }>(db, sql`select id, name from areas where community_id = ${communityId} order by name, id`),
    volunteerFigures(db, communityId, fromUtc, upTo),
    lecturePeriodFigures(db, communityId, fromUtc, upTo),
  ]);

  const total = new Map<string, Tally>();
  const byCategory = new Map<string, Tally>();
  const byArea = new Map<string, Tally>();
  const byAssignee = new Map<string, Tally>();
  const assigned = new Map<string, number>();
  const resolvedBy = new Map<string, number>();
  const areaKey = (id: number | null) => (id === null ? "none" : String(id));
  for (const row of counts) {
    addTo(total, "all", row);
    addTo(byCategory, String(row.category_id), row);
    addTo(byArea, areaKey(row.area_id), row);
    if (row.assignee_id !== null) {
      assigned.set(row.assignee_id, (assigned.get(row.assignee_id) ?? 0) + row.reports);
      addTo(byAssignee, row.assignee_id, row);
    }
    if (row.resolved_by !== null && row.resolved > 0) resolvedBy.set(row.resolved_by, (resolvedBy.get(row.resolved_by) ?? 0) + row.resolved);
  }
  for (const row of ratings) {
    addTo(total, "all", row);
    addTo(byCategory, String(row.category_id), row);
    addTo(byArea, areaKey(row.area_id), row);
    if (row.assignee_id !== null) addTo(byAssignee, row.assignee_id, row);
  }

  const people = [...new Set([...assigned.keys(), ...resolvedBy.keys()])];
  const names = people.length
    ? await queryRows<{ id: string; first_name: string; last_name: string | null }>(
        db,
        sql`select id::text as id, first_name, last_name from users where id in (${sql.join(
          people.map((p) => sql`${p}::bigint`),
          sql`, `,
        )})`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [n.id, [n.first_name, n.last_name].filter(Boolean).join(" ")]));

  const raw = percentiles[0]?.pct ?? null;
  const values = raw === null ? [] : Array.isArray(raw) ? raw : String(raw).replace(/[{}]/g, "").split(",");
  const hours = (value: unknown) => (value === null || value === undefined || value === "NULL" ? null : Math.round((Number(value) / 3600) * 10) / 10);

  return {
    communityId,
    period,
    ...bounds,
    ...groupStats(total.get("all")),
    medianHours: hours(values[0]),
    p90Hours: hours(values[1]),
    byCategory: categories
      .filter((c) => byCategory.has(String(c.id)))
      .map((c) => ({ id: c.id, icon: c.icon, name: c.name, ...groupStats(byCategory.get(String(c.id))) })),
    byArea: [
      ...areas.filter((a) => byArea.has(String(a.id))).map((a) => ({ id: a.id, name: a.name, ...groupStats(byArea.get(String(a.id))) })),
      ...(byArea.has("none") ? [{ id: null, name: null, ...groupStats(byArea.get("none")) }] : []),
    ],
    volunteering,
    lectures,
    inspectors: people
      .map((id) => {
        const { deadline, rating } = groupStats(byAssignee.get(id));
        return { id: Number(id), name: nameOf.get(id) ?? "—", assigned: assigned.get(id) ?? 0, resolved: resolvedBy.get(id) ?? 0, deadline, rating };
      })
      .sort((a, b) => b.assigned - a.assigned || b.resolved - a.resolved || a.id - b.id),
  };
}
