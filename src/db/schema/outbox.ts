import { sql } from "drizzle-orm";
import { bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Every message the bot sends on its own (notifications, staff cards, reminders, daily reports,
 * broadcasts), written in the transaction of the change that causes it and delivered later by
 * the outbox sender of any instance, in the recipient's language at the time of sending.
 *
 *   pending → sending → sent
 *                     ↘ pending (a network failure or a 429: tried again at run_at)
 *                     ↘ failed (Telegram refused it for good, or too many attempts)
 *                     ↘ unreachable (403: the person blocked the bot)
 *   pending → cancelled
 *
 * A sender that dies while `sending` leaves the row to be taken again once lease_until passes:
 * at most the messages it had in flight may go twice (the Bot API has no idempotency key).
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Which deliverer renders and sends it (e.g. "report.status", "staff.card"). */
    kind: text("kind").notNull(),
    /** Where it goes: the pace is per chat, and one chat's messages go in id order. */
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    /** The person it is for, when it is for a person: their language is read at sending time. */
    userId: bigint("user_id", { mode: "number" }),
    /** What the deliverer needs to render it: ids and facts, never rendered text. */
    payload: jsonb("payload").notNull().default({}),
    /** Lower goes first: a person's own notifications ahead of bulk broadcasts. */
    priority: smallint("priority").notNull().default(0),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "unreachable", "cancelled"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Not sent before this. */
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    claimedBy: text("claimed_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Failure kind and code only (Telegram's description may quote the message). */
    lastError: text("last_error"),
    /** At most one message per key, ever (a daily report per day, a reminder per event). */
    dedupeKey: text("dedupe_key"),
    /** Pending messages of one topic (a report's staff card) collapse into one. */
    topic: text("topic"),
    /** The bulk send (a broadcast, an announcement) it belongs to: its figures and its Stop read these rows. */
    bulkId: integer("bulk_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.priority, t.id).where(sql`status = 'pending'`),
    index("outbox_chat_open_idx").on(t.chatId, t.id).where(sql`status in ('pending', 'sending')`),
    index("outbox_sending_idx").on(t.leaseUntil).where(sql`status = 'sending'`),
    uniqueIndex("outbox_dedupe_key_idx").on(t.dedupeKey),
    index("outbox_topic_idx").on(t.topic).where(sql`status = 'pending'`),
    index("outbox_finished_idx").on(t.sentAt),
    index("outbox_bulk_idx").on(t.bulkId, t.status).where(sql`bulk_id is not null`),
  ],
);

/**
 * The bot's one pace, shared by every instance (Telegram's limits are per bot): a token bucket
 * and a pause that a 429 sets for everyone. One row per bot token.
 */
export const outboxPace = pgTable("outbox_pace", {
  botId: bigint("bot_id", { mode: "number" }).primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull(),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
});

/** When each chat may get its next message (1 a second per chat, 20 a minute per group). */
export const outboxChatPace = pgTable("outbox_chat_pace", {
  chatId: bigint("chat_id", { mode: "number" }).primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
});

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type OutboxStatus = OutboxMessage["status"];
