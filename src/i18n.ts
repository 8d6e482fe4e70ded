import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";

/** A message by its key, in a language already chosen. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export const supportedLocales = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
/** Chinese first: the community speaks Simplified Chinese. */
export const defaultLocale: Locale = "zh-CN";

export const localesDirectory = fileURLToPath(new URL("../locales", import.meta.url));

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/**
 * The user's stored choice wins; otherwise Telegram's language: zh* → zh-CN, any other → en,
 * none at all → zh-CN.
 */
export function resolveLocale(stored: string | null | undefined, telegramLanguage: string | null | undefined): Locale {
  if (isLocale(stored)) return stored;
  if (!telegramLanguage) return defaultLocale;
  return telegramLanguage.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** What the i18n negotiator needs from a context: the stored choice, if loaded. */
export interface LocaleSource {
  user?: { locale: string | null } | undefined;
}

export function createI18n<C extends Context & LocaleSource>(): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: localesDirectory,
    useSession: false,
    // Ids and numbers must not get locale grouping or bidi marks; see NUMBER() in the .ftl files.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => resolveLocale(ctx.user?.locale, ctx.from?.language_code),
  });
}
