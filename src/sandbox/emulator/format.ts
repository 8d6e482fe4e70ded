import { badRequest } from "./errors.js";
import { parseHtml } from "./html.js";
import { parseMarkdownV1 } from "./markdown-legacy.js";
import { parseMarkdownV2 } from "./markdown-v2.js";
import { checkLink, codePointLength, sortEntities, trimFormatted, type Formatted } from "./text.js";
import type { TgMessageEntity, TgUser } from "./types.js";

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Text plus parse_mode or explicit entities → what Telegram stores (get_formatted_text).
 * With a parse_mode the `entities` parameter is ignored, as on Telegram; "" and "none" mean
 * no parsing. `findUser` resolves text_mention users; unknown users are refused.
 */
export function formatText(text: string, parseMode: string, entitiesParam: unknown, findUser: (id: number) => TgUser | undefined): Formatted {
  const mode = parseMode.toLowerCase();
  if (text !== "" && mode !== "" && mode !== "none") {
    switch (mode) {
      case "html":
        return parseHtml(text);
      case "markdownv2":
        return parseMarkdownV2(text);
      case "markdown":
        return parseMarkdownV1(text);
      default:
        throw badRequest("unsupported parse_mode");
    }
  }
  return { text, entities: entitiesFromParam(entitiesParam, text, findUser) };
}

/** The one message text rule set: empty, whitespace-only and over-long texts are refused. */
export function finishText(formatted: Formatted): Formatted {
  const trimmed = trimFormatted(formatted);
  if (trimmed.text === "") throw badRequest("text must be non-empty");
  if (codePointLength(trimmed.text) > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return trimmed;
}

/** Captions are optional: an empty one is no caption, a long one is refused. */
export function finishCaption(formatted: Formatted): Formatted | undefined {
  const trimmed = trimFormatted(formatted);
  if (trimmed.text === "") return undefined;
  if (codePointLength(trimmed.text) > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  return trimmed;
}

const KNOWN_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "bank_card_number",
  "date_time",
]);

/**
 * The `entities`/`caption_entities` parameter. Like Telegram, a value that is not a JSON
 * array is ignored; a malformed entity inside one is refused with Telegram's texts.
 */
export function entitiesFromParam(param: unknown, text: string, findUser: (id: number) => TgUser | undefined): TgMessageEntity[] {
  if (!Array.isArray(param)) return [];
  const fail = (message: string) => badRequest(`can't parse MessageEntity: ${message}`);
  const entities: TgMessageEntity[] = [];
  for (const item of param as unknown[]) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw fail("expected an Object");
    const raw = item as Record<string, unknown>;
    for (const field of ["offset", "length", "type"]) {
      if (!(field in raw)) throw fail(`Can't find field "${field}"`);
    }
    if (typeof raw.offset !== "number" || !Number.isInteger(raw.offset)) throw fail(`Field "offset" must be a valid Number`);
    if (typeof raw.length !== "number" || !Number.isInteger(raw.length)) throw fail(`Field "length" must be a valid Number`);
    if (typeof raw.type !== "string") throw fail(`Field "type" must be of type String`);
    if (!KNOWN_TYPES.has(raw.type)) throw fail("Unsupported type specified");
    const entity: TgMessageEntity = { type: raw.type, offset: raw.offset, length: raw.length };
    switch (raw.type) {
      case "text_link": {
        if (!("url" in raw)) throw fail(`Can't find field "url"`);
        const url = typeof raw.url === "string" ? raw.url : "";
        const checked = checkLink(url);
        if (!checked.ok) throw badRequest(`entity URL '${url}' is invalid: ${checked.reason}`);
        entity.url = checked.url;
        break;
      }
      case "text_mention": {
        const user = raw.user;
        if (typeof user !== "object" || user === null) throw fail(`Can't find field "user"`);
        const id = (user as Record<string, unknown>).id;
        const known = typeof id === "number" ? findUser(id) : undefined;
        if (known === undefined) throw badRequest("user not found");
        entity.user = known;
        break;
      }
      case "custom_emoji": {
        if (!("custom_emoji_id" in raw)) throw fail(`Can't find field "custom_emoji_id"`);
        const id = raw.custom_emoji_id;
        if (typeof id !== "string" || !/^\d{1,18}$/.test(id)) throw fail(`Field "custom_emoji_id" must be a valid Number`);
        entity.custom_emoji_id = id;
        break;
      }
      case "pre":
        if (typeof raw.language === "string" && raw.language !== "") entity.language = raw.language;
        break;
      default:
        break;
    }
    entities.push(entity);
  }
  for (const entity of entities) {
    if (entity.offset < 0) throw badRequest(`receive an entity with incorrect offset ${entity.offset}`);
    if (entity.length < 0) throw badRequest(`receive an entity with incorrect length ${entity.length}`);
    if (entity.offset > text.length) {
      throw badRequest(`entity begins after the end of the text at UTF-16 offset ${entity.offset}`);
    }
    if (entity.offset + entity.length > text.length) {
      throw badRequest(`entity beginning at UTF-16 offset ${entity.offset} ends after the end of the text at UTF-16 offset ${entity.offset + entity.length}`);
    }
  }
  return sortEntities(entities.filter((entity) => entity.length > 0));
}

const DETECTORS: Array<{ type: string; pattern: RegExp }> = [
  // "/cmd" or "/cmd@some_bot" starting at a word boundary, as clients highlight them.
  { type: "bot_command", pattern: /(?<![\p{L}\p{N}_/@])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_/@])/gu },
  { type: "url", pattern: /\bhttps?:\/\/[^\s<>"]+[^\s<>".,:;!?)\]'"]/giu },
  { type: "email", pattern: /(?<![\p{L}\p{N}_.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![\p{L}\p{N}_])/gu },
  { type: "mention", pattern: /(?<![\p{L}\p{N}_@/])@[A-Za-z0-9_]{5,32}(?![\p{L}\p{N}_])/gu },
  { type: "hashtag", pattern: /(?<![\p{L}\p{N}_#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];

/**
 * The entities Telegram detects by itself in what a *user* writes (commands, links, mentions,
 * hashtags, e-mail addresses). grammY's bot.command() relies on the bot_command entity.
 */
export function detectEntities(text: string): TgMessageEntity[] {
  const found: TgMessageEntity[] = [];
  for (const { type, pattern } of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ type, offset: match.index, length: match[0].length });
    }
  }
  sortEntities(found);
  // Detected entities never overlap; the earlier (and then longer) one wins.
  const result: TgMessageEntity[] = [];
  let end = 0;
  for (const entity of found) {
    if (entity.offset < end) continue;
    result.push(entity);
    end = entity.offset + entity.length;
  }
  return result;
}
