// What the page does as a persona (POST /sandbox/api/…): send text, press a button, share a
// location, a live location or the contact, upload a photo or a voice message; and the two
// sandbox actions, a new persona and the demo data.
import type { IncomingMessage } from "node:http";
import type { I18n } from "@grammyjs/i18n";
import type { Locale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import { personaKinds, personaLanguages, type PersonaKind } from "../personas.js";
import type { SandboxWorld } from "../world.js";
import type { ChatReads } from "./chat-reads.js";
import { HttpError, readBody } from "./http-kit.js";

const UPLOAD_LIMIT = 20 * 1024 * 1024;
/** A live location from the web chat lasts an hour (one of the Telegram apps' choices): a patrol's length. */
const LIVE_PERIOD_SECONDS = 3600;

function position(body: Record<string, unknown>): { latitude: number; longitude: number } {
  const latitude = Number(body.latitude);
  const longitude = Number(body.longitude);
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new HttpError(400, "latitude or longitude out of range");
  return { latitude, longitude };
}

export function createPersonaActions(options: { world: SandboxWorld; i18n: Pick<I18n, "t">; logger: Logger; reads: ChatReads }) {
  const { world, i18n, logger, reads } = options;
  const emulator = world.emulator;

  /** POST /sandbox/api/photo or /voice?persona&chat: the bytes are the body. */
  async function upload(kind: "photo" | "voice", req: IncomingMessage, url: URL): Promise<unknown> {
    const persona = reads.requirePersona(url.searchParams.get("persona"));
    const chatId = reads.requireChat(persona, url.searchParams.get("chat"));
    const bytes = await readBody(req, UPLOAD_LIMIT);
    if (bytes.length === 0) throw new HttpError(400, "the upload is empty");
    const message =
      kind === "photo"
        ? emulator.sendPhoto(persona.id, bytes, url.searchParams.get("caption") || undefined, { chatId })
        : emulator.sendVoice(persona.id, bytes, {
            chatId,
            duration: Math.max(1, Math.min(3600, Math.round(Number(url.searchParams.get("duration")) || 1))),
          });
    return { ok: true, messageId: message.message_id };
  }

  /** A live location: the page starts it, reports each new position, and stops it. */
  function live(body: Record<string, unknown>): unknown {
    const persona = reads.requirePersona(body.persona);
    const chatId = reads.requireChat(persona, body.chat);
    const messageId = Number(body.messageId);
    if (body.action === "stop") return { ok: true, messageId: emulator.stopLiveLocation(persona.id, chatId, messageId).message_id };
    const accuracy = Number(body.accuracy);
    const at = { ...position(body), ...(accuracy > 0 ? { horizontal_accuracy: Math.min(accuracy, 1500) } : {}) };
    if (body.action === "start") {
      const message = emulator.startLiveLocation(persona.id, at, { chatId, livePeriod: LIVE_PERIOD_SECONDS });
      return { ok: true, messageId: message.message_id, livePeriod: LIVE_PERIOD_SECONDS };
    }
    if (body.action !== "move") throw new HttpError(400, "action must be start, move or stop");
    const heading = Math.round(Number(body.heading));
    const moved = emulator.moveLiveLocation(persona.id, chatId, messageId, { ...at, ...(heading >= 1 && heading <= 360 ? { heading } : {}) });
    return { ok: true, messageId: moved.message_id };
  }

  /** POST /sandbox/api/personas: a new persona of a kind, named after its role unless named. */
  async function newPersona(body: Record<string, unknown>, locale: Locale): Promise<unknown> {
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
    return { ok: true, persona: { id: persona.id, name: persona.firstName, kind: persona.kind } };
  }

  /** A JSON action by its endpoint; undefined when there is no such action. */
  async function act(endpoint: string, body: Record<string, unknown>, locale: Locale): Promise<unknown> {
    switch (endpoint) {
      case "send": {
        const persona = reads.requirePersona(body.persona);
        const chatId = reads.requireChat(persona, body.chat);
        if (typeof body.text !== "string" || body.text.trim() === "") throw new HttpError(400, "text is empty");
        const replyTo = Number(body.replyTo);
        const message = emulator.sendText(persona.id, body.text, { chatId, ...(Number.isSafeInteger(replyTo) && replyTo > 0 ? { replyTo } : {}) });
        return { ok: true, messageId: message.message_id };
      }
      case "press": {
        const persona = reads.requirePersona(body.persona);
        const chatId = reads.requireChat(persona, body.chat);
        if (typeof body.data !== "string") throw new HttpError(400, "data is missing");
        const callback = emulator.pressButton(persona.id, chatId, Number(body.messageId), body.data);
        return { ok: true, callbackId: callback.id };
      }
      case "location": {
        const persona = reads.requirePersona(body.persona);
        const chatId = reads.requireChat(persona, body.chat);
        const { latitude, longitude } = position(body);
        return { ok: true, messageId: emulator.sendLocation(persona.id, latitude, longitude, { chatId }).message_id };
      }
      case "live":
        return live(body);
      case "contact": {
        const persona = reads.requirePersona(body.persona);
        const chatId = reads.requireChat(persona, body.chat);
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
        return { ok: true, messageId: message.message_id };
      }
      case "personas":
        return newPersona(body, locale);
      case "seed": {
        const summary = await world.seed();
        logger.info({ summary }, "sandbox demo data seeded");
        return {
          ok: true,
          summary,
          message: i18n.t(locale, "sandbox-seed-done", { areas: summary.areas, personas: summary.personas, reports: summary.reports }),
        };
      }
      default:
        return undefined;
    }
  }

  return { upload, act };
}
