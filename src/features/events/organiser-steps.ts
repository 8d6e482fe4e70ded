import type { BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import { markChosen } from "../../bot/mark-chosen.js";
import { cancelKeyboard } from "../../bot/menus.js";
import { fitText } from "../../bot/text-fit.js";
import { PLACE_MAX } from "./event-input.js";
import { choiceKeyboard, chosen, type Choice } from "./organiser-keyboards.js";

/** A typed answer read: the value, or why it is refused (told to the organiser, the question stays). */
export type Read<T> = { value: T } | { refuse: string } | undefined;

export interface Step<T> {
  /** Names the step in its buttons' data, so a press on an older question is not taken here. */
  name: string;
  question: string;
  choices?: readonly Choice[];
  perRow?: number;
  /** The value of a press on one of the choices (or why it is refused). */
  pressed?: (value: string, c: InnerContext) => Read<T> | Promise<Read<T>>;
  /** The value of a typed answer, when typing is allowed. */
  typed?: (c: InnerContext, text: string) => Read<T> | Promise<Read<T>>;
  /** Locale key of the re-ask for anything else (a sticker, a press elsewhere). */
  expectedKey: string;
}

/**
 * One question of the organisers' conversations, with its buttons (and Cancel), answered by a
 * press or, where allowed, by text. A refused answer is answered politely with the buttons
 * again and the question stays where it was (waitForAnswer keeps the state from growing); a
 * pressed answer replaces the question's buttons.
 */
export async function askStep<T>(conversation: BotConversation, ctx: InnerContext, step: Step<T>): Promise<T> {
  return (await askStepIn(conversation, ctx, step)).value;
}

/** askStep, with the context of the answer (to check the role again on a press that saves). */
export async function askStepIn<T>(conversation: BotConversation, ctx: InnerContext, step: Step<T>): Promise<{ value: T; ctx: InnerContext }> {
  const keyboard = step.choices ? choiceKeyboard(step.name, step.choices, ctx.t, step.perRow) : cancelKeyboard(ctx.t);
  await ctx.reply(step.question, { reply_markup: keyboard });
  let told = false;
  const { value, ctx: answered } = await waitForAnswer<{ value: T; label?: string }>(
    conversation,
    async (c) => {
      told = false;
      const press = chosen(step.name, c.callbackQuery?.data);
      const text = press === undefined ? plainText(c) : undefined;
      let read: Read<T>;
      if (press !== undefined) read = await step.pressed?.(press, c);
      else if (step.typed && text !== undefined && text !== "") read = await step.typed(c, text);
      if (read && "refuse" in read) {
        told = true;
        await c.reply(read.refuse, { reply_markup: keyboard });
        return undefined;
      }
      const label = step.choices?.find((choice) => choice.value === press)?.label;
      return read && { value: read.value, ...(label === undefined ? {} : { label }) };
    },
    async (c) => {
      if (!told) await c.reply(c.t(step.expectedKey), { reply_markup: keyboard });
    },
  );
  if (answered.callbackQuery && value.label !== undefined) await markChosen(answered, step.question, value.label);
  return { value: value.value, ctx: answered };
}

/** A press on one of `values`, as itself. */
export const oneOf =
  <const V extends string | number>(values: readonly V[]) =>
  (pressed: string): { value: V } | undefined => {
    const value = values.find((v) => String(v) === pressed);
    return value === undefined ? undefined : { value };
  };

/** Text of at most `max` characters; longer is refused with its length. */
export const shortText =
  (max: number) =>
  (c: InnerContext, text: string): Read<string> =>
    text.length > max ? { refuse: c.t("text-too-long", { max }) } : { value: text };

export interface EventPlace {
  place: string;
  location: { latitude: number; longitude: number } | null;
}

/**
 * Where: typed text, or a venue (its name and address, and the point). A bare location is kept
 * and the name asked for, so people also read where to go.
 */
export async function askEventPlace(conversation: BotConversation, ctx: InnerContext): Promise<EventPlace> {
  await ctx.reply(ctx.t("newevent-ask-place"), { reply_markup: cancelKeyboard(ctx.t) });
  let location: EventPlace["location"] = null;
  for (;;) {
    let told = false;
    const { value } = await waitForAnswer<Partial<EventPlace>>(
      conversation,
      async (c) => {
        told = false;
        const venue = c.message?.venue;
        if (venue) {
          const place = fitText(`${venue.title}, ${venue.address}`, PLACE_MAX);
          return { place, location: { latitude: venue.location.latitude, longitude: venue.location.longitude } };
        }
        const point = c.message?.location;
        if (point) return { location: { latitude: point.latitude, longitude: point.longitude } };
        const text = plainText(c);
        if (text === undefined || text === "") return undefined;
        if (text.length > PLACE_MAX) {
          told = true;
          await c.reply(c.t("text-too-long", { max: PLACE_MAX }), { reply_markup: cancelKeyboard(c.t) });
          return undefined;
        }
        return { place: text };
      },
      async (c) => {
        if (!told) await c.reply(c.t("newevent-place-expected"), { reply_markup: cancelKeyboard(c.t) });
      },
    );
    location = value.location ?? location;
    if (value.place !== undefined) return { place: value.place, location };
    await ctx.reply(ctx.t("newevent-location-noted"), { reply_markup: cancelKeyboard(ctx.t) });
  }
}
