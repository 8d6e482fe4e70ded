import { GrammyError, type InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import type { AppDeps } from "../../bot/deps.js";
import { markChosen } from "../../bot/mark-chosen.js";
import { fitRendered, TEXT_MAX } from "../../bot/text-fit.js";
import { editButton, editKeyboard, type Translate } from "./keyboards.js";
import { askPhotos } from "./photo-steps.js";
import { askPlaceInCommunity } from "./place-step.js";
import type { PhotoRef } from "./service.js";
import { askCategory, askDescription, type CategoryChoice, type Description, type Place } from "./steps.js";

/** Everything the resident has said so far; JSON-safe, because it lives in the replay log. */
export interface Draft {
  category: CategoryChoice;
  description: Description;
  photos: PhotoRef[];
  place: Place;
  area: { id: number; name: string } | null;
  anonymous: boolean;
}

/**
 * The summary the resident confirms. Whatever they typed or chose (a venue's title, an area's
 * name) is shortened if need be so that it fits one message with its buttons.
 */
export function renderSummary(t: Translate, draft: Draft): string {
  const place =
    draft.place.kind === "point"
      ? t("report-summary-point", {
          latitude: draft.place.latitude.toFixed(5),
          longitude: draft.place.longitude.toFixed(5),
          address: draft.place.address ?? "",
        })
      : draft.place.address;
  const vars = {
    category: draft.category.label,
    description: draft.description.text ?? t("report-summary-voice"),
    photos: draft.photos.length,
    place,
    area: draft.area?.name ?? t("report-summary-no-area"),
    anonymous: draft.anonymous ? "yes" : "no",
  };
  return fitRendered((v) => t("report-summary", v), vars, ["description", "place", "area", "category"], TEXT_MAX);
}

/**
 * Shows `text` with `keyboard`: in place of the message `pressed` came from (the summary
 * turned into the Change menu and back, the anonymous switch), else as a new message.
 */
export async function showInPlace(ctx: InnerContext, pressed: InnerContext | undefined, text: string, keyboard: InlineKeyboard): Promise<void> {
  if (pressed?.callbackQuery?.message) {
    try {
      await pressed.editMessageText(text, { reply_markup: keyboard });
      return;
    } catch (error) {
      // Deleted, or too old to edit: the resident gets it as a new message.
      if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    }
  }
  await ctx.reply(text, { reply_markup: keyboard });
}

/**
 * The Change menu, in place of the summary: one field is asked again, or Back returns to the
 * summary unchanged. Returns the Back press (the summary goes back into its message), or
 * undefined once a field was changed (the summary comes as a new message, after the answers).
 */
export async function editDraft(
  conversation: BotConversation,
  ctx: InnerContext,
  pressed: InnerContext,
  deps: AppDeps,
  communityId: number,
  categories: CategoryChoice[],
  draft: Draft,
): Promise<InnerContext | undefined> {
  await showInPlace(ctx, pressed, ctx.t("report-edit-which"), editKeyboard(ctx.t));
  const { value: field, ctx: chosen } = await waitForAnswer(
    conversation,
    (c) => editButton.unpack(c.callbackQuery?.data)?.field,
    (c) => c.reply(c.t("use-buttons")),
  );
  if (field === "back") return chosen;
  await markChosen(chosen, chosen.t("report-edit-which"), chosen.t(`report-edit-${field}`));
  switch (field) {
    case "category":
      draft.category = await askCategory(conversation, ctx, categories);
      break;
    case "description":
      // A photo sent here instead of words joins the report's photos.
      draft.description = await askDescription(conversation, ctx, "report-ask-description", draft.photos);
      break;
    case "photos":
      draft.photos = await askPhotos(conversation, ctx);
      break;
    case "location":
      Object.assign(draft, await askPlaceInCommunity(conversation, ctx, deps, communityId));
      break;
  }
  return undefined;
}

/**
 * The tracking number, put in place of the summary the resident confirmed, with the main menu
 * under it. An edit, so that the same Confirm run again (after a failure or a kill) cannot say
 * it twice: a second identical edit is "not modified", which counts as done. Only if the
 * summary can no longer be edited (deleted) does it come as a new message, once per update.
 */
export async function sendReceipt(deps: AppDeps, pressed: InnerContext, text: string, menu: InlineKeyboard): Promise<void> {
  try {
    await pressed.editMessageText(text, { reply_markup: menu });
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    await deps.steps.once(pressed, "report-filed", () => pressed.reply(text, { reply_markup: menu }));
  }
}
