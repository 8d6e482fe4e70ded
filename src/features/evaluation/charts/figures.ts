import type { Translate } from "../../../i18n.js";
import { pickTranslation, type Translated } from "../../../translated.js";
import type { GroupStats, Stats } from "../stats.js";
import { lines, palette, shareBars, stackedBars, type Chart, type LegendEntry } from "./draw.js";

/**
 * The evaluation charts (考评图表) from the evaluation services' figures: the same ones on the
 * dashboard's figures page and as pictures in Telegram. Titles and names come in through `t`
 * and `locale`, so each reader gets their language.
 */

export interface SeriesFigures {
  /** Every day of the period, and the reports filed on each by category (reportsPerDay). */
  days: string[];
  perDay: Array<{ day: string; categoryId: number; reports: number }>;
  /** resolveHoursPerWeek. */
  perWeek: Array<{ week: string; resolved: number; medianHours: number; p90Hours: number }>;
}

/** A chart with its title and legend; no chart when there is nothing to draw (then `empty` says so). */
export interface TitledChart {
  id: string;
  title: string;
  chart: Chart | null;
  legend: LegendEntry[];
  empty?: string;
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
const colour = (k: number) => palette[k % palette.length]!;

/** A report category as the charts name it. */
export interface CategoryName {
  id: number;
  icon: string;
  name: Translated;
}

/** Category names with their icon (a page shows emoji; a PNG has no emoji font, so it leaves them out). */
const categoryName = (c: CategoryName, locale: string, icons: boolean) =>
  icons ? `${c.icon} ${pickTranslation(c.name, locale)}` : pickTranslation(c.name, locale);

/** Reports per day, stacked by category (the categories with reports in the series, in their order). */
export function perDayChart(
  allCategories: readonly CategoryName[],
  series: Pick<SeriesFigures, "days" | "perDay">,
  locale: string,
  t: Translate,
  options: { icons: boolean; title?: string },
): TitledChart {
  const present = new Set(series.perDay.filter((p) => p.reports > 0).map((p) => p.categoryId));
  const categories = allCategories.filter((c) => present.has(c.id));
  const counts = new Map(series.perDay.map((p) => [`${p.day}/${p.categoryId}`, p.reports]));
  const named = categories.map((c) => ({ name: categoryName(c, locale, options.icons), values: series.days.map((day) => counts.get(`${day}/${c.id}`) ?? 0) }));
  return {
    id: "per-day",
    title: options.title ?? t("chart-per-day"),
    chart:
      categories.length === 0
        ? null
        : stackedBars(
            series.days.map((d) => d.slice(5)),
            named,
          ),
    legend: named.map((s, k) => ({ name: s.name, colour: colour(k) })),
    empty: t("chart-none-filed"),
  };
}

export function resolveHoursChart(perWeek: SeriesFigures["perWeek"], t: Translate): TitledChart {
  const median = t("chart-median");
  const p90 = t("chart-p90");
  return {
    id: "resolve-hours",
    title: t("chart-resolve-hours"),
    chart:
      perWeek.length === 0
        ? null
        : lines(
            perWeek.map((w) => w.week.slice(5)),
            [
              { name: median, values: perWeek.map((w) => w.medianHours) },
              { name: p90, values: perWeek.map((w) => w.p90Hours) },
            ],
          ),
    legend: [
      { name: median, colour: colour(0) },
      { name: p90, colour: colour(1) },
    ],
    empty: t("chart-none-resolved"),
  };
}

type Named = { name: string } & Pick<GroupStats, "deadline" | "rating">;

/** Share dealt with by the deadline, one bar per group (category, area or assignee). */
export function inTimeChart(id: string, title: string, rows: Named[], t: Translate): TitledChart {
  const judged = rows.filter((r) => r.deadline.judged > 0);
  return {
    id,
    title,
    chart:
      judged.length === 0
        ? null
        : shareBars(
            judged.map((r) => ({ name: r.name, share: r.deadline.share, detail: `${percent(r.deadline.share)} (${r.deadline.met}/${r.deadline.judged})` })),
          ),
    legend: [],
    empty: t("chart-none-judged"),
  };
}

/** Residents' average stars (of 5), one bar per group, with how many ratings. */
export function ratingChart(id: string, title: string, rows: Named[], t: Translate): TitledChart {
  const rated = rows.filter((r) => r.rating.count > 0);
  return {
    id,
    title,
    chart:
      rated.length === 0
        ? null
        : shareBars(
            rated.map((r) => ({ name: r.name, share: (r.rating.average ?? 0) / 5, detail: `${(r.rating.average ?? 0).toFixed(1)} ★ (${r.rating.count})` })),
          ),
    legend: [],
    empty: t("chart-none-rated"),
  };
}

/** Every evaluation chart of a period, in the order a reader takes them in. */
export function evaluationCharts(stats: Stats, series: SeriesFigures, locale: string, t: Translate, options: { icons: boolean }): TitledChart[] {
  const categories = stats.byCategory.map((c) => ({ ...c, name: categoryName(c, locale, options.icons) }));
  const areas = stats.byArea.map((a) => ({ ...a, name: a.name ?? t("daily-no-area") }));
  return [
    perDayChart(stats.byCategory, series, locale, t, options),
    resolveHoursChart(series.perWeek, t),
    inTimeChart("in-time-category", t("chart-in-time-category"), categories, t),
    inTimeChart("in-time-area", t("chart-in-time-area"), areas, t),
    inTimeChart("in-time-assignee", t("chart-in-time-assignee"), stats.inspectors, t),
    ratingChart("rating-area", t("chart-rating-area"), areas, t),
    ratingChart("rating-assignee", t("chart-rating-assignee"), stats.inspectors, t),
  ];
}
