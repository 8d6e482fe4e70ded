import type { TgMessageEntity } from "./types.js";

/** Text plus entities after parse_mode handling: what Telegram stores and hands back. */
export interface Formatted {
  text: string;
  entities: TgMessageEntity[];
}

/**
 * Telegram reports parse errors at UTF-8 byte offsets ("at byte offset 10") while entities use
 * UTF-16 offsets. JavaScript strings are UTF-16, so entity offsets come free and byte offsets
 * are computed only when an error message needs one.
 */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/** Telegram's limits count characters (code points), not UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Telegram's order: by offset, longer (outer) entity first. */
export function sortEntities(entities: TgMessageEntity[]): TgMessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** td's is_space: the characters HTML and Markdown parsing treat as blanks. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c;
}

/**
 * Telegram trims leading and trailing whitespace off message text and captions; entities are
 * shifted and clipped to match (and dropped when nothing of them is left).
 */
export function trimFormatted(formatted: Formatted): Formatted {
  const { text } = formatted;
  const leading = /^\s*/.exec(text)?.[0].length ?? 0;
  if (leading === text.length) return { text: "", entities: [] };
  const trailing = /\s*$/.exec(text)?.[0].length ?? 0;
  const trimmed = text.slice(leading, text.length - trailing);
  if (leading === 0 && trailing === 0) return formatted;
  const entities: TgMessageEntity[] = [];
  for (const entity of formatted.entities) {
    const start = Math.max(0, entity.offset - leading);
    const end = Math.min(trimmed.length, entity.offset + entity.length - leading);
    if (end > start) entities.push({ ...entity, offset: start, length: end - start });
  }
  return { text: trimmed, entities };
}

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * A simplified LinkManager::check_link: http(s), tg and ton links pass; a bare domain gets
 * "http://" in front; anything else is refused with Telegram's reason text.
 */
export function checkLink(raw: string): LinkCheck {
  const url = raw.trim();
  if (url === "") return { ok: false, reason: "URL host is empty" };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme === "tg" || scheme === "ton") return { ok: true, url };
    if (scheme !== "http" && scheme !== "https") return { ok: false, reason: "Unsupported URL protocol" };
    return validHost(url) ? { ok: true, url } : { ok: false, reason: "Wrong HTTP URL" };
  }
  const withScheme = `http://${url}`;
  return validHost(withScheme) && /^[^/?#]*\./.test(url) ? { ok: true, url: withScheme } : { ok: false, reason: "Wrong HTTP URL" };
}

function validHost(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hostname !== "" && !/[\s]/.test(url);
  } catch {
    return false;
  }
}
