import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { markChosen } from "../../bot/mark-chosen.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import { duplicateButton, duplicateKeyboard, newReportButton } from "./keyboards.js";
import { formatReportNumber } from "./numbers.js";
import { findNearbyOpenReports, supportReport, type SupportResult } from "./service.js";

export interface SameProblemRules {
  duplicateRadiusMeters: number;
  duplicateWindowDays: number;
}

type Refusal = Extract<SupportResult, { ok: false }>["reason"];

/** Why a +1 was not taken, said to the resident (who then goes on with a report of their own). */
const refusalKey = (reason: Refusal) =>
  reason === "own-report" ? "report-support-own" : reason === "finished" ? "report-support-finished" : "report-support-gone";

/**
 * "Same problem nearby?": open reports of the same kind near the point, filed by others, are
 * offered first. Returns true when the resident added their voice to one instead of filing.
 */
export async function offerSameProblem(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: AppDeps,
  rules: SameProblemRules,
  draft: { communityId: number; categoryId: number; at: { latitude: number; longitude: number } },
): Promise<boolean> {
  const userId = ctx.from!.id;
  const nearby = await conversation.external(async () =>
    (
      await findNearbyOpenReports(deps.db, {
        communityId: draft.communityId,
        categoryId: draft.categoryId,
        at: draft.at,
        since: new Date(deps.clock.now().getTime() - rules.duplicateWindowDays * 86_400_000),
        radiusMeters: rules.duplicateRadiusMeters,
        excludeReporterId: userId,
      })
    ).slice(0, 3),
  );
  if (nearby.length === 0) return false;
  const candidates = nearby.map((r) => ({ id: r.id, label: formatReportNumber(r.number), meters: r.distanceMeters }));
  const list = candidates.map((c) => ctx.t("report-duplicate-line", { number: c.label, meters: c.meters })).join("\n");
  const question = fitText(`${ctx.t("report-duplicate-found")}\n${list}`, TEXT_MAX);
  await ctx.reply(question, { reply_markup: duplicateKeyboard(candidates, ctx.t) });
  const { value, ctx: pressed } = await waitForAnswer<number | "new">(
    conversation,
    (c) => {
      if (newReportButton.unpack(c.callbackQuery?.data)) return "new";
      const id = duplicateButton.unpack(c.callbackQuery?.data)?.id;
      return candidates.some((cand) => cand.id === id) ? id : undefined;
    },
    (c) => c.reply(c.t("use-buttons")),
  );
  const chosen = candidates.find((c) => c.id === value);
  await markChosen(pressed, question, chosen ? pressed.t("report-duplicate-support", { number: chosen.label }) : pressed.t("report-duplicate-new"));
  if (!chosen) return false;
  const result = await conversation.external(() => supportReport(deps.db, chosen.id, userId, deps.clock.now()));
  if (!result.ok) {
    await ctx.reply(ctx.t(refusalKey(result.reason), { number: chosen.label }));
    return false;
  }
  const number = formatReportNumber(result.number);
  await ctx.reply(ctx.t(result.added ? "report-supported" : "report-support-already", { number }));
  return true;
}
