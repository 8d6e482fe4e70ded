import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { I18n } from "@grammyjs/i18n";
import { defaultLocale, isLocale, type Locale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { SandboxWorld } from "../world.js";
import { createChatReads } from "./chat-reads.js";
import { HttpError, readJson, sendJson, sniffType } from "./http-kit.js";
import { createLiveStream } from "./live-stream.js";
import { renderPage } from "./page.js";
import { createPersonaActions } from "./persona-actions.js";

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
const LANGUAGE_COOKIE = "sandbox-lang";

/** The page's language: ?lang= (remembered in a cookie), else the cookie, else Chinese. */
function pageLocale(req: IncomingMessage, url: URL): { locale: Locale; fromQuery: boolean } {
  const asked = url.searchParams.get("lang");
  if (isLocale(asked)) return { locale: asked, fromQuery: true };
  const cookie = /(?:^|;\s*)sandbox-lang=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const stored = cookie === undefined ? undefined : decodeURIComponent(cookie);
  return { locale: isLocale(stored) ? stored : defaultLocale, fromQuery: false };
}

export function createWebChat(options: { world: SandboxWorld; i18n: Pick<I18n, "t">; logger: Logger }): WebChat {
  const { world, i18n, logger } = options;
  const emulator = world.emulator;
  const live = createLiveStream(world);
  const reads = createChatReads(world, i18n);
  const actions = createPersonaActions({ world, i18n, logger, reads });

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
      if (endpoint === "state") return sendJson(res, 200, await reads.state());
      if (endpoint === "events") {
        live.open(req, res);
        return true;
      }
      const chat = /^chats\/(-?\d+)$/.exec(endpoint);
      if (chat) {
        const persona = reads.requirePersona(url.searchParams.get("persona"));
        const chatId = reads.requireChat(persona, chat[1]);
        return sendJson(res, 200, reads.chatState(persona, chatId, pageLocale(req, url).locale));
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
    if (endpoint === "photo" || endpoint === "voice") return sendJson(res, 200, await actions.upload(endpoint, req, url));
    const body = await readJson(req);
    const locale = isLocale(body.lang) ? body.lang : pageLocale(req, url).locale;
    const answer = await actions.act(endpoint, body, locale);
    if (answer === undefined) throw new HttpError(404, "not found");
    return sendJson(res, 200, answer);
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
      live.close();
    },
  };
}
