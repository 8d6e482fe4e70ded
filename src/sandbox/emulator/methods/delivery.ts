// What every send method shares: the admission checks (reply target, 403, flood limits), how a
// bot message is stored, and the caption and document fields.
import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest } from "../errors.js";
import type { StoredFile } from "../files.js";
import type { ParsedMarkup } from "../markup.js";
import type { ChatRecord, NewMessage } from "../message-records.js";
import type { Formatted } from "../text.js";
import type { MessageKind } from "../control-types.js";
import type { TgMessage } from "../types.js";
import { assertCanWrite, replyTarget, takeSendQuota, withEntities } from "./common.js";

/** Bot API fields of a new message besides its ids, sender, chat and date. */
export type Content = NewMessage["content"];

/**
 * The checks every send shares, after the method checked its own parameters: the reply
 * target, the bot's right to write (403), then flood limits (429). Returns the reply target.
 */
export function admit(core: EmulatorCore, args: Args, chat: ChatRecord): TgMessage | undefined {
  const replyTo = replyTarget(core, chat, args);
  assertCanWrite(core, chat);
  takeSendQuota(core, chat);
  return replyTo;
}

/** Stores one bot message with the fields every send shares. */
export function storeBotMessage(
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
export function deliver(
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
export function checkThread(args: Args): void {
  if (args.int("message_thread_id", 0) !== 0) throw badRequest("message thread not found");
}

export function rawCaption(args: Args, value: Formatted | undefined): NonNullable<NewMessage["raw"]> {
  return value === undefined ? {} : { caption: args.str("caption"), parseMode: args.str("parse_mode") };
}

export function captionContent(value: Formatted | undefined): Content {
  return value === undefined ? {} : { caption: value.text, ...withEntities("caption_entities", value) };
}

/** The Document object of a stored file. */
export function documentOf(file: StoredFile): NonNullable<TgMessage["document"]> {
  const document: NonNullable<TgMessage["document"]> = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.file_name !== undefined) document.file_name = file.file_name;
  if (file.mime_type !== undefined) document.mime_type = file.mime_type;
  document.file_size = file.data.length;
  return document;
}
