import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { auditLog } from "../../db/schema/index.js";

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

export function recentAudit(db: Database, communityId: number, limit = 20) {
  return db.select().from(auditLog).where(and(eq(auditLog.communityId, communityId))).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}
