import type { BotConversation, InnerContext } from "../../bot/context.js";
import { zoned } from "../../time.js";
import { formatTime } from "../reports/views.js";
import { EVENT_HOURS_MAX, parseEnd, parseStart, START_DAYS_MAX } from "./event-input.js";
import { askStep, oneOf } from "./organiser-steps.js";

/** The lengths offered as buttons, in minutes; any end can be typed instead. */
const lengths = [60, 90, 120, 180] as const;

/**
 * Asks when an event starts (typed in the community's zone) and how long it lasts (a button or
 * a typed end), as every conversation that makes an event does. `names` are the steps' replay
 * names, which each conversation keeps as they were so half-filled ones read on.
 */
export async function askEventTimes(
  conversation: BotConversation,
  ctx: InnerContext,
  o: { timezone: string; now: () => Promise<Date>; names: { start: string; length: string } },
): Promise<{ startsAt: string; endsAt: string }> {
  const { timezone, now } = o;
  const example = `${zoned((await now()).getTime() + 7 * 24 * 3600_000, timezone).format("YYYY-MM-DD")} 19:00`;
  const startsAt = await askStep<string>(conversation, ctx, {
    name: o.names.start,
    question: ctx.t("newevent-ask-start", { example, timezone }),
    typed: async (c, text) => {
      const parsed = parseStart(text, timezone, await now());
      if (parsed.ok) return { value: parsed.at.toISOString() };
      if (parsed.reason === "past") return { refuse: c.t("newevent-start-past") };
      if (parsed.reason === "too-far") return { refuse: c.t("newevent-start-too-far", { days: START_DAYS_MAX }) };
      return { refuse: c.t("newevent-start-format", { example }) };
    },
    expectedKey: "newevent-start-expected",
  });
  const start = new Date(startsAt);
  const endsAt = await askStep<string>(conversation, ctx, {
    name: o.names.length,
    question: ctx.t("newevent-ask-end"),
    choices: lengths.map((minutes) => ({ value: String(minutes), label: ctx.t("newevent-hours", { hours: minutes / 60 }) })),
    perRow: 4,
    pressed: (value) => {
      const minutes = oneOf(lengths)(value);
      return minutes && { value: new Date(start.getTime() + minutes.value * 60_000).toISOString() };
    },
    typed: (c, text) => {
      const parsed = parseEnd(text, start, timezone);
      if (parsed.ok) return { value: parsed.endsAt.toISOString() };
      if (parsed.reason === "before-start") return { refuse: c.t("newevent-end-before-start", { start: formatTime(startsAt, timezone) }) };
      if (parsed.reason === "too-long") return { refuse: c.t("newevent-end-too-long", { hours: EVENT_HOURS_MAX }) };
      return { refuse: c.t("newevent-end-format") };
    },
    expectedKey: "newevent-end-format",
  });
  return { startsAt, endsAt };
}
