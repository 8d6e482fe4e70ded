import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { I18n } from "@grammyjs/i18n";
import { defaultLocale, isLocale, type Locale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { ChangeEvent, TgBotCommand } from "../emulator/index.js";
import { personaKinds, personaLanguages, type Persona, type PersonaKind } from "../personas.js";
import { SANDBOX_CENTER } from "../seed.js";
import type { SandboxWorld } from "../world.js";
import { renderPage } from "./page.js";
import { toReplyKeyboard, toUiMessage, type UiMessage } from "./views.js";

/**
 * The web chat: the page at `/`, its script and style under /sandbox/static/, and a small JSON
 * API under /sandbox/api/ that acts as the chosen persona through the emulator's control API.
 * Live changes (new messages, edits, deletions, button answers, "typing…") stream to the page
 * as Server-Sent Events from the emulator's subscribe().
 *
 *   GET  /sandbox/api/state                 bot, personas, staff group, areas, map centre
 *   GET  /sandbox/api/chats/:chat?persona=  messages, reply keyboard and command menu
 *   GET  /sandbox/api/events                the live stream
 *   GET  /sandbox/api/files/:fileId         a file from the emulator's storage
 *   POST /sandbox/api/send                  { persona, chat, text, replyTo? }
 *   POST /sandbox/api/press                 { persona, chat, messageId, data }
 *   POST /sandbox/api/location              { persona, chat, latitude, longitude }
 *   POST /sandbox/api/live                  { persona, chat, action: start | move | stop, messageId?, latitude?, longitude?, heading?, accuracy? }
 *   POST /sandbox/api/contact               { persona, chat }
 *   POST /sandbox/api/photo?persona&chat    the image bytes as the body
 *   POST /sandbox/api/voice?persona&chat&duration   the audio bytes as the body
 *   POST /sandbox/api/personas              { kind, name?, language?, lang? }
 *   POST /sandbox/api/seed                  { lang? }
 */
export interface WebChat {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends the live streams, so the HTTP server can close. */
  close(): Promise<void>;
}

const publicDirectory = fileURLToPath(new URL("./public/", import.meta.url));
const staticFiles: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};
const JSON_LIMIT = 64 * 1024;
const UPLOAD_LIMIT = 20 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;
const LANGUAGE_COOKIE = "sandbox-lang";
/** A live location from the web chat lasts an hour (one of the Telegram apps' choices): a patrol's length. */
const LIVE_PERIOD_SECONDS = 3600;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createWebChat(options: { world: SandboxWorld; i18n: Pick<I18n, "t">; logger: Logger }): WebChat {
  const { world, i18n, logger } = options;
  const emulator = world.emulator;
  const streams = new Set<ServerResponse>();
  /** Once closing, no new live stream may start (it would hold the server open). */
  let closed = false;

  function pageLocale(req: IncomingMessage, url: URL): { locale: Locale; fromQuery: boolean } {
    const asked = url.searchParams.get("lang");
    if (isLocale(asked)) return { locale: asked, fromQuery: true };
    const cookie = /(?:^|;\s*)sandbox-lang=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const stored = cookie === undefined ? undefined : decodeURIComponent(cookie);
    return { locale: isLocale(stored) ? stored : defaultLocale, fromQuery: false };
  }

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

  function broadcast(payload: unknown): void {
    const frame = `data: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  }

  /** Emulator changes as the page needs them; only while someone watches. */
  let unsubscribe: (() => void) | undefined;
  const onChange = (event: ChangeEvent): void => {
    switch (event.type) {
      case "message":
      case "edit":
      case "delete": {
        const message: UiMessage = toUiMessage(event.view);
        broadcast({ type: event.type, chatId: event.chatId, message, replyKeyboard: toReplyKeyboard(emulator.replyKeyboard(event.chatId)) });
        break;
      }
      case "callback_answer":
        broadcast({
          type: "callback_answer",
          chatId: event.chatId,
          messageId: event.messageId,
          fromId: event.callback.fromId,
          answer: event.callback.answer ?? null,
        });
        break;
      case "chat_action":
        broadcast({ type: "chat_action", chatId: event.chatId, action: event.action });
        break;
      default:
        break;
    }
  };
  world.onChange(() => broadcast({ type: "personas" }));

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write(`retry: 1000\ndata: ${JSON.stringify({ type: "hello" })}\n\n`);
    streams.add(res);
    if (unsubscribe === undefined) unsubscribe = emulator.subscribe(onChange);
    const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
    keepalive.unref();
    const done = (): void => {
      clearInterval(keepalive);
      streams.delete(res);
      if (streams.size === 0) {
        unsubscribe?.();
        unsubscribe = undefined;
      }
    };
    req.on("close", done);
    res.on("close", done);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === "/" || path === "/index.html") {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "method not allowed");
      const { locale, fromQuery } = pageLocale(req, url);
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
      if (fromQuery) headers["set-cookie"] = `${LANGUAGE_COOKIE}=${encodeURIComponent(locale)}; Path=/; SameSite=Lax; Max-Age=31536000`;
      const html = renderPage(i18n, locale, { staffGroupId: world.staffGroup.id });
      res.writeHead(200, headers);
      res.end(method === "HEAD" ? undefined : html);
      return true;
    }
    if (path.startsWith("/sandbox/static/")) {
      const name = path.slice("/sandbox/static/".length);
      const type = staticFiles[name];
      if (type === undefined) throw new HttpError(404, "not found");
      const body = await readFile(join(publicDirectory, name));
      res.writeHead(200, { "content-type": type, "cache-control": "no-cache", "content-length": body.length });
      res.end(method === "HEAD" ? undefined : body);
      return true;
    }
    if (!path.startsWith("/sandbox/api/")) return false;
    const endpoint = path.slice("/sandbox/api/".length);

    if (method === "GET") {
      if (endpoint === "state") return sendJson(res, 200, await state());
      if (endpoint === "events") {
        if (closed) throw new HttpError(503, "the sandbox is stopping");
        openStream(req, res);
        return true;
      }
      const chat = /^chats\/(-?\d+)$/.exec(endpoint);
      if (chat) {
        const persona = requirePersona(url.searchParams.get("persona"));
        const chatId = requireChat(persona, chat[1]);
        return sendJson(res, 200, chatState(persona, chatId, pageLocale(req, url).locale));
      }
      const file = /^files\/([\w-]+)$/.exec(endpoint);
      if (file) {
        const stored = emulator.file(file[1]!);
        if (!stored) throw new HttpError(404, "no such file");
        res.writeHead(200, {
          "content-type": stored.mime_type ?? sniffType(stored.data),
          "content-length": stored.data.length,
          "cache-control": "private, max-age=3600",
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; sandbox",
        });
        res.end(stored.data);
        return true;
      }
      throw new HttpError(404, "not found");
    }
    if (method !== "POST") throw new HttpError(405, "method not allowed");

    if (endpoint === "photo" || endpoint === "voice") {
      const persona = requirePersona(url.searchParams.get("persona"));
      const chatId = requireChat(persona, url.searchParams.get("chat"));
      const bytes = await readBody(req, UPLOAD_LIMIT);
      if (bytes.length === 0) throw new HttpError(400, "the upload is empty");
      const message =
        endpoint === "photo"
          ? emulator.sendPhoto(persona.id, bytes, url.searchParams.get("caption") || undefined, { chatId })
          : emulator.sendVoice(persona.id, bytes, {
              chatId,
              duration: Math.max(1, Math.min(3600, Math.round(Number(url.searchParams.get("duration")) || 1))),
            });
      return sendJson(res, 200, { ok: true, messageId: message.message_id });
    }

    const body = await readJson(req);
    const locale = isLocale(body.lang) ? body.lang : pageLocale(req, url).locale;
    switch (endpoint) {
      case "send": {
        const persona = requirePersona(body.persona);
        const chatId = requireChat(persona, body.chat);
        if (typeof body.text !== "string" || body.text.trim() === "") throw new HttpError(400, "text is empty");
        const replyTo = Number(body.replyTo);
        const message = emulator.sendText(persona.id, body.text, { chatId, ...(Number.isSafeInteger(replyTo) && replyTo > 0 ? { replyTo } : {}) });
        return sendJson(res, 200, { ok: true, messageId: message.message_id });
      }
      case "press": {
        const persona = requirePersona(body.persona);
        const chatId = requireChat(persona, body.chat);
        if (typeof body.data !== "string") throw new HttpError(400, "data is missing");
        const callback = emulator.pressButton(persona.id, chatId, Number(body.messageId), body.data);
        return sendJson(res, 200, { ok: true, callbackId: callback.id });
      }
      case "location": {
        const persona = requirePersona(body.persona);
        const chatId = requireChat(persona, body.chat);
        const latitude = Number(body.latitude);
        const longitude = Number(body.longitude);
        if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new HttpError(400, "latitude or longitude out of range");
        const message = emulator.sendLocation(persona.id, latitude, longitude, { chatId });
        return sendJson(res, 200, { ok: true, messageId: message.message_id });
      }
      case "live": {
        // A live location: the page starts it, reports each new position, and stops it.
        const persona = requirePersona(body.persona);
        const chatId = requireChat(persona, body.chat);
        const messageId = Number(body.messageId);
        if (body.action === "stop") return sendJson(res, 200, { ok: true, messageId: emulator.stopLiveLocation(persona.id, chatId, messageId).message_id });
        const latitude = Number(body.latitude);
        const longitude = Number(body.longitude);
        if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new HttpError(400, "latitude or longitude out of range");
        const accuracy = Number(body.accuracy);
        const position = { latitude, longitude, ...(accuracy > 0 ? { horizontal_accuracy: Math.min(accuracy, 1500) } : {}) };
        if (body.action === "start") {
          const message = emulator.startLiveLocation(persona.id, position, { chatId, livePeriod: LIVE_PERIOD_SECONDS });
          return sendJson(res, 200, { ok: true, messageId: message.message_id, livePeriod: LIVE_PERIOD_SECONDS });
        }
        if (body.action !== "move") throw new HttpError(400, "action must be start, move or stop");
        const heading = Math.round(Number(body.heading));
        const moved = emulator.moveLiveLocation(persona.id, chatId, messageId, { ...position, ...(heading >= 1 && heading <= 360 ? { heading } : {}) });
        return sendJson(res, 200, { ok: true, messageId: moved.message_id });
      }
      case "contact": {
        const persona = requirePersona(body.persona);
        const chatId = requireChat(persona, body.chat);
        const message = emulator.sendContact(
          persona.id,
          {
            phone_number: `+86 138 0000 ${String(persona.id % 10_000).padStart(4, "0")}`,
            first_name: persona.firstName,
            ...(persona.lastName ? { last_name: persona.lastName } : {}),
            user_id: persona.id,
          },
          { chatId },
        );
        return sendJson(res, 200, { ok: true, messageId: message.message_id });
      }
      case "personas": {
        const kind = body.kind as PersonaKind;
        if (!personaKinds.includes(kind)) throw new HttpError(400, "unknown kind of persona");
        const language = personaLanguages.find((l) => l === body.language) ?? "zh-hans";
        let name = typeof body.name === "string" ? body.name.trim() : "";
        if (name === "") {
          const roleNames: Record<PersonaKind, string> = {
            resident: i18n.t(locale, "sandbox-role-resident"),
            volunteer: i18n.t(locale, "sandbox-role-volunteer"),
            inspector: i18n.t(locale, "sandbox-role-inspector"),
            staff: i18n.t(locale, "sandbox-role-staff"),
            admin: i18n.t(locale, "sandbox-role-admin"),
          };
          name = i18n.t(locale, "sandbox-persona-default-name", { role: roleNames[kind], number: world.personas().length + 1 });
        }
        const persona = await world.createPersona({ firstName: name, kind, language });
        return sendJson(res, 200, { ok: true, persona: { id: persona.id, name: persona.firstName, kind: persona.kind } });
      }
      case "seed": {
        const summary = await world.seed();
        logger.info({ summary }, "sandbox demo data seeded");
        return sendJson(res, 200, {
          ok: true,
          summary,
          message: i18n.t(locale, "sandbox-seed-done", { areas: summary.areas, personas: summary.personas, reports: summary.reports }),
        });
      }
      default:
        throw new HttpError(404, "not found");
    }
  }

  return {
    async handle(req, res) {
      let url: URL;
      try {
        url = new URL(req.url ?? "/", "http://sandbox.invalid");
      } catch {
        return false;
      }
      try {
        return await route(req, res, url);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
          return true;
        }
        // Emulator misuse (a button that is not there, a deleted message) is the user's doing: 400.
        const status = error instanceof HttpError ? error.status : 400;
        if (!(error instanceof HttpError)) logger.debug({ err: error }, "web chat request refused");
        sendJson(res, status, { ok: false, error: error instanceof Error ? error.message : String(error) });
        return true;
      }
    },
    async close() {
      closed = true;
      unsubscribe?.();
      unsubscribe = undefined;
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/** Photos carry no MIME type in the Bot API: tell the browser what the bytes are. */
function sniffType(data: Buffer): string {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (data.subarray(0, 4).toString("latin1") === "RIFF" && data.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (data.subarray(0, 4).toString("latin1") === "OggS") return "audio/ogg";
  return "application/octet-stream";
}

function sendJson(res: ServerResponse, status: number, value: unknown): true {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
  return true;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, JSON_LIMIT)).toString("utf8");
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "the body is not a JSON object");
}
