import type { EmulatorCore } from "./core.js";
import { detectEntities, MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from "./format.js";
import { photoSize, type FileKind, type StoredFile } from "./files.js";
import { inlineButtons } from "./markup.js";
import type { ChatRecord, NewMessage, UserRecord } from "./message-records.js";
import { botSees } from "./visibility.js";
import { type Memberships, requireUser } from "./memberships.js";
import { codePointLength } from "./text.js";
import type { CallbackView, MessageKind, SendOptions } from "./control-types.js";
import type { TgContact, TgMessage, TgMessageEntity, TgUpdate, TgVenue } from "./types.js";

/** Bytes or a file_id the emulator issued earlier. */
export type FileInput = Uint8Array | string;

export interface VenueInput {
  latitude: number;
  longitude: number;
  title: string;
  address: string;
  foursquare_id?: string;
  foursquare_type?: string;
  google_place_id?: string;
  google_place_type?: string;
}

/**
 * The user side of Telegram: what people do in their apps, turned into stored messages and
 * updates for the bot. Misuse (an unknown user, a button that is not there) throws a plain
 * Error: these are test-authoring mistakes, not API answers.
 */
export class UserActions {
  constructor(
    private readonly core: EmulatorCore,
    private readonly memberships: Memberships,
  ) {}

  sendText(userId: number, text: string, options: SendOptions & { entities?: TgMessageEntity[] } = {}): TgMessage {
    if (text.trim() === "") throw new Error("a user cannot send an empty message");
    if (codePointLength(text) > MAX_TEXT_LENGTH) throw new Error("message is too long");
    const entities = options.entities ?? detectEntities(text);
    return this.post(userId, options, "text", { text, ...(entities.length > 0 ? { entities } : {}) }, { text });
  }

  sendPhoto(userId: number, photo: FileInput, caption?: string, options: SendOptions = {}): TgMessage {
    let sizes: ReturnType<typeof photoSize>[];
    if (typeof photo === "string") {
      const file = this.existingFile(photo, "photo");
      sizes = structuredClone(file.photo ?? [photoSize(file)]);
    } else {
      sizes = this.core.files.addPhoto(Buffer.from(photo));
    }
    return this.post(userId, options, "photo", { photo: sizes, ...this.captionFields(caption) }, this.rawCaption(caption));
  }

  sendDocument(userId: number, document: FileInput, options: SendOptions & { filename?: string; mimeType?: string; caption?: string } = {}): TgMessage {
    const file =
      typeof document === "string"
        ? this.existingFile(document, "document")
        : this.core.files.add("document", Buffer.from(document), {
            filename: options.filename ?? "document",
            ...(options.mimeType !== undefined ? { contentType: options.mimeType } : {}),
          });
    const content: NonNullable<TgMessage["document"]> = { file_id: file.file_id, file_unique_id: file.file_unique_id };
    if (file.file_name !== undefined) content.file_name = file.file_name;
    if (file.mime_type !== undefined) content.mime_type = file.mime_type;
    content.file_size = file.data.length;
    return this.post(userId, options, "document", { document: content, ...this.captionFields(options.caption) }, this.rawCaption(options.caption));
  }

  sendVoice(userId: number, voice: FileInput, options: SendOptions & { duration?: number; caption?: string } = {}): TgMessage {
    const file =
      typeof voice === "string" ? this.existingFile(voice, "voice") : this.core.files.add("voice", Buffer.from(voice), { duration: options.duration ?? 1 });
    return this.post(
      userId,
      options,
      "voice",
      {
        voice: {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          duration: file.duration ?? options.duration ?? 1,
          mime_type: file.mime_type ?? "audio/ogg",
          file_size: file.data.length,
        },
        ...this.captionFields(options.caption),
      },
      this.rawCaption(options.caption),
    );
  }

  sendSticker(userId: number, sticker: { emoji?: string; data?: Uint8Array; fileId?: string } = {}, options: SendOptions = {}): TgMessage {
    const file =
      sticker.fileId !== undefined
        ? this.existingFile(sticker.fileId, "sticker")
        : this.core.files.add("sticker", Buffer.from(sticker.data ?? new Uint8Array([0x52, 0x49, 0x46, 0x46])));
    const content: NonNullable<TgMessage["sticker"]> = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      type: "regular",
      width: file.width ?? 512,
      height: file.height ?? 512,
      is_animated: false,
      is_video: false,
      file_size: file.data.length,
    };
    if (sticker.emoji !== undefined) content.emoji = sticker.emoji;
    return this.post(userId, options, "sticker", { sticker: content });
  }

  sendLocation(
    userId: number,
    latitude: number,
    longitude: number,
    options: SendOptions & { horizontal_accuracy?: number; live_period?: number } = {},
  ): TgMessage {
    checkCoordinates(latitude, longitude);
    const location: NonNullable<TgMessage["location"]> = { latitude, longitude };
    if (options.horizontal_accuracy !== undefined) location.horizontal_accuracy = options.horizontal_accuracy;
    if (options.live_period !== undefined) location.live_period = options.live_period;
    return this.post(userId, options, "location", { location });
  }

  sendVenue(userId: number, input: VenueInput, options: SendOptions = {}): TgMessage {
    checkCoordinates(input.latitude, input.longitude);
    const { latitude, longitude, ...rest } = input;
    const venue: TgVenue = { location: { latitude, longitude }, ...rest };
    return this.post(userId, options, "venue", { location: { latitude, longitude }, venue });
  }

  /** Pass `user_id` (the sender's own id) to model the "share my contact" keyboard button. */
  sendContact(userId: number, contact: TgContact, options: SendOptions = {}): TgMessage {
    if (contact.phone_number === "" || contact.first_name === "") throw new Error("a contact needs phone_number and first_name");
    return this.post(userId, options, "contact", { contact: { ...contact } });
  }

  /** The user edits one of their text messages: the bot gets an edited_message update. */
  editText(userId: number, chatId: number, messageId: number, text: string): TgMessage {
    const record = this.core.store.message(chatId, messageId);
    if (record === undefined || record.deleted) throw new Error(`message ${messageId} not found in chat ${chatId}`);
    if (record.fromBot || record.fromId !== userId) throw new Error("users can only edit their own messages");
    if (record.kind !== "text") throw new Error("only text messages can be edited with editText");
    if (text.trim() === "") throw new Error("a message cannot be edited to empty text");
    const entities = detectEntities(text);
    this.core.store.editMessage(record, { text, entities: entities.length > 0 ? entities : undefined }, { text }, this.core.clock.unix());
    const chat = this.core.store.requireChat(chatId);
    if (botSees(this.core, chat, record.message)) this.core.queue.push({ edited_message: structuredClone(record.message) });
    return structuredClone(record.message);
  }

  /** The user forwards a message (from any chat the emulator knows) into a chat with the bot. */
  forwardMessage(userId: number, fromChatId: number, messageId: number, options: SendOptions = {}): TgMessage {
    const source = this.core.store.message(fromChatId, messageId);
    if (source === undefined || source.deleted) throw new Error(`message ${messageId} not found in chat ${fromChatId}`);
    if (source.kind === "service") throw new Error("service messages cannot be forwarded");
    const origin = source.message.forward_origin ?? {
      type: "user" as const,
      date: source.message.date,
      sender_user: source.message.from ?? this.core.store.botUser(),
    };
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
    } = structuredClone(source.message);
    if (source.message.has_protected_content === true) throw new Error("the message is protected from forwarding");
    const raw: NewMessage["raw"] = {};
    if (source.text !== undefined) raw.text = source.text;
    if (source.caption !== undefined) raw.caption = source.caption;
    if (source.parseMode !== undefined) raw.parseMode = source.parseMode;
    return this.post(userId, { ...options, replyTo: undefined }, source.kind, { forward_origin: structuredClone(origin), ...content }, raw);
  }

  /**
   * The user taps an inline button: a callback_query with a fresh id and the message as it is
   * now. The button must exist unless `force` is set (to send data no button carries).
   */
  pressButton(userId: number, chatId: number, messageId: number, data: string, options: { force?: boolean } = {}): CallbackView {
    const user = this.requireUser(userId);
    const record = this.core.store.message(chatId, messageId);
    if (record === undefined || record.deleted) throw new Error(`message ${messageId} not found in chat ${chatId}`);
    if (!record.fromBot) throw new Error("only the bot's messages carry inline buttons");
    const chat = this.chatFor(user, chatId);
    if (options.force !== true && !inlineButtons(record.message.reply_markup).some((button) => button.callback_data === data)) {
      throw new Error(`message ${messageId} has no button with callback_data "${data}"`);
    }
    const callback = this.core.store.addCallback(record, userId, data, this.core.clock.now());
    this.core.queue.push({
      callback_query: {
        id: callback.id,
        from: { ...user.user },
        message: structuredClone(record.message),
        chat_instance: chat.chatInstance,
        data,
      },
    });
    return structuredClone(callback);
  }

  injectUpdate(raw: Record<string, unknown>): TgUpdate | undefined {
    const { update_id: _ignored, ...update } = raw;
    return this.core.queue.push(update);
  }

  // --- helpers -----------------------------------------------------------------------------

  private post(userId: number, options: SendOptions, kind: MessageKind, content: NewMessage["content"], raw?: NewMessage["raw"]): TgMessage {
    const user = this.requireUser(userId);
    const chat = this.chatFor(user, options.chatId ?? userId);
    const body: NewMessage["content"] = { ...content };
    if (options.replyTo !== undefined) {
      const target = this.core.store.message(chat.chat.id, options.replyTo);
      if (target === undefined || target.deleted) throw new Error(`message ${options.replyTo} not found in chat ${chat.chat.id}`);
      const reply = structuredClone(target.message);
      delete reply.reply_to_message;
      body.reply_to_message = reply;
    }
    if (chat.chat.type === "private") {
      // Writing to a bot you blocked is the app's "Restart": it unblocks the bot first.
      if (user.blocked) this.memberships.blockBot(userId, false);
      user.started = true;
    }
    const record = this.core.store.addMessage(chat.chat.id, {
      fromBot: false,
      from: { ...user.user },
      kind,
      content: body,
      date: this.core.clock.unix(),
      ...(raw !== undefined ? { raw } : {}),
    });
    if (botSees(this.core, chat, record.message)) this.core.queue.push({ message: structuredClone(record.message) });
    return structuredClone(record.message);
  }

  private requireUser(userId: number): UserRecord {
    return requireUser(this.core, userId);
  }

  /** The chat a user writes in: their private chat with the bot, or a group they are in. */
  private chatFor(user: UserRecord, chatId: number): ChatRecord {
    const chat = this.core.store.chat(chatId);
    if (chat === undefined) throw new Error(`unknown chat ${chatId}`);
    if (chat.chat.type === "private") {
      if (chatId !== user.user.id) throw new Error(`user ${user.user.id} cannot write in another user's chat with the bot`);
      return chat;
    }
    const status = chat.members.get(user.user.id);
    if (status !== "member" && status !== "administrator" && status !== "creator") {
      throw new Error(`user ${user.user.id} is not a member of chat ${chatId}; use addMember first`);
    }
    return chat;
  }

  private existingFile(fileId: string, kind: FileKind): StoredFile {
    const file = this.core.files.get(fileId);
    if (file === undefined) throw new Error(`unknown file_id ${fileId}`);
    if ((file.kind === "photo") !== (kind === "photo")) throw new Error(`file ${fileId} is not a ${kind}`);
    return file;
  }

  private captionFields(caption: string | undefined): Pick<TgMessage, "caption" | "caption_entities"> {
    if (caption === undefined || caption.trim() === "") return {};
    if (codePointLength(caption) > MAX_CAPTION_LENGTH) throw new Error("caption is too long");
    const entities = detectEntities(caption);
    return entities.length > 0 ? { caption, caption_entities: entities } : { caption };
  }

  private rawCaption(caption: string | undefined): NewMessage["raw"] {
    return caption === undefined || caption.trim() === "" ? {} : { caption };
  }
}

function checkCoordinates(latitude: number, longitude: number): void {
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) throw new Error("coordinates out of range");
}
