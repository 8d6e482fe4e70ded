import { html } from "hono/html";
import { asHours } from "../../events/views.js";
import type { MonthHours, VolunteerLine } from "../../volunteers/overview.js";
import { page, type Frame, type Html } from "./layout.js";

export interface VolunteersView {
  lines: VolunteerLine[];
  thisMonth: string;
  /** The month whose hours are shown, and the months there is anything to show for. */
  month: string;
  months: string[];
  monthHours: MonthHours[];
  teams: Array<{ id: number; name: string; members: Array<{ name: string; realName?: string }> }>;
  problem?: string | undefined;
}

const rate = (l: VolunteerLine) => (l.noShowRate === null ? "—" : `${l.noShows}/${l.attended + l.noShows} (${Math.round(l.noShowRate * 100)}%)`);
const both = (name: string, realName: string | undefined) => (realName && realName !== name ? `${name} (${realName})` : name);

/** /volunteers on the dashboard: people, their hours and no-shows, a month's hours, the teams. */
export function volunteersPage(frame: Frame, view: VolunteersView): Html {
  const { t } = frame;
  const total = view.lines.reduce((sum, l) => sum + l.monthMinutes, 0);
  const heads = {
    name: t("dashboard-volunteers-col-name"),
    teams: t("dashboard-volunteers-col-teams"),
    month: t("dashboard-volunteers-col-month", { month: view.thisMonth }),
    all: t("dashboard-volunteers-col-all"),
    events: t("dashboard-volunteers-col-events"),
    rate: t("dashboard-volunteers-col-no-shows"),
  };
  const monthTotal = view.monthHours.reduce((sum, h) => sum + h.minutes, 0);
  return page(
    frame,
    html`<h1>${t("dashboard-volunteers-title")}</h1>
    ${view.problem ? html`<p class="notice warning" role="status">${view.problem}</p>` : ""}
    <div class="count-line"><p class="count" data-testid="volunteers-count">${t("dashboard-volunteers-count", { count: view.lines.length, month: view.thisMonth, hours: asHours(total) })}</p>
      <a class="button secondary" href="/dashboard/volunteers/hours.csv" download data-testid="hours-csv">${t("dashboard-volunteers-csv")}</a></div>
    ${
      view.lines.length === 0
        ? html`<p class="empty">${t("volunteers-overview-none")}</p>`
        : html`<table class="reports" data-testid="volunteers">
          <thead><tr>${Object.values(heads).map((h) => html`<th>${h}</th>`)}</tr></thead>
          <tbody>${view.lines.map(
            (l) => html`<tr>
              <td data-label="${heads.name}">${both(l.name, l.realName)}${l.phone ? html`<br /><span class="badge">${l.phone}</span>` : ""}</td>
              <td data-label="${heads.teams}">${l.teams.length > 0 ? l.teams.join(", ") : t("volunteers-no-team")}</td>
              <td data-label="${heads.month}">${asHours(l.monthMinutes)}</td>
              <td data-label="${heads.all}">${asHours(l.allMinutes)}</td>
              <td data-label="${heads.events}">${l.attended}</td>
              <td data-label="${heads.rate}">${rate(l)}</td>
            </tr>`,
          )}</tbody></table>`
    }
    <section class="chart-box" data-testid="month-hours"><h2>${t("dashboard-volunteers-month-title", { month: view.month })}</h2>
      <form class="filters period" method="get" action="/dashboard/volunteers">
        <label>${t("dashboard-volunteers-month")}<select name="month">${view.months.map(
          (m) => html`<option value="${m}" ${m === view.month ? "selected" : ""}>${m}</option>`,
        )}</select></label>
        <div class="filter-buttons"><button type="submit">${t("dashboard-filter-apply")}</button></div>
      </form>
      ${
        view.monthHours.length === 0
          ? html`<p class="empty">${t("dashboard-volunteers-month-none")}</p>`
          : html`<p class="count">${t("dashboard-volunteers-month-total", { hours: asHours(monthTotal), count: view.monthHours.length })}</p>
            <table class="reports"><thead><tr><th>${heads.name}</th><th>${t("volunteers-csv-hours")}</th><th>${heads.events}</th></tr></thead>
            <tbody>${view.monthHours.map(
              (h) =>
                html`<tr><td data-label="${heads.name}">${both(h.name, h.realName)}</td><td data-label="${t("volunteers-csv-hours")}">${asHours(h.minutes)}</td><td data-label="${heads.events}">${h.events}</td></tr>`,
            )}</tbody></table>`
      }
    </section>
    <section class="chart-box" data-testid="teams"><h2>${t("dashboard-volunteers-teams")}</h2>
      ${
        view.teams.length === 0
          ? html`<p class="empty">${t("dashboard-volunteers-teams-none")}</p>`
          : html`<ul class="plain">${view.teams.map(
              (team) =>
                html`<li><strong>${team.name}</strong> · ${t("dashboard-volunteers-members", { count: team.members.length })}${
                  team.members.length > 0 ? html`: ${team.members.map((m) => both(m.name, m.realName)).join(", ")}` : ""
                }</li>`,
            )}</ul>`
      }
    </section>`,
  );
}
