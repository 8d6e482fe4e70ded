import { Api, GrammyError, HttpError, InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BroadcastContent } from "./service.js";

/** How a failed send is handled: wait and retry all, retry with backoff, or give up on this user. */
export type SendFailure =
  | { kind: "flood"; retryAfterMs: number }
  | { kind: "unreachable"; reason: "blocked" | "deactivated" | "kicked" | "forbidden" }
  | { kind: "transient"; reason: "network" | "server-error" }
  | { kind: "rejected"; reason: string };

export interface Button {
  text: string;
  data: string;
}

/** What the sender needs from Telegram: deliver, classify failures, and keep one progress message. */
export interface BroadcastTransport {
  /** Returns the message id Telegram gave; throws on failure. */
  deliver(chatId: number, content: BroadcastContent, paid: boolean): Promise<number>;
  classify(error: unknown): SendFailure;
  notify(chatId: number, text: string, buttons?: Button[]): Promise<number | undefined>;
  edit(chatId: number, messageId: number, text: string, buttons?: Button[]): Promise<void>;
}

export function classifyTelegramError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const description = error.description.toLowerCase();
    if (error.error_code === 429) return { kind: "flood", retryAfterMs: Math.max(1, error.parameters.retry_after ?? 1) * 1000 };
    if (error.error_code === 403) {
      if (description.includes("blocked")) return { kind: "unreachable", reason: "blocked" };
      if (description.includes("deactivated")) return { kind: "unreachable", reason: "deactivated" };
      if (description.includes("kicked")) return { kind: "unreachable", reason: "kicked" };
      return { kind: "unreachable", reason: "forbidden" };
    }
    if (error.error_code >= 500) return { kind: "transient", reason: "server-error" };
    if (description.includes("chat not found")) return { kind: "rejected", reason: "chat-not-found" };
    return { kind: "rejected", reason: "bad-request" };
  }
  if (error instanceof HttpError) return { kind: "transient", reason: "network" };
  return { kind: "transient", reason: "network" };
}

const keyboard = (buttons?: Button[]) =>
  buttons && buttons.length > 0 ? { reply_markup: new InlineKeyboard([buttons.map((b) => InlineKeyboard.text(b.text, b.data))]) } : {};

/**
 * The transport over grammY. It builds its own Api from the bot's token and client options,
 * without the bot's auto-retry: the sender itself decides what a 429 or a network error means.
 */
export function telegramTransport(botApi: Pick<Api, "token" | "options">, options: { timeoutSeconds?: number } = {}): BroadcastTransport {
  const api = new Api(botApi.token, { ...botApi.options, timeoutSeconds: options.timeoutSeconds ?? 15 });
  return {
    async deliver(chatId, content, paid) {
      const extra = paid ? { allow_paid_broadcast: true } : {};
      if (content.kind === "text") {
        const m = await api.sendMessage(chatId, content.text, { entities: content.entities as MessageEntity[], ...extra });
        return m.message_id;
      }
      const m = await api.sendPhoto(chatId, content.fileId, {
        ...(content.caption ? { caption: content.caption, caption_entities: content.entities as MessageEntity[] } : {}),
        ...extra,
      });
      return m.message_id;
    },
    classify: classifyTelegramError,
    async notify(chatId, text, buttons) {
      try {
        return (await api.sendMessage(chatId, text, keyboard(buttons))).message_id;
      } catch {
        return undefined;
      }
    },
    async edit(chatId, messageId, text, buttons) {
      try {
        await api.editMessageText(chatId, messageId, text, keyboard(buttons));
      } catch {
        // "message is not modified", or the staff member deleted it: progress is best effort.
      }
    },
  };
}
