import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { csvBytes } from "../evaluation/csv.js";
import { cancelEvent } from "../events/organiser-service.js";
import { organiserMessages } from "../events/organiser-messages.js";
import { remindersOf } from "../events/messages.js";
import { formatTime } from "../reports/views.js";
import { DEFAULT_BROADCAST_CONFIG } from "../broadcasts/config.js";
import { announceLecture } from "./announce.js";
import { lectureComments, lectureFigures, quarterOf } from "./feedback.js";
import { lectureDoor } from "./keyboards.js";
import { NEW_LECTURE_CONVERSATION, newLectureConversation } from "./new-lecture-conversation.js";
import { sendDoorPoster } from "./door-poster.js";
import { lectureCsvRows, peopleWhoCame } from "./quarter-csv.js";
import { lectureFacts, posterFacts } from "./service.js";

const staff = ["staff"] as const;

/**
 * Lectures for staff: /newlecture creates one; under a lecture in /lectures, its figures
 * (registered, attended, walk-ins, no-shows, average rating, comments) and Cancel (asked first;
 * everyone registered is told in their language by the core's cancellation); /lectures_csv
 * YYYY-Qn gives the quarter's figures as a CSV for the evaluation.
 */
export const lectureStaffFeature: Feature = {
  name: "lecture-staff",
  commands: [
    { command: "newlecture", descriptionKey: "command-newlecture", roles: staff, order: 46 },
    { command: "lectures_csv", descriptionKey: "command-lectures-csv", roles: staff, order: 47 },
  ],
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(newLectureConversation(deps), { id: NEW_LECTURE_CONVERSATION, plugins: deps.conversationPlugins }),
  ],
  create(deps) {
    const composer = new Composer<BotContext>();
    const tell = organiserMessages(() => deps.clock.now(), remindersOf(deps.config));
    const community = (ctx: BotContext) => ctx.user!.communityId!;

    composer.command("newlecture", requireRole(...staff), async (ctx) => {
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(NEW_LECTURE_CONVERSATION, community(ctx));
    });

    composer.callbackQuery(lectureDoor.filter, requireRole(...staff), async (ctx) => {
      const data = lectureDoor.unpack(ctx.callbackQuery.data);
      const lectureId = parseId(data?.lecture, Number.MAX_SAFE_INTEGER);
      const facts = lectureId ? await lectureFacts(deps.db, lectureId, community(ctx)) : undefined;
      if (!facts || !data) return answerStaleButton(ctx);
      const tz = await timezoneOf(deps.db, community(ctx));
      if (data.action === "stats") {
        await ctx.answerCallbackQuery();
        const [figures] = await lectureFigures(deps.db, {
          communityId: community(ctx),
          from: facts.event.startsAt,
          to: new Date(facts.event.startsAt.getTime() + 1),
          at: deps.clock.now(),
          lectureId: facts.lecture.id,
        });
        const comments = await lectureComments(deps.db, facts.lecture.id);
        const lines = [
          ctx.t("lectures-figures-text", {
            title: facts.event.title,
            time: formatTime(facts.event.startsAt.toISOString(), tz),
            registered: figures?.registered ?? 0,
            attended: figures?.attended ?? 0,
            walkins: figures?.walkIns ?? 0,
            noshows: figures?.noShows ?? 0,
            rating: figures?.averageRating?.toFixed(1) ?? "—",
            ratings: figures?.ratings ?? 0,
          }),
          ...comments.slice(0, 20).map((c) => `${"★".repeat(c.rating)} ${c.comment}`),
        ];
        await ctx.reply(lines.join("\n"));
        return;
      }
      if (data.action === "announce" || data.action === "annall") {
        const result = await announceLecture(deps.db, {
          lectureId: facts.lecture.id,
          communityId: community(ctx),
          staffId: ctx.from.id,
          everyone: data.action === "annall",
          at: deps.clock.now(),
          rules: deps.config.broadcast ?? DEFAULT_BROADCAST_CONFIG,
        });
        if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(`lectures-announce-${result.reason}`), show_alert: true });
        await ctx.answerCallbackQuery();
        await ctx.editMessageReplyMarkup();
        await ctx.reply(ctx.t("lectures-announced", { count: result.recipients }));
        return;
      }
      if (data.action === "cancel") {
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("lectures-cancel-ask", { title: facts.event.title }), {
          reply_markup: new InlineKeyboard().text(ctx.t("lectures-cancel-yes"), lectureDoor.pack({ lecture: facts.lecture.id, action: "confirm" })),
        });
        return;
      }
      if (data.action === "poster") {
        await ctx.answerCallbackQuery();
        await sendDoorPoster(ctx, (locale, key) => deps.i18n.t(locale, key), { ...posterFacts(facts), timezone: tz });
        return;
      }
      // Only the confirmation cancels: any other action is a forged or outdated button.
      if (data.action !== "confirm") return answerStaleButton(ctx);
      const result = await cancelEvent(deps.db, { eventId: facts.event.id, communityId: community(ctx), at: deps.clock.now() }, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("lectures-refused-cancelled"), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("lectures-cancelled-done", { told: result.told }));
    });

    composer.command("lectures_csv", requireRole(...staff), async (ctx) => {
      const tz = await timezoneOf(deps.db, community(ctx));
      const quarter = quarterOf(ctx.match, tz);
      if (!quarter) return ctx.reply(ctx.t("lectures-csv-usage"));
      const figures = await lectureFigures(deps.db, { communityId: community(ctx), from: quarter.from, to: quarter.to, at: deps.clock.now() });
      const total = peopleWhoCame(figures);
      await ctx.replyWithDocument(new InputFile(csvBytes(lectureCsvRows(figures, tz)), `lectures-${quarter.label}.csv`), {
        caption: ctx.t("lectures-csv-caption", { quarter: quarter.label, lectures: figures.length, people: total }),
      });
    });
    return composer;
  },
};
