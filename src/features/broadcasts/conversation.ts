import { randomUUID } from "node:crypto";
import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { cancelButton, cancelKeyboard } from "../../bot/menus.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { timezoneOf } from "../accounts/service.js";
import { listAreas } from "../staff/areas.js";
import { countAudience } from "./audience.js";
import { noticeSource, withHeading, type NoticeSource } from "./heading.js";
import { areaButton, audienceButton, offeredAudiences, previewAction } from "./keyboards.js";
import { CAPTION_LIMIT, checkContent, createBroadcast, TEXT_LIMIT, type BroadcastContent } from "./service.js";
import { audienceKeys } from "./labels.js";
import { formatLocal, MAX_SCHEDULE_DAYS, parseScheduleTime } from "./time.js";
import type { Translate } from "./render.js";

export const BROADCAST_CONVERSATION = "broadcast-compose";

function audienceKeyboard(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const a of offeredAudiences) keyboard.text(t(audienceKeys[a]), audienceButton.pack({ audience: a })).row();
  return keyboard.text(t("button-cancel"), cancelButton.pack({}));
}

function previewKeyboard(t: Translate, urgent: boolean): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("broadcast-button-now"), previewAction.pack({ action: "now" }))
    .text(t("broadcast-button-schedule"), previewAction.pack({ action: "schedule" }))
    .row()
    .text(t(urgent ? "broadcast-button-urgent-off" : "broadcast-button-urgent-on"), previewAction.pack({ action: "urgent" }))
    .row()
    .text(t("button-cancel"), previewAction.pack({ action: "cancel" }));
}

/** The message as typed (text with entities, or a photo with its caption), or undefined for anything else. */
function readContent(ctx: InnerContext): BroadcastContent | undefined {
  const message = ctx.message;
  if (!message) return undefined;
  if (message.photo && message.photo.length > 0) {
    return {
      kind: "photo",
      fileId: message.photo.at(-1)!.file_id,
      caption: message.caption ?? "",
      entities: (message.caption_entities ?? []) as BroadcastContent["entities"],
    };
  }
  if (message.text !== undefined) {
    if (message.text.startsWith("/")) return undefined;
    return { kind: "text", text: message.text, entities: (message.entities ?? []) as BroadcastContent["entities"] };
  }
  return undefined;
}

/** Sends the content as recipients will get it: under the heading, which they read in their own language. */
async function showContent(ctx: InnerContext, content: BroadcastContent, source: NoticeSource): Promise<void> {
  const { text, entities } = withHeading(ctx.t, content, source);
  if (content.kind === "text") {
    await ctx.reply(text, { entities });
    return;
  }
  await ctx.replyWithPhoto(content.fileId, { caption: text, caption_entities: entities });
}

/**
 * /broadcast: audience → message → preview with the number of recipients → send now, schedule
 * (YYYY-MM-DD HH:mm in the community's zone) or cancel; "urgent" toggles delivery in quiet hours.
 */
