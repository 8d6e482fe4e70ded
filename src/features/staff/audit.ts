import { inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { areas, auditLog, reportEvents, reports, users } from "../../db/schema/index.js";
import { formatReportNumber } from "../reports/numbers.js";

export interface AuditEntry {
  communityId: number | null;
  actorId: number | null;
  action: string;
  subject?: string | undefined;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Records a staff action (who, what, when, before and after); call it in the action's transaction. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    communityId: entry.communityId,
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

export interface AuditLine {
  at: string;
  actorName: string | null;
  action: string;
  /** What the action was done to, as stored: `report:<id>`, `user:<id>`, `area:<id>`… */
  subject: string | null;
  /** The subject as people know it: a report's tracking number, a member's or an area's name. */
  subjectName: string | null;
  before: unknown;
  after: unknown;
  /** Names of the members that before and after name by id (an area's lead), by id. */
  people: Record<string, string>;
}

/**
 * The community's recent staff actions, newest first: the audit log and the report
 * transitions staff made (report_events), in one list, with the names of what they name.
 */
export async function recentAudit(db: Database, communityId: number, page: { offset: number; limit: number }): Promise<AuditLine[]> {
  const rows = await queryRows<{ at: Date | string; actor_name: string | null; action: string; subject: string | null; before: unknown; after: unknown }>(
    db,
    sql`select * from (
          select a.at, u.first_name as actor_name, a.action, a.subject, a.before, a.after
          from ${auditLog} a left join ${users} u on u.id = a.actor_id
          where a.community_id = ${communityId}
          union all
          select e.created_at as at, u.first_name as actor_name, 'report.' || e.to_status::text as action,
                 'report:' || r.id as subject,
                 to_jsonb(e.from_status) as before, jsonb_build_object('status', e.to_status, 'note', e.note) as after
          from ${reportEvents} e join ${reports} r on r.id = e.report_id left join ${users} u on u.id = e.actor_id
          where r.community_id = ${communityId} and e.from_status is not null
        ) entries
        order by at desc
        offset ${page.offset} limit ${page.limit}`,
  );
  const names = await namesOf(db, rows);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    action: r.action,
    subject: r.subject,
    subjectName: r.subject ? (names.get(r.subject) ?? null) : null,
    before: r.before,
    after: r.after,
    people: Object.fromEntries(leadIds(r).flatMap((id) => (names.has(`user:${id}`) ? [[String(id), names.get(`user:${id}`)!]] : []))),
  }));
}

/** The members an entry names inside before/after: an area's lead before and after the change. */
function leadIds(row: { action: string; before: unknown; after: unknown }): number[] {
  if (row.action !== "area.responsible") return [];
  return [row.before, row.after].map((side) => (side as { userId?: unknown } | null)?.userId).filter((id): id is number => typeof id === "number");
}

/** Names for `report:<id>`, `user:<id>` and `area:<id>`, read in one query per kind. */
async function namesOf(db: Database, rows: Array<{ action: string; subject: string | null; before: unknown; after: unknown }>): Promise<Map<string, string>> {
  const ids = { report: new Set<number>(), user: new Set<number>(), area: new Set<number>() };
  for (const row of rows) {
    const named = /^(report|user|area):(\d{1,15})$/.exec(row.subject ?? "");
    if (named) ids[named[1] as keyof typeof ids].add(Number(named[2]));
    for (const id of leadIds(row)) ids.user.add(id);
  }
  const [reportRows, userRows, areaRows] = await Promise.all([
    ids.report.size
      ? db
          .select({ id: reports.id, number: reports.number })
          .from(reports)
          .where(inArray(reports.id, [...ids.report]))
      : [],
    ids.user.size
      ? db
          .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
          .from(users)
          .where(inArray(users.id, [...ids.user]))
      : [],
    ids.area.size
      ? db
          .select({ id: areas.id, name: areas.name })
          .from(areas)
          .where(inArray(areas.id, [...ids.area]))
      : [],
  ]);
  return new Map([
    ...reportRows.map((r) => [`report:${r.id}`, formatReportNumber(r.number)] as const),
    ...userRows.map((u) => [`user:${u.id}`, [u.firstName, u.lastName].filter(Boolean).join(" ")] as const),
    ...areaRows.map((a) => [`area:${a.id}`, a.name] as const),
  ]);
}
