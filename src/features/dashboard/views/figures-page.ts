import { html } from "hono/html";
import { pickTranslation } from "../../../translated.js";
import type { Stats } from "../../evaluation/stats.js";
import { lines, palette, shareBars, stackedBars } from "./charts.js";
import { page, type Frame, type Html } from "./layout.js";

export interface FiguresView {
  stats: Stats;
  /** Every day of the period, and the reports filed on each by category. */
  days: string[];
  perDay: Array<{ day: string; categoryId: number; reports: number }>;
  perWeek: Array<{ week: string; resolved: number; medianHours: number; p90Hours: number }>;
  /** The period as typed in the form (from, to). */
  form: { from: string; to: string };
  problem?: string | undefined;
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** Evaluation (考评) for a period: the /stats figures drawn as charts, drawn on the server. */
export function figuresPage(frame: Frame, view: FiguresView): Html {
  const { t, locale } = frame;
  const { stats } = view;
  const categories = stats.byCategory.filter((c) => c.reports > 0);
  const perDay = stackedBars(
    t("dashboard-chart-per-day"),
    view.days.map((d) => d.slice(5)),
    categories.map((c) => ({
      name: `${c.icon} ${pickTranslation(c.name, locale)}`,
      values: view.days.map((day) => view.perDay.find((p) => p.day === day && p.categoryId === c.id)?.reports ?? 0),
    })),
  );
  const weeks = view.perWeek.map((w) => w.week.slice(5));
  const perWeek = lines(t("dashboard-chart-resolve-hours"), weeks, [
    { name: t("dashboard-chart-median"), values: view.perWeek.map((w) => w.medianHours) },
    { name: t("dashboard-chart-p90"), values: view.perWeek.map((w) => w.p90Hours) },
  ]);
  const inTime = (rows: Array<{ name: string; deadline: Stats["deadline"] }>) =>
    shareBars(
      t("dashboard-chart-in-time"),
      rows.map((r) => ({ name: r.name, share: r.deadline.share, detail: `${percent(r.deadline.share)} (${r.deadline.met}/${r.deadline.judged})` })),
    );
  return page(
    frame,
    html`<h1>${t("dashboard-figures-title")}</h1>
    <form class="filters period" method="get" action="/dashboard/figures">
      <label>${t("dashboard-filter-from")}<input type="date" name="from" value="${view.form.from}" required /></label>
      <label>${t("dashboard-filter-to")}<input type="date" name="to" value="${view.form.to}" required /></label>
      <div class="filter-buttons"><button type="submit">${t("dashboard-filter-apply")}</button>
        <a class="button secondary" href="/dashboard/stats.csv?from=${stats.period.from}&to=${stats.period.to}" download>${t("dashboard-export-period")}</a></div>
    </form>
    ${view.problem ? html`<p class="notice warning" role="status">${view.problem}</p>` : ""}
    <ul class="headline" data-testid="figures-headline">
      <li><strong>${stats.reports}</strong>${t("dashboard-figure-reports")}</li>
      <li><strong>${stats.resolved}</strong>${t("dashboard-figure-resolved")}</li>
      <li><strong>${percent(stats.deadline.share)}</strong>${t("dashboard-figure-in-time")}</li>
      <li><strong>${stats.medianHours ?? "—"}</strong>${t("dashboard-figure-median")}</li>
      <li><strong>${stats.rating.average ?? "—"}</strong>${t("dashboard-figure-rating", { count: stats.rating.count })}</li>
    </ul>
    <section class="chart-box" data-testid="chart-per-day"><h2>${t("dashboard-chart-per-day")}</h2>${perDay}
      <ul class="legend">${categories.map((c, k) => html`<li><span class="dot" data-colour="${k % palette.length}"></span>${c.icon} ${pickTranslation(c.name, locale)}</li>`)}</ul></section>
    <section class="chart-box" data-testid="chart-resolve-hours"><h2>${t("dashboard-chart-resolve-hours")}</h2>
      ${
        view.perWeek.length === 0
          ? html`<p class="empty">${t("dashboard-chart-none-resolved")}</p>`
          : html`${perWeek}<ul class="legend"><li><span class="dot" data-colour="0"></span>${t("dashboard-chart-median")}</li><li><span class="dot" data-colour="1"></span>${t("dashboard-chart-p90")}</li></ul>`
      }</section>
    <section class="chart-box" data-testid="chart-in-time"><h2>${t("dashboard-chart-in-time")}</h2>
      ${inTime(categories.map((c) => ({ name: `${c.icon} ${pickTranslation(c.name, locale)}`, deadline: c.deadline })))}
      <h3>${t("dashboard-col-area")}</h3>
      ${inTime(stats.byArea.filter((a) => a.reports > 0).map((a) => ({ name: a.name ?? t("dashboard-no-area"), deadline: a.deadline })))}</section>
    <section class="chart-box"><h2>${t("dashboard-chart-inspectors")}</h2>
      <table class="reports" data-testid="inspectors"><thead><tr><th>${t("dashboard-col-assignee")}</th><th>${t("stats-csv-assigned")}</th><th>${t("stats-csv-resolved")}</th></tr></thead>
      <tbody>${stats.inspectors.map((i) => html`<tr><td>${i.name}</td><td>${i.assigned}</td><td>${i.resolved}</td></tr>`)}</tbody></table></section>`,
  );
}
