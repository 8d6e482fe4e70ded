import { html, raw } from "hono/html";
import { chartSvg, palette } from "../../evaluation/charts/draw.js";
import { evaluationCharts, type SeriesFigures, type TitledChart } from "../../evaluation/charts/figures.js";
import type { Stats } from "../../evaluation/stats.js";
import { page, type Frame, type Html } from "./layout.js";

export interface FiguresView extends SeriesFigures {
  stats: Stats;
  /** The period as typed in the form (from, to). */
  form: { from: string; to: string };
  problem?: string | undefined;
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** A chart in its box: the evaluation feature draws it (escaped there), the page frames it. */
function chartBox(chart: TitledChart): Html {
  return html`<section class="chart-box" data-testid="chart-${chart.id}"><h2>${chart.title}</h2>
    ${chart.chart === null ? html`<p class="empty">${chart.empty ?? ""}</p>` : raw(chartSvg(chart.chart, chart.title))}
    ${
      chart.chart !== null && chart.legend.length > 0
        ? html`<ul class="legend">${chart.legend.map((entry) => html`<li><span class="dot" data-colour="${palette.indexOf(entry.colour)}"></span>${entry.name}</li>`)}</ul>`
        : ""
    }</section>`;
}

/** Evaluation (考评) for a period: the /stats figures drawn as charts, drawn on the server. */
export function figuresPage(frame: Frame, view: FiguresView): Html {
  const { t, locale } = frame;
  const { stats } = view;
  const charts = evaluationCharts(stats, view, locale, t, { icons: true });
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
    ${charts.map(chartBox)}
    <section class="chart-box"><h2>${t("dashboard-chart-inspectors")}</h2>
      <table class="reports" data-testid="inspectors"><thead><tr><th>${t("dashboard-col-assignee")}</th><th>${t("stats-csv-assigned")}</th><th>${t("stats-csv-resolved")}</th></tr></thead>
      <tbody>${stats.inspectors.map((i) => html`<tr><td>${i.name}</td><td>${i.assigned}</td><td>${i.resolved}</td></tr>`)}</tbody></table></section>`,
  );
}
