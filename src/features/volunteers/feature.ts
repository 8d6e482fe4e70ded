import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton, menuEntry } from "../../bot/menus.js";
import { ensureRole, requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { defaultLocale } from "../../i18n.js";
import { decideApplication, decisionOf, profileAction } from "./buttons.js";
import { cardView, renderCard } from "./card.js";
import { PROFILE_CONVERSATION, profileConversation } from "./conversation.js";
import { interestNames } from "./interests.js";
import { installInterestCommands, interestCommands } from "./interests-feature.js";
import { applyRefusal, decideApplication as decide, findProfile, stepDown } from "./service.js";

const everyone = ["resident"] as const;

async function startApplication(deps: AppDeps, ctx: BotContext): Promise<void> {
  const communityId = ctx.user?.communityId;
  if (!communityId) {
    await ctx.reply(ctx.t("volunteers-no-community"));
    return;
  }
  const refusal = await applyRefusal(deps.db, ctx.from!.id, communityId);
  if (refusal) {
    await ctx.reply(ctx.t(refusal === "pending" ? "volunteers-already-pending" : "volunteers-already"));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(PROFILE_CONVERSATION, "apply");
}

async function showProfile(deps: AppDeps, ctx: BotContext): Promise<void> {
  const profile = await findProfile(deps.db, ctx.from!.id);
  const keyboard = new InlineKeyboard()
    .text(ctx.t(profile ? "volunteers-edit" : "volunteers-fill-in"), profileAction.pack({ action: "edit" }))
    .row()
    .text(ctx.t("volunteers-step-down"), profileAction.pack({ action: "leave" }));
  if (!profile) {
    await ctx.reply(ctx.t("volunteers-profile-empty"), { reply_markup: keyboard });
    return;
  }
  const none = ctx.t("volunteers-none");
  const interests = await interestNames(deps.db, profile.interestIds, await ctx.i18n.getLocale());
  const text = ctx.t("volunteers-profile", {
    name: profile.displayName,
    interests: interests.join("、") || none,
    times: profile.freeTimes.map((time) => ctx.t(`volunteers-time-${time}`)).join("、") || none,
    phone: profile.phone ?? none,
  });
  await ctx.reply(text, { reply_markup: keyboard });
}

/**
 * Becoming a volunteer: /volunteer (or the menu, for residents who are not volunteers yet) asks a
 * short profile and sends it to staff as one card in the staff group; staff approve or decline
 * there. /profile shows and edits the profile, and lets a volunteer step down. See teams-feature.ts
 * for teams.
 */
export const volunteersFeature: Feature = {
  name: "volunteers",
  commands: [
    { command: "volunteer", descriptionKey: "command-volunteer", roles: everyone, order: 44 },
    { command: "profile", descriptionKey: "command-profile", roles: ["volunteer"], order: 45 },
    ...interestCommands,
  ],
  menu: [{ key: "volunteer", labelKey: "menu-volunteer", roles: everyone, hiddenFor: ["volunteer"], order: 45 }],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(profileConversation(deps), { id: PROFILE_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("volunteer", (ctx) => startApplication(deps, ctx));
    composer.callbackQuery(
      menuButton.filter,
      menuEntry("volunteer", everyone, (ctx) => startApplication(deps, ctx)),
    );
    composer.command("profile", requireRole("volunteer"), (ctx) => showProfile(deps, ctx));
    installInterestCommands(composer, deps);

    composer.callbackQuery(profileAction.filter, requireRole("volunteer"), async (ctx) => {
      const action = profileAction.unpack(ctx.callbackQuery.data)?.action;
      if (action === "edit") {
        await ctx.answerCallbackQuery();
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(PROFILE_CONVERSATION, "edit");
      } else if (action === "leave") {
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("volunteers-step-down-ask"), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("volunteers-step-down-yes"), profileAction.pack({ action: "leave-yes" }))
            .text(ctx.t("volunteers-step-down-no"), profileAction.pack({ action: "leave-no" })),
        });
      } else if (action === "leave-yes") {
        const result = await stepDown(deps.db, { userId: ctx.from.id, communityId: ctx.user!.communityId!, at: deps.clock.now() });
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup();
        await ctx.reply(ctx.t(result.ok ? "volunteers-stepped-down" : "volunteers-not-volunteer"));
      } else if (action === "leave-no") {
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup();
        await ctx.reply(ctx.t("volunteers-step-down-kept"));
      } else {
        await answerStaleButton(ctx);
      }
    });
    return composer;
  },

  groups(deps) {
    const composer = new Composer<BotContext>();
    // The card speaks the community's language whoever presses; the role is checked on the press.
    const groupT = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(defaultLocale, key, vars);
    composer.callbackQuery(decideApplication.filter, async (ctx) => {
      const data = decideApplication.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const decision = decisionOf(data?.decision);
      if (!id || !decision) return answerStaleButton(ctx);
      if (!(await ensureRole(ctx, ["staff"]))) return;
      const result = await decide(deps.db, { applicationId: id, communityId: ctx.user!.communityId!, decision, actorId: ctx.from.id, at: deps.clock.now() });
      if (!result.ok && result.reason === "not-found") return answerStaleButton(ctx);
      await ctx.answerCallbackQuery(result.ok ? {} : { text: ctx.t("volunteers-decided-already"), show_alert: true });
      const view = await cardView(deps.db, id, defaultLocale);
      if (view) await ctx.editMessageText(renderCard(view, groupT));
    });
    return composer;
  },
};
