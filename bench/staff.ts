// npm run bench:staff — the staff queries against a community with a long history: 1,000,000
// reports over two years in 50 areas (with their history, ratings and patrols), seeded with
// set-based SQL; then the queue page with each filter, /stats for a month and a year, the
// daily report for one day, and the dashboard's list (each filter, and through the app) and a
// year's chart data (bench/staff-dashboard.ts). Prints one JSON line, last.
//
//   DATABASE_URL   Postgres server to use (a scratch database is created on it and dropped)
//   BENCH_ROWS     number of reports (default 1000000)
//   BENCH_KEEP     set to keep the scratch database (named in the output) for a later run
//   BENCH_REUSE    name of a kept database to measure again without seeding
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openPostgres, queryRows, type Database } from "../src/db/client.js";
import { ensureCommunity } from "../src/features/accounts/service.js";
import { seedDefaultCategories } from "../src/features/reports/categories.js";
import { computeDailyFigures } from "../src/features/evaluation/daily.js";
import { addDays, dayIn } from "../src/features/evaluation/days.js";
import { listQueue, type QueueFilters, type QueueOrder } from "../src/features/staff/queue.js";
import { computeStats } from "../src/features/evaluation/stats.js";
import { createI18n } from "../src/i18n.js";
import { measureDashboard } from "./staff-dashboard.js";

const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DAYS = 730;
const AREAS = 50;
const RESIDENTS = 10_000;
const INSPECTORS = 20;
const STAFF = 5;
const INSPECTOR_BASE = 9_000_000;
const STAFF_BASE = 9_100_000;
const RESIDENT_BASE = 1_000_000;
/** The app's pool for the measurements (Postgres allows 100 connections in all). */
const POOL = 10;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const median = (values: number[]) => percentile(values, 50);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function log(message: string) {
  console.error(`[bench:staff] ${message}`);
}

/**
 * Seeds the history with a handful of INSERT … SELECT statements on one connection. Foreign
 * key triggers are off for the session (session_replication_role = replica): every id is made
 * valid by construction, and the checks would triple the time.
 */
