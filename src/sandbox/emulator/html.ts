import { badRequest, type ApiError } from "./errors.js";
import { byteOffset, checkLink, isSpace, sortEntities, type Formatted } from "./text.js";
import type { TgMessageEntity } from "./types.js";

/**
 * parse_mode=HTML as Telegram implements it (TDLib's parse_html): a fixed set of tags, only
 * the &lt; &gt; &amp; &quot; named entities plus numeric ones, attributes only where they mean
 * something, and the same error texts and byte offsets, so a bot that builds bad markup fails
 * here exactly as it would in production.
 */

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;

interface OpenTag {
  tag: string;
  argument: string;
  /** UTF-16 offset in the output where the tag's content starts. */
  offset: number;
}

const MAX_CUSTOM_EMOJI_ID = 9223372036854775807n;

const NAMED_ENTITIES = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
]);

export function parseHtml(text: string): Formatted {
  const fail = (message: string): ApiError => badRequest(`can't parse entities: ${message}`);
  const at = (index: number): number => byteOffset(text, index);
  const code = (index: number): number => text.charCodeAt(index);
  const n = text.length;

  let out = "";
  const entities: TgMessageEntity[] = [];
  /** Languages of <code class="language-…">, applied when the surrounding <pre> closes. */
  const codeLanguages = new Map<TgMessageEntity, string>();
  const open: OpenTag[] = [];
  let i = 0;

  while (i < n) {
    const c = code(i);
    if (c === AMPERSAND) {
      const decoded = decodeHtmlEntity(text, i);
      if (decoded) {
        out += decoded.value;
        i = decoded.end;
      } else {
        out += "&";
        i++;
      }
      continue;
    }
    if (c !== LT) {
      out += text.charAt(i);
      i++;
      continue;
    }

    const begin = i;
    i++;
    if (code(i) !== SLASH) {
      // A start tag.
      while (i < n && !isSpace(code(i)) && code(i) !== GT) i++;
      if (i >= n) throw fail(`Unclosed start tag at byte offset ${at(begin)}`);
      const tag = text.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tag)) throw fail(`Unsupported start tag "${tag}" at byte offset ${at(begin)}`);

      let argument = "";
      for (;;) {
        while (i < n && isSpace(code(i))) i++;
        if (i >= n) throw fail(`Unclosed start tag at byte offset ${at(begin)}`);
        if (code(i) === GT) break;
        const nameStart = i;
        while (i < n && !isSpace(code(i)) && code(i) !== EQUALS && code(i) !== GT) i++;
        const attribute = text.slice(nameStart, i).toLowerCase();
        if (attribute === "") throw fail(`Empty attribute name in the tag "${tag}" at byte offset ${at(begin)}`);
        while (i < n && isSpace(code(i))) i++;
        if (code(i) !== EQUALS) {
          // <blockquote expandable> is the one attribute Telegram takes without a value.
          if (tag === "blockquote" && attribute === "expandable") {
            argument = "expandable";
            continue;
          }
          if (i >= n) throw fail(`Unclosed start tag at byte offset ${at(begin)}`);
          throw fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${at(begin)}`);
        }
        i++;
        while (i < n && isSpace(code(i))) i++;
        if (i >= n) throw fail(`Unclosed start tag "${tag}" at byte offset ${at(begin)}`);

        let value = "";
        const quote = code(i);
        if (quote !== QUOTE && quote !== APOSTROPHE) {
          // An unquoted name token: letters, digits, periods and hyphens; case-insensitive.
          const tokenStart = i;
          while (i < n && /[A-Za-z0-9.-]/.test(text.charAt(i))) i++;
          value = text.slice(tokenStart, i).toLowerCase();
          if (i < n && !isSpace(code(i)) && code(i) !== GT) {
            throw fail(`Unexpected end of name token at byte offset ${at(tokenStart)}`);
          }
        } else {
          i++;
          while (i < n && code(i) !== quote) {
            if (code(i) === AMPERSAND) {
              const decoded = decodeHtmlEntity(text, i);
              if (decoded) {
                value += decoded.value;
                i = decoded.end;
                continue;
              }
            }
            value += text.charAt(i);
            i++;
          }
          if (i < n) i++;
        }
        if (i >= n) throw fail(`Unclosed start tag at byte offset ${at(begin)}`);

        if (tag === "a" && attribute === "href") argument = value;
        else if (tag === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && attribute === "emoji-id") argument = value;
      }

      if (tag === "span" && argument !== "spoiler") {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${at(begin)}`);
      }
      if (tag === "tg-emoji" && !isCustomEmojiId(argument)) throw fail("Invalid custom emoji identifier specified");
      open.push({ tag, argument, offset: out.length });
      i++; // ">"
      continue;
    }

    // An end tag.
    const top = open[open.length - 1];
    if (top === undefined) throw fail(`Unexpected end tag at byte offset ${at(begin)}`);
    while (i < n && !isSpace(code(i)) && code(i) !== GT) i++;
    const endName = text.slice(begin + 2, i).toLowerCase();
    while (i < n && isSpace(code(i))) i++;
    if (code(i) !== GT) throw fail(`Unclosed end tag at byte offset ${at(begin)}`);
    if (endName !== "" && endName !== top.tag) {
      throw fail(`Unmatched end tag at byte offset ${at(begin)}, expected "</${top.tag}>", found "</${endName}>"`);
    }
    open.pop();
    closeTag(top, out, entities, codeLanguages);
    i++;
  }

  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) throw fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text: out, entities: sortEntities(entities) };
}

