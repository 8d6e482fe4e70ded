import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reports } from "../../db/schema/index.js";

/** The report id of a tracking number in a community, or null. */
export async function findReportByNumber(db: Database, communityId: number, number: number): Promise<number | null> {
  const [row] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.communityId, communityId), eq(reports.number, number)));
  return row?.id ?? null;
}

export async function reportCommunity(
  db: Database,
  reportId: number,
): Promise<{ communityId: number; categoryId: number; number: number; status: string; assigneeId: number | null; areaId: number | null } | undefined> {
  const [row] = await db
    .select({
      communityId: reports.communityId,
      categoryId: reports.categoryId,
      number: reports.number,
      status: reports.status,
      assigneeId: reports.assigneeId,
      areaId: reports.areaId,
    })
    .from(reports)
    .where(eq(reports.id, reportId));
  return row;
}
