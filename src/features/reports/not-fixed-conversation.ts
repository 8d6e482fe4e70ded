import type { BotConversation, InnerContext } from "../../bot/context.js";
import { ReportActionError } from "./actions.js";
import { formatReportNumber } from "./numbers.js";
import { askDescription, askPhotos } from "./steps.js";
import type { ReportWorkflow } from "./workflow.js";

export const NOT_FIXED_CONVERSATION = "report-not-fixed";

/**
 * The reporter says the spot is not fixed: what is still wrong (text or voice), optional
 * photos, then the report goes back to staff with their words.
 */
export function notFixedConversation(workflow: ReportWorkflow) {
  return async function notFixed(conversation: BotConversation, ctx: InnerContext, reportId: number, number: number): Promise<void> {
    await ctx.reply(ctx.t("report-not-fixed-intro", { number: formatReportNumber(number) }));
    const words = await askDescription(conversation, ctx, "report-not-fixed-ask");
    const photos = await askPhotos(conversation, ctx, "report-not-fixed-photos");
    const outcome = await conversation.external(async () => {
      try {
        await workflow.reopen(
          reportId,
          { userId: ctx.from!.id },
          {
            ...(words.text ? { note: words.text } : {}),
            ...(words.voiceFileId ? { voiceFileId: words.voiceFileId } : {}),
            photos,
          },
        );
        return "reopened" as const;
      } catch (error) {
        if (error instanceof ReportActionError) return "stale" as const;
        throw error;
      }
    });
    await ctx.reply(ctx.t(outcome === "reopened" ? "report-reopened-by-you" : "report-answer-stale", { number: formatReportNumber(number) }));
  };
}
