import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { ensureRole } from "../../bot/middleware/require-role.js";
import { fitText, TEXT_MAX } from "../../bot/text-fit.js";
import { timezoneOf } from "../accounts/service.js";
import { parseCapacity, parseSlots, TITLE_MAX, type SlotInput } from "../events/event-input.js";
import { choiceKeyboard, chosen } from "../events/organiser-keyboards.js";
import { askEventTimes } from "../events/time-steps.js";
import { askEventPlace, askStep, askStepIn, oneOf, shortText } from "../events/organiser-steps.js";
import { formatTime } from "../reports/views.js";
import { sendDoorPoster } from "./door-poster.js";
import { createLecture, lectureFacts, posterFacts } from "./service.js";
import { listTopics, topicName } from "./topics.js";

export const NEW_LECTURE_CONVERSATION = "lecture-new";
const SPEAKER_MAX = 80;
const DESCRIPTION_MAX = 1000;

/**
 * /newlecture for staff: title → topic → speaker → start → length or end → place → poster
 * (a photo, or skip) → description (or skip) → seats (a number, or open) → registration needed
 * → lecture-duty slots for volunteers (or none) → summary with Create / Cancel. Nothing is saved
 * before Create; then the lecture is an event of the core with its lecture row.
 */
export function newLectureConversation(deps: AppDeps) {
  return async function newLecture(conversation: BotConversation, ctx: InnerContext, communityId: number): Promise<void> {
    const timezone = await conversation.external(() => timezoneOf(deps.db, communityId));
    const now = async () => new Date(await conversation.external(() => deps.clock.now().toISOString()));
    const locale = await conversation.external(() => ctx.i18n.getLocale());
    const topics = await conversation.external(async () => listTopics(deps.db, communityId, deps.clock.now()));

    const title = await askStep<string>(conversation, ctx, {
      name: "ltitle",
      question: ctx.t("newlecture-ask-title"),
      typed: shortText(TITLE_MAX),
      expectedKey: "newevent-title-expected",
    });
    const topicId = await askStep<number>(conversation, ctx, {
      name: "ltopic",
      question: ctx.t("newlecture-ask-topic"),
      choices: [...topics.map((t) => ({ value: String(t.id), label: topicName(t, locale) })), { value: "0", label: ctx.t("newlecture-no-topic") }],
      perRow: 2,
      pressed: (value) => (value === "0" || topics.some((t) => String(t.id) === value) ? { value: Number(value) } : undefined),
      expectedKey: "use-buttons",
    });
    const speaker = await askStep<string>(conversation, ctx, {
      name: "lspeaker",
      question: ctx.t("newlecture-ask-speaker"),
      typed: shortText(SPEAKER_MAX),
      expectedKey: "newlecture-speaker-expected",
    });
    const { startsAt, endsAt } = await askEventTimes(conversation, ctx, { timezone, now, names: { start: "lstart", length: "llength" } });
    const { place, location } = await askEventPlace(conversation, ctx);

    // The poster: a photo, or Skip.
    const skip = [{ value: "skip", label: ctx.t("newlecture-skip") }];
    await ctx.reply(ctx.t("newlecture-ask-poster"), { reply_markup: choiceKeyboard("lposter", skip, ctx.t) });
    const { value: posterFileId } = await waitForAnswer<string | null>(
      conversation,
      (c) => c.message?.photo?.at(-1)?.file_id ?? (chosen("lposter", c.callbackQuery?.data) === "skip" ? null : undefined),
      (c) => c.reply(c.t("newlecture-poster-expected"), { reply_markup: choiceKeyboard("lposter", skip, c.t) }),
    );
    const description = await askStep<string | null>(conversation, ctx, {
      name: "ldesc",
      question: ctx.t("newlecture-ask-description"),
      choices: skip,
      pressed: (value) => (value === "skip" ? { value: null } : undefined),
      typed: shortText(DESCRIPTION_MAX),
      expectedKey: "newlecture-description-expected",
    });
    const seats = await askStep<number | null>(conversation, ctx, {
      name: "lseats",
      question: ctx.t("newlecture-ask-seats"),
      choices: [{ value: "open", label: ctx.t("newevent-no-limit") }],
      pressed: (value) => (value === "open" ? { value: null } : undefined),
      typed: (c, text) => {
        const parsed = parseCapacity(text);
        return parsed.ok ? { value: parsed.capacity } : { refuse: c.t("newlecture-seats-format") };
      },
      expectedKey: "newlecture-seats-format",
    });
    const registration = await askStep<boolean>(conversation, ctx, {
      name: "lreg",
      question: ctx.t("newlecture-ask-registration"),
      choices: [
        { value: "yes", label: ctx.t("newlecture-registration-yes") },
        { value: "no", label: ctx.t("newlecture-registration-no") },
      ],
      pressed: (value) => (value === "yes" ? { value: true } : value === "no" ? { value: false } : undefined),
      expectedKey: "use-buttons",
    });
    const duty = await askStep<SlotInput[]>(conversation, ctx, {
      name: "lduty",
      question: ctx.t("newlecture-ask-duty"),
      choices: [{ value: "none", label: ctx.t("newlecture-no-duty") }],
      pressed: (value) => (value === "none" ? { value: [] } : undefined),
      typed: (c, text) => {
        const parsed = parseSlots(text);
        return parsed.ok ? { value: parsed.slots } : { refuse: c.t("newevent-slots-format") };
      },
      expectedKey: "newevent-slots-expected",
    });

    const summary = ctx.t("newlecture-summary", {
      title,
      topic: topics.find((t) => t.id === topicId) ? topicName(topics.find((t) => t.id === topicId)!, locale) : "—",
      speaker,
      time: formatTime(startsAt, timezone),
      end: formatTime(endsAt, timezone).slice(11),
      place,
      seats: seats ?? -1,
      registration: registration ? "yes" : "no",
      duty: duty.map((s) => (s.capacity === null ? s.name : `${s.name} ${s.capacity}`)).join(", ") || "—",
    });
    const { ctx: pressed } = await askStepIn(conversation, ctx, {
      name: "lsummary",
      question: fitText(summary, TEXT_MAX),
      choices: [{ value: "create", label: ctx.t("newevent-create") }],
      pressed: oneOf(["create"]),
      expectedKey: "use-buttons",
    });
    // The role is checked again on the press that saves.
    if (!(await ensureRole(pressed, ["staff"]))) return;
    const created = await conversation.external(async () => {
      const result = await createLecture(
        deps.db,
        {
          communityId,
          title,
          topicId: topicId || null,
          speaker,
          startsAt: new Date(startsAt),
          endsAt: new Date(endsAt),
          place,
          location,
          posterFileId,
          description,
          seats: registration ? seats : null,
          registrationRequired: registration,
          duty,
          createdBy: ctx.from!.id,
        },
        deps.clock.now(),
      );
      if (!result.ok) return { ok: false as const, reason: result.reason };
      const facts = await lectureFacts(deps.db, result.lectureId);
      const poster = posterFacts(facts!);
      return {
        ok: true as const,
        lectureId: result.lectureId,
        poster: { ...poster, startsAt: poster.startsAt.toISOString(), endsAt: poster.endsAt.toISOString() },
      };
    });
    if (!created.ok) {
      ctx.log.warn({ reason: created.reason }, "lecture refused at save");
      await ctx.reply(ctx.t("newevent-not-saved"));
      return;
    }
    await ctx.reply(ctx.t("newlecture-created", { title, id: created.lectureId }));
    // The QR code and the poster for the door, at once: the last step, so nothing replays them.
    const { poster } = created;
    await sendDoorPoster(ctx, (locale, key) => deps.i18n.t(locale, key), {
      ...poster,
      startsAt: new Date(poster.startsAt),
      endsAt: new Date(poster.endsAt),
      timezone,
    });
  };
}
