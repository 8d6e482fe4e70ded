import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { ReportStatus } from "../../db/schema/index.js";
import { loadQueueItems, openStatusList, type QueueItem } from "./queue.js";
import { textRoute, throughIndex, wordsCondition, type TextRoute } from "./text-match.js";

export type ReportSort = "newest" | "oldest" | "deadline";
export const reportSorts: readonly ReportSort[] = ["newest", "oldest", "deadline"];

/**
 * What a member may see of the community's reports: everything (staff, admins), or an
 * inspector's own tasks and the reports in the areas they lead.
 */
export type ReportScope = { all: true } | { all: false; assigneeId: number; areaIds: readonly number[] };

/** The dashboard's filters over every report of a community (not only open ones, as /queue); they combine. */
export interface ReportSearch {
  /** "open" is every status that still needs work; undefined is any status. */
  status?: ReportStatus | "open" | undefined;
  categoryId?: number | undefined;
  areaId?: number | undefined;
  assigneeId?: number | undefined;
  unassigned?: boolean | undefined;
  /** Open and past its deadline. */
  overdue?: boolean | undefined;
  /** Filed at or after this instant / before this instant. */
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  /** A tracking number (R-000123, 123) or words of the description (a hidden description is not searched). */
  text?: string | undefined;
  sort?: ReportSort | undefined;
}

/** A tracking number as people type it: "R-000123", "r123", "123". */
export function parseTrackingNumber(text: string): number | undefined {
  const match = /^(?:r-?)?0*(\d{1,9})$/i.exec(text.trim());
  const number = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(number) && number > 0 && number <= 2_147_483_647 ? number : undefined;
}

function conditionsOf(communityId: number, scope: ReportScope, search: ReportSearch, now: Date, route: TextRoute | undefined): SQL[] {
  const conditions: SQL[] = [sql`r.community_id = ${communityId}`];
  if (!scope.all) {
    conditions.push(
      scope.areaIds.length > 0
        ? sql`(r.assignee_id = ${scope.assigneeId} or r.area_id in (${sql.join(
            scope.areaIds.map((id) => sql`${id}`),
            sql`, `,
          )}))`
        : sql`r.assignee_id = ${scope.assigneeId}`,
    );
  }
  if (search.status === "open") conditions.push(sql`r.status in ${openStatusList}`);
  else if (search.status) conditions.push(sql`r.status = ${search.status}`);
  if (search.categoryId !== undefined) conditions.push(sql`r.category_id = ${search.categoryId}`);
  if (search.areaId !== undefined) conditions.push(sql`r.area_id = ${search.areaId}`);
  if (search.assigneeId !== undefined) conditions.push(sql`r.assignee_id = ${search.assigneeId}`);
  if (search.unassigned) conditions.push(sql`r.assignee_id is null`);
  if (search.overdue) conditions.push(sql`r.status in ${openStatusList} and r.deadline_at < ${now.toISOString()}::timestamptz`);
  if (search.createdFrom) conditions.push(sql`r.created_at >= ${search.createdFrom.toISOString()}::timestamptz`);
  if (search.createdBefore) conditions.push(sql`r.created_at < ${search.createdBefore.toISOString()}::timestamptz`);
  const text = search.text?.trim();
  if (text && route) {
    const number = parseTrackingNumber(text);
    const words = wordsCondition(text, route);
    conditions.push(number === undefined ? words : sql`(r.number = ${number} or ${words})`);
  }
  return conditions;
}

function orderOf(sort: ReportSort | undefined): SQL {
  if (sort === "oldest") return sql`r.created_at asc, r.id asc`;
  if (sort === "deadline") return sql`r.deadline_at asc nulls last, r.id asc`;
  return sql`r.created_at desc, r.id desc`;
}

/**
 * The count stops here: counting a million reports takes longer than the page itself
 * (bench:staff), and past ten thousand "how many" is read as "very many".
 */
export const REPORT_COUNT_CAP = 10_000;

/**
 * One page of the community's reports matching the search, within what the scope lets the
 * member see, and how many match in all, counted up to REPORT_COUNT_CAP (`capped` when more do).
 */
