import { html } from "hono/html";
import type { BroadcastSummary } from "../../broadcasts/service.js";
import { audienceKeys, statusKeys } from "../../broadcasts/labels.js";
import { formatLocal } from "../../broadcasts/time.js";
import { page, type Frame, type Html } from "./layout.js";

export interface BroadcastsView {
  list: BroadcastSummary[];
  timezone: string;
  shown: number;
}

/** Handled so far: sent, failed or skipped, of the total (0 of 0 is done). */
const progress = (b: BroadcastSummary) => {
  const f = b.figures;
  const handled = f.sent + f.failed + f.skipped;
  return f.total === 0 ? (b.status === "done" ? 100 : 0) : Math.round((handled / f.total) * 100);
};

/** The community's latest broadcasts with their state and progress. */
export function broadcastsPage(frame: Frame, view: BroadcastsView): Html {
  const { t } = frame;
  const heads = {
    id: t("dashboard-broadcasts-col-id"),
    status: t("dashboard-broadcasts-col-status"),
    when: t("dashboard-events-col-when"),
    audience: t("dashboard-broadcasts-col-audience"),
    text: t("dashboard-broadcasts-col-text"),
    progress: t("dashboard-broadcasts-col-progress"),
  };
  return page(
    frame,
    html`<h1>${t("dashboard-broadcasts-title")}</h1>
    <p class="count">${t("dashboard-broadcasts-count", { count: view.list.length, shown: view.shown })}</p>
    ${
      view.list.length === 0
        ? html`<p class="empty">${t("broadcasts-none")}</p>`
        : html`<table class="reports" data-testid="broadcasts"><thead><tr>${Object.values(heads).map((h) => html`<th>${h}</th>`)}</tr></thead>
          <tbody>${view.list.map((b) => {
            const f = b.figures;
            const percent = progress(b);
            return html`<tr data-broadcast="${b.id}">
              <td data-label="${heads.id}">#${b.id}</td>
              <td data-label="${heads.status}"><span class="status">${t(statusKeys[b.status])}</span>${b.urgent ? html` <span class="badge overdue-badge">${t("dashboard-broadcasts-urgent")}</span>` : ""}</td>
              <td data-label="${heads.when}">${formatLocal(b.status === "scheduled" ? b.runAt : b.createdAt, view.timezone)}</td>
              <td data-label="${heads.audience}">${t(audienceKeys[b.audience])}</td>
              <td data-label="${heads.text}">${b.preview}</td>
              <td data-label="${heads.progress}"><div>${
                b.status === "scheduled"
                  ? t("dashboard-broadcasts-not-started")
                  : html`<meter min="0" max="100" value="${percent}">${percent}%</meter> ${percent}%<br />
                    <span class="figures">${t("dashboard-broadcasts-figures", { sent: f.sent, failed: f.failed, skipped: f.skipped, left: f.left, total: f.total })}</span>`
              }</div></td>
            </tr>`;
          })}</tbody></table>`
    }`,
  );
}
