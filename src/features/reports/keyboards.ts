import { InlineKeyboard, Keyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import { cancelButton } from "../../bot/menus.js";
import type { Translate } from "../../i18n.js";

export const categoryButton = new CallbackData("rcat", ["id"]);
export const photosDoneButton = new CallbackData("rdone", []);
export const outsideAreaButton = new CallbackData("rout", ["answer"]);
export const duplicateButton = new CallbackData("rdup", ["id"]);
export const newReportButton = new CallbackData("rnew", []);
export const summaryButton = new CallbackData("rsum", ["choice"]);
export const editButton = new CallbackData("redit", ["field"]);
export const fixedButton = new CallbackData("rfix", ["id", "answer"]);
export const rateButton = new CallbackData("rrate", ["id", "stars"]);
export const myReportsPage = new CallbackData("rmy", ["offset"]);
export const viewReportButton = new CallbackData("rview", ["id"]);
export const forgetButton = new CallbackData("forget", ["answer"]);

export type { Translate };
export const editableFields = ["category", "description", "photos", "location"] as const;
export type EditableField = (typeof editableFields)[number];

function withCancel(keyboard: InlineKeyboard, t: Translate): InlineKeyboard {
  return keyboard.row().text(t("button-cancel"), cancelButton.pack({}));
}

export function categoryKeyboard(categories: ReadonlyArray<{ id: number; label: string }>, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of categories) keyboard.text(c.label, categoryButton.pack({ id: c.id })).row();
  return withCancel(keyboard, t);
}

export function photosKeyboard(t: Translate, received: number): InlineKeyboard {
  return withCancel(new InlineKeyboard().text(t(received > 0 ? "report-photos-done" : "report-photos-skip"), photosDoneButton.pack({})), t);
}

/** A reply keyboard: Telegram's own "share my location" button is the easiest way for the elderly. */
export function locationKeyboard(t: Translate): Keyboard {
  return new Keyboard().requestLocation(t("report-location-share")).resized().oneTime();
}

export function outsideAreaKeyboard(t: Translate): InlineKeyboard {
  return withCancel(
    new InlineKeyboard()
      .text(t("report-outside-yes"), outsideAreaButton.pack({ answer: "yes" }))
      .row()
      .text(t("report-outside-again"), outsideAreaButton.pack({ answer: "again" })),
    t,
  );
}

export function duplicateKeyboard(candidates: ReadonlyArray<{ id: number; label: string }>, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of candidates) keyboard.text(t("report-duplicate-support", { number: c.label }), duplicateButton.pack({ id: c.id })).row();
  return withCancel(keyboard.text(t("report-duplicate-new"), newReportButton.pack({})), t);
}

export function summaryKeyboard(t: Translate, anonymous: boolean): InlineKeyboard {
  return withCancel(
    new InlineKeyboard()
      .text(t("report-confirm"), summaryButton.pack({ choice: "confirm" }))
      .row()
      .text(t("report-edit"), summaryButton.pack({ choice: "edit" }))
      .row()
      .text(t(anonymous ? "report-anonymous-on" : "report-anonymous-off"), summaryButton.pack({ choice: "anonymous" })),
    t,
  );
}

/** What to change, and Back to the summary as it was. */
export function editKeyboard(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const field of editableFields) keyboard.text(t(`report-edit-${field}`), editButton.pack({ field })).row();
  return withCancel(keyboard.text(t("report-edit-back"), editButton.pack({ field: "back" })), t);
}

export function fixedKeyboard(reportId: number, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("report-answer-fixed"), fixedButton.pack({ id: reportId, answer: "yes" }))
    .row()
    .text(t("report-answer-not-fixed"), fixedButton.pack({ id: reportId, answer: "no" }));
}

export function ratingKeyboard(reportId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let stars = 1; stars <= 5; stars++) keyboard.text("⭐".repeat(stars), rateButton.pack({ id: reportId, stars })).row();
  return keyboard;
}

export function forgetKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("forget-confirm"), forgetButton.pack({ answer: "yes" }))
    .row()
    .text(t("forget-keep"), forgetButton.pack({ answer: "no" }));
}
