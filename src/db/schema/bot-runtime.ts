import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per Telegram update the bot has received: the durable inbox and the ledger in one.
 * A polled update is written here before Telegram is told it arrived (the next getUpdates
 * offset), so a kill loses nothing; a redelivered update (same bot, same update_id) has its
 * effects once, across restarts and instances.
 *
 *   received → processing → done
 *                         ↘ failed (retried at next_attempt_at) → processing …
 *                         ↘ parked (failed max attempts times; staff inspect and replay it)
 *
 * `payload` (the update itself) is kept only until the update is done: it is what a retry or
 * another instance runs again, and it holds what the user wrote.
 */
export const processedUpdates = pgTable(
  "processed_updates",
  {
    botId: bigint("bot_id", { mode: "number" }).notNull(),
    updateId: bigint("update_id", { mode: "number" }).notNull(),
    status: text("status", { enum: ["received", "processing", "done", "failed", "parked"] }).notNull(),
    /** When it was received or last claimed (the instance's clock). */
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    /** The bot instance (bot_instances.id) that received or claimed it last. */
    claimedBy: text("claimed_by"),
    /** Claims so far: a claim that never finishes (the process died) counts too. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** The last failure's kind and code, never its message (it may quote what the user wrote). */
    lastError: text("last_error"),
    payload: jsonb("payload"),
    /** The chat it belongs to (chatKeyOf), while it is open: one chat's updates run in update_id order, whichever instance runs them. */
    chatKey: text("chat_key"),
    /**
     * Steps of the update that must not happen twice when it runs again (a message that is
     * not idempotent, like a tracking number): recorded as each is done (UpdateSteps.once).
     */
    doneSteps: text("done_steps").array().notNull().default(sql`'{}'::text[]`),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.botId, t.updateId] }),
    index("processed_updates_claimed_idx").on(t.claimedAt),
    // What recovery looks at: the few rows not done yet.
    index("processed_updates_open_idx").on(t.botId, t.updateId).where(sql`status in ('received', 'processing', 'failed')`),
    // Is an earlier update of this chat still open? Asked at every admission.
    index("processed_updates_open_chat_idx").on(t.botId, t.chatKey, t.updateId).where(sql`status in ('received', 'processing')`),
  ],
);

/**
 * The running bot processes, each with a heartbeat. An update claimed by an instance whose
 * heartbeat stopped belongs to a dead process, and another instance takes it over.
 */
export const botInstances = pgTable("bot_instances", {
  id: text("id").primaryKey(),
  botId: bigint("bot_id", { mode: "number" }).notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Named leases with an expiry in the database's own time: "poll:<bot id>" is held by the one
 * instance that long-polls Telegram (Telegram refuses a second getUpdates with 409).
 */
export const runtimeLeases = pgTable("runtime_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Durable state of @grammyjs/conversations, so a conversation survives restarts. */
export const conversationStates = pgTable("conversation_states", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
