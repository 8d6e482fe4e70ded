import type { Translate } from "../../../i18n.js";
import type { Stats } from "../stats.js";
import { evaluationCharts, perDayChart, type CategoryName, type SeriesFigures, type TitledChart } from "./figures.js";
import { chartPoster, renderPng } from "./image.js";

/** A chart rendered for Telegram: its title (the photo's caption) and the PNG. */
export interface ChartPicture {
  id: string;
  title: string;
  png: Buffer;
}

/**
 * The charts /stats sends, in this order, those with something to draw: what a phone screen
 * shows well as an album. The dashboard's figures page has them all.
 */
export const STATS_PICTURES = ["per-day", "resolve-hours", "in-time-category", "rating-area"] as const;

/** How many days the daily report's chart covers, the reported day the last. */
export const DAILY_CHART_DAYS = 14;

async function picture(chart: TitledChart, subtitle: string): Promise<ChartPicture | null> {
  if (chart.chart === null) return null;
  const svg = chartPoster({ title: chart.title, subtitle, chart: chart.chart, legend: chart.legend });
  return { id: chart.id, title: chart.title, png: await renderPng(svg) };
}

/** /stats's pictures in the reader's language (none for a period without reports). */
export async function statsPictures(stats: Stats, series: SeriesFigures, locale: string, t: Translate): Promise<ChartPicture[]> {
  if (stats.reports === 0) return [];
  const charts = evaluationCharts(stats, series, locale, t, { icons: false });
  const subtitle = t("chart-period", { from: stats.period.from, to: stats.period.to });
  const chosen = STATS_PICTURES.map((id) => charts.find((c) => c.id === id)!);
  const drawn = await Promise.all(chosen.map((chart) => picture(chart, subtitle)));
  return drawn.filter((p): p is ChartPicture => p !== null);
}

/** The daily report's picture: reports per day by kind over the last DAILY_CHART_DAYS days; null with none filed. */
export async function dailyPicture(
  input: { communityName: string; categories: readonly CategoryName[]; series: Pick<SeriesFigures, "days" | "perDay"> },
  locale: string,
  t: Translate,
): Promise<ChartPicture | null> {
  const { days } = input.series;
  const title = t("chart-daily-title", { days: days.length });
  const chart = perDayChart(input.categories, input.series, locale, t, { icons: false, title });
  return picture(chart, t("chart-daily-subtitle", { community: input.communityName, from: days[0] ?? "", to: days.at(-1) ?? "" }));
}
