import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { setUserCommands } from "../../bot/command-menus.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton } from "../../bot/menus.js";
import { isLocale } from "../../i18n.js";
import { CHOOSE_COMMUNITY, chooseCommunityConversation } from "./choose-community.js";
import { languageButton, languageKeyboard } from "./keyboards.js";
import { setBlocked, setLocale } from "./service.js";

/** The member's own settings: language, community, and whether they blocked us. */
export const accountsFeature: Feature = {
  name: "accounts",
  commands: [{ command: "language", descriptionKey: "command-language", roles: ["resident"], order: 90 }],
  menu: [{ key: "language", labelKey: "menu-language", roles: ["resident"], order: 90 }],
  conversations: (deps, registry) => [
    createConversation<BotContext, InnerContext>(chooseCommunityConversation(deps, registry), {
      id: CHOOSE_COMMUNITY,
      plugins: deps.conversationPlugins,
    }),
  ],
  create(deps, registry) {
    const composer = new Composer<BotContext>();

    const askLanguage = (ctx: BotContext) => ctx.reply(ctx.t("language-choose"), { reply_markup: languageKeyboard(ctx.t) });
    composer.command("language", askLanguage);
    composer.callbackQuery(menuButton.filter, async (ctx, next) => {
      if (menuButton.unpack(ctx.callbackQuery.data)?.entry !== "language") return next();
      await ctx.answerCallbackQuery();
      await askLanguage(ctx);
    });

    composer.callbackQuery(languageButton.filter, async (ctx) => {
      const locale = languageButton.unpack(ctx.callbackQuery.data)?.locale;
      if (!isLocale(locale) || !ctx.user) {
        await ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
        return;
      }
      await setLocale(deps.db, ctx.user.id, locale);
      ctx.user.locale = locale;
      await ctx.i18n.renegotiateLocale();
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("language-set"));
      // The command menu follows the chosen language, not only Telegram's.
      await setUserCommands(ctx.api, registry, deps.i18n, ctx.user.id, locale, ctx.user.roles);
    });

    // Telegram tells us when a user blocks or unblocks the bot; broadcasts skip blocked users.
    composer.on("my_chat_member", async (ctx) => {
      const update = ctx.myChatMember;
      if (update.chat.type !== "private") return;
      const blocked = update.new_chat_member.status === "kicked";
      await setBlocked(deps.db, update.from.id, blocked ? deps.clock.now() : null);
      ctx.log.info({ user: update.from.id, blocked }, "private chat membership changed");
    });

    return composer;
  },
};
