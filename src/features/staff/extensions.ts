import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { deadlineExtensions, reports } from "../../db/schema/index.js";
import { recordAudit } from "./audit.js";

export const EXTENSION_HOURS = [24, 48, 72] as const;

export type RequestResult =
  | { ok: true; extensionId: number; number: number; communityId: number; requestedDeadline: string }
  | { ok: false; reason: "not-assignee" | "not-open" };

/** The assignee asks for more time on an open report: from its current deadline (or now, if passed). */
export async function requestExtension(
  db: Database,
  input: { reportId: number; requestedBy: number; reason: string; hours: number; at: Date },
  /** Inside the transaction, once the request is recorded: staff are asked (an outbox message). */
  onRequested?: (tx: Database, request: Extract<RequestResult, { ok: true }>) => Promise<void>,
): Promise<RequestResult> {
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, input.reportId)).for("update");
    if (!report || report.assigneeId !== input.requestedBy) return { ok: false, reason: "not-assignee" } as const;
    if (report.status !== "assigned" && report.status !== "in_progress") return { ok: false, reason: "not-open" } as const;
    const from = Math.max(report.deadlineAt?.getTime() ?? 0, input.at.getTime());
    const requestedDeadline = new Date(from + input.hours * 3600_000);
    const [row] = await tx
      .insert(deadlineExtensions)
      .values({ reportId: report.id, requestedBy: input.requestedBy, reason: input.reason, requestedDeadline, createdAt: input.at })
      .returning({ id: deadlineExtensions.id });
    const request = {
      ok: true,
      extensionId: row!.id,
      number: report.number,
      communityId: report.communityId,
      requestedDeadline: requestedDeadline.toISOString(),
    } as const;
    await onRequested?.(tx, request);
    return request;
  });
}

export type DecideResult =
  | { ok: true; approved: boolean; reportId: number; number: number; requestedBy: number | null; deadline: string }
  | { ok: false; reason: "not-found" | "decided" | "other-community" };

/**
 * Staff approve or refuse a request once. Approval moves the deadline and clears the overdue
 * mark, so a new deadline that passes is announced again.
 */
export async function decideExtension(
  db: Database,
  input: { extensionId: number; approve: boolean; decidedBy: number; communityId: number; at: Date },
  /** Inside the transaction, once decided: the requester is told (an outbox message). */
  onDecided?: (tx: Database, decision: Extract<DecideResult, { ok: true }>) => Promise<void>,
): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const [ext] = await tx.select().from(deadlineExtensions).where(eq(deadlineExtensions.id, input.extensionId)).for("update");
    if (!ext) return { ok: false, reason: "not-found" } as const;
    const [report] = await tx.select().from(reports).where(eq(reports.id, ext.reportId)).for("update");
    if (!report || report.communityId !== input.communityId) return { ok: false, reason: "other-community" } as const;
    if (ext.status !== "pending") return { ok: false, reason: "decided" } as const;
    await tx
      .update(deadlineExtensions)
      .set({ status: input.approve ? "approved" : "refused", decidedBy: input.decidedBy, decidedAt: input.at })
      .where(and(eq(deadlineExtensions.id, ext.id), eq(deadlineExtensions.status, "pending")));
    if (input.approve) {
      await tx.update(reports).set({ deadlineAt: ext.requestedDeadline, overdueNotifiedAt: null, updatedAt: input.at }).where(eq(reports.id, report.id));
    }
    await recordAudit(tx, {
      communityId: report.communityId,
      actorId: input.decidedBy,
      action: input.approve ? "deadline.extend" : "deadline.refuse",
      subject: `report:${report.id}`,
      before: { deadline: report.deadlineAt?.toISOString() ?? null },
      after: { deadline: (input.approve ? ext.requestedDeadline : report.deadlineAt)?.toISOString() ?? null, reason: ext.reason },
      at: input.at,
    });
    const decision = {
      ok: true,
      approved: input.approve,
      reportId: report.id,
      number: report.number,
      requestedBy: ext.requestedBy,
      deadline: (input.approve ? ext.requestedDeadline : report.deadlineAt!)?.toISOString(),
    } as const;
    await onDecided?.(tx, decision);
    return decision;
  });
}
