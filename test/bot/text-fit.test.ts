import { describe, expect, it } from "vitest";
import { CAPTION_MAX, cutAt, fitRendered, fitText, TEXT_MAX } from "../../src/bot/text-fit.js";

// Telegram counts UTF-16 code units; a cut never falls inside a character as a reader sees it.

const isWellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe("fitText", () => {
  it("leaves a text that fits as it is", () => {
    expect(fitText("垃圾堆", 3)).toBe("垃圾堆");
    expect(fitText("x".repeat(TEXT_MAX), TEXT_MAX)).toHaveLength(TEXT_MAX);
  });

  it("counts an emoji outside the BMP as two units and never splits its surrogate pair", () => {
    const emoji = "😀".repeat(500); // 1,000 units
    for (const max of [1, 2, 3, 100, 101, 999]) {
      const fitted = fitText(emoji, max);
      expect(fitted.length).toBeLessThanOrEqual(max);
      expect(fitted.endsWith("…")).toBe(true);
      expect(isWellFormed(fitted)).toBe(true);
    }
    expect(fitText(emoji, 101)).toBe(`${"😀".repeat(50)}…`);
  });

  it("keeps flags, skin tones and joined families whole", () => {
    const family = "👨‍👩‍👧‍👦"; // 11 units, one character
    expect(cutAt(`${family}${family}`, 15)).toBe(family);
    expect(cutAt("🇨🇳🇨🇳", 6)).toBe("🇨🇳");
    expect(cutAt("👍🏽👍🏽", 5)).toBe("👍🏽");
    expect(cutAt("é".normalize("NFD").repeat(3), 5)).toBe("é".normalize("NFD").repeat(2));
  });
});

describe("fitRendered", () => {
  const render = (v: Record<string, string | number>) => `Where: ${v.place}\nWhat: ${v.description}\nArea: ${v.area}`;

  it("shortens the longest flexible value so the fixed words stay whole", () => {
    const text = fitRendered(render, { place: "🏢".repeat(3000), description: "Garbage", area: "第一网格" }, ["place", "description"], TEXT_MAX);
    expect(text.length).toBeLessThanOrEqual(TEXT_MAX);
    expect(text).toMatch(/…\nWhat: Garbage\nArea: 第一网格$/);
    expect(isWellFormed(text)).toBe(true);
  });

  it("shortens several values when one is not enough, and leaves a fitting text alone", () => {
    const text = fitRendered(render, { place: "a".repeat(800), description: "😀".repeat(500), area: "x" }, ["place", "description"], CAPTION_MAX);
    expect(text.length).toBeLessThanOrEqual(CAPTION_MAX);
    expect(text.endsWith("\nArea: x")).toBe(true);
    expect(fitRendered(render, { place: "p", description: "d", area: "a" }, ["place"], CAPTION_MAX)).toBe(render({ place: "p", description: "d", area: "a" }));
  });
});
