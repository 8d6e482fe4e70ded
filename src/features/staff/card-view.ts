import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import { CAPTION_MAX, fitText } from "../../bot/text-fit.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime, statusKeys } from "../reports/views.js";
import type { Assignee, CardData } from "./cards.js";
import type { Translate } from "../../i18n.js";
import { pickTranslation } from "../../translated.js";

export const cardAction = new CallbackData("sc", ["id", "action"]);
export const assignTo = new CallbackData("sa", ["id", "user"]);
export const cardActions = ["accept", "assign", "reject", "dup", "back", "verify", "reopen"] as const;
export type CardAction = (typeof cardActions)[number];

/** Telegram captions stop at 1,024 UTF-16 units; the description gives way first. */
export const CAPTION_LIMIT = CAPTION_MAX;

/** The card's text as staff read it in the group: what, where, when due, who reported, who has it. */
export function renderCard(card: CardData, locale: string, tz: string, t: Translate, limit = 4096): string {
  const category = pickTranslation(card.categoryName, locale);
  const place = [card.address, card.location ? `${card.location.latitude.toFixed(5)}, ${card.location.longitude.toFixed(5)}` : null]
    .filter(Boolean)
    .join(" · ");
  const head = [
    t("card-title", { number: formatReportNumber(card.number), icon: card.categoryIcon, category }),
    t("card-status", { status: t(statusKeys[card.status]) }),
  ];
  const tail = [
    t("card-place", { place: place || "—", area: card.areaName ?? t("report-summary-no-area") }),
    card.deadlineAt ? t("card-deadline", { date: formatTime(card.deadlineAt, tz) }) : null,
    card.reporter
      ? t("card-reporter", { name: card.reporter.name, username: card.reporter.username ? `@${card.reporter.username}` : "" })
      : t("card-reporter-anonymous"),
    card.supporters > 0 ? t("card-supporters", { count: card.supporters }) : null,
    card.assignee ? t("card-assignee", { name: card.assignee.name }) : null,
    card.lastEvent && card.lastEvent.to !== "new"
      ? t("card-last-event", {
          status: t(statusKeys[card.lastEvent.to]),
          actor: card.lastEvent.actorName ?? t("card-system"),
          date: formatTime(card.lastEvent.at, tz),
          note: card.lastEvent.note ?? "",
        })
      : null,
  ].filter((line): line is string => line !== null);
  const description = card.descriptionHidden ? t("report-detail-hidden") : (card.description ?? (card.hasVoice ? t("report-summary-voice") : null));
  // Nothing was said (a patrol finding is its photo): no line, rather than "hidden by staff".
  if (description === null) return fitText([...head, ...tail].join("\n"), limit);
  const fixed = [...head, ...tail].join("\n").length + 1;
  const room = Math.max(20, limit - fixed - t("card-description", { description: "" }).length - 1);
  // Cut between two characters as a reader sees them (never inside an emoji); a card whose
  // other lines are too long (an old venue's title) loses its end rather than fail to send.
  return fitText([...head, t("card-description", { description: fitText(description, room) }), ...tail].join("\n"), limit);
}

/** What staff can do next, by state. Finished reports have no buttons. */
export function cardKeyboard(card: CardData, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const button = (action: CardAction, key: string) => keyboard.text(t(key), cardAction.pack({ id: card.reportId, action }));
  switch (card.status) {
    case "new":
    case "reopened":
      button("accept", "card-accept");
      button("assign", "card-assign").row();
      button("reject", "card-reject");
      button("dup", "card-duplicate");
      break;
    case "accepted":
      button("assign", "card-assign").row();
      button("reject", "card-reject");
      button("dup", "card-duplicate");
      break;
    case "assigned":
    case "in_progress":
      button("assign", "card-reassign");
      break;
    case "resolved":
      // 核查结案: a second staff member confirms the fix, or sends it back.
      button("verify", "card-verify");
      button("reopen", "card-reopen");
      break;
    default:
      break;
  }
  return keyboard;
}

export function assigneeKeyboard(reportId: number, assignees: Assignee[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const a of assignees) {
    keyboard.text(a.responsible ? t("card-assignee-responsible", { name: a.name }) : a.name, assignTo.pack({ id: reportId, user: a.userId })).row();
  }
  return keyboard.text(t("card-back"), cardAction.pack({ id: reportId, action: "back" }));
}
