import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { dailyRecords } from "../../db/schema/index.js";
import type { Translated } from "../../translated.js";
import { DEFAULT_TIMEZONE, type Day } from "./days.js";
import { openStatusList } from "../staff/queue.js";
import { volunteerFigures, type VolunteerFigures } from "./volunteer-figures.js";
import { lecturePeriodFigures, type LecturePeriodFigures } from "../lectures/period-figures.js";

/** Counts for one day, overall or for one category or area. */
export interface DayCounts {
  /** Reports filed that day. */
  new: number;
  /** Reports that reached each state that day (from their history); each report once per state. */
  resolved: number;
  closed: number;
  reopened: number;
  /** Open at the end of the day (or at asOf, if earlier) with their deadline passed by then. */
  overdue: number;
}

export interface CategoryCounts extends DayCounts {
  id: number;
  icon: string;
  /** Locale → the category's name as it was that day. */
  name: Translated;
}

export interface AreaCounts extends DayCounts {
  /** Null: reports outside every area. */
  id: number | null;
  name: string | null;
}

export interface PatrolFigures {
  id: number;
  inspectorId: number | null;
  inspectorName: string | null;
  startedAt: string;
  /** Null while the patrol is still going on (at asOf). */
  endedAt: string | null;
  /** Until its end, or until asOf while still going on. */
  minutes: number;
  /** Reports found on this patrol. */
  findings: number;
}

/**
 * A day's figures (日汇报), JSON-safe: stored as they are in daily_records. Category and area
 * names are copied in, so the record reads the same if they are renamed later.
 */
export interface DailyFigures {
  version: 1;
  communityId: number;
  communityName: string;
  day: Day;
  timezone: string;
  /** The day's bounds in UTC: local midnight to the next local midnight. */
  from: string;
  to: string;
  /** When the figures were taken: the end of the day, or earlier for a day not over yet. */
  asOf: string;
  totals: DayCounts;
  /** Only categories and areas with something to count, in their usual order. */
  byCategory: CategoryCounts[];
  byArea: AreaCounts[];
  patrols: PatrolFigures[];
  patrolTotals: { count: number; minutes: number; findings: number };
  /** Ratings residents gave that day. */
  satisfaction: { ratings: number; average: number | null };
  /** Sign-ups, attendance and hours (absent from records kept before they were counted). */
  volunteering?: VolunteerFigures;
  /** Lectures that started that day: registered, attended, walk-ins, no-shows, rating (absent from older records). */
  lectures?: LecturePeriodFigures;
}

const zeroCounts = (): DayCounts => ({ new: 0, resolved: 0, closed: 0, reopened: 0, overdue: 0 });
const iso = (ms: number) => new Date(ms).toISOString();

export class UnknownCommunityError extends Error {
  constructor(readonly communityId: number) {
    super(`No community ${communityId}`);
    this.name = "UnknownCommunityError";
  }
}

/**
 * Computes a day's figures from the reports, their history, patrols and ratings, in the
 * community's time zone. `asOf` (default: the end of the day) cuts a day that is not over yet:
 * everything is counted up to then, overdue are the reports open then with their deadline
 * passed, and a patrol still going on counts its minutes up to then.
 */
