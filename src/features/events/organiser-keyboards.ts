import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import { cancelButton } from "../../bot/menus.js";
import type { Translate } from "../../i18n.js";

/** An answer by button inside the organisers' conversations: the step it answers and the value. */
export const stepChoice = new CallbackData("ene", ["step", "value"]);
/** /roster: open an event's roster; back to the list. */
export const rosterOpen = new CallbackData("eor", ["event"]);
export const rosterList = new CallbackData("eol", []);
/** Mark a signed-up person present (p) or absent (a). */
export const rosterMark = new CallbackData("eom", ["signup", "mark"]);
/** Cancel the event: ask, then yes or no. */
export const rosterCancel = new CallbackData("eox", ["event", "step"]);
/** Change the start time; change a slot's seats; the check-in QR code again. */
export const rosterTime = new CallbackData("eot", ["event"]);
export const rosterSeats = new CallbackData("eoc", ["event"]);
export const rosterQr = new CallbackData("eoq", ["event"]);
/** Adjust the hours of someone marked present (asks the hours and a reason). */
export const rosterHours = new CallbackData("eoh", ["signup"]);
/** Announce the event to those who may sign up (through the broadcast machinery). */
export const rosterAnnounce = new CallbackData("eoa", ["event"]);
/** The event's roster and attendance sheet as a CSV file. */
export const rosterCsv = new CallbackData("eoe", ["event"]);

export interface Choice {
  value: string;
  label: string;
}

/** Buttons for one step (`perRow` a row), with Cancel under them. */
export function choiceKeyboard(step: string, choices: readonly Choice[], t: Translate, perRow = 1): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  choices.forEach((choice, i) => {
    keyboard.text(choice.label, stepChoice.pack({ step, value: choice.value }));
    if ((i + 1) % perRow === 0 || i === choices.length - 1) keyboard.row();
  });
  return keyboard.text(t("button-cancel"), cancelButton.pack({}));
}

/** The value of a press on this step's buttons, or undefined. */
export function chosen(step: string, data: string | undefined): string | undefined {
  const choice = stepChoice.unpack(data);
  return choice?.step === step ? choice.value : undefined;
}

export function cancelEventKeyboard(eventId: number, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("roster-cancel-yes"), rosterCancel.pack({ event: eventId, step: "yes" }))
    .row()
    .text(t("roster-cancel-no"), rosterCancel.pack({ event: eventId, step: "no" }));
}
