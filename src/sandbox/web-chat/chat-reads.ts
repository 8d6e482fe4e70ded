// What the page reads: who the personas are and which chats they are in, and one chat as a
// persona sees it (messages, reply keyboard, command menu). Also the checks every request
// acting as a persona goes through.
import type { I18n } from "@grammyjs/i18n";
import type { Locale } from "../../i18n.js";
import type { TgBotCommand } from "../emulator/index.js";
import type { Persona } from "../personas.js";
import { SANDBOX_CENTER } from "../seed.js";
import type { SandboxWorld } from "../world.js";
import { HttpError } from "./http-kit.js";
import { toReplyKeyboard, toUiMessage } from "./views.js";

export function createChatReads(world: SandboxWorld, i18n: Pick<I18n, "t">) {
  const emulator = world.emulator;

  function requirePersona(value: unknown): Persona {
    const id = Number(value);
    const persona = Number.isSafeInteger(id) ? world.persona(id) : undefined;
    if (!persona) throw new HttpError(400, `unknown persona ${String(value)}`);
    return persona;
  }

  /** The chat the persona writes in: given, and one they are in. */
  function requireChat(persona: Persona, value: unknown): number {
    const chatId = value === undefined || value === null || value === "" ? persona.id : Number(value);
    if (!world.chatsOf(persona.id).includes(chatId)) throw new HttpError(403, `persona ${persona.id} is not in chat ${String(value)}`);
    return chatId;
  }

  function chatTitle(chatId: number, locale: Locale): string {
    return chatId === world.staffGroup.id ? world.staffGroup.title : i18n.t(locale, "sandbox-chat-private");
  }

  /** The command menu a user sees in a chat, resolved through scopes and languages as Telegram does. */
  function commandMenu(persona: Persona, chatId: number): TgBotCommand[] {
    const language = (persona.language ?? "").slice(0, 2).toLowerCase();
    const scopes: Array<Record<string, unknown>> =
      chatId === persona.id
        ? [{ type: "chat", chat_id: chatId }, { type: "all_private_chats" }, { type: "default" }]
        : [{ type: "chat", chat_id: chatId }, { type: "all_group_chats" }, { type: "default" }];
    for (const scope of scopes) {
      for (const code of language ? [language, ""] : [""]) {
        const commands = emulator.commands(scope, code);
        if (commands.length > 0) return commands;
      }
    }
    return [];
  }

  /** GET /sandbox/api/chats/:chat: one chat as the persona sees it. */
  function chatState(persona: Persona, chatId: number, locale: Locale) {
    return {
      chatId,
      title: chatTitle(chatId, locale),
      messages: emulator
        .history(chatId)
        .filter((view) => !view.deleted)
        .map(toUiMessage),
      replyKeyboard: toReplyKeyboard(emulator.replyKeyboard(chatId)),
      commands: commandMenu(persona, chatId),
    };
  }

  /** GET /sandbox/api/state: the bot, the personas and their chats, the staff group, the map. */
  async function state() {
    const bot = emulator.bot;
    return {
      bot: { id: bot.id, name: bot.first_name, username: bot.username ?? null },
      personas: world.personas().map((persona) => ({
        id: persona.id,
        name: [persona.firstName, persona.lastName].filter(Boolean).join(" "),
        kind: persona.kind,
        language: persona.language,
        chats: world.chatsOf(persona.id),
      })),
      staffGroup: world.staffGroup,
      areas: await world.areas(),
      center: SANDBOX_CENTER,
      /** Whether the bot is waiting for updates now, and how many it has not fetched yet. */
      polling: emulator.polling(),
      pendingUpdates: emulator.pendingUpdates().length,
    };
  }

  return { requirePersona, requireChat, chatState, state };
}

export type ChatReads = ReturnType<typeof createChatReads>;
