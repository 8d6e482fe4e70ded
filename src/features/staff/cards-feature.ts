import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { parseId, parseUserId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { defaultLocale } from "../../i18n.js";
import { ReportActionError } from "../reports/actions.js";
import { formatReportNumber } from "../reports/numbers.js";
import { assigneeKeyboard, assignTo, cardAction, cardActions, cardKeyboard } from "./card-view.js";
import { listAssignees, loadCardData } from "./cards.js";
import { DUPLICATE_CONVERSATION, duplicateConversation, REJECT_CONVERSATION, rejectConversation } from "./conversations.js";
import { reportCommunity } from "./reports-lookup.js";

/**
 * A card button: the presser must be staff of the report's own community, checked on every press.
 * The role is checked first, and the id is only looked up once it has parsed (a forged or
 * out-of-range id is a stale button, and a resident's press never reaches the database).
 */
async function forStaffOf(deps: AppDeps, ctx: BotContext, reportId: number | undefined) {
  if (!(await ensureRole(ctx, ["staff"]))) return undefined;
  const report = reportId ? await reportCommunity(deps.db, reportId) : undefined;
  if (!report) {
    await answerStaleButton(ctx);
    return undefined;
  }
  if (ctx.user?.communityId !== report.communityId) {
    await ctx.answerCallbackQuery({ text: ctx.t("access-denied"), show_alert: true });
    return undefined;
  }
  return report;
}

/**
 * The buttons of the report cards in the staff group: accept, assign (to whom), reject or mark
 * a duplicate (each asks for a note), verify and reopen.
 */
export const cardsFeature: Feature = {
  name: "cards",
  groupConversations: (deps) => [
    createConversation<BotContext, InnerContext>(rejectConversation(deps), { id: REJECT_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(duplicateConversation(deps), { id: DUPLICATE_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  groups(deps) {
    const composer = new Composer<BotContext>();
    // The buttons speak the staff group's language, as the cards do, not the presser's.
    const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(defaultLocale, key, vars);

    composer.callbackQuery(cardAction.filter, async (ctx) => {
      const data = cardAction.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const action = cardActions.find((a) => a === data?.action);
      const report = await forStaffOf(deps, ctx, action ? id : undefined);
      if (!report || !id || !action) return;
      if (action === "assign" || action === "back") {
        const card = await loadCardData(deps.db, id);
        if (!card) return answerStaleButton(ctx);
        await ctx.answerCallbackQuery();
        const markup =
          action === "assign" ? assigneeKeyboard(id, await listAssignees(deps.db, card.communityId, card.areaResponsibleId), t) : cardKeyboard(card, t);
        await ctx.editMessageReplyMarkup({ reply_markup: markup });
        return;
      }
      await ctx.answerCallbackQuery();
      if (action === "reject") return ctx.conversation.enter(REJECT_CONVERSATION, id, report.number);
      if (action === "dup") return ctx.conversation.enter(DUPLICATE_CONVERSATION, id, report.number, report.communityId);
      try {
        const actor = { userId: ctx.from.id };
        if (action === "accept") await deps.reports.workflow.accept(id, actor);
        else if (action === "verify") await deps.reports.workflow.close(id, actor);
        else await deps.reports.workflow.reopen(id, actor);
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        const key = error.code === "second-verifier-required" ? "staff-second-verifier" : "staff-action-stale";
        await ctx.reply(ctx.t(key, { number: formatReportNumber(report.number) }));
      }
    });

    composer.callbackQuery(assignTo.filter, async (ctx) => {
      const data = assignTo.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const assigneeId = parseUserId(data?.user);
      // A non-numeric or forged assignee is a stale button too, not a silent press.
      const report = await forStaffOf(deps, ctx, assigneeId ? id : undefined);
      if (!report || !id || !assigneeId) return;
      const number = formatReportNumber(report.number);
      try {
        await deps.reports.workflow.assign(id, { userId: ctx.from.id }, assigneeId);
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        await ctx.answerCallbackQuery({ text: ctx.t("staff-action-stale", { number }), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t("staff-assigned", { number }) });
    });

    return composer;
  },
};
