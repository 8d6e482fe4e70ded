// The framework's own floor for bench:reports: the same seven updates per user through grammY
// and the conversations plugin, with the same fake Telegram and concurrency, but a conversation
// that only replies, state in memory and no database. No bot built on this stack can be faster
// than this on the same machine; the figure puts the reports benchmark's target in proportion.
import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import { Bot, type Context } from "grammy";
import { FakeTelegram, TEST_TOKEN, testBotInfo } from "../test/helpers/fake-telegram.js";
import type { UpdateFactory } from "../test/helpers/updates.js";

type FloorContext = ConversationFlavor<Context>;

export async function measureFrameworkFloor(
  u: UpdateFactory,
  users: number,
  run: (count: number, worker: (i: number) => Promise<void>) => Promise<void>,
): Promise<number> {
  const telegram = new FakeTelegram();
  const bot = new Bot<FloorContext>(TEST_TOKEN, { botInfo: testBotInfo, client: { fetch: telegram.fetch } });
  bot.use(conversations());
  bot.use(
    createConversation(async (conversation: Conversation<FloorContext, Context>, ctx: Context) => {
      await ctx.reply("category?");
      for (const step of ["what", "photos", "done", "where", "summary"]) {
        const next = await conversation.wait();
        if (next.callbackQuery) await next.answerCallbackQuery();
        await next.reply(step);
      }
      const confirm = await conversation.wait();
      await confirm.answerCallbackQuery();
      await confirm.reply("filed");
    }, "floor"),
  );
  bot.command("report", (ctx) => ctx.conversation.enter("floor"));

  const handleUser = async (index: number) => {
    const user = u.user(5_000_000 + index, { languageCode: "en" });
    for (const update of [
      u.command(user, "report"),
      u.callback(user, "rcat:1"),
      u.text(user, "楼下垃圾堆了三天没人清理"),
      u.photo(user),
      u.callback(user, "rdone"),
      u.location(user, 30, 120),
      u.callback(user, "rsum:confirm"),
    ]) {
      await bot.handleUpdate(update);
      telegram.calls.length = 0;
    }
  };
  await run(50, (i) => handleUser(users + i)); // warm-up
  const started = performance.now();
  await run(users, handleUser);
  return (users * 7) / ((performance.now() - started) / 1000);
}
