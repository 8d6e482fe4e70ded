import type { BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import { markChosen } from "../../bot/mark-chosen.js";
import { cancelKeyboard } from "../../bot/menus.js";
import { fitText } from "../../bot/text-fit.js";
import { categoryButton, categoryKeyboard, locationKeyboard } from "./keyboards.js";
import { PHOTOS_MAX, readPhoto, refusePhoto } from "./photo-steps.js";
import type { PhotoRef } from "./service.js";

export { askPhotos, IMAGE_FILE_MAX_BYTES, PHOTOS_MAX } from "./photo-steps.js";

export const DESCRIPTION_MAX = 1000;
export const ADDRESS_MAX = 200;

export interface CategoryChoice {
  id: number;
  label: string;
}

/** The kind of problem; the question then shows the choice instead of its buttons. */
export async function askCategory(conversation: BotConversation, ctx: InnerContext, categories: CategoryChoice[]): Promise<CategoryChoice> {
  await ctx.reply(ctx.t("report-ask-category"), { reply_markup: categoryKeyboard(categories, ctx.t) });
  const { value, ctx: pressed } = await waitForAnswer(
    conversation,
    (c) => {
      const id = categoryButton.unpack(c.callbackQuery?.data)?.id;
      return categories.find((cat) => cat.id === id);
    },
    (c) => c.reply(c.t("report-use-category-buttons")),
  );
  await markChosen(pressed, pressed.t("report-ask-category"), value.label);
  return value;
}

export type Description = { text: string; voiceFileId: null } | { text: null; voiceFileId: string };

/** An answer at the description step: the words, a photo sent early, or both (a photo with a caption). */
interface DescriptionAnswer {
  description?: Description;
  photo?: PhotoRef;
  mediaGroupId?: string | undefined;
}

/** Typed words as a description; a text that is too long is answered and refused. */
async function readWords(c: InnerContext, text: string | undefined): Promise<Description | undefined> {
  if (text === undefined || text.length === 0) return undefined;
  if (text.length > DESCRIPTION_MAX) {
    await c.reply(c.t("report-description-too-long", { max: DESCRIPTION_MAX, length: text.length }));
    return undefined;
  }
  return { text, voiceFileId: null };
}

/**
 * What is wrong: typed text, or a voice message (kept as a file for staff to hear). Given
 * `photos`, a photo sent at this step, before its time, is added there for the photo step (up
 * to the five kept) and its caption, if any, taken as the description; without words the
 * question stays, and the resident is told the photo was kept.
 */
export async function askDescription(
  conversation: BotConversation,
  ctx: InnerContext,
  promptKey = "report-ask-description",
  photos?: PhotoRef[],
): Promise<Description> {
  await ctx.reply(ctx.t(promptKey), { reply_markup: cancelKeyboard(ctx.t) });
  let lastGroup: string | undefined;
  const inLastAlbum = (mediaGroupId: string | undefined) => mediaGroupId !== undefined && mediaGroupId === lastGroup;
  const tellKept = (c: InnerContext, full: boolean) =>
    c.reply(c.t(full ? "report-photos-full-describe" : "report-photo-kept", { count: photos?.length ?? 0, max: PHOTOS_MAX }), {
      reply_markup: cancelKeyboard(c.t),
    });
  for (;;) {
    const { value, ctx: c } = await waitForAnswer<DescriptionAnswer>(
      conversation,
      async (c) => {
        const voice = c.message?.voice ?? c.message?.audio;
        if (voice) return { description: { text: null, voiceFileId: voice.file_id } };
        const typed = plainText(c);
        if (typed !== undefined) {
          const description = await readWords(c, typed);
          return description && { description };
        }
        const input = photos ? readPhoto(c) : undefined;
        if (!photos || input === undefined || input === "done" || "rejected" in input) return undefined;
        const description = await readWords(c, c.message?.caption?.trim());
        const keep = photos.length < PHOTOS_MAX && !photos.some((p) => p.fileUniqueId === input.photo.fileUniqueId);
        if (!keep && !description) return undefined;
        return { ...(keep ? { photo: input.photo } : {}), ...(description ? { description } : {}), mediaGroupId: input.mediaGroupId };
      },
      async (c) => {
        const input = readPhoto(c);
        if (input !== undefined && input !== "done" && "rejected" in input) await refusePhoto(c, input.rejected);
        // A photo already kept, or one past the fifth: said once per album.
        else if (photos && input !== undefined && input !== "done") {
          if (!inLastAlbum(input.mediaGroupId)) await tellKept(c, photos.length >= PHOTOS_MAX);
        }
        // A text that was too long has had its answer; anything else, a blank text too, is shown how.
        else if (!plainText(c)) await c.reply(c.t("report-description-example"));
      },
    );
    if (value.photo) photos?.push(value.photo);
    const sameAlbum = inLastAlbum(value.mediaGroupId);
    lastGroup = value.mediaGroupId;
    if (value.description) return value.description;
    if (!sameAlbum) await tellKept(c, false);
  }
}

export type Place = { kind: "point"; latitude: number; longitude: number; address: string | null } | { kind: "address"; address: string };

/** A Telegram location, a venue (with its address), or a typed address or landmark. */
export async function askPlace(conversation: BotConversation, ctx: InnerContext): Promise<Place> {
  await ctx.reply(ctx.t("report-ask-location"), { reply_markup: locationKeyboard(ctx.t) });
  const { value } = await waitForAnswer<Place>(
    conversation,
    async (c) => {
      const venue = c.message?.venue;
      if (venue) {
        // A venue's title can be thousands of characters: kept as long as a typed address may be.
        const address = fitText(`${venue.title}, ${venue.address}`, ADDRESS_MAX);
        return { kind: "point", latitude: venue.location.latitude, longitude: venue.location.longitude, address };
      }
      const location = c.message?.location;
      if (location) return { kind: "point", latitude: location.latitude, longitude: location.longitude, address: null };
      const text = plainText(c);
      if (text === undefined || text.length === 0) return undefined;
      if (text.length > ADDRESS_MAX) {
        await c.reply(c.t("text-too-long", { max: ADDRESS_MAX }));
        return undefined;
      }
      return { kind: "address", address: text };
    },
    async (c) => {
      if (!plainText(c)) await c.reply(c.t("report-location-expected"), { reply_markup: locationKeyboard(c.t) });
    },
  );
  return value;
}
