import { expect, it } from "vitest";
import { cleanTranslated, everyTranslation, pickTranslation, translatedFromLocales } from "../src/translated.js";

it("picks the reader's language when the text has it", () => {
  expect(pickTranslation({ "zh-CN": "公共厕所", en: "Public toilet" }, "en")).toBe("Public toilet");
  expect(pickTranslation({ "zh-CN": "公共厕所", en: "Public toilet" }, "zh-CN")).toBe("公共厕所");
});

it("falls back to the community's language, then to any language the text has", () => {
  // A third language with no data yet reads Chinese; a name given only in English still shows.
  expect(pickTranslation({ "zh-CN": "公共厕所", en: "Public toilet" }, "ug")).toBe("公共厕所");
  expect(pickTranslation({ "zh-CN": "", en: "Public toilet" }, "ug")).toBe("Public toilet");
  expect(pickTranslation({ en: "Public toilet" }, "zh-CN")).toBe("Public toilet");
  expect(pickTranslation({ "zh-CN": "公共厕所", en: "Public toilet" }, "ug", "en")).toBe("Public toilet");
  expect(pickTranslation({}, "en")).toBe("");
});

it("takes a default's words from every locale file", () => {
  const t = (locale: string, key: string) => `${locale}:${key}`;
  expect(translatedFromLocales(t, "category-other")).toEqual({ "zh-CN": "zh-CN:category-other", en: "en:category-other" });
});

it("trims an admin's names and refuses a blank or too long one", () => {
  expect(cleanTranslated({ "zh-CN": " 法律 ", en: "Law " }, 5)).toEqual({ ok: true, text: { "zh-CN": "法律", en: "Law" } });
  expect(cleanTranslated({ "zh-CN": "法律", en: "  " }, 5)).toEqual({ ok: false, reason: "empty" });
  expect(cleanTranslated({}, 5)).toEqual({ ok: false, reason: "empty" });
  expect(cleanTranslated({ "zh-CN": "法律", en: "Lawyers" }, 5)).toEqual({ ok: false, reason: "too-long" });
  // Characters, not UTF-16 units: an emoji is one.
  expect(cleanTranslated({ "zh-CN": "🚻🚻🚻🚻🚻", en: "Loo" }, 5)).toEqual({ ok: true, text: { "zh-CN": "🚻🚻🚻🚻🚻", en: "Loo" } });
});

it("lists every language's text, the bot's languages first whatever order jsonb keeps", () => {
  expect(everyTranslation({ en: "Law", ug: "قانۇن", "zh-CN": "法律" })).toEqual(["法律", "Law", "قانۇن"]);
  expect(everyTranslation({ en: "Law", "zh-CN": "" })).toEqual(["Law"]);
});
