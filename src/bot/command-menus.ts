import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { LanguageCode } from "grammy/types";
import type { Database } from "../db/client.js";
import type { GrantedRole } from "../db/schema/index.js";
import { findMember, listPrivilegedMembers } from "../features/accounts/service.js";
import { resolveLocale, supportedLocales, type Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";
import type { AppDeps } from "./deps.js";
import type { FeatureRegistry } from "./feature.js";
import { commandsFor } from "./menus.js";

/** Telegram's language_code for command lists is two letters. */
const telegramLanguage: Record<Locale, LanguageCode> = { "zh-CN": "zh", en: "en" };

function commandList(registry: FeatureRegistry, i18n: I18n<BotContext>, locale: Locale, roles: readonly GrantedRole[]) {
  return commandsFor(registry, roles).map((c) => ({ command: c.command, description: i18n.t(locale, c.descriptionKey) }));
}

/**
 * Command menus by language and scope: everyone's per Telegram language (Chinese without a
 * language), and for each member with a granted role a menu of their own in their language.
 */
export async function syncCommandMenus(api: Api, db: Database, registry: FeatureRegistry, i18n: I18n<BotContext>, logger: Logger): Promise<void> {
  await api.setMyCommands(commandList(registry, i18n, "zh-CN", []));
  for (const locale of supportedLocales) {
    await api.setMyCommands(commandList(registry, i18n, locale, []), { language_code: telegramLanguage[locale] });
  }
  const members = await listPrivilegedMembers(db);
  for (const member of members) {
    await setUserCommands(api, registry, i18n, member.userId, resolveLocale(member.locale, member.telegramLanguage), member.roles);
  }
  logger.info({ privileged: members.length }, "command menus set");
}

/** A per-chat menu: it follows the user's chosen language and shows what their roles allow. */
export async function setUserCommands(
  api: Api,
  registry: FeatureRegistry,
  i18n: I18n<BotContext>,
  userId: number,
  locale: Locale,
  roles: readonly GrantedRole[],
): Promise<void> {
  await api.setMyCommands(commandList(registry, i18n, locale, roles), { scope: { type: "chat", chat_id: userId } });
}

/** After a member's roles change: their own command menu follows. Telegram refusing it is logged, not raised. */
export async function refreshMemberCommands(deps: Pick<AppDeps, "api" | "db" | "i18n" | "logger">, registry: FeatureRegistry, userId: number): Promise<void> {
  const member = await findMember(deps.db, userId);
  if (!member) return;
  await setUserCommands(deps.api, registry, deps.i18n, member.id, resolveLocale(member.locale, member.telegramLanguage), member.roles).catch((error: unknown) =>
    deps.logger.warn({ err: error, user: userId }, "could not update a member's command menu"),
  );
}
