import { zoned } from "../../time.js";
import { pickTranslation } from "../../translated.js";
import type { DailyFigures, DayCounts } from "./daily.js";
import type { Translate } from "../../i18n.js";
import { volunteerLines } from "./volunteer-figures.js";
import { lectureLines } from "../lectures/period-figures.js";

export type { Translate };

const clock = (iso: string, tz: string) => zoned(iso, tz).format("HH:mm");

function countsLine(name: string, c: DayCounts, t: Translate): string {
  return t("daily-group-line", { name, new: c.new, resolved: c.resolved, closed: c.closed, reopened: c.reopened, overdue: c.overdue });
}

/** The daily report (日汇报) as a message, in the reader's language. */
export function renderDailyReport(figures: DailyFigures, locale: string, t: Translate): string {
  const tz = figures.timezone;
  const whole = figures.asOf >= figures.to;
  const lines = [
    t("daily-title", { community: figures.communityName, day: figures.day }),
    whole ? t("daily-whole-day") : t("daily-as-of", { time: clock(figures.asOf, tz) }),
    "",
    t("daily-totals", {
      new: figures.totals.new,
      resolved: figures.totals.resolved,
      closed: figures.totals.closed,
      reopened: figures.totals.reopened,
      overdue: figures.totals.overdue,
    }),
  ];
  if (figures.byCategory.length > 0) {
    lines.push("", t("daily-by-category"));
    for (const c of figures.byCategory) lines.push(countsLine(`${c.icon} ${pickTranslation(c.name, locale)}`, c, t));
  }
  if (figures.byArea.length > 0) {
    lines.push("", t("daily-by-area"));
    for (const a of figures.byArea) lines.push(countsLine(a.name ?? t("daily-no-area"), a, t));
  }
  lines.push("");
  if (figures.patrols.length === 0) lines.push(t("daily-patrols-none"));
  else {
    lines.push(t("daily-patrols", { count: figures.patrolTotals.count, minutes: figures.patrolTotals.minutes, findings: figures.patrolTotals.findings }));
    for (const p of figures.patrols) {
      lines.push(
        t("daily-patrol-line", {
          name: p.inspectorName ?? t("daily-unknown-inspector"),
          start: clock(p.startedAt, tz),
          end: p.endedAt ? clock(p.endedAt, tz) : t("daily-patrol-ongoing"),
          minutes: p.minutes,
          findings: p.findings,
        }),
      );
    }
  }
  const { ratings, average } = figures.satisfaction;
  lines.push(ratings === 0 || average === null ? t("daily-ratings-none") : t("daily-ratings", { ratings, average: average.toFixed(1) }));
  lines.push(...volunteerLines(figures.volunteering, t));
  lines.push(...lectureLines(figures.lectures, t));
  return lines.join("\n");
}
