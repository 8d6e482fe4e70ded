import type { NextFunction } from "grammy";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import type { BotContext } from "../context.js";
import { claimUpdate, finishUpdate } from "../update-ledger.js";

/**
 * Telegram delivers at least once (a webhook retried, a poll offset not yet confirmed when we
 * died). An update runs only if we can claim it; a failed one is released for redelivery.
 */
export function oncePerUpdate(db: Database, clock: Clock) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const botId = ctx.me.id;
    const updateId = ctx.update.update_id;
    if (!(await claimUpdate(db, botId, updateId, clock.now()))) {
      ctx.log.info("duplicate delivery skipped");
      return;
    }
    try {
      await next();
    } catch (error) {
      await finishUpdate(db, botId, updateId, "failed", clock.now());
      throw error;
    }
    await finishUpdate(db, botId, updateId, "done", clock.now());
  };
}
