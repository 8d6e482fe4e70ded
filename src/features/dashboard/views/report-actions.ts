import { html } from "hono/html";
import { NOTE_MAX } from "../../staff/conversations.js";
import type { DashboardAction } from "../report-actions.js";
import { AFTER_PHOTO_MAX_COUNT } from "../resolve-action.js";
import { csrfField, type Frame, type Html, type Viewer } from "./layout.js";
import type { ReportView } from "./report-page.js";

/** The staff actions the report's state allows, each a form with the session's CSRF token. */
export function actionForms(frame: Frame, view: ReportView, viewer: Viewer): Html {
  const { t } = frame;
  if (view.actions.length === 0 && !view.resolve) return html``;
  const { card } = view.report;
  const form = (action: DashboardAction, body: Html, className = "") =>
    html`<form method="post" action="/dashboard/reports/${card.number}/${action}" class="${className}">${csrfField(viewer)}${body}</form>`;
  const submit = (action: DashboardAction, key: string, style = "") =>
    html`<button type="submit" class="${style}" data-testid="action-${action}">${t(key)}</button>`;
  const forms: Record<DashboardAction, () => Html> = {
    accept: () => form("accept", submit("accept", "dashboard-action-accept")),
    assign: () =>
      form(
        "assign",
        html`<label>${t("dashboard-assign-to")}
            <select name="assignee" required data-testid="assignee">
              ${view.assignees.map(
                (a) =>
                  html`<option value="${a.userId}" ${a.userId === card.assignee?.id ? "selected" : ""}>${a.name}${a.responsible ? ` ${t("dashboard-area-lead")}` : ""}</option>`,
              )}
            </select></label>
          ${submit("assign", card.assignee ? "dashboard-action-reassign" : "dashboard-action-assign")}`,
      ),
    reject: () =>
      form(
        "reject",
        html`<label>${t("dashboard-reject-template")}
            <select name="template" data-testid="reject-template">
              <option value="">${t("dashboard-reject-own-words")}</option>
              ${view.rejectTemplates.map((tpl) => html`<option value="${tpl.id}">${tpl.label}</option>`)}
            </select></label>
          <label class="wide">${t("dashboard-reject-reason")}<textarea name="reason" maxlength="500" rows="2" data-testid="reject-reason"></textarea></label>
          ${submit("reject", "dashboard-action-reject", "danger")}`,
        "stacked",
      ),
    duplicate: () =>
      form(
        "duplicate",
        html`<label>${t("dashboard-duplicate-of")}<input name="original" required maxlength="12" placeholder="R-000123" data-testid="duplicate-of" /></label>
          ${submit("duplicate", "dashboard-action-duplicate", "secondary")}`,
      ),
    verify: () => form("verify", submit("verify", "dashboard-action-verify")),
    reopen: () => form("reopen", submit("reopen", "dashboard-action-reopen", "secondary")),
  };
  return html`<section class="actions" data-testid="report-actions"><h2>${t("dashboard-report-actions")}</h2>
    ${view.resolve ? resolveForm(frame, view, viewer, view.resolve) : ""}
    ${view.actions.map((action) => forms[action]())}
  </section>`;
}

/** "Dealt with": a standard reply or own words, and after-photos sent as files with the form. */
function resolveForm(frame: Frame, view: ReportView, viewer: Viewer, resolve: NonNullable<ReportView["resolve"]>): Html {
  const { t } = frame;
  const { card } = view.report;
  return html`<form method="post" action="/dashboard/reports/${card.number}/resolve" enctype="multipart/form-data" class="stacked" data-testid="resolve-form">
    ${csrfField(viewer)}
    <label>${t("dashboard-resolve-template")}
      <select name="template" data-testid="resolve-template">
        <option value="">${t("dashboard-resolve-own-words")}</option>
        ${resolve.templates.map((tpl) => html`<option value="${tpl.id}">${tpl.label}</option>`)}
      </select></label>
    <label class="wide">${t("dashboard-resolve-note")}<textarea name="note" maxlength="${NOTE_MAX}" rows="2" data-testid="resolve-note"></textarea></label>
    <label class="wide">${t(resolve.photoRequired ? "dashboard-resolve-photos-required" : "dashboard-resolve-photos", { max: AFTER_PHOTO_MAX_COUNT, mb: 10 })}
      <input type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" ${resolve.photoRequired ? "required" : ""} data-testid="resolve-photos" /></label>
    <button type="submit" data-testid="action-resolve">${t("dashboard-action-resolve")}</button>
  </form>`;
}

/**
 * Staff hide a description (or voice note) or the photos that show a face, a number plate or
 * abuse, as /hide does: each a form whose box must be ticked, saying what follows.
 */
export function hideForms(frame: Frame, view: ReportView, viewer: Viewer): Html {
  const { t } = frame;
  const targets = (["description", "photos"] as const).filter((target) => view.hideable?.[target]);
  if (targets.length === 0) return html``;
  const { card } = view.report;
  return html`<section class="actions hide" data-testid="report-hide"><h2>${t("dashboard-hide-title")}</h2>
    <p class="hint">${t("dashboard-hide-explain")}</p>
    ${targets.map(
      (target) => html`<form method="post" action="/dashboard/reports/${card.number}/hide/${target}" class="stacked">${csrfField(viewer)}
        <label class="check"><input type="checkbox" name="confirm" value="yes" required data-testid="hide-${target}-confirm" />${t(`dashboard-hide-${target}-confirm`)}</label>
        <button type="submit" class="danger" data-testid="hide-${target}">${t(`dashboard-hide-${target}`)}</button>
      </form>`,
    )}
  </section>`;
}
