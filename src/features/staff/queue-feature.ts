import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { categoryName, listActiveCategories } from "../reports/categories.js";
import { formatReportNumber } from "../reports/numbers.js";
import { formatTime, statusKeys } from "../reports/views.js";
import { listAreas } from "./areas.js";
import { queueFilterMenu, queuePage, taskOpen } from "./keyboards.js";
import { listQueue, parseQueueFilter, type QueueFilterCode } from "./queue.js";
import { pickTranslation } from "../../translated.js";

/** The filters with a button of their own; categories and areas are picked from a list. */
const namedFilters: ReadonlyArray<readonly [QueueFilterCode, string]> = [
  ["a", "queue-all"],
  ["m", "queue-mine"],
  ["u", "queue-unassigned"],
  ["o", "queue-overdue"],
];
/** Pages beyond this are a forged button, not a long queue. */
const LAST_PAGE = 10_000;

/**
 * /queue: the community's open reports, 20 a page, filtered (mine, unassigned, overdue,
 * category, area); each opens like a task.
 */
export const queueFeature: Feature = {
  name: "queue",
  commands: [{ command: "queue", descriptionKey: "command-queue", roles: ["staff"], order: 32 }],

  create(deps) {
    const composer = new Composer<BotContext>();

    const showQueue = async (ctx: BotContext, code: string, page: number, edit: boolean) => {
      const filters = parseQueueFilter(code, ctx.from!.id);
      if (!filters) return answerStaleButton(ctx);
      const communityId = ctx.user!.communityId!;
      const result = await listQueue(deps.db, communityId, filters, { page }, deps.clock.now());
      const locale = await ctx.i18n.getLocale();
      const tz = await timezoneOf(deps.db, communityId);
      const keyboard = new InlineKeyboard();
      for (const [filter, key] of namedFilters) keyboard.text(ctx.t(key) + (filter === code ? " ✓" : ""), queuePage.pack({ filter, page: 0 }));
      keyboard
        .row()
        .text(ctx.t("queue-by-category"), queueFilterMenu.pack({ kind: "c" }))
        .text(ctx.t("queue-by-area"), queueFilterMenu.pack({ kind: "r" }))
        .row();
      const lines = result.items.map((item) => {
        keyboard.text(`${item.overdue ? "⏰ " : ""}${formatReportNumber(item.number)} ${item.icon}`, taskOpen.pack({ id: item.id })).row();
        return ctx.t("queue-line", {
          number: formatReportNumber(item.number),
          icon: item.icon,
          category: pickTranslation(item.categoryName, locale),
          status: ctx.t(statusKeys[item.status]),
          assignee: item.assigneeName ?? ctx.t("queue-nobody"),
          deadline: item.deadlineAt ? formatTime(item.deadlineAt, tz) : "—",
          overdue: item.overdue ? "yes" : "no",
        });
      });
      if (page > 0) keyboard.text(ctx.t("page-newer"), queuePage.pack({ filter: code, page: page - 1 }));
      if (result.hasMore) keyboard.text(ctx.t("page-older"), queuePage.pack({ filter: code, page: page + 1 }));
      const text = [ctx.t("queue-header", { page: page + 1 }), ...(lines.length ? lines : [ctx.t("queue-empty")])].join("\n");
      if (edit) await ctx.editMessageText(text, { reply_markup: keyboard });
      else await ctx.reply(text, { reply_markup: keyboard });
    };

    composer.command("queue", requireRole("staff"), (ctx) => showQueue(ctx, "a", 0, false));
    composer.callbackQuery(queuePage.filter, requireRole("staff"), async (ctx) => {
      const data = queuePage.unpack(ctx.callbackQuery.data);
      const page = Number(data?.page);
      // Checked before the press is answered: showQueue answers a filter no button carries itself.
      if (!data || !Number.isInteger(page) || page < 0 || page > LAST_PAGE || !parseQueueFilter(data.filter, ctx.from.id)) return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      await showQueue(ctx, data.filter, page, true);
    });
    // "By category" / "By area": the same message's buttons become the list to pick from.
    composer.callbackQuery(queueFilterMenu.filter, requireRole("staff"), async (ctx) => {
      const kind = queueFilterMenu.unpack(ctx.callbackQuery.data)?.kind;
      if (kind !== "c" && kind !== "r") return answerStaleButton(ctx);
      await ctx.answerCallbackQuery();
      const communityId = ctx.user!.communityId!;
      const locale = await ctx.i18n.getLocale();
      const options =
        kind === "c"
          ? (await listActiveCategories(deps.db, communityId)).map((c) => ({ id: c.id, label: `${c.icon} ${categoryName(c, locale)}` }))
          : (await listAreas(deps.db, communityId)).map((a) => ({ id: a.id, label: a.name }));
      const keyboard = new InlineKeyboard();
      for (const o of options) keyboard.text(o.label, queuePage.pack({ filter: `${kind}${o.id}`, page: 0 })).row();
      await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
    });

    return composer;
  },
};
