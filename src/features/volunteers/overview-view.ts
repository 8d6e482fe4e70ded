import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import type { CsvCell } from "../evaluation/csv.js";
import { asHours } from "../events/views.js";
import type { Translate } from "../../i18n.js";
import type { MonthHours, VolunteerLine } from "./overview.js";

/** Lines in the message; the CSV has everyone. */
export const OVERVIEW_LINES = 40;

const rate = (line: VolunteerLine) =>
  line.noShowRate === null ? "—" : `${line.noShows}/${line.attended + line.noShows} (${Math.round(line.noShowRate * 100)}%)`;

/** /volunteers for staff: who, their teams, hours this month and in all, and how often they did not come. */
export function renderOverview(lines: readonly VolunteerLine[], month: string, t: Translate): string {
  if (lines.length === 0) return t("volunteers-overview-none");
  const total = lines.reduce((sum, l) => sum + l.monthMinutes, 0);
  const text = [
    t("volunteers-overview-header", { count: lines.length, month, hours: asHours(total) }),
    ...lines.slice(0, OVERVIEW_LINES).map((l, i) =>
      t("volunteers-overview-line", {
        n: i + 1,
        name: l.name,
        realName: l.realName && l.realName !== l.name ? l.realName : "-",
        teams: l.teams.length > 0 ? l.teams.join(", ") : t("volunteers-no-team"),
        month: asHours(l.monthMinutes),
        all: asHours(l.allMinutes),
        events: l.attended,
        rate: rate(l),
      }),
    ),
  ];
  if (lines.length > OVERVIEW_LINES) text.push(t("volunteers-overview-more", { count: lines.length - OVERVIEW_LINES }));
  text.push("", t("volunteers-overview-csv"));
  return fitText(text.join("\n"), TEXT_MAX);
}

/** Hours as a number with one decimal, for a spreadsheet to add up. */
const hoursCell = (minutes: number): number => Number(asHours(minutes));

/** The hours export: a header, then a row per volunteer and month. */
export function hoursCsvRows(rows: readonly MonthHours[], t: Translate): CsvCell[][] {
  return [
    [t("volunteers-csv-name"), t("volunteers-csv-real-name"), t("volunteers-csv-month"), t("volunteers-csv-hours"), t("volunteers-csv-events")],
    ...rows.map((r) => [r.name, r.realName, r.month, hoursCell(r.minutes), r.events]),
  ];
}
