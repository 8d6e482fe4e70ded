import { randomInt } from "node:crypto";
import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest, parameterRequired } from "../errors.js";
import type { StoredFile } from "../files.js";
import { finishCaption, finishText, formatText } from "../format.js";
import type { ParsedMarkup } from "../markup.js";
import type { ChatRecord, MessageRecord, NewMessage } from "../store.js";
import type { Formatted } from "../text.js";
import type { MessageKind, TgMessage } from "../types.js";
import {
  assertCanWrite,
  caption,
  fileSource,
  formatted,
  replyMarkup,
  replyTarget,
  resolveChat,
  storeFile,
  storePhoto,
  takeSendQuota,
  sourceOf,
  withEntities,
  type FileSource,
} from "./common.js";
import type { CallContext } from "./context.js";

type Content = NewMessage["content"];

/**
 * The checks every send shares, after the method checked its own parameters: the reply
 * target, the bot's right to write (403), then flood limits (429). Returns the reply target.
 */
function admit(core: EmulatorCore, args: Args, chat: ChatRecord): TgMessage | undefined {
  const replyTo = replyTarget(core, chat, args);
  assertCanWrite(core, chat);
  takeSendQuota(core, chat);
  return replyTo;
}

/** Stores one bot message with the fields every send shares. */
function storeBotMessage(
  core: EmulatorCore,
  args: Args,
  chat: ChatRecord,
  kind: MessageKind,
  content: Content,
  raw: NonNullable<NewMessage["raw"]>,
  markup: ParsedMarkup | undefined,
  replyTo: TgMessage | undefined,
): TgMessage {
  const body: Content = { ...content };
  if (replyTo !== undefined) body.reply_to_message = replyTo;
  if (args.bool("protect_content")) body.has_protected_content = true;
  if (markup?.inline !== undefined) body.reply_markup = structuredClone(markup.inline);
  const record = core.store.addMessage(chat.chat.id, {
    fromBot: true,
    from: core.store.botUser(),
    kind,
    content: body,
    raw: { ...raw, ...(markup !== undefined ? { replyMarkup: markup.raw } : {}) },
    date: core.clock.unix(),
  });
  return structuredClone(record.message);
}

/**
 * One message out: shared checks, then the message. Files are stored only once every check
 * passed, which is why `content` is built lazily.
 */
function deliver(
  core: EmulatorCore,
  args: Args,
  chat: ChatRecord,
  kind: MessageKind,
  markup: ParsedMarkup | undefined,
  raw: NonNullable<NewMessage["raw"]>,
  content: () => Content,
): TgMessage {
  const replyTo = admit(core, args, chat);
  return storeBotMessage(core, args, chat, kind, content(), raw, markup, replyTo);
}

/** message_thread_id only exists in forum supergroups, which the emulator does not model. */
function checkThread(args: Args): void {
  if (args.int("message_thread_id", 0) !== 0) throw badRequest("message thread not found");
}

function rawCaption(args: Args, value: Formatted | undefined): NonNullable<NewMessage["raw"]> {
  return value === undefined ? {} : { caption: args.str("caption"), parseMode: args.str("parse_mode") };
}

function captionContent(value: Formatted | undefined): Content {
  return value === undefined ? {} : { caption: value.text, ...withEntities("caption_entities", value) };
}

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

function documentOf(file: StoredFile): NonNullable<TgMessage["document"]> {
  const document: NonNullable<TgMessage["document"]> = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.file_name !== undefined) document.file_name = file.file_name;
  if (file.mime_type !== undefined) document.mime_type = file.mime_type;
  document.file_size = file.data.length;
  return document;
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

/** The message copyMessage/forwardMessage reads, with Telegram's refusals. */
function sourceMessage(core: EmulatorCore, args: Args, what: string): MessageRecord {
  if (args.str("from_chat_id") === "") throw parameterRequired("from_chat_id");
  const from = resolveChat(core, args, "from_chat_id");
  const messageId = args.int("message_id", 0, 0);
  const record = messageId > 0 ? core.store.message(from.chat.id, messageId) : undefined;
  if (record === undefined || record.deleted) throw badRequest(`message to ${what} not found`);
  if (record.kind === "service") throw badRequest(`message can't be ${what === "copy" ? "copied" : "forwarded"}`);
  return record;
}

/** The content fields of a message (no ids, sender, reply or keyboard). */
function contentOf(message: TgMessage): Content {
  const {
    message_id: _id,
    from: _from,
    chat: _chat,
    date: _date,
    edit_date: _edited,
    reply_to_message: _reply,
    reply_markup: _markup,
    forward_origin: _origin,
    has_protected_content: _protected,
    ...content
  } = structuredClone(message);
  return content;
}

