import type { I18n } from "@grammyjs/i18n";
import type { Context, NextFunction } from "grammy";
import { errorKind, isConnectionError } from "../../db/errors.js";
import { resolveLocale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { BotContext } from "../context.js";
import { UpdateNotAdmittedError } from "./update-intake.js";

/**
 * Outermost middleware: a failing handler is logged with its update id and the bot goes on
 * serving everyone else. The ledger retries the update (src/bot/update-intake.ts), so:
 *  - an update that could not even be admitted (database away) is passed on as an error: the
 *    webhook answers 503 and Telegram delivers it again; a polled one is already saved and
 *    recovery runs it;
 *  - a failure because the database is away is retried quietly: the user gets their answer
 *    when it is back, not an apology first;
 *  - any other failure gets a short apology in the user's language, on its first run only.
 */
export function errorBoundary(i18n: I18n<BotContext>, logger: Logger) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    ctx.log = logger.child({ update_id: ctx.update.update_id });
    try {
      await next();
    } catch (error) {
      if (error instanceof UpdateNotAdmittedError) {
        ctx.log.warn({ kind: errorKind(error.cause) }, "update not admitted (database unavailable); it will be delivered again");
        throw error;
      }
      if (isConnectionError(error)) {
        ctx.log.warn({ kind: errorKind(error), attempt: ctx.attempt }, "database unavailable; the update will be retried");
        return;
      }
      ctx.log.error({ err: error, from: ctx.from?.id, chat: ctx.chat?.id, attempt: ctx.attempt }, "update handling failed");
      if ((ctx.attempt ?? 1) <= 1) {
        await apologise(ctx, i18n.t(resolveLocale(ctx.user?.locale, ctx.from?.language_code), "error-apology"), ctx.log);
      }
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
