import { Composer } from "grammy";
import { parseUserId } from "./callback-data.js";
import type { BotContext } from "./context.js";
import { groupCancelButton } from "./menus.js";
import { answerStaleButton } from "./stale-button.js";

/**
 * /cancel and the Cancel button in a group, installed before the group's conversations: they
 * leave the member's open question (a reason, a report number). The button is the asked member's
 * own: another member pressing it is told so, and nothing changes.
 */
export function groupEscapes(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("cancel", async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("cancel-group"), { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
  });
  composer.callbackQuery(groupCancelButton.filter, async (ctx) => {
    const member = parseUserId(groupCancelButton.unpack(ctx.callbackQuery.data)?.user);
    if (member === undefined) return answerStaleButton(ctx);
    if (member !== ctx.from.id) return ctx.answerCallbackQuery({ text: ctx.t("cancel-group-not-yours") });
    await ctx.conversation.exitAll();
    await ctx.answerCallbackQuery({ text: ctx.t("cancel-group") });
    // The question's buttons (standard replies, Cancel) go with it.
    await ctx.editMessageReplyMarkup();
  });
  return composer;
}
