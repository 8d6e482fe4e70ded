import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { MAX_INTEGER_ID } from "../../db/column-range.js";
import type { ReportStatus } from "../../db/schema/index.js";
import type { Translated } from "../../translated.js";
import { openStatuses } from "../reports/lifecycle.js";

export const QUEUE_PAGE_SIZE = 20;

/** Newest first, or the most overdue (earliest deadline) first. */
export type QueueOrder = "newest" | "overdue-first";

/** The staff queue's filters; they combine (all must hold). */
export interface QueueFilters {
  /** "Mine": assigned to this member. */
  assigneeId?: number;
  /** Nobody assigned yet. */
  unassigned?: boolean;
  /** Deadline passed. */
  overdue?: boolean;
  categoryId?: number;
  areaId?: number;
  order?: QueueOrder;
}

export interface QueueItem {
  id: number;
  number: number;
  status: ReportStatus;
  categoryId: number;
  icon: string;
  categoryName: Translated;
  areaId: number | null;
  areaName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  createdAt: string;
  deadlineAt: string | null;
  overdue: boolean;
}

/**
 * A filter as the queue's buttons carry it: a (all), m (mine), u (unassigned), o (overdue),
 * c<id> (a category), r<id> (an area).
 */
export type QueueFilterCode = "a" | "m" | "u" | "o" | `c${number}` | `r${number}`;

/** The filters a code stands for, from the view of member `me`; undefined for a code no button carries. */
export function parseQueueFilter(code: string, me: number): QueueFilters | undefined {
  if (code === "a") return { order: "newest" };
  if (code === "m") return { assigneeId: me, order: "overdue-first" };
  if (code === "u") return { unassigned: true, order: "newest" };
  if (code === "o") return { overdue: true, order: "overdue-first" };
  const byId = /^([cr])([1-9]\d{0,15})$/.exec(code);
  if (!byId) return undefined;
  const id = Number(byId[2]);
  if (id > MAX_INTEGER_ID) return undefined;
  return byId[1] === "c" ? { categoryId: id, order: "newest" } : { areaId: id, order: "newest" };
}

/**
 * The open statuses written out as SQL literals, not parameters: the queue's partial indexes
 * (`where status in (…)`) are only usable when the planner can see the same list.
 */
export const openStatusList = sql.raw(
  `(${openStatuses
    .map((s) => {
      if (!/^[a-z_]+$/.test(s)) throw new Error(`unexpected status ${s}`);
      return `'${s}'`;
    })
    .join(", ")})`,
);

/**
 * One page of the staff queue: the community's open reports (still needing work) matching the
 * filters, 20 a page. Served by the partial indexes on open reports, whatever the history size.
 */
export async function listQueue(
  db: Database,
  communityId: number,
  filters: QueueFilters,
  page: { page: number; size?: number },
  now: Date = new Date(),
): Promise<{ items: QueueItem[]; page: number; hasMore: boolean }> {
  const size = Math.max(1, Math.min(100, Math.floor(page.size ?? QUEUE_PAGE_SIZE)));
  const pageNumber = Math.max(0, Math.floor(page.page));
  const at = now.toISOString();
  const conditions: SQL[] = [sql`r.community_id = ${communityId}`, sql`r.status in ${openStatusList}`];
  if (filters.assigneeId !== undefined) conditions.push(sql`r.assignee_id = ${filters.assigneeId}`);
  if (filters.unassigned) conditions.push(sql`r.assignee_id is null`);
  if (filters.overdue) conditions.push(sql`r.deadline_at < ${at}::timestamptz`);
  if (filters.categoryId !== undefined) conditions.push(sql`r.category_id = ${filters.categoryId}`);
  if (filters.areaId !== undefined) conditions.push(sql`r.area_id = ${filters.areaId}`);
  const order = filters.order === "overdue-first" ? sql`r.deadline_at asc nulls last, r.id asc` : sql`r.created_at desc, r.id desc`;
  const rows = await loadQueueItems(
    db,
    sql`select r.id, r.number, r.status, r.category_id, r.area_id, r.assignee_id, r.created_at, r.deadline_at
        from reports r
        where ${sql.join(conditions, sql` and `)}
        order by ${order}
        limit ${size + 1} offset ${pageNumber * size}`,
    order,
    now,
  );
  const items = rows.slice(0, size);
  return { items, page: pageNumber, hasMore: rows.length > size };
}

/**
 * The queue's lines for the reports `page` selects (a subquery giving reports' id, number,
 * status, category_id, area_id, assignee_id, created_at and deadline_at, already limited), with
 * their kind, area and assignee joined on in the same order: the joins touch one page only.
 * The staff queue and the dashboard's list both read their lines here.
 */
export async function loadQueueItems(db: Database, page: SQL, order: SQL, now: Date): Promise<QueueItem[]> {
  const rows = await queryRows<{
    id: number;
    number: number;
    status: ReportStatus;
    category_id: number;
    icon: string;
    name: Translated;
    area_id: number | null;
    area_name: string | null;
    assignee_id: string | null;
    assignee_name: string | null;
    created_ms: number;
    deadline_ms: number | null;
  }>(
    db,
    sql`select r.id, r.number, r.status::text as status, r.category_id, c.icon, c.name,
               r.area_id, a.name as area_name, r.assignee_id::text as assignee_id, u.first_name as assignee_name,
               extract(epoch from r.created_at)::float8 * 1000 as created_ms,
               extract(epoch from r.deadline_at)::float8 * 1000 as deadline_ms
        from (${page}) r
        join report_categories c on c.id = r.category_id
        left join areas a on a.id = r.area_id
        left join users u on u.id = r.assignee_id
        order by ${order}`,
  );
  return rows.map((r) => {
    const deadline = r.deadline_ms === null ? null : Number(r.deadline_ms);
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      categoryId: r.category_id,
      icon: r.icon,
      categoryName: r.name,
      areaId: r.area_id,
      areaName: r.area_name,
      assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
      assigneeName: r.assignee_name,
      createdAt: new Date(Number(r.created_ms)).toISOString(),
      deadlineAt: deadline === null ? null : new Date(deadline).toISOString(),
      // Only open reports can be overdue: a resolved or closed one has met its deadline or moved past it.
      overdue: deadline !== null && deadline < now.getTime() && (openStatuses as readonly string[]).includes(r.status),
    };
  });
}
