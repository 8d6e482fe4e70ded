import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import type { Translate } from "../../i18n.js";
import { topicName, type Subscriptions, type Topic } from "./topics.js";

/**
 * Every lecture button's data, built and parsed here. Subscriptions: toggle a topic, every
 * lecture on/off, stop all, the opt-in question. Lectures: register, interested, cancel a
 * registration, open one lecture's page; staff: remove a topic, a lecture's figures.
 */
export const subTopic = new CallbackData("lst", ["topic"]);
export const subAll = new CallbackData("lsa", ["on"]);
export const subStop = new CallbackData("lsx", []);
export const optIn = new CallbackData("lso", ["answer"]);
export const lectureRegister = new CallbackData("lrg", ["lecture"]);
export const lectureInterested = new CallbackData("lin", ["lecture"]);
export const topicRemove = new CallbackData("ltr", ["topic", "step"]);
export const lectureDoor = new CallbackData("ldr", ["lecture", "action"]);
export const lectureRate = new CallbackData("lrt", ["lecture", "stars"]);
/** Staff: add and send a lecture's materials; anyone: a past lecture's materials. */
export const lectureFiles = new CallbackData("lmf", ["lecture"]);
export const lectureFilesGet = new CallbackData("lmg", ["lecture"]);

/** "1"/"0" as a boolean, anything else undefined. */
export const flagOf = (value: string | undefined): boolean | undefined => (value === "1" ? true : value === "0" ? false : undefined);

/** Stars 1–5 only. */
export const starsOf = (value: string | undefined): number | undefined => (value && /^[1-5]$/.test(value) ? Number(value) : undefined);

/** The topics as toggle buttons (✅ subscribed), "every lecture" and "stop all", one big button a row. */
export function subscriptionKeyboard(topics: readonly Topic[], subs: Subscriptions, locale: string, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const topic of topics) {
    // Each button shows its own choice; "every lecture" covers the rest without ticking them.
    const on = subs.topicIds.includes(topic.id);
    keyboard.text(`${on ? "✅" : "⬜"} ${topicName(topic, locale)}`, subTopic.pack({ topic: topic.id })).row();
  }
  keyboard.text(`${subs.allTopics ? "✅" : "⬜"} ${t("lectures-all")}`, subAll.pack({ on: subs.allTopics ? 0 : 1 })).row();
  keyboard.text(t("lectures-stop-all"), subStop.pack({})).row();
  return keyboard;
}

export const optInKeyboard = (t: Translate) =>
  new InlineKeyboard()
    .text(t("lectures-optin-yes"), optIn.pack({ answer: "yes" }))
    .row()
    .text(t("lectures-optin-no"), optIn.pack({ answer: "no" }));

/** An announcement's buttons, rendered in the recipient's language by the outbox. */
export const announcementButtons = (lectureId: number, registration: boolean) => [
  ...(registration ? [[{ key: "lectures-register", data: lectureRegister.pack({ lecture: lectureId }) }]] : []),
  [{ key: "lectures-interested", data: lectureInterested.pack({ lecture: lectureId }) }],
  [{ key: "lectures-stop-these", data: subStop.pack({}) }],
];

/** The feedback question's stars, as the outbox renders them. */
export const ratingButtons = (lectureId: number) => [
  [1, 2, 3, 4, 5].map((stars) => ({ key: "lectures-stars", vars: { stars }, data: lectureRate.pack({ lecture: lectureId, stars }) })),
];
