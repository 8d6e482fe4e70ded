import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { patrolPoints, patrols, reportCategories, reportEvents, reportPhotos, reports } from "../../db/schema/index.js";
import type { ReportStatus } from "../../db/schema/reports.js";
import type { Role } from "../accounts/roles.js";
import { nextStatus, type ReportAction } from "../reports/lifecycle.js";
import { nextReportNumber, type PhotoRef } from "../reports/service.js";

/** Who patrols (admins too, as everywhere): only their photos and live locations can belong to a patrol. */
export const PATROL_ROLES: readonly Role[] = ["inspector", "staff"];

export interface PatrolSummary {
  patrolId: number;
  startedAt: string;
  endedAt: string;
  minutes: number;
  findings: number;
  points: number;
}

export async function openPatrolOf(db: Database, inspectorId: number): Promise<{ id: number; communityId: number; startedAt: string } | undefined> {
  const [row] = await db
    .select({ id: patrols.id, communityId: patrols.communityId, startedAt: patrols.startedAt })
    .from(patrols)
    .where(and(eq(patrols.inspectorId, inspectorId), isNull(patrols.endedAt)))
    .orderBy(desc(patrols.startedAt))
    .limit(1);
  return row ? { ...row, startedAt: row.startedAt.toISOString() } : undefined;
}

/** /patrol: starts a patrol, or ends the open one and sums it up. Two presses at once start one. */
export async function togglePatrol(
  db: Database,
  input: { communityId: number; inspectorId: number; at: Date },
): Promise<{ started: number } | { ended: PatrolSummary }> {
  return db.transaction(async (tx) => {
    // Serialise per inspector: the inspector's patrols are read under a lock on their open one.
    await tx.execute(sql`select pg_advisory_xact_lock(${input.inspectorId}::bigint)`);
    const open = await openPatrolOf(tx, input.inspectorId);
    if (!open) {
      const [row] = await tx
        .insert(patrols)
        .values({ communityId: input.communityId, inspectorId: input.inspectorId, startedAt: input.at })
        .returning({ id: patrols.id });
      return { started: row!.id };
    }
    await tx.update(patrols).set({ endedAt: input.at }).where(eq(patrols.id, open.id));
    const [findings] = await tx.select({ n: count() }).from(reports).where(eq(reports.patrolId, open.id));
    const [points] = await tx.select({ n: count() }).from(patrolPoints).where(eq(patrolPoints.patrolId, open.id));
    return {
      ended: {
        patrolId: open.id,
        startedAt: open.startedAt,
        endedAt: input.at.toISOString(),
        minutes: Math.round((input.at.getTime() - new Date(open.startedAt).getTime()) / 60_000),
        findings: findings?.n ?? 0,
        points: points?.n ?? 0,
      },
    };
  });
}

/** A point of the route, from the inspector's live location. */
export async function addPatrolPoint(db: Database, patrolId: number, at: Date, latitude: number, longitude: number): Promise<void> {
  await db.insert(patrolPoints).values({ patrolId, at, latitude, longitude }).onConflictDoNothing();
}

/** The latest route point if it is recent enough to place a finding. */
export async function recentPatrolPoint(db: Database, patrolId: number, notBefore: Date): Promise<{ latitude: number; longitude: number } | undefined> {
  const [row] = await db
    .select({ latitude: patrolPoints.latitude, longitude: patrolPoints.longitude, at: patrolPoints.at })
    .from(patrolPoints)
    .where(eq(patrolPoints.patrolId, patrolId))
    .orderBy(desc(patrolPoints.at))
    .limit(1);
  return row && row.at.getTime() >= notBefore.getTime() ? { latitude: row.latitude, longitude: row.longitude } : undefined;
}

export interface Finding {
  clientKey: string;
  patrolId: number;
  communityId: number;
  inspectorId: number;
  categoryId: number;
  photos: PhotoRef[];
  location: { latitude: number; longitude: number };
  areaId: number | null;
}

/** A finding is filed, taken on and given to its finder at once: the moves a staff member would make. */
const FINDING_MOVES: readonly ReportAction[] = ["accept", "assign"];

/** The status a finding starts in and its history, each move checked by the report lifecycle. */
function findingHistory(): { status: ReportStatus; steps: { fromStatus: ReportStatus | null; toStatus: ReportStatus }[] } {
  let status: ReportStatus = "new";
  const steps: { fromStatus: ReportStatus | null; toStatus: ReportStatus }[] = [{ fromStatus: null, toStatus: status }];
  for (const action of FINDING_MOVES) {
    const to = nextStatus(status, action);
    steps.push({ fromStatus: status, toStatus: to });
    status = to;
  }
  return { status, steps };
}

/**
 * A patrol finding is a report that starts accepted and assigned to the inspector who found
 * it (source "patrol"), with its history rows, in one transaction. The client key makes a
 * finding confirmed twice one report.
 */
export async function createPatrolFinding(
  db: Database,
  input: Finding,
  at: Date,
  /** Runs inside the transaction when the finding is created (the staff card's outbox message). */
  onFiled?: (tx: Database, event: { reportId: number; at: Date }) => Promise<void>,
): Promise<{ reportId: number; number: number; created: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: reports.id, number: reports.number }).from(reports).where(eq(reports.clientKey, input.clientKey));
    if (existing) return { reportId: existing.id, number: existing.number, created: false };
    const [category] = await tx
      .select()
      .from(reportCategories)
      .where(and(eq(reportCategories.id, input.categoryId), eq(reportCategories.communityId, input.communityId), eq(reportCategories.active, true)));
    if (!category) return undefined;
    const number = await nextReportNumber(tx, input.communityId);
    const history = findingHistory();
    const [report] = await tx
      .insert(reports)
      .values({
        communityId: input.communityId,
        number,
        categoryId: category.id,
        reporterId: input.inspectorId,
        source: "patrol",
        patrolId: input.patrolId,
        latitude: input.location.latitude,
        longitude: input.location.longitude,
        areaId: input.areaId,
        status: history.status,
        assigneeId: input.inspectorId,
        deadlineAt: new Date(at.getTime() + category.deadlineHours * 3600_000),
        clientKey: input.clientKey,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: reports.id, number: reports.number });
    await tx
      .insert(reportPhotos)
      .values(input.photos.map((p) => ({ reportId: report!.id, kind: "report" as const, ...p, createdAt: at })))
      .onConflictDoNothing();
    await tx.insert(reportEvents).values(history.steps.map((step) => ({ reportId: report!.id, actorId: input.inspectorId, ...step, createdAt: at })));
    await onFiled?.(tx, { reportId: report!.id, at });
    return { reportId: report!.id, number: report!.number, created: true };
  });
}
