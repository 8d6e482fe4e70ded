import { badRequest, type ApiError } from "./errors.js";
import { byteOffset, checkLink, isSpace, sortEntities, type Formatted } from "./text.js";
import type { TgMessageEntity } from "./types.js";

/**
 * parse_mode=MarkdownV2 (the legacy Markdown is in markdown-legacy.ts), following TDLib's parser closely enough that
 * the classic mistakes (an unescaped "." or "-", an unclosed "*") are refused with Telegram's
 * own error texts and byte offsets.
 */

/** Telegram's refusal of a text it cannot parse (shared with the legacy parser). */
export const fail = (message: string): ApiError => badRequest(`can't parse entities: ${message}`);

type V2Type = "Bold" | "Italic" | "Underline" | "Strikethrough" | "Spoiler" | "Code" | "Pre" | "PreCode" | "TextUrl" | "CustomEmoji";

interface OpenEntity {
  type: V2Type;
  argument: string;
  /** UTF-16 offset in the output. */
  offset: number;
  /** Index in the source where the entity's markup starts, for error offsets. */
  start: number;
}

const RESERVED = "_*[]()~`>#+-=|{}.!";

export function parseMarkdownV2(text: string): Formatted {
  const code = (index: number): number => text.charCodeAt(index);
  const char = (index: number): string => text.charAt(index);
  const at = (index: number): number => byteOffset(text, index);
  const n = text.length;

  let out = "";
  const entities: TgMessageEntity[] = [];
  const open: OpenEntity[] = [];
  /** A block quote is line-based (">" at line starts), so it lives beside the nesting stack. */
  let quote: { offset: number; expandable: boolean } | undefined;

  const closeQuote = (): void => {
    if (quote === undefined) return;
    const length = out.length - quote.offset;
    if (length > 0) {
      entities.push({ type: quote.expandable ? "expandable_blockquote" : "blockquote", offset: quote.offset, length });
    }
    quote = undefined;
  };
  const inCode = (): boolean => {
    const type = open[open.length - 1]?.type;
    return type === "Code" || type === "Pre" || type === "PreCode";
  };
  const quoteStartsAt = (index: number): boolean => char(index) === ">" || text.startsWith("**>", index);

  for (let i = 0; i < n; i++) {
    const lineStart = i === 0 || char(i - 1) === "\n";
    if (lineStart && !inCode()) {
      if (text.startsWith("**>", i)) {
        closeQuote();
        quote = { offset: out.length, expandable: true };
        i += 2;
        continue;
      }
      if (char(i) === ">") {
        quote ??= { offset: out.length, expandable: false };
        continue;
      }
    }

    const c = char(i);
    if (c === "\\" && i + 1 < n && code(i + 1) > 0 && code(i + 1) <= 126) {
      i++;
      out += char(i);
      continue;
    }
    if (c === "\n" && quote !== undefined && !quoteStartsAt(i + 1)) {
      closeQuote();
    }

    const reserved = inCode() ? "`" : RESERVED;
    if (!reserved.includes(c)) {
      out += c;
      continue;
    }

    // "||" at the very end of an expandable quote marks it expandable, it is not a spoiler.
    const top = open[open.length - 1];
    if (c === "|" && char(i + 1) === "|" && quote?.expandable === true && top?.type !== "Spoiler" && (i + 2 === n || char(i + 2) === "\n")) {
      i++;
      continue;
    }

    let isEnd = false;
    if (top !== undefined) {
      switch (top.type) {
        case "Bold":
          isEnd = c === "*";
          break;
        case "Italic":
          isEnd = c === "_" && char(i + 1) !== "_";
          break;
        case "Code":
          isEnd = c === "`";
          break;
        case "Pre":
        case "PreCode":
          isEnd = c === "`" && char(i + 1) === "`" && char(i + 2) === "`";
          break;
        case "TextUrl":
        case "CustomEmoji":
          isEnd = c === "]";
          break;
        case "Underline":
          isEnd = c === "_" && char(i + 1) === "_";
          break;
        case "Strikethrough":
          isEnd = c === "~";
          break;
        case "Spoiler":
          isEnd = c === "|" && char(i + 1) === "|";
          break;
      }
    }

    if (!isEnd) {
      const start = i;
      let type: V2Type;
      let argument = "";
      switch (c) {
        case "_":
          if (char(i + 1) === "_") {
            type = "Underline";
            i++;
          } else {
            type = "Italic";
          }
          break;
        case "*":
          type = "Bold";
          break;
        case "~":
          type = "Strikethrough";
          break;
        case "|":
          if (char(i + 1) !== "|") throw reservedError(c);
          i++;
          type = "Spoiler";
          break;
        case "[":
          type = "TextUrl";
          break;
        case "`":
          if (char(i + 1) === "`" && char(i + 2) === "`") {
            i += 3;
            type = "Pre";
            let languageEnd = i;
            while (languageEnd < n && !isSpace(code(languageEnd)) && char(languageEnd) !== "`") languageEnd++;
            if (i !== languageEnd && languageEnd < n && char(languageEnd) !== "`") {
              type = "PreCode";
              argument = text.slice(i, languageEnd);
              i = languageEnd;
            }
            // One line break right after the opening fence is not part of the code.
            if (char(i) === "\n" || char(i) === "\r") {
              if ((char(i + 1) === "\n" || char(i + 1) === "\r") && char(i) !== char(i + 1)) i += 2;
              else i++;
            }
            i--;
          } else {
            type = "Code";
          }
          break;
        case "!":
          if (char(i + 1) !== "[") throw reservedError(c);
          i++;
          type = "CustomEmoji";
          break;
        default:
          throw reservedError(c);
      }
      open.push({ type, argument, offset: out.length, start });
      continue;
    }

    // The end of the innermost entity.
    const entity = open.pop();
    if (entity === undefined) continue;
    let skip = out.length === entity.offset;
    let url = "";
    let emojiId = "";
    switch (entity.type) {
      case "Underline":
      case "Spoiler":
        i++;
        break;
      case "Pre":
      case "PreCode":
        i += 2;
        break;
      case "TextUrl": {
        if (char(i + 1) !== "(") {
          url = out.slice(entity.offset);
        } else {
          i += 2;
          const urlStart = i;
          while (i < n && char(i) !== ")") {
            if (char(i) === "\\" && code(i + 1) > 0 && code(i + 1) <= 126) {
              url += char(i + 1);
              i += 2;
              continue;
            }
            url += char(i);
            i++;
          }
          if (char(i) !== ")") throw fail(`Can't find end of a URL at byte offset ${at(urlStart)}`);
        }
        const checked = checkLink(url);
        if (checked.ok) url = checked.url;
        else skip = true;
        break;
      }
      case "CustomEmoji": {
        if (char(i + 1) !== "(") throw fail("Custom emoji entity must contain a tg://emoji URL");
        i += 2;
        const urlStart = i;
        let link = "";
        while (i < n && char(i) !== ")") {
          link += char(i);
          i++;
        }
        if (char(i) !== ")") throw fail(`Can't find end of a custom emoji URL at byte offset ${at(urlStart)}`);
        const id = /^tg:\/\/emoji\?id=(\d{1,19})$/.exec(link)?.[1];
        if (id === undefined) throw fail("Custom emoji URL must have an emoji identifier");
        emojiId = id;
        break;
      }
      default:
        break;
    }
    if (skip) continue;
    const offset = entity.offset;
    const length = out.length - offset;
    entities.push(toEntity(entity.type, offset, length, { url, emojiId, language: entity.argument }));
  }

  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) {
    throw fail(`Can't find end of ${unclosed.type} entity at byte offset ${at(unclosed.start)}`);
  }
  closeQuote();
  return { text: out, entities: sortEntities(entities) };
}

function reservedError(c: string): ApiError {
  return fail(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
}

function toEntity(type: V2Type, offset: number, length: number, extra: { url: string; emojiId: string; language: string }): TgMessageEntity {
  switch (type) {
    case "Bold":
      return { type: "bold", offset, length };
    case "Italic":
      return { type: "italic", offset, length };
    case "Underline":
      return { type: "underline", offset, length };
    case "Strikethrough":
      return { type: "strikethrough", offset, length };
    case "Spoiler":
      return { type: "spoiler", offset, length };
    case "Code":
      return { type: "code", offset, length };
    case "Pre":
      return { type: "pre", offset, length };
    case "PreCode":
      return { type: "pre", offset, length, language: extra.language };
    case "TextUrl":
      return { type: "text_link", offset, length, url: extra.url };
    case "CustomEmoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: extra.emojiId };
  }
}
