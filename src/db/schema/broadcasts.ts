import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { users } from "./users.js";

/**
 * Who a broadcast goes to. "area" takes audience_ref = the area id; "topic" and "event" are
 * reserved for topic subscribers and event participants (audience_ref = topic or event id).
 */
export const broadcastAudiences = ["all", "volunteers", "team", "area", "topic", "event"] as const;
export type BroadcastAudience = (typeof broadcastAudiences)[number];
/** Which moves between these are legal is decided in features/broadcasts/lifecycle.ts. */
export const broadcastStatuses = ["scheduled", "sending", "done", "cancelled"] as const;
export type BroadcastStatus = (typeof broadcastStatuses)[number];
export const recipientStates = ["pending", "sending", "sent", "failed", "skipped"] as const;
export type RecipientState = (typeof recipientStates)[number];

/** A notice (群发通知) to many members: what, to whom, when, and who is sending it now. */
export const broadcasts = pgTable(
  "broadcasts",
  {
    id: serial("id").primaryKey(),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    audience: text("audience", { enum: broadcastAudiences }).notNull(),
    audienceRef: integer("audience_ref"),
    /** text: `text` with `entities`; photo: `photo_file_id` with `text` as caption and `entities` as caption entities. */
    kind: text("kind", { enum: ["text", "photo"] }).notNull(),
    text: text("text").notNull().default(""),
    entities: jsonb("entities").notNull().default([]),
    photoFileId: text("photo_file_id"),
    /** Urgent ones are delivered during quiet hours too. */
    urgent: boolean("urgent").notNull().default(false),
    status: text("status", { enum: broadcastStatuses }).notNull(),
    /** When sending may begin (now, or the scheduled time). */
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    /** Quiet hours: sending continues from this moment. */
    resumeAt: timestamp("resume_at", { withTimezone: true }),
    /** The sender holding this broadcast, until when; another takes over once it passes. */
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Counts takeovers: the singleton key of the job that resumes the broadcast. */
    epoch: integer("epoch").notNull().default(0),
    /** Recipients fixed at start (skipped ones included). */
    total: integer("total"),
    /** The staff member's progress message, edited in place. */
    progressChatId: bigint("progress_chat_id", { mode: "number" }),
    progressMessageId: integer("progress_message_id"),
    progressLocale: text("progress_locale"),
    /** Idempotency key of the conversation that made it: a confirmation handled twice makes one. */
    clientKey: text("client_key").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    cancelledBy: bigint("cancelled_by", { mode: "number" }),
  },
  (t) => [index("broadcasts_community_idx").on(t.communityId, t.createdAt), index("broadcasts_due_idx").on(t.status, t.runAt)],
);

/**
 * One row per recipient, written when the broadcast starts. pending → sending (just before the
 * call) → sent (with Telegram's message id) | failed (with the reason); skipped when the user was
 * unreachable at start. A row left in "sending" by a dead sender is sent again.
 */
export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    broadcastId: integer("broadcast_id")
      .notNull()
      .references(() => broadcasts.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    state: text("state", { enum: recipientStates }).notNull().default("pending"),
    messageId: integer("message_id"),
    reason: text("reason"),
    attempts: smallint("attempts").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.userId] }),
    index("broadcast_recipients_open_idx").on(t.broadcastId, t.userId).where(sql`state in ('pending', 'sending')`),
    index("broadcast_recipients_state_idx").on(t.broadcastId, t.state),
  ],
);

export type Broadcast = typeof broadcasts.$inferSelect;
