import { Composer, InlineKeyboard, type NextFunction } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { flagOf, optIn, optInKeyboard, subAll, subscriptionKeyboard, subStop, subTopic, topicRemove } from "./keyboards.js";
import { everyTranslation } from "../../translated.js";
import { addTopic, claimOptInQuestion, listTopics, removeTopic, setAllTopics, subscriptionsOf, toggleTopic, topicName, unsubscribeAll } from "./topics.js";

const everyone = ["resident"] as const;
const admins = ["admin"] as const;

/**
 * Which lectures a resident hears about: /subscribe shows the topics as toggle buttons plus
 * "every lecture"; /unsubscribe (and "stop these" under any announcement) stops them all; a
 * new resident is asked once, after /start, and nothing is sent without a yes. Admins keep the
 * topics with /topics (remove) and /topic_add 中文名 / English name.
 */
export const subscriptionsFeature: Feature = {
  name: "lecture-subscriptions",
  commands: [
    { command: "subscribe", descriptionKey: "command-subscribe", roles: everyone, order: 47 },
    { command: "unsubscribe", descriptionKey: "command-unsubscribe", roles: everyone, order: 48 },
    { command: "topics", descriptionKey: "command-topics", roles: admins, order: 72 },
  ],
  // Not a conversation: a step of /start, placed with the conversations so that it runs before
  // the home feature's /start wherever the features are listed.
  conversations: (deps) => [askOnceAfterStart(deps)],

  create(deps) {
    const composer = new Composer<BotContext>();
    const now = () => deps.clock.now();
    const community = (ctx: BotContext) => ctx.user?.communityId ?? undefined;

    const showToggles = async (ctx: BotContext, inPlace: boolean) => {
      const communityId = community(ctx);
      if (communityId === undefined) return ctx.reply(ctx.t("lectures-no-community"));
      const locale = await ctx.i18n.getLocale();
      const topics = await listTopics(deps.db, communityId, now());
      const subs = await subscriptionsOf(deps.db, ctx.from!.id, communityId);
      const keyboard = subscriptionKeyboard(topics, subs, locale, ctx.t);
      if (inPlace) return ctx.editMessageReplyMarkup({ reply_markup: keyboard });
      return ctx.reply(ctx.t("lectures-subscribe-intro"), { reply_markup: keyboard });
    };

    composer.command("subscribe", (ctx) => showToggles(ctx, false));
    composer.callbackQuery(subTopic.filter, async (ctx) => {
      const topicId = parseId(subTopic.unpack(ctx.callbackQuery.data)?.topic);
      const communityId = community(ctx);
      if (!topicId || communityId === undefined) return answerStaleButton(ctx);
      if (!(await toggleTopic(deps.db, { userId: ctx.from.id, communityId, topicId, at: now() }))) {
        return ctx.answerCallbackQuery({ text: ctx.t("lectures-topic-gone"), show_alert: true });
      }
      await ctx.answerCallbackQuery({ text: ctx.t("lectures-subscriptions-saved") });
      await showToggles(ctx, true);
    });
    composer.callbackQuery(subAll.filter, async (ctx) => {
      const on = flagOf(subAll.unpack(ctx.callbackQuery.data)?.on);
      const communityId = community(ctx);
      if (on === undefined || communityId === undefined) return answerStaleButton(ctx);
      await setAllTopics(deps.db, { userId: ctx.from.id, communityId, on, at: now() });
      await ctx.answerCallbackQuery({ text: ctx.t("lectures-subscriptions-saved") });
      await showToggles(ctx, true);
    });

    const stopAll = async (ctx: BotContext) => {
      const communityId = community(ctx);
      if (communityId !== undefined) await unsubscribeAll(deps.db, { userId: ctx.from!.id, communityId, at: now() });
      await ctx.reply(ctx.t("lectures-unsubscribed"));
    };
    composer.command("unsubscribe", stopAll);
    composer.callbackQuery(subStop.filter, async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await stopAll(ctx);
    });

    composer.callbackQuery(optIn.filter, async (ctx) => {
      const answer = optIn.unpack(ctx.callbackQuery.data)?.answer;
      const communityId = community(ctx);
      if ((answer !== "yes" && answer !== "no") || communityId === undefined) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      if (answer === "no") return ctx.reply(ctx.t("lectures-optin-declined"));
      return showToggles(ctx, false);
    });

    composer.command("topics", requireRole(...admins), async (ctx) => {
      const locale = await ctx.i18n.getLocale();
      const topics = await listTopics(deps.db, community(ctx)!, now());
      const keyboard = new InlineKeyboard();
      for (const topic of topics) keyboard.text(`✖ ${topicName(topic, locale)}`, topicRemove.pack({ topic: topic.id, step: "ask" })).row();
      const names = topics.map((topic) => `• ${everyTranslation(topic.name).join(" / ")}`).join("\n");
      await ctx.reply(ctx.t("lectures-topics", { names: names || "—" }), { reply_markup: keyboard });
    });
    composer.command("topic_add", requireRole(...admins), async (ctx) => {
      const [zh, en] = ctx.match.split("/").map((part) => part.trim());
      const result = await addTopic(deps.db, { communityId: community(ctx)!, name: { "zh-CN": zh ?? "", en: en ?? "" }, at: now() });
      if (!result.ok) return ctx.reply(ctx.t(`lectures-topic-add-${result.reason}`, { max: 30 }));
      await ctx.reply(ctx.t("lectures-topic-added", { zh: zh!, en: en! }));
    });
    composer.callbackQuery(topicRemove.filter, requireRole(...admins), async (ctx) => {
      const data = topicRemove.unpack(ctx.callbackQuery.data);
      const topicId = parseId(data?.topic);
      if (!topicId || (data?.step !== "ask" && data?.step !== "yes")) return answerStaleButton(ctx);
      if (data.step === "ask") {
        await ctx.answerCallbackQuery();
        return ctx.reply(ctx.t("lectures-topic-remove-ask"), {
          reply_markup: new InlineKeyboard().text(ctx.t("lectures-topic-remove-yes"), topicRemove.pack({ topic: topicId, step: "yes" })),
        });
      }
      const result = await removeTopic(deps.db, { topicId, communityId: community(ctx)!, at: now() });
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("lectures-topic-gone"), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("lectures-topic-removed-done", { told: result.told }));
    });
    return composer;
  },
};

/**
 * At a plain /start (not a link's), the opt-in question, once per resident and community. It
 * comes just before the welcome, so the main menu stays the last message, at hand.
 */
function askOnceAfterStart(deps: AppDeps) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    if (ctx.hasCommand("start") && !ctx.message?.text?.trim().split(/\s+/)[1]) {
      // The intake has joined a new resident to the only community; with several, they are
      // asked at the /start after they chose theirs.
      const communityId = ctx.user?.communityId;
      if (communityId != null && (await claimOptInQuestion(deps.db, { userId: ctx.from!.id, communityId, at: deps.clock.now() }))) {
        await ctx.reply(ctx.t("lectures-optin-ask"), { reply_markup: optInKeyboard(ctx.t) });
      }
    }
    await next();
  };
}
