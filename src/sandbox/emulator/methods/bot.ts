import type { Args } from "../args.js";
import type { EmulatorCore } from "../core.js";
import { badRequest } from "../errors.js";
import { MAX_DOWNLOAD_BYTES } from "../files.js";
import type { ChatRecord } from "../message-records.js";
import type { MemberStatus, TgBotCommand, TgBotUser, TgChatMember, TgFile, TgUser } from "../types.js";
import { resolveChat } from "./common.js";
import type { CallContext } from "./context.js";

export function getMe({ core }: CallContext): TgBotUser {
  return { ...core.store.bot };
}

/** logOut and close only matter on a real server; the emulator just agrees. */
export function alwaysTrue(): true {
  return true;
}

/** getChat answers a ChatFullInfo; fields the emulator does not model are left out. */
export function getChat({ core, args }: CallContext): Record<string, unknown> {
  const chat = resolveChat(core, args);
  return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11 };
}

function userIdArg(core: EmulatorCore, args: Args): TgUser {
  const id = args.int("user_id", 0, 0);
  if (id === 0) throw badRequest("invalid user_id specified");
  const user = core.store.findUser(id);
  if (user === undefined) throw badRequest("user not found");
  return user;
}

export function chatMember(status: MemberStatus, user: TgUser): TgChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
      };
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

export function getChatMember({ core, args }: CallContext): TgChatMember {
  const chat = resolveChat(core, args);
  const user = userIdArg(core, args);
  return chatMember(core.store.memberStatus(chat.chat.id, user.id), user);
}

function present(chat: ChatRecord): number[] {
  return [...chat.members].filter(([, status]) => status !== "left" && status !== "kicked").map(([id]) => id);
}

export function getChatMemberCount({ core, args }: CallContext): number {
  const chat = resolveChat(core, args);
  return chat.chat.type === "private" ? 2 : present(chat).length;
}

export function getChatAdministrators({ core, args }: CallContext): TgChatMember[] {
  const chat = resolveChat(core, args);
  if (chat.chat.type === "private") throw badRequest("there are no administrators in the private chat");
  const admins: TgChatMember[] = [];
  for (const [id, status] of chat.members) {
    const user = core.store.findUser(id);
    if (user !== undefined && (status === "creator" || status === "administrator")) admins.push(chatMember(status, user));
  }
  return admins;
}

export function answerCallbackQuery({ core, args }: CallContext): true {
  const callback = core.store.callback(args.str("callback_query_id").trim());
  // Telegram accepts one answer per query; a second one, like an unknown id, is "too old".
  if (callback === undefined || callback.answered) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  const text = args.str("text");
  if ([...text].length > 200) throw badRequest("MESSAGE_TOO_LONG");
  callback.answered = true;
  callback.answer = { show_alert: args.bool("show_alert"), at: core.clock.now() };
  if (text !== "") callback.answer.text = text;
  if (args.str("url") !== "") callback.answer.url = args.str("url");
  if (args.str("cache_time") !== "") callback.answer.cache_time = args.int("cache_time", 0, 0, 30 * 24 * 3600);
  core.store.callbackAnswered(callback);
  return true;
}

// --- bot settings --------------------------------------------------------------------------

const SCOPE_TYPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]);

/** Commands are stored per (scope, language), exactly as setMyCommands addresses them. */
function commandsKey(core: EmulatorCore, args: Args): string {
  const scope = args.json("scope", "can't parse BotCommandScope JSON object") ?? { type: "default" };
  if (typeof scope !== "object" || scope === null) throw badRequest("object expected as BotCommandScope");
  const fields = scope as Record<string, unknown>;
  const type = typeof fields.type === "string" ? fields.type : "";
  if (!SCOPE_TYPES.has(type)) throw badRequest("unsupported bot command scope type");
  let key = type;
  if (type === "chat" || type === "chat_administrators" || type === "chat_member") {
    const chat = core.store.chatByRef(String(fields.chat_id ?? ""));
    if (chat === undefined) throw badRequest("chat not found");
    key += `:${chat.chat.id}`;
    if (type === "chat_member") key += `:${String(fields.user_id ?? "")}`;
  }
  const language = args.str("language_code");
  if (language !== "" && !/^[a-z]{2}$/.test(language)) throw badRequest("invalid language code specified");
  return `${key}|${language}`;
}

export function setMyCommands({ core, args }: CallContext): true {
  const value = args.json("commands", "can't parse commands JSON object");
  if (value === undefined) throw badRequest(`parameter "commands" is required`);
  if (!Array.isArray(value)) throw badRequest("expected an Array of BotCommand");
  if (value.length > 100) throw badRequest("too many commands specified");
  const commands: TgBotCommand[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "object" || item === null) throw badRequest("can't parse BotCommand: expected an Object");
    const fields = item as Record<string, unknown>;
    const command = typeof fields.command === "string" ? fields.command.replace(/^\//, "") : "";
    const description = typeof fields.description === "string" ? fields.description : "";
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (description.trim() === "" || [...description].length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    commands.push({ command, description });
  }
  const key = commandsKey(core, args);
  if (commands.length === 0) core.commands.delete(key);
  else core.commands.set(key, commands);
  return true;
}

export function getMyCommands({ core, args }: CallContext): TgBotCommand[] {
  return structuredClone(core.commands.get(commandsKey(core, args)) ?? []);
}

export function deleteMyCommands({ core, args }: CallContext): true {
  core.commands.delete(commandsKey(core, args));
  return true;
}

/** setMyName / setMyDescription / setMyShortDescription and their getters. */
export function botText(kind: "name" | "description" | "short_description", limit: number) {
  const field = kind;
  return {
    set({ core, args }: CallContext): true {
      const value = args.str(field);
      if ([...value].length > limit) throw badRequest(`bot ${kind.replace("_", " ")} is too long`);
      const key = `${kind}|${args.str("language_code")}`;
      if (value === "") core.botTexts.delete(key);
      else core.botTexts.set(key, value);
      return true;
    },
    get({ core, args }: CallContext): Record<string, string> {
      const language = args.str("language_code");
      const value = core.botTexts.get(`${kind}|${language}`) ?? (kind === "name" ? core.store.bot.first_name : "");
      return { [field]: value };
    },
  };
}

export function setChatMenuButton({ core, args }: CallContext): true {
  const button = args.json("menu_button", "can't parse menu button JSON object") ?? { type: "default" };
  const chatId = args.str("chat_id");
  if (chatId !== "") resolveChat(core, args);
  core.menuButtons.set(chatId, button);
  return true;
}

export function getChatMenuButton({ core, args }: CallContext): unknown {
  const chatId = args.str("chat_id");
  if (chatId !== "") resolveChat(core, args);
  return structuredClone(core.menuButtons.get(chatId) ?? core.menuButtons.get("") ?? { type: "commands" });
}

export function getUserProfilePhotos({ core, args }: CallContext): { total_count: number; photos: unknown[] } {
  userIdArg(core, args);
  return { total_count: 0, photos: [] };
}

export function getFile({ core, args }: CallContext): TgFile {
  const file = core.files.get(args.str("file_id").trim());
  if (file === undefined) throw badRequest("invalid file_id");
  if (file.data.length > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
  return core.files.toTgFile(file);
}
