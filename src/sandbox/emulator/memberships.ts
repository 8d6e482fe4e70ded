// Who is in which chat: the bot blocked or unblocked, people joining and leaving groups, with the
// updates and service messages Telegram sends the bot for each.
import type { EmulatorCore } from "./core.js";
import type { ChatRecord, NewMessage, UserRecord } from "./message-records.js";
import { chatMember } from "./methods/bot.js";
import type { MemberStatus, TgUser } from "./types.js";
import { botSees } from "./visibility.js";

/** A user the test created; anything else is a test-authoring mistake (a plain Error). */
export function requireUser(core: EmulatorCore, userId: number): UserRecord {
  const user = core.store.user(userId);
  if (user === undefined) throw new Error(`unknown user ${userId}; create it with createUser first`);
  return user;
}

export class Memberships {
  constructor(private readonly core: EmulatorCore) {}

  /** The user blocks (or unblocks) the bot; the bot gets a my_chat_member update either way. */
  blockBot(userId: number, blocked = true): void {
    const user = requireUser(this.core, userId);
    if (user.blocked === blocked) return;
    user.blocked = blocked;
    if (!blocked) user.started = true;
    this.core.queue.push({
      my_chat_member: {
        chat: { ...this.core.store.requireChat(userId).chat },
        from: { ...user.user },
        date: this.core.clock.unix(),
        old_chat_member: chatMember(blocked ? "member" : "kicked", this.core.store.botUser()),
        new_chat_member: chatMember(blocked ? "kicked" : "member", this.core.store.botUser()),
      },
    });
    this.core.store.emit({ type: "user", userId });
  }

  /**
   * Puts a user (or the bot) into a group. With `announce` the bot sees it as Telegram shows
   * it: a new_chat_members service message, and my_chat_member when the bot itself joins.
   */
  addMember(chatId: number, userId: number, options: { status?: MemberStatus; announce?: boolean } = {}): void {
    const chat = this.core.store.requireChat(chatId);
    const before = this.core.store.memberStatus(chatId, userId);
    this.core.store.setMember(chatId, userId, options.status ?? "member");
    if (options.announce !== true) return;
    const user = this.core.store.findUser(userId);
    if (user === undefined) return;
    if (userId === this.core.store.bot.id) this.pushMyChatMember(chat, before, options.status ?? "member");
    this.serviceMessage(chat, user, { new_chat_members: [user] });
  }

  removeMember(chatId: number, userId: number, options: { kicked?: boolean; announce?: boolean } = {}): void {
    const chat = this.core.store.requireChat(chatId);
    const before = this.core.store.memberStatus(chatId, userId);
    const status: MemberStatus = options.kicked === true ? "kicked" : "left";
    this.core.store.setMember(chatId, userId, status);
    if (options.announce !== true) return;
    const user = this.core.store.findUser(userId);
    if (user === undefined) return;
    if (userId === this.core.store.bot.id) {
      this.pushMyChatMember(chat, before, status);
      return;
    }
    this.serviceMessage(chat, user, { left_chat_member: user });
  }

  // --- helpers -----------------------------------------------------------------------------

  private serviceMessage(chat: ChatRecord, from: TgUser, content: NewMessage["content"]): void {
    const record = this.core.store.addMessage(chat.chat.id, {
      fromBot: from.id === this.core.store.bot.id,
      from,
      kind: "service",
      content,
      date: this.core.clock.unix(),
    });
    if (botSees(this.core, chat, record.message)) this.core.queue.push({ message: structuredClone(record.message) });
  }

  private pushMyChatMember(chat: ChatRecord, before: MemberStatus, after: MemberStatus): void {
    const bot = this.core.store.botUser();
    this.core.queue.push({
      my_chat_member: {
        chat: { ...chat.chat },
        from: bot,
        date: this.core.clock.unix(),
        old_chat_member: chatMember(before, bot),
        new_chat_member: chatMember(after, bot),
      },
    });
  }
}
