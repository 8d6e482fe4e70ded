import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { communities } from "./communities.js";
import { users } from "./users.js";
import type { Translated } from "../../translated.js";

/** The lifecycle's states; which moves between them are legal is decided in reports/lifecycle.ts. */
export const reportStatuses = ["new", "accepted", "assigned", "in_progress", "resolved", "closed", "rejected", "duplicate", "reopened"] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusEnum = pgEnum("report_status", reportStatuses);

/** What can be reported (卫生死角, 公厕, 乱搭店棚 …), per community, with its deadline. */
export const reportCategories = pgTable(
  "report_categories",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    code: text("code").notNull(),
    /** Locale → name (see pickTranslation). */
    name: jsonb("name").$type<Translated>().notNull(),
    icon: text("icon").notNull(),
    active: boolean("active").notNull().default(true),
    /** Hours from report to deadline (督办 when passed). */
    deadlineHours: integer("deadline_hours").notNull(),
    /** Resolving needs an after-photo (e.g. removed sheds, cleaned toilets). */
    afterPhotoRequired: boolean("after_photo_required").notNull().default(false),
    /** Who may confirm a fix before the report closes (核查结案). */
    verification: text("verification", { enum: ["resident", "staff", "either"] })
      .notNull()
      .default("either"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [unique("report_categories_community_code").on(t.communityId, t.code)],
);

/** An area (网格 / 居民小组): a polygon, or a centre and radius. */
export const areas = pgTable(
  "areas",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    /** Outer ring as [longitude, latitude] pairs (GeoJSON order). */
    polygon: jsonb("polygon").$type<Array<[number, number]>>(),
    centerLatitude: doublePrecision("center_latitude"),
    centerLongitude: doublePrecision("center_longitude"),
    radiusMeters: integer("radius_meters"),
    responsibleUserId: bigint("responsible_user_id", { mode: "number" }).references(() => users.id, {
      onDelete: "set null",
    }),
  },
  (t) => [unique("areas_community_name").on(t.communityId, t.name)],
);

/** Tracking numbers count per community (R-000001, R-000002 …) without gaps from rollbacks. */
export const reportCounters = pgTable("report_counters", {
  communityId: integer("community_id")
    .primaryKey()
    .references(() => communities.id),
  lastNumber: integer("last_number").notNull(),
});

