import type { Hono } from "hono";
import { csvBytes } from "../evaluation/csv.js";
import { attendanceSheet } from "../events/attendance-sheet.js";
import { seatsOf } from "../events/service.js";
import { sheetCsvRows } from "../events/sheet-view.js";
import { staffEventList } from "../events/staff-listing.js";
import { formatTime } from "../reports/views.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { csvDownload, idParam, notFoundPage, staffOnly } from "./staff-pages.js";
import { eventPage, eventsPage } from "./views/events-page.js";

/** How far back the past events go, a page at a time: ?page=N (0 is the latest). */
const MAX_PAGE = 1000;

/**
 * Events for staff and admins, as /roster: coming and past events with their seats, sign-ups and
 * waiting lists (team-only ones too), an event's roster and attendance sheet, and its CSV (the
 * file the roster's button sends). Another community's event is "not found".
 */
export function eventRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  const back = { href: "/dashboard/events", labelKey: "dashboard-events-back" };

  app.get("/events", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    const at = deps.clock.now();
    const asked = c.req.query("page") ?? "";
    const parsed = asked === "" ? 0 : /^\d{1,4}$/.test(asked) && Number(asked) <= MAX_PAGE ? Number(asked) : undefined;
    const page = parsed ?? 0;
    const [coming, past] = await Promise.all([
      staffEventList(deps.db, { communityId: s.community.id, at, when: "coming" }),
      staffEventList(deps.db, { communityId: s.community.id, at, when: "past", page }),
    ]);
    return c.html(
      eventsPage(s.frame(t("dashboard-events-title"), `/dashboard/events?page=${page}`), {
        coming,
        past,
        page,
        timezone: s.community.timezone,
        problem: parsed === undefined ? t("dashboard-events-bad-page") : undefined,
      }),
      parsed === undefined ? 400 : 200,
    );
  });

  app.get("/events/:id", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const id = idParam(c.req.param("id"));
    const sheet = id === undefined ? undefined : await attendanceSheet(deps.db, id, s.community.id);
    if (!sheet) return notFoundPage(c, "dashboard-events-not-found", back);
    const seats = await seatsOf(deps.db, sheet.event.id);
    return c.html(eventPage(s.frame(sheet.event.title, c.req.path), { ...sheet, seats, timezone: s.community.timezone, now: deps.clock.now() }));
  });

  app.get("/events/:id/roster.csv", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const id = idParam(c.req.param("id"));
    const sheet = id === undefined ? undefined : await attendanceSheet(deps.db, id, s.community.id);
    if (!sheet) return notFoundPage(c, "dashboard-events-not-found", back);
    const tz = s.community.timezone;
    const day = formatTime(sheet.event.startsAt.toISOString(), tz).slice(0, 10);
    return csvDownload(csvBytes(sheetCsvRows(sheet.rows, tz, s.t)), `roster-${sheet.event.id}-${day}.csv`);
  });
}
