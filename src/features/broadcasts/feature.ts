import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { BROADCAST_CONVERSATION, broadcastConversation } from "./conversation.js";
import { audienceKeys, statusKeys } from "./labels.js";
import { stopButton } from "./keyboards.js";
import { DEFAULT_BROADCAST_CONFIG } from "./config.js";
import { listBroadcasts, stopBroadcast } from "./service.js";
import { formatLocal } from "./time.js";

/**
 * Broadcasts (群发通知): staff compose one with /broadcast, follow its progress in one message
 * edited in place (with a Stop button), and see past and scheduled ones with /broadcasts.
 * Delivery is the outbox's: see bulk.ts and dispatch.ts.
 */
export const broadcastsFeature: Feature = {
  name: "broadcasts",
  commands: [
    { command: "broadcast", descriptionKey: "command-broadcast", roles: ["staff"], order: 70 },
    { command: "broadcasts", descriptionKey: "command-broadcasts", roles: ["staff"], order: 71 },
  ],
  menu: [],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(broadcastConversation(deps), { id: BROADCAST_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps) {
    const composer = new Composer<BotContext>();

    composer.command("broadcast", requireRole("staff"), async (ctx) => {
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(BROADCAST_CONVERSATION, ctx.user!.communityId!);
    });

    composer.command("broadcasts", requireRole("staff"), async (ctx) => {
      const communityId = ctx.user!.communityId!;
      const [list, tz] = await Promise.all([listBroadcasts(deps.db, communityId, deps.clock.now()), timezoneOf(deps.db, communityId)]);
      if (list.length === 0) {
        await ctx.reply(ctx.t("broadcasts-none"));
        return;
      }
      const keyboard = new InlineKeyboard();
      const lines = list.map((b) => {
        if (b.status === "scheduled" || b.status === "sending") keyboard.text(ctx.t("broadcasts-cancel", { id: b.id }), stopButton.pack({ id: b.id })).row();
        return ctx.t("broadcasts-line", {
          id: b.id,
          status: ctx.t(statusKeys[b.status]),
          time: formatLocal(b.status === "scheduled" ? b.runAt : b.createdAt, tz),
          audience: ctx.t(audienceKeys[b.audience]),
          sent: b.figures.sent,
          failed: b.figures.failed,
          skipped: b.figures.skipped,
          left: b.figures.left,
          preview: b.preview,
        });
      });
      await ctx.reply([ctx.t("broadcasts-header", { count: list.length }), ...lines].join("\n"), { reply_markup: keyboard });
    });

    // Stop: from the progress message or /broadcasts. Pending messages are cancelled at once; the progress message shows the summary.
    composer.callbackQuery(stopButton.filter, requireRole("staff"), async (ctx) => {
      const id = stopButton.unpack(ctx.callbackQuery.data)?.id;
      if (!id) {
        await ctx.answerCallbackQuery({ text: ctx.t("button-stale"), show_alert: true });
        return;
      }
      const result = await stopBroadcast(deps.db, {
        id,
        communityId: ctx.user!.communityId!,
        by: ctx.from.id,
        at: deps.clock.now(),
        rules: deps.config.broadcast ?? DEFAULT_BROADCAST_CONFIG,
      });
      if (!result.ok) {
        await ctx.answerCallbackQuery({ text: ctx.t(result.reason === "unknown" ? "button-stale" : "broadcast-stop-finished"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-stopping") });
    });

    return composer;
  },
};
