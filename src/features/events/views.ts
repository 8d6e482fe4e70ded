import { InlineKeyboard } from "grammy";
import { formatTime } from "../reports/views.js";
import type { VolunteerHours } from "./attendance.js";
import { answerOffer, leaveSignup } from "./keyboards.js";
import type { MySignup, OpenEvent } from "./listing.js";
import type { Translate } from "../../i18n.js";
import type { Reminders } from "./messages.js";

const eventVars = (event: OpenEvent["event"], tz: string) => ({
  title: event.title,
  time: formatTime(event.startsAt.toISOString(), tz),
  end: formatTime(event.endsAt.toISOString(), tz).slice(11),
  place: event.place ?? "—",
  kind: event.kind,
});

/** An event open to the person: when, where, and per slot the seats left and the line. */
export function renderOpenEvent(open: OpenEvent, tz: string, t: Translate): string {
  const slots = open.slots.map((s) =>
    t("events-slot-line", { slot: s.name || t("events-slot-any"), left: s.capacity === null ? -1 : Math.max(0, s.capacity - s.taken), waiting: s.waiting }),
  );
  const lines = [t("events-card", eventVars(open.event, tz)), ...(open.event.description ? [open.event.description] : []), ...slots];
  if (open.mine) lines.push(t("events-you-are", { status: open.mine.status }));
  return lines.join("\n");
}

/** A person's sign-ups, each with what they can do about it (nothing once the event has begun). */
export function renderMySignups(mine: readonly MySignup[], tz: string, t: Translate, now: Date): { text: string; keyboard: InlineKeyboard | undefined } {
  if (mine.length === 0) return { text: t("events-mine-none"), keyboard: undefined };
  const keyboard = new InlineKeyboard();
  const lines = mine.map((s, i) => {
    const label = `${i + 1}. ${s.event.title}`;
    if (s.status === "offered") {
      keyboard.text(`${t("events-offer-take")} · ${label}`, answerOffer.pack({ signup: s.signupId, answer: "yes" })).row();
    }
    // No stepping back once it has begun (the service refuses it too).
    if (s.status !== "attended" && s.status !== "no_show" && s.event.startsAt > now)
      keyboard.text(`${t("events-leave")} · ${label}`, leaveSignup.pack({ signup: s.signupId })).row();
    return t("events-mine-line", {
      n: i + 1,
      ...eventVars(s.event, tz),
      slot: s.slotName || t("events-slot-any"),
      status: s.status,
      position: s.position ?? 0,
    });
  });
  return { text: [t("events-mine-header"), ...lines].join("\n"), keyboard: keyboard.inline_keyboard.length > 0 ? keyboard : undefined };
}

/** Minutes as hours with one decimal, as the office counts them. */
export const asHours = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1);

export function renderHours(hours: VolunteerHours, t: Translate): string {
  return t("events-hours", { month: asHours(hours.month), year: asHours(hours.year), all: asHours(hours.all), events: hours.events });
}

/**
 * "✅ You are signed up. I will remind you 24 hours and 2 hours before it starts.", naming the
 * deployment's duty reminders (EVENT_REMINDERS) that are still to come for an event starting at
 * `startsAt`, in the person's language.
 */
export function joinedText(reminders: Reminders, startsAt: Date, now: Date, locale: string, t: Translate): string {
  const coming = reminders.event.filter((hours) => startsAt.getTime() - hours * 3600_000 > now.getTime());
  if (coming.length === 0) return t("events-joined-no-reminders");
  const items = coming.map((hours) =>
    Number.isInteger(hours) ? t("events-remind-hours", { hours }) : t("events-remind-minutes", { minutes: Math.round(hours * 60) }),
  );
  return t("events-joined", { when: new Intl.ListFormat(locale, { type: "conjunction" }).format(items) });
}
