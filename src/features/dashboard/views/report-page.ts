import { html } from "hono/html";
import { formatReportNumber } from "../../reports/numbers.js";
import { formatTime, statusKeys } from "../../reports/views.js";
import type { Assignee } from "../../staff/cards.js";
import type { StaffReport } from "../../staff/report-detail.js";
import { pickTranslation } from "../../../translated.js";
import type { DashboardAction } from "../report-actions.js";
import { page, type Frame, type Html } from "./layout.js";
import { actionForms, hideForms } from "./report-actions.js";

export interface ReportView {
  report: StaffReport;
  timezone: string;
  /** Open and past its deadline. */
  overdue: boolean;
  /** The staff actions the report's state allows (none for inspectors). */
  actions: DashboardAction[];
  /** Standard replies for a rejection, in the reader's language. */
  rejectTemplates: Array<{ id: number; label: string }>;
  assignees: Assignee[];
  /** The resolve form, when the state allows it and this person may (staff, or the assignee). */
  resolve?: { templates: Array<{ id: number; label: string }>; photoRequired: boolean } | undefined;
  /** For staff: what of the report is still shown and may be hidden (undefined for inspectors). */
  hideable?: { description: boolean; photos: boolean } | undefined;
  /** A line at the top: what was just done, or why an action was refused. */
  notice?: { kind: "done" | "error"; text: string } | undefined;
}

function facts(frame: Frame, view: ReportView): Html {
  const { t, locale } = frame;
  const { card } = view.report;
  const tz = view.timezone;
  const description = card.descriptionHidden ? t("dashboard-report-hidden") : (card.description ?? t("dashboard-report-no-description"));
  const place = [card.address, card.location ? `${card.location.latitude.toFixed(5)}, ${card.location.longitude.toFixed(5)}` : null]
    .filter(Boolean)
    .join(" · ");
  const overdue = view.overdue ? html` <span class="badge overdue-badge">${t("dashboard-overdue")}</span>` : "";
  return html`<dl class="facts">
    <dt>${t("dashboard-col-status")}</dt><dd><span class="status status-${card.status}" data-testid="report-status">${t(statusKeys[card.status])}</span>${overdue}</dd>
    <dt>${t("dashboard-col-kind")}</dt><dd>${card.categoryIcon} ${pickTranslation(card.categoryName, locale)}</dd>
    <dt>${t("dashboard-report-description")}</dt><dd class="description">${description}${card.hasVoice && !card.descriptionHidden ? voice(t("dashboard-report-voice"), `/dashboard/reports/${card.number}/voice`) : ""}</dd>
    <dt>${t("dashboard-report-place")}</dt><dd>${place || "—"}</dd>
    <dt>${t("dashboard-col-area")}</dt><dd>${card.areaName ?? "—"}</dd>
    <dt>${t("dashboard-col-created")}</dt><dd>${formatTime(view.report.createdAt, tz)}</dd>
    <dt>${t("dashboard-col-deadline")}</dt><dd>${card.deadlineAt ? formatTime(card.deadlineAt, tz) : "—"}</dd>
    <dt>${t("dashboard-col-assignee")}</dt><dd data-testid="report-assignee">${card.assignee?.name ?? t("dashboard-filter-unassigned")}</dd>
    <dt>${t("dashboard-report-reporter")}</dt><dd>${card.reporter ? `${card.reporter.name}${card.reporter.username ? ` @${card.reporter.username}` : ""}` : t("dashboard-report-anonymous")}</dd>
    <dt>${t("dashboard-report-supporters")}</dt><dd data-testid="report-supporters">${card.supporters}</dd>
  </dl>`;
}

/** A voice note, played through our server (which fetches it from Telegram); loaded only when played. */
const voice = (label: string, src: string) =>
  html`<span class="voice"><span class="badge">🎤 ${label}</span><audio controls preload="none" src="${src}" data-testid="voice"></audio></span>`;

const photoKeys = { report: "dashboard-photos-report", resolution: "dashboard-photos-resolution", reopen: "dashboard-photos-reopen" } as const;

function photos(frame: Frame, view: ReportView): Html {
  const { report } = view;
  if (report.photos.length === 0) return html``;
  const { t } = frame;
  const kinds = Object.keys(photoKeys) as Array<keyof typeof photoKeys>;
  return html`<section class="photos"><h2>${t("dashboard-report-photos")}</h2>
    ${kinds.map((kind) => {
      const of = report.photos.filter((p) => p.kind === kind);
      if (of.length === 0) return "";
      return html`<figure class="photo-group"><figcaption>${t(photoKeys[kind])}</figcaption>
        ${of.map((p) => {
          const src = `/dashboard/reports/${report.card.number}/photos/${p.id}`;
          return html`<a href="${src}" target="_blank" rel="noopener"><img src="${src}" alt="${t(photoKeys[kind])}" loading="lazy" /></a>`;
        })}
      </figure>`;
    })}
  </section>`;
}

function history(frame: Frame, view: ReportView): Html {
  const { t } = frame;
  return html`<section class="history"><h2>${t("dashboard-report-history")}</h2>
    <ol data-testid="report-history">
      ${view.report.history.map(
        (h) => html`<li>
          <time>${formatTime(h.at, view.timezone)}</time>
          <span class="actor">${h.actorName ?? t("card-system")}</span>
          <span class="status status-${h.to}">${t(statusKeys[h.to])}</span>
          ${h.note ? html`<q>${h.note}</q>` : ""}${h.hasVoice ? voice(t("dashboard-report-voice"), `/dashboard/reports/${view.report.card.number}/voice/${h.id}`) : ""}
        </li>`,
      )}
    </ol>
  </section>`;
}

/** One report: what, where, who, its photos, its history and the actions this person may take. */
export function reportPage(frame: Frame, view: ReportView): Html {
  const { t, locale } = frame;
  const { card } = view.report;
  const viewer = frame.viewer!;
  return page(
    frame,
    html`<p><a href="/dashboard/reports">${t("dashboard-back")}</a></p>
    <h1>${formatReportNumber(card.number)} ${card.categoryIcon} ${pickTranslation(card.categoryName, locale)}</h1>
    ${view.notice ? html`<p class="notice ${view.notice.kind}" role="status" data-testid="notice">${view.notice.text}</p>` : ""}
    <div class="report-grid">
      <div>${facts(frame, view)}${actionForms(frame, view, viewer)}${hideForms(frame, view, viewer)}</div>
      <div>${photos(frame, view)}${history(frame, view)}</div>
    </div>`,
  );
}
