import type { CsvCell } from "./csv.js";
import { pickTranslation } from "../../translated.js";
import type { Translate } from "./daily-view.js";
import type { GroupStats, Stats } from "./stats.js";
import { volunteerLines } from "./volunteer-figures.js";
import { lectureLines } from "../lectures/period-figures.js";

/** Lines per list in the message; the CSV has them all. */
export const STATS_LIST_LIMIT = 25;

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);
const percentCell = (share: number | null): CsvCell => (share === null ? null : Math.round(share * 1000) / 10);
const hoursText = (hours: number | null) => (hours === null ? "—" : hours.toFixed(1));

function groupLine(name: string, g: GroupStats, t: Translate): string {
  return t("stats-group-line", {
    name,
    reports: g.reports,
    resolved: g.resolved,
    ontime: percent(g.deadline.share),
    reopen: percent(g.reopen.rate),
    rating: g.rating.average === null ? "—" : g.rating.average.toFixed(1),
  });
}

function capped(lines: string[], t: Translate): string[] {
  if (lines.length <= STATS_LIST_LIMIT) return lines;
  return [...lines.slice(0, STATS_LIST_LIMIT), t("stats-more", { count: lines.length - STATS_LIST_LIMIT })];
}

/** /stats as a message, in the reader's language. */
export function renderStats(stats: Stats, locale: string, t: Translate): string {
  const lines = [t("stats-title", { from: stats.period.from, to: stats.period.to })];
  if (stats.reports === 0) {
    lines.push("", t("stats-empty"), ...volunteerLines(stats.volunteering, t), ...lectureLines(stats.lectures, t));
    return lines.join("\n");
  }
  lines.push(
    "",
    t("stats-reports", { reports: stats.reports, resolved: stats.resolved }),
    stats.medianHours === null
      ? t("stats-resolve-time-none")
      : t("stats-resolve-time", { median: hoursText(stats.medianHours), p90: hoursText(stats.p90Hours) }),
    t("stats-ontime", { share: percent(stats.deadline.share), met: stats.deadline.met, judged: stats.deadline.judged }),
    t("stats-reopen", { share: percent(stats.reopen.rate), reopened: stats.reopen.reports, reports: stats.reports }),
    stats.rating.average === null ? t("stats-rating-none") : t("stats-rating", { count: stats.rating.count, average: stats.rating.average.toFixed(1) }),
    "",
    t("stats-by-category"),
    ...capped(
      stats.byCategory.map((c) => groupLine(`${c.icon} ${pickTranslation(c.name, locale)}`, c, t)),
      t,
    ),
    "",
    t("stats-by-area"),
    ...capped(
      stats.byArea.map((a) => groupLine(a.name ?? t("daily-no-area"), a, t)),
      t,
    ),
  );
  if (stats.inspectors.length > 0) {
    lines.push(
      "",
      t("stats-inspectors"),
      ...capped(
        stats.inspectors.map((i) => t("stats-inspector-line", { name: i.name, assigned: i.assigned, resolved: i.resolved })),
        t,
      ),
    );
  }
  lines.push(...volunteerLines(stats.volunteering, t), ...lectureLines(stats.lectures, t));
  lines.push("", t("stats-csv-note"));
  return lines.join("\n");
}

/** The CSV's rows: a header, the totals, then a row per category, area and assignee. */
export function statsCsvRows(stats: Stats, locale: string, t: Translate): CsvCell[][] {
  const header = [
    t("stats-csv-section"),
    t("stats-csv-name"),
    t("stats-csv-reports"),
    t("stats-csv-resolved"),
    t("stats-csv-judged"),
    t("stats-csv-met"),
    t("stats-csv-ontime"),
    t("stats-csv-reopened"),
    t("stats-csv-reopen-rate"),
    t("stats-csv-ratings"),
    t("stats-csv-rating"),
    t("stats-csv-median"),
    t("stats-csv-p90"),
    t("stats-csv-assigned"),
  ];
  const groupCells = (g: GroupStats): CsvCell[] => [
    g.reports,
    g.resolved,
    g.deadline.judged,
    g.deadline.met,
    percentCell(g.deadline.share),
    g.reopen.reports,
    percentCell(g.reopen.rate),
    g.rating.count,
    g.rating.average,
  ];
  return [
    header,
    [t("stats-csv-total"), `${stats.period.from} ~ ${stats.period.to}`, ...groupCells(stats), stats.medianHours, stats.p90Hours, null],
    ...stats.byCategory.map((c) => [t("stats-csv-category"), pickTranslation(c.name, locale), ...groupCells(c), null, null, null]),
    ...stats.byArea.map((a) => [t("stats-csv-area"), a.name ?? t("daily-no-area"), ...groupCells(a), null, null, null]),
    ...stats.inspectors.map((i) => [t("stats-csv-inspector"), i.name, null, i.resolved, null, null, null, null, null, null, null, null, null, i.assigned]),
  ];
}
