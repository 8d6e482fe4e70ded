import type { BotContext } from "./context.js";

/** The polite answer to a press whose data no longer fits: forged, old, or of something that moved on. */
export function answerStaleButton(ctx: BotContext): Promise<true> {
  return ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
}
