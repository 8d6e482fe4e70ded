import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton } from "../../bot/menus.js";
import { timezoneOf } from "../accounts/service.js";
import { ReportActionError } from "./actions.js";
import { REPORT_CONVERSATION, reportConversation } from "./conversation.js";
import { fixedButton, forgetButton, forgetKeyboard, myReportsPage, rateButton, ratingKeyboard, viewReportButton } from "./keyboards.js";
import { NOT_FIXED_CONVERSATION, notFixedConversation } from "./not-fixed-conversation.js";
import { formatReportNumber } from "./numbers.js";
import { forgetUser } from "./forget.js";
import { getReportForResident, listReportsOf } from "./resident-reads.js";
import { rateReport } from "./service.js";
import { MY_REPORTS_PAGE_SIZE, renderMyReports, renderReportDetail } from "./views.js";

const communityTimezone = (deps: AppDeps, ctx: BotContext) => timezoneOf(deps.db, ctx.user?.communityId);

const stale = (ctx: BotContext) => ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });

/** Residents' side of sanitation reports: /report, /my, answering "is it fixed?", rating, /forget. */
export const reportsFeature: Feature = {
  name: "reports",
  commands: [
    { command: "report", descriptionKey: "command-report", roles: ["resident"], order: 10 },
    { command: "my", descriptionKey: "command-my", roles: ["resident"], order: 20 },
    { command: "forget", descriptionKey: "command-forget", roles: ["resident"], order: 95 },
  ],
  menu: [
    { key: "report", labelKey: "menu-report", roles: ["resident"], order: 10 },
    { key: "my", labelKey: "menu-my", roles: ["resident"], order: 20 },
  ],
  conversations: (deps, registry) => [
    createConversation<BotContext, InnerContext>(reportConversation(deps, deps.reports.notifier, registry), {
      id: REPORT_CONVERSATION,
      plugins: deps.conversationPlugins,
    }),
    createConversation<BotContext, InnerContext>(notFixedConversation(deps.reports.workflow), {
      id: NOT_FIXED_CONVERSATION,
      plugins: deps.conversationPlugins,
    }),
  ],
  create(deps) {
    const composer = new Composer<BotContext>();
    const workflow = deps.reports.workflow;

    const startReport = async (ctx: BotContext) => {
      if (ctx.user?.communityId == null) {
        await ctx.reply(ctx.t("report-join-first"));
        return;
      }
      await ctx.conversation.enter(REPORT_CONVERSATION);
    };
    const showMine = async (ctx: BotContext, offset: number, edit: boolean) => {
      const page = await listReportsOf(deps.db, ctx.from!.id, { offset, limit: MY_REPORTS_PAGE_SIZE });
      const view = renderMyReports(page, offset, await ctx.i18n.getLocale(), await communityTimezone(deps, ctx), ctx.t);
      if (edit) await ctx.editMessageText(view.text, { reply_markup: view.keyboard });
      else await ctx.reply(view.text, { reply_markup: view.keyboard });
    };

    composer.command("report", startReport);
    composer.command("my", (ctx) => showMine(ctx, 0, false));
    composer.callbackQuery(menuButton.filter, async (ctx, next) => {
      const entry = menuButton.unpack(ctx.callbackQuery.data)?.entry;
      if (entry !== "report" && entry !== "my") return next();
      await ctx.answerCallbackQuery();
      if (entry === "report") await startReport(ctx);
      else await showMine(ctx, 0, false);
    });
    composer.callbackQuery(myReportsPage.filter, async (ctx) => {
      const offset = myReportsPage.unpack(ctx.callbackQuery.data)?.offset;
      if (offset === undefined) return stale(ctx);
      await ctx.answerCallbackQuery();
      await showMine(ctx, offset, true);
    });
    composer.callbackQuery(viewReportButton.filter, async (ctx) => {
      const id = viewReportButton.unpack(ctx.callbackQuery.data)?.id;
      const detail = id ? await getReportForResident(deps.db, id, ctx.from.id) : undefined;
      if (!detail) return stale(ctx);
      await ctx.answerCallbackQuery();
      await ctx.reply(renderReportDetail(detail, await ctx.i18n.getLocale(), await communityTimezone(deps, ctx), ctx.t));
    });

    // "Is it fixed?" — only the reporter's answer counts, and only while the report is resolved.
    composer.callbackQuery(fixedButton.filter, async (ctx) => {
      const data = fixedButton.unpack(ctx.callbackQuery.data);
      if (!data) return stale(ctx);
      const { id } = data;
      const detail = await getReportForResident(deps.db, id, ctx.from.id);
      if (!detail?.isReporter || detail.status !== "resolved") {
        await ctx.answerCallbackQuery({ text: ctx.t("report-answer-stale-alert"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      if (data.answer === "no") {
        await ctx.conversation.enter(NOT_FIXED_CONVERSATION, id, detail.number);
        return;
      }
      try {
        await workflow.close(id, { userId: ctx.from.id });
      } catch (error) {
        if (!(error instanceof ReportActionError)) throw error;
        await ctx.reply(ctx.t("report-answer-stale", { number: formatReportNumber(detail.number) }));
        return;
      }
      await ctx.reply(ctx.t("report-closed-thanks", { number: formatReportNumber(detail.number) }), {
        reply_markup: ratingKeyboard(id),
      });
    });
    composer.callbackQuery(rateButton.filter, async (ctx) => {
      const data = rateButton.unpack(ctx.callbackQuery.data);
      const result = data ? await rateReport(deps.db, data.id, ctx.from.id, data.stars, deps.clock.now()) : undefined;
      if (!data || !result?.ok) return stale(ctx);
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("report-rated", { stars: "⭐".repeat(data.stars) }));
    });

    composer.command("forget", (ctx) => ctx.reply(ctx.t("forget-ask"), { reply_markup: forgetKeyboard(ctx.t) }));
    composer.callbackQuery(forgetButton.filter, async (ctx) => {
      const answer = forgetButton.unpack(ctx.callbackQuery.data)?.answer;
      if (!answer) return stale(ctx);
      await ctx.answerCallbackQuery();
      if (answer === "no") {
        await ctx.editMessageText(ctx.t("forget-kept"));
        return;
      }
      await ctx.conversation.exitAll();
      // The staff group stops showing them at once, not at the next staff action on each report:
      // the cards' edits go to the outbox in the same transaction.
      const { reportsAnonymised, cardsToRefresh } = await forgetUser(deps.db, ctx.from.id, deps.clock.now(), deps.reports.refreshViews);
      // No user id: after /forget the logs should not tie the person to what was done.
      ctx.log.info({ reportsAnonymised, cardsRefreshed: cardsToRefresh.length }, "user data forgotten on request");
      await ctx.editMessageText(ctx.t("forget-done", { reports: reportsAnonymised }));
    });

    return composer;
  },
};
