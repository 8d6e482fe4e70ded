import { InlineKeyboard, Keyboard } from "grammy";
import { ButtonData, idField, intField, oneOf } from "../../bot/button-data.js";
import { cancelButton } from "../../bot/menus.js";
import type { Translate } from "../../i18n.js";

export type { Translate };
export const editableFields = ["category", "description", "photos", "location"] as const;
export type EditableField = (typeof editableFields)[number];
const yesNo = oneOf(["yes", "no"]);

export const categoryButton = new ButtonData("rcat", { id: idField() });
export const photosDoneButton = new ButtonData("rdone", {});
/** Outside every area: file it anyway, or share the location again. */
export const outsideAreaButton = new ButtonData("rout", { answer: oneOf(["yes", "again"]) });
export const duplicateButton = new ButtonData("rdup", { id: idField() });
export const newReportButton = new ButtonData("rnew", {});
export const summaryButton = new ButtonData("rsum", { choice: oneOf(["confirm", "edit", "anonymous"]) });
export const editButton = new ButtonData("redit", { field: oneOf([...editableFields, "back"]) });
export const fixedButton = new ButtonData("rfix", { id: idField(), answer: yesNo });
export const rateButton = new ButtonData("rrate", { id: idField(), stars: intField(1, 5) });
export const myReportsPage = new ButtonData("rmy", { offset: intField(0, Number.MAX_SAFE_INTEGER) });
export const viewReportButton = new ButtonData("rview", { id: idField() });
export const forgetButton = new ButtonData("forget", { answer: yesNo });

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