async function seed(sqlc: postgres.Sql, communityId: number, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  const start = new Date(now.getTime() - DAYS * 86_400_000).toISOString();
  await sqlc.unsafe(`set session_replication_role = replica`);
  await sqlc.unsafe(`set synchronous_commit = off`);
  await sqlc.unsafe(`set work_mem = '256MB'`);
  await sqlc.unsafe(`set maintenance_work_mem = '512MB'`);

  let step: { ms: number } = await timed(async () => {
    await sqlc`insert into users (id, first_name, telegram_language, community_id, first_seen_at, last_seen_at)
      select ${RESIDENT_BASE}::int + g, '居民' || g, 'zh-hans', ${communityId}::int, ${start}::timestamptz, ${nowIso}::timestamptz
      from generate_series(1, ${RESIDENTS}::int) g`;
    await sqlc`insert into users (id, first_name, telegram_language, community_id, first_seen_at, last_seen_at)
      select ${INSPECTOR_BASE}::int + g, '督查员' || g, 'zh-hans', ${communityId}::int, ${start}::timestamptz, ${nowIso}::timestamptz
      from generate_series(1, ${INSPECTORS}::int) g`;
    await sqlc`insert into users (id, first_name, telegram_language, community_id, first_seen_at, last_seen_at)
      select ${STAFF_BASE}::int + g, '工作人员' || g, 'zh-hans', ${communityId}::int, ${start}::timestamptz, ${nowIso}::timestamptz
      from generate_series(1, ${STAFF}::int) g`;
    await sqlc`insert into user_roles (user_id, community_id, role, granted_at)
      select ${INSPECTOR_BASE}::int + g, ${communityId}::int, 'inspector'::role, ${start}::timestamptz from generate_series(1, ${INSPECTORS}::int) g
      union all
      select ${STAFF_BASE}::int + g, ${communityId}::int, 'staff'::role, ${start}::timestamptz from generate_series(1, ${STAFF}::int) g`;
    await sqlc`insert into areas (community_id, name, center_latitude, center_longitude, radius_meters, responsible_user_id)
      select ${communityId}::int, '第' || g || '网格', 31.2 + g * 0.002, 121.4, 150, ${INSPECTOR_BASE}::int + 1 + (g % ${INSPECTORS}::int)
      from generate_series(1, ${AREAS}::int) g`;
    // Two patrols a day, by turns.
    await sqlc`insert into patrols (community_id, inspector_id, started_at, ended_at)
      select ${communityId}::int, ${INSPECTOR_BASE}::int + 1 + ((d * 2 + k) % ${INSPECTORS}::int),
             ${start}::timestamptz + d * interval '1 day' + interval '1 hour' + k * interval '5 hours',
             ${start}::timestamptz + d * interval '1 day' + interval '3 hours' + k * interval '5 hours' + ((d * 7 + k * 3) % 60) * interval '1 minute'
      from generate_series(0, ${DAYS - 1}::int) d, generate_series(0, 1) k
      where ${start}::timestamptz + d * interval '1 day' + interval '3 hours' + k * interval '5 hours' + interval '1 hour' < ${nowIso}::timestamptz
      order by d, k`;
  });
  log(`users, areas, patrols: ${round(step.ms / 1000)} s`);

  // Reports: spread evenly over the two years (ids in time order), random category and area
  // (5% outside any area), resolved after a random share of the category's deadline (about a
  // fifth late); 4% rejected, 4% duplicates, 0.2% forgotten (still assigned), 5% found on patrol.
  step = await timed(
    () => sqlc`
    with cat as (
      select array_agg(id order by sort_order, id) as ids, array_agg(deadline_hours order by sort_order, id) as hours
      from report_categories where community_id = ${communityId}::int
    ),
    ar as (select array_agg(id order by id) as ids, array_agg(responsible_user_id order by id) as leads from areas where community_id = ${communityId}::int),
    pat as (select min(id) as first from patrols where community_id = ${communityId}::int),
    b as (
      select g,
             ${start}::timestamptz + ((g - random()) / ${ROWS}::float8) * ${DAYS}::int * interval '1 day' as created,
             1 + floor(random() * 6)::int as ci,
             case when random() < 0.05 then null else 1 + floor(random() * ${AREAS}::int)::int end as ai,
             random() as rf
      from generate_series(1, ${ROWS}::int) g
    ),
    c as (
      select b.*, cat.ids[ci] as category_id, cat.hours[ci] as hours, ar.ids[ai] as area_id,
             coalesce(ar.leads[ai], ${INSPECTOR_BASE}::int + 1 + (g % ${INSPECTORS}::int)) as lead,
             b.created + cat.hours[ci] * interval '1 hour' as deadline,
             b.created + greatest(0.3, cat.hours[ci] * rf * rf * 1.5) * interval '1 hour' as resolve_at,
             pat.first as first_patrol
      from b, cat, ar, pat
    ),
    d as (
      select c.*,
             case
               when g % 500 = 0 then 'stale'
               when g % 25 = 0 and ${nowIso}::timestamptz - created > interval '3 hours' then 'rejected'
               when g % 25 = 1 and ${nowIso}::timestamptz - created > interval '3 hours' then 'duplicate'
               when resolve_at > ${nowIso}::timestamptz then 'open'
               when resolve_at + interval '2 hours' + hours * interval '30 minutes' > ${nowIso}::timestamptz then 'resolved'
               else 'closed'
             end as fate
      from c
    ),
    e as (
      select d.*,
             case fate
               when 'stale' then 'assigned'
               when 'open' then case when ${nowIso}::timestamptz - created < interval '1 hour' then 'new'
                                     else (array['accepted', 'assigned', 'in_progress'])[1 + g % 3] end
               else fate
             end as status
      from d
    )
    insert into reports (community_id, number, category_id, reporter_id, source, description, latitude, longitude, area_id,
                         status, assignee_id, deadline_at, resolution_note, resolved_by, patrol_id, created_at, updated_at, resolved_at, closed_at)
    select ${communityId}::int, g, category_id,
           case when g % 20 = 7 then lead else ${RESIDENT_BASE}::int + 1 + (g::bigint * 7919) % ${RESIDENTS}::int end,
           case when g % 20 = 7 then 'patrol' else 'resident' end,
           '楼下垃圾堆了三天没人清理 #' || g,
           31.2 + random() * 0.1, 121.4 + random() * 0.1, area_id,
           status::report_status,
           case when status in ('assigned', 'in_progress', 'resolved', 'closed') then lead end,
           deadline,
           case when fate in ('resolved', 'closed') then '已清理' end,
           case when fate in ('resolved', 'closed') then lead end,
           case when g % 20 = 7 then first_patrol + floor(extract(epoch from created - ${start}::timestamptz) / 86400)::int * 2 + (g % 2) end,
           created,
           case
             when fate = 'closed' then resolve_at + interval '2 hours' + hours * interval '30 minutes'
             when fate = 'resolved' then resolve_at
             when fate in ('rejected', 'duplicate') then created + interval '2 hours'
             when fate = 'stale' then created + interval '2 hours'
             else created + (${nowIso}::timestamptz - created) * 0.5
           end,
           case when fate in ('resolved', 'closed') then resolve_at end,
           case when fate = 'closed' then resolve_at + interval '2 hours' + hours * interval '30 minutes' end
    from e order by g`,
  );
  log(`${ROWS} reports: ${round(step.ms / 1000)} s`);

  // Each report's history follows its fate; one in 33 finished reports was reopened once.
  step = await timed(
    () => sqlc`
    with p as (
      select r.id, r.reporter_id, r.assignee_id, r.created_at as c,
             coalesce(r.resolved_at, r.updated_at) - r.created_at as span,
             r.status, r.resolved_at, r.closed_at, r.updated_at,
             r.status in ('resolved', 'closed') and r.id % 33 = 5 as reopened
      from reports r
    ),
    paths as (
      select p.*,
             case
               when status = 'closed' and reopened then
                 array['new', 'accepted', 'assigned', 'resolved', 'reopened', 'assigned', 'resolved', 'closed']
               when status = 'resolved' and reopened then array['new', 'accepted', 'assigned', 'resolved', 'reopened', 'assigned', 'resolved']
               when status = 'closed' then array['new', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed']
               when status = 'resolved' then array['new', 'accepted', 'assigned', 'in_progress', 'resolved']
               when status in ('rejected', 'duplicate') then array['new', status::text]
               when status = 'new' then array['new']
               when status = 'accepted' then array['new', 'accepted']
               when status = 'assigned' then array['new', 'accepted', 'assigned']
               else array['new', 'accepted', 'assigned', 'in_progress']
             end as steps,
             case
               when status in ('resolved', 'closed') and reopened then
                 array[c, c + span * 0.1, c + span * 0.2, c + span * 0.5, c + span * 0.6, c + span * 0.7, resolved_at, closed_at]
               when status in ('resolved', 'closed') then array[c, c + span * 0.1, c + span * 0.2, c + span * 0.3, resolved_at, closed_at]
               when status in ('rejected', 'duplicate') then array[c, updated_at]
               else array[c, c + span * 0.33, c + span * 0.66, updated_at]
             end as times
      from p
    )
    insert into report_events (report_id, actor_id, from_status, to_status, created_at)
    select paths.id,
           case when x.step = 'new' then reporter_id
                when x.step in ('in_progress', 'resolved') then assignee_id
                else ${STAFF_BASE}::int + 1 + paths.id % ${STAFF}::int end,
           paths.steps[x.i - 1]::report_status, x.step::report_status, x.at
    from paths
    cross join lateral unnest(paths.steps, paths.times[1:cardinality(paths.steps)]) with ordinality as x(step, at, i)
    order by paths.id, x.i`,
  );
  log(`report history: ${round(step.ms / 1000)} s`);

  step = await timed(async () => {
    await sqlc`insert into report_ratings (report_id, user_id, stars, created_at)
      select id, reporter_id,
             case when id % 10 < 5 then 5 when id % 10 < 8 then 4 when id % 10 < 9 then 3 else 1 + id % 2 end,
             closed_at + interval '30 minutes'
      from reports
      where status = 'closed' and id % 3 = 0 and source = 'resident' and closed_at + interval '30 minutes' <= ${nowIso}::timestamptz`;
    await sqlc`insert into report_counters (community_id, last_number) values (${communityId}::int, ${ROWS}::int)
      on conflict (community_id) do update set last_number = excluded.last_number`;
  });
  log(`ratings: ${round(step.ms / 1000)} s`);
  await sqlc.unsafe(`set session_replication_role = origin`);
}

