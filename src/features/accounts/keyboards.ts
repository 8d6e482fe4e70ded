import { InlineKeyboard } from "grammy";
import { CallbackData } from "../../bot/callback-data.js";
import { supportedLocales } from "../../i18n.js";
import type { Translate } from "../../i18n.js";

export const languageButton = new CallbackData("lang", ["locale"]);
export const communityButton = new CallbackData("cm", ["id"]);
export const confirmCommunityButton = new CallbackData("cm-ok", ["id"]);
export const chooseAgainButton = new CallbackData("cm-again", []);

/** Each language is named in itself, so a user who cannot read the current one finds theirs. */
export function languageKeyboard(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of supportedLocales) keyboard.text(t(`language-name-${locale}`), languageButton.pack({ locale })).row();
  return keyboard;
}

export function communityKeyboard(list: ReadonlyArray<{ id: number; name: string }>): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of list) keyboard.text(c.name, communityButton.pack({ id: c.id })).row();
  return keyboard;
}

export function confirmCommunityKeyboard(id: number, t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("button-yes"), confirmCommunityButton.pack({ id })).row().text(t("community-choose-again"), chooseAgainButton.pack({}));
}
