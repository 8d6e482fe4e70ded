import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton, menuEntry } from "../../bot/menus.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { ReportActionError } from "../reports/actions.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime, statusKeys } from "../reports/views.js";
import { renderCard } from "./card-view.js";
import { loadCardData, type CardData } from "./cards.js";
import { EXTENSION_CONVERSATION, RESOLVE_CONVERSATION, resolveConversation } from "./conversations.js";
import { taskAction, taskActions, taskKeyboard, taskOpen, tasksKeyboard } from "./keyboards.js";
import { reportCommunity } from "./reports-lookup.js";
import { listTasks } from "./tasks.js";
import { pickTranslation } from "../../translated.js";

/** A task as its assignee reads it: the report's card in their language and time zone. */
const renderTask = (card: CardData, locale: string, t: BotContext["t"]) => renderCard(card, locale, card.timezone, t);

/** Who has tasks: the reports assigned to them. */
const TASK_ROLES = ["inspector", "staff"] as const;

/**
 * An inspector's tasks: /tasks lists the reports assigned to them, a task opens as its card with
 * what can be done next (start, resolve with a photo, ask for more time, hand back).
 */
export const tasksFeature: Feature = {
  name: "tasks",
  commands: [{ command: "tasks", descriptionKey: "command-tasks", roles: TASK_ROLES, order: 30 }],
  menu: [{ key: "tasks", labelKey: "menu-tasks", roles: TASK_ROLES, order: 30 }],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(resolveConversation(deps), { id: RESOLVE_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps) {
    const composer = new Composer<BotContext>();

    const showTasks = async (ctx: BotContext) => {
      const tasks = await listTasks(deps.db, ctx.from!.id, deps.clock.now());
      if (tasks.length === 0) {
        await ctx.reply(ctx.t("tasks-none"));
        return;
      }
      const locale = await ctx.i18n.getLocale();
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const lines = tasks.map((task) =>
        ctx.t("tasks-line", {
          number: formatReportNumber(task.number),
          icon: task.icon,
          category: pickTranslation(task.categoryName, locale),
          status: ctx.t(statusKeys[task.status]),
          deadline: task.deadlineAt ? formatTime(task.deadlineAt, tz) : "—",
          overdue: task.overdue ? "yes" : "no",
        }),
      );
      await ctx.reply(`${ctx.t("tasks-header", { count: tasks.length })}\n${lines.join("\n")}`, { reply_markup: tasksKeyboard(tasks) });
    };
    composer.command("tasks", requireRole(...TASK_ROLES), showTasks);
    composer.callbackQuery(menuButton.filter, menuEntry("tasks", TASK_ROLES, showTasks));

    // A task (or a queue line) opened: its card, what the assignee can do, and where it is.
    composer.callbackQuery(taskOpen.filter, requireRole(...TASK_ROLES), async (ctx) => {
      const id = parseId(taskOpen.unpack(ctx.callbackQuery.data)?.id);
      const card = id ? await loadCardData(deps.db, id) : undefined;
      if (!card || card.communityId !== ctx.user?.communityId) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(renderTask(card, await ctx.i18n.getLocale(), ctx.t), { reply_markup: taskKeyboard(card.reportId, card.status, ctx.t) });
      if (card.location) await ctx.replyWithLocation(card.location.latitude, card.location.longitude);
    });
    composer.callbackQuery(taskAction.filter, requireRole(...TASK_ROLES), async (ctx) => {
      const data = taskAction.unpack(ctx.callbackQuery.data);
      const id = parseId(data?.id);
      const action = taskActions.find((a) => a === data?.action);
      const report = id && action ? await reportCommunity(deps.db, id) : undefined;
      if (!id || !action || !report || report.communityId !== ctx.user?.communityId) return answerStaleButton(ctx);
      const label = formatReportNumber(report.number);
      if (action === "resolve" || action === "extend") {
        await ctx.answerCallbackQuery();
        await ctx.conversation.enter(action === "resolve" ? RESOLVE_CONVERSATION : EXTENSION_CONVERSATION, id, report.number);
        return;
      }
      try {
        if (action === "start") await deps.reports.workflow.start(id, { userId: ctx.from.id });
        else await deps.reports.workflow.handBack(id, { userId: ctx.from.id });
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("staff-action-stale", { number: label }));
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t(action === "start" ? "task-started" : "task-handed-back", { number: label }) });
      // The task's message becomes the task as it is now: "in progress" with what comes next
      // (done, more time, hand back), or, handed back, no longer theirs and without buttons.
      const card = await loadCardData(deps.db, id);
      if (card) await ctx.editMessageText(renderTask(card, await ctx.i18n.getLocale(), ctx.t), { reply_markup: taskKeyboard(id, card.status, ctx.t) });
    });

    return composer;
  },
};
