import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { users } from "./users.js";

/**
 * A one-time sign-in link to the staff dashboard, given by /dashboard in a private chat. Only
 * the SHA-256 of the token is kept: the link itself is the secret, and the database never
 * holds it in a usable form.
 */
export const dashboardSignIns = pgTable(
  "dashboard_sign_ins",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("dashboard_sign_ins_expires_idx").on(t.expiresAt)],
);

/**
 * A signed-in browser: the cookie carries the secret, this row its SHA-256, the community it is
 * for and the CSRF token its forms must send back. Ended by logout, by expiry, or when the
 * person no longer holds a role that may see the dashboard.
 */
export const dashboardSessions = pgTable(
  "dashboard_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    csrfToken: text("csrf_token").notNull(),
    /** The language picked on the dashboard; null follows the person's language in the bot. */
    locale: text("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Set at logout or when the role was found revoked; an ended session never comes back. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason", { enum: ["logout", "revoked"] }),
  },
  (t) => [index("dashboard_sessions_user_idx").on(t.userId), index("dashboard_sessions_expires_idx").on(t.expiresAt)],
);
