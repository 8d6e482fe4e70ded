import { InlineKeyboard } from "grammy";
import type { Translate } from "../../i18n.js";
import { leaveSignup } from "../events/keyboards.js";
import { rosterOpen } from "../events/organiser-keyboards.js";
import { formatTime } from "../reports/views.js";
import { lectureDoor, lectureFiles, lectureInterested, lectureRegister } from "./keyboards.js";
import type { LectureFacts, MyLecture } from "./service.js";
import { topicName } from "./topics.js";

/** The facts every lecture message shows, as locale variables. */
export function lectureVars(facts: LectureFacts, tz: string, locale: string) {
  return {
    title: facts.event.title,
    topic: facts.topic ? topicName(facts.topic, locale) : "—",
    speaker: facts.lecture.speaker,
    time: formatTime(facts.event.startsAt.toISOString(), tz),
    end: formatTime(facts.event.endsAt.toISOString(), tz).slice(11),
    place: facts.event.place ?? "—",
  };
}

/** Seats left (-1: no limit) as the card and the buttons say it. */
export const seatsLeft = (facts: LectureFacts) => (facts.seats === null ? -1 : Math.max(0, facts.seats - facts.taken));

/** A lecture's card: what, who, when, where, the seats, the description. */
export function renderLecture(facts: LectureFacts, tz: string, locale: string, t: Translate): string {
  const lines = [t("lectures-card", lectureVars(facts, tz, locale))];
  lines.push(facts.lecture.registrationRequired ? t("lectures-seats", { left: seatsLeft(facts), waiting: facts.waiting }) : t("lectures-no-registration"));
  if (facts.event.description) lines.push(facts.event.description);
  return lines.join("\n");
}

/** Register / Interested for everyone; the door and the figures for who may run them. */
export function lectureKeyboard(facts: LectureFacts, t: Translate, options: { door: boolean; staff: boolean }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (facts.lecture.registrationRequired) keyboard.text(t("lectures-register"), lectureRegister.pack({ lecture: facts.lecture.id })).row();
  keyboard.text(t("lectures-interested"), lectureInterested.pack({ lecture: facts.lecture.id })).row();
  if (options.door) keyboard.text(t("lectures-door"), lectureDoor.pack({ lecture: facts.lecture.id, action: "open" })).row();
  if (options.staff) {
    if (!facts.lecture.announcedAt) {
      keyboard.text(t("lectures-announce"), lectureDoor.pack({ lecture: facts.lecture.id, action: "announce" })).row();
      keyboard.text(t("lectures-announce-all"), lectureDoor.pack({ lecture: facts.lecture.id, action: "annall" })).row();
    }
    keyboard.text(t("lectures-figures"), lectureDoor.pack({ lecture: facts.lecture.id, action: "stats" })).row();
    keyboard.text(t("lectures-poster"), lectureDoor.pack({ lecture: facts.lecture.id, action: "poster" })).row();
    keyboard.text(t("lectures-materials"), lectureFiles.pack({ lecture: facts.lecture.id })).row();
    // Changing the time or the seats, the QR code and who came: the core's roster of the lecture's event.
    keyboard.text(t("lectures-roster"), rosterOpen.pack({ event: facts.event.id })).row();
    keyboard.text(t("lectures-cancel-lecture"), lectureDoor.pack({ lecture: facts.lecture.id, action: "cancel" })).row();
  }
  return keyboard;
}

/** A person's registrations with their codes, each with Cancel. */
export function renderMyLectures(mine: readonly MyLecture[], tz: string, t: Translate): { text: string; keyboard?: InlineKeyboard } {
  if (mine.length === 0) return { text: t("lectures-mine-none") };
  const keyboard = new InlineKeyboard();
  const lines = mine.map((m, i) => {
    if (m.status !== "attended") keyboard.text(t("lectures-cancel-registration", { n: i + 1 }), leaveSignup.pack({ signup: m.signupId })).row();
    return t("lectures-mine-line", {
      n: i + 1,
      title: m.title,
      time: formatTime(m.startsAt.toISOString(), tz),
      place: m.place ?? "—",
      status: m.status,
      code: m.code ?? "—",
    });
  });
  return { text: [t("lectures-mine-header"), ...lines].join("\n"), ...(keyboard.inline_keyboard.length > 0 ? { keyboard } : {}) };
}
