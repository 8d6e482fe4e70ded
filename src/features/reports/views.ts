import { InlineKeyboard } from "grammy";
import type { ReportStatus } from "../../db/schema/index.js";
import { myReportsPage, viewReportButton, type Translate } from "./keyboards.js";
import { formatReportNumber } from "./numbers.js";
import type { ReportDetail, ReportListItem } from "./resident-reads.js";
import { zoned } from "../../time.js";
import { pickTranslation } from "../../translated.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";

export const MY_REPORTS_PAGE_SIZE = 5;
/** A staff note in a report's history, as long as the resident sees it (the card has it whole). */
const HISTORY_NOTE_MAX = 300;

export const statusKeys: Record<ReportStatus, string> = {
  new: "report-status-new",
  accepted: "report-status-accepted",
  assigned: "report-status-assigned",
  in_progress: "report-status-in-progress",
  resolved: "report-status-resolved",
  closed: "report-status-closed",
  rejected: "report-status-rejected",
  duplicate: "report-status-duplicate",
  reopened: "report-status-reopened",
};

export function formatTime(iso: string, tz: string): string {
  return zoned(iso, tz).format("YYYY-MM-DD HH:mm");
}

/** One page of /my: a line and a button per report, paging buttons below. */
export function renderMyReports(
  page: { items: ReportListItem[]; total: number },
  offset: number,
  locale: string,
  tz: string,
  t: Translate,
): { text: string; keyboard: InlineKeyboard } {
  if (page.total === 0) return { text: t("my-reports-none"), keyboard: new InlineKeyboard() };
  const keyboard = new InlineKeyboard();
  const lines = page.items.map((r) => {
    const category = pickTranslation(r.categoryName, locale);
    const status = t(statusKeys[r.status]);
    keyboard.text(`${formatReportNumber(r.number)} · ${status}`, viewReportButton.pack({ id: r.id })).row();
    return t("my-reports-line", {
      number: formatReportNumber(r.number),
      icon: r.categoryIcon,
      category,
      status,
      date: formatTime(r.createdAt, tz),
      supported: r.supported ? "yes" : "no",
    });
  });
  if (offset > 0) keyboard.text(t("page-newer"), myReportsPage.pack({ offset: Math.max(0, offset - MY_REPORTS_PAGE_SIZE) }));
  if (offset + page.items.length < page.total) keyboard.text(t("page-older"), myReportsPage.pack({ offset: offset + MY_REPORTS_PAGE_SIZE }));
  const header = t("my-reports-header", { from: offset + 1, to: offset + page.items.length, total: page.total });
  return { text: `${header}\n\n${lines.join("\n")}`, keyboard };
}

/** A report's detail and its history, as the reporter or a supporter sees it, in one message. */
export function renderReportDetail(detail: ReportDetail, locale: string, tz: string, t: Translate): string {
  const category = pickTranslation(detail.categoryName, locale);
  const place = [detail.address, detail.location ? `${detail.location.latitude.toFixed(5)}, ${detail.location.longitude.toFixed(5)}` : null]
    .filter(Boolean)
    .join(" · ");
  const lines = [
    t("report-detail-title", { number: formatReportNumber(detail.number), icon: detail.categoryIcon, category }),
    t("report-detail-status", { status: t(statusKeys[detail.status]) }),
    t("report-detail-description", {
      description: detail.description ?? (detail.hasVoice ? t("report-summary-voice") : t("report-detail-hidden")),
    }),
    t("report-detail-place", { place: place || "—", area: detail.areaName ?? t("report-summary-no-area") }),
    t("report-detail-created", { date: formatTime(detail.createdAt, tz) }),
  ];
  if (detail.deadlineAt && !["closed", "rejected", "duplicate"].includes(detail.status)) {
    lines.push(t("report-detail-deadline", { date: formatTime(detail.deadlineAt, tz) }));
  }
  if (detail.duplicateOfNumber) lines.push(t("report-detail-duplicate-of", { number: formatReportNumber(detail.duplicateOfNumber) }));
  if (detail.supporters > 0) lines.push(t("report-detail-supporters", { count: detail.supporters }));
  if (detail.rating) lines.push(t("report-detail-rating", { stars: "⭐".repeat(detail.rating) }));
  lines.push("", t("report-detail-history"));
  for (const h of detail.history) {
    const note = h.note ? `: ${fitText(h.note, HISTORY_NOTE_MAX)}` : "";
    lines.push(`• ${formatTime(h.at, tz)} ${t(statusKeys[h.to])}${note}`);
  }
  return fitText(lines.join("\n"), TEXT_MAX);
}
