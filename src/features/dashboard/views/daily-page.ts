import { html } from "hono/html";
import { pickTranslation } from "../../../translated.js";
import { zoned } from "../../../time.js";
import type { DailyFigures, DayCounts } from "../../evaluation/daily.js";
import { addDays } from "../../evaluation/days.js";
import { volunteerLines } from "../../evaluation/volunteer-figures.js";
import { lectureLines } from "../../lectures/period-figures.js";
import { page, type Frame, type Html } from "./layout.js";

export interface DailyView {
  day: string;
  today: string;
  /** The stored record, today's figures so far, or nothing (no record kept for that day). */
  figures: DailyFigures | undefined;
  recorded: boolean;
  problem?: string | undefined;
}

const clock = (iso: string, tz: string) => zoned(iso, tz).format("HH:mm");
const countKeys: Array<keyof DayCounts> = ["new", "resolved", "closed", "reopened", "overdue"];

function countsTable(frame: Frame, nameKey: string, rows: Array<{ name: string; counts: DayCounts }>, testId: string): Html {
  const { t } = frame;
  const heads = countKeys.map((k) => t(`dashboard-daily-${k}`));
  return html`<table class="reports" data-testid="${testId}">
    <thead><tr><th>${t(nameKey)}</th>${heads.map((h) => html`<th>${h}</th>`)}</tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr><td data-label="${t(nameKey)}">${r.name}</td>${countKeys.map((k, i) => html`<td data-label="${heads[i]}">${r.counts[k]}</td>`)}</tr>`,
    )}</tbody>
  </table>`;
}

/** One day's record (日记录): the same figures as the evening report, as tables. */
export function dailyPage(frame: Frame, view: DailyView): Html {
  const { t, locale } = frame;
  const f = view.figures;
  const tz = f?.timezone ?? "UTC";
  const picker = html`<form class="filters period" method="get" action="/dashboard/daily">
      <label>${t("dashboard-daily-pick")}<input type="date" name="day" value="${view.day}" max="${view.today}" required /></label>
      <div class="filter-buttons"><button type="submit">${t("dashboard-filter-apply")}</button></div>
    </form>
    <nav class="pager day-pager">
      <a href="/dashboard/daily?day=${addDays(view.day, -1)}" data-testid="day-before">${t("dashboard-daily-prev")}</a>
      ${view.day < view.today ? html`<a href="/dashboard/daily?day=${addDays(view.day, 1)}" data-testid="day-after">${t("dashboard-daily-next")}</a>` : ""}
    </nav>`;
  const problem = view.problem ? html`<p class="notice warning" role="status">${view.problem}</p>` : "";
  if (!f) {
    return page(
      frame,
      html`<h1>${t("dashboard-daily-title", { day: view.day })}</h1>${picker}${problem}<p class="notice" data-testid="daily-none">${t("dashboard-daily-none", { day: view.day })}</p>`,
    );
  }
  const whole = f.asOf >= f.to;
  const when = !view.recorded
    ? t("dashboard-daily-so-far", { time: clock(f.asOf, tz) })
    : whole
      ? t("dashboard-daily-whole-day")
      : t("dashboard-daily-as-of", { time: clock(f.asOf, tz) });
  const extra = [...volunteerLines(f.volunteering, t), ...lectureLines(f.lectures, t)].filter((line) => line !== "");
  const { ratings, average } = f.satisfaction;
  return page(
    frame,
    html`<h1>${t("dashboard-daily-title", { day: view.day })}</h1>
    ${picker}${problem}
    <p class="count" data-testid="daily-when">${when}</p>
    <ul class="headline" data-testid="daily-totals">
      ${countKeys.map((k) => html`<li><strong>${f.totals[k]}</strong>${t(`dashboard-daily-${k}`)}</li>`)}
    </ul>
    ${
      f.byCategory.length === 0 && f.byArea.length === 0
        ? html`<p class="empty">${t("dashboard-daily-no-reports")}</p>`
        : html`<section class="chart-box"><h2>${t("dashboard-col-kind")}</h2>
            ${countsTable(
              frame,
              "dashboard-col-kind",
              f.byCategory.map((c) => ({ name: `${c.icon} ${pickTranslation(c.name, locale)}`, counts: c })),
              "daily-by-category",
            )}
            <h2>${t("dashboard-col-area")}</h2>
            ${countsTable(
              frame,
              "dashboard-col-area",
              f.byArea.map((a) => ({ name: a.name ?? t("daily-no-area"), counts: a })),
              "daily-by-area",
            )}</section>`
    }
    <section class="chart-box" data-testid="daily-patrols"><h2>${t("dashboard-daily-patrols")}</h2>
      ${
        f.patrols.length === 0
          ? html`<p class="empty">${t("dashboard-daily-patrols-none")}</p>`
          : html`<p>${t("daily-patrols", { count: f.patrolTotals.count, minutes: f.patrolTotals.minutes, findings: f.patrolTotals.findings })}</p>
            <ul class="plain">${f.patrols.map(
              (p) =>
                html`<li>${t("daily-patrol-line", {
                  name: p.inspectorName ?? t("daily-unknown-inspector"),
                  start: clock(p.startedAt, tz),
                  end: p.endedAt ? clock(p.endedAt, tz) : t("daily-patrol-ongoing"),
                  minutes: p.minutes,
                  findings: p.findings,
                })}</li>`,
            )}</ul>`
      }</section>
    <section class="chart-box" data-testid="daily-more"><h2>${t("dashboard-daily-more")}</h2>
      <p>${ratings === 0 || average === null ? t("dashboard-daily-ratings-none") : t("daily-ratings", { ratings, average: average.toFixed(1) })}</p>
      ${extra.map((line) => html`<p>${line}</p>`)}
    </section>`,
  );
}