export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    number: integer("number").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => reportCategories.id),
    /** Null once the reporter used /forget: the report stays, anonymised. */
    reporterId: bigint("reporter_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Staff see no name or contact of an anonymous reporter. */
    anonymous: boolean("anonymous").notNull().default(false),
    source: text("source", { enum: ["resident", "patrol"] })
      .notNull()
      .default("resident"),
    description: text("description"),
    voiceFileId: text("voice_file_id"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    address: text("address"),
    areaId: integer("area_id").references(() => areas.id),
    status: reportStatusEnum("status").notNull().default("new"),
    assigneeId: bigint("assignee_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }),
    duplicateOfId: integer("duplicate_of_id"),
    resolutionNote: text("resolution_note"),
    /** Who resolved it: a staff verification must come from someone else. */
    resolvedBy: bigint("resolved_by", { mode: "number" }),
    /** When the staff group was told it is overdue (督办), so that happens once. */
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    /** The patrol during which an inspector found it (source "patrol"). */
    patrolId: integer("patrol_id"),
    rejectionReason: text("rejection_reason"),
    /** Staff hid the description (a face, a plate, abuse); the text stays for admins. */
    descriptionHiddenAt: timestamp("description_hidden_at", { withTimezone: true }),
    /** Idempotency key of the conversation that created it: a confirmation handled twice makes one report. */
    clientKey: text("client_key").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    unique("reports_community_number").on(t.communityId, t.number),
    index("reports_reporter_idx").on(t.reporterId, t.createdAt),
    index("reports_nearby_idx").on(t.communityId, t.categoryId, t.createdAt),
    index("reports_status_idx").on(t.communityId, t.status),
    index("reports_assignee_idx").on(t.assigneeId, t.status),
    index("reports_deadline_idx").on(t.status, t.deadlineAt),
    // Staff queries over years of history (bench:staff): a period read from the index alone,
    // and the open reports (queue) by age and by deadline. The open-status list must match
    // openStatuses in features/reports/lifecycle.ts.
    index("reports_created_idx").on(t.communityId, t.createdAt, t.categoryId, t.areaId, t.status, t.assigneeId, t.resolvedBy, t.resolvedAt, t.deadlineAt, t.id),
    index("reports_open_created_idx").on(t.communityId, t.createdAt, t.id).where(sql`status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened')`),
    index("reports_open_deadline_idx").on(t.communityId, t.deadlineAt, t.id).where(sql`status in ('new', 'accepted', 'assigned', 'in_progress', 'reopened')`),
    // The dashboard's list over every status (bench:staff, a million reports): by deadline (else a
    // sort of all of them), and an area's or a person's reports, counted and newest first (else
    // the count reads the whole table).
    index("reports_deadline_all_idx").on(t.communityId, t.deadlineAt, t.id),
    index("reports_area_created_idx").on(t.communityId, t.areaId, t.createdAt),
    index("reports_assignee_created_idx").on(t.communityId, t.assigneeId, t.createdAt),
    index("reports_patrol_idx").on(t.patrolId).where(sql`patrol_id is not null`),
    // The dashboard's text search (staff/report-search.ts): `lower(description) like '%…%'` found
    // through trigrams instead of reading every description. Needs the pg_trgm extension (created
    // by the migration). Not partial (`where description_hidden_at is null`, which the search
    // also asks): with the partial index the planner guessed from the pattern's length alone (100
    // matches for a word in every report, bench:staff); with this one it reads the statistics
    // ANALYZE keeps of lower(description) (999,900).
    index("reports_description_trgm_idx").using("gin", sql`lower(${t.description}) gin_trgm_ops`),
    // And for a text pg_trgm finds no trigram in (most two-character Chinese words, "12", "5%"):
    // the description's two-character pieces (text_bigrams, created by the migration), so such
    // a text is looked up by its own pieces instead of reading every description (620-886 ms at
    // a million reports when nothing matches, bench:staff). pg_bigm would do this, but PGlite
    // does not have it.
    index("reports_description_bigram_idx").using("gin", sql`text_bigrams(lower(${t.description}))`),
  ],
);

export const reportPhotos = pgTable(
  "report_photos",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** report: sent by the reporter; resolution: staff's after-photo; reopen: "not fixed" evidence. */
    kind: text("kind", { enum: ["report", "resolution", "reopen"] }).notNull(),
    /** Telegram keeps the bytes; we keep the reference. */
    fileId: text("file_id").notNull(),
    fileUniqueId: text("file_unique_id").notNull(),
    /**
     * How it was sent: as a photo, or as a file (an image sent uncompressed). Telegram takes a
     * file's id only where a file goes (sendDocument), so it is shown again the same way.
     */
    media: text("media", { enum: ["photo", "document"] })
      .notNull()
      .default("photo"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("report_photos_report_file").on(t.reportId, t.fileUniqueId)],
);

/** Residents who said "same problem here" (+1); they hear about progress too. */
export const reportSupporters = pgTable(
  "report_supporters",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] })],
);

/** Every status change: who, when, from, to, and the note that went with it. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    actorId: bigint("actor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    fromStatus: reportStatusEnum("from_status"),
    toStatus: reportStatusEnum("to_status").notNull(),
    note: text("note"),
    /** The resident's "not fixed" may be a voice message rather than text. */
    voiceFileId: text("voice_file_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("report_events_report_idx").on(t.reportId, t.createdAt),
    index("report_events_created_idx").on(t.createdAt),
    index("report_events_reopened_idx").on(t.createdAt, t.reportId).where(sql`to_status = 'reopened'`),
  ],
);

export const reportRatings = pgTable(
  "report_ratings",
  {
    reportId: integer("report_id")
      .primaryKey()
      .references(() => reports.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    stars: smallint("stars").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("report_ratings_stars", sql`${t.stars} between 1 and 5`), index("report_ratings_created_idx").on(t.createdAt)],
);

export type Report = typeof reports.$inferSelect;
export type ReportCategory = typeof reportCategories.$inferSelect;
export type Area = typeof areas.$inferSelect;
