import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import { auditLog, reportEvents, reports, users } from "../../db/schema/index.js";

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
  subject: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The community's recent staff actions, newest first: the audit log and the report
 * transitions staff made (report_events), in one list.
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
                 'R-' || lpad(r.number::text, 6, '0') as subject,
                 to_jsonb(e.from_status) as before, jsonb_build_object('status', e.to_status, 'note', e.note) as after
          from ${reportEvents} e join ${reports} r on r.id = e.report_id left join ${users} u on u.id = e.actor_id
          where r.community_id = ${communityId} and e.from_status is not null
        ) entries
        order by at desc
        offset ${page.offset} limit ${page.limit}`,
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    action: r.action,
    subject: r.subject,
    before: r.before,
    after: r.after,
  }));
}
