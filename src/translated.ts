import { defaultLocale, supportedLocales } from "./i18n.js";

/**
 * Text kept in data (a category's name, a reply template, a lecture topic, a volunteer
 * interest) in every language it was given in: locale → text, stored as one jsonb column. A
 * third language is a locale file and one more key in the data, no new column and no code.
 */
export type Translated = Readonly<Record<string, string>>;

/**
 * The one place a translated text is read: the reader's language, else the community's
 * (Chinese first), else whatever language it has, so a name added in one language still shows.
 */
export function pickTranslation(text: Translated, locale: string, fallback: string = defaultLocale): string {
  return text[locale] || text[fallback] || Object.values(text).find((value) => value !== "") || "";
}

/** A text in every language the bot speaks, from the locale files (defaults seeded into data). */
export function translatedFromLocales(t: (locale: string, key: string) => string, key: string): Translated {
  return Object.fromEntries(supportedLocales.map((locale) => [locale, t(locale, key)]));
}

/**
 * A name an admin typed in each language, trimmed; refused when any language is blank or longer
 * than `max` characters (names become button labels).
 */
export function cleanTranslated(text: Translated, max: number): { ok: true; text: Translated } | { ok: false; reason: "empty" | "too-long" } {
  const trimmed = Object.fromEntries(Object.entries(text).map(([locale, value]) => [locale, value.trim()]));
  const values = Object.values(trimmed);
  if (values.length === 0 || values.some((value) => value === "")) return { ok: false, reason: "empty" };
  if (values.some((value) => [...value].length > max)) return { ok: false, reason: "too-long" };
  return { ok: true, text: trimmed };
}

/**
 * Every language's text, the bot's languages first in their order (jsonb keeps keys in its own
 * order, shortest first), for admins who keep the names in all of them.
 */
export function everyTranslation(text: Translated): string[] {
  const known = supportedLocales.filter((locale) => text[locale]);
  const others = Object.keys(text).filter((locale) => text[locale] && !known.includes(locale as (typeof supportedLocales)[number]));
  return [...known, ...others].map((locale) => text[locale]!);
}
