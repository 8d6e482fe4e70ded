import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { parseReportNumber } from "../reports/numbers.js";
import { hideReportContent, originalOf, parseHideArgs } from "./moderation.js";
import { findReportByNumber } from "./reports-lookup.js";

/** Moderation: staff hide what a report should not show ("/hide R-000123 description|photos"); admins read "/original R-000123". */
export const moderationFeature: Feature = {
  name: "moderation",
  commands: [
    { command: "hide", descriptionKey: "command-hide", roles: ["staff"], order: 66 },
    { command: "original", descriptionKey: "command-original", roles: ["admin"], order: 67 },
  ],

  create(deps) {
    const composer = new Composer<BotContext>();
    const reportOf = (ctx: BotContext, number: number | undefined) =>
      number === undefined ? Promise.resolve(null) : findReportByNumber(deps.db, ctx.user!.communityId!, number);

    composer.command("hide", requireRole("staff"), async (ctx) => {
      const args = parseHideArgs(ctx.match);
      const reportId = await reportOf(ctx, args?.number);
      if (!args || reportId === null) {
        await ctx.reply(ctx.t("hide-usage"));
        return;
      }
      await hideReportContent(
        deps.db,
        { communityId: ctx.user!.communityId!, reportId, target: args.target, actorId: ctx.from!.id, at: deps.clock.now() },
        deps.reports.refreshViews,
      );
      await ctx.reply(ctx.t("hide-done"));
    });
    composer.command("original", requireRole("admin"), async (ctx) => {
      const reportId = await reportOf(ctx, parseReportNumber(ctx.match));
      const original = reportId === null ? undefined : await originalOf(deps.db, ctx.user!.communityId!, reportId);
      if (!original) {
        await ctx.reply(ctx.t("original-usage"));
        return;
      }
      await ctx.reply(ctx.t("original-description", { description: original.description ?? "—", hidden: original.descriptionHidden ? "yes" : "no" }));
      for (const photo of original.photos)
        await ctx.replyWithPhoto(photo.fileId, { caption: ctx.t(photo.hidden ? "original-photo-hidden" : "original-photo") });
    });
    return composer;
  },
};
