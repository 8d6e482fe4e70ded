import { InlineKeyboard } from "grammy";
import type { Event } from "../../db/schema/index.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import { formatTime } from "../reports/views.js";
import {
  rosterAnnounce,
  rosterCancel,
  rosterCsv,
  rosterHours,
  rosterList,
  rosterMark,
  rosterOpen,
  rosterQr,
  rosterSeats,
  rosterTime,
} from "./organiser-keyboards.js";
import type { Roster } from "./roster-service.js";
import type { Translate } from "../../i18n.js";

/** People with present / absent (and hours) buttons in one roster (at most three each; Telegram allows 100). */
export const MARKABLE_MAX = 30;
/** A button's label keeps a name short. */
const NAME_IN_BUTTON = 20;

/** When and where, as every organiser message names an event. */
export function eventFacts(event: Pick<Event, "title" | "startsAt" | "endsAt" | "place" | "kind">, tz: string) {
  return {
    title: event.title,
    time: formatTime(event.startsAt.toISOString(), tz),
    end: formatTime(event.endsAt.toISOString(), tz).slice(11),
    place: event.place ?? "—",
    kind: event.kind,
  };
}

/** /roster: a button per event of today and to come. */
export function renderEventList(list: readonly Event[], tz: string, t: Translate): { text: string; keyboard: InlineKeyboard | undefined } {
  if (list.length === 0) return { text: t("roster-none"), keyboard: undefined };
  const keyboard = new InlineKeyboard();
  for (const event of list) {
    const label = t("roster-event-button", { time: formatTime(event.startsAt.toISOString(), tz).slice(5), title: event.title });
    keyboard.text(fitText(label, 60), rosterOpen.pack({ event: event.id })).row();
  }
  return { text: t("roster-pick"), keyboard };
}

/**
 * An event's roster for staff: per slot the people by state with their names, present / absent
 * buttons for those holding a seat, then what the organiser can change.
 */
export function renderRoster(roster: Roster, tz: string, t: Translate): { text: string; keyboard: InlineKeyboard } {
  const { event } = roster;
  const lines = [t("roster-header", { ...eventFacts(event, tz), code: event.checkInCode })];
  if (event.status === "cancelled") lines.push(t("roster-is-cancelled"));
  const keyboard = new InlineKeyboard();
  let markable = 0;
  for (const slot of roster.slots) {
    const taken = slot.people.filter((p) => p.status !== "waitlisted").length;
    lines.push("", t("roster-slot", { slot: slot.name || t("newevent-everyone-slot"), taken, capacity: slot.capacity ?? -1 }));
    if (slot.people.length === 0) lines.push(t("roster-slot-empty"));
    for (const person of slot.people) {
      lines.push(t("roster-person", { name: person.name, status: person.status, position: person.position ?? 0 }));
      const seated = person.status === "confirmed" || person.status === "attended" || person.status === "no_show";
      if (!seated || event.status === "cancelled" || markable >= MARKABLE_MAX) continue;
      markable++;
      const name = fitText(person.name, NAME_IN_BUTTON);
      keyboard
        .text(t("roster-mark-present", { name }), rosterMark.pack({ signup: person.signupId, mark: "p" }))
        .text(t("roster-mark-absent", { name }), rosterMark.pack({ signup: person.signupId, mark: "a" }));
      // Hours count only for people who came: they alone can have theirs adjusted.
      if (person.status === "attended") keyboard.text(t("roster-hours-button"), rosterHours.pack({ signup: person.signupId }));
      keyboard.row();
    }
  }
  if (event.status !== "cancelled") {
    keyboard
      .text(t("roster-button-time"), rosterTime.pack({ event: event.id }))
      .text(t("roster-button-seats"), rosterSeats.pack({ event: event.id }))
      .row();
    keyboard
      .text(t("roster-button-qr"), rosterQr.pack({ event: event.id }))
      .text(t("roster-button-cancel"), rosterCancel.pack({ event: event.id, step: "ask" }))
      .row();
    keyboard.text(t("roster-button-announce"), rosterAnnounce.pack({ event: event.id })).row();
  }
  keyboard.text(t("roster-button-csv"), rosterCsv.pack({ event: event.id })).text(t("roster-button-back"), rosterList.pack({}));
  return { text: fitText(lines.join("\n"), TEXT_MAX), keyboard };
}

/** The people a cancellation or a move would tell: everyone still signed up, waiting or offered a seat. */
export function peopleToTell(roster: Roster): number {
  const live = roster.slots.flatMap((s) => s.people).filter((p) => p.status === "confirmed" || p.status === "waitlisted" || p.status === "offered");
  return new Set(live.map((p) => p.userId)).size;
}
