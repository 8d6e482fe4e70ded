import type { Hono } from "hono";
import { computeDailyFigures, storedDay } from "../evaluation/daily.js";
import { addDays, dayIn, isDay } from "../evaluation/days.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { staffOnly } from "./staff-pages.js";
import { dailyPage } from "./views/daily-page.js";

/**
 * The daily records (日记录) for staff and admins, as /daily: the record stored for a day, read
 * and never written here. Today without a record yet shows its figures so far, as /daily does.
 */
export function dailyRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  app.get("/daily", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    const now = deps.clock.now();
    const tz = s.community.timezone;
    const today = dayIn(now, tz);
    const asked: string = c.req.query("day")?.trim() ?? "";
    const typed = asked.slice(0, 20);
    let problem: string | undefined;
    let day: string;
    if (asked === "") {
      // The latest report posted: today's once the evening report has gone out, else yesterday's.
      day = (await storedDay(deps.db, s.community.id, today)) ? today : addDays(today, -1);
    } else if (!isDay(asked)) {
      problem = t("dashboard-daily-bad-day", { day: typed });
      day = today;
    } else if (asked > today) {
      problem = t("dashboard-daily-future", { day: asked, today });
      day = today;
    } else day = asked;
    const stored = await storedDay(deps.db, s.community.id, day);
    const figures = stored ?? (day === today ? await computeDailyFigures(deps.db, s.community.id, day, { asOf: now }) : undefined);
    return c.html(
      dailyPage(s.frame(t("dashboard-daily-title", { day }), `/dashboard/daily?day=${day}`), { day, today, figures, recorded: stored !== undefined, problem }),
      problem ? 400 : 200,
    );
  });
}
