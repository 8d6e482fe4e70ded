import { createConversation } from "@grammyjs/conversations";
import { Composer, InputFile } from "grammy";
import { parseId } from "../../bot/callback-data.js";
import type { BotContext, InnerContext } from "../../bot/context.js";
import type { Feature } from "../../bot/feature.js";
import { requireRole } from "../../bot/middleware/require-role.js";
import { answerStaleButton } from "../../bot/stale-button.js";
import { timezoneOf } from "../accounts/service.js";
import { DEFAULT_BROADCAST_CONFIG } from "../broadcasts/config.js";
import { csvBytes } from "../evaluation/csv.js";
import { announceEvent } from "./announce.js";
import { attendanceSheet } from "./attendance-sheet.js";
import { sendCheckInQr } from "./check-in-qr.js";
import { EVENT_SEATS_CONVERSATION, EVENT_TIME_CONVERSATION, eventSeatsConversation, eventTimeConversation } from "./edit-event-conversations.js";
import { EVENT_HOURS_CONVERSATION, eventHoursConversation } from "./hours-conversation.js";
import { NEW_EVENT_CONVERSATION, NEW_EVENT_CONVERSATION_VERSION, newEventConversation } from "./new-event-conversation.js";
import {
  cancelEventKeyboard,
  rosterAnnounce,
  rosterCancel,
  rosterCsv,
  rosterHours,
  rosterList,
  rosterMark,
  rosterOpen,
  rosterQr,
  rosterSeats,
  rosterTime,
} from "./organiser-keyboards.js";
import { organiserMessages } from "./organiser-messages.js";
import { remindersOf } from "./messages.js";
import { cancelEvent } from "./organiser-service.js";
import { eventsToOrganise, findEvent, markAttendance, rosterOf } from "./roster-service.js";
import { eventFacts, peopleToTell, renderEventList, renderRoster } from "./roster-view.js";
import { sheetCsvRows } from "./sheet-view.js";

const staff = ["staff"] as const;

const markRefusals = {
  "not-found": "roster-refused-gone",
  "event-cancelled": "roster-refused-cancelled",
  "too-early": "roster-mark-too-early",
  "illegal-move": "roster-mark-not-seated",
} as const;

const announceRefusals = {
  "not-found": "roster-refused-gone",
  cancelled: "roster-refused-cancelled",
  started: "roster-announce-closed",
  already: "roster-announce-already",
} as const;

const cancelRefusals = {
  "not-found": "roster-refused-gone",
  "already-cancelled": "roster-refused-cancelled",
  over: "roster-refused-over",
} as const;

/**
 * The organiser's side of events, for staff (admins too): /newevent creates one (or a weekly
 * series) and hands over its check-in code and QR image; /roster shows today's and coming
 * events, each event's people per slot with present / absent buttons, and changes to the time,
 * the seats, or a cancellation, each told to the people signed up. Every press checks the role.
 */
