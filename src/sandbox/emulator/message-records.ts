// How the emulator keeps users, chats and messages, and what a message becomes when it is
// handed out (a view) or edited (a revision).
import type { CallbackView, MessageKind, MessageRevision, MessageView } from "./control-types.js";
import type { MemberStatus, TgChat, TgMessage, TgUser } from "./types.js";

export interface UserRecord {
  user: TgUser;
  /** The user has opened the chat with the bot (so the bot may write first). */
  started: boolean;
  blocked: boolean;
}

export interface ChatRecord {
  chat: TgChat;
  /** Group membership, the bot included; empty for private chats. */
  members: Map<number, MemberStatus>;
  nextMessageId: number;
  messages: Map<number, MessageRecord>;
  /** Telegram's chat_instance for callback queries: stable per chat. */
  chatInstance: string;
}

export interface MessageRecord {
  seq: number;
  chatId: number;
  messageId: number;
  fromBot: boolean;
  fromId: number;
  kind: MessageKind;
  date: number;
  editDate?: number;
  text?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: unknown;
  deleted: boolean;
  revisions: MessageRevision[];
  callbacks: CallbackView[];
  /** The current Bot API object; replaced (never mutated) on edits so handed-out copies stay true. */
  message: TgMessage;
}

export interface NewMessage {
  fromBot: boolean;
  from: TgUser;
  kind: MessageKind;
  /** Bot API fields besides message_id, from, chat and date. */
  content: Omit<TgMessage, "message_id" | "from" | "chat" | "date">;
  /** What was sent, for the control API: raw text/caption, parse_mode, any reply markup. */
  raw?: { text?: string; caption?: string; parseMode?: string; replyMarkup?: unknown };
  /** Unix seconds. */
  date: number;
}

/** A deep copy of a message as stored, for the control API and change events. */
export function messageView(record: MessageRecord): MessageView {
  const view: MessageView = {
    seq: record.seq,
    chatId: record.chatId,
    messageId: record.messageId,
    fromBot: record.fromBot,
    fromId: record.fromId,
    kind: record.kind,
    date: record.date,
    deleted: record.deleted,
    revisions: structuredClone(record.revisions),
    callbacks: structuredClone(record.callbacks),
    message: structuredClone(record.message),
  };
  if (record.editDate !== undefined) view.editDate = record.editDate;
  if (record.text !== undefined) view.text = record.text;
  if (record.caption !== undefined) view.caption = record.caption;
  if (record.parseMode !== undefined) view.parseMode = record.parseMode;
  if (record.replyMarkup !== undefined) view.replyMarkup = structuredClone(record.replyMarkup);
  return view;
}

/** Keeps what was sent (raw text or caption, parse mode, markup) beside the Bot API object. */
export function applyRaw(record: MessageRecord, raw: NewMessage["raw"]): void {
  delete record.text;
  delete record.caption;
  delete record.parseMode;
  delete record.replyMarkup;
  if (raw === undefined) return;
  if (raw.text !== undefined) record.text = raw.text;
  if (raw.caption !== undefined) record.caption = raw.caption;
  if (raw.parseMode !== undefined && raw.parseMode !== "") record.parseMode = raw.parseMode;
  if (raw.replyMarkup !== undefined) record.replyMarkup = raw.replyMarkup;
}

export function revisionOf(record: MessageRecord): MessageRevision {
  const revision: MessageRevision = { at: record.editDate ?? record.date };
  if (record.text !== undefined) revision.text = record.text;
  if (record.caption !== undefined) revision.caption = record.caption;
  if (record.parseMode !== undefined) revision.parseMode = record.parseMode;
  if (record.replyMarkup !== undefined) revision.replyMarkup = structuredClone(record.replyMarkup);
  return revision;
}
