import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { markChosen } from "../../bot/mark-chosen.js";
import { fitRendered, TEXT_MAX } from "../../bot/text-fit.js";
import { matchArea } from "./geo.js";
import { outsideAreaButton, outsideAreaKeyboard } from "./keyboards.js";
import { askPlace, type Place } from "./steps.js";

const removeKeyboard = { reply_markup: { remove_keyboard: true } } as const;

/** Where, and which area that is; a point outside every area is kept only after the user says so. */
export async function askPlaceInCommunity(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: AppDeps,
  communityId: number,
): Promise<{ place: Place; area: { id: number; name: string } | null }> {
  // "Somewhere else" goes back to the question: the replay log returns to this point instead of
  // growing by a round for every try.
  const ask = conversation.checkpoint();
  const place = await askPlace(conversation, ctx);
  if (place.kind === "address") {
    await ctx.reply(ctx.t("report-address-noted"), removeKeyboard);
    return { place, area: null };
  }
  const match = await conversation.external(() => matchArea(deps.db, communityId, place));
  if (match.kind === "inside") {
    const said = fitRendered((vars) => ctx.t("report-location-in-area", vars), { area: match.area.name }, ["area"], TEXT_MAX);
    await ctx.reply(said, removeKeyboard);
    return { place, area: match.area };
  }
  if (match.kind === "no-areas") {
    await ctx.reply(ctx.t("report-location-noted"), removeKeyboard);
    return { place, area: null };
  }
  await ctx.reply(ctx.t("report-outside-areas"), { reply_markup: outsideAreaKeyboard(ctx.t) });
  const { value, ctx: pressed } = await waitForAnswer(
    conversation,
    (c) => outsideAreaButton.unpack(c.callbackQuery?.data)?.answer,
    (c) => c.reply(c.t("use-buttons")),
  );
  await markChosen(pressed, pressed.t("report-outside-areas"), pressed.t(value === "yes" ? "report-outside-yes" : "report-outside-again"));
  if (value === "again") return await conversation.rewind(ask);
  // The "send my location" keyboard goes with the question it served.
  await ctx.reply(ctx.t("report-location-noted"), removeKeyboard);
  return { place, area: null };
}
