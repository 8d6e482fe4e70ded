import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reportEvents, reportPhotos, reports, users, type ReportStatus } from "../../db/schema/index.js";
import { loadCardData, type CardData } from "./cards.js";
import { findReportByNumber } from "./reports-lookup.js";

/** A report as staff follow it up on the dashboard: the card's data, every photo, the whole history. */
export interface StaffReport {
  card: CardData;
  categoryId: number;
  createdAt: string;
  /** Photos staff have not hidden, by their row id (the dashboard's photo links name these, never a file id). */
  photos: Array<{ id: number; kind: "report" | "resolution" | "reopen" }>;
  /** Each step, by its row id (a step's voice note, the resident's "not fixed" in their words, is linked by it). */
  history: Array<{ id: number; from: ReportStatus | null; to: ReportStatus; actorName: string | null; note: string | null; hasVoice: boolean; at: string }>;
}

/** The report with this tracking number in the community, or undefined. */
export async function loadStaffReport(db: Database, communityId: number, number: number): Promise<StaffReport | undefined> {
  const reportId = await findReportByNumber(db, communityId, number);
  if (reportId === null) return undefined;
  const [card, created, photos, history] = await Promise.all([
    loadCardData(db, reportId),
    db.select({ at: reports.createdAt, categoryId: reports.categoryId }).from(reports).where(eq(reports.id, reportId)),
    db
      .select({ id: reportPhotos.id, kind: reportPhotos.kind })
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, reportId), isNull(reportPhotos.hiddenAt)))
      .orderBy(asc(reportPhotos.id)),
    db
      .select({
        id: reportEvents.id,
        from: reportEvents.fromStatus,
        to: reportEvents.toStatus,
        firstName: users.firstName,
        lastName: users.lastName,
        note: reportEvents.note,
        voiceFileId: reportEvents.voiceFileId,
        at: reportEvents.createdAt,
      })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.actorId))
      .where(eq(reportEvents.reportId, reportId))
      .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id)),
  ]);
  if (!card || !created[0]) return undefined;
  return {
    card,
    categoryId: created[0].categoryId,
    createdAt: created[0].at.toISOString(),
    photos,
    history: history.map((h) => ({
      id: h.id,
      from: h.from,
      to: h.to,
      actorName: h.firstName === null ? null : [h.firstName, h.lastName].filter(Boolean).join(" "),
      note: h.note,
      hasVoice: h.voiceFileId !== null,
      at: h.at.toISOString(),
    })),
  };
}

/** A photo of a report that staff have not hidden: its Telegram file, for the dashboard to fetch. */
export async function reportPhotoFile(db: Database, reportId: number, photoId: number): Promise<{ fileId: string } | undefined> {
  const [row] = await db
    .select({ fileId: reportPhotos.fileId })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.id, photoId), eq(reportPhotos.reportId, reportId), isNull(reportPhotos.hiddenAt)));
  return row;
}

/**
 * A voice note of a report, for the dashboard to fetch: the report's own (its description, not
 * played once staff hid the description) or, with `eventId`, the one a step of its history
 * carries. Undefined for anything that is not this report's.
 */
export async function reportVoiceFile(db: Database, reportId: number, eventId?: number): Promise<{ fileId: string } | undefined> {
  if (eventId === undefined) {
    const [row] = await db
      .select({ fileId: reports.voiceFileId })
      .from(reports)
      .where(and(eq(reports.id, reportId), isNull(reports.descriptionHiddenAt)));
    return row?.fileId ? { fileId: row.fileId } : undefined;
  }
  const [row] = await db
    .select({ fileId: reportEvents.voiceFileId })
    .from(reportEvents)
    .where(and(eq(reportEvents.id, eventId), eq(reportEvents.reportId, reportId)));
  return row?.fileId ? { fileId: row.fileId } : undefined;
}
