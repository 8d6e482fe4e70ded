/**
 * Telegram Bot API objects as the emulator produces them, and the emulator's options (what the
 * control API returns is in control-types.ts).
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