/**
 * Indexes the staff queries need that are not in migrations/ yet. PENDING MIGRATION: these are
 * the drizzle definitions proposed for src/db/schema/reports.ts; once a migration adds them,
 * `if not exists` makes this a no-op (same names).
 */
const pendingIndexes = [
  // Covering: the daily report and /stats read the period's reports from this index alone.
  `create index if not exists reports_created_idx on reports
     (community_id, created_at, category_id, area_id, status, assignee_id, resolved_by, resolved_at, deadline_at, id)`,
  // Partial, on open reports only: the queue pages, newest first and most overdue first.
  `create index if not exists reports_open_created_idx on reports (community_id, created_at, id)
     where status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened')`,
  `create index if not exists reports_open_deadline_idx on reports (community_id, deadline_at, id)
     where status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened')`,
  `create index if not exists reports_patrol_idx on reports (patrol_id) where patrol_id is not null`,
  `create index if not exists report_events_created_idx on report_events (created_at)`,
  `create index if not exists report_events_reopened_idx on report_events (created_at, report_id) where to_status = 'reopened'`,
  `create index if not exists report_ratings_created_idx on report_ratings (created_at)`,
];

async function measure(db: Database, communityId: number, now: Date) {
  const tz = "Asia/Shanghai";
  const today = dayIn(now, tz);
  const inspector = INSPECTOR_BASE + 3;
  const [category] = await queryRows<{ id: number }>(
    db,
    sql`select id from report_categories where community_id = ${communityId} order by sort_order limit 1 offset 2`,
  );
  const [area] = await queryRows<{ id: number }>(db, sql`select id from areas where community_id = ${communityId} order by id limit 1 offset 17`);

  const filters: Array<[string, QueueFilters]> = [
    ["all", {}],
    ["mine", { assigneeId: inspector }],
    ["unassigned", { unassigned: true }],
    ["overdue", { overdue: true }],
    ["category", { categoryId: category!.id }],
    ["area", { areaId: area!.id }],
  ];
  const orders: QueueOrder[] = ["newest", "overdue-first"];
  const queueMs: number[] = [];
  const perFilter: Record<string, number[]> = {};
  // Warm-up: one round unmeasured (JIT, plans, connections).
  for (const [, f] of filters) for (const order of orders) await listQueue(db, communityId, { ...f, order }, { page: 0 }, now);
  for (let round = 0; round < 10; round++) {
    for (const [name, f] of filters) {
      for (const order of orders) {
        for (const page of [0, 1, 4]) {
          const { ms } = await timed(() => listQueue(db, communityId, { ...f, order }, { page }, now));
          queueMs.push(ms);
          (perFilter[`${name}/${order}`] ??= []).push(ms);
        }
      }
    }
  }
  for (const [key, values] of Object.entries(perFilter)) log(`queue ${key}: p50 ${round(median(values), 2)} ms, p95 ${round(percentile(values, 95), 2)} ms`);

  const runs = async (label: string, work: () => Promise<unknown>, times = 5) => {
    const cold = await timed(work);
    const warm: number[] = [];
    for (let i = 0; i < times; i++) warm.push((await timed(work)).ms);
    log(`${label}: first ${round(cold.ms)} ms, then median ${round(median(warm))} ms`);
    return median(warm);
  };
  const monthFrom = addDays(today, -29);
  const yearFrom = addDays(today, -364);
  const statsMonth = await runs(`stats ${monthFrom}..${today}`, () => computeStats(db, communityId, { from: monthFrom, to: today }, now));
  const statsYear = await runs(`stats ${yearFrom}..${today}`, () => computeStats(db, communityId, { from: yearFrom, to: today }, now));
  const yesterday = addDays(today, -1);
  const daily = await runs(`daily ${yesterday}`, () => computeDailyFigures(db, communityId, yesterday, { asOf: now }));
  await runs(`daily ${today} (so far)`, () => computeDailyFigures(db, communityId, today, { asOf: now }));
  await runs(`daily ${addDays(today, -300)} (an old day, computed afresh)`, () => computeDailyFigures(db, communityId, addDays(today, -300), { asOf: now }), 2);
  const dashboard = await measureDashboard(
    db,
    { communityId, staffId: STAFF_BASE + 1, inspectorId: inspector, categoryId: category!.id, areaId: area!.id },
    now,
    { timed, percentile, log },
  );
  return { queueP95: percentile(queueMs, 95), statsMonth, statsYear, daily, dashboard };
}

