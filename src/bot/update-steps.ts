import type { Database } from "../db/client.js";
import { conversationKey } from "./conversation-storage.js";
import type { RequestScopes } from "./request-scope.js";
import { recordStep } from "./update-intake.js";

/**
 * An update runs at least once: after a failure or a kill it runs again, and what it did the
 * first time happens again unless it is idempotent. Database writes are (the ledger and
 * idempotency keys see to it); a Telegram message is not. `once` runs a step only if no earlier
 * run of this update recorded it, and records it when it is done: a tracking number is sent
 * once even when the process died right after sending it. What remains is a kill while the
 * message itself is on its way (Telegram has no idempotency key): then it may come twice.
 * One statement per step: for the few messages that matter, not for every reply.
 */
export interface UpdateSteps {
  once(ctx: { chatId?: number | undefined; from?: { id: number } | undefined }, name: string, run: () => Promise<unknown>): Promise<void>;
}

export function updateSteps(db: Database, scopes: RequestScopes): UpdateSteps {
  return {
    async once(ctx, name, run) {
      const update = scopes.get(conversationKey(ctx))?.update;
      if (update?.doneSteps.has(name)) return;
      await run();
      if (!update) return; // outside an update (a job, a test): nothing runs it again
      await recordStep(db, { botId: update.botId, updateId: update.updateId, name });
      update.doneSteps.add(name);
    },
  };
}
