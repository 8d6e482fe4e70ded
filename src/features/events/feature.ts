import { Composer, InlineKeyboard, InputFile, Keyboard } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext } from "../../bot/context.js";
import type { AppDeps } from "../../bot/deps.js";
import type { Feature } from "../../bot/feature.js";
import { menuButton, menuEntry } from "../../bot/menus.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { checkInByCode, hoursOf } from "./attendance.js";
import { calendarFile } from "./calendar.js";
import { answerOffer, joinKeyboard, joinSlot, leaveKeyboard, leaveSignup, mySignupsButton } from "./keyboards.js";
import { openEventsFor, signupsOf } from "./listing.js";
import { checkInByLocation, DEFAULT_CHECK_IN_RADIUS_METERS } from "./location-check-in.js";
import { remindersOf, signupMessages } from "./messages.js";
import { acceptOffer, cancelSignup, signUp, type CancelRefusal } from "./signups.js";
import { joinedText, renderHours, renderMySignups, renderOpenEvent } from "./views.js";
import { formatTime } from "../reports/views.js";
import type { Config } from "../../config.js";

/** The check-in link's /start payload: t.me/<bot>?start=chk_<code>. */
export const CHECK_IN_PREFIX = "chk_";

const refusalKeys: Record<CancelRefusal, string> = {
  "not-found": "events-refused-gone",
  "event-cancelled": "events-refused-cancelled",
  "deadline-passed": "events-refused-deadline",
  "already-signed-up": "events-refused-twice",
  "not-allowed": "events-refused-not-allowed",
  "not-yours": "events-refused-gone",
  "offer-expired": "events-refused-offer-expired",
  "illegal-move": "events-refused-gone",
  started: "events-refused-started",
};

const everyone = ["resident"] as const;

/**
 * Events for the people who come to them: /events lists what a person may join with a button
 * per slot (seats left), a full slot puts them on the waitlist with their place; /myevents
 * lists their sign-ups with "step back"; a freed seat is offered to the first in line; reminders
 * come before the event; /checkin (or the organiser's link) checks them in; /hours adds it up.
 * Everything they are sent on their own goes through the outbox.
 */
