import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";

/**
 * A Telegram user who has written to the bot. The primary key is the Telegram user id
 * (fits in 52 bits, so a JS number is exact).
 */
export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    username: text("username"),
    /** language_code as Telegram last reported it. */
    telegramLanguage: text("telegram_language"),
    /** The language the user chose with /language; null means "follow Telegram". */
    locale: text("locale"),
    /** Null until the user has joined a community (asked at /start when there are several). */
    communityId: integer("community_id").references(() => communities.id),
    /** Set when Telegram tells us the user blocked the bot; cleared when they write again. */
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("users_community_idx").on(t.communityId)],
);

/** Resident is everyone's implicit role; these are the ones that are granted. */
export const grantedRoles = ["volunteer", "inspector", "staff", "admin"] as const;
export type GrantedRole = (typeof grantedRoles)[number];
export const roleEnum = pgEnum("role", grantedRoles);

/** Roles are per community: a staff member of one community has no say in another. */
export const userRoles = pgTable(
  "user_roles",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    role: roleEnum("role").notNull(),
    grantedBy: bigint("granted_by", { mode: "number" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.communityId, t.role] }), index("user_roles_community_role_idx").on(t.communityId, t.role)],
);

export type UserRow = typeof users.$inferSelect;
