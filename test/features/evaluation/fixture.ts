import { and, eq } from "drizzle-orm";
import type { Database } from "../../../src/db/client.js";
import { areas, patrols, reportCategories, reportCounters, reportEvents, reportRatings, reports, type ReportStatus } from "../../../src/db/schema/index.js";
import { grantRole, recordUser } from "../../../src/features/accounts/service.js";

/** A UTC instant, written in full so the test reads like a timetable. */
export const at = (iso: string) => new Date(iso);

let numbers = 0;

export interface FixtureReport {
  communityId: number;
  categoryId: number;
  areaId?: number | null;
  createdAt: string;
  deadlineAt?: string | null;
  /** Status changes after "new" (which is written at createdAt): [to, when]. */
  steps?: Array<[ReportStatus, string]>;
  assigneeId?: number | null;
  resolvedBy?: number | null;
  reporterId?: number | null;
  patrolId?: number | null;
}

/**
 * A report with its history written straight into the tables, at the given instants: the
 * report's current status, resolved_at and closed_at follow from its last steps, as the
 * workflow would leave them.
 */
export async function addReport(db: Database, input: FixtureReport): Promise<number> {
  const steps = input.steps ?? [];
  let status: ReportStatus = "new";
  let resolvedAt: string | null = null;
  let closedAt: string | null = null;
  for (const [to, when] of steps) {
    status = to;
    if (to === "resolved") resolvedAt = when;
    if (to === "closed") closedAt = when;
    if (to === "reopened") {
      resolvedAt = null;
      closedAt = null;
    }
  }
  const number = ++numbers;
  const [row] = await db
    .insert(reports)
    .values({
      communityId: input.communityId,
      number: 100_000 + number,
      categoryId: input.categoryId,
      reporterId: input.reporterId ?? null,
      areaId: input.areaId ?? null,
      status,
      assigneeId: input.assigneeId ?? null,
      resolvedBy: resolvedAt ? (input.resolvedBy ?? input.assigneeId ?? null) : null,
      deadlineAt: input.deadlineAt ? at(input.deadlineAt) : null,
      patrolId: input.patrolId ?? null,
      source: input.patrolId ? "patrol" : "resident",
      createdAt: at(input.createdAt),
      updatedAt: at(steps.at(-1)?.[1] ?? input.createdAt),
      resolvedAt: resolvedAt ? at(resolvedAt) : null,
      closedAt: closedAt ? at(closedAt) : null,
    })
    .returning({ id: reports.id });
  let from: ReportStatus | null = null;
  const events: Array<typeof reportEvents.$inferInsert> = [{ reportId: row!.id, fromStatus: null, toStatus: "new", createdAt: at(input.createdAt) }];
  from = "new";
  for (const [to, when] of steps) {
    events.push({ reportId: row!.id, fromStatus: from, toStatus: to, createdAt: at(when) });
    from = to;
  }
  await db.insert(reportEvents).values(events);
  await db
    .insert(reportCounters)
    .values({ communityId: input.communityId, lastNumber: 100_000 + number })
    .onConflictDoUpdate({ target: reportCounters.communityId, set: { lastNumber: 100_000 + number } });
  return row!.id;
}

export async function addRating(db: Database, reportId: number, stars: number, when: string): Promise<void> {
  await db.insert(reportRatings).values({ reportId, stars, createdAt: at(when) });
}

export async function addPatrol(db: Database, communityId: number, inspectorId: number, startedAt: string, endedAt: string | null): Promise<number> {
  const [row] = await db
    .insert(patrols)
    .values({ communityId, inspectorId, startedAt: at(startedAt), endedAt: endedAt ? at(endedAt) : null })
    .returning({ id: patrols.id });
  return row!.id;
}

export async function addArea(db: Database, communityId: number, name: string): Promise<number> {
  const [row] = await db.insert(areas).values({ communityId, name }).returning({ id: areas.id });
  return row!.id;
}

export async function categoryId(db: Database, communityId: number, code: string): Promise<number> {
  const [row] = await db
    .select({ id: reportCategories.id })
    .from(reportCategories)
    .where(and(eq(reportCategories.code, code), eq(reportCategories.communityId, communityId)));
  if (!row) throw new Error(`no category ${code} in community ${communityId}`);
  return row.id;
}

export async function addMember(db: Database, communityId: number, id: number, firstName: string, role?: "inspector" | "staff" | "admin") {
  await recordUser(db, { id, firstName, languageCode: "en" }, new Date("2026-01-01T00:00:00Z"));
  if (role) await grantRole(db, { userId: id, communityId, role, grantedBy: null, at: new Date("2026-01-01T00:00:00Z") });
}
