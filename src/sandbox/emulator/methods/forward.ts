// copyMessage and forwardMessage: a message already in a chat, sent again.
import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest, parameterRequired } from "../errors.js";
import type { MessageRecord, NewMessage } from "../message-records.js";
import type { TgMessage } from "../types.js";
import { caption, replyMarkup, resolveChat } from "./common.js";
import type { CallContext } from "./context.js";
import { deliver, rawCaption, captionContent, type Content } from "./delivery.js";

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
