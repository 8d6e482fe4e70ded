import type { BotConversation, InnerContext } from "../../bot/context.js";
import { plainText, waitForAnswer } from "../../bot/conversation-kit.js";
import { cancelKeyboard } from "../../bot/menus.js";
import {
  categoryButton,
  categoryKeyboard,
  locationKeyboard,
  photosDoneButton,
  photosKeyboard,
} from "./keyboards.js";
import type { PhotoRef } from "./service.js";

export const DESCRIPTION_MAX = 1000;
export const ADDRESS_MAX = 200;
export const PHOTOS_MAX = 5;
/** Bots can fetch files up to 20 MB; a bigger "photo" sent as a file is of no use to staff. */
export const IMAGE_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface CategoryChoice {
  id: number;
  label: string;
}

export async function askCategory(conversation: BotConversation, ctx: InnerContext, categories: CategoryChoice[]): Promise<CategoryChoice> {
  await ctx.reply(ctx.t("report-ask-category"), { reply_markup: categoryKeyboard(categories, ctx.t) });
  const { value } = await waitForAnswer(
    conversation,
    (c) => {
      const id = Number(categoryButton.unpack(c.callbackQuery?.data)?.id);
      return categories.find((cat) => cat.id === id);
    },
    (c) => c.reply(c.t("report-use-category-buttons")),
  );
  return value;
}

export type Description = { text: string; voiceFileId: null } | { text: null; voiceFileId: string };

/** What is wrong: typed text, or a voice message (kept as a file for staff to hear). */
export async function askDescription(
  conversation: BotConversation,
  ctx: InnerContext,
  promptKey = "report-ask-description",
): Promise<Description> {
  await ctx.reply(ctx.t(promptKey), { reply_markup: cancelKeyboard(ctx.t) });
  const { value } = await waitForAnswer<Description>(
    conversation,
    async (c) => {
      const voice = c.message?.voice ?? c.message?.audio;
      if (voice) return { text: null, voiceFileId: voice.file_id };
      const text = plainText(c);
      if (text === undefined || text.length === 0) return undefined;
      if (text.length > DESCRIPTION_MAX) {
        await c.reply(c.t("report-description-too-long", { max: DESCRIPTION_MAX, length: text.length }));
        return undefined;
      }
      return { text, voiceFileId: null };
    },
    async (c) => {
      // A text that was too long has had its answer; anything else, a blank text too, is shown how.
      if (!plainText(c)) await c.reply(c.t("report-description-example"));
    },
  );
  return value;
}

type PhotoInput = { photo: PhotoRef; mediaGroupId: string | undefined } | { rejected: "not-image" | "too-large" } | "done";

function readPhoto(c: InnerContext): PhotoInput | undefined {
  if (photosDoneButton.unpack(c.callbackQuery?.data)) return "done";
  const message = c.message;
  if (!message) return undefined;
  const largest = message.photo?.at(-1);
  if (largest) return { photo: { fileId: largest.file_id, fileUniqueId: largest.file_unique_id }, mediaGroupId: message.media_group_id };
  const doc = message.document;
  if (doc) {
    if (!doc.mime_type?.startsWith("image/")) return { rejected: "not-image" };
    if ((doc.file_size ?? 0) > IMAGE_FILE_MAX_BYTES) return { rejected: "too-large" };
    return { photo: { fileId: doc.file_id, fileUniqueId: doc.file_unique_id }, mediaGroupId: message.media_group_id };
  }
  return undefined;
}

/**
 * Zero to five photos, then "Done". An album arrives as one update per photo: it is
 * acknowledged once, not five times. Photos past the fifth are not kept, and the user is told.
 * Only a photo that changes the list (and the first one past the fifth, which is told) is kept
 * in the conversation; refused files, known photos and later extras are answered and forgotten.
 */
export async function askPhotos(conversation: BotConversation, ctx: InnerContext, promptKey = "report-ask-photos"): Promise<PhotoRef[]> {
  const photos: PhotoRef[] = [];
  let lastGroup: string | undefined;
  let toldFull = false;
  const known = (photo: PhotoRef) => photos.some((p) => p.fileUniqueId === photo.fileUniqueId);
  const inLastAlbum = (mediaGroupId: string | undefined) => mediaGroupId !== undefined && mediaGroupId === lastGroup;
  await ctx.reply(ctx.t(promptKey, { max: PHOTOS_MAX }), { reply_markup: photosKeyboard(ctx.t, 0) });
  for (;;) {
    const { value: input, ctx: c } = await waitForAnswer(
      conversation,
      (other) => {
        const input = readPhoto(other);
        if (input === "done") return input;
        if (input === undefined || "rejected" in input) return undefined;
        // Kept: a new photo, and the first one past the fifth (so that the user is told once).
        if (photos.length >= PHOTOS_MAX) return toldFull ? undefined : input;
        return known(input.photo) ? undefined : input;
      },
      async (other) => {
        const input = readPhoto(other);
        const markup = { reply_markup: photosKeyboard(other.t, photos.length) };
        if (input === undefined) await other.reply(other.t("report-photos-expected"), markup);
        else if (input === "done") return;
        else if ("rejected" in input) {
          await other.reply(other.t(input.rejected === "not-image" ? "report-photo-not-image" : "report-photo-too-large", { max: 20 }), markup);
        } else if (photos.length < PHOTOS_MAX && !inLastAlbum(input.mediaGroupId)) {
          // A photo sent again is acknowledged like a new one; extras past the fifth were told already.
          await other.reply(other.t("report-photo-received"), markup);
        }
      },
    );
    if (input === "done") return photos;
    const sameAlbum = inLastAlbum(input.mediaGroupId);
    lastGroup = input.mediaGroupId;
    if (photos.length >= PHOTOS_MAX) {
      await c.reply(c.t("report-photos-full", { max: PHOTOS_MAX }), { reply_markup: photosKeyboard(c.t, photos.length) });
      toldFull = true;
      continue;
    }
    photos.push(input.photo);
    if (!sameAlbum) await c.reply(c.t("report-photo-received"), { reply_markup: photosKeyboard(c.t, photos.length) });
  }
}

export type Place =
  | { kind: "point"; latitude: number; longitude: number; address: string | null }
  | { kind: "address"; address: string };

/** A Telegram location, a venue (with its address), or a typed address or landmark. */
export async function askPlace(conversation: BotConversation, ctx: InnerContext): Promise<Place> {
  await ctx.reply(ctx.t("report-ask-location"), { reply_markup: locationKeyboard(ctx.t) });
  const { value } = await waitForAnswer<Place>(
    conversation,
    async (c) => {
      const venue = c.message?.venue;
      if (venue) {
        return { kind: "point", latitude: venue.location.latitude, longitude: venue.location.longitude, address: `${venue.title}, ${venue.address}` };
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
