import { randomInt } from "node:crypto";
import type { CallbackView, ChangeEvent, GroupInit, MessageView, UserInit } from "./control-types.js";
import type { MemberStatus, TgBotUser, TgChat, TgMessage, TgUser } from "./types.js";
import { applyRaw, type ChatRecord, type MessageRecord, messageView, type NewMessage, revisionOf, type UserRecord } from "./message-records.js";

/** First ids handed out; far from Telegram's real ranges would not matter, but look alike. */
const FIRST_USER_ID = 100_000_001;
const FIRST_GROUP_ID = 4_000_000_001;
const FIRST_SUPERGROUP_ID = 1_001_000_000_001;

/**
 * Users, chats and messages: the world the bot talks to. Every change is reported to
 * subscribers (a chat UI, waitFor) as a ChangeEvent carrying a snapshot.
 */
export class Store {
  readonly bot: TgBotUser;
  private readonly users = new Map<number, UserRecord>();
  private readonly chats = new Map<number, ChatRecord>();
  private readonly usernames = new Map<string, number>();
  private readonly callbacksById = new Map<string, CallbackView>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private nextUserId = FIRST_USER_ID;
  private nextGroupId = FIRST_GROUP_ID;
  private nextSupergroupId = FIRST_SUPERGROUP_ID;
  private seq = 0;
  private callbackCounter = 0;
  private readonly callbackBase = `${randomInt(1_000_000, 9_999_999)}`;

  constructor(bot: TgBotUser) {
    this.bot = bot;
  }

  /** The bot as the `from` of its messages (getMe's capability flags left out). */
  botUser(): TgUser {
    const user: TgUser = { id: this.bot.id, is_bot: true, first_name: this.bot.first_name };
    if (this.bot.username !== undefined) user.username = this.bot.username;
    return user;
  }

  // --- users -------------------------------------------------------------------------------

