import { InlineKeyboard, Keyboard } from "grammy";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { cancelButton } from "../../bot/menus.js";
import { freeTimes, type FreeTime } from "../../db/schema/index.js";
import { stepDone, toggleInterest, toggleTime } from "./buttons.js";
import { listInterests, pickName } from "./interests.js";
import { applyToVolunteer, checkName, findProfile, NAME_MAX, saveProfile, type ProfileInput } from "./service.js";

export const PROFILE_CONVERSATION = "volunteer-profile";

type Translate = InnerContext["t"];
type Option<K extends string | number> = { key: K; label: string };

function toggleKeyboard<K extends string | number>(options: Option<K>[], chosen: readonly K[], pack: (key: K) => string, t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const o of options) keyboard.text(`${chosen.includes(o.key) ? "✅" : "▫️"} ${o.label}`, pack(o.key)).row();
  return keyboard.text(t("volunteers-done"), stepDone.pack({})).text(t("button-cancel"), cancelButton.pack({}));
}

/** A question answered by toggling buttons on and off, then Done; the message shows the choice as it grows. */
async function toggleStep<K extends string | number>(
  conversation: BotConversation,
  ctx: InnerContext,
  question: string,
  options: Option<K>[],
  initial: readonly K[],
  unpack: (data: string | undefined) => K | undefined,
  pack: (key: K) => string,
): Promise<K[]> {
  let chosen = [...initial];
  await ctx.reply(question, { reply_markup: toggleKeyboard(options, chosen, pack, ctx.t) });
  for (;;) {
    const { value, ctx: pressed } = await waitForAnswer(
      conversation,
      (c) => (stepDone.filter.test(c.callbackQuery?.data ?? "") ? ("done" as const) : unpack(c.callbackQuery?.data)),
      (c) => c.reply(c.t("use-buttons")),
    );
    if (value === "done") {
      await pressed.editMessageReplyMarkup();
      return chosen;
    }
    chosen = chosen.includes(value) ? chosen.filter((k) => k !== value) : [...chosen, value];
    await pressed.editMessageReplyMarkup({ reply_markup: toggleKeyboard(options, chosen, pack, pressed.t) });
  }
}

/**
 * The volunteer's profile, asked step by step: the name to show, interests and usual free times
 * by buttons, the phone by Telegram's "share my contact" (optional, only their own). "apply"
 * sends it to staff as an application; "edit" saves the profile of someone already a volunteer.
 */
export function profileConversation(deps: AppDeps) {
  return async function profile(conversation: BotConversation, ctx: InnerContext, mode: "apply" | "edit"): Promise<void> {
    const communityId = ctx.user!.communityId!;
    const locale = await ctx.i18n.getLocale();
    const { interests, current } = await conversation.external(async () => ({
      interests: await listInterests(deps.db, communityId),
      current: (await findProfile(deps.db, ctx.from!.id)) ?? null,
    }));

    await ctx.reply(ctx.t(mode === "apply" ? "volunteers-intro" : "volunteers-edit-intro"));
    await ctx.reply(ctx.t("volunteers-ask-name", { max: NAME_MAX }), {
      reply_markup: new Keyboard()
        .text(current?.displayName ?? ctx.from!.first_name)
        .resized()
        .oneTime(),
    });
    const { value: displayName } = await waitForAnswer(
      conversation,
      async (c) => {
        const text = plainText(c);
        if (text === undefined) return undefined;
        const checked = checkName(text);
        if (checked.ok) return checked.name;
        await c.reply(c.t(checked.reason === "too-long" ? "volunteers-name-too-long" : "volunteers-name-empty", { max: NAME_MAX }));
        return undefined;
      },
      async () => {},
    );

    const interestOptions = interests.map((i) => ({ key: i.id, label: pickName(i.name, locale) }));
    const interestIds = await toggleStep(
      conversation,
      ctx,
      ctx.t("volunteers-ask-interests"),
      interestOptions,
      current?.interestIds ?? [],
      (data) => interests.find((i) => i.id === Number(toggleInterest.unpack(data)?.id))?.id,
      (id) => toggleInterest.pack({ id }),
    );
    const timeOptions = freeTimes.map((time) => ({ key: time, label: ctx.t(`volunteers-time-${time}`) }));
    const chosenTimes = await toggleStep<FreeTime>(
      conversation,
      ctx,
      ctx.t("volunteers-ask-times"),
      timeOptions,
      (current?.freeTimes ?? []) as FreeTime[],
      (data) => freeTimes.find((time) => time === toggleTime.unpack(data)?.time),
      (time) => toggleTime.pack({ time }),
    );

    const skip = ctx.t("volunteers-phone-skip");
    await ctx.reply(ctx.t("volunteers-ask-phone"), {
      reply_markup: new Keyboard().requestContact(ctx.t("volunteers-phone-share")).row().text(skip).resized().oneTime(),
    });
    const { value: phone } = await waitForAnswer(
      conversation,
      async (c) => {
        // Only the sender's own number: a forwarded card of someone else is not their consent.
        const contact = c.message?.contact;
        if (contact) return contact.user_id === c.from?.id ? contact.phone_number : undefined;
        return plainText(c) === skip ? "" : undefined;
      },
      (c) => c.reply(c.t(c.message?.contact ? "volunteers-phone-not-yours" : "volunteers-phone-reask")),
    );

    const profile: ProfileInput = { displayName, interestIds, freeTimes: chosenTimes, phone: phone || (phone === "" && current?.phone ? current.phone : null) };
    const done = { reply_markup: { remove_keyboard: true as const } };
    if (mode === "edit") {
      await conversation.external(async () => saveProfile(deps.db, { userId: ctx.from!.id, communityId, profile, at: deps.clock.now() }));
      await ctx.reply(ctx.t("volunteers-profile-saved"), done);
      return;
    }
    const result = await conversation.external(() => applyToVolunteer(deps.db, { userId: ctx.from!.id, communityId, profile, at: deps.clock.now() }));
    if (!result.ok) await ctx.reply(ctx.t(result.reason === "pending" ? "volunteers-already-pending" : "volunteers-already"), done);
    else await ctx.reply(ctx.t("volunteers-applied"), done);
  };
}
