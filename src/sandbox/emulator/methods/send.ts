import type { Args } from "../args.js";
import { badRequest, parameterRequired } from "../errors.js";
import { finishText } from "../format.js";
import type { TgMessage } from "../types.js";
import { assertCanWrite, caption, fileSource, formatted, replyMarkup, resolveChat, storeFile, storePhoto, withEntities } from "./common.js";
import type { CallContext } from "./context.js";
import { deliver, checkThread, rawCaption, captionContent, documentOf } from "./delivery.js";

export function sendMessage({ core, args }: CallContext): TgMessage {
  if (args.str("text") === "") throw badRequest("message text is empty");
  const text = finishText(formatted(core, args, "text", "entities"));
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  return deliver(core, args, chat, "text", markup, { text: args.str("text"), parseMode: args.str("parse_mode") }, () => ({
    text: text.text,
    ...withEntities("entities", text),
  }));
}

export function sendPhoto({ core, args }: CallContext): TgMessage {
  const source = fileSource(core, args, "photo", "photo");
  const text = caption(core, args);
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  return deliver(core, args, chat, "photo", markup, rawCaption(args, text), () => ({
    photo: storePhoto(core, source),
    ...captionContent(text),
  }));
}

export function sendDocument({ core, args }: CallContext): TgMessage {
  const source = fileSource(core, args, "document", "document");
  const text = caption(core, args);
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  return deliver(core, args, chat, "document", markup, rawCaption(args, text), () => ({
    document: documentOf(storeFile(core, "document", source)),
    ...captionContent(text),
  }));
}

export function sendVoice({ core, args }: CallContext): TgMessage {
  const source = fileSource(core, args, "voice", "voice");
  const text = caption(core, args);
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  const duration = args.int("duration", 0, 0, 86_400);
  return deliver(core, args, chat, "voice", markup, rawCaption(args, text), () => {
    const file = storeFile(core, "voice", source, { duration });
    return {
      voice: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        duration: file.duration ?? duration,
        mime_type: file.mime_type ?? "audio/ogg",
        file_size: file.data.length,
      },
      ...captionContent(text),
    };
  });
}

export function sendSticker({ core, args }: CallContext): TgMessage {
  const source = fileSource(core, args, "sticker", "sticker");
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  const emoji = args.str("emoji");
  return deliver(core, args, chat, "sticker", markup, {}, () => {
    const file = storeFile(core, "sticker", source);
    const sticker: NonNullable<TgMessage["sticker"]> = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      type: "regular",
      width: file.width ?? 512,
      height: file.height ?? 512,
      is_animated: false,
      is_video: false,
      file_size: file.data.length,
    };
    if (emoji !== "") sticker.emoji = emoji;
    return { sticker };
  });
}

/** latitude/longitude with Telegram's "is empty" refusals. */
function location(args: Args): NonNullable<TgMessage["location"]> {
  if (args.str("latitude").trim() === "") throw badRequest("latitude is empty");
  if (args.str("longitude").trim() === "") throw badRequest("longitude is empty");
  const latitude = args.float("latitude");
  const longitude = args.float("longitude");
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) throw badRequest("wrong location specified");
  const result: NonNullable<TgMessage["location"]> = { latitude, longitude };
  const accuracy = args.float("horizontal_accuracy");
  if (accuracy > 0) result.horizontal_accuracy = Math.min(accuracy, 1500);
  return result;
}

export function sendLocation({ core, args }: CallContext): TgMessage {
  const place = location(args);
  const livePeriod = args.int("live_period", 0);
  if (livePeriod !== 0) place.live_period = livePeriod;
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  return deliver(core, args, chat, "location", markup, {}, () => ({ location: place }));
}

export function sendVenue({ core, args }: CallContext): TgMessage {
  const place = location(args);
  if (args.str("title") === "") throw parameterRequired("title");
  if (args.str("address") === "") throw parameterRequired("address");
  const venue: NonNullable<TgMessage["venue"]> = { location: place, title: args.str("title"), address: args.str("address") };
  for (const field of ["foursquare_id", "foursquare_type", "google_place_id", "google_place_type"] as const) {
    if (args.str(field) !== "") venue[field] = args.str(field);
  }
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  // A venue message carries the plain location too, as Telegram sends it.
  return deliver(core, args, chat, "venue", markup, {}, () => ({ location: place, venue }));
}

export function sendContact({ core, args }: CallContext): TgMessage {
  if (args.str("phone_number") === "") throw parameterRequired("phone_number");
  if (args.str("first_name") === "") throw parameterRequired("first_name");
  const contact: NonNullable<TgMessage["contact"]> = {
    phone_number: args.str("phone_number"),
    first_name: args.str("first_name"),
  };
  if (args.str("last_name") !== "") contact.last_name = args.str("last_name");
  if (args.str("vcard") !== "") contact.vcard = args.str("vcard");
  const markup = replyMarkup(args);
  const chat = resolveChat(core, args);
  checkThread(args);
  return deliver(core, args, chat, "contact", markup, {}, () => ({ contact }));
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
  "cancel",
]);

export function sendChatAction({ core, args }: CallContext): true {
  const action = args.str("action").toLowerCase();
  if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
  const chat = resolveChat(core, args);
  assertCanWrite(core, chat);
  core.store.emit({ type: "chat_action", chatId: chat.chat.id, action });
  return true;
}
