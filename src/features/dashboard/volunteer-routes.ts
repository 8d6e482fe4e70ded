import type { Hono } from "hono";
import { zoned } from "../../time.js";
import { csvBytes } from "../evaluation/csv.js";
import { hoursByMonth, volunteerOverview } from "../volunteers/overview.js";
import { hoursCsvRows } from "../volunteers/overview-view.js";
import { teamRosters } from "../volunteers/teams.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { csvDownload, staffOnly } from "./staff-pages.js";
import { volunteersPage } from "./views/volunteers-page.js";

/** A month as the month picker sends it: 2026-05. */
const isMonth = (text: string) => /^(2\d{3})-(0[1-9]|1[0-2])$/.test(text);

/**
 * Volunteers for staff and admins, as /volunteers: every volunteer with their teams, hours this
 * month and in all and their no-show rate; the hours of a chosen month; the teams; and the
 * bot's hours CSV (every volunteer, every month).
 */
export function volunteerRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  app.get("/volunteers", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    const at = deps.clock.now();
    const timezone = s.community.timezone;
    const thisMonth = zoned(at, timezone).format("YYYY-MM");
    const asked = c.req.query("month")?.trim() ?? "";
    const month = isMonth(asked) && asked <= thisMonth ? asked : thisMonth;
    const problem = asked === "" || month === asked ? undefined : t("dashboard-volunteers-bad-month", { month: asked.slice(0, 20), current: thisMonth });
    const input = { communityId: s.community.id, at, timezone };
    const [lines, hours, teams] = await Promise.all([
      volunteerOverview(deps.db, input),
      hoursByMonth(deps.db, input),
      teamRosters(deps.db, { communityId: s.community.id, userId: s.session.userId, isStaff: true }),
    ]);
    const months = [...new Set([thisMonth, ...hours.map((h) => h.month)])].sort().reverse();
    return c.html(
      volunteersPage(s.frame(t("dashboard-volunteers-title"), `/dashboard/volunteers?month=${month}`), {
        lines,
        thisMonth,
        month,
        months,
        monthHours: hours.filter((h) => h.month === month),
        teams,
        problem,
      }),
      problem ? 400 : 200,
    );
  });

  // The same file as /volunteers sends: hours per volunteer per month.
  app.get("/volunteers/hours.csv", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const at = deps.clock.now();
    const timezone = s.community.timezone;
    const rows = hoursCsvRows(await hoursByMonth(deps.db, { communityId: s.community.id, at, timezone }), s.t);
    return csvDownload(csvBytes(rows), `volunteer-hours-${zoned(at, timezone).format("YYYY-MM")}.csv`);
  });
}
