import type { Hono } from "hono";
import { MAX_INTEGER_ID } from "../../db/column-range.js";
import { hideReportContent, type HideTarget } from "../staff/moderation.js";
import { reportVoiceFile, type StaffReport } from "../staff/report-detail.js";
import type { DashboardContext, DashboardDeps, DashboardEnv } from "./context.js";
import type { ReportView } from "./views/report-page.js";

/** What the report's routes share: the report this person may see, who they are, how to answer. */
export interface ReportRouteHelpers {
  visibleReport(c: DashboardContext): Promise<StaffReport | undefined>;
  isStaff(c: DashboardContext): boolean;
  notFound(c: DashboardContext): Response | Promise<Response>;
  answer(c: DashboardContext, report: StaffReport, notice: ReportView["notice"], status: 400 | 403 | 409 | 413 | 502): Promise<Response>;
}

/**
 * A report's voice notes and staff hiding what it shows. The voice notes are fetched from
 * Telegram by the server as the photos are (the browser never sees a file id or the token): the
 * report's own at `/voice`, a step of its history at `/voice/<step id>`; anything not this
 * report's is "not found". Hiding goes through the same service as /hide (the same audit line,
 * the group's card re-rendered through the outbox).
 */
export function contentRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps, helpers: ReportRouteHelpers): void {
  app.get("/reports/:number/voice/:event?", async (c) => {
    const report = await helpers.visibleReport(c);
    const eventParam = c.req.param("event");
    const eventId =
      eventParam === undefined ? undefined : /^[1-9]\d{0,9}$/.test(eventParam) && Number(eventParam) <= MAX_INTEGER_ID ? Number(eventParam) : null;
    const voice = report && eventId !== null ? await reportVoiceFile(deps.db, report.card.reportId, eventId) : undefined;
    if (!voice) return c.text("not found", 404);
    let file: Awaited<ReturnType<DashboardDeps["telegramFile"]>>;
    try {
      file = await deps.telegramFile(voice.fileId, "audio");
    } catch (error) {
      deps.logger.warn({ err: error }, "a report's voice note could not be fetched from Telegram");
      return c.text("bad gateway", 502);
    }
    if (!file) return c.text("not found", 404);
    return c.body(file.body, 200, { "Content-Type": file.contentType, "Cache-Control": "private, max-age=3600" });
  });

  app.post("/reports/:number/hide/:target{description|photos}", async (c) => {
    const s = c.get("signedIn");
    const report = await helpers.visibleReport(c);
    if (!report) return helpers.notFound(c);
    const { t } = s;
    if (!helpers.isStaff(c)) return helpers.answer(c, report, { kind: "error", text: t("dashboard-forbidden") }, 403);
    const target = c.req.param("target") as HideTarget;
    const form = await c.req.parseBody();
    // The box ticked on purpose: hiding is not undone from here.
    if (form.confirm !== "yes") return helpers.answer(c, report, { kind: "error", text: t("dashboard-hide-confirm-missing") }, 400);
    await hideReportContent(
      deps.db,
      { communityId: s.community.id, reportId: report.card.reportId, target, actorId: s.session.userId, at: deps.clock.now() },
      deps.refreshViews,
    );
    deps.logger.info({ user: s.session.userId, report: report.card.reportId, target }, "dashboard hid a report's content");
    return c.redirect(`/dashboard/reports/${report.card.number}?done=hide-${target}`, 303);
  });
}

/** The words after a hide, by what was hidden. */
export const hideDoneKeys = { "hide-description": "dashboard-done-hide-description", "hide-photos": "dashboard-done-hide-photos" } as const;
