import type { VersionedStateStorage } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { conversationStates } from "../db/schema/index.js";

/**
 * Conversation state in Postgres, so a conversation survives a restart and continues on any
 * instance. Values are the plugin's JSON (replay log included).
 */
export function conversationStorage<S>(db: Database, clock: Clock): VersionedStateStorage<string, S> {
  type Stored = Parameters<VersionedStateStorage<string, S>["write"]>[1];
  return {
    async read(key) {
      const [row] = await db
        .select({ value: conversationStates.value })
        .from(conversationStates)
        .where(eq(conversationStates.key, key));
      return row ? (row.value as Stored) : undefined;
    },
    async write(key, state) {
      const updatedAt = clock.now();
      await db
        .insert(conversationStates)
        .values({ key, value: state, updatedAt })
        .onConflictDoUpdate({ target: conversationStates.key, set: { value: state, updatedAt } });
    },
    async delete(key) {
      await db.delete(conversationStates).where(eq(conversationStates.key, key));
    },
  };
}

/** One conversation per user per chat: in the staff group several people talk at once. */
export function conversationKey(ctx: { chatId?: number | undefined; from?: { id: number } | undefined }): string {
  return `${ctx.chatId ?? "none"}:${ctx.from?.id ?? "none"}`;
}
