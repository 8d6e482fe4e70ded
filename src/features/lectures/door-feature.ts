import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { hasAnyRole } from "../accounts/roles.js";
import { addWalkIn, checkInAtDoor, isOnDuty, type DoorAnswer } from "./door.js";
import { saveComment, saveRating } from "./feedback.js";
import { lectureDoor, lectureRate, starsOf } from "./keyboards.js";
import { lectureFacts } from "./service.js";

export const DOOR_CONVERSATION = "lecture-door";
export const COMMENT_CONVERSATION = "lecture-comment";
/** A comment is a few sentences, not an essay. */
export const COMMENT_MAX = 1000;

const doorKeys: Record<DoorAnswer["kind"], string> = {
  "checked-in": "lectures-door-checked-in",
  already: "lectures-door-already",
  waitlisted: "lectures-door-waitlisted",
  "not-registered": "lectures-door-not-registered",
  "another-lecture": "lectures-door-another",
  closed: "lectures-door-closed",
};

const doorKeyboard = (lectureId: number, t: InnerContext["t"]) =>
  new InlineKeyboard()
    .text(t("lectures-door-walkin"), lectureDoor.pack({ lecture: lectureId, action: "walkin" }))
    .row()
    .text(t("lectures-door-done"), lectureDoor.pack({ lecture: lectureId, action: "done" }));

/** Staff, or a helper signed up for the lecture's duty. */
async function mayRunDoor(deps: AppDeps, ctx: BotContext | InnerContext, lectureId: number): Promise<boolean> {
  if (hasAnyRole(ctx.user?.roles ?? [], ["staff"])) return true;
  return isOnDuty(deps.db, lectureId, ctx.from!.id);
}

/**
 * The door: each typed code is answered at once; "walk-in" counts one more; Done (or /cancel)
 * closes. Each code rewinds to the loop's checkpoint, so 500 codes leave the stored replay
 * log as short as one (nothing is replayed on the next code).
 */
function doorConversation(deps: AppDeps) {
  return async function door(conversation: BotConversation, ctx: InnerContext, lectureId: number): Promise<void> {
    const title = await conversation.external(async () => (await lectureFacts(deps.db, lectureId))?.event.title ?? "");
    await ctx.reply(ctx.t("lectures-door-open", { title }), { reply_markup: doorKeyboard(lectureId, ctx.t) });
    const top = conversation.checkpoint();
    const { value, ctx: answered } = await waitForAnswer<{ code: string } | { action: "walkin" | "done" }>(
      conversation,
      (c) => {
        const press = lectureDoor.unpack(c.callbackQuery?.data);
        if (press && Number(press.lecture) === lectureId && (press.action === "walkin" || press.action === "done")) return { action: press.action };
        const text = plainText(c);
        return text ? { code: text.slice(0, 20) } : undefined;
      },
      (c) => c.reply(c.t("lectures-door-hint"), { reply_markup: doorKeyboard(lectureId, c.t) }),
      // Other lectures' door buttons go to their own handler.
      { pass: (c) => lectureDoor.filter.test(c.callbackQuery?.data ?? "") && Number(lectureDoor.unpack(c.callbackQuery?.data)?.lecture) !== lectureId },
    );
    if (!(await conversation.external(() => mayRunDoor(deps, answered, lectureId)))) {
      await answered.reply(answered.t("lectures-door-not-helper"));
      return;
    }
    if ("action" in value && value.action === "done") {
      await answered.reply(answered.t("lectures-door-summary"));
      return;
    }
    if ("action" in value) {
      const count = await conversation.external(() => addWalkIn(deps.db, lectureId));
      await answered.reply(answered.t("lectures-door-walkins", { count }));
    } else {
      const answer = await conversation.external(() => checkInAtDoor(deps.db, { lectureId, code: value.code, at: deps.clock.now() }));
      await answered.reply(answered.t(doorKeys[answer.kind], { name: "name" in answer ? answer.name : "", title: "title" in answer ? answer.title : "" }));
    }
    return await conversation.rewind(top);
  };
}

/** After a rating: one comment, typed, or /cancel. */
function commentConversation(deps: AppDeps) {
  return async function comment(conversation: BotConversation, ctx: InnerContext, lectureId: number): Promise<void> {
    const { value, ctx: answered } = await waitForAnswer(
      conversation,
      (c) => {
        const text = plainText(c);
        return text ? text.slice(0, COMMENT_MAX) : undefined;
      },
      (c) => c.reply(c.t("lectures-comment-expected")),
    );
    await conversation.external(() => saveComment(deps.db, { lectureId, userId: ctx.from!.id, comment: value, at: deps.clock.now() }));
    await answered.reply(answered.t("lectures-comment-saved"));
  };
}

/** The door for helpers and staff, and the attendees' feedback (stars, then a comment). */
export const doorFeature: Feature = {
  name: "lecture-door",
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(doorConversation(deps), { id: DOOR_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(commentConversation(deps), { id: COMMENT_CONVERSATION, plugins: deps.conversationPlugins }),
  ],
  create(deps) {
    const composer = new Composer<BotContext>();
    composer.callbackQuery(lectureDoor.filter, async (ctx, next) => {
      const data = lectureDoor.unpack(ctx.callbackQuery.data);
      const lectureId = parseId(data?.lecture, Number.MAX_SAFE_INTEGER);
      if (!lectureId || !data) return answerStaleButton(ctx);
      if (data.action !== "open" && data.action !== "walkin" && data.action !== "done") return next(); // staff's buttons
      if (!(await mayRunDoor(deps, ctx, lectureId))) {
        await ctx.answerCallbackQuery({ text: ctx.t("lectures-door-not-helper"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      if (data.action === "open") {
        await ctx.conversation.exitAll();
        await ctx.conversation.enter(DOOR_CONVERSATION, lectureId);
      } else if (data.action === "walkin") await ctx.reply(ctx.t("lectures-door-walkins", { count: await addWalkIn(deps.db, lectureId) }));
      else await ctx.editMessageReplyMarkup();
    });

    composer.callbackQuery(lectureRate.filter, async (ctx) => {
      const data = lectureRate.unpack(ctx.callbackQuery.data);
      const lectureId = parseId(data?.lecture, Number.MAX_SAFE_INTEGER);
      const stars = starsOf(data?.stars);
      if (!lectureId || stars === undefined) return answerStaleButton(ctx);
      const saved = await saveRating(deps.db, { lectureId, userId: ctx.from.id, rating: stars, at: deps.clock.now() });
      if (!saved) return ctx.answerCallbackQuery({ text: ctx.t("lectures-feedback-not-attendee"), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("lectures-feedback-thanks", { stars }));
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(COMMENT_CONVERSATION, lectureId);
    });
    return composer;
  },
};
