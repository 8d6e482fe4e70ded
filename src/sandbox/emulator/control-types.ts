/** What the emulator's control API returns and takes: messages as stored, calls, stats, changes, users and groups to create. */
import type { TgMessage, MemberStatus } from "./types.js";

export type MessageKind = "text" | "photo" | "document" | "voice" | "sticker" | "location" | "venue" | "contact" | "service";

export interface CallbackAnswer {
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time?: number;
  /** Emulated ms when the bot answered. */
  at: number;
}

export interface CallbackView {
  id: string;
  chatId: number;
  messageId: number;
  fromId: number;
  data: string;
  /** Emulated ms when the button was pressed. */
  at: number;
  answered: boolean;
  answer?: CallbackAnswer;
}

/** One earlier state of a message, kept when it is edited (`at`: unix seconds it began). */
export interface MessageRevision {
  at: number;
  text?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: unknown;
}

/** A message as stored, with everything a test or a chat UI needs to show it. */
export interface MessageView {
  /** Global order of creation over all chats. */
  seq: number;
  chatId: number;
  messageId: number;
  fromBot: boolean;
  fromId: number;
  kind: MessageKind;
  /** Unix seconds, as in the Bot API. */
  date: number;
  editDate?: number;
  /** The text exactly as sent (markup included when parse_mode was used). */
  text?: string;
  /** The caption exactly as sent. */
  caption?: string;
  /** parse_mode as sent, so a UI can render `text`/`caption` itself. */
  parseMode?: string;
  /** Reply markup as sent (inline keyboard, reply keyboard, remove or force_reply). */
  replyMarkup?: unknown;
  deleted: boolean;
  /** Earlier states, oldest first. */
  revisions: MessageRevision[];
  /** Buttons pressed under this message and how the bot answered. */
  callbacks: CallbackView[];
  /** The Bot API Message object as Telegram would hand it out now (edits applied). */
  message: TgMessage;
}

export interface CallRecord {
  seq: number;
  /** Emulated ms when the call arrived. */
  at: number;
  /** Method name in Telegram's casing when known, else as sent. */
  method: string;
  /** Parameters as received; JSON-valued form fields (reply_markup, …) decoded. */
  params: Record<string, unknown>;
  /** Uploaded multipart files. */
  files: Array<{ field: string; filename: string; size: number }>;
  ok: boolean;
  error_code?: number;
  description?: string;
  result?: unknown;
}

export interface Stats {
  total: number;
  ok: number;
  failed: number;
  perMethod: Record<string, number>;
  byErrorCode: Record<number, number>;
  /** Calls answered 429 Too Many Requests. */
  tooManyRequests: number;
  /** Calls answered 403 Forbidden (blocked bot, not a member, …). */
  forbidden: number;
}

export type ChangeEvent =
  | { type: "message"; chatId: number; messageId: number; view: MessageView }
  | { type: "edit"; chatId: number; messageId: number; view: MessageView }
  | { type: "delete"; chatId: number; messageId: number; view: MessageView }
  | { type: "callback"; chatId: number; messageId: number; callback: CallbackView }
  | { type: "callback_answer"; chatId: number; messageId: number; callback: CallbackView }
  | { type: "chat_action"; chatId: number; action: string }
  | { type: "chat"; chatId: number }
  | { type: "user"; userId: number };

export interface UserInit {
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  /** Fix the id instead of taking the next free one. */
  id?: number;
  /**
   * Whether the user has already opened the chat with the bot. Telegram refuses a bot's first
   * message to a user who never did ("bot can't initiate conversation with a user"); any
   * message the user sends marks the chat started. Default false, as on Telegram.
   */
  started?: boolean;
}

export interface GroupInit {
  title: string;
  type?: "group" | "supergroup";
  username?: string;
  id?: number;
  /** The bot's own membership. Default "member"; "administrator" lets it delete others' messages. */
  botStatus?: MemberStatus;
  /** Users to put in the group at once, as plain members (no service messages). */
  members?: number[];
}

export interface SendOptions {
  /** Chat to post in; defaults to the user's private chat with the bot. */
  chatId?: number;
  /** message_id (in the same chat) this message replies to. */
  replyTo?: number;
}
