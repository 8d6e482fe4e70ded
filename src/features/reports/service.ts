import { and, count, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import {
  areas,
  communities,
  conversationStates,
  reportCategories,
  reportCounters,
  reportEvents,
  reportPhotos,
  reportRatings,
  reports,
  reportSupporters,
  userRoles,
  users,
  type ReportStatus,
} from "../../db/schema/index.js";
import { boundingBox, metersBetween, type GeoPoint } from "./geo.js";
import { openStatuses } from "./lifecycle.js";
import { startOfDayIn } from "../../time.js";


export interface ReportRules {
  /** Reports one user may file per calendar day in the community's time zone. */
  dailyLimit: number;
  duplicateRadiusMeters: number;
  duplicateWindowDays: number;
}

export interface PhotoRef {
  fileId: string;
  fileUniqueId: string;
}

export interface NewReport {
  /** Idempotency key from the conversation: a confirmation handled twice makes one report. */
  clientKey: string;
  communityId: number;
  reporterId: number;
  categoryId: number;
  description: string | null;
  voiceFileId: string | null;
  photos: PhotoRef[];
  location: GeoPoint | null;
  address: string | null;
  areaId: number | null;
  anonymous: boolean;
}

export type CreateReportResult =
  | { ok: true; reportId: number; number: number; deadlineAt: string; created: boolean }
  | { ok: false; reason: "daily-limit"; limit: number }
  | { ok: false; reason: "category-unavailable" };

/** Start of the reporter's day in the community's time zone. */
export async function reportsFiledToday(db: Database, reporterId: number, at: Date, tz: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reports)
    .where(and(eq(reports.reporterId, reporterId), gte(reports.createdAt, startOfDayIn(at, tz))));
  return row?.n ?? 0;
}

/** The report a confirmation with this key already filed, as createReport answers it. */
async function filedWithKey(db: Database, clientKey: string) {
  const [row] = await db
    .select({ id: reports.id, number: reports.number, deadlineAt: reports.deadlineAt })
    .from(reports)
    .where(eq(reports.clientKey, clientKey));
  return row ? ({ ok: true, reportId: row.id, number: row.number, deadlineAt: row.deadlineAt!.toISOString(), created: false } as const) : undefined;
}

/** The community's next tracking number; the counter row's lock orders parallel filings. */
export async function nextReportNumber(db: Database, communityId: number): Promise<number> {
  const [counter] = await db
    .insert(reportCounters)
    .values({ communityId, lastNumber: 1 })
    .onConflictDoUpdate({ target: reportCounters.communityId, set: { lastNumber: sql`${reportCounters.lastNumber} + 1` } })
    .returning({ number: reportCounters.lastNumber });
  return counter!.number;
}

/**
 * Files a report: number, report, photos and its first history row in one transaction. The
 * daily limit is checked under a lock on the reporter's row, so parallel confirmations cannot
 * slip past it.
 */
export async function createReport(db: Database, input: NewReport, rules: ReportRules, at: Date): Promise<CreateReportResult> {
  return db.transaction(async (tx) => {
    const existing = await filedWithKey(tx, input.clientKey);
    if (existing) return existing;
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.reporterId)).for("update");
    // Under the reporter's lock, look again: a parallel confirmation may have just filed it.
    const justFiled = await filedWithKey(tx, input.clientKey);
    if (justFiled) return justFiled;
    const [community] = await tx.select({ timezone: communities.timezone }).from(communities).where(eq(communities.id, input.communityId));
    if ((await reportsFiledToday(tx, input.reporterId, at, community?.timezone ?? "Asia/Shanghai")) >= rules.dailyLimit) {
      return { ok: false, reason: "daily-limit", limit: rules.dailyLimit } as const;
    }
    const [category] = await tx
      .select()
      .from(reportCategories)
      .where(and(eq(reportCategories.id, input.categoryId), eq(reportCategories.communityId, input.communityId), eq(reportCategories.active, true)));
    if (!category) return { ok: false, reason: "category-unavailable" } as const;

    const number = await nextReportNumber(tx, input.communityId);
    const deadlineAt = new Date(at.getTime() + category.deadlineHours * 3600_000);
    const [report] = await tx
      .insert(reports)
      .values({
        communityId: input.communityId,
        number,
        categoryId: category.id,
        reporterId: input.reporterId,
        anonymous: input.anonymous,
        description: input.description,
        voiceFileId: input.voiceFileId,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        address: input.address,
        areaId: input.areaId,
        deadlineAt,
        clientKey: input.clientKey,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: reports.id, number: reports.number });
    if (input.photos.length > 0) {
      await tx
        .insert(reportPhotos)
        .values(input.photos.map((p) => ({ reportId: report!.id, kind: "report" as const, ...p, createdAt: at })))
        .onConflictDoNothing();
    }
    await tx.insert(reportEvents).values({ reportId: report!.id, actorId: input.reporterId, fromStatus: null, toStatus: "new", createdAt: at });
    await assignByArea(tx, report!.id, input, at);
    return { ok: true, reportId: report!.id, number: report!.number, deadlineAt: deadlineAt.toISOString(), created: true } as const;
  });
}

/**
 * When the community has turned automatic assignment on, a report in an area goes straight to
 * the area's responsible inspector (if they still hold the role), recorded as the system's act.
 */
