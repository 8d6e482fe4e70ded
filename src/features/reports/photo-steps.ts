import type { BotConversation, InnerContext } from "../../bot/context.js";
import { waitForAnswer } from "../../bot/conversation-kit.js";
import { photosDoneButton, photosKeyboard } from "./keyboards.js";
import type { PhotoRef } from "./service.js";

export const PHOTOS_MAX = 5;
/** Bots can fetch files up to 20 MB; a bigger "photo" sent as a file is of no use to staff. */
export const IMAGE_FILE_MAX_BYTES = 20 * 1024 * 1024;

export type PhotoInput = { photo: PhotoRef; mediaGroupId: string | undefined } | { rejected: "not-image" | "too-large" } | "done";

/**
 * A photo, or an image sent as a file (kept as a file: Telegram shows it again only as one);
 * any other file is refused, whatever its name says, by the type Telegram found in it.
 */
export function readPhoto(c: InnerContext): PhotoInput | undefined {
  if (photosDoneButton.unpack(c.callbackQuery?.data)) return "done";
  const message = c.message;
  if (!message) return undefined;
  const largest = message.photo?.at(-1);
  if (largest) {
    return { photo: { fileId: largest.file_id, fileUniqueId: largest.file_unique_id, media: "photo" }, mediaGroupId: message.media_group_id };
  }
  const doc = message.document;
  if (doc) {
    if (!doc.mime_type?.startsWith("image/")) return { rejected: "not-image" };
    if ((doc.file_size ?? 0) > IMAGE_FILE_MAX_BYTES) return { rejected: "too-large" };
    return { photo: { fileId: doc.file_id, fileUniqueId: doc.file_unique_id, media: "document" }, mediaGroupId: message.media_group_id };
  }
  return undefined;
}

/** The answer to a file that is not kept: not a picture, or too large. */
export function refusePhoto(c: InnerContext, rejected: "not-image" | "too-large", extra: Parameters<InnerContext["reply"]>[1] = {}) {
  return c.reply(c.t(rejected === "not-image" ? "report-photo-not-image" : "report-photo-too-large", { max: 20 }), extra);
}

/**
 * Zero to five photos, then "Done"; `kept` are the photos the resident sent before this step.
 * An album arrives as one update per photo: it is acknowledged once, not five times. Photos
 * past the fifth are not kept, and the user is told. Only a photo that changes the list (and
 * the first one past the fifth, which is told) is kept in the conversation; refused files,
 * known photos and later extras are answered and forgotten.
 */
export async function askPhotos(
  conversation: BotConversation,
  ctx: InnerContext,
  promptKey = "report-ask-photos",
  kept: readonly PhotoRef[] = [],
): Promise<PhotoRef[]> {
  const photos: PhotoRef[] = [...kept];
  let lastGroup: string | undefined;
  let toldFull = false;
  const known = (photo: PhotoRef) => photos.some((p) => p.fileUniqueId === photo.fileUniqueId);
  const inLastAlbum = (mediaGroupId: string | undefined) => mediaGroupId !== undefined && mediaGroupId === lastGroup;
  await ctx.reply(ctx.t(promptKey, { max: PHOTOS_MAX, count: photos.length }), { reply_markup: photosKeyboard(ctx.t, photos.length) });
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
        else if ("rejected" in input) await refusePhoto(other, input.rejected, markup);
        else if (photos.length < PHOTOS_MAX && !inLastAlbum(input.mediaGroupId)) {
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
