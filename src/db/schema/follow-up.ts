import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { reportCategories, reports } from "./reports.js";
import { users } from "./users.js";
import type { Translated } from "../../translated.js";

/** An inspector asks for more time on a report; staff approve or refuse. */
export const deadlineExtensions = pgTable(
  "deadline_extensions",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    requestedBy: bigint("requested_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    requestedDeadline: timestamp("requested_deadline", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["pending", "approved", "refused"] })
      .notNull()
      .default("pending"),
    decidedBy: bigint("decided_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("deadline_extensions_report_idx").on(t.reportId)],
);

/** Short standard replies staff pick instead of typing, per category and kind, in both languages. */
export const responseTemplates = pgTable(
  "response_templates",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    /** Null: for every category. */
    categoryId: integer("category_id").references(() => reportCategories.id),
    kind: text("kind", { enum: ["reject", "resolve", "duplicate"] }).notNull(),
    /** Locale → reply (see pickTranslation). */
    text: jsonb("text").$type<Translated>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [index("response_templates_lookup_idx").on(t.communityId, t.kind)],
);

/** An inspector's patrol (日巡查): from /patrol to /patrol again. */
export const patrols = pgTable(
  "patrols",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    inspectorId: bigint("inspector_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("patrols_community_started_idx").on(t.communityId, t.startedAt), index("patrols_inspector_idx").on(t.inspectorId, t.endedAt)],
);

/** Route points from the inspector's live location while on patrol. */
export const patrolPoints = pgTable(
  "patrol_points",
  {
    patrolId: integer("patrol_id")
      .notNull()
      .references(() => patrols.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    latitude: doublePrecision("latitude").notNull(),
    longitude: doublePrecision("longitude").notNull(),
  },
  (t) => [primaryKey({ columns: [t.patrolId, t.at] })],
);

/** The daily record (日记录): a day's figures as reported, kept unchanged by later edits. */
export const dailyRecords = pgTable(
  "daily_records",
  {
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    day: date("day", { mode: "string" }).notNull(),
    figures: jsonb("figures").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day] })],
);
