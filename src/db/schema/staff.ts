import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { reports } from "./reports.js";
import { roleEnum, users } from "./users.js";

/** A single-use invitation to a role in a community, opened as a t.me deep link. */
export const invites = pgTable("invites", {
  /** Random, unguessable; the deep link carries it. */
  token: text("token").primaryKey(),
  communityId: integer("community_id")
    .notNull()
    .references(() => communities.id),
  role: roleEnum("role").notNull(),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedBy: bigint("used_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** The staff-group message that shows a report; edited in place as the report moves. */
export const reportCards = pgTable(
  "report_cards",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    messageId: integer("message_id").notNull(),
    /** Whether the card is a photo with a caption (edited with editMessageCaption) or text. */
    kind: text("kind", { enum: ["text", "photo"] }).notNull(),
  },
  (t) => [unique("report_cards_report_chat").on(t.reportId, t.chatId)],
);

/** Every staff action that is not a report transition (those are in report_events). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    communityId: integer("community_id").references(() => communities.id),
    actorId: bigint("actor_id", { mode: "number" }),
    action: text("action").notNull(),
    subject: text("subject"),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_log_community_at_idx").on(t.communityId, t.at)],
);
