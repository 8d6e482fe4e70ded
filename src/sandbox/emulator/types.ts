/**
 * Telegram Bot API objects as the emulator produces them, and the emulator's own public types.
 *
 * The Bot API shapes are written out here (rather than imported from grammY) because the
 * emulator is the *server*: it must build exactly what Telegram sends, including optional
 * fields left out, and its types must not drift when grammY's do.
 */

// ---------------------------------------------------------------------------------------------
// Bot API objects (field names are Telegram's)
// ---------------------------------------------------------------------------------------------

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** What getMe answers: the bot user plus its capability flags. */
export interface TgBotUser extends TgUser {
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
  has_topics_enabled: boolean;
  allows_users_to_create_topics: boolean;
}

export type ChatType = "private" | "group" | "supergroup";

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TgUser;
  language?: string;
  custom_emoji_id?: string;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgVoice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface TgSticker {
  file_id: string;
  file_unique_id: string;
  type: "regular";
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
  file_size?: number;
}

export interface TgLocation {
  latitude: number;
  longitude: number;
  horizontal_accuracy?: number;
  live_period?: number;
  heading?: number;
  proximity_alert_radius?: number;
}

export interface TgVenue {
  location: TgLocation;
  title: string;
  address: string;
  foursquare_id?: string;
  foursquare_type?: string;
  google_place_id?: string;
  google_place_type?: string;
}

export interface TgContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
  vcard?: string;
}

export type TgMessageOrigin =
  | { type: "user"; date: number; sender_user: TgUser }
  | { type: "hidden_user"; date: number; sender_user_name: string }
  | { type: "chat"; date: number; sender_chat: TgChat };

export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [field: string]: unknown;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  date: number;
  chat: TgChat;
  forward_origin?: TgMessageOrigin;
  reply_to_message?: TgMessage;
  edit_date?: number;
  media_group_id?: string;
  has_protected_content?: true;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  photo?: TgPhotoSize[];
  document?: TgDocument;
  voice?: TgVoice;
  sticker?: TgSticker;
  contact?: TgContact;
  location?: TgLocation;
  venue?: TgVenue;
  new_chat_members?: TgUser[];
  left_chat_member?: TgUser;
  reply_markup?: TgInlineKeyboardMarkup;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export type MemberStatus = "creator" | "administrator" | "member" | "left" | "kicked";

export interface TgChatMember {
  status: MemberStatus;
  user: TgUser;
  [field: string]: unknown;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
  chat_member?: TgChatMemberUpdated;
  [type: string]: unknown;
}

export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

export interface TgBotCommand {
  command: string;
  description: string;
}

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export type ApiSuccess = { ok: true; result: unknown; description?: string };
export type ApiFailure = { ok: false; error_code: number; description: string; parameters?: ResponseParameters };
export type ApiResponse = ApiSuccess | ApiFailure;

// ---------------------------------------------------------------------------------------------
// Emulator configuration
// ---------------------------------------------------------------------------------------------

/**
 * Flood limits. Telegram documents them loosely ("about 30 messages per second", "no more than
 * one message per second in a single chat", "no more than 20 messages per minute in a group");
 * the emulator models each as a token bucket so that short bursts pass, as they do on Telegram.
 */
export interface Limits {
  /** Master switch; when false nothing is ever answered with 429. */
  enabled: boolean;
  /** Sustained sends per second over all chats. */
  global_per_s: number;
  /** How many sends may go out at once before the global rate applies. */
  global_burst: number;
  /** Sustained sends per second into one chat (private or group). */
  per_chat_per_s: number;
  /** How many sends one chat may receive at once before the per-chat rate applies. */
  per_chat_burst: number;
  /** Sends per minute into one group or supergroup (also the burst size for groups). */
  group_per_min: number;
}

export interface EmulatorOptions {
  /** When set, only this token is served; any other well-formed token gets 401 Unauthorized. */
  token?: string;
  /** Overrides for the bot user that getMe describes. The id defaults to the token's prefix. */
  bot?: Partial<Pick<TgBotUser, "id" | "first_name" | "username" | "can_join_groups" | "can_read_all_group_messages">>;
  /** Emulated wall clock in milliseconds; tests inject one to move time by hand. */
  now?: () => number;
  /**
   * Speed of the emulated clock against real time when `now` is not given (10 = ten emulated
   * seconds per real second). It also shortens long-poll timeouts and webhook retry pauses.
   */
  timeScale?: number;
  /** Initial flood limits (merged over the defaults); change them later with setLimits. */
  limits?: Partial<Limits>;
  /** update_id of the first update (Telegram starts at an arbitrary number). Default 1. */
  firstUpdateId?: number;
  /**
   * Group privacy mode as a bot has it by default on Telegram: in groups the bot then only gets
   * commands, replies to its messages and mentions of it. Default false (the bot sees all).
   */
  privacyMode?: boolean;
  /** How many API calls calls() keeps (oldest dropped first). Default 50 000. */
  maxCallLog?: number;
  /**
   * Real milliseconds between a call's arrival and its answer, as if Telegram were that far away
   * (a round trip). The call takes effect on arrival, as a message reaches Telegram before the
   * answer leaves: a client that dies while waiting has sent it without learning so. Default 0.
   */
  answerDelayMs?: number;
}

// ---------------------------------------------------------------------------------------------
// What the control API returns
// ---------------------------------------------------------------------------------------------

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
