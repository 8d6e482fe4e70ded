import { fail } from "./markdown-v2.js";
import { byteOffset, checkLink, isSpace, sortEntities, type Formatted } from "./text.js";
import type { TgMessageEntity } from "./types.js";

/**
 * Legacy parse_mode=Markdown: only _italic_, *bold*, `code`, ```pre``` and [text](url); an
 * entity must close before the text ends, and "\" escapes only those four markers.
 */
export function parseMarkdownV1(text: string): Formatted {
  const char = (index: number): string => text.charAt(index);
  const n = text.length;
  let out = "";
  const entities: TgMessageEntity[] = [];

  for (let i = 0; i < n; i++) {
    const c = char(i);
    if (c === "\\" && "_*`[".includes(char(i + 1)) && i + 1 < n) {
      i++;
      out += char(i);
      continue;
    }
    if (c !== "_" && c !== "*" && c !== "`" && c !== "[") {
      out += c;
      continue;
    }

    const begin = i;
    const endCharacter = c === "[" ? "]" : c;
    let isPre = false;
    let language = "";
    i++;
    if (c === "`" && char(i) === "`" && char(i + 1) === "`") {
      i += 2;
      isPre = true;
      let languageEnd = i;
      while (languageEnd < n && !isSpace(text.charCodeAt(languageEnd)) && char(languageEnd) !== "`") languageEnd++;
      if (i !== languageEnd && languageEnd < n && char(languageEnd) !== "`") {
        language = text.slice(i, languageEnd);
        i = languageEnd;
      }
      if (char(i) === "\n" || char(i) === "\r") {
        if ((char(i + 1) === "\n" || char(i + 1) === "\r") && char(i) !== char(i + 1)) i += 2;
        else i++;
      }
    }

    const offset = out.length;
    while (i < n && (char(i) !== endCharacter || (isPre && !(char(i + 1) === "`" && char(i + 2) === "`")))) {
      out += char(i);
      i++;
    }
    if (i >= n) throw fail(`Can't find end of the entity starting at byte offset ${byteOffset(text, begin)}`);

    const length = out.length - offset;
    if (length > 0) {
      switch (c) {
        case "_":
          entities.push({ type: "italic", offset, length });
          break;
        case "*":
          entities.push({ type: "bold", offset, length });
          break;
        case "[": {
          let url: string;
          if (char(i + 1) !== "(") {
            url = text.slice(begin + 1, i);
          } else {
            i += 2;
            url = "";
            while (i < n && char(i) !== ")") {
              url += char(i);
              i++;
            }
          }
          const checked = checkLink(url);
          if (checked.ok) entities.push({ type: "text_link", offset, length, url: checked.url });
          break;
        }
        case "`":
          if (isPre) {
            entities.push(language === "" ? { type: "pre", offset, length } : { type: "pre", offset, length, language });
          } else {
            entities.push({ type: "code", offset, length });
          }
          break;
      }
    }
    if (isPre) i += 2;
  }
  return { text: out, entities: sortEntities(entities) };
}
