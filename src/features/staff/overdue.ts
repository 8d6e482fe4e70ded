import { and, inArray, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reports } from "../../db/schema/index.js";
import { openStatuses } from "../reports/lifecycle.js";

export interface OverdueReport {
  reportId: number;
  number: number;
  communityId: number;
  assigneeId: number | null;
  deadlineAt: string;
}

/**
 * Marks open reports whose deadline has passed as overdue, each once: the UPDATE … WHERE
 * overdue_notified_at IS NULL … RETURNING hands every report to exactly one caller, however
 * many instances sweep at the same time. Returns the ones this call marked.
 */
export async function markOverdue(db: Database, now: Date, limit = 200): Promise<OverdueReport[]> {
  const due = db
    .select({ id: reports.id })
    .from(reports)
    .where(and(inArray(reports.status, [...openStatuses]), lt(reports.deadlineAt, now), isNull(reports.overdueNotifiedAt)))
    .limit(limit);
  const rows = await db
    .update(reports)
    .set({ overdueNotifiedAt: now })
    .where(and(inArray(reports.id, due), isNull(reports.overdueNotifiedAt)))
    .returning({
      reportId: reports.id,
      number: reports.number,
      communityId: reports.communityId,
      assigneeId: reports.assigneeId,
      deadlineAt: reports.deadlineAt,
    });
  return rows.map((r) => ({ ...r, deadlineAt: r.deadlineAt!.toISOString() }));
}