  addUser(init: UserInit): TgUser {
    const id = init.id ?? this.nextUserId++;
    if (this.users.has(id) || this.chats.has(id) || id === this.bot.id) throw new Error(`id ${id} is already taken`);
    const user: TgUser = { id, is_bot: false, first_name: init.first_name };
    if (init.last_name !== undefined) user.last_name = init.last_name;
    if (init.username !== undefined) {
      this.claimUsername(init.username, id);
      user.username = init.username;
    }
    if (init.language_code !== undefined) user.language_code = init.language_code;
    this.users.set(id, { user, started: init.started ?? false, blocked: false });
    // A user's private chat with the bot has the user's id, as on Telegram.
    const chat: TgChat = { id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    this.chats.set(id, this.newChat(chat));
    this.emit({ type: "user", userId: id });
    return { ...user };
  }

  user(id: number): UserRecord | undefined {
    return this.users.get(id);
  }

  /** A user or the bot, for text_mention entities and member lookups. */
  findUser(id: number): TgUser | undefined {
    if (id === this.bot.id) return this.botUser();
    const record = this.users.get(id);
    return record ? { ...record.user } : undefined;
  }

  allUsers(): TgUser[] {
    return [...this.users.values()].map((record) => ({ ...record.user }));
  }

  // --- chats -------------------------------------------------------------------------------

  addGroup(init: GroupInit): TgChat {
    const type = init.type ?? "group";
    const id = init.id ?? (type === "supergroup" ? -this.nextSupergroupId++ : -this.nextGroupId++);
    if (id >= 0) throw new Error("group ids are negative");
    if (this.chats.has(id)) throw new Error(`chat ${id} already exists`);
    const chat: TgChat = { id, type, title: init.title };
    if (init.username !== undefined) {
      if (type !== "supergroup") throw new Error("only supergroups have public usernames");
      this.claimUsername(init.username, id);
      chat.username = init.username;
    }
    const record = this.newChat(chat);
    record.members.set(this.bot.id, init.botStatus ?? "member");
    for (const userId of init.members ?? []) {
      if (!this.users.has(userId)) throw new Error(`unknown user ${userId}`);
      record.members.set(userId, "member");
    }
    this.chats.set(id, record);
    this.emit({ type: "chat", chatId: id });
    return { ...chat };
  }

  chat(id: number): ChatRecord | undefined {
    return this.chats.get(id);
  }

  /** chat_id as Telegram reads it: a number, or "@username" of a public chat. */
  chatByRef(ref: string): ChatRecord | undefined {
    const trimmed = ref.trim();
    if (trimmed.startsWith("@")) {
      const id = this.usernames.get(trimmed.slice(1).toLowerCase());
      const chat = id === undefined ? undefined : this.chats.get(id);
      return chat?.chat.type === "supergroup" ? chat : undefined;
    }
    if (!/^-?\d{1,16}$/.test(trimmed)) return undefined;
    return this.chats.get(Number(trimmed));
  }

  allChats(): TgChat[] {
    return [...this.chats.values()].map((record) => ({ ...record.chat }));
  }

  setMember(chatId: number, userId: number, status: MemberStatus): void {
    const record = this.requireChat(chatId);
    if (record.chat.type === "private") throw new Error("private chats have no members to change");
    if (userId !== this.bot.id && !this.users.has(userId)) throw new Error(`unknown user ${userId}`);
    record.members.set(userId, status);
    this.emit({ type: "chat", chatId });
  }

  memberStatus(chatId: number, userId: number): MemberStatus {
    const record = this.chats.get(chatId);
    if (record === undefined) return "left";
    if (record.chat.type === "private") return userId === chatId || userId === this.bot.id ? "member" : "left";
    return record.members.get(userId) ?? "left";
  }

  requireChat(chatId: number): ChatRecord {
    const record = this.chats.get(chatId);
    if (record === undefined) throw new Error(`unknown chat ${chatId}`);
    return record;
  }

  // --- messages ----------------------------------------------------------------------------

  addMessage(chatId: number, input: NewMessage): MessageRecord {
    const chat = this.requireChat(chatId);
    const messageId = chat.nextMessageId++;
    const message: TgMessage = {
      message_id: messageId,
      from: input.from,
      chat: { ...chat.chat },
      date: input.date,
      ...input.content,
    };
    const record: MessageRecord = {
      seq: ++this.seq,
      chatId,
      messageId,
      fromBot: input.fromBot,
      fromId: input.from.id,
      kind: input.kind,
      date: input.date,
      deleted: false,
      revisions: [],
      callbacks: [],
      message,
    };
    applyRaw(record, input.raw);
    chat.messages.set(messageId, record);
    this.emitMessage("message", record);
    return record;
  }

  message(chatId: number, messageId: number): MessageRecord | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  messages(chatId: number): MessageRecord[] {
    return [...(this.chats.get(chatId)?.messages.values() ?? [])];
  }

  /**
   * Replaces a message's content after an edit; the previous state goes to `revisions`.
   * `content` replaces the listed Bot API fields; a field set to undefined is removed.
   */
  editMessage(record: MessageRecord, content: Partial<TgMessage>, raw: NonNullable<NewMessage["raw"]>, editDate: number): MessageRecord {
    record.revisions.push(revisionOf(record));
    const message: TgMessage = { ...record.message, ...content, edit_date: editDate };
    for (const key of Object.keys(content) as Array<keyof TgMessage>) {
      if (content[key] === undefined) delete message[key];
    }
    record.message = message;
    record.editDate = editDate;
    applyRaw(record, raw);
    this.emitMessage("edit", record);
    return record;
  }

  markDeleted(record: MessageRecord): void {
    record.deleted = true;
    this.emitMessage("delete", record);
  }

  // --- callback queries --------------------------------------------------------------------

  addCallback(record: MessageRecord, fromId: number, data: string, at: number): CallbackView {
    this.callbackCounter++;
    const callback: CallbackView = {
      // Telegram's ids are long decimal strings.
      id: `${this.callbackBase}${String(this.callbackCounter).padStart(12, "0")}`,
      chatId: record.chatId,
      messageId: record.messageId,
      fromId,
      data,
      at,
      answered: false,
    };
    record.callbacks.push(callback);
    this.callbacksById.set(callback.id, callback);
    this.emit({ type: "callback", chatId: record.chatId, messageId: record.messageId, callback: { ...callback } });
    return callback;
  }

  callback(id: string): CallbackView | undefined {
    return this.callbacksById.get(id);
  }

  callbackAnswered(callback: CallbackView): void {
    this.emit({
      type: "callback_answer",
      chatId: callback.chatId,
      messageId: callback.messageId,
      callback: structuredClone(callback),
    });
  }

  // --- events ------------------------------------------------------------------------------

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber (a UI socket gone away) must not break the bot's API calls.
      }
    }
  }

  view(record: MessageRecord): MessageView {
    return messageView(record);
  }

  private emitMessage(type: "message" | "edit" | "delete", record: MessageRecord): void {
    // Snapshots cost a deep copy: skip them when nobody listens (benchmarks).
    if (this.listeners.size === 0) return;
    this.emit({ type, chatId: record.chatId, messageId: record.messageId, view: this.view(record) });
  }

  private newChat(chat: TgChat): ChatRecord {
    return {
      chat,
      members: new Map(),
      nextMessageId: 1,
      messages: new Map(),
      chatInstance: String(randomInt(1, 2 ** 47)) + String(randomInt(100, 999)),
    };
  }

  private claimUsername(username: string, id: number): void {
    if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username)) throw new Error(`invalid username "${username}"`);
    const key = username.toLowerCase();
    if (this.usernames.has(key) || key === this.bot.username?.toLowerCase()) {
      throw new Error(`username "${username}" is already taken`);
    }
    this.usernames.set(key, id);
  }
}