function closeTag(tag: OpenTag, out: string, entities: TgMessageEntity[], codeLanguages: Map<TgMessageEntity, string>): void {
  const offset = tag.offset;
  const length = out.length - offset;
  if (length <= 0) return;
  const simple = (type: string): void => {
    entities.push({ type, offset, length });
  };
  switch (tag.tag) {
    case "b":
    case "strong":
      simple("bold");
      return;
    case "i":
    case "em":
      simple("italic");
      return;
    case "u":
    case "ins":
      simple("underline");
      return;
    case "s":
    case "strike":
    case "del":
      simple("strikethrough");
      return;
    case "tg-spoiler":
    case "span":
      simple("spoiler");
      return;
    case "blockquote":
      simple(tag.argument === "expandable" ? "expandable_blockquote" : "blockquote");
      return;
    case "tg-emoji":
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: tag.argument });
      return;
    case "code": {
      const entity: TgMessageEntity = { type: "code", offset, length };
      entities.push(entity);
      if (tag.argument !== "") codeLanguages.set(entity, tag.argument);
      return;
    }
    case "pre": {
      // <pre><code class="language-x">…</code></pre> is one pre entity with a language.
      const last = entities[entities.length - 1];
      if (last !== undefined && last.type === "code" && last.offset === offset && last.length === length) {
        entities.pop();
        const language = codeLanguages.get(last);
        entities.push(language === undefined ? { type: "pre", offset, length } : { type: "pre", offset, length, language });
        return;
      }
      simple("pre");
      return;
    }
    case "a": {
      // An empty href makes the link text itself the URL; invalid links are dropped silently.
      const checked = checkLink(tag.argument === "" ? out.slice(offset) : tag.argument);
      if (checked.ok) entities.push({ type: "text_link", offset, length, url: checked.url });
      return;
    }
    default:
      return;
  }
}

function isCustomEmojiId(value: string): boolean {
  if (!/^\d{1,19}$/.test(value)) return false;
  const id = BigInt(value);
  return id > 0n && id <= MAX_CUSTOM_EMOJI_ID;
}

/**
 * One HTML character reference starting at `position` ("&"). Only Telegram's four named
 * entities and numeric ones decode; the trailing ";" is optional, as in TDLib. Anything else
 * returns undefined and the "&" stays literal text.
 */
export function decodeHtmlEntity(text: string, position: number): { value: string; end: number } | undefined {
  let end = position + 1;
  let value: string;
  if (text.charAt(end) === "#") {
    end++;
    const hex = text.charAt(end) === "x" || text.charAt(end) === "X";
    if (hex) end++;
    const digitsStart = end;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < text.length && digit.test(text.charAt(end)) && end - digitsStart < 8) end++;
    if (end === digitsStart) return undefined;
    const codePoint = Number.parseInt(text.slice(digitsStart, end), hex ? 16 : 10);
    if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
    value = String.fromCodePoint(codePoint);
  } else {
    const nameStart = end;
    while (end < text.length && /[A-Za-z]/.test(text.charAt(end))) end++;
    const name = text.slice(nameStart, end);
    const decoded = NAMED_ENTITIES.get(name);
    if (decoded === undefined) return undefined;
    value = decoded;
  }
  if (text.charAt(end) === ";") end++;
  return { value, end };
}
