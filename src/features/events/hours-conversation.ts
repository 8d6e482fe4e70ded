import type { BotConversation, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { adjustHours, CREDIT_HOURS_MAX, checkReason, parseCreditHours, REASON_MAX, REASON_MIN, signupHours } from "./hours-adjust.js";
import { askStep, askStepIn } from "./organiser-steps.js";
import { asHours } from "./views.js";

export const EVENT_HOURS_CONVERSATION = "event-hours";

/**
 * Adjust hours (from a roster, for someone marked present): the hours that should count, then
 * the reason, required; saved with its audit entry. A number out of range or a reason too short
 * is refused politely and asked again; nothing is saved before the reason.
 */
export function eventHoursConversation(deps: AppDeps) {
  return async function hours(conversation: BotConversation, ctx: InnerContext, communityId: number, signupId: number): Promise<void> {
    const found = await conversation.external(() => signupHours(deps.db, signupId, communityId));
    if (!found) return void (await ctx.reply(ctx.t("roster-refused-gone")));
    if (found.status !== "attended") return void (await ctx.reply(ctx.t("hours-adjust-not-attended")));
    const now = found.credited ?? found.fromTimes;
    const minutes = await askStep<number>(conversation, ctx, {
      name: "hours",
      question: ctx.t("hours-adjust-ask", {
        name: found.name,
        title: found.title,
        hours: asHours(now),
        source: found.credited === null ? "times" : "credited",
        max: CREDIT_HOURS_MAX,
      }),
      typed: (c, text) => {
        const parsed = parseCreditHours(text);
        return parsed === undefined ? { refuse: c.t("hours-adjust-format", { max: CREDIT_HOURS_MAX }) } : { value: parsed };
      },
      expectedKey: "hours-adjust-expected",
    });
    const { value: reason, ctx: answered } = await askStepIn<string>(conversation, ctx, {
      name: "reason",
      question: ctx.t("hours-adjust-ask-reason"),
      typed: (c, text) => {
        const checked = checkReason(text);
        if (checked.ok) return { value: checked.reason };
        return {
          refuse: c.t(checked.problem === "too-short" ? "hours-adjust-reason-short" : "hours-adjust-reason-long", { min: REASON_MIN, max: REASON_MAX }),
        };
      },
      expectedKey: "hours-adjust-reason-expected",
    });
    // The role is checked again on the answer that saves.
    if (!(await ensureRole(answered, ["staff"]))) return;
    const result = await conversation.external(() =>
      adjustHours(deps.db, { signupId, communityId, minutes, reason, actorId: ctx.from!.id, at: deps.clock.now() }),
    );
    if (result.ok) {
      await ctx.reply(ctx.t("hours-adjust-done", { name: found.name, title: found.title, before: asHours(result.before), after: asHours(result.after) }));
      return;
    }
    await ctx.reply(ctx.t(result.reason === "not-attended" ? "hours-adjust-not-attended" : "roster-refused-gone"));
  };
}
