import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";
import type { FeatureRegistry } from "./feature.js";
import { mainMenuKeyboard } from "./menus.js";
import { answerStaleButton } from "./stale-button.js";

/**
 * Group chats: the bot works in private. A command there gets a pointer to the private chat;
 * plain chatter is not ours to answer. (Staff-group features are installed before this.)
 */
export function groupFallback(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const groups = composer.chatType(["group", "supergroup"]);
  groups.on("message::bot_command", async (ctx) => {
    const keyboard = new InlineKeyboard().url(ctx.t("group-open-private"), `https://t.me/${ctx.me.username}`);
    await ctx.reply(ctx.t("group-use-private"), {
      reply_markup: keyboard,
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
    });
  });
  groups.on("callback_query", answerStaleButton);
  groups.use((ctx) => {
    ctx.log.debug({ chat: ctx.chat.id }, "group update ignored");
  });
  return composer;
}

/** Whatever no feature took, in a private chat: a clear word and the way back to the menu. */
export function privateFallback(registry: FeatureRegistry): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chats = composer.chatType("private");
  chats.on("callback_query", answerStaleButton);
  // A live location moves by editing its message every few seconds; a patrol records the moves,
  // anywhere else they are not edits to answer (an answer each time would flood the chat).
  chats.on("edited_message:location", (ctx) => ctx.log.debug("live location move ignored"));
  chats.on("edited_message", (ctx) => ctx.reply(ctx.t("edit-not-supported")));
  chats.on("message::bot_command", (ctx) => ctx.reply(ctx.t("unknown-command"), { reply_markup: mainMenuKeyboard(registry, ctx.user?.roles ?? [], ctx.t) }));
  chats.on("message", (ctx) => ctx.reply(ctx.t("not-understood"), { reply_markup: mainMenuKeyboard(registry, ctx.user?.roles ?? [], ctx.t) }));
  return composer;
}
