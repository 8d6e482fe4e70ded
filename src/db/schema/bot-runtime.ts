import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per Telegram update the bot has started handling. It is how a redelivered update
 * (same bot, same update_id) has its effects once, even across restarts and instances.
 */
export const processedUpdates = pgTable(
  "processed_updates",
  {
    botId: bigint("bot_id", { mode: "number" }).notNull(),
    updateId: bigint("update_id", { mode: "number" }).notNull(),
    /** processing → done | failed; a failed one may be claimed again. */
    status: text("status", { enum: ["processing", "done", "failed"] }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.botId, t.updateId] }), index("processed_updates_claimed_idx").on(t.claimedAt)],
);

/** Durable state of @grammyjs/conversations, so a conversation survives restarts. */
export const conversationStates = pgTable("conversation_states", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
