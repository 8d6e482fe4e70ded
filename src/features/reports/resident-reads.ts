// What a resident reads of their own reports: the list under /my and one report's detail.
import { count, desc, eq, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { areas, reportCategories, reportEvents, reportRatings, reports, reportSupporters, type ReportStatus } from "../../db/schema/index.js";
import type { Translated } from "../../translated.js";
import type { GeoPoint } from "./geo.js";

export interface ReportListItem {
  id: number;
  number: number;
  status: ReportStatus;
  categoryIcon: string;
  categoryName: Translated;
  createdAt: string;
  /** True when the user +1'd it rather than filed it. */
  supported: boolean;
}

/** The user's own reports and the ones they support, newest first, one page. */
export async function listReportsOf(
  db: Database,
  userId: number,
  page: { offset: number; limit: number },
): Promise<{ items: ReportListItem[]; total: number }> {
  const mine = or(
    eq(reports.reporterId, userId),
    sql`exists (select 1 from ${reportSupporters} s where s.report_id = ${reports.id} and s.user_id = ${userId})`,
  );
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(reports).where(mine);
  const rows = await db
    .select({
      id: reports.id,
      number: reports.number,
      status: reports.status,
      reporterId: reports.reporterId,
      createdAt: reports.createdAt,
      categoryIcon: reportCategories.icon,
      categoryName: reportCategories.name,
    })
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .where(mine)
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .offset(page.offset)
    .limit(page.limit);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      categoryIcon: r.categoryIcon,
      categoryName: r.categoryName,
      createdAt: r.createdAt.toISOString(),
      supported: r.reporterId !== userId,
    })),
  };
}

export interface ReportDetail {
  id: number;
  number: number;
  status: ReportStatus;
  categoryIcon: string;
  categoryName: Translated;
  description: string | null;
  hasVoice: boolean;
  address: string | null;
  location: GeoPoint | null;
  areaName: string | null;
  createdAt: string;
  deadlineAt: string | null;
  resolutionNote: string | null;
  rejectionReason: string | null;
  duplicateOfNumber: number | null;
  supporters: number;
  rating: number | null;
  isReporter: boolean;
  history: Array<{ from: ReportStatus | null; to: ReportStatus; note: string | null; at: string }>;
}

/**
 * A report as a resident may see it: only their own or one they support, and never who filed
 * it. A description hidden by staff stays hidden here.
 */
export async function getReportForResident(db: Database, reportId: number, viewerId: number): Promise<ReportDetail | undefined> {
  const [row] = await db
    .select({ report: reports, category: reportCategories, areaName: areas.name })
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .leftJoin(areas, eq(areas.id, reports.areaId))
    .where(eq(reports.id, reportId));
  if (!row) return undefined;
  const { report, category } = row;
  const isReporter = report.reporterId === viewerId;
  const [supporterRows, history, rating, original] = await Promise.all([
    db.select({ userId: reportSupporters.userId }).from(reportSupporters).where(eq(reportSupporters.reportId, reportId)),
    db
      .select({ from: reportEvents.fromStatus, to: reportEvents.toStatus, note: reportEvents.note, at: reportEvents.createdAt })
      .from(reportEvents)
      .where(eq(reportEvents.reportId, reportId))
      .orderBy(reportEvents.createdAt, reportEvents.id),
    db.select({ stars: reportRatings.stars }).from(reportRatings).where(eq(reportRatings.reportId, reportId)),
    report.duplicateOfId ? db.select({ number: reports.number }).from(reports).where(eq(reports.id, report.duplicateOfId)) : Promise.resolve([]),
  ]);
  if (!isReporter && !supporterRows.some((s) => s.userId === viewerId)) return undefined;
  return {
    id: report.id,
    number: report.number,
    status: report.status,
    categoryIcon: category.icon,
    categoryName: category.name,
    description: report.descriptionHiddenAt ? null : report.description,
    hasVoice: report.voiceFileId !== null,
    address: report.address,
    location: report.latitude != null && report.longitude != null ? { latitude: report.latitude, longitude: report.longitude } : null,
    areaName: row.areaName,
    createdAt: report.createdAt.toISOString(),
    deadlineAt: report.deadlineAt?.toISOString() ?? null,
    resolutionNote: report.resolutionNote,
    rejectionReason: report.rejectionReason,
    duplicateOfNumber: original[0]?.number ?? null,
    supporters: supporterRows.length,
    rating: rating[0]?.stars ?? null,
    isReporter,
    history: history.map((h) => ({ from: h.from, to: h.to, note: h.note, at: h.at.toISOString() })),
  };
}
