import { Composer, InputFile, InputMediaBuilder } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { statsPictures, type ChartPicture } from "./charts/pictures.js";
import { csvBytes } from "./csv.js";
import { computeDailyFigures, recordDay } from "./daily.js";
import { renderDailyReport } from "./daily-view.js";
import { dayIn, isDay } from "./days.js";
import { splitMessage } from "./messages.js";
import { periodSeries } from "./series.js";
import { computeStats, MAX_STATS_DAYS, parseStatsArgs, type StatsArgs } from "./stats.js";
import { renderStats, statsCsvRows } from "./stats-view.js";

export { DAILY_REPORT_HOUR, DAILY_REPORT_JOB, evaluationJobs, type EvaluationJobDeps, type EvaluationJobOptions } from "./jobs.js";
export { computeDailyFigures, recordDay, type DailyFigures } from "./daily.js";
export { renderDailyReport } from "./daily-view.js";
export { computeStats, type Stats } from "./stats.js";

/** One picture as a photo, several as an album (one message on the phone), the titles as captions. */
async function replyWithPictures(ctx: BotContext, pictures: ChartPicture[], name: string): Promise<void> {
  const files = pictures.map((p) => ({ file: new InputFile(p.png, `${name}-${p.id}.png`), caption: p.title }));
  if (files.length === 1) await ctx.replyWithPhoto(files[0]!.file, { caption: files[0]!.caption });
  else if (files.length > 1) await ctx.replyWithMediaGroup(files.map((f) => InputMediaBuilder.photo(f.file, { caption: f.caption })));
}

async function replyLong(ctx: BotContext, text: string): Promise<void> {
  for (const part of splitMessage(text)) await ctx.reply(part);
}

function statsRefusal(ctx: BotContext, reason: Extract<StatsArgs, { ok: false }>["reason"]): string {
  switch (reason) {
    case "bad-date":
      return ctx.t("stats-bad-date");
    case "reversed":
      return ctx.t("stats-reversed");
    case "future":
      return ctx.t("stats-future");
    case "too-long":
      return ctx.t("stats-too-long", { max: MAX_STATS_DAYS });
    default:
      return ctx.t("stats-usage");
  }
}

/**
 * Evaluation (考评) for staff: the daily report (日汇报) on demand with /daily and posted to the
 * staff group every evening by a job (see evaluationJobs), with a chart; and /stats for a period
 * as a message, its charts as pictures and a CSV file. Figures come from the reports' history,
 * never from memory.
 */
export const evaluationFeature: Feature = {
  name: "evaluation",
  commands: [
    { command: "daily", descriptionKey: "command-daily", roles: ["staff"], order: 50 },
    { command: "stats", descriptionKey: "command-stats", roles: ["staff"], order: 51 },
  ],
  menu: [],

  create(deps) {
    const composer = new Composer<BotContext>();

    // /daily [YYYY-MM-DD]: today so far, or a past day's record (stored the first time it is asked for).
    composer.command("daily", requireRole("staff"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const now = deps.clock.now();
      const today = dayIn(now, await timezoneOf(deps.db, communityId));
      const arg = ctx.match.trim();
      if (arg && !isDay(arg)) {
        await ctx.reply(ctx.t("daily-bad-date"));
        return;
      }
      const day = arg || today;
      if (day > today) {
        await ctx.reply(ctx.t("daily-future", { today }));
        return;
      }
      const figures =
        day === today ? await computeDailyFigures(deps.db, communityId, day, { asOf: now }) : (await recordDay(deps.db, communityId, day, now)).figures;
      await replyLong(ctx, renderDailyReport(figures, await ctx.i18n.getLocale(), ctx.t));
    });

    // /stats [week|month|quarter|YYYY-MM-DD YYYY-MM-DD]: the figures, their charts, then the same as a CSV file.
    composer.command("stats", requireRole("staff"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const now = deps.clock.now();
      const today = dayIn(now, await timezoneOf(deps.db, communityId));
      const parsed = parseStatsArgs(ctx.match, today);
      if (!parsed.ok) {
        await ctx.reply(statsRefusal(ctx, parsed.reason));
        return;
      }
      const locale = await ctx.i18n.getLocale();
      const stats = await computeStats(deps.db, communityId, parsed.period, now);
      await replyLong(ctx, renderStats(stats, locale, ctx.t));
      if (stats.reports === 0) return;
      const pictures = await statsPictures(stats, await periodSeries(deps.db, stats), locale, ctx.t);
      await replyWithPictures(ctx, pictures, `stats-${parsed.period.to}`);
      const file = new InputFile(csvBytes(statsCsvRows(stats, locale, ctx.t)), `stats-${parsed.period.to}.csv`);
      await ctx.replyWithDocument(file);
    });

    return composer;
  },
};
