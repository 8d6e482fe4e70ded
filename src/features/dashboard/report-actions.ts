import type { Hono } from "hono";
import { parseUserId } from "../../bot/callback-data.js";
import type { ReportStatus } from "../../db/schema/index.js";
import { defaultLocale } from "../../i18n.js";
import { pickTranslation } from "../../translated.js";
import { ReportActionError } from "../reports/actions.js";
import { reportActions, type ReportAction } from "../reports/lifecycle.js";
import { formatReportNumber } from "../reports/numbers.js";
import { statusKeys } from "../reports/views.js";
import { NOTE_MAX } from "../staff/conversations.js";
import { loadStaffReport } from "../staff/report-detail.js";
import { parseTrackingNumber } from "../staff/report-search.js";
import { findReportByNumber } from "../staff/reports-lookup.js";
import { templatesFor } from "../staff/templates.js";
import type { DashboardDeps, DashboardEnv } from "./context.js";
import type { ReportRouteHelpers } from "./report-content-routes.js";

/** The staff actions the dashboard offers, as the staff group's card does, by the lifecycle's name for each. */
export const dashboardActions = {
  accept: "accept",
  assign: "assign",
  reject: "reject",
  duplicate: "markDuplicate",
  verify: "close",
  reopen: "reopen",
} as const satisfies Record<string, ReportAction>;
export type DashboardAction = keyof typeof dashboardActions;

/** The actions the lifecycle allows from this state (whether this person may take them is asked of the workflow). */
export function availableActions(status: ReportStatus): DashboardAction[] {
  return (Object.keys(dashboardActions) as DashboardAction[]).filter((action) =>
    (reportActions[dashboardActions[action]].from as readonly ReportStatus[]).includes(status),
  );
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/**
 * The actions' forms: each is parsed here and goes through the report workflow, as the group's
 * buttons do (the history and the audit name the person; the outbox tells the people concerned
 * and edits the group's card). Anything the workflow refuses is answered on the report's page
 * as it is now, and changes nothing.
 */
export function actionRoutes(app: Hono<DashboardEnv>, deps: DashboardDeps, helpers: ReportRouteHelpers): void {
  const actionPattern = Object.keys(dashboardActions).join("|");
  app.post(`/reports/:number/:action{${actionPattern}}`, async (c) => {
    const s = c.get("signedIn");
    const report = await helpers.visibleReport(c);
    if (!report) return helpers.notFound(c);
    const action = c.req.param("action") as DashboardAction;
    const { t } = s;
    if (!helpers.isStaff(c)) return helpers.answer(c, report, { kind: "error", text: t("dashboard-forbidden") }, 403);
    const refuse = (key: string, vars: Record<string, string | number> = {}, status: 400 | 409 = 400) =>
      helpers.answer(c, report, { kind: "error", text: t(key, { number: formatReportNumber(report.card.number), ...vars }) }, status);
    const form = await c.req.parseBody();
    const actor = { userId: s.session.userId };
    const reportId = report.card.reportId;
    try {
      switch (action) {
        case "accept":
          await deps.workflow.accept(reportId, actor);
          break;
        case "assign": {
          const assigneeId = parseUserId(text(form.assignee) || undefined);
          if (!assigneeId) return refuse("dashboard-assignee-invalid");
          await deps.workflow.assign(reportId, actor, assigneeId);
          break;
        }
        case "reject": {
          // A standard reply goes in every language it has (each reader is told in theirs), as from the group.
          const templateId = Number(text(form.template));
          const templates = templateId ? await templatesFor(deps.db, s.community.id, "reject", report.categoryId) : [];
          const template = templates.find((tpl) => tpl.id === templateId);
          const reason = text(form.reason);
          if (text(form.template) && !template) return refuse("dashboard-template-unknown");
          if (!template && !reason) return refuse("dashboard-reason-required");
          if (reason.length > NOTE_MAX) return refuse("dashboard-reason-too-long", { max: NOTE_MAX });
          if (template) await deps.workflow.reject(reportId, actor, pickTranslation(template.text, defaultLocale), template.text);
          else await deps.workflow.reject(reportId, actor, reason);
          break;
        }
        case "duplicate": {
          const wanted = parseTrackingNumber(text(form.original));
          const originalId = wanted === undefined ? null : await findReportByNumber(deps.db, s.community.id, wanted);
          if (originalId === null || originalId === reportId) return refuse("dashboard-duplicate-unknown");
          await deps.workflow.markDuplicate(reportId, actor, originalId);
          break;
        }
        case "verify":
          await deps.workflow.close(reportId, actor);
          break;
        case "reopen":
          await deps.workflow.reopen(reportId, actor);
          break;
      }
    } catch (error) {
      if (!(error instanceof ReportActionError)) throw error;
      // The page as it is now: someone else may have moved the report meanwhile.
      const fresh = (await loadStaffReport(deps.db, s.community.id, report.card.number)) ?? report;
      const number = formatReportNumber(report.card.number);
      const refusal: Partial<Record<typeof error.code, [string, 400 | 403 | 409]>> = {
        "assignee-invalid": [t("dashboard-assignee-invalid"), 400],
        "duplicate-target-invalid": [t("dashboard-duplicate-unknown"), 400],
        "second-verifier-required": [t("dashboard-second-verifier", { number }), 409],
        // Staff may do everything else: a refused verification is a kind the resident confirms.
        forbidden: action === "verify" ? [t("dashboard-verify-by-resident"), 403] : [t("dashboard-forbidden"), 403],
      };
      const [message, status] = refusal[error.code] ?? [t("dashboard-action-stale", { number, status: t(statusKeys[fresh.card.status]) }), 409];
      return helpers.answer(c, fresh, { kind: "error", text: message }, status);
    }
    deps.logger.info({ user: s.session.userId, report: reportId, action }, "dashboard report action");
    return c.redirect(`/dashboard/reports/${report.card.number}?done=${action}`, 303);
  });
}
