// What an emulator offers its users (tests, benchmarks, the web chat): the world, acting as
// users, reading what the bot did, waiting for it. createEmulator in index.ts builds one.
import type { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FileInput, VenueInput } from "./control.js";
import type { LivePosition } from "./live-location.js";
import type { CallbackView, CallRecord, ChangeEvent, GroupInit, MessageView, SendOptions, Stats, UserInit } from "./control-types.js";
import type { Limits, MemberStatus, TgBotCommand, TgBotUser, TgChat, TgContact, TgMessage, TgMessageEntity, TgUpdate, TgUser } from "./types.js";

export interface DownloadableFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  data: Buffer;
  mime_type?: string;
  file_name?: string;
}

export interface Emulator {
  /** The bot getMe describes. */
  readonly bot: TgBotUser;
  /** Base URL once started: pass it to grammY as `client.apiRoot`. */
  readonly url: string | undefined;

  /** Listens on `host:port` (0 = any free port). */
  start(port?: number, host?: string): Promise<{ url: string }>;
  /** Answers waiting long polls, stops webhook delivery, closes the server. */
  stop(): Promise<void>;
  /**
   * Serves `/bot<token>/…` and `/file/bot<token>/…` from an existing node:http server.
   * Resolves false (response untouched) for any other path.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;

  // --- the world -----------------------------------------------------------------------------
  createUser(init: UserInit): TgUser;
  createGroup(init: GroupInit): TgChat;
  addMember(chatId: number, userId: number, options?: { status?: MemberStatus; announce?: boolean }): void;
  removeMember(chatId: number, userId: number, options?: { kicked?: boolean; announce?: boolean }): void;
  users(): TgUser[];
  chats(): TgChat[];
  /** The user blocks (true) or unblocks (false) the bot. */
  blockBot(userId: number, blocked?: boolean): void;

  // --- acting as users -------------------------------------------------------------------------
  sendText(userId: number, text: string, options?: SendOptions & { entities?: TgMessageEntity[] }): TgMessage;
  sendPhoto(userId: number, photo: FileInput, caption?: string, options?: SendOptions): TgMessage;
  sendDocument(userId: number, document: FileInput, options?: SendOptions & { filename?: string; mimeType?: string; caption?: string }): TgMessage;
  sendVoice(userId: number, voice: FileInput, options?: SendOptions & { duration?: number; caption?: string }): TgMessage;
  sendSticker(userId: number, sticker?: { emoji?: string; data?: Uint8Array; fileId?: string }, options?: SendOptions): TgMessage;
  sendLocation(userId: number, latitude: number, longitude: number, options?: SendOptions & { horizontal_accuracy?: number; live_period?: number }): TgMessage;
  sendVenue(userId: number, venue: VenueInput, options?: SendOptions): TgMessage;
  /** The user starts sharing their live location: a location message with live_period (default 900 s). */
  startLiveLocation(userId: number, position: Omit<LivePosition, "heading">, options?: SendOptions & { livePeriod?: number }): TgMessage;
  /** The user moves: their live location message is edited and the bot gets edited_message. */
  moveLiveLocation(userId: number, chatId: number, messageId: number, position: LivePosition): TgMessage;
  /** The user stops sharing: a last edit without live_period; the message cannot move again. */
  stopLiveLocation(userId: number, chatId: number, messageId: number): TgMessage;
  sendContact(userId: number, contact: TgContact, options?: SendOptions): TgMessage;
  editText(userId: number, chatId: number, messageId: number, text: string): TgMessage;
  forwardMessage(userId: number, fromChatId: number, messageId: number, options?: SendOptions): TgMessage;
  pressButton(userId: number, chatId: number, messageId: number, callbackData: string, options?: { force?: boolean }): CallbackView;
  /** Queues any update as is (a fresh update_id replaces one it carries). */
  injectUpdate(update: Record<string, unknown>): TgUpdate | undefined;

  // --- reading ------------------------------------------------------------------------------------
  /** The bot's messages in a chat, oldest first, in their current state (deleted ones flagged). */
  messages(chatId: number): MessageView[];
  /** Every message in a chat, the users' included. */
  history(chatId: number): MessageView[];
  message(chatId: number, messageId: number): MessageView | undefined;
  /** The bot's newest message in the chat that is not deleted. */
  lastMessage(chatId: number): MessageView | undefined;
  callback(id: string): CallbackView | undefined;
  /**
   * The reply keyboard a user in this chat sees now: the last one the bot sent, until the bot
   * removes it (remove_keyboard) or, for a one_time_keyboard, until a user writes.
   */
  replyKeyboard(chatId: number): Record<string, unknown> | undefined;
  /** Updates queued for the bot and not yet confirmed. */
  pendingUpdates(): TgUpdate[];
  /** Whether a getUpdates long poll from the bot is waiting now (the bot is "online"). */
  polling(): boolean;
  file(fileId: string): DownloadableFile | undefined;
  commands(scope?: Record<string, unknown>, languageCode?: string): TgBotCommand[];
  webhook(): { url: string; secretToken?: string; lastErrorMessage?: string } | undefined;
  calls(method?: string): CallRecord[];
  clearCalls(): void;
  stats(): Stats;
  resetStats(): void;
  limits(): Limits;
  setLimits(limits: Partial<Limits>): void;
  /** Emulated time, ms. */
  now(): number;

  // --- waiting and watching --------------------------------------------------------------------
  /**
   * Resolves with the first bot message that appears or is edited from now on and matches.
   * Rejects after `timeoutMs` real milliseconds (default 5000).
   */
  waitFor(predicate: (message: MessageView) => boolean, timeoutMs?: number): Promise<MessageView>;
  /** Resolves with the next API call of `method` (matching `predicate`, if given). */
  waitForCall(method: string, predicate?: (call: CallRecord) => boolean, timeoutMs?: number): Promise<CallRecord>;
  /** Calls `listener` on every change to any chat; returns the unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  /** The same changes as a Node event emitter: `emulator.events.on("change", fn)`. */
  readonly events: EventEmitter;
}
