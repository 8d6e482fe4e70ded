import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard, type Api } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/client.js";
import { defaultLocale, resolveLocale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import { findCommunity, findMember } from "../accounts/service.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime } from "../reports/views.js";
import { findCard } from "./cards.js";
import { taskOpen } from "./keyboards.js";
import { markOverdue } from "./overdue.js";

/**
 * 督办: when a report passes its deadline, the assignee is reminded in private and the staff
 * group is told once, as a reply to the report's card.
 */
export function overdueSweep(deps: { db: Database; clock: Clock; api: Api; i18n: I18n<BotContext>; logger: Logger }) {
  return async function sweep(): Promise<number> {
    let told = 0;
    for (;;) {
      const batch = await markOverdue(deps.db, deps.clock.now());
      if (batch.length === 0) return told;
      for (const report of batch) {
        const number = formatReportNumber(report.number);
        const community = await findCommunity(deps.db, report.communityId);
        const due = formatTime(report.deadlineAt, community?.timezone ?? "Asia/Shanghai");
        try {
          if (report.assigneeId !== null) {
            const assignee = await findMember(deps.db, report.assigneeId);
            if (assignee) {
              const locale = resolveLocale(assignee.locale, assignee.telegramLanguage);
              await deps.api.sendMessage(assignee.id, deps.i18n.t(locale, "overdue-assignee", { number, due }), {
                reply_markup: new InlineKeyboard().text(deps.i18n.t(locale, "task-open", { number }), taskOpen.pack({ id: report.reportId })),
              });
            }
          }
          if (community?.staffGroupChatId) {
            const card = await findCard(deps.db, report.reportId);
            await deps.api.sendMessage(community.staffGroupChatId, deps.i18n.t(defaultLocale, "overdue-group", { number, due }), {
              ...(card ? { reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true } } : {}),
            });
          }
          told++;
        } catch (error) {
          // The mark stays: a failed reminder is logged, not repeated every sweep.
          deps.logger.warn({ err: error, report: report.reportId }, "could not send an overdue notice");
        }
      }
    }
  };
}