export function copyMessage({ core, args }: CallContext): { message_id: number } {
  const source = sourceMessage(core, args, "copy");
  if (source.message.has_protected_content === true) throw badRequest("message can't be copied");
  const chat = resolveChat(core, args);
  const markup = replyMarkup(args);
  let content = contentOf(source.message);
  let raw: NonNullable<NewMessage["raw"]> = { ...(source.text !== undefined ? { text: source.text } : {}) };
  if (args.has("caption")) {
    const text = caption(core, args);
    const { caption: _caption, caption_entities: _entities, ...rest } = content;
    content = { ...rest, ...captionContent(text) };
    raw = rawCaption(args, text);
  } else if (source.caption !== undefined) {
    raw = { caption: source.caption, ...(source.parseMode !== undefined ? { parseMode: source.parseMode } : {}) };
  }
  const message = deliver(core, args, chat, source.kind, markup, raw, () => content);
  return { message_id: message.message_id };
}

export function forwardMessage({ core, args }: CallContext): TgMessage {
  const source = sourceMessage(core, args, "forward");
  if (source.message.has_protected_content === true) throw badRequest("message can't be forwarded");
  const chat = resolveChat(core, args);
  const origin = source.message.forward_origin ?? {
    type: "user" as const,
    date: source.message.date,
    sender_user: source.message.from ?? core.store.botUser(),
  };
  const raw: NonNullable<NewMessage["raw"]> = {};
  if (source.text !== undefined) raw.text = source.text;
  if (source.caption !== undefined) raw.caption = source.caption;
  if (source.parseMode !== undefined) raw.parseMode = source.parseMode;
  return deliver(core, args, chat, source.kind, undefined, raw, () => ({
    forward_origin: structuredClone(origin),
    ...contentOf(source.message),
  }));
}

interface AlbumItem {
  kind: "photo" | "document";
  source: FileSource;
  caption: Formatted | undefined;
  raw: NonNullable<NewMessage["raw"]>;
}

/** One InputMedia of an album; photos and documents are emulated. */
function albumItem(core: EmulatorCore, args: Args, value: unknown): AlbumItem {
  const fail = (message: string) => badRequest(`can't parse InputMedia: ${message}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail("expected an Object");
  const item = value as Record<string, unknown>;
  const type = typeof item.type === "string" ? item.type : "";
  if (type !== "photo" && type !== "document") throw fail(`type "${type}" is unsupported`);
  if (typeof item.media !== "string") throw fail(`Can't find field "media"`);
  const source = sourceOf(core, args, item.media, "", type, () => badRequest("media not found"));
  const text = typeof item.caption === "string" ? item.caption : "";
  const parseMode = typeof item.parse_mode === "string" ? item.parse_mode : "";
  const formattedCaption = finishCaption(formatText(text, parseMode, item.caption_entities, (id) => core.store.findUser(id)));
  return {
    kind: type,
    source,
    caption: formattedCaption,
    raw: formattedCaption === undefined ? {} : { caption: text, parseMode },
  };
}

/**
 * An album: 2-10 photos or 2-10 documents sharing a media_group_id. It is charged as one
 * send against the flood limits (a bot posts a whole album at once on Telegram too).
 */
export function sendMediaGroup({ core, args }: CallContext): TgMessage[] {
  const media = args.json("media", "can't parse media JSON object");
  if (media === undefined) throw parameterRequired("media");
  if (!Array.isArray(media)) throw badRequest("expected an Array of InputMedia");
  if (media.length < 2 || media.length > 10) throw badRequest("wrong number of media in the album");
  const items = (media as unknown[]).map((value) => albumItem(core, args, value));
  if (new Set(items.map((item) => item.kind)).size > 1) {
    throw badRequest("can't use the media of the specified type in the album");
  }
  const chat = resolveChat(core, args);
  checkThread(args);
  const replyTo = admit(core, args, chat);
  const groupId = String(randomInt(1, 2 ** 47));
  return items.map((item) => {
    const content: Content =
      item.kind === "photo" ? { photo: storePhoto(core, item.source) } : { document: documentOf(storeFile(core, "document", item.source)) };
    return storeBotMessage(core, args, chat, item.kind, { ...content, media_group_id: groupId, ...captionContent(item.caption) }, item.raw, undefined, replyTo);
  });
}
