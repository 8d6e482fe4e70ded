import { Composer, InlineKeyboard } from "grammy";
import { parseId, parseUserId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { findCommunity } from "../accounts/service.js";
import { importAreas, listAreas, parseAreasFile, setAreaResponsible, setAutoAssign } from "./areas.js";
import { listAssignees } from "./cards.js";
import { areaLeadButton, areaLeadPick, autoAssignButton } from "./keyboards.js";

/** 网格: /areas lists them and who leads each; "/areas [json]" imports a set-up file; auto-assignment on or off. */
export const areasFeature: Feature = {
  name: "areas",
  commands: [{ command: "areas", descriptionKey: "command-areas", roles: ["admin"], order: 65 }],

  create(deps) {
    const composer = new Composer<BotContext>();

    const showAreas = async (ctx: BotContext) => {
      const communityId = ctx.user!.communityId!;
      const [list, community] = await Promise.all([listAreas(deps.db, communityId), findCommunity(deps.db, communityId)]);
      const keyboard = new InlineKeyboard();
      for (const area of list) keyboard.text(ctx.t("areas-set-lead", { area: area.name }), areaLeadButton.pack({ area: area.id })).row();
      const on = community?.autoAssign ?? false;
      keyboard.text(ctx.t(on ? "areas-auto-assign-off" : "areas-auto-assign-on"), autoAssignButton.pack({ on: on ? "no" : "yes" }));
      const lines = list.map((a) => `• ${a.name}: ${a.responsibleName ?? ctx.t("areas-no-lead")}`);
      await ctx.reply([ctx.t("areas-header", { count: list.length }), ...lines, "", ctx.t("areas-import-help")].join("\n"), { reply_markup: keyboard });
    };
    composer.command("areas", requireRole("admin"), async (ctx) => {
      const file = ctx.match.trim();
      if (!file) return showAreas(ctx);
      const parsed = parseAreasFile(file);
      const result = parsed.ok ? await importAreas(deps.db, ctx.user!.communityId!, parsed.areas, ctx.from!.id, deps.clock.now()) : parsed;
      if (!result.ok) {
        await ctx.reply(`${ctx.t("areas-import-failed")}\n${result.problems.slice(0, 10).join("\n")}`);
        return;
      }
      await ctx.reply(ctx.t("areas-imported", { created: result.created, updated: result.updated }));
    });

    composer.callbackQuery(areaLeadButton.filter, requireRole("admin"), async (ctx) => {
      const areaId = parseId(areaLeadButton.unpack(ctx.callbackQuery.data)?.area);
      if (!areaId) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      const keyboard = new InlineKeyboard();
      for (const a of await listAssignees(deps.db, ctx.user!.communityId!, null))
        keyboard.text(a.name, areaLeadPick.pack({ area: areaId, user: a.userId })).row();
      await ctx.reply(ctx.t("areas-pick-lead"), { reply_markup: keyboard });
    });
    composer.callbackQuery(areaLeadPick.filter, requireRole("admin"), async (ctx) => {
      const data = areaLeadPick.unpack(ctx.callbackQuery.data);
      const areaId = parseId(data?.area);
      const userId = parseUserId(data?.user);
      if (
        !areaId ||
        !userId ||
        !(await setAreaResponsible(deps.db, { communityId: ctx.user!.communityId!, areaId, userId, actorId: ctx.from.id, at: deps.clock.now() }))
      ) {
        return answerStaleButton(ctx);
      }
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("areas-lead-set"));
    });
    composer.callbackQuery(autoAssignButton.filter, requireRole("admin"), async (ctx) => {
      const on = autoAssignButton.unpack(ctx.callbackQuery.data)?.on;
      if (on !== "yes" && on !== "no") return answerStaleButton(ctx);
      await setAutoAssign(deps.db, { communityId: ctx.user!.communityId!, on: on === "yes", actorId: ctx.from.id, at: deps.clock.now() });
      await ctx.answerCallbackQuery({ text: ctx.t(on === "yes" ? "areas-auto-assign-now-on" : "areas-auto-assign-now-off") });
    });

    return composer;
  },
};
