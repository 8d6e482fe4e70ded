import { type Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { interestArchive } from "./buttons.js";
import { everyTranslation } from "../../translated.js";
import { addInterest, archiveInterest, INTEREST_NAME_MAX, listInterests, pickName } from "./interests.js";

export const interestCommands = [
  { command: "interests", descriptionKey: "command-interests", roles: ["admin"] as const, order: 73 },
  { command: "interest_add", descriptionKey: "command-interest-add", roles: ["admin"] as const, order: 74 },
];

/**
 * Admins keep the interests volunteers choose from: /interests lists them (both names) with a
 * button each to take one off (asked first); /interest_add 中文名 / English name adds one.
 */
export function installInterestCommands(composer: Composer<BotContext>, deps: AppDeps): void {
  const community = (ctx: BotContext) => ctx.user!.communityId!;
  composer.command("interests", requireRole("admin"), async (ctx) => {
    const locale = await ctx.i18n.getLocale();
    const interests = await listInterests(deps.db, community(ctx));
    const keyboard = new InlineKeyboard();
    for (const i of interests) keyboard.text(`✖ ${pickName(i.name, locale)}`, interestArchive.pack({ id: i.id, step: "ask" })).row();
    const names = interests.map((i) => `• ${everyTranslation(i.name).join(" / ")}`).join("\n");
    await ctx.reply(ctx.t("interests-list", { names: names || "—" }), { reply_markup: keyboard });
  });
  composer.command("interest_add", requireRole("admin"), async (ctx) => {
    const [zh, en] = ctx.match.split("/").map((part) => part.trim());
    const result = await addInterest(deps.db, {
      communityId: community(ctx),
      name: { "zh-CN": zh ?? "", en: en ?? "" },
      actorId: ctx.from!.id,
      at: deps.clock.now(),
    });
    if (!result.ok) return ctx.reply(ctx.t(`interests-add-${result.reason}`, { max: INTEREST_NAME_MAX }));
    await ctx.reply(ctx.t("interests-added", { zh: zh!, en: en! }));
  });
  composer.callbackQuery(interestArchive.filter, requireRole("admin"), async (ctx) => {
    const data = interestArchive.unpack(ctx.callbackQuery.data);
    const id = parseId(data?.id);
    if (!id || (data?.step !== "ask" && data?.step !== "yes")) return answerStaleButton(ctx);
    if (data.step === "ask") {
      await ctx.answerCallbackQuery();
      return ctx.reply(ctx.t("interests-remove-ask"), {
        reply_markup: new InlineKeyboard().text(ctx.t("interests-remove-yes"), interestArchive.pack({ id, step: "yes" })),
      });
    }
    const result = await archiveInterest(deps.db, { interestId: id, communityId: community(ctx), actorId: ctx.from.id, at: deps.clock.now() });
    if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("interests-gone"), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("interests-removed"));
  });
}