export const organiserFeature: Feature = {
  name: "events-organiser",
  commands: [
    { command: "newevent", descriptionKey: "command-newevent", roles: staff, order: 44 },
    { command: "roster", descriptionKey: "command-roster", roles: staff, order: 45 },
  ],
  conversationVersions: { [NEW_EVENT_CONVERSATION]: NEW_EVENT_CONVERSATION_VERSION },
  conversations: (deps) => [
    createConversation<BotContext, InnerContext>(newEventConversation(deps), { id: NEW_EVENT_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(eventSeatsConversation(deps), { id: EVENT_SEATS_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(eventTimeConversation(deps), { id: EVENT_TIME_CONVERSATION, plugins: deps.conversationPlugins }),
    createConversation<BotContext, InnerContext>(eventHoursConversation(deps), { id: EVENT_HOURS_CONVERSATION, plugins: deps.conversationPlugins }),
  ],

  create(deps) {
    const composer = new Composer<BotContext>();
    const tell = organiserMessages(() => deps.clock.now(), remindersOf(deps.config));
    const community = (ctx: BotContext) => ctx.user!.communityId!;
    /** The id a roster button carries, or undefined after the stale-button answer. */
    const idOf = async (ctx: BotContext, value: string | undefined): Promise<number | undefined> => {
      const id = parseId(value);
      if (!id) await answerStaleButton(ctx);
      return id;
    };

    composer.command("newevent", requireRole(...staff), async (ctx) => {
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(NEW_EVENT_CONVERSATION, community(ctx));
    });

    const showList = async (ctx: BotContext, inPlace: boolean) => {
      const tz = await timezoneOf(deps.db, community(ctx));
      const list = await eventsToOrganise(deps.db, { communityId: community(ctx), at: deps.clock.now(), timezone: tz });
      const { text, keyboard } = renderEventList(list, tz, ctx.t);
      const extra = keyboard ? { reply_markup: keyboard } : {};
      if (inPlace) await ctx.editMessageText(text, extra);
      else await ctx.reply(text, extra);
    };
    /** The roster in place of the pressed message; false when the event is not there. */
    const showRoster = async (ctx: BotContext, eventId: number): Promise<boolean> => {
      const roster = await rosterOf(deps.db, eventId, community(ctx));
      if (!roster) return false;
      const { text, keyboard } = renderRoster(roster, await timezoneOf(deps.db, community(ctx)), ctx.t);
      await ctx.editMessageText(text, { reply_markup: keyboard }).catch((error: unknown) => ctx.log.debug({ error }, "roster not edited"));
      return true;
    };

    composer.command("roster", requireRole(...staff), (ctx) => showList(ctx, false));
    composer.callbackQuery(rosterList.filter, requireRole(...staff), async (ctx) => {
      await ctx.answerCallbackQuery();
      await showList(ctx, true);
    });

    composer.callbackQuery(rosterOpen.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterOpen.unpack(ctx.callbackQuery.data)?.event);
      if (!eventId) return;
      if (!(await showRoster(ctx, eventId))) return ctx.answerCallbackQuery({ text: ctx.t("roster-refused-gone"), show_alert: true });
      await ctx.answerCallbackQuery();
    });

    composer.callbackQuery(rosterMark.filter, requireRole(...staff), async (ctx) => {
      const data = rosterMark.unpack(ctx.callbackQuery.data);
      if (data?.mark !== "p" && data?.mark !== "a") return answerStaleButton(ctx);
      const signupId = await idOf(ctx, data.signup);
      if (!signupId) return;
      const present = data.mark === "p";
      const result = await markAttendance(deps.db, { signupId, communityId: community(ctx), present, at: deps.clock.now(), actorId: ctx.from.id });
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(markRefusals[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery({ text: ctx.t(result.changed ? "roster-marked" : "roster-marked-already", { status: result.status }) });
      if (result.changed) await showRoster(ctx, result.eventId);
    });

    composer.callbackQuery(rosterCancel.filter, requireRole(...staff), async (ctx) => {
      const data = rosterCancel.unpack(ctx.callbackQuery.data);
      const eventId = await idOf(ctx, data?.event);
      if (!eventId) return;
      if (data!.step === "ask") {
        const roster = await rosterOf(deps.db, eventId, community(ctx));
        if (!roster) return ctx.answerCallbackQuery({ text: ctx.t("roster-refused-gone"), show_alert: true });
        await ctx.answerCallbackQuery();
        const facts = eventFacts(roster.event, await timezoneOf(deps.db, community(ctx)));
        await ctx.reply(ctx.t("roster-cancel-ask", { ...facts, count: peopleToTell(roster) }), { reply_markup: cancelEventKeyboard(eventId, ctx.t) });
        return;
      }
      if (data!.step === "no") {
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(ctx.t("roster-cancel-kept"));
        return;
      }
      if (data!.step !== "yes") return answerStaleButton(ctx);
      const result = await cancelEvent(deps.db, { eventId, communityId: community(ctx), at: deps.clock.now(), actorId: ctx.from.id }, tell);
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(cancelRefusals[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      const event = await findEvent(deps.db, eventId, community(ctx));
      await ctx.editMessageText(ctx.t("roster-cancel-done", { title: event?.title ?? "", count: result.told }));
    });

    const editWith = (conversation: string) => async (ctx: BotContext, eventId: number) => {
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(conversation, community(ctx), eventId);
    };
    const changeTime = editWith(EVENT_TIME_CONVERSATION);
    const changeSeats = editWith(EVENT_SEATS_CONVERSATION);
    composer.callbackQuery(rosterTime.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterTime.unpack(ctx.callbackQuery.data)?.event);
      if (eventId) await changeTime(ctx, eventId);
    });
    composer.callbackQuery(rosterSeats.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterSeats.unpack(ctx.callbackQuery.data)?.event);
      if (eventId) await changeSeats(ctx, eventId);
    });

    composer.callbackQuery(rosterHours.filter, requireRole(...staff), async (ctx) => {
      const signupId = await idOf(ctx, rosterHours.unpack(ctx.callbackQuery.data)?.signup);
      if (signupId) await editWith(EVENT_HOURS_CONVERSATION)(ctx, signupId);
    });

    composer.callbackQuery(rosterAnnounce.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterAnnounce.unpack(ctx.callbackQuery.data)?.event);
      if (!eventId) return;
      const result = await announceEvent(deps.db, {
        eventId,
        communityId: community(ctx),
        staffId: ctx.from.id,
        at: deps.clock.now(),
        rules: deps.config.broadcast ?? DEFAULT_BROADCAST_CONFIG,
      });
      if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t(announceRefusals[result.reason]), show_alert: true });
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("roster-announced", { count: result.recipients }));
    });

    composer.callbackQuery(rosterCsv.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterCsv.unpack(ctx.callbackQuery.data)?.event);
      if (!eventId) return;
      const sheet = await attendanceSheet(deps.db, eventId, community(ctx));
      if (!sheet) return ctx.answerCallbackQuery({ text: ctx.t("roster-refused-gone"), show_alert: true });
      await ctx.answerCallbackQuery();
      const tz = await timezoneOf(deps.db, community(ctx));
      const { title, time } = eventFacts(sheet.event, tz);
      const file = new InputFile(csvBytes(sheetCsvRows(sheet.rows, tz, ctx.t)), `roster-${sheet.event.id}-${time.slice(0, 10)}.csv`);
      await ctx.replyWithDocument(file, { caption: ctx.t("sheet-caption", { title, time }) });
    });

    composer.callbackQuery(rosterQr.filter, requireRole(...staff), async (ctx) => {
      const eventId = await idOf(ctx, rosterQr.unpack(ctx.callbackQuery.data)?.event);
      if (!eventId) return;
      const event = await findEvent(deps.db, eventId, community(ctx));
      if (!event) return ctx.answerCallbackQuery({ text: ctx.t("roster-refused-gone"), show_alert: true });
      await ctx.answerCallbackQuery();
      const { title, time } = eventFacts(event, await timezoneOf(deps.db, community(ctx)));
      await sendCheckInQr(ctx, { title, time, code: event.checkInCode });
    });
    return composer;
  },
};
