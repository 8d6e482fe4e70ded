import { bigint, boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { communities } from "./communities.js";
import { users } from "./users.js";

/**
 * Who a broadcast goes to. "area" takes audience_ref = the area id; "topic" and "event" are
 * reserved for topic subscribers and event participants (audience_ref = topic or event id);
 * "list" is a bulk send another feature made with its own recipients (see broadcasts/bulk.ts).
 */
export const broadcastAudiences = ["all", "volunteers", "team", "area", "topic", "event", "list"] as const;
export type BroadcastAudience = (typeof broadcastAudiences)[number];
/** Which moves between these are legal is decided in features/broadcasts/lifecycle.ts. */
export const broadcastStatuses = ["scheduled", "sending", "done", "cancelled"] as const;
export type BroadcastStatus = (typeof broadcastStatuses)[number];

/**
 * A notice (群发通知) to many members, or another feature's bulk send: what, to whom, when. Each
 * recipient's message is a row of outbox_messages with bulk_id = id; figures are counted there.
 */
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
    /**
     * text: `text` with `entities`; photo: `photo_file_id` with `text` as caption and `entities` as
     * caption entities; drafts: each recipient's message is an outbox draft its feature wrote, and
     * `text` only names the send in /broadcasts.
     */
    kind: text("kind", { enum: ["text", "photo", "drafts"] }).notNull(),
    text: text("text").notNull().default(""),
    entities: jsonb("entities").notNull().default([]),
    photoFileId: text("photo_file_id"),
    /** Urgent ones are delivered during quiet hours too. */
    urgent: boolean("urgent").notNull().default(false),
    status: text("status", { enum: broadcastStatuses }).notNull(),
    /** When sending may begin (now, or the scheduled time). */
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    /** Recipients fixed at start (those skipped as unreachable included: they have no outbox row). */
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

export type Broadcast = typeof broadcasts.$inferSelect;