export const eventsFeature: Feature = {
  name: "events",
  commands: [
    { command: "events", descriptionKey: "command-events", roles: everyone, order: 40 },
    { command: "myevents", descriptionKey: "command-myevents", roles: everyone, order: 41 },
    { command: "checkin", descriptionKey: "command-checkin", roles: everyone, order: 42 },
    { command: "hours", descriptionKey: "command-hours", roles: ["volunteer"], order: 43 },
  ],
  menu: [{ key: "events", labelKey: "menu-events", roles: everyone, order: 40 }],
  deepLinks: (deps) => ({ [CHECK_IN_PREFIX]: (ctx, code) => checkIn(deps, ctx, code) }),

  create(deps) {
    const composer = new Composer<BotContext>();
    const reminders = remindersOf(deps.config);
    const tell = signupMessages(() => deps.clock.now(), reminders);

    const showEvents = async (ctx: BotContext) => {
      const communityId = ctx.user?.communityId;
      const open = communityId ? await openEventsFor(deps.db, { userId: ctx.from!.id, communityId, at: deps.clock.now(), limit: 5 }) : [];
      if (open.length === 0) {
        await ctx.reply(ctx.t("events-none"), { reply_markup: new InlineKeyboard().text(ctx.t("events-mine"), mySignupsButton.pack({})) });
        return;
      }
      const tz = await timezoneOf(deps.db, communityId);
      for (const item of open) {
        const keyboard = joinKeyboard(item, ctx.t);
        await ctx.reply(renderOpenEvent(item, tz, ctx.t), keyboard ? { reply_markup: keyboard } : {});
      }
    };
    const showMine = async (ctx: BotContext) => {
      const now = deps.clock.now();
      const mine = await signupsOf(deps.db, ctx.from!.id, now);
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      const { text, keyboard } = renderMySignups(mine, tz, ctx.t, now);
      await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
    };

    composer.command("events", showEvents);
    composer.callbackQuery(menuButton.filter, menuEntry("events", everyone, showEvents));
    composer.command("myevents", showMine);
    composer.callbackQuery(mySignupsButton.filter, async (ctx) => {
      await ctx.answerCallbackQuery();
      await showMine(ctx);
    });

    composer.callbackQuery(joinSlot.filter, async (ctx) => {
      const slotId = parseId(joinSlot.unpack(ctx.callbackQuery.data)?.slot);
      if (!slotId) return answerStaleButton(ctx);
      // A rerun of a press whose process died after the seat was written answers with that seat.
      const again = (ctx.attempt ?? 1) > 1;
      const result = await signUp(deps.db, { slotId, userId: ctx.from.id, at: deps.clock.now(), again }, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(refusalKeys[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      if (result.status === "confirmed") {
        const joined = joinedText(reminders, result.startsAt, deps.clock.now(), await ctx.i18n.getLocale(), ctx.t);
        await deps.steps.once(ctx, "signup-answered", () => ctx.reply(joined, { reply_markup: leaveKeyboard(result.signupId, ctx.t) }));
        await deps.steps.once(ctx, "signup-calendar", () => sendCalendar(deps, ctx, result.eventId));
      } else
        await deps.steps.once(ctx, "signup-answered", () =>
          ctx.reply(ctx.t("events-waitlisted", { position: result.position ?? 1 }), { reply_markup: leaveKeyboard(result.signupId, ctx.t) }),
        );
    });

    composer.callbackQuery(leaveSignup.filter, async (ctx) => {
      const signupId = parseId(leaveSignup.unpack(ctx.callbackQuery.data)?.signup);
      if (!signupId) return answerStaleButton(ctx);
      const result = await cancelSignup(deps.db, { signupId, userId: ctx.from.id, at: deps.clock.now() }, undefined, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(refusalKeys[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t("events-left"));
    });

    composer.callbackQuery(answerOffer.filter, async (ctx) => {
      const data = answerOffer.unpack(ctx.callbackQuery.data);
      const signupId = parseId(data?.signup);
      if (!signupId || (data?.answer !== "yes" && data?.answer !== "no")) return answerStaleButton(ctx);
      const at = deps.clock.now();
      const result =
        data.answer === "yes"
          ? await acceptOffer(deps.db, { signupId, userId: ctx.from.id, at }, tell)
          : await cancelSignup(deps.db, { signupId, userId: ctx.from.id, at }, undefined, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(refusalKeys[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup();
      await ctx.reply(ctx.t(data.answer === "yes" ? "events-offer-taken" : "events-offer-declined"));
      if (data.answer === "yes" && "eventId" in result) await sendCalendar(deps, ctx, result.eventId);
    });

    composer.command("checkin", async (ctx) => {
      const code = ctx.match.trim();
      if (!code) {
        const share = new Keyboard().requestLocation(ctx.t("events-checkin-share")).resized().oneTime();
        return ctx.reply(`${ctx.t("events-checkin-ask")}\n${ctx.t("events-checkin-or-location")}`, { reply_markup: share });
      }
      return checkIn(deps, ctx, code);
    });

    // A location shared near the event's place checks in; a live location (a patrol's route) and
    // a location from someone with no event within a day are left to the rest of the bot.
    composer.on("message:location", async (ctx, next) => {
      const { latitude, longitude, live_period } = ctx.message.location;
      if (live_period) return next();
      const radiusMeters = (deps.config as Partial<Pick<Config, "EVENT_CHECKIN_RADIUS_METERS">>).EVENT_CHECKIN_RADIUS_METERS ?? DEFAULT_CHECK_IN_RADIUS_METERS;
      const result = await checkInByLocation(deps.db, { userId: ctx.from.id, at: deps.clock.now(), position: { latitude, longitude }, radiusMeters });
      if (!result.ok && result.reason === "none") return next();
      const done = { reply_markup: { remove_keyboard: true as const } };
      if (result.ok) return ctx.reply(ctx.t(result.alreadyIn ? "events-checkin-again" : "events-checkin-done", { title: result.title }), done);
      if (result.reason === "too-far")
        return ctx.reply(ctx.t("events-checkin-too-far", { title: result.title, meters: result.meters, radius: result.radius }), done);
      if (result.reason === "too-early") {
        const opens = formatTime(result.opensAt.toISOString(), await timezoneOf(deps.db, ctx.user?.communityId));
        return ctx.reply(ctx.t("events-checkin-not-yet", { title: result.title, time: opens }), done);
      }
      return ctx.reply(ctx.t(result.reason === "over" ? "events-checkin-over" : "events-checkin-no-place", { title: result.title }), done);
    });

    composer.command("hours", requireRole("volunteer"), async (ctx) => {
      const tz = await timezoneOf(deps.db, ctx.user?.communityId);
      await ctx.reply(renderHours(await hoursOf(deps.db, ctx.from!.id, deps.clock.now(), tz), ctx.t));
    });
    return composer;
  },
};

const checkInRefusals = {
  "wrong-code": "events-checkin-wrong-code",
  "not-signed-up": "events-checkin-not-signed-up",
  waitlisted: "events-checkin-waitlisted",
  "too-early": "events-checkin-too-early",
  over: "events-checkin-over",
  "event-cancelled": "events-refused-cancelled",
} as const;

async function checkIn(deps: AppDeps, ctx: BotContext, code: string): Promise<void> {
  const result = await checkInByCode(deps.db, { code, userId: ctx.from!.id, at: deps.clock.now() });
  if (!result.ok) {
    await ctx.reply(ctx.t(checkInRefusals[result.reason]));
    return;
  }
  await ctx.reply(ctx.t(result.alreadyIn ? "events-checkin-again" : "events-checkin-done", { title: result.title }));
}

/** The event for the person's own calendar, with each confirmed seat. */
async function sendCalendar(deps: AppDeps, ctx: BotContext, eventId: number): Promise<void> {
  const file = await calendarFile(deps.db, eventId);
  if (file) await ctx.replyWithDocument(new InputFile(Buffer.from(file.content, "utf8"), file.filename), { caption: ctx.t("events-calendar") });
}