export async function computeDailyFigures(db: Database, communityId: number, day: Day, options: { asOf?: Date } = {}): Promise<DailyFigures> {
  const [community] = await queryRows<{ name: string; timezone: string | null; from_ms: number; to_ms: number }>(
    db,
    sql`select c.name, c.timezone,
               extract(epoch from (${day}::date::timestamp at time zone coalesce(c.timezone, ${DEFAULT_TIMEZONE})))::float8 * 1000 as from_ms,
               extract(epoch from ((${day}::date + 1)::timestamp at time zone coalesce(c.timezone, ${DEFAULT_TIMEZONE})))::float8 * 1000 as to_ms
        from communities c where c.id = ${communityId}`,
  );
  if (!community) throw new UnknownCommunityError(communityId);
  const fromMs = Number(community.from_ms);
  const toMs = Number(community.to_ms);
  const cutMs = Math.min(toMs, options.asOf?.getTime() ?? toMs);
  const from = iso(fromMs);
  const to = iso(toMs);
  const cut = iso(cutMs);

  type Group = { category_id: number; area_id: number | null };
  const [created, moved, overdue, patrolRows, ratings, categoryRows, areaRows] = await Promise.all([
    queryRows<Group & { n: number }>(
      db,
      sql`select category_id, area_id, count(*)::int as n from reports
          where community_id = ${communityId} and created_at >= ${from}::timestamptz and created_at < ${cut}::timestamptz
          group by category_id, area_id`,
    ),
    // Each report once per state reached that day, however often it went back and forth.
    queryRows<Group & { status: "resolved" | "closed" | "reopened"; n: number }>(
      db,
      sql`select r.category_id, r.area_id, e.to_status::text as status, count(distinct e.report_id)::int as n
          from report_events e join reports r on r.id = e.report_id
          where e.created_at >= ${from}::timestamptz and e.created_at < ${cut}::timestamptz
            and e.to_status in ('resolved', 'closed', 'reopened') and r.community_id = ${communityId}
          group by r.category_id, r.area_id, e.to_status`,
    ),
    // Open at the cut with the deadline passed. A report's state at the cut is the from_status
    // of its first change after the cut, or its status now when nothing changed since. The
    // candidates are the reports open now and the ones changed after the cut.
    queryRows<Group & { n: number }>(
      db,
      sql`with candidates as (
            select r.id, r.category_id, r.area_id, r.status from reports r
            where r.community_id = ${communityId} and r.status in ${openStatusList}
              and r.deadline_at < ${cut}::timestamptz and r.created_at < ${cut}::timestamptz
            union
            select r.id, r.category_id, r.area_id, r.status from report_events e join reports r on r.id = e.report_id
            where e.created_at >= ${cut}::timestamptz and r.community_id = ${communityId}
              and r.deadline_at < ${cut}::timestamptz and r.created_at < ${cut}::timestamptz
          )
          select c.category_id, c.area_id, count(*)::int as n
          from candidates c
          left join lateral (
            select e.from_status from report_events e
            where e.report_id = c.id and e.created_at >= ${cut}::timestamptz
            order by e.created_at, e.id limit 1
          ) later on true
          where coalesce(later.from_status, c.status) in ${openStatusList}
          group by c.category_id, c.area_id`,
    ),
    queryRows<{
      id: number;
      inspector_id: string | null;
      first_name: string | null;
      last_name: string | null;
      started_ms: number;
      ended_ms: number | null;
      findings: number;
    }>(
      db,
      sql`select p.id, p.inspector_id::text as inspector_id, u.first_name, u.last_name,
                 extract(epoch from p.started_at)::float8 * 1000 as started_ms,
                 extract(epoch from p.ended_at)::float8 * 1000 as ended_ms,
                 (select count(*)::int from reports r where r.patrol_id = p.id and r.created_at < ${cut}::timestamptz) as findings
          from patrols p left join users u on u.id = p.inspector_id
          where p.community_id = ${communityId} and p.started_at >= ${from}::timestamptz and p.started_at < ${cut}::timestamptz
          order by p.started_at, p.id`,
    ),
    queryRows<{ n: number; average: number | null }>(
      db,
      sql`select count(*)::int as n, round(avg(g.stars), 2)::float8 as average
          from report_ratings g join reports r on r.id = g.report_id
          where g.created_at >= ${from}::timestamptz and g.created_at < ${cut}::timestamptz and r.community_id = ${communityId}`,
    ),
    queryRows<{ id: number; icon: string; name: Translated }>(
      db,
      sql`select id, icon, name from report_categories where community_id = ${communityId} order by sort_order, id`,
    ),
    queryRows<{ id: number; name: string }>(db, sql`select id, name from areas where community_id = ${communityId} order by name, id`),
  ]);

  const totals = zeroCounts();
  const byCategory = new Map<number, DayCounts>();
  const byArea = new Map<number | null, DayCounts>();
  const add = (row: Group, field: keyof DayCounts, n: number) => {
    totals[field] += n;
    const category = byCategory.get(row.category_id) ?? zeroCounts();
    category[field] += n;
    byCategory.set(row.category_id, category);
    const areaId = row.area_id ?? null;
    const area = byArea.get(areaId) ?? zeroCounts();
    area[field] += n;
    byArea.set(areaId, area);
  };
  for (const row of created) add(row, "new", row.n);
  for (const row of moved) add(row, row.status, row.n);
  for (const row of overdue) add(row, "overdue", row.n);

  const patrols = patrolRows.map((p) => {
    const startedMs = Number(p.started_ms);
    const endedMs = p.ended_ms === null || Number(p.ended_ms) > cutMs ? null : Number(p.ended_ms);
    return {
      id: p.id,
      inspectorId: p.inspector_id === null ? null : Number(p.inspector_id),
      inspectorName: p.first_name === null ? null : [p.first_name, p.last_name].filter(Boolean).join(" "),
      startedAt: iso(startedMs),
      endedAt: endedMs === null ? null : iso(endedMs),
      minutes: Math.max(0, Math.round(((endedMs ?? cutMs) - startedMs) / 60_000)),
      findings: p.findings,
    };
  });

  return {
    version: 1,
    communityId,
    communityName: community.name,
    day,
    timezone: community.timezone ?? DEFAULT_TIMEZONE,
    from,
    to,
    asOf: cut,
    totals,
    byCategory: categoryRows.filter((c) => byCategory.has(c.id)).map((c) => ({ id: c.id, icon: c.icon, name: c.name, ...byCategory.get(c.id)! })),
    byArea: [
      ...areaRows.filter((a) => byArea.has(a.id)).map((a) => ({ id: a.id, name: a.name, ...byArea.get(a.id)! })),
      ...(byArea.has(null) ? [{ id: null, name: null, ...byArea.get(null)! }] : []),
    ],
    patrols,
    patrolTotals: {
      count: patrols.length,
      minutes: patrols.reduce((sum, p) => sum + p.minutes, 0),
      findings: patrols.reduce((sum, p) => sum + p.findings, 0),
    },
    satisfaction: { ratings: ratings[0]?.n ?? 0, average: ratings[0]?.average == null ? null : Number(ratings[0].average) },
    volunteering: await volunteerFigures(db, communityId, from, cut),
    lectures: await lecturePeriodFigures(db, communityId, from, cut),
  };
}

