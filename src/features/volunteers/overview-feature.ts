import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { zoned } from "../../time.js";
import { timezoneOf } from "../accounts/service.js";
import { csvBytes } from "../evaluation/csv.js";
import { hoursByMonth, volunteerOverview } from "./overview.js";
import { hoursCsvRows, renderOverview } from "./overview-view.js";

/**
 * /volunteers for staff: every volunteer with their teams, hours this month and in all and their
 * no-show rate, then the hours per volunteer per month as a CSV file (UTF-8 with BOM, for Excel).
 */
export const volunteerOverviewFeature: Feature = {
  name: "volunteer-overview",
  commands: [{ command: "volunteers", descriptionKey: "command-volunteers", roles: ["staff"], order: 48 }],

  create(deps) {
    const composer = new Composer<BotContext>();
    composer.command("volunteers", requireRole("staff"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const timezone = await timezoneOf(deps.db, communityId);
      const at = deps.clock.now();
      const lines = await volunteerOverview(deps.db, { communityId, at, timezone });
      const month = zoned(at.getTime(), timezone).format("YYYY-MM");
      await ctx.reply(renderOverview(lines, month, ctx.t));
      if (lines.length === 0) return;
      const rows = hoursCsvRows(await hoursByMonth(deps.db, { communityId, at, timezone }), ctx.t);
      await ctx.replyWithDocument(new InputFile(csvBytes(rows), `volunteer-hours-${month}.csv`));
    });
    return composer;
  },
};
