import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { resolveLocale } from "../../i18n.js";
import { findMember, timezoneOf } from "../accounts/service.js";
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
      const result = await decideExtension(deps.db, {
        extensionId,
        approve: data.answer === "yes",
        decidedBy: ctx.from.id,
        communityId: ctx.user!.communityId!,
        at: deps.clock.now(),
      });
      if (!result.ok) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const vars = { number: formatReportNumber(result.number), deadline: formatTime(result.deadline, tz), name: ctx.from.first_name };
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t(result.approved ? "extension-approved-group" : "extension-refused-group", vars));
      const requester = result.requestedBy ? await findMember(deps.db, result.requestedBy) : undefined;
      if (requester) {
        const locale = resolveLocale(requester.locale, requester.telegramLanguage);
        await ctx.api.sendMessage(requester.id, deps.i18n.t(locale, result.approved ? "extension-approved" : "extension-refused", vars));
      }
    });
    return composer;
  },
};
