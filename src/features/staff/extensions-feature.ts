import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { enqueueMessages } from "../../outbox/enqueue.js";
import { notice } from "../../outbox/notice.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime } from "../reports/views.js";
import { EXTENSION_CONVERSATION, extensionConversation } from "./conversations.js";
import { decideExtension } from "./extensions.js";
import { extensionDecision } from "./keyboards.js";

/**
 * More time for a task: the assignee asks (hours and a reason, from the task's buttons), staff
 * approve or refuse once in the staff group, and the assignee hears the answer.
 */
export const extensionsFeature: Feature = {
  name: "extensions",
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(extensionConversation(deps), { id: EXTENSION_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  groups(deps) {
    const composer = new Composer<BotContext>();
    composer.callbackQuery(extensionDecision.filter, requireRole("staff"), async (ctx) => {
      const data = extensionDecision.unpack(ctx.callbackQuery.data);
      const extensionId = parseId(data?.id);
      if (!extensionId || (data?.answer !== "yes" && data?.answer !== "no")) return answerStaleButton(ctx);
      const at = deps.clock.now();
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const varsOf = (decision: { number: number; deadline: string }) => ({
        number: formatReportNumber(decision.number),
        deadline: formatTime(decision.deadline, tz),
        name: ctx.from.first_name,
      });
      // The requester hears the answer by an outbox message written with the decision.
      const result = await decideExtension(
        deps.db,
        { extensionId, approve: data.answer === "yes", decidedBy: ctx.from.id, communityId: ctx.user!.communityId!, at },
        async (tx, decision) => {
          if (decision.requestedBy === null) return;
          const key = decision.approved ? "extension-approved" : "extension-refused";
          await enqueueMessages(tx, [notice(decision.requestedBy, { key, vars: varsOf(decision) })], at);
        },
      );
      if (!result.ok) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t(result.approved ? "extension-approved-group" : "extension-refused-group", varsOf(result)));
    });
    return composer;
  },
};
