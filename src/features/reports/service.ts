import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import {
  areas,
  communities,
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

export interface ReportRules {
  /** Reports one user may file per calendar day in the community's time zone. */
  dailyLimit: number;
  duplicateRadiusMeters: number;
  duplicateWindowDays: number;
}

export interface PhotoRef {
  fileId: string;
  fileUniqueId: string;
  media?: "photo" | "document"; // sent as a photo (default) or as a file: shown again the same way
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

/**
 * How many reports the reporter filed in the community since the start of `at`'s calendar day
 * in its time zone, as an SQL expression; `community` is the alias of a communities row.
 */
function filedTodayCount(reporterId: number, at: Date, community: SQL): SQL {
  return sql`(select count(*) from ${reports} r where r.reporter_id = ${reporterId} and r.community_id = ${community}.id
    and r.created_at >= date_trunc('day', ${at.toISOString()}::timestamptz at time zone ${community}.timezone) at time zone ${community}.timezone)::int`;
}

/** Reports filed today by the reporter, "today" in the community's time zone (the daily limit). */
export async function reportsFiledToday(db: Database, reporterId: number, communityId: number, at: Date): Promise<number> {
  const [row] = await queryRows<{ filed_today: number }>(
    db,
    sql`select ${filedTodayCount(reporterId, at, sql`c`)} as filed_today from ${communities} c where c.id = ${communityId}`,
  );
  return row?.filed_today ?? 0;
}

/** The statement that takes the community's next tracking number (returns last_number). */
function takeNextNumber(communityId: number): SQL {
  return sql`insert into ${reportCounters} (community_id, last_number) values (${communityId}, 1)
    on conflict (community_id) do update set last_number = ${reportCounters}.last_number + 1
    returning last_number`;
}

/** The community's next tracking number; the counter row's lock orders parallel filings. */
export async function nextReportNumber(db: Database, communityId: number): Promise<number> {
  const [counter] = await queryRows<{ last_number: number }>(db, takeNextNumber(communityId));
  return counter!.last_number;
}

interface FilingCheck {
  filed_id: number | null;
  filed_number: number | null;
  filed_deadline: string | null;
  filed_today: number;
  category_id: number | null;
  deadline_hours: number | null;
}

/**
 * Files a report: number, report, photos and its first history row in one transaction of
 * three statements. Parallel confirmations by one reporter wait on the lock of the reporter's
 * row, so the daily limit and the idempotency key are read after any earlier one committed.
 * The community's counter row is locked only by the final statement, right before commit:
 * filings of different residents queue on it for one round trip, not for the whole filing.
 */
export async function createReport(
  db: Database,
  input: NewReport,
  rules: ReportRules,
  at: Date,
  /** Runs inside the filing transaction when a report is created (the notifier's outbox messages). */
  onFiled?: (tx: Database, event: { reportId: number; at: Date }) => Promise<void>,
): Promise<CreateReportResult> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.reporterId)).for("update");
    // A new statement after the lock sees what a parallel confirmation just committed.
    const [check] = await queryRows<FilingCheck>(
      tx,
      sql`select f.id as filed_id, f.number as filed_number,
          to_char(f.deadline_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as filed_deadline,
          ${filedTodayCount(input.reporterId, at, sql`c`)} as filed_today,
          k.id as category_id, k.deadline_hours
        from ${communities} c
        left join ${reports} f on f.client_key = ${input.clientKey}
        left join ${reportCategories} k on k.id = ${input.categoryId} and k.community_id = c.id and k.active
        where c.id = ${input.communityId}`,
    );
    if (check?.filed_id != null) {
      return { ok: true, reportId: check.filed_id, number: check.filed_number!, deadlineAt: check.filed_deadline!, created: false } as const;
    }
    if (check && check.filed_today >= rules.dailyLimit) return { ok: false, reason: "daily-limit", limit: rules.dailyLimit } as const;
    if (!check || check.category_id === null) return { ok: false, reason: "category-unavailable" } as const;

    const deadlineAt = new Date(at.getTime() + check.deadline_hours! * 3600_000);
    const when = at.toISOString();
    const photos = JSON.stringify(input.photos.map((photo) => ({ file_id: photo.fileId, file_unique_id: photo.fileUniqueId, media: photo.media ?? "photo" })));
    const [report] = await queryRows<{ id: number; number: number }>(
      tx,
      sql`with counter as (${takeNextNumber(input.communityId)}),
        report as (
          insert into ${reports} (community_id, number, category_id, reporter_id, anonymous, description, voice_file_id,
                                  latitude, longitude, address, area_id, deadline_at, client_key, created_at, updated_at)
          select ${input.communityId}, counter.last_number, ${check.category_id}, ${input.reporterId}, ${input.anonymous},
                 ${input.description}, ${input.voiceFileId}, ${input.location?.latitude ?? null}::float8, ${input.location?.longitude ?? null}::float8,
                 ${input.address}, ${input.areaId}::int, ${deadlineAt.toISOString()}::timestamptz, ${input.clientKey}, ${when}::timestamptz, ${when}::timestamptz
          from counter
          returning id, number
        ),
        photos as (
          insert into ${reportPhotos} (report_id, kind, file_id, file_unique_id, media, created_at)
          select report.id, 'report', p.photo->>'file_id', p.photo->>'file_unique_id', p.photo->>'media', ${when}::timestamptz
          from report, jsonb_array_elements(${photos}::jsonb) with ordinality as p(photo, position)
          order by p.position
          on conflict do nothing
        ),
        event as (
          insert into ${reportEvents} (report_id, actor_id, from_status, to_status, created_at)
          select report.id, ${input.reporterId}, null, 'new', ${when}::timestamptz from report
        )
      select id, number from report`,
    );
    await assignByArea(tx, report!.id, input, at);
    await onFiled?.(tx, { reportId: report!.id, at });
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

/** Open reports of the same category near the point in the recent window (not excludeReporterId's own). */
export async function findNearbyOpenReports(
  db: Database,
  query: { communityId: number; categoryId: number; at: GeoPoint; since: Date; radiusMeters: number; excludeReporterId?: number },
): Promise<NearbyReport[]> {
  const box = boundingBox(query.at, query.radiusMeters);
  const rows = await db
    .select({
      id: reports.id,
      number: reports.number,
      status: reports.status,
      latitude: reports.latitude,
      longitude: reports.longitude,
      createdAt: reports.createdAt,
    })
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
        query.excludeReporterId === undefined ? undefined : sql`${reports.reporterId} is distinct from ${query.excludeReporterId}`,
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
