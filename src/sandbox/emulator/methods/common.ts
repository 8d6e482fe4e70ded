import { basename } from "node:path";
import type { Args, Upload } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest, forbidden, tooManyRequests } from "../errors.js";
import { photoSize, type FileKind, type StoredFile } from "../files.js";
import { finishCaption, formatText } from "../format.js";
import { parseReplyMarkup, type ParsedMarkup } from "../markup.js";
import type { ChatRecord, MessageRecord } from "../message-records.js";
import type { Formatted } from "../text.js";
import type { TgMessage, TgPhotoSize } from "../types.js";

/** chat_id → chat, with Telegram's two refusals. */
export function resolveChat(core: EmulatorCore, args: Args, field = "chat_id"): ChatRecord {
  const ref = args.str(field);
  if (ref.trim() === "") throw badRequest(`${field} is empty`);
  const chat = core.store.chatByRef(ref);
  if (chat === undefined) throw badRequest("chat not found");
  return chat;
}

/**
 * Whether the bot may post into the chat now: the user may have blocked it or never opened
 * the chat; in groups the bot must be a member.
 */
export function assertCanWrite(core: EmulatorCore, chat: ChatRecord): void {
  if (chat.chat.type === "private") {
    const user = core.store.user(chat.chat.id);
    if (user === undefined) throw badRequest("chat not found");
    if (user.blocked) throw forbidden("bot was blocked by the user");
    if (!user.started) throw forbidden("bot can't initiate conversation with a user");
    return;
  }
  const status = chat.members.get(core.store.bot.id) ?? "left";
  const kind = chat.chat.type === "supergroup" ? "supergroup" : "group";
  if (status === "kicked") throw forbidden(`bot was kicked from the ${kind} chat`);
  if (status === "left") throw forbidden(`bot is not a member of the ${kind} chat`);
}

/** One send against the flood limits, or 429 with retry_after. */
export function takeSendQuota(core: EmulatorCore, chat: ChatRecord): void {
  const retryAfter = core.limiter.acquire(chat.chat.id, chat.chat.type !== "private");
  if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
}

/** text/caption with parse_mode or explicit entities, as Telegram stores it. */
export function formatted(core: EmulatorCore, args: Args, textField: string, entitiesField: string): Formatted {
  return formatText(args.str(textField), args.str("parse_mode"), args.jsonLenient(entitiesField), (id) => core.store.findUser(id));
}

export function caption(core: EmulatorCore, args: Args): Formatted | undefined {
  return finishCaption(formatted(core, args, "caption", "caption_entities"));
}

export function replyMarkup(args: Args): ParsedMarkup | undefined {
  return parseReplyMarkup(args.json("reply_markup", "can't parse reply keyboard markup JSON object"));
}

/**
 * The message this one replies to: reply_parameters (current API) or reply_to_message_id
 * (older clients). A missing target is refused unless allow_sending_without_reply is set.
 */
export function replyTarget(core: EmulatorCore, chat: ChatRecord, args: Args): TgMessage | undefined {
  let messageId = 0;
  let allowWithout = args.bool("allow_sending_without_reply");
  const parameters = args.json("reply_parameters", "can't parse reply parameters JSON object");
  if (parameters !== undefined) {
    if (typeof parameters !== "object" || parameters === null) throw badRequest("object expected as reply parameters");
    const fields = parameters as Record<string, unknown>;
    if (!("message_id" in fields)) throw badRequest(`can't find field "message_id"`);
    messageId = typeof fields.message_id === "number" ? fields.message_id : Number(fields.message_id);
    allowWithout = fields.allow_sending_without_reply === true;
  } else {
    messageId = args.int("reply_to_message_id", 0, 0);
  }
  if (!(messageId > 0)) return undefined;
  const target = core.store.message(chat.chat.id, messageId);
  if (target === undefined || target.deleted) {
    if (allowWithout) return undefined;
    throw badRequest("message to be replied not found");
  }
  return replySnapshot(target.message);
}

