import type { UserFromGetMe } from "grammy/types";

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export const TEST_TOKEN = "123456:TEST-token-for-the-fake-bot-api-xx";

export const testBotInfo: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "Community Bot",
  username: "community_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/**
 * A Bot API stand-in at the transport level (grammY's `client.fetch`), so it also serves the
 * fresh Api objects that conversations build. Every call is recorded and answered the way
 * Telegram would; failures can be scripted per method.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly messageIds = new Map<number, number>();
  private readonly scriptedFailures: Array<{ method: string; error: ApiError; chatId?: number | undefined }> = [];
  /** Network-level failures (fetch rejects), per method. */
  private readonly networkFailures: string[] = [];

  /** How long a call takes to be answered (Telegram pacing a chat, say); none by default. */
  delay: (method: string, payload: Record<string, any>) => number = () => 0;

  constructor(readonly botInfo: UserFromGetMe = testBotInfo) {}

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, any>) : {};
    this.calls.push({ method, payload });
    const delayMs = this.delay(method, payload);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const networkIndex = this.networkFailures.indexOf(method);
    if (networkIndex >= 0) {
      this.networkFailures.splice(networkIndex, 1);
      throw new TypeError("fetch failed (scripted network failure)");
    }
    const failureIndex = this.scriptedFailures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === payload.chat_id));
    if (failureIndex >= 0) {
      const { error } = this.scriptedFailures.splice(failureIndex, 1)[0]!;
      return json({ ok: false, ...error }, error.error_code);
    }
    return json({ ok: true, result: this.answer(method, payload) }, 200);
  }) as typeof fetch;

  /** The next call of `method` (to `chatId`, if given) gets this error (repeat to fail several times). */
  failNext(method: string, error: ApiError, chatId?: number): void {
    this.scriptedFailures.push({ method, error, chatId });
  }

  /** The next call of `method` fails at the network level. */
  failNetworkNext(method: string): void {
    this.networkFailures.push(method);
  }

  /** Messages the bot sent (sendMessage, sendPhoto, …), optionally to one chat. */
  sent(chatId?: number): ApiCall[] {
    return this.calls.filter((c) => c.method.startsWith("send") && c.method !== "sendChatAction" && (chatId === undefined || c.payload.chat_id === chatId));
  }

  /** Texts the bot sent or put in place by editing, in order. */
  texts(chatId?: number): string[] {
    return this.calls
      .filter((c) => (c.method === "sendMessage" || c.method === "editMessageText") && (chatId === undefined || c.payload.chat_id === chatId))
      .map((c) => String(c.payload.text));
  }

  lastText(chatId?: number): string | undefined {
    return this.texts(chatId).at(-1);
  }

  /** The last call with a reply_markup to this chat. */
  lastKeyboard(chatId?: number): ApiCall | undefined {
    return this.calls.filter((c) => c.payload.reply_markup && (chatId === undefined || c.payload.chat_id === chatId)).at(-1);
  }

  /** Callback data of every inline button of the last keyboard sent to the chat. */
  lastButtons(chatId?: number): Array<{ text: string; data?: string; url?: string }> {
    const markup = this.lastKeyboard(chatId)?.payload.reply_markup;
    return (markup?.inline_keyboard ?? []).flat().map((b: any) => ({ text: b.text, data: b.callback_data, url: b.url }));
  }

  callbackAnswers(): ApiCall[] {
    return this.calls.filter((c) => c.method === "answerCallbackQuery");
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
  }

  private answer(method: string, payload: Record<string, any>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument":
      case "sendLocation":
      case "sendVoice":
        return this.message(payload);
      case "editMessageText":
      case "editMessageReplyMarkup":
      case "editMessageCaption":
        return { ...this.message(payload), message_id: payload.message_id, edit_date: now() };
      default:
        return true;
    }
  }

  private message(payload: Record<string, any>) {
    const chatId = Number(payload.chat_id);
    const id = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, id);
    return {
      message_id: id,
      date: now(),
      chat: chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" },
      from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
      ...(payload.text !== undefined ? { text: payload.text } : {}),
      ...(payload.caption !== undefined ? { caption: payload.caption } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    };
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
