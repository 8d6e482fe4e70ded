import type { MessageView, TgMessage, TgMessageEntity } from "../emulator/index.js";

/** A message as the web chat draws it: plain JSON, text with Telegram's entities, file ids. */
export interface UiMessage {
  seq: number;
  chatId: number;
  messageId: number;
  fromBot: boolean;
  fromId: number;
  fromName: string;
  /** Unix seconds. */
  date: number;
  edited: boolean;
  deleted: boolean;
  kind: MessageView["kind"];
  /** Text or caption as Telegram hands it out (markup stripped), with its entities. */
  text?: string;
  entities?: TgMessageEntity[];
  photo?: { fileId: string; width: number; height: number };
  voice?: { fileId: string; duration: number };
  document?: { fileId: string; fileName?: string };
  sticker?: { emoji?: string };
  /** `live` while it is a live location that can still move (Telegram drops live_period on stop). */
  location?: { latitude: number; longitude: number; live?: boolean };
  venue?: { title: string; address: string };
  contact?: { phoneNumber: string; name: string };
  joined?: string[];
  left?: string;
  replyTo?: { messageId: number; fromName: string; text: string };
  inlineKeyboard?: Array<Array<{ text: string; data?: string; url?: string }>>;
}

const displayName = (message: Pick<TgMessage, "from">): string => [message.from?.first_name, message.from?.last_name].filter(Boolean).join(" ");

function excerpt(message: TgMessage): string {
  const text = message.text ?? message.caption ?? "";
  if (text !== "") return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  if (message.photo) return "📷";
  if (message.location) return "📍";
  if (message.voice) return "🎤";
  return "…";
}

export function toUiMessage(view: MessageView): UiMessage {
  const message = view.message;
  const ui: UiMessage = {
    seq: view.seq,
    chatId: view.chatId,
    messageId: view.messageId,
    fromBot: view.fromBot,
    fromId: view.fromId,
    fromName: displayName(message),
    date: view.date,
    edited: view.editDate !== undefined,
    deleted: view.deleted,
    kind: view.kind,
  };
  const text = message.text ?? message.caption;
  if (text !== undefined) {
    ui.text = text;
    const entities = message.entities ?? message.caption_entities;
    if (entities && entities.length > 0) ui.entities = entities;
  }
  const photo = message.photo?.at(-1);
  if (photo) ui.photo = { fileId: photo.file_id, width: photo.width, height: photo.height };
  if (message.voice) ui.voice = { fileId: message.voice.file_id, duration: message.voice.duration };
  if (message.document) {
    ui.document = { fileId: message.document.file_id };
    if (message.document.file_name !== undefined) ui.document.fileName = message.document.file_name;
  }
  if (message.sticker) ui.sticker = message.sticker.emoji !== undefined ? { emoji: message.sticker.emoji } : {};
  if (message.location) {
    ui.location = { latitude: message.location.latitude, longitude: message.location.longitude };
    if (message.location.live_period !== undefined) ui.location.live = true;
  }
  if (message.venue) ui.venue = { title: message.venue.title, address: message.venue.address };
  if (message.contact) {
    ui.contact = {
      phoneNumber: message.contact.phone_number,
      name: [message.contact.first_name, message.contact.last_name].filter(Boolean).join(" "),
    };
  }
  if (message.new_chat_members) ui.joined = message.new_chat_members.map((user) => user.first_name);
  if (message.left_chat_member) ui.left = message.left_chat_member.first_name;
  if (message.reply_to_message) {
    ui.replyTo = {
      messageId: message.reply_to_message.message_id,
      fromName: displayName(message.reply_to_message),
      text: excerpt(message.reply_to_message),
    };
  }
  const inline = message.reply_markup?.inline_keyboard;
  if (inline && inline.length > 0) {
    ui.inlineKeyboard = inline.map((row) =>
      row.map((button) => {
        const out: { text: string; data?: string; url?: string } = { text: button.text };
        if (typeof button.callback_data === "string") out.data = button.callback_data;
        if (typeof button.url === "string" && /^(https?|tg):/i.test(button.url)) out.url = button.url;
        return out;
      }),
    );
  }
  return ui;
}

export type ReplyButton = { text: string; requestLocation?: boolean; requestContact?: boolean };

/** The reply keyboard a user sees now, reduced to what the web chat can do with each button. */
export function toReplyKeyboard(markup: Record<string, unknown> | undefined): { rows: ReplyButton[][]; placeholder?: string } | null {
  if (!markup || !Array.isArray(markup.keyboard)) return null;
  const rows = (markup.keyboard as unknown[]).map((row) =>
    (Array.isArray(row) ? row : []).map((button): ReplyButton => {
      if (typeof button === "string") return { text: button };
      const fields = (button ?? {}) as Record<string, unknown>;
      const out: ReplyButton = { text: String(fields.text ?? "") };
      if (fields.request_location === true) out.requestLocation = true;
      if (fields.request_contact === true) out.requestContact = true;
      return out;
    }),
  );
  const keyboard: { rows: ReplyButton[][]; placeholder?: string } = { rows };
  if (typeof markup.input_field_placeholder === "string") keyboard.placeholder = markup.input_field_placeholder;
  return keyboard;
}