export function broadcastConversation(deps: AppDeps) {
  return async function compose(conversation: BotConversation, ctx: InnerContext, communityId: number): Promise<void> {
    const setup = await conversation.external(async () => ({
      timezone: await timezoneOf(deps.db, communityId),
      source: await noticeSource(deps.db, communityId, ctx.from?.id ?? null),
      clientKey: randomUUID(),
    }));

    // 1. The audience (an empty one ends here: nothing to send).
    await ctx.reply(ctx.t("broadcast-ask-audience"), { reply_markup: audienceKeyboard(ctx.t) });
    // With no areas to choose from, "area" is answered and the question stays: the replay log
    // returns to this point instead of growing by a round for every try.
    const pickAudience = conversation.checkpoint();
    const { value: audience } = await waitForAnswer(
      conversation,
      (c) => audienceButton.unpack(c.callbackQuery?.data)?.audience,
      (c) => c.reply(c.t("use-buttons")),
    );
    let audienceRef: number | null = null;
    let areaName = "";
    if (audience === "area") {
      const areas = await conversation.external(() => listAreas(deps.db, communityId));
      if (areas.length === 0) {
        await ctx.reply(ctx.t("broadcast-no-areas"), { reply_markup: audienceKeyboard(ctx.t) });
        return await conversation.rewind(pickAudience);
      }
      const keyboard = new InlineKeyboard();
      for (const area of areas) keyboard.text(area.name, areaButton.pack({ area: area.id })).row();
      await ctx.reply(ctx.t("broadcast-ask-area"), { reply_markup: keyboard.text(ctx.t("button-cancel"), cancelButton.pack({})) });
      const { value: area } = await waitForAnswer(
        conversation,
        (c) => areas.find((a) => a.id === areaButton.unpack(c.callbackQuery?.data)?.area),
        (c) => c.reply(c.t("use-buttons")),
      );
      audienceRef = area.id;
      areaName = area.name;
    }
    const spec = { communityId, audience, audienceRef };
    const count = await conversation.external(() => countAudience(deps.db, spec));
    if (count.reachable === 0) {
      await ctx.reply(ctx.t("broadcast-audience-empty"));
      return;
    }

    // 2. The message, refused here when Telegram would refuse it.
    await ctx.reply(ctx.t("broadcast-ask-message", { textMax: TEXT_LIMIT, captionMax: CAPTION_LIMIT }), { reply_markup: cancelKeyboard(ctx.t) });
    let answered = false;
    const { value: content } = await waitForAnswer(
      conversation,
      async (c) => {
        answered = false;
        const read = readContent(c);
        if (!read) return undefined;
        const check = checkContent(read);
        if (check.ok) return read;
        answered = true;
        if (check.reason === "empty") await c.reply(c.t("broadcast-empty"));
        else
          await c.reply(
            c.t(check.reason === "text-too-long" ? "broadcast-text-too-long" : "broadcast-caption-too-long", {
              max: check.max ?? 0,
              length: read.kind === "text" ? read.text.length : read.caption.length,
            }),
          );
        return undefined;
      },
      (c) => (answered ? Promise.resolve() : c.reply(c.t("broadcast-message-expected"))),
    );

    // 3. The preview, exactly as recipients will see it, then the decision.
    await ctx.reply(ctx.t("broadcast-preview-intro"));
    await showContent(ctx, content, setup.source);
    const audienceLabel = audience === "area" ? `${ctx.t(audienceKeys.area)}: ${areaName}` : ctx.t(audienceKeys[audience]);
    let urgent = false;
    const summary = (t: Translate) =>
      t("broadcast-preview-summary", { count: count.reachable, audience: audienceLabel, urgent: t(urgent ? "broadcast-urgent-on" : "broadcast-urgent-off") });
    await ctx.reply(summary(ctx.t), { reply_markup: previewKeyboard(ctx.t, urgent) });
    for (;;) {
      const { value: action, ctx: pressed } = await waitForAnswer(
        conversation,
        (c) => previewAction.unpack(c.callbackQuery?.data)?.action,
        (c) => c.reply(c.t("use-buttons")),
      );
      if (action === "cancel") {
        await pressed.editMessageReplyMarkup();
        await pressed.reply(pressed.t("broadcast-draft-cancelled"));
        return;
      }
      if (action === "urgent") {
        urgent = !urgent;
        await pressed.editMessageText(summary(pressed.t), { reply_markup: previewKeyboard(pressed.t, urgent) });
        continue;
      }
      // The role is checked again on the press that sends.
      if (!(await ensureRole(pressed, ["staff"]))) return;
      await pressed.editMessageReplyMarkup();
      let runAt: Date;
      if (action === "now") {
        runAt = new Date(await conversation.external(() => deps.clock.now().toISOString()));
      } else {
        const nowIso = await conversation.external(() => deps.clock.now().toISOString());
        const example = `${formatLocal(new Date(new Date(nowIso).getTime() + 24 * 3600_000), setup.timezone).slice(0, 10)} 09:00`;
        await pressed.reply(pressed.t("broadcast-ask-time", { timezone: setup.timezone, example }), { reply_markup: cancelKeyboard(pressed.t) });
        const { value: at } = await waitForAnswer(
          conversation,
          async (c) => {
            const text = c.message?.text;
            if (text === undefined || text.startsWith("/")) return undefined;
            const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
            const parsed = parseScheduleTime(text, setup.timezone, now);
            if (parsed.ok) return parsed.at.toISOString();
            if (parsed.reason === "past") await c.reply(c.t("broadcast-time-past"));
            else if (parsed.reason === "too-far") await c.reply(c.t("broadcast-time-too-far", { days: MAX_SCHEDULE_DAYS }));
            else await c.reply(c.t("broadcast-time-format", { example }));
            return undefined;
          },
          async () => {},
        );
        runAt = new Date(at);
      }
      const locale = await ctx.i18n.getLocale();
      const created = await conversation.external(async () => {
        const result = await createBroadcast(deps.db, {
          communityId,
          createdBy: ctx.from!.id,
          audience,
          audienceRef,
          content,
          urgent,
          runAt: new Date(runAt),
          progressChatId: ctx.chat!.id,
          progressLocale: locale,
          clientKey: setup.clientKey,
          at: deps.clock.now(),
        });
        return result.id;
      });
      if (action === "now") await ctx.reply(ctx.t("broadcast-queued", { id: created }));
      else await ctx.reply(ctx.t("broadcast-scheduled", { id: created, time: formatLocal(runAt, setup.timezone) }));
      return;
    }
  };
}
