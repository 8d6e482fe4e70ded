import type { I18n } from "@grammyjs/i18n";
import { limit } from "@grammyjs/ratelimiter";
import { resolveLocale } from "../../i18n.js";
import type { BotContext } from "../context.js";

/**
 * Per-user flood guard, kept in memory and checked before any database work so a flood costs
 * us nothing. Past the limit, updates are dropped until the window ends; the user is told once
 * per window (in private; in groups a notice would be more noise).
 */
export function floodGuard(i18n: I18n<BotContext>, options: { limit: number; windowSeconds: number }) {
  return limit<BotContext, never>({
    timeFrame: options.windowSeconds * 1000,
    limit: options.limit,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      ctx.log.warn({ from: ctx.from?.id }, "flood limit reached; dropping updates");
      const text = i18n.t(resolveLocale(undefined, ctx.from?.language_code), "flood-slow-down", {
        seconds: options.windowSeconds,
      });
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
      else if (ctx.chat?.type === "private") await ctx.reply(text);
    },
  });
}
