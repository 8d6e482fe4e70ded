import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";
import type { IntakeTracker } from "../intake-tracker.js";
import { markSkipped } from "../update-inbox.js";

export interface Dispatcher {
  /**
   * Runs one update through the bot and resolves when it is handled (or its failure recorded
   * for a retry). Rejects when it could not be admitted at all (database away): the caller
   * makes Telegram deliver it again (webhook: 503) or leaves it to recovery (polled: saved).
   * `held`: the caller already holds it in the tracker (the poller does from saving it on).
   * `reclaim`: recovery hands back this process's own unfinished claim.
   */
  handle(update: Update, options?: { held?: boolean; reclaim?: boolean }): Promise<void>;
}

/** The one way updates enter the bot, whichever way they came: poll, webhook or recovery. */
export function createDispatcher(deps: { bot: Bot<BotContext>; db: Database; tracker: IntakeTracker; clock: Clock; logger: Logger }): Dispatcher {
  const { bot, tracker } = deps;
  return {
    async handle(update, options = {}) {
      const updateId = update.update_id;
      if (!options.held) tracker.hold(updateId);
      if (options.reclaim) tracker.markReclaim(updateId);
      try {
        await bot.handleUpdate(update);
        if (!tracker.takeAdmitted(updateId)) {
          // Dropped before the ledger (the flood guard): done, so recovery leaves it alone.
          await markSkipped(deps.db, { botId: bot.botInfo.id, updateId, at: deps.clock.now() }).catch((error: unknown) =>
            deps.logger.warn({ err: error, update_id: updateId }, "could not mark a dropped update done"),
          );
        }
      } finally {
        tracker.takeAdmitted(updateId);
        tracker.release(updateId);
      }
    },
  };
}
