import { and, eq, inArray, lt, ne } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { reportCategories, reportEvents, reportPhotos, reports, userRoles, type GrantedRole, type Report, type ReportStatus } from "../../db/schema/index.js";
import { hasAnyRole, type Role } from "../accounts/roles.js";
import { nextStatus, type ReportAction } from "./lifecycle.js";
import type { PhotoRef } from "./service.js";

/** Who acts: a user (their roles are read in the report's community), or the system (auto-close). */
export type Actor = { userId: number } | "system";

export interface ActionInput {
  reportId: number;
  action: ReportAction;
  actor: Actor;
  /** Staff note on resolve, the reason on reject, the resident's words on "not fixed". */
  note?: string | undefined;
  /** The note in each language, when staff picked a standard reply (template). */
  noteByLocale?: Record<string, string> | undefined;
  voiceFileId?: string | undefined;
  assigneeId?: number | undefined;
  duplicateOfId?: number | undefined;
  /** After-photos on resolve, evidence on "not fixed". */
  photos?: PhotoRef[] | undefined;
}

/** What changed, for notifications and the staff card; JSON-safe. */
export interface ReportChange {
  reportId: number;
  number: number;
  communityId: number;
  action: ReportAction;
  from: ReportStatus;
  to: ReportStatus;
  actorId: number | null;
  note: string | null;
  noteByLocale: Record<string, string> | null;
  assigneeId: number | null;
  duplicateOfNumber: number | null;
  photoFileIds: string[];
  /** Whether the reporter's "fixed" closes it (else a second staff member verifies). */
  residentMayVerify: boolean;
  at: string;
}

export type ActionError =
  | "not-found"
  | "photo-required"
  | "second-verifier-required"
  | "illegal-transition"
  | "forbidden"
  | "note-required"
  | "assignee-invalid"
  | "duplicate-target-invalid";

export class ReportActionError extends Error {
  constructor(
    readonly code: ActionError,
    message: string,
  ) {
    super(message);
    this.name = "ReportActionError";
  }
}

const staffRoles: readonly Role[] = ["staff"];

type Verification = "resident" | "staff" | "either";

/**
 * Whether the actor may take the action. Staff (and admins) may do everything else; the
 * assignee may start, resolve or hand back their own report; the reporter may reopen ("not
 * fixed") a resolved report of theirs. Closing a resolved report is verification (核查结案),
 * decided by the category: the reporter confirming (or the system when they never answer), or
 * staff verifying. The reporter's own answer counts as theirs even if they are staff too.
 */
function mayAct(action: ReportAction, report: Report, actorId: number | null, roles: readonly GrantedRole[], verification: Verification): boolean {
  const residentMayVerify = verification !== "staff";
  const staffMayVerify = verification !== "resident";
  if (actorId === null) return action === "assign" || (action === "close" && residentMayVerify);
  const isReporterOfResolved = report.reporterId === actorId && report.status === "resolved";
  if (action === "close") {
    if (isReporterOfResolved && residentMayVerify) return true;
    return staffMayVerify && hasAnyRole(roles, staffRoles);
  }
  if (hasAnyRole(roles, staffRoles)) return true;
  if ((action === "start" || action === "resolve" || action === "handBack") && report.assigneeId === actorId) return true;
  if (action === "reopen" && isReporterOfResolved) return true;
  return false;
}

function requiresNote(action: ReportAction): boolean {
  return action === "resolve" || action === "reject";
}

/**
 * Applies one lifecycle action: the row is locked, the move checked against the lifecycle, the
 * report and its history row written in one transaction. Illegal or unauthorised moves throw a
 * ReportActionError and write nothing.
 */