export async function searchReports(
  db: Database,
  communityId: number,
  scope: ReportScope,
  search: ReportSearch,
  page: { page: number; size: number },
  now: Date,
  countCap = REPORT_COUNT_CAP,
): Promise<{ items: QueueItem[]; total: number; capped: boolean }> {
  const size = Math.max(1, Math.min(200, Math.floor(page.size)));
  const offset = Math.max(0, Math.floor(page.page)) * size;
  const route = await routeOf(db, search);
  const where = sql.join(conditionsOf(communityId, scope, search, now, route), sql` and `);
  const order = orderOf(search.sort);
  const count = () =>
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from (select 1 from reports r where ${where} limit ${countCap + 1}) matching`);
  const pageOf = (gathered: boolean) =>
    loadQueueItems(
      db,
      sql`${fromMatching(sql`r.id, r.number, r.status, r.category_id, r.area_id, r.assignee_id, r.created_at, r.deadline_at`, where, gathered)}
          order by ${order} limit ${size} offset ${offset}`,
      order,
      now,
    );
  let counted: Array<{ total: number }>;
  let items: QueueItem[];
  if (throughIndex(route)) {
    // The count first: it says whether the matches are few enough to gather (see fromMatching).
    counted = await count();
    items = await pageOf(Number(counted[0]?.total ?? 0) <= countCap);
  } else [counted, items] = await Promise.all([count(), pageOf(false)]);
  const total = Number(counted[0]?.total ?? 0);
  return { items, total: Math.min(total, countCap), capped: total > countCap };
}

/** How the search's text is looked for (textRoute), or undefined without one. */
async function routeOf(db: Database, search: ReportSearch): Promise<TextRoute | undefined> {
  const text = search.text?.trim();
  return text ? textRoute(db, text) : undefined;
}

/**
 * `select <columns> from` the matching reports, as `r`, for a page to be ordered and cut from.
 * The planner cannot tell how many reports a text matches: with an order and a LIMIT it may walk
 * the reports newest first through reports_created_idx, expecting to meet a page of matches soon,
 * and read most of a million when they are few or all old (bench:staff, "#4321": 111 matches,
 * 800 ms). `gathered` (when the count has found them few) first collects every match, through
 * the trigram or bigram index, and orders only those; many matches are met soon enough walking
 * in order.
 */
function fromMatching(columns: SQL, where: SQL, gathered: boolean): SQL {
  return gathered
    ? sql`with matching as materialized (select ${columns} from reports r where ${where}) select * from matching r`
    : sql`select ${columns} from reports r where ${where}`;
}

/** Whether a report lies within the scope: the same rule as the list, for one report's page and actions. */
export function inScope(scope: ReportScope, report: { assigneeId: number | null; areaId: number | null }): boolean {
  if (scope.all) return true;
  return report.assigneeId === scope.assigneeId || (report.areaId !== null && scope.areaIds.includes(report.areaId));
}

export interface ReportPoint {
  number: number;
  status: ReportStatus;
  latitude: number;
  longitude: number;
  overdue: boolean;
}

/**
 * Where the reports matching the search are (those filed with a point), for a map: at most
 * `limit`, the most recent first; the total says how many matched with a point.
 */
export async function searchReportPoints(
  db: Database,
  communityId: number,
  scope: ReportScope,
  search: ReportSearch,
  now: Date,
  limit: number,
): Promise<{ points: ReportPoint[]; total: number }> {
  const route = await routeOf(db, search);
  const where = sql.join([...conditionsOf(communityId, scope, search, now, route), sql`r.latitude is not null and r.longitude is not null`], sql` and `);
  const count = () => queryRows<{ total: number }>(db, sql`select count(*)::int as total from reports r where ${where}`);
  const pointsOf = (gathered: boolean) =>
    queryRows<{ number: number; status: ReportStatus; latitude: number; longitude: number; overdue: boolean }>(
      db,
      sql`select r.number, r.status::text as status, r.latitude, r.longitude,
                 (r.status in ${openStatusList} and r.deadline_at < ${now.toISOString()}::timestamptz) as overdue
          from (${fromMatching(sql`r.id, r.number, r.status, r.latitude, r.longitude, r.deadline_at, r.created_at`, where, gathered)}) r
          order by r.created_at desc, r.id desc limit ${limit}`,
    );
  let counted: Array<{ total: number }>;
  let rows: Awaited<ReturnType<typeof pointsOf>>;
  if (throughIndex(route)) {
    counted = await count();
    rows = await pointsOf(Number(counted[0]?.total ?? 0) <= REPORT_COUNT_CAP);
  } else [counted, rows] = await Promise.all([count(), pointsOf(false)]);
  return {
    points: rows.map((r) => ({
      number: r.number,
      status: r.status,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
      overdue: r.overdue === true,
    })),
    total: Number(counted[0]?.total ?? 0),
  };
}