/**
 * The daily record (日记录): the day's figures are stored once, when first asked for; after
 * that the stored figures are returned unchanged, whatever happened to the reports since.
 * `at` is when this happens: a day not over yet is cut there.
 */
export async function recordDay(db: Database, communityId: number, day: Day, at: Date): Promise<{ figures: DailyFigures; created: boolean }> {
  const stored = await storedDay(db, communityId, day);
  if (stored) return { figures: stored, created: false };
  const figures = await computeDailyFigures(db, communityId, day, { asOf: at });
  const inserted = await db
    .insert(dailyRecords)
    .values({ communityId, day, figures, createdAt: at })
    .onConflictDoNothing()
    .returning({ day: dailyRecords.day });
  if (inserted.length > 0) return { figures, created: true };
  // Another instance stored it in the meantime: theirs is the record.
  return { figures: (await storedDay(db, communityId, day))!, created: false };
}

export async function storedDay(db: Database, communityId: number, day: Day): Promise<DailyFigures | undefined> {
  const [row] = await queryRows<{ figures: DailyFigures | string }>(
    db,
    sql`select figures from daily_records where community_id = ${communityId} and day = ${day}::date`,
  );
  if (!row) return undefined;
  return typeof row.figures === "string" ? (JSON.parse(row.figures) as DailyFigures) : row.figures;
}