/** Telegram nests replies one level deep only. */
export function replySnapshot(message: TgMessage): TgMessage {
  const copy = structuredClone(message);
  delete copy.reply_to_message;
  return copy;
}

/** Where a file parameter's content comes from. */
export type FileSource = { kind: "stored"; file: StoredFile } | { kind: "upload"; upload: Upload } | { kind: "url"; url: string };

/**
 * A file parameter as Telegram reads it: "attach://<part>" names a multipart part; any other
 * string is a file_id the emulator issued or an HTTP URL; no string means a part with the
 * parameter's own name. Photos and documents are separate file classes on Telegram.
 */
export function fileSource(core: EmulatorCore, args: Args, field: string, expected: FileKind): FileSource {
  return sourceOf(core, args, args.str(field), field, expected, () => badRequest(`there is no ${field} in the request`));
}

/**
 * The same rules for a file named inside a JSON value (InputMedia.media): `value` is the
 * string given, `missing` the refusal when it names no part.
 */
export function sourceOf(core: EmulatorCore, args: Args, rawValue: string, field: string, expected: FileKind, missing: () => Error): FileSource {
  const value = rawValue.trim();
  let upload: Upload | undefined;
  if (value.startsWith("attach://")) {
    upload = args.upload(value.slice("attach://".length));
  } else if (value !== "") {
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    const file = core.files.get(value);
    if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
    if ((file.kind === "photo") !== (expected === "photo")) throw badRequest("type of file mismatch");
    return { kind: "stored", file };
  } else {
    upload = args.upload(field);
  }
  if (upload === undefined) throw missing();
  if (upload.data.length === 0) throw badRequest("file must be non-empty");
  return { kind: "upload", upload };
}

/** Stores a photo (unless it already is) and returns its PhotoSize set. */
export function storePhoto(core: EmulatorCore, source: FileSource): TgPhotoSize[] {
  switch (source.kind) {
    case "stored":
      return structuredClone(source.file.photo ?? [photoSize(source.file)]);
    case "upload":
      return core.files.addPhoto(source.upload.data, { filename: source.upload.filename });
    case "url":
      // No network here: the link is remembered, the content is not fetched.
      return core.files.addPhoto(Buffer.alloc(0), { url: source.url });
  }
}

export function storeFile(core: EmulatorCore, kind: Exclude<FileKind, "photo">, source: FileSource, extra: { duration?: number } = {}): StoredFile {
  switch (source.kind) {
    case "stored":
      return source.file;
    case "upload":
      return core.files.add(kind, source.upload.data, {
        filename: source.upload.filename,
        contentType: source.upload.contentType,
        ...extra,
      });
    case "url":
      return core.files.add(kind, Buffer.alloc(0), { url: source.url, filename: urlFilename(source.url), ...extra });
  }
}

function urlFilename(url: string): string | undefined {
  try {
    const name = basename(new URL(url).pathname);
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

/** Adds the formatted text's entities under `field` only when there are any, like Telegram. */
export function withEntities<K extends "entities" | "caption_entities">(field: K, value: Formatted): Partial<Record<K, Formatted["entities"]>> {
  return value.entities.length > 0 ? ({ [field]: value.entities } as Partial<Record<K, Formatted["entities"]>>) : {};
}

/** The message a chat_id/message_id pair names, for edits and deletes. */
export function targetMessage(core: EmulatorCore, args: Args, notFoundText: string): { chat: ChatRecord; record: MessageRecord } {
  const chat = resolveChat(core, args);
  const messageId = args.int("message_id", 0, 0);
  const record = messageId > 0 ? core.store.message(chat.chat.id, messageId) : undefined;
  if (record === undefined || record.deleted) throw badRequest(notFoundText);
  return { chat, record };
}

/** JSON equality that ignores key order (reply markups built in different orders compare equal). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function stableStringify(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== "object" || inner === null || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
