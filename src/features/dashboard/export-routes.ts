import type { Hono } from "hono";
import { hasAnyRole } from "../accounts/roles.js";
import { csvBytes, type CsvCell } from "../evaluation/csv.js";
import { dayIn, startOfMonth } from "../evaluation/days.js";
import { computeStats, MAX_STATS_DAYS, parseStatsArgs } from "../evaluation/stats.js";
import { statsCsvRows } from "../evaluation/stats-view.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime, statusKeys } from "../reports/views.js";
import { searchReports, type ReportScope } from "../staff/report-search.js";
import { pickTranslation } from "../../translated.js";
import type { DashboardDeps, DashboardEnv, SignedIn } from "./context.js";
import { parseListQuery } from "./list-query.js";
import { messagePage } from "./views/layout.js";

/** One export holds at most this many reports (a longer period goes in parts). */
export const CSV_MAX_ROWS = 20_000;
const CSV_PAGE = 200;

const csvResponse = (bytes: Buffer, name: string) =>
  new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });

/**
 * The exports: the list as it is filtered (reports.csv) and the evaluation figures of a period
 * (stats.csv, the same file as /stats sends); UTF-8 with a byte order mark for Excel, formulas
 * escaped (a resident's words can be anything).
 */
export function exportRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps, scopeOf: (s: SignedIn) => Promise<ReportScope>): void {
  app.get("/reports.csv", async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    const now = deps.clock.now();
    const tz = s.community.timezone;
    const params = new URL(c.req.url).searchParams;
    // "This month's reports": the month as it is when the file is asked for (a page left open
    // over the month's end gives the new month), every status, the other filters as given.
    const today = dayIn(now, tz);
    const month = params.get("period") === "month";
    if (month) {
      params.set("from", startOfMonth(today));
      params.set("to", today);
    }
    const query = parseListQuery(params, s.session.userId, tz);
    const scope = await scopeOf(s);
    const rows: CsvCell[][] = [
      [
        "dashboard-col-number",
        "dashboard-col-kind",
        "dashboard-col-status",
        "dashboard-col-area",
        "dashboard-col-assignee",
        "dashboard-col-created",
        "dashboard-col-deadline",
        "dashboard-overdue",
      ].map((key) => t(key)),
    ];
    for (let page = 0; page * CSV_PAGE < CSV_MAX_ROWS; page++) {
      const { items } = await searchReports(deps.db, s.community.id, scope, query.search, { page, size: CSV_PAGE }, now);
      for (const item of items) {
        rows.push([
          formatReportNumber(item.number),
          pickTranslation(item.categoryName, s.locale),
          t(statusKeys[item.status]),
          item.areaName ?? "",
          item.assigneeName ?? "",
          formatTime(item.createdAt, tz),
          item.deadlineAt ? formatTime(item.deadlineAt, tz) : "",
          item.overdue ? t("dashboard-csv-yes") : "",
        ]);
      }
      if (items.length < CSV_PAGE) break;
    }
    return csvResponse(csvBytes(rows), month ? `reports-${startOfMonth(today)}-${today}.csv` : `reports-${today}.csv`);
  });

  // The evaluation figures are for staff and admins, as /stats is.
  app.get("/stats.csv", async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    if (!hasAnyRole(s.session.roles, ["staff"])) return c.html(messagePage(s.frame(t("dashboard-title")), t("dashboard-forbidden")), 403);
    const today = dayIn(deps.clock.now(), s.community.timezone);
    const from = c.req.query("from") ?? "";
    const to = c.req.query("to") ?? "";
    const parsed = parseStatsArgs(from || to ? `${from} ${to}` : "month", today);
    if (!parsed.ok) {
      const keys = {
        usage: "dashboard-stats-usage",
        "bad-date": "dashboard-stats-usage",
        reversed: "stats-reversed",
        future: "stats-future",
        "too-long": "stats-too-long",
      };
      return c.html(messagePage(s.frame(t("dashboard-title")), t(keys[parsed.reason], { max: MAX_STATS_DAYS })), 400);
    }
    const stats = await computeStats(deps.db, s.community.id, parsed.period, deps.clock.now());
    return csvResponse(csvBytes(statsCsvRows(stats, s.locale, t)), `stats-${parsed.period.from}-${parsed.period.to}.csv`);
  });
}
