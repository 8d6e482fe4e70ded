import { describe, expect, it } from "vitest";
import { ApiError } from "../../../src/sandbox/emulator/errors.js";
import { detectEntities, entitiesFromParam, finishCaption, finishText } from "../../../src/sandbox/emulator/format.js";
import { parseHtml } from "../../../src/sandbox/emulator/html.js";
import { parseMarkdownV1 } from "../../../src/sandbox/emulator/markdown-legacy.js";
import { parseMarkdownV2 } from "../../../src/sandbox/emulator/markdown-v2.js";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.description;
    throw error;
  }
  throw new Error("expected a refusal");
}

const noUsers = () => undefined;

describe("HTML parse mode", () => {
  it("strips tags into entities with UTF-16 offsets and decodes character references", () => {
    const parsed = parseHtml('<b>Bold</b> &amp; <i>ital</i> 👍 <a href="https://example.com/x">link</a> &lt;3 &#128512;');
    expect(parsed.text).toBe("Bold & ital 👍 link <3 😀");
    expect(parsed.entities).toEqual([
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 7, length: 4 },
      // "👍" is two UTF-16 units, so the link starts at 15.
      { type: "text_link", offset: 15, length: 4, url: "https://example.com/x" },
    ]);
  });

  it("turns <pre><code class=language-x> into one pre entity with a language", () => {
    const parsed = parseHtml('<pre><code class="language-python">print(1)</code></pre>');
    expect(parsed.entities).toEqual([{ type: "pre", offset: 0, length: 8, language: "python" }]);
  });

  it("supports spoilers, expandable quotes and keeps unknown &-sequences literal", () => {
    const parsed = parseHtml('<tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> <blockquote expandable>q</blockquote> a&b &nbsp;');
    expect(parsed.text).toBe("s t q a&b &nbsp;");
    expect(parsed.entities.map((entity) => entity.type)).toEqual(["spoiler", "spoiler", "expandable_blockquote"]);
  });

  it("refuses bad markup with Telegram's texts and UTF-8 byte offsets", () => {
    expect(refusal(() => parseHtml("<b>unclosed"))).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
    expect(refusal(() => parseHtml("<script>alert(1)</script>"))).toBe(`Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 0`);
    expect(refusal(() => parseHtml("<b><i>test</b></i>"))).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 10, expected "</i>", found "</b>"`,
    );
    // "é" is two bytes in UTF-8.
    expect(refusal(() => parseHtml("é</b>"))).toBe("Bad Request: can't parse entities: Unexpected end tag at byte offset 2");
    expect(refusal(() => parseHtml("a <b"))).toBe("Bad Request: can't parse entities: Unclosed start tag at byte offset 2");
    expect(refusal(() => parseHtml('<span class="x">t</span>'))).toBe(
      `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`,
    );
    expect(refusal(() => parseHtml("<a href>x</a>"))).toBe(
      `Bad Request: can't parse entities: Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0`,
    );
    expect(refusal(() => parseHtml('<tg-emoji emoji-id="9999999999999999999">x</tg-emoji>'))).toBe(
      "Bad Request: can't parse entities: Invalid custom emoji identifier specified",
    );
  });
});

