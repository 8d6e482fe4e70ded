import { Composer, InlineKeyboard, InputFile } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton, menuEntry } from "../../bot/menus.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { hasAnyRole } from "../accounts/roles.js";
import { timezoneOf } from "../accounts/service.js";
import { calendarFile } from "../events/calendar.js";
import { leaveKeyboard } from "../events/keyboards.js";
import { remindersOf, signupMessages } from "../events/messages.js";
import { formatTime } from "../reports/views.js";
import { isOnDuty } from "./door.js";
import { lectureDoor, lectureFiles, lectureFilesGet, lectureInterested, lectureRegister } from "./keyboards.js";
import { ensureCode, markInterested, myLectures, pastLectures, registerForLecture, upcomingLectures, type RegisterRefusal } from "./service.js";
import { lectureKeyboard, renderLecture, renderMyLectures } from "./views.js";

const everyone = ["resident"] as const;

const refusalKeys: Record<RegisterRefusal, string> = {
  "not-found": "lectures-refused-gone",
  "event-cancelled": "lectures-refused-cancelled",
  "deadline-passed": "lectures-refused-past",
  "already-signed-up": "lectures-refused-twice",
  "not-allowed": "lectures-refused-gone",
  "not-yours": "lectures-refused-gone",
  "offer-expired": "lectures-refused-gone",
  "illegal-move": "lectures-refused-gone",
  "no-registration": "lectures-refused-open",
};

/**
 * Lectures for the people who come: /lectures lists the coming ones (seats left) and the past
 * ones; Register gives a seat and a code (or a place on the waiting list), with the .ics file;
 * Interested is counted; /mylectures shows the codes with Cancel (the core's step back, so a
 * freed seat is offered to the next in line). Reminders and offers are the core's.
 */
export const lecturesFeature: Feature = {
  name: "lectures",
  commands: [
    { command: "lectures", descriptionKey: "command-lectures", roles: everyone, order: 45 },
    { command: "mylectures", descriptionKey: "command-mylectures", roles: everyone, order: 46 },
  ],
  menu: [{ key: "lectures", labelKey: "menu-lectures", roles: everyone, order: 42 }],

  create(deps) {
    const composer = new Composer<BotContext>();
    const tell = signupMessages(() => deps.clock.now(), remindersOf(deps.config));
    const now = () => deps.clock.now();

    const showLectures = async (ctx: BotContext) => {
      const communityId = ctx.user?.communityId;
      if (communityId == null) return ctx.reply(ctx.t("lectures-no-community"));
      const tz = await timezoneOf(deps.db, communityId);
      const locale = await ctx.i18n.getLocale();
      const staff = hasAnyRole(ctx.user?.roles ?? [], ["staff"]);
      const coming = await upcomingLectures(deps.db, communityId, now());
      if (coming.length === 0) await ctx.reply(ctx.t("lectures-none"));
      for (const facts of coming) {
        const door = staff || (await isOnDuty(deps.db, facts.lecture.id, ctx.from!.id));
        await ctx.reply(renderLecture(facts, tz, locale, ctx.t), { reply_markup: lectureKeyboard(facts, ctx.t, { door, staff }) });
      }
      const past = await pastLectures(deps.db, communityId, now());
      if (past.length > 0) {
        const lines = past.map((p) => ctx.t("lectures-past-line", { time: formatTime(p.startsAt.toISOString(), tz), title: p.title, files: p.materials }));
        // Anyone gets a past lecture's materials from here; staff read its figures and add materials.
        const keyboard = new InlineKeyboard();
        for (const p of past) {
          if (p.materials > 0) keyboard.text(`${ctx.t("lectures-materials-get")} · ${p.title}`, lectureFilesGet.pack({ lecture: p.lectureId })).row();
          if (!staff) continue;
          keyboard.text(`${ctx.t("lectures-figures")} · ${p.title}`, lectureDoor.pack({ lecture: p.lectureId, action: "stats" })).row();
          keyboard.text(`${ctx.t("lectures-materials")} · ${p.title}`, lectureFiles.pack({ lecture: p.lectureId })).row();
        }
        const markup = keyboard.inline_keyboard.length > 0 ? { reply_markup: keyboard } : {};
        await ctx.reply([ctx.t("lectures-past-header"), ...lines].join("\n"), markup);
      }
    };
    composer.command("lectures", showLectures);
    composer.callbackQuery(menuButton.filter, menuEntry("lectures", everyone, showLectures));

    composer.command("mylectures", async (ctx) => {
      const mine = await myLectures(deps.db, ctx.from!.id, now());
      // A registration made another way (the core's own buttons) gets its code when first shown.
      for (const m of mine) m.code ??= await ensureCode(deps.db, { signupId: m.signupId, lectureId: m.lectureId, at: now() });
      const { text, keyboard } = renderMyLectures(mine, await timezoneOf(deps.db, ctx.user?.communityId), ctx.t);
      await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
    });

    composer.callbackQuery(lectureRegister.filter, async (ctx) => {
      const lectureId = parseId(lectureRegister.unpack(ctx.callbackQuery.data)?.lecture, Number.MAX_SAFE_INTEGER);
      if (!lectureId) return answerStaleButton(ctx);
      // A rerun of a press whose process died after the seat was written answers with that seat and its code.
      const again = (ctx.attempt ?? 1) > 1;
      const result = await registerForLecture(deps.db, { lectureId, userId: ctx.from.id, at: now(), again }, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(refusalKeys[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      const markup = { reply_markup: leaveKeyboard(result.signupId, ctx.t) };
      if (result.status === "waitlisted") {
        const waiting = ctx.t("lectures-waitlisted", { position: result.position ?? 1, code: result.code });
        await deps.steps.once(ctx, "registration-answered", () => ctx.reply(waiting, markup));
        return;
      }
      // Registered too late for any reminder (minutes before the start): no promise of one.
      const reminded = remindersOf(deps.config).lecture.some((hours) => result.startsAt.getTime() - hours * 3600_000 > now().getTime());
      const registered = ctx.t(reminded ? "lectures-registered" : "lectures-registered-soon", { code: result.code });
      await deps.steps.once(ctx, "registration-answered", () => ctx.reply(registered, markup));
      await deps.steps.once(ctx, "registration-calendar", () => sendCalendar(deps, ctx, result.eventId));
    });

    composer.callbackQuery(lectureInterested.filter, async (ctx) => {
      const lectureId = parseId(lectureInterested.unpack(ctx.callbackQuery.data)?.lecture, Number.MAX_SAFE_INTEGER);
      if (!lectureId) return answerStaleButton(ctx);
      const saved = await markInterested(deps.db, { lectureId, userId: ctx.from.id, at: now() });
      await ctx.answerCallbackQuery({ text: ctx.t(saved ? "lectures-interest-saved" : "lectures-refused-gone"), show_alert: !saved });
    });
    return composer;
  },
};

async function sendCalendar(deps: AppDeps, ctx: BotContext, eventId: number): Promise<void> {
  const file = await calendarFile(deps.db, eventId);
  if (file) await ctx.replyWithDocument(new InputFile(Buffer.from(file.content, "utf8"), file.filename), { caption: ctx.t("events-calendar") });
}