const reuse = process.env.BENCH_REUSE;
const dbName = reuse ?? `bench_staff_${process.pid}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
const url = withDatabase(baseUrl, dbName);
let handle: ReturnType<typeof openPostgres> | undefined;
try {
  if (!reuse) {
    await admin.unsafe(`drop database if exists ${dbName}`);
    await admin.unsafe(`create database ${dbName}`);
  }
  handle = openPostgres(url, POOL);
  const now = new Date();
  let communityId: number;
  if (!reuse) {
    await handle.migrate();
    const i18n = createI18n();
    const community = await ensureCommunity(handle.db, { slug: "default", name: "幸福社区", timezone: "Asia/Shanghai" });
    communityId = community.id;
    await seedDefaultCategories(handle.db, community.id, (l, k) => i18n.t(l, k));
    const seeder = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const seeded = await timed(() => seed(seeder, community.id, now));
      const indexed = await timed(async () => {
        await seeder.unsafe(`set maintenance_work_mem = '512MB'`);
        for (const statement of pendingIndexes) await seeder.unsafe(statement);
      });
      log(`pending indexes: ${round(indexed.ms / 1000)} s`);
      // What autovacuum would do soon after such a load: statistics and the visibility map.
      const vacuumed = await timed(() => seeder.unsafe(`vacuum (analyze) reports, report_events, report_ratings, patrols, areas, users`));
      // And the checkpoint the server would take anyway: measure in steady state, not while a
      // gigabyte of freshly loaded pages is being written out underneath.
      const flushed = await timed(() => seeder.unsafe(`checkpoint`));
      log(
        `vacuum analyze, checkpoint: ${round((vacuumed.ms + flushed.ms) / 1000)} s; seeding in all ${round((seeded.ms + indexed.ms + vacuumed.ms + flushed.ms) / 1000)} s`,
      );
    } finally {
      await seeder.end();
    }
  } else {
    const [row] = await queryRows<{ id: number }>(handle.db, sql`select id from communities where slug = 'default'`);
    communityId = row!.id;
  }
  const result = await measure(handle.db, communityId, now);
  if (process.env.BENCH_KEEP) log(`kept database ${dbName}`);
  console.log(
    JSON.stringify({
      bench: "staff",
      rows: ROWS,
      queue_p95_ms: round(result.queueP95, 2),
      stats_month_ms: round(result.statsMonth),
      stats_year_ms: round(result.statsYear),
      daily_ms: round(result.daily),
      dashboard_list_p95_ms: round(result.dashboard.listP95, 2),
      dashboard_list_worst: Object.entries(result.dashboard.listByCase)
        .filter(([name]) => name !== "number" && !name.startsWith("words"))
        .sort((a, b) => b[1] - a[1])[0]
        ?.join(" "),
      dashboard_text_search_p95_ms: round(result.dashboard.textSearchP95, 1),
      // The worst of the texts without a trigram: in none, in some, in all of the reports.
      dashboard_text_search_2_chars_p95_ms: Math.max(...["words-2", "words-2-some", "words-2-common"].map((name) => result.dashboard.listByCase[name] ?? 0)),
      dashboard_list_http_p95_ms: round(result.dashboard.httpListP95, 2),
      dashboard_chart_year_ms: round(result.dashboard.chartYear),
    }),
  );
} finally {
  await handle?.close().catch(() => {});
  if (!reuse && !process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
