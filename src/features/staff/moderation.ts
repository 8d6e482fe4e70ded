import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reportPhotos, reports } from "../../db/schema/index.js";
import { parseReportNumber } from "../reports/numbers.js";
import { recordAudit } from "./audit.js";

export type HideTarget = "description" | "photos";

/** "/hide R-000123 description|photos": the tracking number and what to hide, or undefined. */
export function parseHideArgs(args: string): { number: number; target: HideTarget } | undefined {
  const [numberText = "", target = ""] = args.trim().split(/\s+/);
  const number = parseReportNumber(numberText);
  if (number === undefined || (target !== "description" && target !== "photos")) return undefined;
  return { number, target };
}

/**
 * Staff hide a description or the photos of a report that show a face, a number plate or
 * abuse. Nothing is deleted: residents and the card stop showing it, admins can still read
 * the original with originalOf. `refreshViews` (the report services') re-renders the group's
 * card in the same transaction when something was hidden, so the card does not keep showing it
 * until the report's next change.
 */
export async function hideReportContent(
  db: Database,
  input: { communityId: number; reportId: number; target: HideTarget; actorId: number; at: Date },
  refreshViews?: (tx: Database, reportIds: readonly number[], at: Date) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.id, input.reportId), eq(reports.communityId, input.communityId)));
    if (!report) return false;
    const changed =
      input.target === "description"
        ? await tx
            .update(reports)
            .set({ descriptionHiddenAt: input.at })
            .where(and(eq(reports.id, report.id), isNull(reports.descriptionHiddenAt)))
            .returning({ id: reports.id })
        : await tx
            .update(reportPhotos)
            .set({ hiddenAt: input.at })
            .where(and(eq(reportPhotos.reportId, report.id), isNull(reportPhotos.hiddenAt)))
            .returning({ id: reportPhotos.id });
    await recordAudit(tx, {
      communityId: input.communityId,
      actorId: input.actorId,
      action: `report.hide-${input.target}`,
      subject: `report:${report.id}`,
      after: { hidden: changed.length },
      at: input.at,
    });
    if (changed.length > 0) await refreshViews?.(tx, [report.id], input.at);
    return true;
  });
}

/** For admins: the description and every photo as the resident sent them, hidden or not. */
export async function originalOf(db: Database, communityId: number, reportId: number) {
  const [report] = await db
    .select({ description: reports.description, hiddenAt: reports.descriptionHiddenAt })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.communityId, communityId)));
  if (!report) return undefined;
  const photos = await db
    .select({ fileId: reportPhotos.fileId, hiddenAt: reportPhotos.hiddenAt })
    .from(reportPhotos)
    .where(eq(reportPhotos.reportId, reportId))
    .orderBy(asc(reportPhotos.id));
  return {
    description: report.description,
    descriptionHidden: report.hiddenAt !== null,
    photos: photos.map((p) => ({ fileId: p.fileId, hidden: p.hiddenAt !== null })),
  };
}
