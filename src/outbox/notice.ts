import { InlineKeyboard } from "grammy";
import { Priority, type OutboxDraft } from "./enqueue.js";
import type { Deliverer } from "./sender.js";

/** The outbox kind of a plain notice: one text from the locale files, maybe with buttons. */
export const NOTICE = "notice";

type Vars = Record<string, string | number>;

/** A text to render in the recipient's language when it is sent: a locale key and its values. */
export interface NoticePayload {
  key: string;
  vars?: Vars;
  /** Rows of inline buttons, their labels rendered the same way. */
  buttons?: Array<Array<{ key: string; vars?: Vars; data: string }>>;
  /** Sent as a reply to this message of the same chat (a report's card in the staff group). */
  replyTo?: number;
}

/** A notice for a person (their language) or a group (the community's). */
export function notice(chatId: number, payload: NoticePayload, options: { forPerson?: boolean; dedupeKey?: string; runAt?: Date } = {}): OutboxDraft {
  const forPerson = options.forPerson ?? chatId > 0;
  return {
    kind: NOTICE,
    chatId,
    userId: forPerson ? chatId : null,
    payload,
    priority: forPerson ? Priority.person : Priority.group,
    ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    ...(options.runAt ? { runAt: options.runAt } : {}),
  };
}

export const deliverNotice: Deliverer = async (message, { api, t }) => {
  const { key, vars, buttons, replyTo } = message.payload as NoticePayload;
  const keyboard = buttons?.length
    ? buttons.reduce((board, row) => row.reduce((b, button) => b.text(t(button.key, button.vars), button.data), board).row(), new InlineKeyboard())
    : undefined;
  await api.sendMessage(message.chatId, t(key, vars), {
    ...(keyboard ? { reply_markup: keyboard } : {}),
    ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  });
};
