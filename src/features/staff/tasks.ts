import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reportCategories, reports } from "../../db/schema/index.js";
import type { Translated } from "../../translated.js";

export interface TaskItem {
  reportId: number;
  number: number;
  status: "assigned" | "in_progress";
  icon: string;
  categoryName: Translated;
  deadlineAt: string | null;
  overdue: boolean;
}

/** An inspector's open reports: overdue first, then by deadline. */
export async function listTasks(db: Database, assigneeId: number, now: Date): Promise<TaskItem[]> {
  const rows = await db
    .select({
      reportId: reports.id,
      number: reports.number,
      status: reports.status,
      icon: reportCategories.icon,
      categoryName: reportCategories.name,
      deadlineAt: reports.deadlineAt,
    })
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .where(and(eq(reports.assigneeId, assigneeId), inArray(reports.status, ["assigned", "in_progress"])))
    .orderBy(sql`${reports.deadlineAt} asc nulls last`, asc(reports.id));
  return rows.map((r) => ({
    reportId: r.reportId,
    number: r.number,
    status: r.status as TaskItem["status"],
    icon: r.icon,
    categoryName: r.categoryName,
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    overdue: r.deadlineAt !== null && r.deadlineAt.getTime() < now.getTime(),
  }));
}
