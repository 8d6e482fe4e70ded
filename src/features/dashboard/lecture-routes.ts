import type { Hono } from "hono";
import { csvBytes } from "../evaluation/csv.js";
import { dayIn } from "../evaluation/days.js";
import { attendanceSheet } from "../events/attendance-sheet.js";
import { lectureComments, lectureFigures, quarterOf } from "../lectures/feedback.js";
import { lectureCsvRows } from "../lectures/quarter-csv.js";
import { lectureFacts, upcomingLectures } from "../lectures/service.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import { csvDownload, idParam, notFoundPage, staffOnly } from "./staff-pages.js";
import { lecturePage, lecturesPage } from "./views/lectures-page.js";

/** "2026-Q2" for a day. */
const quarterLabel = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarters offered in the picker: the next one, this one and the ten before, newest first. */
function quarterChoices(current: string): string[] {
  // Quarters counted from year 0: the next quarter is this one's index plus one.
  let index = Number(current.slice(0, 4)) * 4 + Number(current.slice(-1)) + 1;
  const choices: string[] = [];
  for (let n = 0; n < 12; n++, index--) {
    const q = index - 1;
    choices.push(`${Math.floor(q / 4)}-Q${(q % 4) + 1}`);
  }
  return choices;
}

/**
 * Lectures for staff and admins, as /lectures_csv and a lecture's figures: a quarter's lectures
 * with registrations, attendance and ratings (and its CSV, the file /lectures_csv sends), the
 * lectures to come, and a lecture's page with its registrations and attendees' comments.
 */
export function lectureRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps): void {
  const back = { href: "/dashboard/lectures", labelKey: "dashboard-lectures-back" };

  app.get("/lectures", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const { t } = s;
    const at = deps.clock.now();
    const tz = s.community.timezone;
    const current = quarterLabel(dayIn(at, tz));
    const asked = c.req.query("quarter")?.trim() ?? "";
    const quarter = quarterOf(asked || current, tz) ?? quarterOf(current, tz)!;
    const problem =
      asked !== "" && quarterOf(asked, tz) === undefined ? t("dashboard-lectures-bad-quarter", { quarter: asked.slice(0, 20), current }) : undefined;
    const [figures, coming] = await Promise.all([
      lectureFigures(deps.db, { communityId: s.community.id, from: quarter.from, to: quarter.to, at }),
      upcomingLectures(deps.db, s.community.id, at, 20),
    ]);
    return c.html(
      lecturesPage(s.frame(t("dashboard-lectures-title"), `/dashboard/lectures?quarter=${quarter.label}`), {
        quarter: quarter.label,
        quarters: quarterChoices(current),
        figures,
        coming,
        timezone: tz,
        problem,
      }),
      problem ? 400 : 200,
    );
  });

  app.get("/lectures.csv", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const tz = s.community.timezone;
    const at = deps.clock.now();
    const quarter = quarterOf(c.req.query("quarter") ?? quarterLabel(dayIn(at, tz)), tz);
    if (!quarter) return notFoundPage(c, "dashboard-lectures-csv-usage", back, 400);
    const figures = await lectureFigures(deps.db, { communityId: s.community.id, from: quarter.from, to: quarter.to, at });
    return csvDownload(csvBytes(lectureCsvRows(figures, tz)), `lectures-${quarter.label}.csv`);
  });

  app.get("/lectures/:id", staffOnly, async (c) => {
    const s = c.get("signedIn");
    const id = idParam(c.req.param("id"));
    const facts = id === undefined ? undefined : await lectureFacts(deps.db, id, s.community.id);
    if (!facts) return notFoundPage(c, "dashboard-lectures-not-found", back);
    const at = deps.clock.now();
    const [[figures], comments, sheet] = await Promise.all([
      lectureFigures(deps.db, {
        communityId: s.community.id,
        from: facts.event.startsAt,
        to: new Date(facts.event.startsAt.getTime() + 1),
        at,
        lectureId: facts.lecture.id,
      }),
      lectureComments(deps.db, facts.lecture.id),
      attendanceSheet(deps.db, facts.event.id, s.community.id),
    ]);
    return c.html(
      lecturePage(s.frame(facts.event.title, c.req.path), { facts, figures, comments, rows: sheet?.rows ?? [], timezone: s.community.timezone, now: at }),
    );
  });
}