export async function applyReportAction(
  db: Database,
  input: ActionInput,
  at: Date,
  /** Runs inside the transaction with the change (the notifier writing its outbox messages). */
  onChange?: (tx: Database, change: ReportChange) => Promise<void>,
): Promise<ReportChange> {
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, input.reportId)).for("update");
    if (!report) throw new ReportActionError("not-found", `No report ${input.reportId}`);
    const actorId = input.actor === "system" ? null : input.actor.userId;
    const roles =
      actorId === null
        ? []
        : (
            await tx
              .select({ role: userRoles.role })
              .from(userRoles)
              .where(and(eq(userRoles.userId, actorId), eq(userRoles.communityId, report.communityId)))
          ).map((r) => r.role);
    const [category] = await tx
      .select({ verification: reportCategories.verification, afterPhotoRequired: reportCategories.afterPhotoRequired })
      .from(reportCategories)
      .where(eq(reportCategories.id, report.categoryId));
    if (!mayAct(input.action, report, actorId, roles, category?.verification ?? "either")) {
      throw new ReportActionError("forbidden", `User ${actorId} may not ${input.action} report ${report.id}`);
    }
    let to: ReportStatus;
    try {
      to = nextStatus(report.status, input.action);
    } catch (error) {
      throw new ReportActionError("illegal-transition", (error as Error).message);
    }
    const note = input.note?.trim() || null;
    if (input.action === "resolve" && category?.afterPhotoRequired && (input.photos ?? []).length === 0) {
      throw new ReportActionError("photo-required", "This category needs an after-photo to resolve");
    }
    // A staff verification must come from someone other than who resolved it.
    if (input.action === "close" && actorId !== null && actorId !== report.reporterId && actorId === report.resolvedBy) {
      throw new ReportActionError("second-verifier-required", "The one who resolved a report cannot also verify it");
    }
    if (requiresNote(input.action) && !note) throw new ReportActionError("note-required", `${input.action} needs a note`);

    const changes: Partial<typeof reports.$inferInsert> = { status: to, updatedAt: at };
    let duplicateOfNumber: number | null = null;
    switch (input.action) {
      case "assign": {
        const assigneeId = input.assigneeId;
        const assigneeRoles = assigneeId
          ? await tx
              .select({ role: userRoles.role })
              .from(userRoles)
              .where(
                and(eq(userRoles.userId, assigneeId), eq(userRoles.communityId, report.communityId), inArray(userRoles.role, ["inspector", "staff", "admin"])),
              )
          : [];
        if (!assigneeId || assigneeRoles.length === 0)
          throw new ReportActionError("assignee-invalid", "Assignee must be an inspector or staff of the community");
        changes.assigneeId = assigneeId;
        break;
      }
      case "handBack":
        changes.assigneeId = null;
        break;
      case "resolve":
        changes.resolutionNote = note;
        changes.resolvedAt = at;
        changes.resolvedBy = actorId;
        break;
      case "reject":
        changes.rejectionReason = note;
        break;
      case "markDuplicate": {
        const [original] = input.duplicateOfId ? await tx.select().from(reports).where(eq(reports.id, input.duplicateOfId)) : [];
        if (!original || original.id === report.id || original.communityId !== report.communityId || original.status === "duplicate") {
          throw new ReportActionError("duplicate-target-invalid", "The original must be another, non-duplicate report of the community");
        }
        changes.duplicateOfId = original.id;
        duplicateOfNumber = original.number;
        break;
      }
      case "close":
        changes.closedAt = at;
        break;
      case "reopen":
        changes.resolvedAt = null;
        changes.resolvedBy = null;
        changes.closedAt = null;
        // Reopened, it is its own report again; the history keeps that it was a duplicate.
        changes.duplicateOfId = null;
        break;
    }
    await tx.update(reports).set(changes).where(eq(reports.id, report.id));
    await tx
      .insert(reportEvents)
      .values({ reportId: report.id, actorId, fromStatus: report.status, toStatus: to, note, voiceFileId: input.voiceFileId ?? null, createdAt: at });
    const photos = input.photos ?? [];
    if (photos.length > 0 && (input.action === "resolve" || input.action === "reopen")) {
      const kind = input.action === "resolve" ? ("resolution" as const) : ("reopen" as const);
      await tx
        .insert(reportPhotos)
        .values(photos.map((p) => ({ reportId: report.id, kind, ...p, createdAt: at })))
        .onConflictDoNothing();
    }
    const change: ReportChange = {
      reportId: report.id,
      number: report.number,
      communityId: report.communityId,
      action: input.action,
      from: report.status,
      to,
      actorId,
      note,
      noteByLocale: input.noteByLocale ?? null,
      assigneeId: changes.assigneeId === undefined ? report.assigneeId : changes.assigneeId,
      duplicateOfNumber,
      photoFileIds: photos.map((p) => p.fileId),
      residentMayVerify: (category?.verification ?? "either") !== "staff",
      at: at.toISOString(),
    };
    await onChange?.(tx, change);
    return change;
  });
}

/**
 * Reports resolved longer ago than the cutoff that the reporter never answered, in categories
 * where the reporter's confirmation is what closes them (not those staff must verify).
 */
export async function resolvedUnansweredBefore(db: Database, cutoff: Date, limit = 100): Promise<number[]> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .where(and(eq(reports.status, "resolved"), lt(reports.resolvedAt, cutoff), ne(reportCategories.verification, "staff")))
    .limit(limit);
  return rows.map((r) => r.id);
}
