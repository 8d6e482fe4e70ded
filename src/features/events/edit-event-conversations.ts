import type { BotConversation, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { addLocalDays } from "../../time.js";
import { parseCapacity, parseStart, SLOT_CAPACITY_MAX, START_DAYS_MAX } from "./event-input.js";
import { remindersOf, signupMessages } from "./messages.js";
import { organiserMessages } from "./organiser-messages.js";
import { changeCapacity, laterInSeries, rescheduleEvent } from "./organiser-service.js";
import { askStep, type Read } from "./organiser-steps.js";
import { findEvent } from "./roster-service.js";
import { eventFacts } from "./roster-view.js";
import { seatsOf } from "./service.js";

export const EVENT_SEATS_CONVERSATION = "event-seats";
export const EVENT_TIME_CONVERSATION = "event-time";

/** How an edit ends when the event changed meanwhile (cancelled, over, gone): told, and the conversation ends. */
const endings = {
  "not-found": "roster-refused-gone",
  "event-cancelled": "roster-refused-cancelled",
  over: "roster-refused-over",
  started: "roster-time-started",
} as const;

type Outcome = { done: string } | { ended: keyof typeof endings } | { denied: true };

/** The organiser's answer to an edit, read and saved in one go: refusals re-ask, the rest ends the edit. */
async function finish(ctx: InnerContext, outcome: Outcome): Promise<void> {
  if ("done" in outcome) await ctx.reply(outcome.done);
  else if ("ended" in outcome) await ctx.reply(ctx.t(endings[outcome.ended]));
}

/**
 * Change seats (from a roster): which role (when there are several) → the new number or "no
 * limit". Fewer seats than people holding one is refused with their number and asked again;
 * more seats are offered to the waitlist.
 */
export function eventSeatsConversation(deps: AppDeps) {
  const tell = signupMessages(() => deps.clock.now(), remindersOf(deps.config));
  return async function seats(conversation: BotConversation, ctx: InnerContext, communityId: number, eventId: number): Promise<void> {
    const slots = await conversation.external(async () => ((await findEvent(deps.db, eventId, communityId)) ? seatsOf(deps.db, eventId) : []));
    if (slots.length === 0) return await finish(ctx, { ended: "not-found" });
    const label = (slot: (typeof slots)[number]) => slot.name || ctx.t("newevent-everyone-slot");
    const slot =
      slots.length === 1
        ? slots[0]!
        : await askStep(conversation, ctx, {
            name: "slot",
            question: ctx.t("roster-seats-pick"),
            choices: slots.map((s) => ({ value: String(s.slotId), label: label(s) })),
            perRow: 2,
            pressed: (value) => {
              const found = slots.find((s) => String(s.slotId) === value);
              return found && { value: found };
            },
            expectedKey: "use-buttons",
          });
    const question = ctx.t("roster-seats-ask", { slot: label(slot), capacity: slot.capacity ?? -1, taken: slot.taken });
    const outcome = await askStep<Outcome>(conversation, ctx, {
      name: "seats",
      question,
      choices: [{ value: "open", label: ctx.t("newevent-no-limit") }],
      pressed: (value, c) => (value === "open" ? save(c, null) : undefined),
      typed: async (c, text): Promise<Read<Outcome>> => {
        const parsed = parseCapacity(text);
        if (!parsed.ok) return { refuse: c.t("roster-seats-format", { max: SLOT_CAPACITY_MAX }) };
        return save(c, parsed.capacity);
      },
      expectedKey: "roster-seats-expected",
    });
    await finish(ctx, outcome);

    async function save(c: InnerContext, capacity: number | null): Promise<Read<Outcome>> {
      if (!(await ensureRole(c, ["staff"]))) return { value: { denied: true } };
      const result = await conversation.external(() =>
        changeCapacity(deps.db, { slotId: slot.slotId, communityId, capacity, at: deps.clock.now(), actorId: c.from!.id }, undefined, tell),
      );
      if (result.ok) return { value: { done: c.t("roster-seats-done", { slot: label(slot), capacity: capacity ?? -1, offered: result.offered }) } };
      if (result.reason === "below-taken") return { refuse: c.t("roster-seats-below-taken", { slot: label(slot), taken: result.taken }) };
      return { value: { ended: result.reason } };
    }
  };
}

/**
 * Change the start (from a roster): the new start in the community's zone; the end moves with
 * it, the reminders follow and everyone signed up is told. An event of a weekly series with
 * later events asks next whether to move only this one or the whole rest of the series.
 */
export function eventTimeConversation(deps: AppDeps) {
  const tell = organiserMessages(() => deps.clock.now(), remindersOf(deps.config));
  return async function retime(conversation: BotConversation, ctx: InnerContext, communityId: number, eventId: number): Promise<void> {
    const found = await conversation.external(async () => {
      const event = await findEvent(deps.db, eventId, communityId);
      const timezone = await timezoneOf(deps.db, communityId);
      const example = event && formatTime(addLocalDays(event.startsAt, 7, timezone).toISOString(), timezone);
      const later = event ? (await laterInSeries(deps.db, { eventId, communityId, at: deps.clock.now() })).length : 0;
      return event && { ...eventFacts(event, timezone), timezone, example: example!, status: event.status, startsAt: event.startsAt.toISOString(), later };
    });
    if (!found) return await finish(ctx, { ended: "not-found" });
    if (found.status === "cancelled") return await finish(ctx, { ended: "event-cancelled" });
    const { timezone, example } = found;

    async function save(c: InnerContext, startsAt: Date, series: boolean): Promise<Read<Outcome>> {
      if (!(await ensureRole(c, ["staff"]))) return { value: { denied: true } };
      const result = await conversation.external(async () => {
        const moved = await rescheduleEvent(
          deps.db,
          { eventId, communityId, startsAt, at: deps.clock.now(), actorId: c.from!.id, series: series ? { timezone } : null },
          tell,
        );
        return moved.ok
          ? {
              ok: true as const,
              time: formatTime(moved.startsAt.toISOString(), timezone),
              end: formatTime(moved.endsAt.toISOString(), timezone).slice(11),
              told: moved.told,
              events: moved.events,
            }
          : moved;
      });
      if (result.ok) {
        const done = c.t("roster-time-done", { title: found!.title, time: result.time, end: result.end, count: result.told });
        return { value: { done: result.events > 1 ? `${done}\n${c.t("roster-time-series-done", { count: result.events })}` : done } };
      }
      if (result.reason === "unchanged") return { refuse: c.t("roster-time-unchanged") };
      if (result.reason === "past") return { refuse: c.t("newevent-start-past") };
      return { value: { ended: result.reason } };
    }

    const outcome = await askStep<Outcome | { pending: string }>(conversation, ctx, {
      name: "time",
      question: ctx.t("roster-time-ask", { title: found.title, time: found.time, end: found.end, example, timezone }),
      typed: async (c, text) => {
        const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
        const parsed = parseStart(text, timezone, now);
        if (!parsed.ok && parsed.reason === "past") return { refuse: c.t("newevent-start-past") };
        if (!parsed.ok && parsed.reason === "too-far") return { refuse: c.t("newevent-start-too-far", { days: START_DAYS_MAX }) };
        if (!parsed.ok) return { refuse: c.t("newevent-start-format", { example }) };
        if (parsed.at.toISOString() === found.startsAt) return { refuse: c.t("roster-time-unchanged") };
        // A series with events after this one: which to move is asked before anything is saved.
        if (found.later > 0) return { value: { pending: parsed.at.toISOString() } };
        return save(c, parsed.at, false);
      },
      expectedKey: "newevent-start-expected",
    });
    if (!("pending" in outcome)) return await finish(ctx, outcome);
    const startsAt = new Date(outcome.pending);
    const scoped = await askStep<Outcome>(conversation, ctx, {
      name: "scope",
      question: ctx.t("roster-time-scope", { count: found.later }),
      choices: [
        { value: "one", label: ctx.t("roster-time-only-this") },
        { value: "series", label: ctx.t("roster-time-whole-series", { count: found.later + 1 }) },
      ],
      pressed: async (value, c) => {
        if (value !== "one" && value !== "series") return undefined;
        const read = await save(c, startsAt, value === "series");
        // Refused now (the time passed meanwhile): told, and the edit ends.
        return read && "refuse" in read ? { value: { done: read.refuse } } : read;
      },
      expectedKey: "use-buttons",
    });
    await finish(ctx, scoped);
  };
}
