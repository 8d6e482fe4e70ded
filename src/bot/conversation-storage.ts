import type { VersionedStateStorage } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { conversationStates } from "../db/schema/index.js";
import type { RequestScopes } from "./request-scope.js";

/**
 * Conversation state in Postgres, so a conversation survives a restart and continues on any
 * instance. Inside an update, reads come from the update's admission (already fetched) and
 * writes wait to be committed together with the update's "done" mark; outside one (tests,
 * jobs) they go straight to the table.
 */
export function conversationStorage<S>(db: Database, clock: Clock, scopes: RequestScopes): VersionedStateStorage<string, S> {
  type Stored = Parameters<VersionedStateStorage<string, S>["write"]>[1];
  return {
    async read(key) {
      const scope = scopes.get(key);
      if (scope?.pendingWrites.has(key)) return (scope.pendingWrites.get(key) ?? undefined) as Stored | undefined;
      if (scope?.prefetched.has(key)) return scope.prefetched.get(key) as Stored | undefined;
      const [row] = await db.select({ value: conversationStates.value }).from(conversationStates).where(eq(conversationStates.key, key));
      return row ? (row.value as Stored) : undefined;
    },
    async write(key, state) {
      const scope = scopes.get(key);
      if (scope) {
        scope.pendingWrites.set(key, state);
        return;
      }
      const updatedAt = clock.now();
      await db
        .insert(conversationStates)
        .values({ key, value: state, updatedAt })
        .onConflictDoUpdate({ target: conversationStates.key, set: { value: state, updatedAt } });
    },
    async delete(key) {
      const scope = scopes.get(key);
      if (scope) {
        scope.pendingWrites.set(key, null);
        return;
      }
      await db.delete(conversationStates).where(eq(conversationStates.key, key));
    },
  };
}

/** One conversation per user per chat: in the staff group several people talk at once. */
export function conversationKey(ctx: { chatId?: number | undefined; from?: { id: number } | undefined }): string {
  return `${ctx.chatId ?? "none"}:${ctx.from?.id ?? "none"}`;
}
