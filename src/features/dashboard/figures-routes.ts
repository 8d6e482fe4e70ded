import type { Hono } from "hono";
import { hasAnyRole } from "../accounts/roles.js";
import { dayIn, startOfMonth } from "../evaluation/days.js";
import { statsWithSeries } from "../evaluation/series.js";
import { MAX_STATS_DAYS, parseStatsArgs } from "../evaluation/stats.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { figuresPage } from "./views/figures-page.js";
import { messagePage } from "./views/layout.js";

/**
 * Evaluation (考评) on the dashboard, for staff and admins as /stats is: a period's figures from
 * the evaluation services, drawn as SVG charts on the server by the evaluation feature's
 * chart functions (the same ones the bot's PNG pictures are drawn with).
 */
export function figuresRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  app.get("/figures", async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    if (!hasAnyRole(s.session.roles, ["staff"])) return c.html(messagePage(s.frame(t("dashboard-title")), t("dashboard-forbidden")), 403);
    const now = deps.clock.now();
    const tz = s.community.timezone;
    const today = dayIn(now, tz);
    const from = c.req.query("from") ?? "";
    const to = c.req.query("to") ?? "";
    const asked = parseStatsArgs(from || to ? `${from} ${to}` : "month", today);
    const keys = {
      usage: "dashboard-stats-usage",
      "bad-date": "dashboard-stats-usage",
      reversed: "stats-reversed",
      future: "stats-future",
      "too-long": "stats-too-long",
    };
    // A period that cannot be read is named, and this month is shown instead.
    const period = asked.ok ? asked.period : { from: startOfMonth(today), to: today };
    const { stats, series } = await statsWithSeries(deps.db, s.community.id, period, now);
    return c.html(
      figuresPage(s.frame(t("dashboard-figures-title"), c.req.path), {
        stats,
        ...series,
        form: { from: period.from, to: period.to },
        problem: asked.ok ? undefined : t(keys[asked.reason], { max: MAX_STATS_DAYS }),
      }),
      asked.ok ? 200 : 400,
    );
  });
}
