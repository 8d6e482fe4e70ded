import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest } from "../errors.js";
import { finishText } from "../format.js";
import type { ParsedMarkup } from "../markup.js";
import type { MessageRecord, NewMessage } from "../message-records.js";
import type { TgMessage } from "../types.js";
import { assertCanWrite, caption, formatted, replyMarkup, sameJson, targetMessage } from "./common.js";
import type { CallContext } from "./context.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Bots may delete messages for 48 hours after they were sent. */
const DELETE_WINDOW_SECONDS = 48 * 60 * 60;

/**
 * The message an edit names. Inline-mode messages (inline_message_id) are not emulated;
 * asking for one without chat_id and message_id gets Telegram's refusal.
 */
function editTarget(core: EmulatorCore, args: Args): MessageRecord {
  if (args.str("chat_id") === "" && args.int("message_id", 0, 0) === 0) {
    if (args.str("inline_message_id") === "") throw badRequest("message identifier is not specified");
    throw badRequest("MESSAGE_ID_INVALID");
  }
  const { chat, record } = targetMessage(core, args, "message to edit not found");
  if (!record.fromBot) throw badRequest("message can't be edited");
  assertCanWrite(core, chat);
  return record;
}

/**
 * Editing replaces the inline keyboard with whatever reply_markup the call carries — none
 * when it carries none, which is Telegram's behaviour and a classic source of vanishing
 * buttons. Only inline keyboards can be attached to an edited message.
 */
function editedMarkup(markup: ParsedMarkup | undefined): TgMessage["reply_markup"] {
  if (markup !== undefined && markup.kind !== "inline") throw badRequest("inline keyboard expected");
  return markup?.inline;
}

function rawOf(record: MessageRecord): NonNullable<NewMessage["raw"]> {
  const raw: NonNullable<NewMessage["raw"]> = {};
  if (record.text !== undefined) raw.text = record.text;
  if (record.caption !== undefined) raw.caption = record.caption;
  if (record.parseMode !== undefined) raw.parseMode = record.parseMode;
  return raw;
}

export function editMessageText({ core, args }: CallContext): TgMessage {
  if (args.str("text") === "") throw badRequest("message text is empty");
  const text = finishText(formatted(core, args, "text", "entities"));
  const markup = replyMarkup(args);
  const record = editTarget(core, args);
  if (record.kind !== "text") throw badRequest("there is no text in the message to edit");
  const inline = editedMarkup(markup);
  const current = record.message;
  if (current.text === text.text && sameJson(current.entities ?? [], text.entities) && sameJson(current.reply_markup, inline)) {
    throw badRequest(NOT_MODIFIED);
  }
  core.store.editMessage(
    record,
    { text: text.text, entities: text.entities.length > 0 ? text.entities : undefined, reply_markup: inline },
    { text: args.str("text"), parseMode: args.str("parse_mode"), ...(markup ? { replyMarkup: markup.raw } : {}) },
    core.clock.unix(),
  );
  return structuredClone(record.message);
}

export function editMessageCaption({ core, args }: CallContext): TgMessage {
  const text = caption(core, args);
  const markup = replyMarkup(args);
  const record = editTarget(core, args);
  if (record.kind !== "photo" && record.kind !== "document" && record.kind !== "voice") {
    throw badRequest("there is no caption in the message to edit");
  }
  const inline = editedMarkup(markup);
  const current = record.message;
  if (current.caption === text?.text && sameJson(current.caption_entities ?? [], text?.entities ?? []) && sameJson(current.reply_markup, inline)) {
    throw badRequest(NOT_MODIFIED);
  }
  const raw: NonNullable<NewMessage["raw"]> = text === undefined ? {} : { caption: args.str("caption"), parseMode: args.str("parse_mode") };
  if (markup !== undefined) raw.replyMarkup = markup.raw;
  core.store.editMessage(
    record,
    {
      caption: text?.text,
      caption_entities: text !== undefined && text.entities.length > 0 ? text.entities : undefined,
      reply_markup: inline,
    },
    raw,
    core.clock.unix(),
  );
  return structuredClone(record.message);
}

export function editMessageReplyMarkup({ core, args }: CallContext): TgMessage {
  const markup = replyMarkup(args);
  const record = editTarget(core, args);
  const inline = editedMarkup(markup);
  if (sameJson(record.message.reply_markup, inline)) throw badRequest(NOT_MODIFIED);
  const raw = rawOf(record);
  if (markup !== undefined) raw.replyMarkup = markup.raw;
  core.store.editMessage(record, { reply_markup: inline }, raw, core.clock.unix());
  return structuredClone(record.message);
}

/**
 * Whether the bot may delete this message: its own messages anywhere, anyone's in a private
 * chat, others' in groups only as an administrator; never after 48 hours.
 */
function assertDeletable(core: EmulatorCore, record: MessageRecord): void {
  const chat = core.store.chat(record.chatId);
  if (chat === undefined) throw badRequest("chat not found");
  if (core.clock.unix() - record.date > DELETE_WINDOW_SECONDS) throw badRequest("message can't be deleted");
  if (record.fromBot || chat.chat.type === "private") return;
  const status = chat.members.get(core.store.bot.id);
  if (status !== "administrator" && status !== "creator") throw badRequest("message can't be deleted");
}

export function deleteMessage({ core, args }: CallContext): true {
  if (args.str("chat_id") === "") throw badRequest("chat identifier is not specified");
  if (args.int("message_id", 0, 0) === 0) throw badRequest("message identifier is not specified");
  const { record } = targetMessage(core, args, "message to delete not found");
  assertDeletable(core, record);
  core.store.markDeleted(record);
  return true;
}

/** deleteMessages skips what it cannot find or delete; it fails only when nothing was deleted. */
export function deleteMessages({ core, args }: CallContext): true {
  if (args.str("chat_id") === "") throw badRequest("chat identifier is not specified");
  const ids = args.json("message_ids", "can't parse message identifiers JSON object");
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest("message identifiers are not specified");
  if (ids.length > 100) throw badRequest("too many message identifiers specified");
  const chat = core.store.chatByRef(args.str("chat_id"));
  if (chat === undefined) throw badRequest("chat not found");
  let deleted = 0;
  for (const id of ids as unknown[]) {
    const record = typeof id === "number" ? core.store.message(chat.chat.id, id) : undefined;
    if (record === undefined || record.deleted) continue;
    try {
      assertDeletable(core, record);
    } catch {
      continue;
    }
    core.store.markDeleted(record);
    deleted++;
  }
  if (deleted === 0) throw badRequest("message to delete not found");
  return true;
}
