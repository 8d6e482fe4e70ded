import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import type { OpenEvent } from "./listing.js";
import type { Translate } from "../../i18n.js";

/** Sign up for a slot; step back from a sign-up; take or decline an offered seat. */
export const joinSlot = new CallbackData("evj", ["slot"]);
export const leaveSignup = new CallbackData("evx", ["signup"]);
export const answerOffer = new CallbackData("evo", ["signup", "answer"]);
export const mySignupsButton = new CallbackData("evm", []);

/** One button per slot of an event the person has not joined: its name and the seats left. */
export function joinKeyboard(open: OpenEvent, t: Translate): InlineKeyboard | undefined {
  if (open.mine) return undefined;
  const keyboard = new InlineKeyboard();
  for (const slot of open.slots) {
    const left = slot.capacity === null ? -1 : Math.max(0, slot.capacity - slot.taken);
    keyboard.text(t("events-join", { slot: slot.name || t("events-slot-any"), left }), joinSlot.pack({ slot: slot.slotId })).row();
  }
  return keyboard;
}

export const leaveKeyboard = (signupId: number, t: Translate) => new InlineKeyboard().text(t("events-leave"), leaveSignup.pack({ signup: signupId }));

/** The buttons of an offered seat, as an outbox notice carries them. */
export const offerButtons = (signupId: number) => [
  [
    { key: "events-offer-take", data: answerOffer.pack({ signup: signupId, answer: "yes" }) },
    { key: "events-offer-decline", data: answerOffer.pack({ signup: signupId, answer: "no" }) },
  ],
];

/** "I can't come" under a reminder: frees the seat for the next in line. */
export const cantComeButtons = (signupId: number) => [[{ key: "events-cant-come", data: leaveSignup.pack({ signup: signupId }) }]];
