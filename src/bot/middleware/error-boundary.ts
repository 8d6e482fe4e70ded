import type { I18n } from "@grammyjs/i18n";
import type { Context, NextFunction } from "grammy";
import { resolveLocale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";

/**
 * Outermost middleware: a failing handler is logged with its update id, the user gets a short
 * apology in their language, and the bot goes on serving everyone else.
 */
export function errorBoundary(i18n: I18n<BotContext>, logger: Logger) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    try {
      await next();
    } catch (error) {
      ctx.log.error({ err: error, from: ctx.from?.id, chat: ctx.chat?.id }, "update handling failed");
      await apologise(ctx, i18n.t(resolveLocale(ctx.user?.locale, ctx.from?.language_code), "error-apology"), ctx.log);
    }
  };
}

async function apologise(ctx: Context, text: string, log: Logger): Promise<void> {
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
  } catch (error) {
    // Telegram itself may be what failed; the error above is already logged.
    log.warn({ err: error }, "could not send the apology");
  }
}
