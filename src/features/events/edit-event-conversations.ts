import type { BotConversation, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { formatTime } from "../reports/views.js";
import { addLocalDays } from "../../time.js";
import { parseCapacity, parseStart, SLOT_CAPACITY_MAX, START_DAYS_MAX } from "./event-input.js";
import { signupMessages } from "./messages.js";
import { organiserMessages } from "./organiser-messages.js";
import { changeCapacity, rescheduleEvent } from "./organiser-service.js";
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
  const tell = signupMessages(() => deps.clock.now());
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
 * it, the reminders follow and everyone signed up is told.
 */
export function eventTimeConversation(deps: AppDeps) {
  const tell = organiserMessages(() => deps.clock.now());
  return async function retime(conversation: BotConversation, ctx: InnerContext, communityId: number, eventId: number): Promise<void> {
    const found = await conversation.external(async () => {
      const event = await findEvent(deps.db, eventId, communityId);
      const timezone = await timezoneOf(deps.db, communityId);
      const example = event && formatTime(addLocalDays(event.startsAt, 7, timezone).toISOString(), timezone);
      return event && { ...eventFacts(event, timezone), timezone, example: example!, status: event.status };
    });
    if (!found) return await finish(ctx, { ended: "not-found" });
    if (found.status === "cancelled") return await finish(ctx, { ended: "event-cancelled" });
    const { timezone, example } = found;
    const outcome = await askStep<Outcome>(conversation, ctx, {
      name: "time",
      question: ctx.t("roster-time-ask", { title: found.title, time: found.time, end: found.end, example, timezone }),
      typed: async (c, text): Promise<Read<Outcome>> => {
        const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
        const parsed = parseStart(text, timezone, now);
        if (!parsed.ok && parsed.reason === "past") return { refuse: c.t("newevent-start-past") };
        if (!parsed.ok && parsed.reason === "too-far") return { refuse: c.t("newevent-start-too-far", { days: START_DAYS_MAX }) };
        if (!parsed.ok) return { refuse: c.t("newevent-start-format", { example }) };
        if (!(await ensureRole(c, ["staff"]))) return { value: { denied: true } };
        const result = await conversation.external(async () => {
          const moved = await rescheduleEvent(deps.db, { eventId, communityId, startsAt: parsed.at, at: deps.clock.now(), actorId: c.from!.id }, tell);
          return moved.ok
            ? {
                ok: true as const,
                time: formatTime(moved.startsAt.toISOString(), timezone),
                end: formatTime(moved.endsAt.toISOString(), timezone).slice(11),
                told: moved.told,
              }
            : moved;
        });
        if (result.ok) return { value: { done: c.t("roster-time-done", { title: found.title, time: result.time, end: result.end, count: result.told }) } };
        if (result.reason === "unchanged") return { refuse: c.t("roster-time-unchanged") };
        if (result.reason === "past") return { refuse: c.t("newevent-start-past") };
        return { value: { ended: result.reason } };
      },
      expectedKey: "newevent-start-expected",
    });
    await finish(ctx, outcome);
  };
}
