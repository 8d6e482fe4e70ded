import { Composer } from "grammy";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature, FeatureRegistry } from "../../bot/feature.js";
import { cancelButton, commandsFor, mainMenuKeyboard, menuButton } from "../../bot/menus.js";
import { CHOOSE_COMMUNITY } from "../accounts/choose-community.js";

/** /start, /help, /cancel and the main menu. */
export const homeFeature: Feature = {
  name: "home",
  commands: [
    { command: "start", descriptionKey: "command-start", roles: ["resident"], order: 0 },
    { command: "help", descriptionKey: "command-help", roles: ["resident"], order: 80 },
    { command: "cancel", descriptionKey: "command-cancel", roles: ["resident"], order: 85 },
  ],
  menu: [{ key: "help", labelKey: "menu-help", roles: ["resident"], order: 80 }],
  create(_deps, registry) {
    const composer = new Composer<BotContext>();

    composer.command("start", async (ctx) => {
      if (ctx.user?.communityId == null) {
        await ctx.conversation.enter(CHOOSE_COMMUNITY);
        return;
      }
      await showMainMenu(ctx, registry, "welcome");
    });

    composer.callbackQuery(menuButton.filter, async (ctx, next) => {
      if (menuButton.unpack(ctx.callbackQuery.data)?.entry !== "help") return next();
      await ctx.answerCallbackQuery();
      await showHelp(ctx, registry);
    });

    return composer;
  },
};

/**
 * Commands that work in the middle of any conversation, installed before the conversations:
 * /cancel and its button leave it, /help answers without leaving, and /start leaves it and
 * goes on to the /start handler. Other reading commands (/my, /forget, /language) pass the
 * waiting step on to their own handlers: see ANSWERED_DURING_STEPS in conversation-kit.
 */
export function escapeCommands(registry: FeatureRegistry): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("cancel", (ctx) => cancel(ctx, registry));
  composer.callbackQuery(cancelButton.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await cancel(ctx, registry);
  });
  composer.command("help", (ctx) => showHelp(ctx, registry));
  composer.command("start", async (ctx, next) => {
    // A fresh start leaves whatever was half-done, without saving it.
    await ctx.conversation.exitAll();
    await next();
  });
  return composer;
}

export async function showMainMenu(ctx: InnerContext, registry: FeatureRegistry, headlineKey: string): Promise<void> {
  const user = ctx.user;
  await ctx.reply(ctx.t(headlineKey, { name: user?.firstName ?? "" }), {
    reply_markup: mainMenuKeyboard(registry, user?.roles ?? [], ctx.t),
  });
}

async function showHelp(ctx: BotContext, registry: FeatureRegistry): Promise<void> {
  const lines = commandsFor(registry, ctx.user?.roles ?? []).map((c) => `/${c.command} — ${ctx.t(c.descriptionKey)}`);
  await ctx.reply(`${ctx.t("help-intro")}\n\n${lines.join("\n")}`);
}

async function cancel(ctx: BotContext, registry: FeatureRegistry): Promise<void> {
  const wasActive = Object.keys(ctx.conversation.active()).length > 0;
  await ctx.conversation.exitAll();
  await showMainMenu(ctx, registry, wasActive ? "cancel-done" : "cancel-nothing");
}