async function assignByArea(tx: Database, reportId: number, input: NewReport, at: Date): Promise<void> {
  if (input.areaId === null) return;
  const [row] = await queryRows<{ responsible: string | null }>(
    tx,
    sql`select a.responsible_user_id::text as responsible
        from ${areas} a join ${communities} c on c.id = a.community_id
        where a.id = ${input.areaId} and c.auto_assign
          and exists (select 1 from ${userRoles} r where r.user_id = a.responsible_user_id and r.community_id = a.community_id
                      and r.role in ('inspector', 'staff', 'admin'))`,
  );
  if (!row?.responsible) return;
  const assigneeId = Number(row.responsible);
  await tx.update(reports).set({ status: "assigned", assigneeId, updatedAt: at }).where(eq(reports.id, reportId));
  await tx.insert(reportEvents).values({ reportId, actorId: null, fromStatus: "new", toStatus: "assigned", createdAt: at });
}

export interface NearbyReport {
  id: number;
  number: number;
  status: ReportStatus;
  distanceMeters: number;
  createdAt: string;
}

/** Open reports of the same category near the point in the recent window: likely the same spot. */
export async function findNearbyOpenReports(
  db: Database,
  query: { communityId: number; categoryId: number; at: GeoPoint; since: Date; radiusMeters: number },
): Promise<NearbyReport[]> {
  const box = boundingBox(query.at, query.radiusMeters);
  const rows = await db
    .select({ id: reports.id, number: reports.number, status: reports.status, latitude: reports.latitude, longitude: reports.longitude, createdAt: reports.createdAt })
    .from(reports)
    .where(
      and(
        eq(reports.communityId, query.communityId),
        eq(reports.categoryId, query.categoryId),
        gte(reports.createdAt, query.since),
        inArray(reports.status, [...openStatuses]),
        gte(reports.latitude, box.minLatitude),
        lte(reports.latitude, box.maxLatitude),
        gte(reports.longitude, box.minLongitude),
        lte(reports.longitude, box.maxLongitude),
      ),
    );
  return rows
    .map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      distanceMeters: Math.round(metersBetween(query.at, { latitude: r.latitude!, longitude: r.longitude! })),
      createdAt: r.createdAt.toISOString(),
    }))
    .filter((r) => r.distanceMeters <= query.radiusMeters)
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
}

export type SupportResult = { ok: true; number: number; added: boolean } | { ok: false; reason: "not-found" | "own-report" | "finished" };

/** "Same problem here": a +1 instead of a second report; the supporter hears of progress too. */
export async function supportReport(db: Database, reportId: number, userId: number, at: Date): Promise<SupportResult> {
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId));
    if (!report) return { ok: false, reason: "not-found" } as const;
    if (report.reporterId === userId) return { ok: false, reason: "own-report" } as const;
    if (!(openStatuses as readonly string[]).includes(report.status)) return { ok: false, reason: "finished" } as const;
    const added = await tx.insert(reportSupporters).values({ reportId, userId, createdAt: at }).onConflictDoNothing().returning();
    return { ok: true, number: report.number, added: added.length === 1 } as const;
  });
}

export interface ReportListItem {
  id: number;
  number: number;
  status: ReportStatus;
  categoryIcon: string;
  categoryZh: string;
  categoryEn: string;
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
      categoryZh: reportCategories.nameZh,
      categoryEn: reportCategories.nameEn,
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
      categoryZh: r.categoryZh,
      categoryEn: r.categoryEn,
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
  categoryZh: string;
  categoryEn: string;
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
    report.duplicateOfId
      ? db.select({ number: reports.number }).from(reports).where(eq(reports.id, report.duplicateOfId))
      : Promise.resolve([]),
  ]);
  if (!isReporter && !supporterRows.some((s) => s.userId === viewerId)) return undefined;
  return {
    id: report.id,
    number: report.number,
    status: report.status,
    categoryIcon: category.icon,
    categoryZh: category.nameZh,
    categoryEn: category.nameEn,
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

export type RateResult = { ok: true } | { ok: false; reason: "not-found" | "not-reporter" | "not-closed" | "bad-stars" };

/** The reporter rates a closed report 1 to 5; rating again replaces the earlier stars. */
export async function rateReport(db: Database, reportId: number, userId: number, stars: number, at: Date): Promise<RateResult> {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) return { ok: false, reason: "bad-stars" };
  const [report] = await db.select({ reporterId: reports.reporterId, status: reports.status }).from(reports).where(eq(reports.id, reportId));
  if (!report) return { ok: false, reason: "not-found" };
  if (report.reporterId !== userId) return { ok: false, reason: "not-reporter" };
  if (report.status !== "closed") return { ok: false, reason: "not-closed" };
  await db
    .insert(reportRatings)
    .values({ reportId, userId, stars, createdAt: at })
    .onConflictDoUpdate({ target: reportRatings.reportId, set: { stars, createdAt: at } });
  return { ok: true };
}

/**
 * /forget: the user's account data goes (names, roles, supports, open conversations); their
 * reports stay for the community's record, anonymised.
 */
export async function forgetUser(db: Database, userId: number): Promise<{ reportsAnonymised: number }> {
  return db.transaction(async (tx) => {
    const anonymised = await tx
      .update(reports)
      .set({ reporterId: null, anonymous: true })
      .where(eq(reports.reporterId, userId))
      .returning({ id: reports.id });
    await tx.delete(conversationStates).where(sql`${conversationStates.key} like ${`%:${userId}`}`);
    await tx.delete(users).where(eq(users.id, userId));
    return { reportsAnonymised: anonymised.length };
  });
}