describe("MarkdownV2 and Markdown parse modes", () => {
  it("parses MarkdownV2 entities and escapes", () => {
    const parsed = parseMarkdownV2("*bold* _it_ __under__ ~strike~ ||spoiler|| `code` [link](https://t.me/x) \\. done\\!");
    expect(parsed.text).toBe("bold it under strike spoiler code link . done!");
    expect(parsed.entities.map((entity) => entity.type)).toEqual(["bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link"]);
  });

  it("parses MarkdownV2 code blocks with a language and block quotes", () => {
    expect(parseMarkdownV2("```js\nlet a = 1;\n```").entities).toEqual([{ type: "pre", offset: 0, length: 11, language: "js" }]);
    const quoted = parseMarkdownV2(">first\n>second\nafter");
    expect(quoted.text).toBe("first\nsecond\nafter");
    expect(quoted.entities).toEqual([{ type: "blockquote", offset: 0, length: 12 }]);
  });

  it("refuses unescaped reserved characters and unclosed entities like Telegram", () => {
    expect(refusal(() => parseMarkdownV2("hello."))).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(refusal(() => parseMarkdownV2("a-b"))).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
    expect(refusal(() => parseMarkdownV2("*unclosed"))).toBe("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0");
  });

  it("parses legacy Markdown and refuses an unclosed entity", () => {
    const parsed = parseMarkdownV1("*bold* _it_ [x](https://example.com) a.b-c!");
    expect(parsed.text).toBe("bold it x a.b-c!");
    expect(parsed.entities.map((entity) => entity.type)).toEqual(["bold", "italic", "text_link"]);
    expect(refusal(() => parseMarkdownV1("*unclosed"))).toBe("Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0");
  });
});

describe("text rules", () => {
  it("trims text and shifts entities; refuses whitespace-only and over-long text", () => {
    expect(finishText({ text: "  hi  ", entities: [{ type: "bold", offset: 2, length: 2 }] })).toEqual({
      text: "hi",
      entities: [{ type: "bold", offset: 0, length: 2 }],
    });
    expect(refusal(() => finishText({ text: "   ", entities: [] }))).toBe("Bad Request: text must be non-empty");
    expect(refusal(() => finishText({ text: "x".repeat(4097), entities: [] }))).toBe("Bad Request: message is too long");
    expect(finishText({ text: "x".repeat(4096), entities: [] }).text).toHaveLength(4096);
    expect(refusal(() => finishCaption({ text: "x".repeat(1025), entities: [] }))).toBe("Bad Request: message caption is too long");
    expect(finishCaption({ text: " ", entities: [] })).toBeUndefined();
  });

  it("validates the entities parameter with Telegram's texts", () => {
    expect(entitiesFromParam([{ type: "bold", offset: 0, length: 5 }], "hello", noUsers)).toEqual([{ type: "bold", offset: 0, length: 5 }]);
    expect(refusal(() => entitiesFromParam([{ type: "bold", offset: 100, length: 1 }], "hello", noUsers))).toBe(
      "Bad Request: entity begins after the end of the text at UTF-16 offset 100",
    );
    expect(refusal(() => entitiesFromParam([{ type: "bold", offset: 0, length: 100 }], "hello", noUsers))).toBe(
      "Bad Request: entity beginning at UTF-16 offset 0 ends after the end of the text at UTF-16 offset 100",
    );
    expect(refusal(() => entitiesFromParam([{ type: "invalid_type", offset: 0, length: 1 }], "hello", noUsers))).toBe(
      "Bad Request: can't parse MessageEntity: Unsupported type specified",
    );
    expect(refusal(() => entitiesFromParam([{ type: "text_link", offset: 0, length: 5, url: "not-a-url" }], "hello", noUsers))).toBe(
      "Bad Request: entity URL 'not-a-url' is invalid: Wrong HTTP URL",
    );
    // Not an array: ignored, as Telegram ignores it.
    expect(entitiesFromParam("garbage", "hello", noUsers)).toEqual([]);
  });

  it("detects commands, mentions, hashtags and links in what users write", () => {
    expect(detectEntities("/start@emulated_bot now")).toEqual([{ type: "bot_command", offset: 0, length: 19 }]);
    expect(detectEntities("hi @someone see https://example.com/a?b=1. #news /help")).toEqual([
      { type: "mention", offset: 3, length: 8 },
      { type: "url", offset: 16, length: 25 },
      { type: "hashtag", offset: 43, length: 5 },
      { type: "bot_command", offset: 49, length: 5 },
    ]);
    expect(detectEntities("a/b and 3/4")).toEqual([]);
  });
});
