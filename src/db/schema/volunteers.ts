import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { users } from "./users.js";
import type { Translated } from "../../translated.js";

/** Interests a volunteer may pick (腰鼓队, 讲座值班…): a list each community's admins keep. */
export const volunteerInterests = pgTable(
  "volunteer_interests",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    /** Stable handle for seeded defaults, so seeding twice adds nothing. */
    code: text("code").notNull(),
    name: jsonb("name").$type<Translated>().notNull(),
    position: smallint("position").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
  },
  (t) => [uniqueIndex("volunteer_interests_code_idx").on(t.communityId, t.code)],
);

export const freeTimes = ["weekday_morning", "weekday_evening", "weekend"] as const;
export type FreeTime = (typeof freeTimes)[number];

/** What a volunteer tells about themselves; the phone and real name are for staff only. */
export const volunteerProfiles = pgTable("volunteer_profiles", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  communityId: integer("community_id")
    .notNull()
    .references(() => communities.id),
  displayName: text("display_name").notNull(),
  interestIds: integer("interest_ids").array().notNull().default(sql`'{}'::integer[]`),
  freeTimes: text("free_times").array().notNull().default(sql`'{}'::text[]`),
  phone: text("phone"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const applicationStatuses = ["pending", "approved", "declined", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** A resident's request to become a volunteer; staff decide in the staff group. */
export const volunteerApplications = pgTable(
  "volunteer_applications",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: applicationStatuses }).notNull().default("pending"),
    decidedBy: bigint("decided_by", { mode: "number" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One open application per person: a second /volunteer while one waits is refused by SQL too.
    uniqueIndex("volunteer_applications_pending_idx").on(t.communityId, t.userId).where(sql`${t.status} = 'pending'`),
  ],
);

/** A standing team such as the 腰鼓队, with its leader. */
export const teams = pgTable(
  "teams",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    leaderId: bigint("leader_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdBy: bigint("created_by", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("teams_name_idx").on(t.communityId, t.name)],
);

export const membershipStatuses = ["pending", "approved", "declined", "withdrawn", "left"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/** A request to join a team and, once approved, the membership itself. */
export const teamMembers = pgTable(
  "team_members",
  {
    id: serial("id").primaryKey(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: membershipStatuses }).notNull().default("pending"),
    decidedBy: bigint("decided_by", { mode: "number" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // At most one live request or membership per person and team, whatever presses race.
    uniqueIndex("team_members_live_idx").on(t.teamId, t.userId).where(sql`${t.status} in ('pending', 'approved')`),
    index("team_members_user_idx").on(t.userId),
  ],
);

export type Team = typeof teams.$inferSelect;
export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
