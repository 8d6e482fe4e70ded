import type { BotContext } from "./context.js";

/**
 * The polite answer to a press whose data no longer fits: forged, old, or of something that moved
 * on. In a private chat it points to /start; in the staff group, where /start means nothing, it
 * only says that nothing was done.
 */
export function answerStaleButton(ctx: BotContext): Promise<true> {
  const key = ctx.chat && ctx.chat.type !== "private" ? "button-stale-group" : "button-stale";
  return ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
}
