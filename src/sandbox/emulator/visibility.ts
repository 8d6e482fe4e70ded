import type { EmulatorCore } from "./core.js";
import type { ChatRecord } from "./message-records.js";
import type { TgMessage } from "./types.js";

/**
 * Whether the bot gets an update for a user's message (new or edited): it must be in the chat,
 * and with privacy mode on (and no admin rights) it only sees commands, replies to it, mentions
 * of it and service messages in groups.
 */
export function botSees(core: EmulatorCore, chat: ChatRecord, message: TgMessage): boolean {
  if (chat.chat.type === "private") return true;
  const bot = core.store.bot;
  const status = chat.members.get(bot.id) ?? "left";
  if (status === "left" || status === "kicked") return false;
  if (!core.privacyMode || status === "administrator" || status === "creator") return true;
  if (message.new_chat_members !== undefined || message.left_chat_member !== undefined) return true;
  if (message.reply_to_message?.from?.id === bot.id) return true;
  const text = message.text ?? message.caption ?? "";
  const username = (bot.username ?? "").toLowerCase();
  for (const entity of message.entities ?? message.caption_entities ?? []) {
    const part = text.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === "bot_command" && entity.offset === 0) {
      const target = part.split("@")[1];
      if (target === undefined || target.toLowerCase() === username) return true;
    }
    if (entity.type === "mention" && part.slice(1).toLowerCase() === username) return true;
  }
  return false;
}
